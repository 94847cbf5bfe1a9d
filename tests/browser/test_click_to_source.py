"""A click on a bar or a table row opens its sentence on the Sources page in the same tab and the
same session: the sentence highlighted, and a plan uploaded earlier in the session still there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.test_browser import (
    NAV_LINKS,
    PLOTLY_CHART,
    RUN_TIMEOUT_MS,
    UPLOAD_PLAN,
    UPLOAD_REGION,
    error_texts,
    open_page,
    wait_for_app_idle,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

# The largest bar of the first chart holding a bar whose target id starts with `prefix`: the
# chart is scrolled to the middle of the window first; returns the bar's centre on screen and the
# target id plotly holds for it (the `customdata` dashboard/charts.py gives every bar).
BAR_UNDER_TEST = """(prefix) => {
  const bars = (chart) => [...chart.querySelectorAll('g.trace.bars g.point path')].map(path => {
    const point = path.parentNode.__data__, group = path.closest('g.trace.bars').__data__;
    const data = group && group[0] && group[0].trace.customdata;
    return {path, target: data ? String(data[point.i]) : ''};
  }).filter(bar => bar.target && bar.target.startsWith(prefix));
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
    const mine = bars(chart);
    if (!mine.length) continue;
    chart.scrollIntoView({block: 'center', behavior: 'instant'});
    let best = null;
    for (const {path, target} of mine) {
      const box = path.getBoundingClientRect();  // the part inside the window
      const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
      const area = box.width * (bottom - top);
      if (box.width < 4 || bottom - top < 4) continue;
      if (!best || area > best.area) best = {target, x: box.x + box.width / 2, y: (top + bottom) / 2, area};
    }
    if (best) return best;
  }
  return null;
}"""


def click_a_bar(page, prefix: str = "") -> str:
    """Click the largest bar (target id starting with `prefix`) of the first chart having one;
    return its target id."""
    bar = page.evaluate(BAR_UNDER_TEST, prefix)
    assert bar, f"no bar with a target id starting {prefix!r} on the page"
    page.wait_for_timeout(300)  # the scroll has settled
    bar = page.evaluate(BAR_UNDER_TEST, prefix)
    page.mouse.click(bar["x"], bar["y"])
    return bar["target"]


def wait_for_address(page, pattern: str) -> str:
    """The address bar once it matches `pattern` (Streamlit changes it with history.replaceState,
    which Playwright's page.url does not always follow)."""
    page.wait_for_function("(pattern) => new RegExp(pattern).test(decodeURIComponent(location.href))", arg=pattern,
                           timeout=RUN_TIMEOUT_MS)
    return page.evaluate("() => decodeURIComponent(location.href)")


def selected_sentence(page, target: str) -> str:
    """On the Sources page: the highlighted mark of `target`, checked to be in view; its text."""
    wait_for_address(page, r"/sources\?.*target=" + re.escape(target))
    wait_for_app_idle(page)
    selected = page.locator("#plan-text mark.sel")
    selected.wait_for(timeout=RUN_TIMEOUT_MS)
    assert target in (selected.get_attribute("data-ids") or "").split()
    box, mark = page.locator("#plan-text").bounding_box(), selected.bounding_box()
    assert box["y"] <= mark["y"] + mark["height"] and mark["y"] <= box["y"] + box["height"]  # scrolled into view
    return selected.inner_text()


def test_a_bar_click_opens_its_sentence_in_the_same_tab(app_server, page, screenshot_dir: Path):
    open_page(page, app_server + "/compare")
    wait_for_charts(page)
    pages_before = len(page.context.pages)
    target = click_a_bar(page)
    sentence = selected_sentence(page, target)
    assert sentence.strip()
    assert len(page.context.pages) == pages_before  # no new tab
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / "bar-click-to-sources-1280x720.png")
    # Back on Compare, the click was consumed: the page stays there (no loop back to Sources).
    page.go_back()
    wait_for_address(page, "/compare")
    wait_for_app_idle(page)
    page.wait_for_timeout(1500)
    assert "/compare" in page.evaluate("() => location.href")


def test_a_table_row_click_opens_its_sentence(app_server, page, screenshot_dir: Path):
    open_page(page, app_server + "/data")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=RUN_TIMEOUT_MS)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The row selector sits at the left edge of a data row (the first row is under the header).
    page.mouse.click(box["x"] + 10, box["y"] + 35 + 17)
    target = re.search(r"target=([^&]+)", wait_for_address(page, r"/sources\?.*target=")).group(1)
    assert selected_sentence(page, target).strip()
    page.screenshot(path=screenshot_dir / "row-click-to-sources-1280x720.png")


def test_an_uploaded_plans_bar_opens_its_sentence_with_the_upload_kept(app_server, page, tmp_path: Path,
                                                                       screenshot_dir: Path):
    plan_file = tmp_path / "qinghe_2025-2027.txt"
    plan_file.write_text(UPLOAD_PLAN, encoding="utf-8")
    open_page(page, app_server + "/upload")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(plan_file)
    page.wait_for_function(
        """(region) => document.querySelector('[data-testid="stMain"]').textContent.includes(region)""",
        arg=UPLOAD_REGION, timeout=RUN_TIMEOUT_MS)
    wait_for_app_idle(page)
    page.locator('[data-testid="stMain"] button').filter(
        has_text=re.compile("用于对比|Use in comparison")).first.click()
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app_idle(page)

    page.locator(NAV_LINKS).filter(has_text="Compare").first.click()  # the menu: same session
    wait_for_address(page, "/compare")
    wait_for_app_idle(page)
    wait_for_charts(page)
    target = click_a_bar(page, prefix="upload-")
    sentence = selected_sentence(page, target)
    assert UPLOAD_REGION in page.locator('[data-testid="stMain"]').inner_text()  # the uploaded plan's own text
    assert re.search(r"\d", sentence), sentence  # the sentence holds the bar's number
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / "uploaded-bar-click-to-sources-1280x720.png")
    # the upload is still in the session: Compare (through the menu) still draws it
    page.locator(NAV_LINKS).filter(has_text="Compare").first.click()
    wait_for_address(page, "/compare")
    wait_for_app_idle(page)
    wait_for_charts(page)
    assert UPLOAD_REGION in " ".join(page.locator(PLOTLY_CHART).all_text_contents())
