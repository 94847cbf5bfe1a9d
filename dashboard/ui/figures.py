"""Charts on the page: built once per view (cached_figure), drawn with the export toolbar, and
clickable where their bars name a target (a click opens its sentence: source_links)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import image_config
from dashboard.i18n import t
from dashboard.services import warehouse
from dashboard.ui.context import View
from dashboard.ui.layout import first_click_hint
from dashboard.ui.source_links import chart_clicked


@st.cache_resource(max_entries=128, show_spinner=False)
def _figure_cache(key: tuple, _build: Callable[[], go.Figure]) -> go.Figure:
    return _build()


def cached_figure(key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """Build a figure once per view: `key` must name everything the figure depends on
    (the warehouse version is added here).  The cached object is shared, never mutated:
    st.plotly_chart only serialises it.  Keeps a rerun of a many-panel page cheap."""
    return _figure_cache(warehouse.version() + tuple(key), build)



def clickable(fig: go.Figure) -> bool:
    """Whether the figure has bars whose points name their target (customdata)."""
    return any(trace.type == "bar" and trace.customdata is not None for trace in fig.data)



# plotly.js (as Streamlit 1.67 ships it) throws "Cannot read properties of undefined (reading
# 'textfont')" when a click selects a bar of our multi-panel figures whose bars carry outside
# text, and then never reports the selection; a bar trace stating its selected/unselected text
# colour does not.  The compare and indicator charts state it when they are built
# (charts.layout.selectable_bars); for any other clickable figure a page passes (shared through
# cached_figure) a copy is patched here, once.
_SELECTABLE: dict[int, tuple[go.Figure, go.Figure]] = {}
_SELECTABLE_MAX = 256


def selectable(fig: go.Figure) -> go.Figure:
    """`fig` with every bar trace stating its selected and unselected text colour (a copy, cached)."""
    if all(trace.type != "bar" or trace.selected.textfont.color for trace in fig.data):
        return fig
    cached = _SELECTABLE.get(id(fig))
    if cached is not None and cached[0] is fig:
        return cached[1]
    patched = go.Figure(fig)
    patched.update_traces(selected={"textfont": {"color": "#222222"}},
                          unselected={"textfont": {"color": "#999999"}}, selector={"type": "bar"})
    if len(_SELECTABLE) >= _SELECTABLE_MAX:
        _SELECTABLE.pop(next(iter(_SELECTABLE)))
    _SELECTABLE[id(fig)] = (fig, patched)  # the original kept too, so its id is never reused meanwhile
    return patched


def show_chart(fig: go.Figure, filename: str, view: View, key: str | None = None) -> None:
    """A chart with the export toolbar; a chart of bars opens the clicked bar's sentence."""
    config = image_config(filename, view.image_format)
    if not clickable(fig):
        st.plotly_chart(fig, config=config, key=key, theme=None)
        return
    key = key or f"chart-{filename}"
    st.plotly_chart(selectable(fig), config=config, key=key, theme=None, on_select=partial(chart_clicked, key),
                    selection_mode="points")
    if first_click_hint():
        st.caption(t("chart_click_help", view.lang))

