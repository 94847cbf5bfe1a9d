"""Figure builders: plain functions, DataFrame in → plotly Figure out.  No Streamlit here.

Every figure carries its own title, unit line and source line (so a PNG exported from the
toolbar stands on its own), uses a CJK-capable font, and colours regions through the map
the caller passes (dashboard.colors), so a region looks the same on every chart.

    style.py      ChartStyle: language, presentation mode, region colours, source line; sizes
    layout.py     title, unit line, legend, source line and image export — in one place
    text.py       wrapping, tags under bars, value labels (dashboard.numbers)
    axes.py       value axes: whole-number ticks for counts, 万/亿 for money and large numbers
    context.py    what an exported image also carries: population denominators, overrides
    bars.py       bars of targets across regions, series of comparable targets
    compare.py    compare page: small multiples by indicator family
    indicator.py  indicator page: one indicator across regions
    coverage.py   coverage matrix (overview), targets per category (profile)
    timeline.py   a plan's phases
    towns.py      the towns annex heatmap
    standing.py   many regions at once: standing strip, peer-group shares

Each builder has a ChartStyle entry point (draw_compare, draw_indicator, …) and the older form
taking language, colours, source and presentation one by one (compare_figures, indicator_bars, …),
which pages call as charts.<name>(…).
"""

from .axes import value_axis, whole_number_step
from .bars import RELATED_OPACITY, panel_key, panel_series
from .compare import compare_figures, draw_compare, several_bars_per_region
from .context import denominator_line
from .coverage import (
    category_bars,
    category_rank,
    coverage_matrix,
    draw_category_bars,
    draw_coverage,
    shown_category,
)
from .indicator import draw_indicator, indicator_bars
from .layout import finish, finish_styled, image_config, legend_rows
from .standing import rank_among, share_heatmap, standing_strip
from .style import FONT_FAMILY, ChartStyle
from .text import bar_tags, format_value, indicator_name, name_lines, shorten, tick_label, wrap, wrap_line
from .timeline import draw_phases, phases_timeline
from .towns import draw_towns, town_heatmap

__all__ = [
    "FONT_FAMILY", "RELATED_OPACITY", "ChartStyle", "bar_tags", "category_bars", "category_rank", "compare_figures",
    "coverage_matrix", "denominator_line", "draw_category_bars", "draw_compare", "draw_coverage", "draw_indicator",
    "draw_phases", "draw_towns", "finish", "finish_styled", "format_value", "image_config", "indicator_bars",
    "indicator_name", "legend_rows", "name_lines", "panel_key", "panel_series", "phases_timeline", "rank_among",
    "several_bars_per_region", "share_heatmap", "shorten", "shown_category", "standing_strip", "tick_label",
    "town_heatmap", "value_axis", "whole_number_step", "wrap", "wrap_line",
]
