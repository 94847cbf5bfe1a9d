"""The towns annex: towns × periods as a heatmap, the annex's own numbers in the cells."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.safe_text import plot_text

from .layout import finish_styled
from .style import TEXT_COLOR, ChartStyle
from .text import format_value

# Light to mid blue only, so dark text reads on every cell (6.7:1 on the
# darkest, #6BAED6); the full "Blues" scale ends in navy, where no one text colour reads on both ends.
READABLE_BLUES = [[0.0, "#F7FBFF"], [0.5, "#C6DBEF"], [1.0, "#6BAED6"]]


def _period_key(period: str) -> tuple[int, int]:
    # Single years first in order, then the whole-period column (2024-2026) last.
    return (1, 0) if "-" in str(period) else (0, int(period) if str(period).isdigit() else 0)


def draw_towns(frame: pd.DataFrame, style: ChartStyle, title: str, units_line: str) -> go.Figure:
    """Towns × periods; see town_heatmap."""
    towns_only = frame[~frame["is_total"].astype(bool)]
    grid = towns_only.pivot_table(index="town", columns="period", values="value", aggfunc="sum")
    grid = grid[sorted(grid.columns, key=_period_key)]
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    relative = grid / grid.max(axis=0).replace(0, 1)
    text = [[format_value(v, lang=style.lang) if pd.notna(v) else "–" for v in row] for row in grid.values.tolist()]
    fig = go.Figure(go.Heatmap(
        z=relative.values.tolist(), x=[plot_text(p) for p in grid.columns], y=[plot_text(town) for town in grid.index],
        colorscale=READABLE_BLUES, zmin=0, zmax=1, showscale=False, text=text, texttemplate="%{text}",
        textfont=dict(size=style.scaled(13, 22), color=TEXT_COLOR), customdata=grid.values.tolist(),
        hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>", xgap=2, ygap=2, name="towns",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", type="category")
    return finish_styled(fig, title, style, units=units_line, height=style.scaled(28, 42) * len(grid.index) + 230,
                         has_legend=False)


def town_heatmap(frame: pd.DataFrame, lang: str, title: str, units_line: str,
                 source: str, present: bool = False) -> go.Figure:
    """Towns × periods, the annex's total row (is_total) left out.  Colour is relative within each
    period column (the 3-year column would otherwise drown the single years); the number in each
    cell is the annex's own value."""
    return draw_towns(frame, ChartStyle(lang=lang, present=present, source=source), title, units_line)
