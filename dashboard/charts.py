"""Figure builders: plain functions, DataFrame in → plotly Figure out.  No Streamlit here.

Every figure carries its own title, unit line and source line (so a PNG exported from the
toolbar stands on its own), uses a CJK-capable font, and colours regions through the map
the caller passes (dashboard.colors), so a region looks the same on every chart.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.colors import COVERAGE_COLORS, SCOPE_PATTERNS
from dashboard.i18n import COVERAGE_LABELS, category_label, pick, scope_label, t

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
COMPARATOR_PREFIX = {">=": "≥", "<=": "≤", "≈": "≈", "=": "", "range": ""}
COVERAGE_CODE = {"none": 0, "qualitative": 1, "quantitative": 2}
COVERAGE_SYMBOL = {"none": "·", "qualitative": "▲", "quantitative": "■"}
MISSING_COLOR = "#888888"
# Short two-line labels written where a region has no bar (panels are narrow).
MISSING_LABELS = {
    "none": ("未设<br>目标", "no<br>target"),
    "qualitative": ("仅定性<br>目标", "words<br>only"),
    "not_applicable": ("口径<br>不适用", "n/a<br>here"),
}


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
        title=dict(text=f"<b>{title}</b>", x=0.01, xanchor="left", yref="container", y=1 - 14 / height,
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
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 8),
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
    """Break a subtitle into lines of at most `width` display columns (a CJK character is 2)."""
    lines, current = [], ""
    for token in text.replace("；", "；\n").replace("; ", ";\n").split("\n"):
        for piece in ([token] if _display_width(token) <= width else list(token)):
            if current and _display_width(current + piece) > width:
                lines.append(current)
                current = piece
            else:
                current += piece
    if current:
        lines.append(current)
    return "<br>".join(line.strip() for line in lines)


def wrap(text: str | None, width: int = 28) -> str:
    """Hover text for a long Chinese quote: break it into lines plotly can show."""
    if not isinstance(text, str) or not text:
        return ""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def format_value(value, unit: str = "", comparator: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:,.3g}"
    return f"{COMPARATOR_PREFIX.get(comparator or '', '')}{number}{unit or ''}"


# --- overview: coverage matrix ---------------------------------------------------------------

def coverage_matrix(coverage: pd.DataFrame, region_labels: dict[str, str], lang: str,
                    title: str, source: str, present: bool = False) -> go.Figure:
    """Regions (columns) × indicator families (rows); cell colour and symbol give the status.

    `coverage` has region_id, family, family_zh, family_en, category, status, n_quantitative,
    n_qualitative (queries.coverage()).
    """
    fams = coverage.drop_duplicates("family")[["family", "family_zh", "family_en", "category"]]
    family_labels = [
        (row.family_en if lang == "en" and isinstance(row.family_en, str) and row.family_en else row.family_zh) or row.family
        for row in fams.itertuples()
    ]
    category_labels = [category_label(c, lang) for c in fams["category"]]
    region_ids = list(region_labels)
    x_labels = [region_labels[r] for r in region_ids]
    status = coverage.pivot_table(index="family", columns="region_id", values="status", aggfunc="first")
    status = status.reindex(index=list(fams["family"]), columns=region_ids).fillna("none")
    z = [[COVERAGE_CODE[s] for s in row] for row in status.values.tolist()]
    text = [[COVERAGE_SYMBOL[s] for s in row] for row in status.values.tolist()]
    hover = [[f"{x_labels[j]} · {family_labels[i]}<br>{pick(COVERAGE_LABELS[s], lang)}"
              for j, s in enumerate(row)] for i, row in enumerate(status.values.tolist())]
    colorscale = [
        [0.0, COVERAGE_COLORS["none"]], [0.333, COVERAGE_COLORS["none"]],
        [0.334, COVERAGE_COLORS["qualitative"]], [0.666, COVERAGE_COLORS["qualitative"]],
        [0.667, COVERAGE_COLORS["quantitative"]], [1.0, COVERAGE_COLORS["quantitative"]],
    ]
    fig = go.Figure(go.Heatmap(
        z=z, x=x_labels, y=[category_labels, family_labels], zmin=0, zmax=2, colorscale=colorscale, showscale=False,
        text=text, texttemplate="%{text}", textfont=dict(color="white", size=16 if present else 12),
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
    parts = [
        f"<b>{record['region_label']}</b> · {indicator_name(record, lang)}",
        format_value(record["shown_value"], measure_unit, record.get("comparator")),
        f"{t('measure', lang)}: {scope_label(record.get('scope'), lang)}",
    ]
    if not _missing(record.get("target_year")):
        parts.append(f"{'目标年' if lang != 'en' else 'year'}: {int(record['target_year'])}")
    if not _missing(record.get("baseline")):
        parts.append(f"{t('baseline', lang)}: {format_value(record['baseline'], record.get('unit_std') or '')}")
    parts.append(f"{'原文' if lang != 'en' else 'quote'}: {wrap(record.get('quote'))}")
    return "<br>".join(parts)


def _bars(records: list[dict], region_ids: list[str], region_labels: dict[str, str]) -> list[dict]:
    """Numeric rows that have a value for the chosen measure, in region order, each with an
    x label; a region with several rows gets a numbered label per bar."""
    order = {rid: i for i, rid in enumerate(region_ids)}
    rows = [dict(r) for r in records
            if not _is_qualitative(r) and r["region_id"] in order and not _missing(r.get("shown_value"))]
    rows.sort(key=lambda r: (order[r["region_id"]], str(r["target_id"])))
    per_region: dict[str, int] = {}
    for r in rows:
        per_region[r["region_id"]] = per_region.get(r["region_id"], 0) + 1
    seen: dict[str, int] = {}
    for r in rows:
        label = tick_label(region_labels[r["region_id"]])
        seen[r["region_id"]] = seen.get(r["region_id"], 0) + 1
        r["region_label"] = label
        r["x_label"] = label if per_region[r["region_id"]] == 1 else f"{label}<br>({seen[r['region_id']]})"
    return rows


def _missing_text(records: list[dict], region_id: str, lang: str) -> str | None:
    """What to write where a region has no bar: no target, qualitative only, or n/a here."""
    mine = [r for r in records if r["region_id"] == region_id]
    if not mine:
        return pick(MISSING_LABELS["none"], lang)
    numeric = [r for r in mine if not _is_qualitative(r)]
    if not numeric:
        return pick(MISSING_LABELS["qualitative"], lang)
    if all(_missing(r.get("shown_value")) for r in numeric):
        return pick(MISSING_LABELS["not_applicable"], lang)
    return None


def tick_label(name: str) -> str:
    """A region name as an axis tick: multi-word names on two lines so neighbours never collide."""
    return name.replace(" ", "<br>", 1) if " " in name else name


def _category_array(bars: list[dict], region_ids: list[str], region_labels: dict[str, str]) -> list[str]:
    """x order: regions in fixed order; a region's several bars stay together."""
    order = []
    for rid in region_ids:
        labels = [b["x_label"] for b in bars if b["region_id"] == rid]
        order.extend(labels or [tick_label(region_labels[rid])])
    return order


def _region_bar_traces(bars: list[dict], region_ids: list[str], region_labels: dict[str, str],
                       colors: dict[str, str], lang: str, with_scope_in_text: bool, meta_extra: dict,
                       show_legend: set[str] | None = None) -> list[go.Bar]:
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
        traces.append(go.Bar(
            x=[b["x_label"] for b in mine], y=[b["shown_value"] for b in mine], name=region_labels[region_id],
            legendgroup=region_id, legendrank=rank,
            showlegend=True if show_legend is None else region_id not in show_legend,
            marker=_scope_marker(color, [b.get("scope") for b in mine]),
            text=text, textposition="outside", cliponaxis=False,
            hovertext=[_hover(b, lang, b.get("shown_unit") or "") for b in mine], hoverinfo="text",
            customdata=[b["target_id"] for b in mine], meta={"region_id": region_id, **meta_extra},
        ))
        if show_legend is not None:
            show_legend.add(region_id)
    return traces


def _missing_trace(records: list[dict], region_ids: list[str], region_labels: dict[str, str], lang: str,
                   present: bool, meta: dict) -> go.Scatter | None:
    missing = [(tick_label(region_labels[rid]), _missing_text(records, rid, lang)) for rid in region_ids]
    missing = [(label, text) for label, text in missing if text]
    if not missing:
        return None
    return go.Scatter(
        x=[label for label, _ in missing], y=[0] * len(missing), mode="text",
        text=[text for _, text in missing], textposition="top center",
        textfont=dict(color=MISSING_COLOR, size=15 if present else 11),
        hoverinfo="text", hovertext=[f"{label}: {text.replace('<br>', '')}" for label, text in missing],
        showlegend=False, name="missing", meta=meta,
    )


def compare_small_multiples(frame: pd.DataFrame, panels: list[tuple[str, str]], region_labels: dict[str, str],
                            colors: dict[str, str], lang: str, title: str, units_line: str, source: str,
                            present: bool = False) -> go.Figure:
    """One panel per indicator family (units differ, so each panel has its own y axis).

    frame: targets of one category with shown_value / shown_unit (queries.add_measure).
    panels: [(family, label)] in display order — families without any target still get a
    panel, so "no target set" is visible.  Bars are coloured by region and patterned by
    scope, so a cumulative 'new' target never looks like a per-year or stock one.
    """
    region_ids = list(region_labels)
    records = _records(frame)
    by_family: dict[str, list[dict]] = {}
    for r in records:
        by_family.setdefault(r.get("family"), []).append(r)
    n = max(len(panels), 1)
    cols = 1 if n == 1 else 2
    nrows = math.ceil(n / cols)
    subtitles = []
    for family, label in panels:
        units = sorted({r["shown_unit"] for r in by_family.get(family, [])
                        if r.get("shown_unit") and not _missing(r.get("shown_value"))})
        subtitles.append(wrap_line(f"{label}（{' / '.join(units)}）" if units else label, 56 if cols > 1 else 110))
    fig = make_subplots(rows=nrows, cols=cols, subplot_titles=subtitles or [""],
                        vertical_spacing=min(0.5 / nrows, 0.12) if nrows > 1 else 0.1, horizontal_spacing=0.08)
    traces, axis_updates, legend_done = [], {}, set()
    for index, (family, _label) in enumerate(panels):
        panel = by_family.get(family, [])
        bars = _bars(panel, region_ids, region_labels)
        axis_suffix = "" if index == 0 else str(index + 1)
        for trace in _region_bar_traces(bars, region_ids, region_labels, colors, lang, False, {"family": family}, legend_done):
            trace.update(xaxis=f"x{axis_suffix}", yaxis=f"y{axis_suffix}")
            traces.append(trace)
        missing = _missing_trace(panel, region_ids, region_labels, lang, present, {"family": family})
        if missing is not None:
            missing.update(xaxis=f"x{axis_suffix}", yaxis=f"y{axis_suffix}")
            traces.append(missing)
        axis_updates[f"xaxis{axis_suffix}"] = dict(categoryorder="array",
                                                   categoryarray=_category_array(bars, region_ids, region_labels))
    scopes_present = {r.get("scope") for r in records}
    for scope in ("new", "annual"):  # explain the patterns in the legend
        if scope in scopes_present:
            traces.append(go.Bar(x=[None], y=[None], name=scope_label(scope, lang), marker=_scope_marker("#999999", [scope]),
                                 showlegend=True, legendgroup=f"scope-{scope}", legendrank=100, hoverinfo="skip"))
    fig.add_traces(traces)
    fig.update_layout(axis_updates)
    fig.update_yaxes(rangemode="tozero", showgrid=True, gridcolor="#EEEEEE", zeroline=True, zerolinecolor="#999999")
    fig.update_xaxes(tickangle=0)
    fig.update_layout(barmode="group", bargap=0.35)
    fig.update_annotations(font=dict(size=17 if present else 13))
    panel_height = 330 if present else 270
    return finish(fig, title, source, units=units_line, present=present, height=panel_height * nrows + 230)


# --- indicator page ----------------------------------------------------------------------------

def indicator_bars(frame: pd.DataFrame, region_labels: dict[str, str], colors: dict[str, str], lang: str,
                   title: str, units_line: str, source: str, present: bool = False,
                   show_baseline: bool = True) -> go.Figure:
    """Bars across regions for one indicator (or family): value, scope, year, comparator, baseline."""
    region_ids = list(region_labels)
    records = _records(frame)
    bars = _bars(records, region_ids, region_labels)
    fig = go.Figure(_region_bar_traces(bars, region_ids, region_labels, colors, lang, True, {}))
    with_base = [b for b in bars if not _missing(b.get("baseline"))] if show_baseline else []
    if with_base:
        fig.add_trace(go.Scatter(
            x=[b["x_label"] for b in with_base], y=[b["baseline"] for b in with_base], mode="markers",
            name=t("baseline", lang),
            marker=dict(symbol="diamond", size=14 if present else 11, color="white", line=dict(color="#222222", width=2)),
            hovertext=[f"{t('baseline', lang)}: {format_value(b['baseline'], b.get('unit_std') or '')}" for b in with_base],
            hoverinfo="text",
        ))
    missing = _missing_trace(records, region_ids, region_labels, lang, present, {})
    if missing is not None:
        fig.add_trace(missing)
    fig.update_xaxes(categoryorder="array", categoryarray=_category_array(bars, region_ids, region_labels), tickangle=0)
    fig.update_yaxes(rangemode="tozero", gridcolor="#EEEEEE", zerolinecolor="#999999")
    fig.update_layout(bargap=0.4, showlegend=True)
    return finish(fig, title, source, units=units_line, present=present, height=620 if present else 500)


# --- region profile --------------------------------------------------------------------------

def category_bars(counts: pd.DataFrame, color: str, lang: str, title: str, source: str,
                  present: bool = False) -> go.Figure:
    """Targets per category of one plan: quantitative (solid) and qualitative (hatched)."""
    from etl.schema import CATEGORIES

    counts = counts.set_index("category")[["quantitative", "qualitative"]].reindex(CATEGORIES).fillna(0)
    labels = [category_label(c, lang) for c in CATEGORIES]
    fig = go.Figure([
        go.Bar(y=labels, x=list(counts["quantitative"].astype(int)), orientation="h", name=t("quantitative", lang),
               marker=dict(color=color), text=list(counts["quantitative"].astype(int)), textposition="inside", textangle=0),
        go.Bar(y=labels, x=list(counts["qualitative"].astype(int)), orientation="h", name=t("qualitative", lang),
               marker=dict(color=color, opacity=0.55, line=dict(color=color, width=1),
                           pattern=dict(shape="/", fillmode="replace", bgcolor=color, fgcolor="white", solidity=0.3)),
               text=list(counts["qualitative"].astype(int)), textposition="inside", textangle=0),
    ])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(gridcolor="#EEEEEE", dtick=1 if counts.values.sum() < 12 else None)
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
    labels = [f"{p}<br><span style='font-size:0.85em;color:#555'>{s} – {e}</span>"
              for p, s, e in zip(phases["phase"], phases["start"], phases["end"])]
    fig = go.Figure(go.Bar(
        y=labels, x=durations, base=[s.isoformat() for s in starts], orientation="h",
        marker=dict(color=color), name="phases",
        hovertext=[wrap(q) for q in phases["quote"]], hoverinfo="text",
    ))
    fig.update_xaxes(type="date", gridcolor="#EEEEEE")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return finish(fig, title, source, present=present, height=200 + 70 * max(len(phases), 1), has_legend=False)


# --- towns annex ----------------------------------------------------------------------------

def _period_key(period: str) -> tuple[int, int]:
    # Single years first in order, then the whole-period column (2024-2026) last.
    return (1, 0) if "-" in str(period) else (0, int(period) if str(period).isdigit() else 0)


def town_heatmap(frame: pd.DataFrame, district_total: str, lang: str, title: str, units_line: str,
                 source: str, present: bool = False) -> go.Figure:
    """Towns × periods.  Colour is relative within each period column (the 3-year column would
    otherwise drown the single years); the number in each cell is the annex's own value."""
    towns_only = frame[frame["town"] != district_total]
    grid = towns_only.pivot_table(index="town", columns="period", values="value", aggfunc="sum")
    periods = sorted(grid.columns, key=_period_key)
    grid = grid[periods]
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    relative = grid / grid.max(axis=0).replace(0, 1)
    text = [[format_value(v) if pd.notna(v) else "–" for v in row] for row in grid.values.tolist()]
    fig = go.Figure(go.Heatmap(
        z=relative.values.tolist(), x=[str(p) for p in periods], y=list(grid.index), colorscale="Blues",
        zmin=0, zmax=1, showscale=False, text=text, texttemplate="%{text}",
        textfont=dict(size=15 if present else 12), customdata=grid.values.tolist(),
        hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>", xgap=2, ygap=2, name="towns",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", type="category")
    return finish(fig, title, source, units=units_line, present=present,
                  height=(32 if present else 26) * len(grid.index) + 230, has_legend=False)
