"""Where a figure's title, unit line, legend and source line go — written once for every chart.

Every figure carries its own title, unit line and source line (a PNG exported from the toolbar
stands on its own).  Positions are in pixels from the figure's edges, so they never run into
the axis labels whatever the height.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.safe_text import plot_text

from .style import AXIS_LINE_COLOR, FONT_FAMILY, SOURCE_COLOR, SUBTITLE_COLOR, TEXT_COLOR, ChartStyle
from .text import display_width, line_count, wrap_line

LEGEND_WIDTH_PX = 880  # what a legend row gets in a page 1280 px wide (sidebar and margins off)
LEGEND_SYMBOL_PX = 40  # a legend entry's symbol and the gaps around it
FOOTER_PAD_PX = 8  # from the source line's last line to the figure's bottom edge


# --- the frame of every figure ---------------------------------------------------------------

def base_layout(style: ChartStyle, height: int, margin: dict) -> dict:
    """Font, white background and hover font every figure shares."""
    return dict(height=height, margin=margin, paper_bgcolor="white", plot_bgcolor="white",
                font=dict(family=FONT_FAMILY, size=style.base, color=TEXT_COLOR),
                hoverlabel=dict(font=dict(family=FONT_FAMILY, size=style.base)))


def title_layout(title: str, subtitle: str, style: ChartStyle, height: int, top_px: int = 12) -> dict:
    """The bold title `top_px` below the top edge, the (already wrapped) unit line under it."""
    return dict(text=f"<b>{plot_text(title)}</b>", x=0.01, xanchor="left", yref="container", y=1 - top_px / height,
                yanchor="top", font=dict(size=style.title_size),
                subtitle=dict(text=subtitle, font=dict(size=style.subtitle_size, color=SUBTITLE_COLOR)))


def header_height(units_line: str, style: ChartStyle) -> tuple[int, str]:
    """Pixels the title and its wrapped unit line take at the top, and that unit line."""
    subtitle = wrap_line(units_line, style.subtitle_width) if units_line else ""
    block = 16 + round(style.title_size * 1.5)
    if subtitle:
        block += line_count(subtitle) * (style.base + 5) + 10
    return block, subtitle


# --- legends ---------------------------------------------------------------------------------

def legend_rows(names: list[str], base: int, width_px: int = LEGEND_WIDTH_PX) -> int:
    """Rows a horizontal legend of these entries takes (symbol and gap ≈ 40 px, a CJK character
    ≈ 1.1 font sizes, a Latin letter ≈ 0.6), so what follows starts below it however long the
    names (plan status after each region, related measures named in full)."""
    rows, used = 1, 0.0
    for name in names:
        entry = LEGEND_SYMBOL_PX + display_width(name) * base * 0.6
        if used and used + entry > width_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def legend_names(fig: go.Figure) -> list[str]:
    return [str(trace.name or "") for trace in fig.data if trace.showlegend is not False]


def legend_height(names: list[str], style: ChartStyle) -> int:
    return legend_rows(names, style.base) * (style.base + 12) + 12


def top_legend(style: ChartStyle, height: int, top_px: int) -> dict:
    """A horizontal legend whose first row starts `top_px` below the top edge."""
    return dict(orientation="h", x=0, xanchor="left", yref="container", y=1 - top_px / height, yanchor="top",
                font=dict(size=style.base), traceorder="normal")


# --- the source line and what an exported image must also carry ------------------------------

def footer_text(source: str, style: ChartStyle) -> str:
    """The source line, then the style's context lines (denominators, overrides), wrapped and escaped."""
    lines = [wrap_line(text, style.source_width) for text in (source, *style.context) if text]
    return "<br>".join(lines)


def footer_height(source: str, style: ChartStyle) -> int:
    """Pixels the footer takes: one line is what a single source line always had."""
    text = footer_text(source, style)
    return (style.base + 10) + (line_count(text) - 1) * (style.small_size + 6) if text else 0


def add_footer(fig: go.Figure, source: str, style: ChartStyle) -> None:
    """The source (and context) lines at the bottom edge, under whatever the bottom margin holds,
    starting at the figure's left edge (not the plot's), so the whole width is theirs."""
    left = fig.layout.margin.l if fig.layout.margin.l is not None else 80
    fig.add_annotation(text=footer_text(source, style), xref="paper", yref="paper", x=0, y=0,
                       xshift=-(left - FOOTER_PAD_PX), yshift=-(fig.layout.margin.b - FOOTER_PAD_PX),
                       xanchor="left", yanchor="bottom", align="left",
                       showarrow=False, font=dict(size=style.small_size, color=SOURCE_COLOR), name="source_line")


def grow_bottom(fig: go.Figure, pixels: int) -> None:
    """Make room for `pixels` more at the bottom, keeping the plot area's height."""
    fig.update_layout(height=fig.layout.height + pixels, margin=dict(b=fig.layout.margin.b + pixels))


# --- one call for the simple figures ----------------------------------------------------------

def finish_styled(fig: go.Figure, title: str, style: ChartStyle, units: str = "", height: int = 480,
                  has_legend: bool = True) -> go.Figure:
    """Title (and unit line) on top; legend and source line at the bottom."""
    subtitle = wrap_line(units, style.subtitle_width)
    footer = footer_height(style.source, style)
    legend_px = style.scaled(70, 80) if has_legend else 0
    bottom = style.scaled(47, 60) + footer + legend_px
    top = style.scaled(110, 130) + (style.base + 4) * (line_count(subtitle) - 1) if units else style.scaled(80, 95)
    fig.update_layout(
        base_layout(style, height, dict(l=70, r=30, t=top, b=bottom)),
        title=title_layout(title, subtitle, style, height, top_px=14),
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=(footer + FOOTER_PAD_PX + style.base - 2) / height,
                    yanchor="bottom", font=dict(size=style.base)),
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    add_footer(fig, style.source, style)
    return fig


def finish(fig: go.Figure, title: str, source: str, units: str = "", present: bool = False,
           height: int = 480, has_legend: bool = True) -> go.Figure:
    """finish_styled for callers that pass the source line and presentation mode one by one."""
    return finish_styled(fig, title, ChartStyle(present=present, source=source), units, height, has_legend)


def image_config(filename: str, image_format: str = "png") -> dict:
    """plotly config: toolbar download at 3× scale with a meaningful file name.  The image is the
    figure as drawn, so what it must carry (title, source, status, denominators) is in the figure."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in filename).strip("_") or "chart"
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": safe, "scale": 3},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def selectable_bars(fig: go.Figure) -> go.Figure:
    """Every bar trace states its selected and unselected text colour.  plotly.js (as Streamlit
    1.67 ships it) throws "Cannot read properties of undefined (reading 'textfont')" when a click
    selects a bar of a multi-panel figure whose bars carry outside text, and then never reports
    the selection (dashboard/ui.py opens a clicked bar's sentence); stated colours avoid it."""
    fig.update_traces(selected={"textfont": {"color": TEXT_COLOR}},
                      unselected={"textfont": {"color": AXIS_LINE_COLOR}}, selector={"type": "bar"})
    return fig
