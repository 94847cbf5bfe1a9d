"""Figures for many regions at once (issue 13): where one region stands in a distribution, and the
share of a peer group setting each indicator family.  Plain functions, no Streamlit.

They draw what a person can read at 1,000 regions: a distribution (box + points) instead of a bar
per region, and a share per family instead of a cell per region and family.  Text goes through
dashboard.safe_text.plot_text (region and indicator names come from manifests and uploads).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t
from dashboard.numbers import format_number, title_unit
from dashboard.safe_text import plot_text

from .axes import readable_ticks
from .layout import finish

ALL_COLOR = "#9E9E9E"
PEER_COLOR = "#0072B2"
ANCHOR_COLOR = "#D55E00"
SHARE_COLUMNS = ("n_numeric", "n_qualitative", "n_none")


def rank_among(values: pd.DataFrame, region_id: str | None, peer_ids) -> dict:
    """Where `region_id` stands among the peers that set a value (values: region_id, value).

    rank: 1 = highest target; ahead_pct: share of the other peers with a lower value (0–100, None
    when it is alone); n_with: peers with a value; n_none: peers in the group with none."""
    peers = values[values["region_id"].isin(set(peer_ids))]
    n_with = len(peers)
    out = {"rank": None, "ahead_pct": None, "n_with": n_with, "n_none": max(len(set(peer_ids)) - n_with, 0),
           "value": None}
    mine = peers[peers["region_id"] == region_id]
    if region_id is None or mine.empty:
        return out
    value = float(mine["value"].iloc[0])
    out["value"] = value
    out["rank"] = int((peers["value"] > value).sum()) + 1
    if n_with > 1:
        out["ahead_pct"] = round(100 * int((peers["value"] < value).sum()) / (n_with - 1))
    return out


QUARTER_FILL = "rgba(213, 94, 0, 0.10)"  # the anchor's colour, faint: the most ambitious quarter
FEWEST_FOR_QUARTERS = 4


def ambition_quarter(where: dict) -> int | None:
    """Which quarter of the peers (rank_among's answer, values being required yearly changes) the
    region's target falls in: 1 = the most ambitious quarter (the largest change asked for) … 4 = the
    least; None when it has no value or fewer than four peers set one (quarters of three say nothing)."""
    if where.get("rank") is None or where["n_with"] < FEWEST_FOR_QUARTERS or where.get("ahead_pct") is None:
        return None
    ahead = where["ahead_pct"]
    return 1 if ahead >= 75 else 2 if ahead >= 50 else 3 if ahead >= 25 else 4


def top_quarter_from(values: pd.Series) -> float | None:
    """Where the most ambitious quarter starts: the 75th percentile (None under four values)."""
    values = pd.to_numeric(values, errors="coerce").dropna()
    return float(values.quantile(0.75)) if len(values) >= FEWEST_FOR_QUARTERS else None


def standing_strip(values: pd.DataFrame, anchor: str | None, peer_ids, labels: dict[str, str], lang: str,
                   title: str, unit: str, source: str, present: bool = False,
                   top_quarter: str | None = None) -> go.Figure:
    """Two rows: every region's value (box + points, grey) and the peers' (blue); the anchor as a
    large labelled marker on both rows.  values: region_id, value (one per region).
    top_quarter: a label for the band of the peers' most ambitious quarter (from their 75th
    percentile up; every region's when fewer than four peers set a value), drawn behind the points —
    for a measure where larger asks more (ambition)."""
    fig = go.Figure()
    rows = [(t("standing_all", lang), values, ALL_COLOR)]
    peers = values[values["region_id"].isin(set(peer_ids))]
    if len(peers) and len(peers) < len(values):
        rows.append((t("standing_peers", lang), peers, PEER_COLOR))
    for name, frame, color in rows:
        hover = [plot_text(labels.get(r, r)) for r in frame["region_id"]]
        written = [plot_text(format_number(v, unit, lang)) for v in frame["value"]]
        fig.add_trace(go.Box(x=frame["value"], y=[name] * len(frame), name=name, orientation="h",
                             boxpoints="all", jitter=0.5, pointpos=0, marker={"color": color, "size": 5, "opacity": 0.6},
                             line={"color": color}, fillcolor="rgba(0,0,0,0)", text=hover, customdata=written,
                             hovertemplate="%{text}: %{customdata}<extra></extra>", showlegend=False))
    mine = values[values["region_id"] == anchor]
    if anchor is not None and len(mine):
        name = plot_text(labels.get(anchor, anchor))
        value = float(mine["value"].iloc[0])
        fig.add_trace(go.Scatter(x=[value] * len(rows), y=[row[0] for row in rows], mode="markers+text",
                                 marker={"color": ANCHOR_COLOR, "size": 16, "symbol": "diamond",
                                         "line": {"color": "white", "width": 1.5}},
                                 text=[name] * len(rows), textposition="top center", name=name,
                                 textfont={"color": ANCHOR_COLOR},
                                 cliponaxis=False,  # the name above a one-row strip sat cut by the plot's top
                                 hovertemplate=f"{name}: {plot_text(format_number(value, unit, lang))}<extra></extra>",
                                 showlegend=False))
    # the band of the peers' top quarter, or of every region's where fewer than four peers set a value
    banded = next((frame for _name, frame, _color in reversed(rows) if len(frame) >= FEWEST_FOR_QUARTERS), None)
    start = top_quarter_from(banded["value"]) if top_quarter and banded is not None else None
    if start is not None:
        fig.add_vrect(x0=start, x1=float(banded["value"].max()), fillcolor=QUARTER_FILL, line_width=0, layer="below",
                      annotation_text=plot_text(top_quarter), annotation_position="bottom right",  # clear of the names above the markers
                      annotation_font={"color": ANCHOR_COLOR, "size": 12 if not present else 16})
    # The unit is written once, under the title: an axis title sat on the source line.
    fig.update_xaxes(readable_ticks(list(values["value"]), {unit} if unit else set(), lang), zeroline=False)
    fig.update_yaxes(autorange="reversed")
    # presentation mode's larger title, unit and source lines take ~130 px more: the rows keep their room
    height = (320 if len(rows) > 1 else 240) + (130 if present else 0)
    return finish(fig, title, source, units=title_unit(unit, lang), present=present, height=height, has_legend=False)


def share_heatmap(shares: pd.DataFrame, lang: str, title: str, source: str, top_n: int | None = 25,
                  present: bool = False) -> go.Figure:
    """Families (rows, most-set first) × numeric / qualitative only / none: the share of the peer
    group in each, as colour and as a percentage.  shares: queries.family_shares."""
    frame = shares.head(top_n) if top_n else shares
    names = [plot_text(row["family_en"] if lang == "en" and isinstance(row["family_en"], str) and row["family_en"]
                       else row["family_zh"] or row["family"]) for row in frame.to_dict("records")]
    n_peers = frame["n_peers"].clip(lower=1)
    z = [list(frame[column] / n_peers) for column in SHARE_COLUMNS]
    z = [list(row) for row in zip(*z)]
    text = [[f"{round(100 * v)}%" for v in row] for row in z]
    columns = [t("share_numeric", lang), t("share_qualitative", lang), t("share_none", lang)]
    fig = go.Figure(go.Heatmap(z=z, x=columns, y=names, text=text, texttemplate="%{text}", zmin=0, zmax=1,
                               colorscale="Blues", colorbar={"title": "%", "tickformat": ".0%"},
                               hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    height = 160 + 22 * len(frame)
    return finish(fig, title, source, present=present, height=max(height, 320), has_legend=False)
