"""Figure builders: plain functions, DataFrame in → plotly Figure out.  No Streamlit here.

Every figure carries its own title, unit line and source line (so a PNG exported from the
toolbar stands on its own), uses a CJK-capable font, and colours regions through the map
the caller passes (dashboard.colors), so a region looks the same on every chart.

Callers pass plain text (titles, names, units, quotes): plotly reads a subset of HTML in
every string it draws, so each builder escapes text itself (dashboard.safe_text.plot_text)
right where it adds its own markup (<b>, <br>, <span>) around it.
"""

from __future__ import annotations

import math
import os
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.colors import COVERAGE_COLORS, SCOPE_PATTERNS, UNMAPPED_COLOR, UNMAPPED_COVERAGE_COLORS
from dashboard.i18n import COVERAGE_LABELS, category_label, pick, scope_label, t
from dashboard.safe_text import plot_text
from etl.schema import CATEGORY_VALUES, UNMAPPED

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
COMPARATOR_PREFIX = {">=": "≥", "<=": "≤", "≈": "≈", "=": "", "range": ""}
COVERAGE_CODE = {"none": 0, "qualitative": 1, "quantitative": 2}
COVERAGE_SYMBOL = {"none": "·", "qualitative": "▲", "quantitative": "■"}
MISSING_COLOR = "#888888"
CATEGORY_ORDER = CATEGORY_VALUES  # the five links, then the unmapped group


# --- shared finishing ----------------------------------------------------------------------

def finish(fig: go.Figure, title: str, source: str, units: str = "", present: bool = False,
           height: int = 480, has_legend: bool = True) -> go.Figure:
    """Title (and unit line) on top; legend and source line at the bottom, placed in pixels
    from the figure's edge so they never run into the axis labels whatever the height."""
    base = 20 if present else 13
    bottom = (170 if present else 140) if has_legend else (90 if present else 70)
    fig.update_layout(
        height=height,
        font=dict(family=FONT_FAMILY, size=base, color="#222222"),
        title=dict(text=f"<b>{plot_text(title)}</b>", x=0.01, xanchor="left", yref="container", y=1 - 14 / height,
                   yanchor="top", font=dict(size=base + 6),
                   subtitle=dict(text=wrap_line(units, 110 if present else 100), font=dict(size=base - 1, color="#555555"))),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=70, r=30, t=((130 if present else 110) + (base + 4) * wrap_line(units, 110 if present else 100).count("<br>"))
                    if units else (95 if present else 80), b=bottom),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=base)),
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=(base * 2 + 16) / height,
                    yanchor="bottom", font=dict(size=base)),
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.add_annotation(text=plot_text(source), xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 8),
                       xanchor="left", yanchor="bottom", showarrow=False,
                       font=dict(size=base - 2, color="#666666"), name="source_line")
    return fig


def image_config(filename: str, image_format: str = "png") -> dict:
    """plotly config: toolbar download at 3× scale with a meaningful file name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in filename).strip("_") or "chart"
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": safe, "scale": 3},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def wrap_line(text: str, width: int) -> str:
    """Break a subtitle into lines of at most `width` display columns (a CJK character is 2),
    each line escaped for plotly (escaping first could split an entity such as &lt;)."""
    lines, current = [], ""
    for token in text.replace("；", "；\n").replace("; ", "; \n").split("\n"):
        # A long token breaks between words first (English), else between characters (Chinese).
        words = [w + " " for w in token.split(" ")] if " " in token else [token]
        words[-1] = words[-1].rstrip(" ")
        pieces = [piece for word in words for piece in ([word] if _display_width(word) <= width else list(word))]
        for piece in pieces:
            if current and _display_width(current + piece) > width:
                lines.append(current)
                current = piece
            else:
                current += piece
    if current:
        lines.append(current)
    return "<br>".join(plot_text(line.strip()) for line in lines)


def wrap(text: str | None, width: int = 28) -> str:
    """Hover text for a long Chinese quote: break it into lines plotly can show."""
    if not isinstance(text, str) or not text:
        return ""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width=width)) or plot_text(text)


def format_value(value, unit: str = "", comparator: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:,.3g}"
    return f"{COMPARATOR_PREFIX.get(comparator or '', '')}{number}{unit or ''}"


# --- overview: coverage matrix ---------------------------------------------------------------

def category_rank(category) -> int:
    """Sort key: the five links in the plans' own order (创造 → 运用 → 保护 → 管理 → 服务), then
    the unmapped group, then anything else."""
    return CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)


def shown_category(category: str, lang: str) -> str:
    """A category's name for a figure; the unmapped group in grey, so it never reads as a sixth link."""
    label = plot_text(category_label(category, lang))
    return f"<span style='color:{UNMAPPED_COLOR}'>{label}</span>" if category == UNMAPPED else label


def _coverage_colorscale() -> list:
    """Six equal bands for codes 0-5: none, qualitative, quantitative; then the same in grey (unmapped)."""
    colors = [COVERAGE_COLORS[k] for k in COVERAGE_CODE] + [UNMAPPED_COVERAGE_COLORS[k] for k in COVERAGE_CODE]
    bands = len(colors)
    return [stop for i, color in enumerate(colors) for stop in ([i / bands, color], [(i + 1) / bands, color])]


def _family_label(row, lang: str) -> str:
    if row.category == UNMAPPED:
        return t("unmapped_family", lang)
    english = row.family_en if lang == "en" and isinstance(row.family_en, str) and row.family_en else None
    return english or row.family_zh or row.family


def coverage_matrix(coverage: pd.DataFrame, region_labels: dict[str, str], lang: str,
                    title: str, source: str, present: bool = False) -> go.Figure:
    """Regions (columns) × indicator families (rows); cell colour and symbol give the status.

    `coverage` has region_id, family, family_zh, family_en, category, status, n_quantitative,
    n_qualitative (queries.coverage()).  Unmapped targets form a last, grey row group.
    """
    fams = coverage.drop_duplicates("family")[["family", "family_zh", "family_en", "category"]]
    fams = fams.assign(_rank=fams["category"].map(category_rank)).sort_values("_rank", kind="stable")
    family_labels = [plot_text(_family_label(row, lang)) for row in fams.itertuples()]
    category_labels = [shown_category(c, lang) for c in fams["category"]]
    region_ids = list(region_labels)
    x_labels = [plot_text(region_labels[r]) for r in region_ids]
    status = coverage.pivot_table(index="family", columns="region_id", values="status", aggfunc="first")
    status = status.reindex(index=list(fams["family"]), columns=region_ids).fillna("none").values.tolist()
    grey = [3 if category == UNMAPPED else 0 for category in fams["category"]]
    z = [[COVERAGE_CODE[s] + grey[i] for s in row] for i, row in enumerate(status)]
    text = [[COVERAGE_SYMBOL[s] for s in row] for row in status]
    hover = [[f"{x_labels[j]} · {family_labels[i]}<br>{pick(COVERAGE_LABELS[s], lang)}"
              for j, s in enumerate(row)] for i, row in enumerate(status)]
    fig = go.Figure(go.Heatmap(
        z=z, x=x_labels, y=[category_labels, family_labels], zmin=0, zmax=5, colorscale=_coverage_colorscale(),
        showscale=False, text=text, texttemplate="%{text}", textfont=dict(color="white", size=16 if present else 12),
        hovertext=hover, hoverinfo="text", xgap=3, ygap=3, name="coverage",
    ))
    for status_key in ("quantitative", "qualitative", "none"):  # legend entries, colour + symbol
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"{COVERAGE_SYMBOL[status_key]} {pick(COVERAGE_LABELS[status_key], lang)}",
                                 marker=dict(symbol="square", size=14, color=COVERAGE_COLORS[status_key]),
                                 hoverinfo="skip", showlegend=True))
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True, showdividers=True, dividercolor="#999999")
    fig.update_xaxes(side="top", showgrid=False, automargin=True)
    row_height = 34 if present else 26
    finish(fig, title, source, present=present, height=row_height * len(family_labels) + 300)
    fig.update_layout(margin=dict(t=150 if present else 130))
    return fig


# --- compare by category: small multiples ----------------------------------------------------

# Units of counted things: their axes get whole-number ticks (never "0.5 家").
COUNT_UNITS = frozenset({"家", "个", "件", "项", "项次", "人", "人次", "名", "位", "次", "场", "户", "所", "座",
                         "批", "期", "篇", "部", "条"})
NOTE_COLOR = "#777777"
TAG_MAX_WIDTH = 14  # display columns (7 CJK characters) of the note under a bar that tells it apart


def _scope_marker(color: str, scopes) -> dict:
    """Region colour with a white pattern per scope.  bgcolor is set explicitly: the
    plotly.js bundled with Streamlit otherwise leaves patterned bars transparent."""
    return dict(color=color, line=dict(color=color, width=1),
                pattern=dict(shape=[SCOPE_PATTERNS.get(s, "") for s in scopes], fillmode="replace",
                             bgcolor=color, fgcolor="white", solidity=0.3))


def indicator_name(row, lang: str) -> str:
    """Canonical name in the language asked, else Chinese, else the plan's own wording."""
    for column in (("indicator_en", "indicator_zh") if lang == "en" else ("indicator_zh",)) + ("raw_name",):
        value = row.get(column) if isinstance(row, dict) else getattr(row, column, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _is_qualitative(record: dict) -> bool:
    value = record.get("qualitative")
    return bool(value) and not _missing(value)


def _records(frame: pd.DataFrame) -> list[dict]:
    """The frame as plain dicts: building dozens of panels from pandas slices is slow
    (a compare page rerun must stay cheap), plain Python is not."""
    return frame.to_dict("records")


def _bar_text(record: dict) -> str:
    return format_value(record["shown_value"], "", record.get("comparator"))


def _hover(record: dict, lang: str, measure_unit: str) -> str:
    name = indicator_name(record, lang)
    parts = [f"<b>{plot_text(record['region_label'])}</b> · {plot_text(name)}"]
    raw = record.get("raw_name")
    if isinstance(raw, str) and raw.strip() and raw != name:
        parts.append(f"{'方案用语' if lang != 'en' else 'plan wording'}: {plot_text(raw)}")
    parts += [
        plot_text(format_value(record["shown_value"], measure_unit, record.get("comparator"))),
        f"{t('measure', lang)}: {plot_text(scope_label(record.get('scope'), lang))}",
    ]
    if not _missing(record.get("target_year")):
        parts.append(f"{'目标年' if lang != 'en' else 'year'}: {int(record['target_year'])}")
    if not _missing(record.get("baseline")):
        parts.append(f"{t('baseline', lang)}: {plot_text(format_value(record['baseline'], record.get('unit_std') or ''))}")
    derived = record.get("shown_from")
    if isinstance(derived, str) and derived:
        parts.append(f"{'换算' if lang != 'en' else 'derived'}: {wrap(derived, 40)}")
    if record.get("related"):
        parts.append(plot_text(t("key_related", lang)))
    parts.append(f"{'原文' if lang != 'en' else 'quote'}: {wrap(record.get('quote'))}")
    return "<br>".join(parts)


def shorten(text: str, width: int = TAG_MAX_WIDTH) -> str:
    """Head…tail of a long wording: Chinese indicator names differ at both ends
    (省级/市级 … 中心/园区), so the middle is what goes."""
    if _display_width(text) <= width:
        return text
    budget = width - 1  # the ellipsis takes one column
    head = ""
    for ch in text:
        if _display_width(head + ch) > budget // 2:
            break
        head += ch
    tail = ""
    for ch in reversed(text[len(head):]):
        if _display_width(head + ch + tail) > budget:
            break
        tail = ch + tail
    return f"{head}…{tail}"


def _differing_parts(names: list[str]) -> list[str]:
    """The names without what they all share at the start and end (建成省级/建成市级…中心 → 省级/市级)."""
    prefix = len(os.path.commonprefix(names))
    suffix = len(os.path.commonprefix([n[::-1] for n in names]))
    parts = [n[prefix:len(n) - suffix] if suffix else n[prefix:] for n in names]
    return names if any(not p.strip("，、 ") for p in parts) else parts


def bar_tags(rows: list[dict], lang: str) -> list[str]:
    """Short notes telling one region's several bars in a panel apart: the scope when each
    differs, else the differing part of the plan's wording, else the target year; numbered
    when nothing tells them apart (the plan states the same target twice)."""
    scopes = [scope_label(r.get("scope"), lang, short=True) for r in rows]
    names = [str(r.get("raw_name") or indicator_name(r, lang)) for r in rows]
    years = [str(int(r["target_year"])) if not _missing(r.get("target_year")) else "" for r in rows]
    if len(set(scopes)) == len(rows):
        tags = scopes
    elif len(set(names)) == len(rows):
        tags = [shorten(part) for part in _differing_parts(names)]
    elif len(set(years)) == len(rows) and all(years):
        tags = years
    else:
        tags = [shorten(name) for name in names]
    if len(set(tags)) < len(tags):
        tags = [f"{tag}({i})" for i, tag in enumerate(tags, start=1)]
    return tags


def _note(text: str, size: int) -> str:
    return f"<span style='font-size:{size}px;color:{NOTE_COLOR}'>{plot_text(text)}</span>"


def tick_label(name: str) -> str:
    """A region name as an axis tick: multi-word names on two lines so neighbours never collide."""
    name = plot_text(name)
    return name.replace(" ", "<br>", 1) if " " in name else name


def several_bars_per_region(frame: pd.DataFrame) -> bool:
    """Does any region have more than one numeric row in one family (so bars carry tags)?"""
    numeric = frame[~frame["qualitative"].fillna(False).astype(bool) & frame["shown_value"].notna()]
    return bool(numeric.groupby(["family", "region_id"], dropna=False).size().gt(1).any())


# Written under a region's name where it has no bar: no target, qualitative only, or n/a here.
MISSING_NOTES = {
    "none": ("未设目标", "no target"),
    "qualitative": ("仅定性目标", "no number"),
    "not_applicable": ("口径不适用", "n/a here"),
}


def _missing_text(records: list[dict], region_id: str, lang: str) -> str | None:
    """What to write where a region has no bar: no target, qualitative only, or n/a here."""
    mine = [r for r in records if r["region_id"] == region_id]
    if not mine:
        return pick(MISSING_NOTES["none"], lang)
    numeric = [r for r in mine if not _is_qualitative(r)]
    if not numeric:
        return pick(MISSING_NOTES["qualitative"], lang)
    if all(_missing(r.get("shown_value")) for r in numeric):
        return pick(MISSING_NOTES["not_applicable"], lang)
    return None


def _missing_trace(slots: list[tuple[str, str, str]], region_labels: dict[str, str], meta: dict) -> go.Scatter | None:
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


def _region_bar_traces(bars: list[dict], region_ids: list[str], region_labels: dict[str, str],
                       colors: dict[str, str], lang: str, with_scope_in_text: bool, meta_extra: dict,
                       show_legend: bool = True) -> list[go.Bar]:
    traces = []
    for rank, region_id in enumerate(region_ids, start=1):
        mine = [b for b in bars if b["region_id"] == region_id]
        if not mine:
            continue
        if with_scope_in_text:
            text = [f"{_bar_text(b)}<br><span style='font-size:0.85em'>{scope_label(b.get('scope'), lang, short=True)}"
                    f"{'' if _missing(b.get('target_year')) else ' ' + str(int(b['target_year']))}</span>" for b in mine]
        else:
            text = [_bar_text(b) for b in mine]
        color = colors.get(region_id, MISSING_COLOR)
        marker = _scope_marker(color, [b.get("scope") for b in mine])
        marker["opacity"] = [RELATED_OPACITY if b.get("related") else 1.0 for b in mine]
        traces.append(go.Bar(
            x=[b["x_label"] for b in mine], y=[b["shown_value"] for b in mine], name=plot_text(region_labels[region_id]),
            legendgroup=region_id, legendrank=rank, showlegend=show_legend, marker=marker,
            text=text, textposition="outside", cliponaxis=False,
            hovertext=[_hover(b, lang, b.get("shown_unit") or "") for b in mine], hoverinfo="text",
            customdata=[b["target_id"] for b in mine], meta={"region_id": region_id, **meta_extra},
        ))
    return traces


def whole_number_step(top: float, max_ticks: int = 4) -> int:
    """The smallest 1-2-5 step that puts at most `max_ticks` ticks above zero up to `top`."""
    for exponent in range(16):
        for multiple in (1, 2, 5):
            step = multiple * 10 ** exponent
            if top / step <= max_ticks:
                return step
    return 10 ** 16


def value_axis(values: list[float], units: set[str]) -> dict:
    """y axis of one panel.  Room above the tallest bar for its label; whole-number ticks
    when the panel counts things (家, 件, 人 …); no axis at all when the panel has no bar
    (a bare 0–1 scale would suggest a value)."""
    if not values:
        return dict(visible=False, range=[0, 1], fixedrange=True)
    top, low = max(max(values), 0.0), min(min(values), 0.0)
    axis = dict(visible=True, range=[low * 1.1, top * 1.22 if top > 0 else 1.0])
    if units and units <= COUNT_UNITS and all(float(v).is_integer() for v in values):
        axis.update(tickmode="linear", tick0=0, dtick=whole_number_step(top), tickformat=",d")
    return axis


# --- like with like: series of comparable targets within a panel ---------------------------

RELATED_OPACITY = 0.5  # related measures are drawn lighter, never as a same-coloured neighbour


def _series_of(record: dict) -> str:
    """Targets with equal series are comparable (dashboard.queries.with_comparability sets it;
    without it: indicator, scope and the shown unit)."""
    series = record.get("series")
    if isinstance(series, str) and series:
        return series
    name = record.get("indicator_id") or record.get("indicator_zh") or record.get("raw_name")
    return f"{name}·{record.get('scope')}·{record.get('shown_unit')}"


def _series_name(record: dict, lang: str, with_scope: bool) -> str:
    name = indicator_name(record, lang)
    if with_scope and not str(_series_of(record)).split("·")[1:2] == ["per_year"]:
        name += f"（{scope_label(record.get('scope'), lang, short=True)}）"
    return name


def panel_series(records: list[dict], region_ids: list[str], lang: str) -> list[tuple[str, str, list[dict]]]:
    """(series key, its full name, its rows) of one panel's numeric rows, the series most regions
    share first (it is the panel's main series); ties keep the dictionary's order of first appearance."""
    order = {rid: i for i, rid in enumerate(region_ids)}
    rows = [r for r in records if not _is_qualitative(r) and r["region_id"] in order and not _missing(r.get("shown_value"))]
    groups: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: (order[r["region_id"]], str(r["target_id"]))):
        groups.setdefault(_series_of(r), []).append(r)
    indicators = {g[0].get("indicator_id") for g in groups.values()}
    with_scope = len(groups) > len(indicators)  # one indicator at two scopes: the scope tells them apart
    ranked = sorted(groups.items(), key=lambda kv: -len({r["region_id"] for r in kv[1]}))
    return [(key, _series_name(rows_[0], lang, with_scope), rows_) for key, rows_ in ranked]


def series_tags(names: list[str]) -> list[str]:
    """The series' exact names, for writing under their bars (split into lines by name_lines)."""
    return list(names)


NAME_LINE_WIDTH = 10  # display columns (5 CJK characters) per line under a bar: five slots fit half a 1280 px page


def name_lines(name: str, width: int = NAME_LINE_WIDTH) -> list[str]:
    """An indicator's exact name in lines of at most `width` display columns (no word is cut off:
    a reader of a screenshot must see the whole name under the bar)."""
    lines, current = [], ""
    for ch in name:
        if current and _display_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    return lines + ([current] if current else [])


def panel_key(series: list[tuple[str, str, list[dict]]], lang: str, how: str = "") -> str:
    """The panel's one-line key: same indicator and basis / converted (how) / related measures."""
    if not series:
        return ""
    if len(series) > 1:
        return t("key_related", lang) + ("：" if lang != "en" else ": ") + " ｜ ".join(name for _k, name, _r in series)
    converted = [r for r in series[0][2] if isinstance(r.get("shown_from"), str) and "÷" in r["shown_from"]]
    return t("key_converted", lang, how=how) if converted and how else t("key_same", lang)


def _series_bars(series, region_ids: list[str], region_labels: dict[str, str], lang: str,
                 note_size: int, region_notes: dict[str, str]) -> list[dict]:
    """Bars in x order: the main series region by region, then each related series, every bar of a
    related series labelled with what it is (its tag) under the region's name and drawn lighter."""
    tags = series_tags([name for _k, name, _r in series])
    bars: list[dict] = []
    for index, ((_key, name, rows), tag) in enumerate(zip(series, tags)):
        by_region: dict[str, list[dict]] = {}
        for r in rows:
            by_region.setdefault(r["region_id"], []).append(dict(r))
        for region_id in region_ids:
            mine = by_region.get(region_id, [])
            extra = bar_tags(mine, lang) if len(mine) > 1 else [None] * len(mine)
            for r, own in zip(mine, extra):
                parts = [p for p in ((tag if len(series) > 1 else None), own) if p]
                r.update(region_label=region_labels[region_id], tag=" ".join(parts) or None, series_name=name,
                         related=index > 0)
                label = _region_tick(region_id, region_labels, region_notes, note_size)
                r["x_label"] = label + "".join(f"<br>{_note(line, note_size)}" for p in parts for line in name_lines(p))
                bars.append(r)
    return bars


def _with_notes(region_labels: dict[str, str], notes: dict[str, str] | None) -> dict[str, str]:
    """Region names with their plan's note (征求意见稿·县级市 …) for a legend."""
    notes = notes or {}
    return {rid: f"{label}（{notes[rid]}）" if notes.get(rid) else label for rid, label in region_labels.items()}


def _region_tick(region_id: str, region_labels: dict[str, str], region_notes: dict[str, str], note_size: int) -> str:
    note = region_notes.get(region_id)
    return tick_label(region_labels[region_id]) + (f"<br>{_note(note, note_size)}" if note else "")


def _series_slots(records: list[dict], series, region_ids: list[str], region_labels: dict[str, str], lang: str,
                  note_size: int, region_notes: dict[str, str]) -> list[tuple[str, str, str]]:
    """A slot in the main series for each region without a bar there: "设定了相关指标：…" when it set
    a related measure of the family, else no target / qualitative only / n/a here."""
    main = {r["region_id"] for r in series[0][2]} if series else set()
    tags = series_tags([name for _k, name, _r in series])
    slots = []
    for rid in region_ids:
        if rid in main:
            continue
        related = [tag for (_k, _n, rows), tag in zip(series[1:], tags[1:]) if any(r["region_id"] == rid for r in rows)]
        text = (t("related_set", lang) + "、".join(related)) if related else _missing_text(records, rid, lang)
        if text:
            tick = _region_tick(rid, region_labels, region_notes, note_size)
            lines = (name_lines(t("related_set", lang)) + [line for tag in related for line in name_lines(tag)]
                     if related else [text])
            slots.append((rid, tick + "".join(f"<br>{_note(line, note_size)}" for line in lines), text))
    return slots


def _series_legend(fig: go.Figure, series, lang: str) -> None:
    """Where a chart has several series, each is named in the legend (the related ones lighter)."""
    for index, (_key, name, _rows) in enumerate(series if len(series) > 1 else []):
        fig.add_trace(go.Bar(x=[None], y=[None], name=plot_text(name if index == 0 else f"{t('key_related', lang)}：{name}"),
                             marker=dict(color="#777777", opacity=1.0 if index == 0 else RELATED_OPACITY),
                             showlegend=True, legendrank=200 + index, hoverinfo="skip"))


def _series_categories(bars: list[dict], slots: list[tuple[str, str, str]], region_ids: list[str]) -> list[str]:
    """x order: the main series (bars and slots) region by region, then the related series' bars."""
    missing = {rid: label for rid, label, _ in slots}
    order = []
    for rid in region_ids:
        order.extend([b["x_label"] for b in bars if b["region_id"] == rid and not b.get("related")]
                     or ([missing[rid]] if rid in missing else []))
    order.extend(b["x_label"] for b in bars if b.get("related"))
    return list(dict.fromkeys(order))


def _compare_panel(panel: list[dict], region_ids: list[str], region_labels: dict[str, str], colors: dict[str, str],
                   lang: str, note_size: int, meta: dict,
                   region_notes: dict[str, str] | None = None) -> tuple[list, list[str], dict, str]:
    """Traces, x order, y axis and one-line key of one family's panel: comparable targets as one
    series, related measures beside them, labelled and lighter."""
    series = panel_series(panel, region_ids, lang)
    bars = _series_bars(series, region_ids, region_labels, lang, note_size, region_notes or {})
    slots = _series_slots(panel, series, region_ids, region_labels, lang, note_size, region_notes or {})
    traces: list = _region_bar_traces(bars, region_ids, region_labels, colors, lang, False,
                                      meta, show_legend=False)
    missing = _missing_trace(slots, region_labels, meta)
    if missing is not None:
        traces.append(missing)
    units = {b["shown_unit"] for b in bars if b.get("shown_unit")}
    key = panel_key(series, lang, _conversion_how(bars, lang))
    return (traces, _series_categories(bars, slots, region_ids), value_axis([b["shown_value"] for b in bars], units),
            key)


def _conversion_how(bars: list[dict], lang: str) -> str:
    derived = " ".join(b["shown_from"] for b in bars if isinstance(b.get("shown_from"), str))
    if "规划年" in derived:
        return t("conv_peryear", lang)
    if "万人" in derived and "÷" in derived:
        return t("conv_per10k", lang)
    return ""


def _panel_title(family_label: str, records: list[dict], width: int, key: str = "", key_size: int = 12) -> str:
    units = sorted({r["shown_unit"] for r in records if r.get("shown_unit") and not _missing(r.get("shown_value"))})
    title = wrap_line(f"{family_label}（{' / '.join(units)}）" if units else family_label, width)
    if key:  # the panel's comparability key, small and grey, on its own lines under the name
        title += "".join(f"<br><span style='font-size:{key_size}px;color:#555555'>{line}</span>"
                         for line in wrap_line(key, width + 8).split("<br>"))
    return title


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def compare_figures(frame: pd.DataFrame, panels: list[tuple[str, str]], region_labels: dict[str, str],
                    colors: dict[str, str], lang: str, title: str, units_line: str, source: str,
                    present: bool = False, per_row: int = 2, rows_per_figure: int | None = None,
                    with_header: bool = True, region_notes: dict[str, str] | None = None,
                    tick_notes: dict[str, str] | None = None) -> list[go.Figure]:
    """One panel per indicator family (units differ, so each panel has its own y axis),
    `per_row` panels side by side; all rows in one figure unless rows_per_figure is given.

    frame: targets of one category with shown_value / shown_unit (queries.add_measure).
    panels: [(family, label)] in display order — families without any target still get a
    panel, so "no target set" is visible.  Bars are coloured by region and patterned by
    scope, so a cumulative 'new' target never looks like a per-year or stock one.  Within a panel
    only comparable targets (same `series`: indicator, basis, unit) form the main series; related
    measures follow, lighter, their name under the bar; each panel title carries its key line.
    region_notes: what kind of plan each region's is (status · admin level), written after its name
    in the legend; tick_notes: a few characters under the name on every panel (e.g. only for a
    draft or an ended plan, so a comparison with it is marked where it is made).
    The first figure carries the title, unit line and legend (unless with_header=False: more
    panels under ones already shown), the last one the source line.
    One figure is the default: in Streamlit every chart costs the browser a fixed ~25 ms
    more, and all charts of a page are drawn together, so splitting only delays the first.
    """
    region_ids = list(region_labels)
    records = _records(frame)
    by_family: dict[str, list[dict]] = {}
    for r in records:
        by_family.setdefault(r.get("family"), []).append(r)
    per_row = 1 if len(panels) <= 1 else per_row
    per_figure = per_row * rows_per_figure if rows_per_figure else max(len(panels), 1)
    groups = [panels[i:i + per_figure] for i in range(0, len(panels), per_figure)] or [[]]
    figures = [_compare_grid(group, per_row, by_family, region_ids, region_labels, colors, lang, present, tick_notes)
               for group in groups]
    if with_header:
        _add_compare_header(figures[0], records, region_ids, _with_notes(region_labels, region_notes), colors, lang,
                            title, units_line, present)
    _add_source_line(figures[-1], source, present)
    return figures


def _compare_grid(panels: list[tuple[str, str]], per_row: int, by_family: dict[str, list[dict]], region_ids: list[str],
                  region_labels: dict[str, str], colors: dict[str, str], lang: str, present: bool,
                  region_notes: dict[str, str] | None = None) -> go.Figure:
    """Panels in rows of `per_row`; the space between rows is exactly what a row's tick
    labels and the next row's panel titles need (fixed pixels, whatever the row count)."""
    base = 20 if present else 13
    panel_title_size = base + (4 if present else 1)
    plot_height = 190 if present else 150
    nrows = max(1, math.ceil(len(panels) / per_row))
    contents = [_compare_panel(by_family.get(family, []), region_ids, region_labels, colors, lang, base - 2,
                               {"family": family}, region_notes) for family, _label in panels]
    titles = [_panel_title(label, by_family.get(family, []), 44 if per_row > 1 else 100, content[3], base - 1)
              for (family, label), content in zip(panels, contents)]
    tick_lines = max([_lines(c) for _traces, categories, _axis, _key in contents for c in categories] + [1])
    title_lines = max([_lines(text) for text in titles] + [1])
    top = title_lines * (panel_title_size + 6) + 14
    bottom = tick_lines * (base + 5) + 10
    gap = top + bottom
    plot_area = nrows * plot_height + (nrows - 1) * gap
    fig = make_subplots(rows=nrows, cols=per_row, subplot_titles=titles or [""],
                        horizontal_spacing=0.1 if per_row > 1 else 0,
                        vertical_spacing=gap / plot_area if nrows > 1 else 0)
    for index, (traces, categories, y_axis, _key) in enumerate(contents):
        suffix = "" if index == 0 else str(index + 1)
        for trace in traces:
            trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}")
        fig.add_traces(traces)
        fig.update_layout({f"xaxis{suffix}": dict(type="category", categoryorder="array", categoryarray=categories),
                           f"yaxis{suffix}": y_axis})
    for index in range(len(panels), nrows * per_row):  # an odd last panel keeps its width; the empty slot shows nothing
        suffix = "" if index == 0 else str(index + 1)
        fig.update_layout({f"xaxis{suffix}": dict(visible=False), f"yaxis{suffix}": dict(visible=False)})
    fig.update_layout(
        height=top + plot_area + bottom,
        font=dict(family=FONT_FAMILY, size=base, color="#222222"),
        paper_bgcolor="white", plot_bgcolor="white", showlegend=False,
        margin=dict(l=70 if present else 60, r=40, t=top, b=bottom),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=base)),
        barmode="group", bargap=0.35,
    )
    fig.update_annotations(font=dict(size=panel_title_size), yshift=4)
    fig.update_xaxes(tickangle=0, showline=True, linecolor="#999999", ticks="", showgrid=False, fixedrange=True)
    fig.update_yaxes(showgrid=True, gridcolor="#EEEEEE", zeroline=False, fixedrange=True)
    return fig


def _header_height(units_line: str, present: bool) -> tuple[int, str]:
    base = 20 if present else 13
    subtitle = wrap_line(units_line, 110 if present else 100) if units_line else ""
    title_block = 16 + round((base + 6) * 1.5) + (_lines(subtitle) * (base + 5) + 10 if subtitle else 0)
    return title_block, subtitle


LEGEND_WIDTH_PX = 880  # what a legend row gets in a page 1280 px wide (sidebar and margins off)


def legend_rows(names: list[str], base: int, width_px: int = LEGEND_WIDTH_PX) -> int:
    """Rows a horizontal legend of these entries takes (symbol and gap ≈ 40 px, a CJK character ≈ base px),
    so the first row of panels starts below it however long the names (plan status after each region)."""
    rows, used = 1, 0.0
    for name in names:
        entry = 40 + _display_width(name) * base * 0.55
        if used and used + entry > width_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def _add_compare_header(fig: go.Figure, records: list[dict], region_ids: list[str], region_labels: dict[str, str],
                        colors: dict[str, str], lang: str, title: str, units_line: str, present: bool) -> None:
    """Title, unit line and legend on top of the first row: regions, then the scope patterns used."""
    base = 20 if present else 13
    title_block, subtitle = _header_height(units_line, present)
    names = [region_labels[r] for r in region_ids] + [scope_label(s, lang) for s in ("new", "annual")]
    legend_block = legend_rows(names, base) * (base + 12) + 12
    extra = title_block + legend_block
    for rank, region_id in enumerate(region_ids, start=1):
        fig.add_trace(go.Bar(x=[None], y=[None], name=plot_text(region_labels[region_id]), legendrank=rank, showlegend=True,
                             marker=dict(color=colors.get(region_id, MISSING_COLOR)), hoverinfo="skip"))
    drawn = {r.get("scope") for r in records if not _is_qualitative(r) and not _missing(r.get("shown_value"))}
    for scope in ("new", "annual"):  # explain the patterns in the legend
        if scope in drawn:
            fig.add_trace(go.Bar(x=[None], y=[None], name=scope_label(scope, lang), marker=_scope_marker("#999999", [scope]),
                                 showlegend=True, legendrank=100, hoverinfo="skip"))
    height = fig.layout.height + extra
    fig.update_layout(
        height=height, showlegend=True, margin=dict(t=fig.layout.margin.t + extra),
        title=dict(text=f"<b>{plot_text(title)}</b>", x=0.01, xanchor="left", yref="container", y=1 - 12 / height, yanchor="top",
                   font=dict(size=base + 6), subtitle=dict(text=subtitle, font=dict(size=base - 1, color="#555555"))),
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=1 - title_block / height, yanchor="top",
                    font=dict(size=base), itemclick=False, itemdoubleclick=False, traceorder="normal"),
    )


def _add_source_line(fig: go.Figure, source: str, present: bool) -> None:
    base = 20 if present else 13
    line = base + 10
    bottom = fig.layout.margin.b
    fig.update_layout(height=fig.layout.height + line, margin=dict(b=bottom + line))
    fig.add_annotation(text=plot_text(source), xref="paper", yref="paper", x=0, y=0, yshift=-(bottom + line - 4),
                       xanchor="left", yanchor="bottom", showarrow=False,
                       font=dict(size=base - 2, color="#666666"), name="source_line")


# --- indicator page ----------------------------------------------------------------------------

def indicator_bars(frame: pd.DataFrame, region_labels: dict[str, str], colors: dict[str, str], lang: str,
                   title: str, units_line: str, source: str, present: bool = False,
                   show_baseline: bool = True, height: int | None = None,
                   region_notes: dict[str, str] | None = None, tick_notes: dict[str, str] | None = None) -> go.Figure:
    """Bars across regions for one indicator (or family): value, scope, year, comparator, baseline.

    The legend sits on top, under the unit line, so the plot can end right at the axis.
    `height`: the figure's height in pixels (presentation mode fits it to the screen)."""
    base = 20 if present else 13
    region_ids = list(region_labels)
    records = _records(frame)
    series = panel_series(records, region_ids, lang)
    bars = _series_bars(series, region_ids, region_labels, lang, base - 2, tick_notes or {})
    slots = _series_slots(records, series, region_ids, region_labels, lang, base - 2, tick_notes or {})
    key = panel_key(series, lang, _conversion_how(bars, lang))
    units_line = f"{units_line} · {key}" if units_line and key else (units_line or key)
    fig = go.Figure(_region_bar_traces(bars, region_ids, _with_notes(region_labels, region_notes), colors, lang, True, {}))
    _series_legend(fig, series, lang)
    with_base = [b for b in bars if not _missing(b.get("baseline"))] if show_baseline else []
    if with_base:
        fig.add_trace(go.Scatter(
            x=[b["x_label"] for b in with_base], y=[b["baseline"] for b in with_base], mode="markers",
            name=t("baseline", lang),
            marker=dict(symbol="diamond", size=14 if present else 11, color="white", line=dict(color="#222222", width=2)),
            hovertext=[f"{t('baseline', lang)}: {plot_text(format_value(b['baseline'], b.get('unit_std') or ''))}"
                       for b in with_base],
            hoverinfo="text",
        ))
    missing = _missing_trace(slots, region_labels, {})
    if missing is not None:
        fig.add_trace(missing)
    categories = _series_categories(bars, slots, region_ids)
    values = [b["shown_value"] for b in bars] + [b["baseline"] for b in with_base]
    y_axis = value_axis(values, {b["shown_unit"] for b in bars if b.get("shown_unit")})
    if bars:  # two lines of text above each bar (value, scope and year) need more room
        y_axis["range"] = [y_axis["range"][0], y_axis["range"][1] * 1.12]
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=categories, tickangle=0,
                     showline=True, linecolor="#999999")
    fig.update_yaxes(y_axis, gridcolor="#EEEEEE", zeroline=False)
    fig.update_layout(bargap=0.4, showlegend=True)
    tick_lines = max([_lines(c) for c in categories] + [1])
    title_block, subtitle = _header_height(units_line, present)
    legend_block = _legend_rows(fig, base) * (base + 14) + 4
    bottom = tick_lines * (base + 5) + 10 + base + 10  # tick labels, then the source line
    # a long legend (related measures named in full) must not squeeze the plot to a sliver
    top = title_block + legend_block + base + 12
    height = max(height or (620 if present else 480), top + bottom + MIN_PLOT_PX)
    fig.update_layout(
        height=height,
        font=dict(family=FONT_FAMILY, size=base, color="#222222"),
        paper_bgcolor="white", plot_bgcolor="white",
        margin=dict(l=70 if present else 60, r=20, t=top, b=bottom),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=base)),
        title=dict(text=f"<b>{plot_text(title)}</b>", x=0.01, xanchor="left", yref="container", y=1 - 12 / height, yanchor="top",
                   font=dict(size=base + 6), subtitle=dict(text=subtitle, font=dict(size=base - 1, color="#555555"))),
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=1 - title_block / height, yanchor="top",
                    font=dict(size=base)),
    )
    fig.add_annotation(text=plot_text(source), xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 4),
                       xanchor="left", yanchor="bottom", showarrow=False,
                       font=dict(size=base - 2, color="#666666"), name="source_line")
    return fig


# --- region profile --------------------------------------------------------------------------

MIN_PLOT_PX = 240  # the bars' own area, whatever the title and legend above them take
LEGEND_ROW_PX = 1000  # the width a horizontal legend wraps at, on a 1280-px screen


def _legend_rows(fig: go.Figure, base: int) -> int:
    """How many rows a horizontal legend takes: each entry is its marker plus its name (a CJK
    character is about one font size wide), wrapped at LEGEND_ROW_PX."""
    widths = [40 + base * len(str(trace.name or "")) for trace in fig.data if trace.showlegend is not False]
    rows, used = 1, 0
    for width in widths:
        if used and used + width > LEGEND_ROW_PX:
            rows, used = rows + 1, 0
        used += width
    return rows


def category_bars(counts: pd.DataFrame, color: str, lang: str, title: str, source: str,
                  present: bool = False) -> go.Figure:
    """Targets per category of one plan: quantitative (solid) and qualitative (hatched), the
    five links and then the unmapped group, whose bar and name are grey.

    Counts are written inside the solid part; the qualitative count goes just past the bar's
    end (white text on a thin hatched segment cannot be read)."""
    counts = counts.set_index("category")[["quantitative", "qualitative"]].reindex(CATEGORY_ORDER).fillna(0)
    labels = [shown_category(c, lang) for c in CATEGORY_ORDER]
    colors = [UNMAPPED_COLOR if c == UNMAPPED else color for c in CATEGORY_ORDER]
    quantitative = [int(n) for n in counts["quantitative"]]
    qualitative = [int(n) for n in counts["qualitative"]]
    qualitative_word = t("qualitative", lang)
    fig = go.Figure([
        go.Bar(y=labels, x=quantitative, orientation="h", name=t("quantitative", lang), marker=dict(color=colors),
               text=[str(n) if n else "" for n in quantitative], textposition="inside", insidetextanchor="end",
               textangle=0, textfont=dict(color="white"), hovertemplate="%{y}: %{x} " + t("quantitative", lang) + "<extra></extra>"),
        go.Bar(y=labels, x=qualitative, orientation="h", name=qualitative_word,
               marker=dict(color=colors, opacity=0.55, line=dict(color=colors, width=1),
                           pattern=dict(shape="/", fillmode="replace", bgcolor=colors, fgcolor="white", solidity=0.3)),
               text=[f"+{n} {qualitative_word}" if n else "" for n in qualitative], textposition="outside",
               textangle=0, textfont=dict(color="#444444"), cliponaxis=False,
               hovertemplate="%{y}: %{x} " + qualitative_word + "<extra></extra>"),
    ])
    totals = [a + b for a, b in zip(quantitative, qualitative)]
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    top = max(totals + [1])
    # Room past the longest bar for its "+n 定性" label.
    fig.update_xaxes(gridcolor="#EEEEEE", range=[0, top * 1.3 + 1], tickmode="linear", tick0=0,
                     dtick=whole_number_step(top))
    return finish(fig, title, source, present=present, height=440 if present else 380)


def _month_start(month: str) -> pd.Timestamp:
    return pd.Timestamp(f"{month}-01")


def _month_end(month: str) -> pd.Timestamp:
    return pd.Timestamp(f"{month}-01") + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)


def phases_timeline(phases: pd.DataFrame, color: str, lang: str, title: str, source: str,
                    present: bool = False) -> go.Figure:
    """The plan's phases as horizontal bars on a month axis (start month to end month inclusive)."""
    starts = [_month_start(s) for s in phases["start"]]
    ends = [_month_end(e) for e in phases["end"]]
    durations = [(e - s).total_seconds() * 1000 for s, e in zip(starts, ends)]
    labels = [f"{plot_text(p)}<br><span style='font-size:0.85em;color:#555'>{plot_text(s)} – {plot_text(e)}</span>"
              for p, s, e in zip(phases["phase"], phases["start"], phases["end"])]
    fig = go.Figure(go.Bar(
        y=labels, x=durations, base=[s.isoformat() for s in starts], orientation="h",
        marker=dict(color=color), name="phases",
        hovertext=[wrap(q) for q in phases["quote"]], hoverinfo="text",
    ))
    # Month ticks written the reader's way (plotly would write "Jan 2024" whatever the language).
    fig.update_xaxes(type="date", gridcolor="#EEEEEE", tickformat="%Y年%-m月" if lang != "en" else "%Y-%m",
                     hoverformat="%Y-%m")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return finish(fig, title, source, present=present, height=200 + 70 * max(len(phases), 1), has_legend=False)


# --- towns annex ----------------------------------------------------------------------------

def _period_key(period: str) -> tuple[int, int]:
    # Single years first in order, then the whole-period column (2024-2026) last.
    return (1, 0) if "-" in str(period) else (0, int(period) if str(period).isdigit() else 0)


def town_heatmap(frame: pd.DataFrame, lang: str, title: str, units_line: str,
                 source: str, present: bool = False) -> go.Figure:
    """Towns × periods, the annex's total row (is_total) left out.  Colour is relative within each
    period column (the 3-year column would otherwise drown the single years); the number in each
    cell is the annex's own value."""
    towns_only = frame[~frame["is_total"].astype(bool)]
    grid = towns_only.pivot_table(index="town", columns="period", values="value", aggfunc="sum")
    periods = sorted(grid.columns, key=_period_key)
    grid = grid[periods]
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    relative = grid / grid.max(axis=0).replace(0, 1)
    text = [[format_value(v) if pd.notna(v) else "–" for v in row] for row in grid.values.tolist()]
    fig = go.Figure(go.Heatmap(
        z=relative.values.tolist(), x=[plot_text(p) for p in periods], y=[plot_text(town) for town in grid.index],
        colorscale="Blues",
        zmin=0, zmax=1, showscale=False, text=text, texttemplate="%{text}",
        textfont=dict(size=22 if present else 13), customdata=grid.values.tolist(),
        hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>", xgap=2, ygap=2, name="towns",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", type="category")
    return finish(fig, title, source, units=units_line, present=present,
                  height=(42 if present else 28) * len(grid.index) + 230, has_legend=False)
