"""The indicator page: one indicator (or family) across regions — value, scope, year, comparator,
baseline — with the legend on top, under the unit line, so the plot ends right at the axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t
from dashboard.safe_text import plot_text

from .axes import value_axis
from .bars import (
    conversion_how,
    fitted_line_width,
    missing_trace,
    panel_key,
    panel_series,
    region_bar_traces,
    series_bars,
    series_categories,
    series_legend,
    series_slots,
    with_notes,
)
from .context import with_denominators
from .layout import (
    add_footer,
    base_layout,
    footer_height,
    header_height,
    legend_height,
    legend_names,
    selectable_bars,
    title_layout,
    top_legend,
)
from .style import AXIS_LINE_COLOR, GRID_COLOR, ChartStyle
from .text import NAME_LINE_WIDTH, format_value, is_missing, label_px, line_count, records

MIN_PLOT_PX = 240  # the bars' own area, whatever the title and legend above them take
LABEL_HEADROOM = 1.12  # two lines of text above each bar (value, scope and year) need more room


def _baseline_trace(bars: list[dict], style: ChartStyle) -> go.Scatter | None:
    """A white diamond at each bar's baseline (由…增至…), where the plan states one."""
    with_base = [b for b in bars if not is_missing(b.get("baseline"))]
    if not with_base:
        return None
    return go.Scatter(
        x=[b["x_label"] for b in with_base], y=[b["baseline"] for b in with_base], mode="markers",
        name=t("baseline", style.lang),
        marker=dict(symbol="diamond", size=style.scaled(11, 14), color="white", line=dict(color="#222222", width=2)),
        hovertext=[f"{t('baseline', style.lang)}: {plot_text(format_value(b['baseline'], b.get('unit_std') or '', lang=style.lang))}"
                   for b in with_base],
        hoverinfo="text",
    )


def _lay_out(fig: go.Figure, title: str, units_line: str, categories: list[str], style: ChartStyle,
             height: int | None, rotated: bool = False) -> None:
    """Title, unit line and legend on top; tick labels (upright, one line each, when `rotated`) and the
    source line at the bottom."""
    title_block, subtitle = header_height(units_line, style)
    top = title_block + legend_height(legend_names(fig), style) + style.base + 12
    if rotated:
        labels = max([label_px(c, style.base, style.small_size) for c in categories] + [0.0]) + 10
    else:
        labels = max([line_count(c) for c in categories] + [1]) * (style.base + 5) + 10
    bottom = labels + footer_height(style.source, style)
    # a long legend (related measures named in full) must not squeeze the plot to a sliver
    height = max(height or style.scaled(480, 620), top + bottom + MIN_PLOT_PX)
    fig.update_layout(base_layout(style, height, dict(l=style.scaled(60, 70), r=20, t=top, b=bottom)),
                      title=title_layout(title, subtitle, style, height), legend=top_legend(style, height, title_block),
                      bargap=0.4, showlegend=True)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=categories, tickangle=-90 if rotated else 0,
                     showline=True, linecolor=AXIS_LINE_COLOR)
    add_footer(fig, style.source, style)


def _one_line(label: str) -> str:
    return label.replace("<br>", " ")


def _fitted_labels(rows: list[dict], series, region_ids: list[str], region_labels: dict[str, str], style: ChartStyle,
                   tick_notes: dict[str, str]) -> tuple[list[dict], list, bool]:
    """(bars, slots, rotated): the notes under the bars in lines narrow enough for every region's slot
    to hold them side by side (20 regions: a few characters a line); where even that would collide,
    each label on one line, turned upright, with the room below the axis it needs."""
    plot_px = style.plot_px(left=style.scaled(60, 70), right=20)
    width = NAME_LINE_WIDTH
    for _attempt in range(2):
        bars = series_bars(series, region_ids, region_labels, style.lang, style.small_size, tick_notes, width)
        slots = series_slots(rows, series, region_ids, region_labels, style.lang, style.small_size, tick_notes, width)
        fitted = fitted_line_width(len(series_categories(bars, slots, region_ids)), plot_px, style.small_size)
        if fitted >= width:
            break
        width = fitted
    categories = series_categories(bars, slots, region_ids)
    widest = max([label_px(c, style.base, style.small_size) for c in categories] + [4 * style.small_size])
    if plot_px / max(len(categories), 1) >= widest + 6:
        return bars, slots, False
    bars = series_bars(series, region_ids, region_labels, style.lang, style.small_size, tick_notes, 999)
    slots = series_slots(rows, series, region_ids, region_labels, style.lang, style.small_size, tick_notes, 999)
    for bar in bars:
        bar["x_label"] = _one_line(bar["x_label"])
    return bars, [(rid, _one_line(label), text) for rid, label, text in slots], True


def draw_indicator(frame: pd.DataFrame, region_labels: dict[str, str], style: ChartStyle, title: str,
                   units_line: str, show_baseline: bool = True, height: int | None = None,
                   region_notes: dict[str, str] | None = None, tick_notes: dict[str, str] | None = None) -> go.Figure:
    """Bars across regions for one indicator (or family); see indicator_bars for the arguments."""
    region_ids = list(region_labels)
    rows = records(frame)
    series = panel_series(rows, region_ids, style.lang)
    bars, slots, rotated = _fitted_labels(rows, series, region_ids, region_labels, style, tick_notes or {})
    key = panel_key(series, style.lang, conversion_how(bars, style.lang), rows)
    units_line = f"{units_line} · {key}" if units_line and key else (units_line or key)
    fig = go.Figure(region_bar_traces(bars, region_ids, with_notes(region_labels, region_notes, style.lang), style, True, {}))
    fig.add_traces(series_legend(series, style.lang))
    extra = [_baseline_trace(bars, style) if show_baseline else None, missing_trace(slots, region_labels, {})]
    fig.add_traces([trace for trace in extra if trace is not None])
    values = [b["shown_value"] for b in bars] + ([b["baseline"] for b in bars if not is_missing(b.get("baseline"))]
                                                 if show_baseline else [])
    y_axis = value_axis(values, {b["shown_unit"] for b in bars if b.get("shown_unit")}, style.lang)
    if bars:
        y_axis["range"] = [y_axis["range"][0], y_axis["range"][1] * LABEL_HEADROOM]
    fig.update_yaxes(y_axis, gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    _lay_out(fig, title, units_line, series_categories(bars, slots, region_ids),
             with_denominators(style, rows, region_labels), height, rotated)
    return selectable_bars(fig)


def indicator_bars(frame: pd.DataFrame, region_labels: dict[str, str], colors: dict[str, str], lang: str,
                   title: str, units_line: str, source: str, present: bool = False,
                   show_baseline: bool = True, height: int | None = None,
                   region_notes: dict[str, str] | None = None, tick_notes: dict[str, str] | None = None) -> go.Figure:
    """Bars across regions for one indicator (or family): value, scope, year, comparator, baseline.

    `height`: the figure's height in pixels (presentation mode fits it to the screen);
    region_notes: each plan's status and level after its name in the legend; tick_notes: a few
    characters under the region's name (a draft, an ended plan)."""
    style = ChartStyle(lang=lang, present=present, colors=colors, source=source)
    return draw_indicator(frame, region_labels, style, title, units_line, show_baseline, height, region_notes,
                          tick_notes)
