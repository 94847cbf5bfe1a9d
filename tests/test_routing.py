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
