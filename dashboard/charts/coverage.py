"""Targets per category: the overview's coverage matrix (regions × indicator families) and a
region profile's bars of quantitative and qualitative targets per category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.colors import COVERAGE_COLORS, UNMAPPED_COLOR, UNMAPPED_COVERAGE_COLORS
from dashboard.i18n import COVERAGE_LABELS, category_label, pick, t
from dashboard.safe_text import plot_text
from etl.api import CATEGORY_VALUES, UNMAPPED

from .axes import whole_number_step
from .layout import FOOTER_PAD_PX, finish_styled
from .style import GRID_COLOR, ChartStyle
from .text import label_px

CATEGORY_ORDER = CATEGORY_VALUES  # the five links, then the unmapped group
COVERAGE_CODE = {"none": 0, "qualitative": 1, "quantitative": 2}
COVERAGE_SYMBOL = {"none": "·", "qualitative": "▲", "quantitative": "■"}
DIVIDER_COLOR = "#999999"


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


def _status_legend(lang: str) -> list[go.Scatter]:
    """Legend entries, colour and symbol, for the three statuses."""
    return [go.Scatter(x=[None], y=[None], mode="markers",
                       name=f"{COVERAGE_SYMBOL[status]} {pick(COVERAGE_LABELS[status], lang)}",
                       marker=dict(symbol="square", size=14, color=COVERAGE_COLORS[status]),
                       hoverinfo="skip", showlegend=True)
            for status in ("quantitative", "qualitative", "none")]


def draw_coverage(coverage: pd.DataFrame, region_labels: dict[str, str], style: ChartStyle, title: str) -> go.Figure:
    """Regions (columns) × indicator families (rows); see coverage_matrix."""
    lang = style.lang
    fams = coverage.drop_duplicates("family")[["family", "family_zh", "family_en", "category"]]
    fams = fams.assign(_rank=fams["category"].map(category_rank)).sort_values("_rank", kind="stable")
    family_labels = [plot_text(_family_label(row, lang)) for row in fams.itertuples()]
    region_ids = list(region_labels)
    x_labels = [plot_text(region_labels[r]) for r in region_ids]
    status = coverage.pivot_table(index="family", columns="region_id", values="status", aggfunc="first")
    status = status.reindex(index=list(fams["family"]), columns=region_ids).fillna("none").values.tolist()
    grey = [3 if category == UNMAPPED else 0 for category in fams["category"]]
    fig = go.Figure(go.Heatmap(
        z=[[COVERAGE_CODE[s] + grey[i] for s in row] for i, row in enumerate(status)], x=x_labels,
        y=[[shown_category(c, lang) for c in fams["category"]], family_labels], zmin=0, zmax=5,
        colorscale=_coverage_colorscale(), showscale=False, text=[[COVERAGE_SYMBOL[s] for s in row] for row in status],
        texttemplate="%{text}", textfont=dict(color="white", size=style.scaled(12, 16)),
        hovertext=[[f"{x_labels[j]} · {family_labels[i]}<br>{pick(COVERAGE_LABELS[s], lang)}" for j, s in enumerate(row)]
                   for i, row in enumerate(status)],
        hoverinfo="text", xgap=3, ygap=3, name="coverage",
    ))
    fig.add_traces(_status_legend(lang))
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True, showdividers=True, dividercolor=DIVIDER_COLOR)
    fig.update_xaxes(side="top", showgrid=False, automargin=True)
    finish_styled(fig, title, style, height=style.scaled(26, 34) * len(family_labels) + 300)
    # The family and category names take the left margin; stated, not grown by plotly (automargin), so
    # the source line, which starts at the figure's left edge, knows where that is and never runs off.
    categories = [shown_category(c, lang) for c in fams["category"].unique()]
    left = int(max([label_px(x, style.base, style.base) for x in family_labels] + [0])
               + max([label_px(x, style.base, style.base) for x in categories] + [0]) + 40)
    fig.update_yaxes(automargin=False)
    fig.update_layout(margin=dict(t=style.scaled(130, 150), l=left))
    fig.update_annotations(selector=dict(name="source_line"), xshift=-(left - FOOTER_PAD_PX))
    return fig


def coverage_matrix(coverage: pd.DataFrame, region_labels: dict[str, str], lang: str,
                    title: str, source: str, present: bool = False) -> go.Figure:
    """Regions (columns) × indicator families (rows); cell colour and symbol give the status.

    `coverage` has region_id, family, family_zh, family_en, category, status, n_quantitative,
    n_qualitative (queries.coverage()).  Unmapped targets form a last, grey row group.
    """
    return draw_coverage(coverage, region_labels, ChartStyle(lang=lang, present=present, source=source), title)


def draw_category_bars(counts: pd.DataFrame, color: str, style: ChartStyle, title: str) -> go.Figure:
    """Targets per category of one plan; see category_bars."""
    lang = style.lang
    counts = counts.set_index("category")[["quantitative", "qualitative"]].reindex(CATEGORY_ORDER).fillna(0)
    labels = [shown_category(c, lang) for c in CATEGORY_ORDER]
    colors = [UNMAPPED_COLOR if c == UNMAPPED else color for c in CATEGORY_ORDER]
    quantitative = [int(n) for n in counts["quantitative"]]
    qualitative = [int(n) for n in counts["qualitative"]]
    quantitative_word, qualitative_word = t("quantitative", lang), t("qualitative", lang)
    fig = go.Figure([
        go.Bar(y=labels, x=quantitative, orientation="h", name=quantitative_word, marker=dict(color=colors),
               text=[str(n) if n else "" for n in quantitative], textposition="inside", insidetextanchor="end",
               textangle=0, textfont=dict(color="white"), hovertemplate="%{y}: %{x} " + quantitative_word + "<extra></extra>"),
        go.Bar(y=labels, x=qualitative, orientation="h", name=qualitative_word,
               marker=dict(color=colors, opacity=0.55, line=dict(color=colors, width=1),
                           pattern=dict(shape="/", fillmode="replace", bgcolor=colors, fgcolor="white", solidity=0.3)),
               text=[f"+{n} {qualitative_word}" if n else "" for n in qualitative], textposition="outside",
               textangle=0, textfont=dict(color="#444444"), cliponaxis=False,
               hovertemplate="%{y}: %{x} " + qualitative_word + "<extra></extra>"),
    ])
    top = max([a + b for a, b in zip(quantitative, qualitative)] + [1])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    # Room past the longest bar for its "+n 定性" label.
    fig.update_xaxes(gridcolor=GRID_COLOR, range=[0, top * 1.3 + 1], tickmode="linear", tick0=0,
                     dtick=whole_number_step(top))
    return finish_styled(fig, title, style, height=style.scaled(380, 440))


def category_bars(counts: pd.DataFrame, color: str, lang: str, title: str, source: str,
                  present: bool = False) -> go.Figure:
    """Targets per category of one plan: quantitative (solid) and qualitative (hatched), the
    five links and then the unmapped group, whose bar and name are grey.

    Counts are written inside the solid part; the qualitative count goes just past the bar's
    end (white text on a thin hatched segment cannot be read)."""
    return draw_category_bars(counts, color, ChartStyle(lang=lang, present=present, source=source), title)
