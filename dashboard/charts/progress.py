"""The progress page: each region's path for one indicator — its starting level, what was observed
since (a researcher's figures ●, levels the plan states ◆) and the target ★ with the straight path
to it dashed.  Every point carries "obs:<observation_id>" or "target:<target_id>" as customdata, so
the page can show the clicked point's sentence or citation.

Status colours (STATUS_COLORS) are the Okabe–Ito palette, told apart with every common colour vision."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import attainment_label, required_change_text, t
from dashboard.numbers import title_unit
from dashboard.safe_text import plot_text

from .axes import value_axis
from .layout import finish_styled
from .style import GRID_COLOR, ChartStyle
from .text import format_value, is_missing, records

STATUS_COLORS = {"achieved": "#009E73", "on_track": "#56B4E9", "behind": "#E69F00", "regressing": "#D55E00",
                 "insufficient_data": "#999999"}
SYMBOLS = {"researcher": "circle", "plan": "diamond"}


def month_end(year, month=None) -> float:
    """Where the end of a month is drawn on an axis of year ends: a year's figure (its year-end level)
    at the year itself, the end of May 2025 at 2025 − 7/12.  A tick labelled 2025 is the end of 2025."""
    month = 12 if is_missing(month) else int(month)
    return round(int(year) + (month - 12) / 12, 4)


def _yyyy_mm_end(text) -> float | None:
    return month_end(int(text[:4]), int(text[5:7])) if isinstance(text, str) and len(text) >= 7 else None


def _due(target: dict) -> float | None:
    year = target.get("target_year")
    if is_missing(year) or (not is_missing(target.get("period_end")) and int(year) == int(target["period_end"])):
        return _yyyy_mm_end(target.get("plan_end_month"))
    return month_end(int(year))


def _due_text(row: dict) -> str:
    due = _due(row)
    if due is None:
        return ""
    year, month = int(due) + (due % 1 > 0), round((due % 1) * 12) or 12
    return f"{year}-{month:02d}"


def _observation_hover(row: dict, lang: str) -> str:
    kind = t("progress_observed_researcher" if row["source_kind"] == "researcher" else "progress_observed_plan", lang)
    when = f"{int(row['year'])}" + ("" if is_missing(row.get("month")) else f"-{int(row['month']):02d}")
    source = row.get("source") if row["source_kind"] == "researcher" else row.get("quote")
    return "<br>".join(plot_text(part) for part in (
        f"{when} · {format_value(row['value_std'], row.get('unit_std') or '', lang=lang)}", kind,
        (str(source or "")[:60] + ("…" if len(str(source or "")) > 60 else ""))))


def _target_hover(row: dict, lang: str) -> str:
    lines = [f"{t('progress_target', lang)}: {format_value(row['value_std'], row.get('unit_std') or '', row.get('comparator'), lang)}"
             f" · {_due_text(row)}"[:80]]
    change = required_change_text(row.get("required_annual_change"), row.get("required_change_unit"), lang)
    if change:
        lines.append(change)
    if isinstance(row.get("status"), str):
        lines.append(attainment_label(row["status"], lang))
    return "<br>".join(plot_text(line) for line in lines)


def _region_traces(region_id: str, name: str, color: str, observed: list[dict], targets: list[dict],
                   starts: dict[str, dict], style: ChartStyle) -> list[go.Scatter]:
    traces = []
    if observed:
        traces.append(go.Scatter(
            x=[month_end(o["year"], o.get("month")) for o in observed], y=[o["value_std"] for o in observed],
            mode="lines+markers", name=plot_text(name), legendgroup=region_id,
            line=dict(color=color, width=style.scaled(2, 3)),
            marker=dict(color=color, size=style.scaled(10, 14), symbol=[SYMBOLS.get(o["source_kind"], "circle")
                                                                        for o in observed],
                        line=dict(color="white", width=1)),
            customdata=[f"obs:{o['observation_id']}" for o in observed],
            hovertext=[_observation_hover(o, style.lang) for o in observed], hoverinfo="text"))
    for target in targets:
        due = _due(target)
        if due is None:
            continue
        start = starts.get(target.get("start_observation_id") or "")
        xs, ys, data = [due], [target["value_std"]], [f"target:{target['target_id']}"]
        if start is not None:
            xs, ys = [month_end(start["year"], start.get("month")), due], [start["value_std"], target["value_std"]]
            data = [f"obs:{start['observation_id']}", data[0]]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines+markers", legendgroup=region_id, showlegend=not observed,
            name=plot_text(name), line=dict(color=color, width=style.scaled(1.5, 2.5), dash="dash"),
            marker=dict(color=color, size=[0] * (len(xs) - 1) + [style.scaled(16, 22)],
                        symbol=["circle"] * (len(xs) - 1) + ["star"], line=dict(color="#222222", width=1)),
            customdata=data, hovertext=[""] * (len(xs) - 1) + [_target_hover(target, style.lang)], hoverinfo="text"))
    return traces


def draw_paths(targets: pd.DataFrame, observations: pd.DataFrame, region_labels: dict[str, str], style: ChartStyle,
               title: str, unit: str, height: int | None = None) -> go.Figure:
    """One indicator's paths across regions (see the module docstring); regions in `region_labels`' order."""
    observed, goals = records(observations), records(targets)
    starts = {o["observation_id"]: o for o in observed}
    fig = go.Figure()
    values: list[float] = []
    for region_id, name in region_labels.items():
        mine = [o for o in observed if o["region_id"] == region_id]
        theirs = [g for g in goals if g["region_id"] == region_id]
        if not mine and not theirs:
            continue
        fig.add_traces(_region_traces(region_id, name, style.color(region_id), mine, theirs, starts, style))
        values += [o["value_std"] for o in mine] + [g["value_std"] for g in theirs]
    fig.update_xaxes(type="linear", gridcolor=GRID_COLOR, showline=True, linecolor="#999999", dtick=1,
                     tickformat="d", title=dict(text=t("progress_year_end", style.lang), font=dict(size=style.small_size)))
    y_axis = value_axis(values or [0, 1], {unit} if unit else set(), style.lang)
    fig.update_yaxes(y_axis, gridcolor=GRID_COLOR, zeroline=False)
    finish_styled(fig, title, style, t("progress_units", style.lang, unit=title_unit(unit, style.lang)) if unit else "",
                  height=height or style.scaled(480, 620))
    fig.update_layout(hovermode="closest")
    return fig
