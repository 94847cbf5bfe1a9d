"""A plan's phases (启动 / 推进 / 验收 …) as bars on a month axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.glossary import en
from dashboard.safe_text import plot_text

from .layout import finish_styled
from .style import GRID_COLOR, SUBTITLE_COLOR, ChartStyle
from .text import wrap


def _month_start(month: str) -> pd.Timestamp:
    return pd.Timestamp(f"{month}-01")


def _month_end(month: str) -> pd.Timestamp:
    """The first moment after `month` (a phase includes its end month)."""
    return pd.Timestamp(f"{month}-01") + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)


def draw_phases(phases: pd.DataFrame, color: str, style: ChartStyle, title: str) -> go.Figure:
    """The plan's phases as horizontal bars, start month to end month inclusive; see phases_timeline."""
    starts = [_month_start(s) for s in phases["start"]]
    ends = [_month_end(e) for e in phases["end"]]
    # English: the phase's English beside the plan's own name (宣传发动阶段 → publicity and mobilisation)
    names = [f"{en(p)} (「{p}」)" if style.lang == "en" and en(p) != p else p for p in phases["phase"]]
    labels = [f"{plot_text(p)}<br><span style='font-size:0.85em;color:{SUBTITLE_COLOR}'>{plot_text(s)} – {plot_text(e)}</span>"
              for p, s, e in zip(names, phases["start"], phases["end"])]
    fig = go.Figure(go.Bar(
        y=labels, x=[(e - s).total_seconds() * 1000 for s, e in zip(starts, ends)],
        base=[s.isoformat() for s in starts], orientation="h", marker=dict(color=color), name="phases",
        hovertext=[wrap(q) for q in phases["quote"]], hoverinfo="text",
    ))
    # Month ticks written the reader's way (plotly would write "Jan 2024" whatever the language).
    fig.update_xaxes(type="date", gridcolor=GRID_COLOR, tickformat="%Y年%-m月" if style.lang != "en" else "%Y-%m",
                     hoverformat="%Y-%m")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return finish_styled(fig, title, style, height=200 + 70 * max(len(phases), 1), has_legend=False)


def phases_timeline(phases: pd.DataFrame, color: str, lang: str, title: str, source: str,
                    present: bool = False) -> go.Figure:
    """The plan's phases as horizontal bars on a month axis (start month to end month inclusive).
    phases: phase, start and end (YYYY-MM), quote."""
    return draw_phases(phases, color, ChartStyle(lang=lang, present=present, source=source), title)
