"""A click on a bar or a table row opens its sentence on the Sources page, in the same tab and
session (so a plan a user uploaded is still there).

Bars carry their target_id as `customdata` (dashboard/charts) and tables a target_id column.
A click only records the target (the widget's callback runs once per change, so a selection
that stays on screen can never fire twice); app.py then switches page (follow_source_click)."""

from __future__ import annotations

import re

import streamlit as st

from dashboard.services import warehouse
from dashboard.ui.context import uploaded_targets

SOURCES_PAGE = "pages/sources.py"
_PENDING_SOURCE = "_open_source"


def clicked_target(points) -> str | None:
    """The target id of the first selected point that carries one (customdata, a string or [string])."""
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, str) and data:
            return data
    return None


def chart_clicked(key: str) -> None:
    """on_select of a clickable chart: remember the clicked bar's target for app.py."""
    event = st.session_state.get(key) or {}
    target = clicked_target((event.get("selection") or {}).get("points"))
    if target:
        st.session_state[_PENDING_SOURCE] = target


def row_clicked(key: str, target_ids: list) -> None:
    """on_select of a table with a target_id column: remember the clicked row's target for app.py."""
    event = st.session_state.get(key) or {}
    rows = (event.get("selection") or {}).get("rows") or []
    if rows and 0 <= rows[0] < len(target_ids) and isinstance(target_ids[rows[0]], str):
        st.session_state[_PENDING_SOURCE] = target_ids[rows[0]]


def source_params(target_id: str) -> dict[str, str] | None:
    """The Sources page's query parameters for a target: this session's uploads, then the warehouse."""
    uploaded = uploaded_targets()
    if uploaded is not None and "target_id" in uploaded:
        mine = uploaded[uploaded["target_id"] == target_id]
        if len(mine):
            return {"doc": str(mine["doc_id"].iloc[0]), "target": target_id}
    detail = warehouse.target_detail(target_id)
    if len(detail):
        return {"doc": str(detail["doc_id"].iloc[0]), "target": target_id}
    return None


def follow_source_click() -> None:
    """app.py, after st.navigation: a bar or row clicked in the last run opens its sentence."""
    target = st.session_state.pop(_PENDING_SOURCE, None)
    params = source_params(target) if target else None
    if params is None:
        return
    for key in ("doc", "target"):  # the Sources page seeds its pickers from the URL, not a stale choice
        st.session_state.pop(key, None)
    globals_kept = {k: st.query_params[k] for k in ("lang", "present") if k in st.query_params}
    st.switch_page(SOURCES_PAGE, query_params={**globals_kept, **params})



# --- the number in its sentence ------------------------------------------------------------------
# A number as a plan writes it: 1,200 / 3.5 / 60 (full-width digits are folded by the reader already).
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def number_span(quote: str, value, unit) -> tuple[int, int] | None:
    """Where the target's number (with its unit, when written right after it) sits in its sentence:
    (start, end) offsets in `quote`, or None when it is not written in digits there (a Chinese
    numeral, a number the sentence does not hold): then the sentence alone is highlighted.  Of
    several equal numbers, the one followed by the unit wins, else the first."""
    try:
        wanted = float(value)
    except (TypeError, ValueError):
        return None
    if wanted != wanted or not isinstance(quote, str):
        return None
    unit = unit if isinstance(unit, str) else ""
    found = None
    for match in _NUMBER.finditer(quote):
        if abs(float(match.group(0).replace(",", "")) - wanted) > 1e-9 * max(1.0, abs(wanted)):
            continue
        if unit and quote.startswith(unit, match.end()):
            return match.start(), match.end() + len(unit)
        found = found or (match.start(), match.end())
    return found
