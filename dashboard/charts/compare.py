"""Compare by category: small multiples, one panel per indicator family, regions side by side.

Units differ between families, so each panel has its own y axis; bars are coloured by region and
patterned by scope, so a cumulative 'new' target never looks like a per-year or stock one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import pick, scope_label
from dashboard.numbers import title_unit
from dashboard.safe_text import plot_text

from .axes import value_axis
from .bars import (
    conversion_how,
    fitted_line_width,
    missing_trace,
    panel_key,
    panel_series,
    region_bar_traces,
    scope_marker,
    series_bars,
    series_categories,
    series_slots,
    with_notes,
)
from .context import with_denominators
from .layout import (
    add_footer,
    base_layout,
    footer_height,
    grow_bottom,
    header_height,
    legend_height,
    selectable_bars,
    title_layout,
    top_legend,
)
from .style import AXIS_LINE_COLOR, GRID_COLOR, SUBTITLE_COLOR, ChartStyle
from .text import NAME_LINE_WIDTH, bracketed, is_missing, is_qualitative, label_px, line_count, records, wrap_line

CONTINUED = ("（续）", " (continued)")
PANEL_PX = 700  # the plot width all panels of a row share in a page 1280 px wide: 820 px less the margins
PATTERN_GREY = "#999999"


@dataclass
class Panel:
    """One family's panel: its traces, x order, y axis and one-line comparability key."""

    traces: list
    categories: list[str]
    y_axis: dict
    key: str
    crowded: bool = False  # its bars' names and notes do not fit side by side at this width
    wide: bool = False  # drawn across the whole row
    rotated: bool = False  # so many bars that each label is one line, turned upright (tickangle -90)
    label_px: float = 0.0  # how far its labels reach below the axis

    def label_height(self, style: ChartStyle) -> float:
        if self.rotated:
            return self.label_px + 10
        return max([line_count(c) for c in self.categories] + [1]) * (style.base + 5) + 10


def several_bars_per_region(frame: pd.DataFrame) -> bool:
    """Does any region have more than one numeric row in one family (so bars carry tags)?"""
    numeric = frame[~frame["qualitative"].fillna(False).astype(bool) & frame["shown_value"].notna()]
    return bool(numeric.groupby(["family", "region_id"], dropna=False).size().gt(1).any())


def _one_line(label: str) -> str:
    return label.replace("<br>", " ")


def compare_panel(panel: list[dict], region_ids: list[str], region_labels: dict[str, str], style: ChartStyle,
                  meta: dict, tick_notes: dict[str, str], panel_px: float = PANEL_PX, rotated: bool = False) -> Panel:
    """Comparable targets as one series, related measures beside them, labelled and lighter.
    The notes under the bars get narrower lines when many bars share the panel's width; `rotated`
    (too many bars for any width): each label on one line, turned upright, so a slot needs only
    one line's height."""
    series = panel_series(panel, region_ids, style.lang)
    width = 999 if rotated else NAME_LINE_WIDTH
    for _attempt in range(2):
        bars = series_bars(series, region_ids, region_labels, style.lang, style.small_size, tick_notes, width)
        slots = series_slots(panel, series, region_ids, region_labels, style.lang, style.small_size, tick_notes, width)
        if rotated:
            for bar in bars:
                bar["x_label"] = _one_line(bar["x_label"])
            slots = [(rid, _one_line(label), text) for rid, label, text in slots]
            break
        fitted = fitted_line_width(len(series_categories(bars, slots, region_ids)), panel_px, style.small_size)
        if fitted >= width:
            break
        width = fitted
    traces: list = region_bar_traces(bars, region_ids, region_labels, style, False, meta, show_legend=False)
    missing = missing_trace(slots, region_labels, meta)
    if missing is not None:
        traces.append(missing)
    units = {b["shown_unit"] for b in bars if b.get("shown_unit")}
    categories = series_categories(bars, slots, region_ids)
    return Panel(traces, categories, value_axis([b["shown_value"] for b in bars], units, style.lang),
                 panel_key(series, style.lang, conversion_how(bars, style.lang), panel),
                 crowded=not rotated and _crowded(categories, region_labels, panel_px, style), rotated=rotated,
                 label_px=max([label_px(c, style.base, style.base) for c in categories] + [0.0]))


def _crowded(categories: list[str], region_labels: dict[str, str], panel_px: float, style: ChartStyle) -> bool:
    """Would neighbouring x labels run into each other: any line under a bar (a region's name at body
    size, its notes smaller; an English word is never cut) or four characters of a note wider than
    a bar's slot?"""
    widest = max([label_px(c, style.base, style.small_size) for c in categories] + [4 * style.small_size])
    return panel_px / max(len(categories), 1) < widest + 6


def panel_title(family_label: str, panel: list[dict], width: int, key: str = "", key_size: int = 12,
                lang: str = "zh") -> str:
    """The family's name with its units (in the page's language), then its comparability key, small
    and grey, under it."""
    units = sorted({title_unit(r["shown_unit"], lang) for r in panel
                    if r.get("shown_unit") and not is_missing(r.get("shown_value"))})
    title = wrap_line(family_label + bracketed(" / ".join(units), lang) if units else family_label, width)
    if key:
        title += "".join(f"<br><span style='font-size:{key_size}px;color:{SUBTITLE_COLOR}'>{line}</span>"
                         for line in wrap_line(key, width + 8).split("<br>"))
    return title


def _axis_suffix(index: int) -> str:
    return "" if index == 0 else str(index + 1)


def _place_panels(fig: go.Figure, contents: list[Panel], slots: int) -> None:
    """Each panel's traces on its own axes; an odd last panel keeps its width, the empty slot shows nothing."""
    for index, content in enumerate(contents):
        suffix = _axis_suffix(index)
        for trace in content.traces:
            trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}")
        fig.add_traces(content.traces)
        fig.update_layout({f"xaxis{suffix}": dict(type="category", categoryorder="array", categoryarray=content.categories),
                           f"yaxis{suffix}": content.y_axis})
        fig.update_layout({f"xaxis{suffix}": dict(tickangle=-90 if content.rotated else 0)})
    for index in range(len(contents), slots):
        suffix = _axis_suffix(index)
        fig.update_layout({f"xaxis{suffix}": dict(visible=False), f"yaxis{suffix}": dict(visible=False)})


def _fitted_panel(panel: list[dict], region_ids: list[str], region_labels: dict[str, str], style: ChartStyle,
                  meta: dict, tick_notes: dict[str, str], per_row: int) -> Panel:
    """A panel at its share of the row, or across the whole row where its labels would collide."""
    row_px = style.plot_px(left=style.scaled(60, 70), right=40)
    share = row_px / per_row * (0.9 if per_row > 1 else 1.0)  # horizontal_spacing takes a tenth
    content = compare_panel(panel, region_ids, region_labels, style, meta, tick_notes, share)
    if per_row > 1 and content.crowded:
        content = compare_panel(panel, region_ids, region_labels, style, meta, tick_notes, row_px)
        content.wide = True
    if content.crowded:  # not even the whole row holds its labels side by side: one line each, upright
        content = compare_panel(panel, region_ids, region_labels, style, meta, tick_notes, row_px, rotated=True)
        content.wide = per_row > 1
    return content


def grid_specs(wide: list[bool], per_row: int) -> list[list[dict | None]]:
    """make_subplots specs: panels in order, `per_row` to a row, a wide panel alone on its row
    (the row before it left part empty).  The last row's empty slots keep hidden axes, so an
    odd last panel keeps its width."""
    rows: list[list[dict | None]] = []
    current: list[dict | None] = []
    for is_wide in wide:
        if is_wide and per_row > 1:
            if current:
                rows.append(current + [None] * (per_row - len(current)))
                current = []
            rows.append([{"colspan": per_row}] + [None] * (per_row - 1))
            continue
        current.append({})
        if len(current) == per_row:
            rows.append(current)
            current = []
    if current or not rows:
        rows.append(current + [{}] * (per_row - len(current)))
    return rows


def compare_grid(panels: list[tuple[str, str]], per_row: int, by_family: dict[str, list[dict]], region_ids: list[str],
                 region_labels: dict[str, str], style: ChartStyle, tick_notes: dict[str, str]) -> go.Figure:
    """Panels in rows of `per_row`; the space between rows is exactly what a row's tick
    labels and the next row's panel titles need (fixed pixels, whatever the row count)."""
    base = style.base
    plot_height = style.scaled(150, 190)
    contents = [_fitted_panel(by_family.get(family, []), region_ids, region_labels, style, {"family": family},
                              tick_notes, per_row) for family, _label in panels]
    titles = [panel_title(label, by_family.get(family, []), 100 if content.wide or per_row == 1 else 44, content.key,
                          base - 1, style.lang) for (family, label), content in zip(panels, contents)]
    top = max([line_count(text) for text in titles] + [1]) * (style.panel_title_size + 6) + 14
    bottom = max([content.label_height(style) for content in contents] + [base + 15])
    gap = top + bottom
    specs = grid_specs([content.wide for content in contents], per_row)
    nrows = len(specs)
    plot_area = nrows * plot_height + (nrows - 1) * gap
    fig = make_subplots(rows=nrows, cols=per_row, specs=specs, subplot_titles=titles or [""],
                        horizontal_spacing=0.1 if per_row > 1 else 0,
                        vertical_spacing=gap / plot_area if nrows > 1 else 0)
    _place_panels(fig, contents, sum(cell is not None for row in specs for cell in row))
    fig.update_layout(base_layout(style, top + plot_area + bottom, dict(l=style.scaled(60, 70), r=40, t=top, b=bottom)),
                      showlegend=False, barmode="group", bargap=0.35)
    fig.update_annotations(font=dict(size=style.panel_title_size), yshift=4)
    # zoom and pan stay on (the toolbar offers them on every chart, issue 23)
    fig.update_xaxes(showline=True, linecolor=AXIS_LINE_COLOR, ticks="", showgrid=False)
    fig.update_yaxes(showgrid=True, gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    return fig


def _legend_traces(panel_records: list[dict], region_ids: list[str], region_labels: dict[str, str],
                   style: ChartStyle) -> list[go.Bar]:
    """Legend entries: the regions in order, then the scope patterns the bars use."""
    traces = [go.Bar(x=[None], y=[None], name=plot_text(region_labels[region_id]), legendrank=rank, showlegend=True,
                     marker=dict(color=style.color(region_id)), hoverinfo="skip")
              for rank, region_id in enumerate(region_ids, start=1)]
    drawn = {r.get("scope") for r in panel_records if not is_qualitative(r) and not is_missing(r.get("shown_value"))}
    traces += [go.Bar(x=[None], y=[None], name=scope_label(scope, style.lang), marker=scope_marker(PATTERN_GREY, [scope]),
                      showlegend=True, legendrank=100, hoverinfo="skip")
               for scope in ("new", "annual") if scope in drawn]
    return traces


def add_compare_header(fig: go.Figure, panel_records: list[dict], region_ids: list[str], region_labels: dict[str, str],
                       style: ChartStyle, title: str, units_line: str) -> None:
    """Title, unit line and legend on top of the first row of panels."""
    title_block, subtitle = header_height(units_line, style)
    legend = _legend_traces(panel_records, region_ids, region_labels, style)
    extra = title_block + legend_height([trace.name for trace in legend], style)
    fig.add_traces(legend)
    height = fig.layout.height + extra
    fig.update_layout(height=height, showlegend=True, margin=dict(t=fig.layout.margin.t + extra),
                      title=title_layout(title, subtitle, style, height),
                      legend=dict(top_legend(style, height, title_block), itemclick=False, itemdoubleclick=False))


def draw_compare(frame: pd.DataFrame, panels: list[tuple[str, str]], region_labels: dict[str, str], style: ChartStyle,
                 title: str, units_line: str, per_row: int = 2, rows_per_figure: int | None = None,
                 with_header: bool = True, region_notes: dict[str, str] | None = None,
                 tick_notes: dict[str, str] | None = None) -> list[go.Figure]:
    """One panel per indicator family, `per_row` side by side; all rows in one figure unless
    rows_per_figure is given (see compare_figures for the arguments).

    The first figure carries the title, unit line and legend — with_header=False (more panels
    under ones already shown) writes the title as continued, so that figure exported alone still
    says what it shows; the last figure carries the source line and, where per-10k figures are
    drawn, the population each region was divided by."""
    region_ids = list(region_labels)
    rows = records(frame)
    by_family: dict[str, list[dict]] = {}
    for r in rows:
        by_family.setdefault(r.get("family"), []).append(r)
    per_row = 1 if len(panels) <= 1 else per_row
    per_figure = per_row * rows_per_figure if rows_per_figure else max(len(panels), 1)
    groups = [panels[i:i + per_figure] for i in range(0, len(panels), per_figure)] or [[]]
    figures = [compare_grid(group, per_row, by_family, region_ids, region_labels, style, tick_notes or {})
               for group in groups]
    shown_title = title if with_header else f"{title}{pick(CONTINUED, style.lang)}"
    add_compare_header(figures[0], rows, region_ids, with_notes(region_labels, region_notes, style.lang), style, shown_title,
                       units_line if with_header else "")
    footer_style = with_denominators(style, rows, region_labels)
    grow_bottom(figures[-1], footer_height(footer_style.source, footer_style))
    add_footer(figures[-1], footer_style.source, footer_style)
    return [selectable_bars(fig) for fig in figures]


def compare_figures(frame: pd.DataFrame, panels: list[tuple[str, str]], region_labels: dict[str, str],
                    colors: dict[str, str], lang: str, title: str, units_line: str, source: str,
                    present: bool = False, per_row: int = 2, rows_per_figure: int | None = None,
                    with_header: bool = True, region_notes: dict[str, str] | None = None,
                    tick_notes: dict[str, str] | None = None) -> list[go.Figure]:
    """One panel per indicator family (units differ, so each panel has its own y axis),
    `per_row` panels side by side; all rows in one figure unless rows_per_figure is given.

    frame: targets of one category with shown_value / shown_unit (services.comparisons.add_measure).
    panels: [(family, label)] in display order — families without any target still get a
    panel, so "no target set" is visible.  Within a panel only comparable targets (same `series`:
    indicator, basis, unit) form the main series; related measures follow, lighter, their name
    under the bar; each panel title carries its key line.
    region_notes: what kind of plan each region's is (status · admin level), written after its name
    in the legend; tick_notes: a few characters under the name on every panel (e.g. only for a
    draft or an ended plan, so a comparison with it is marked where it is made).
    One figure is the default: in Streamlit every chart costs the browser a fixed ~25 ms
    more, and all charts of a page are drawn together, so splitting only delays the first.
    """
    style = ChartStyle(lang=lang, present=present, colors=colors, source=source)
    return draw_compare(frame, panels, region_labels, style, title, units_line, per_row, rows_per_figure,
                        with_header, region_notes, tick_notes)
