"""Every page is reachable by a typed URL (/overview, /compare …), not only from the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.mark.usefixtures("warehouse")
def test_every_page_file_has_a_url_path_a_typed_url_resolves_to():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    # Streamlit resolves a typed /<name> by the registered url_pathname; the default page's is "",
    # which is why /overview used to show "Page not found".
    reachable = {info["url_pathname"]: Path(info["script_path"]).name for info in at._registered_pages.values()}
    for script in set(reachable.values()):  # every page in the menu, by its file name
        stem = Path(script).stem
        assert reachable.get(stem) == script, (stem, sorted(reachable))
    assert reachable[""] == "overview.py"  # the root still opens the overview


@pytest.mark.usefixtures("warehouse")
def test_the_overview_opened_by_its_typed_url_runs():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception and len(at.title) == 1


# --- a click on a bar or a table row opens its sentence (dashboard/ui/source_links.py) ----------------------

def test_the_clicked_point_names_its_target_whatever_shape_plotly_gives_customdata():
    from dashboard.ui.source_links import clicked_target

    assert clicked_target([{"x": "a", "customdata": "tianchang-2024-001"}]) == "tianchang-2024-001"
    assert clicked_target([{"customdata": ["yixing-2024-002"]}]) == "yixing-2024-002"
    assert clicked_target([{"x": "missing"}, {"customdata": "b-1"}]) == "b-1"  # the invisible marker has none
    assert clicked_target([{"customdata": 3.5}]) is None and clicked_target([]) is None and clicked_target(None) is None


def test_only_figures_whose_bars_name_their_targets_are_clickable():
    import plotly.graph_objects as go

    from dashboard.ui.figures import clickable, selectable

    bars = go.Figure([go.Bar(x=["a"], y=[1], customdata=["t-001"], text=["1"]), go.Bar(name="legend only")])
    assert clickable(bars)
    assert not clickable(go.Figure(go.Heatmap(z=[[1]], customdata=[["x"]])))  # the towns grid: no target ids
    patched = selectable(bars)
    assert patched is not bars and bars.data[0].selected.textfont.color is None  # the shared figure untouched
    assert all(trace.selected.textfont.color for trace in patched.data)
    assert selectable(bars) is patched  # patched once


@pytest.mark.usefixtures("warehouse")
def test_a_recorded_click_opens_the_sources_page_once_on_the_targets_sentence():
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/compare.py")
    at.query_params.update({"lang": "en"})
    at.run()
    at.session_state["_open_source"] = "tianchang-2024-001"  # what a click's callback records
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert dict(at.query_params) == {"lang": "en", "doc": "tianchang-2024", "target": "tianchang-2024-001"}
    assert at.selectbox(key="target").value == "tianchang-2024-001"
    assert "_open_source" not in at.session_state  # consumed: the next run does not switch again


@pytest.mark.usefixtures("warehouse")
def test_a_click_on_an_unknown_target_changes_nothing():
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/compare.py")
    at.run()
    at.session_state["_open_source"] = "no-such-target"
    at.run()
    assert not at.exception and "doc" not in at.query_params and "category" in at.query_params
