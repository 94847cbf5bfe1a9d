"""Bars of targets across regions, shared by the compare panels and the indicator chart.

Like with like: within a panel only comparable targets (same `series`: indicator, basis, unit)
form the main series; related measures follow, lighter, their exact name under the bar.  Every
bar trace carries customdata = target_id (a click on a bar opens its sentence).
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.colors import SCOPE_PATTERNS
from dashboard.i18n import column_label, pick, scope_label, t
from dashboard.numbers import axis_number
from dashboard.safe_text import plot_text
from dashboard.series import main_series, series_key, target_status

from .style import ChartStyle
from .text import (
    COMPARATOR_PREFIX,
    NAME_LINE_WIDTH,
    bar_tags,
    bracketed,
    colon,
    format_value,
    indicator_name,
    is_missing,
    is_qualitative,
    name_lines,
    note,
    tick_label,
    wrap,
)

RELATED_OPACITY = 0.5  # related measures are drawn lighter, never as a same-coloured neighbour
LEGEND_GREY = "#777777"

# Written under a region's name where it has no bar: no target, qualitative only, or n/a here.
MISSING_NOTES = {
    "none": ("未设目标", "no target"),
    "qualitative": ("仅定性目标", "no number"),
    "not_applicable": ("口径不适用", "n/a here"),
    "no_start": ("无起点水平", "no starting level"),  # measure "ambition": series.NO_START
    "no_population": ("无人口数据", "no population figure"),
}
DERIVED = ("换算", "derived")  # how a per-year or per-10k figure was made, on hover


def scope_marker(color: str, scopes) -> dict:
    """Region colour with a white pattern per scope.  bgcolor is set explicitly: the
    plotly.js bundled with Streamlit otherwise leaves patterned bars transparent."""
    return dict(color=color, line=dict(color=color, width=1),
                pattern=dict(shape=[SCOPE_PATTERNS.get(s, "") for s in scopes], fillmode="replace",
                             bgcolor=color, fgcolor="white", solidity=0.3))


def hover(record: dict, lang: str, measure_unit: str) -> str:
    """A bar's hover: region and indicator, the plan's wording, value, scope, year, baseline, how
    it was derived, and the sentence it came from."""
    name = indicator_name(record, lang)
    parts = [f"<b>{plot_text(record['region_label'])}</b> · {plot_text(name)}"]
    raw = record.get("raw_name")
    if isinstance(raw, str) and raw.strip() and raw != name:
        parts.append(f"{column_label('raw_name', lang)}: {plot_text(raw)}")
    parts += [
        plot_text(format_value(record["shown_value"], measure_unit, record.get("comparator"), lang)),
        f"{t('measure', lang)}: {plot_text(scope_label(record.get('scope'), lang))}",
    ]
    if not is_missing(record.get("target_year")):
        parts.append(f"{column_label('target_year', lang)}: {int(record['target_year'])}")
    if not is_missing(record.get("baseline")):
        baseline = format_value(record["baseline"], record.get("unit_std") or "", lang=lang)
        parts.append(f"{t('baseline', lang)}: {plot_text(baseline)}")
    derived = record.get("shown_from")
    if isinstance(derived, str) and derived:
        parts.append(f"{pick(DERIVED, lang)}: {wrap(derived, 40)}")
    if record.get("related"):
        parts.append(plot_text(t("key_related", lang)))
    parts.append(f"{column_label('quote', lang)}: {wrap(record.get('quote'))}")
    return "<br>".join(parts)


def _bar_text(bar: dict, lang: str, with_scope: bool) -> str:
    """The label above a bar: its value (≥3.5万), and with_scope its scope and year on a second line."""
    value = COMPARATOR_PREFIX.get(bar.get("comparator") or "", "") + axis_number(bar["shown_value"], bar.get("shown_unit"), lang)
    if not with_scope:
        return value
    year = "" if is_missing(bar.get("target_year")) else " " + str(int(bar["target_year"]))
    return f"{value}<br><span style='font-size:0.85em'>{scope_label(bar.get('scope'), lang, short=True)}{year}</span>"


def region_bar_traces(bars: list[dict], region_ids: list[str], region_labels: dict[str, str], style: ChartStyle,
                      with_scope_in_text: bool, meta_extra: dict, show_legend: bool = True) -> list[go.Bar]:
    """One bar trace per region in region order; customdata is each bar's target_id."""
    traces = []
    for rank, region_id in enumerate(region_ids, start=1):
        mine = [b for b in bars if b["region_id"] == region_id]
        if not mine:
            continue
        marker = scope_marker(style.color(region_id), [b.get("scope") for b in mine])
        marker["opacity"] = [RELATED_OPACITY if b.get("related") else 1.0 for b in mine]
        traces.append(go.Bar(
            x=[b["x_label"] for b in mine], y=[b["shown_value"] for b in mine], name=plot_text(region_labels[region_id]),
            legendgroup=region_id, legendrank=rank, showlegend=show_legend, marker=marker,
            text=[_bar_text(b, style.lang, with_scope_in_text) for b in mine], textposition="outside", cliponaxis=False,
            hovertext=[hover(b, style.lang, b.get("shown_unit") or "") for b in mine], hoverinfo="text",
            customdata=[b["target_id"] for b in mine], meta={"region_id": region_id, **meta_extra},
        ))
    return traces


# --- series of comparable targets within a panel ----------------------------------------------

def _series_name(record: dict, lang: str, with_scope: bool) -> str:
    name = indicator_name(record, lang)
    if with_scope and not str(series_key(record)).split("·")[1:2] == ["per_year"]:
        name += bracketed(scope_label(record.get("scope"), lang, short=True), lang)
    return name


def panel_series(records: list[dict], region_ids: list[str], lang: str,
                 main_indicator: str | None = None) -> list[tuple[str, str, list[dict]]]:
    """(series key, its full name, its rows) of one panel's numeric rows, the main series first
    (dashboard.series.main_series decides it, for every page alike), then the others
    by how many regions share them; ties keep the dictionary's order of first appearance."""
    order = {rid: i for i, rid in enumerate(region_ids)}
    rows = [r for r in records if not is_qualitative(r) and r["region_id"] in order and not is_missing(r.get("shown_value"))]
    rows.sort(key=lambda r: (order[r["region_id"]], str(r["target_id"])))
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(series_key(r), []).append(r)
    main = main_series(rows, main_indicator)
    indicators = {g[0].get("indicator_id") for g in groups.values()}
    with_scope = len(groups) > len(indicators)  # one indicator at two scopes: the scope tells them apart
    ranked = sorted(groups.items(), key=lambda kv: (kv[0] != main, -len({r["region_id"] for r in kv[1]})))
    return [(key, _series_name(rows_[0], lang, with_scope), rows_) for key, rows_ in ranked]


def panel_key(series: list[tuple[str, str, list[dict]]], lang: str, how: str = "",
              records: list[dict] | None = None) -> str:
    """The panel's one-line key: same indicator and basis / converted (how) / related measures; for a
    panel with nothing to draw under this measure (`records`: its rows), why (empty_reason)."""
    if not series:
        return empty_reason(records or [], lang)
    if len(series) > 1:
        return t("key_related", lang) + colon(lang) + " ｜ ".join(name for _k, name, _r in series)
    converted = [r for r in series[0][2] if isinstance(r.get("shown_from"), str) and "÷" in r["shown_from"]]
    return t("key_converted", lang, how=how) if converted and how else t("key_same", lang)


def _per_10k(row: dict) -> bool:
    return str(row.get("shown_unit") or "").endswith("/万人")


def _no_population(rows: list[dict]) -> bool:
    """Rows with a number that per 10,000 residents cannot show because their region has no population
    figure (the ETL divides only where it has one)."""
    numeric = [r for r in rows if not is_qualitative(r) and not is_missing(r.get("value_std"))]
    return bool(numeric) and all(_per_10k(r) and is_missing(r.get("population_10k")) for r in numeric)


def empty_reason(records: list[dict], lang: str) -> str:
    """Why a panel draws no bar although its regions set numbers: per 10,000 residents, no population
    figure for any of them, or numbers that are not divided by residents (bodies, rights, rates); per
    plan year, levels without a starting point.  "" when it has no number at all (its slots say so)."""
    numeric = [r for r in records if not is_qualitative(r) and not is_missing(r.get("value_std"))]
    if not numeric:
        return ""
    if any(_per_10k(r) for r in numeric):
        return t("empty_no_population" if _no_population(numeric) else "empty_not_divided", lang)
    if any(str(r.get("shown_unit") or "").endswith("/年") for r in numeric):
        return t("empty_no_yearly", lang)
    return ""


def conversion_how(bars: list[dict], lang: str) -> str:
    """How the panel's figures were converted (÷ plan years, ÷ residents), from their derivations."""
    derived = " ".join(b["shown_from"] for b in bars if isinstance(b.get("shown_from"), str))
    if "规划年" in derived:
        return t("conv_peryear", lang)
    if "万人" in derived and "÷" in derived:
        return t("conv_per10k", lang)
    return ""


def with_notes(region_labels: dict[str, str], notes: dict[str, str] | None, lang: str = "zh") -> dict[str, str]:
    """Region names with their plan's note (征求意见稿·县级市 …) for a legend."""
    notes = notes or {}
    return {rid: label + bracketed(notes[rid], lang) if notes.get(rid) else label for rid, label in region_labels.items()}


def _region_tick(region_id: str, region_labels: dict[str, str], region_notes: dict[str, str], note_size: int) -> str:
    region_note = region_notes.get(region_id)
    return tick_label(region_labels[region_id]) + (f"<br>{note(region_note, note_size)}" if region_note else "")


def _under(lines: list[str], note_size: int) -> str:
    return "".join(f"<br>{note(line, note_size)}" for line in lines)


def _unique(label: str, used: set[str]) -> str:
    """x categories must differ: a region's second bar has no name of its own above its notes, and
    two regions' second bars may carry the same note; an invisible zero-width space tells them apart."""
    while label in used:
        label += "\u200b"
    used.add(label)
    return label


def series_bars(series, region_ids: list[str], region_labels: dict[str, str], lang: str,
                note_size: int, tick_notes: dict[str, str], line_width: int = NAME_LINE_WIDTH) -> list[dict]:
    """Bars in x order, region by region: a region's bars stand together (its main-series bars, then
    its related measures', lighter, each named under the bar), and its name is written once, under
    the first — a region never appears twice on a chart, nor as an empty slot beside its own bar."""
    bars: list[dict] = []
    used: set[str] = set()
    for region_id in region_ids:
        first = True
        for index, (_key, name, rows) in enumerate(series):
            mine = [dict(r) for r in rows if r["region_id"] == region_id]
            extra = bar_tags(mine, lang) if len(mine) > 1 else [None] * len(mine)
            for r, own in zip(mine, extra):
                parts = [p for p in ((name if len(series) > 1 else None), own) if p]
                r.update(region_label=region_labels[region_id], tag=" ".join(parts) or None, series_name=name,
                         related=index > 0)
                notes = _under([line for p in parts for line in name_lines(p, line_width)], note_size)
                head = _region_tick(region_id, region_labels, tick_notes, note_size) if first else ""
                r["x_label"] = _unique(head + (notes if head else notes.removeprefix("<br>")), used)
                first = False
                bars.append(r)
    return bars


def series_slots(records: list[dict], series, region_ids: list[str], region_labels: dict[str, str], lang: str,
                 note_size: int, tick_notes: dict[str, str],
                 line_width: int = NAME_LINE_WIDTH) -> list[tuple[str, str, str]]:
    """(region, x label, text): a slot for each region without any bar in the panel, saying why —
    no target, qualitative only, or n/a for this measure (comparisons.target_status decides; a
    region with a related measure has its bar instead)."""
    drawn = {r["region_id"] for _k, _n, rows in series for r in rows}
    main = series[0][0] if series else None
    slots = []
    for rid in region_ids:
        if rid in drawn:
            continue
        mine = [r for r in records if r["region_id"] == rid]
        status = target_status(mine, main)
        if status == "not_applicable" and _no_population(mine):  # say why, not only that
            status = "no_population"
        text = pick(MISSING_NOTES.get(status, MISSING_NOTES["none"]), lang)
        lines = name_lines(text, line_width)
        slots.append((rid, _region_tick(rid, region_labels, tick_notes, note_size) + _under(lines, note_size), text))
    return slots


def missing_trace(slots: list[tuple[str, str, str]], region_labels: dict[str, str], meta: dict) -> go.Scatter | None:
    """An invisible point per region without a bar.  plotly only shows categories that some
    trace uses, so this keeps the region's slot (and its note, written in the tick label
    below the axis, where it can never collide with the baseline or a tick)."""
    if not slots:
        return None
    return go.Scatter(
        x=[label for _, label, _ in slots], y=[0] * len(slots), mode="markers", marker=dict(opacity=0, size=1),
        text=[plot_text(text) for _, _, text in slots], hoverinfo="text",
        hovertext=[plot_text(f"{region_labels[rid]}: {text}") for rid, _, text in slots],
        showlegend=False, name="missing", meta=meta,
    )


def series_legend(series, lang: str) -> list[go.Bar]:
    """Legend entries naming each series where a chart has several (the related ones lighter)."""
    return [go.Bar(x=[None], y=[None], name=plot_text(name if index == 0 else t("key_related", lang) + colon(lang) + name),
                   marker=dict(color=LEGEND_GREY, opacity=1.0 if index == 0 else RELATED_OPACITY),
                   showlegend=True, legendrank=200 + index, hoverinfo="skip")
            for index, (_key, name, _rows) in enumerate(series if len(series) > 1 else [])]


def fitted_line_width(slots: int, panel_px: float, note_size: int) -> int:
    """Display columns per line under a bar so that `slots` bars' notes side by side in a panel
    `panel_px` wide never run into each other (a column is half a CJK character, about note_size/2
    px; two columns kept as a gap); never wider than NAME_LINE_WIDTH, never under two characters."""
    fitting = int(panel_px / max(slots, 1) / (note_size * 0.62)) - 2
    return max(4, min(NAME_LINE_WIDTH, fitting))


def series_categories(bars: list[dict], slots: list[tuple[str, str, str]], region_ids: list[str]) -> list[str]:
    """x order: region by region, its bars together (series_bars' order) or its slot."""
    missing = {rid: label for rid, label, _ in slots}
    order = []
    for rid in region_ids:
        order.extend([b["x_label"] for b in bars if b["region_id"] == rid] or ([missing[rid]] if rid in missing else []))
    return list(dict.fromkeys(order))
