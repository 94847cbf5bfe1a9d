"""Issue 22's pages in Chromium at 1280×720, with five regions: the progress page, compare by the
required yearly change and standing by it, in Chinese, English and presentation mode; and an
observations file refused on the page, its bad rows listed.

The app runs on a temporary copy of the data (never data/): the four seed plans, a fifth plan from
tests/fixtures/plans and the invented example observations of tests/fixtures/observations/ (labelled
so: not statistics).  Screenshots land in tests/artifacts/screenshots/ (progress-*.png) for a person
to look at; each page is screenshot scrolled down in steps, since Streamlit scrolls inside its main
area."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import (
    ARTIFACTS_DIR,
    SERVER_START_TIMEOUT_S,
    _free_port,
    _health_ok,
    _stop_process_group,
)
from tests.browser.test_browser import error_texts, open_page, wait_for_charts

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIFTH_PLAN = REPO / "tests" / "fixtures" / "plans" / "xiangyuan_shi_hunan.txt"  # states a baseline (由…增至…)
EXAMPLES = REPO / "tests" / "fixtures" / "observations"
SCROLL_STEP_PX = 600
SHOTS_PER_PAGE = 4


@pytest.fixture(scope="module")
def five_region_app(browser_deps, tmp_path_factory):
    """The app on a temporary store of five plans and the invented example observations; its URL and
    the regions' ids."""
    from etl.warehouse.add import add_plans

    home = tmp_path_factory.mktemp("progress-browser")
    raw = home / "data" / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    (home / "data" / "observations").mkdir()
    for example in EXAMPLES.glob("*.csv"):
        shutil.copy(example, home / "data" / "observations")
    db = home / "warehouse.duckdb"
    summary = add_plans([FIFTH_PLAN], raw_dir=raw, manifest=raw / "sources.yaml", db_path=db, progress=False)
    added = summary.of("added")
    assert added, str(summary)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "IPBENCH_DB": str(db), "IPBENCH_RAW_DIR": str(raw)}
    env.pop("IPBENCH_READ_ONLY", None)
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS_DIR / "streamlit-progress-server.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address",
             "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(base):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the progress test's streamlit server did not start", pytrace=False)
            time.sleep(0.3)
        regions = ["341181", "320282", "320900", "370402", added[0].entry["region_id"]]
        yield base, regions, home
    finally:
        _stop_process_group(process)


def screenshots(page, folder: Path, name: str) -> None:
    """The page from its top down, one viewport at a time."""
    for step in range(SHOTS_PER_PAGE):
        page.screenshot(path=folder / f"{name}-{step}.png")
        moved = page.evaluate("""(px) => { const main = document.querySelector('[data-testid="stMain"]');
            const before = main.scrollTop; main.scrollTop = before + px; return main.scrollTop - before; }""",
                              SCROLL_STEP_PX)
        if not moved:
            return
        time.sleep(0.3)


VIEWS = {
    "progress": "progress?indicator=invention_patents_per_10k",
    "compare-ambition": "compare?category=creation&measure=ambition",
    "standing-ambition": "standing?indicator=invention_patents_per_10k&measure=ambition&region=341181",
}
LANGUAGES = {"zh": "", "en": "&lang=en", "present": "&present=1"}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("mode", list(LANGUAGES))
def test_issue_22_pages_with_five_regions(five_region_app, page, screenshot_dir: Path, view, mode):
    base, regions, _home = five_region_app
    open_page(page, f"{base}/{VIEWS[view]}{LANGUAGES[mode]}&regions={','.join(regions)}", timeout_ms=180_000)
    assert wait_for_charts(page) >= 1
    assert not error_texts(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    if view == "compare-ambition":
        svg = "".join(page.locator(".js-plotly-plot").all_text_contents()).replace(" ", "")  # lines wrap into tspans
        assert ("nostartinglevel" if mode == "en" else "无起点水平") in svg
        assert ("%/yr" if mode == "en" else "%/年") in svg
    if view == "standing-ambition":
        assert ("Ambition among peers" if mode == "en" else "在对比范围内的雄心") in text
    screenshots(page, screenshot_dir, f"progress-{view}-{mode}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_observations_file_is_refused_on_the_page_with_its_rows(five_region_app, page, screenshot_dir: Path,
                                                                      tmp_path: Path, lang):
    base, _regions, home = five_region_app
    bad = tmp_path / "mixed.csv"
    bad.write_text("region,indicator,year,value,unit,source\n"
                   "无此县,invention_patents_per_10k,2023,3,件,INVENTED EXAMPLE for tests - not a statistic\n"
                   "天长市,invention_patents_per_10k,2022,三十,件,INVENTED EXAMPLE for tests - not a statistic\n",
                   encoding="utf-8")
    before = sorted(p.name for p in (home / "data" / "observations").iterdir())
    # in English too: the upload's rerun keeps the page's language (the sidebar is made after st.navigation)
    english = lang == "en"
    open_page(page, f"{base}/progress{'?lang=en' if english else ''}", timeout_ms=180_000)
    page.get_by_text("Upload observations (CSV)" if english else "上传观测值（CSV）").click()
    dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    dropzone.wait_for(state="attached", timeout=60_000)
    dropzone.set_input_files(str(bad))
    save = page.get_by_role("button", name="Validate and save" if english else "校验并保存")
    save.wait_for(timeout=120_000)  # the upload reruns the page first
    save.click()
    page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
    message = " ".join(error_texts(page))
    assert ("nothing was written (2 problem(s))" if english else "什么也没有写入（2 个问题）") in message
    page.locator('[data-testid="stDataFrame"]').last.scroll_into_view_if_needed()  # the rows and their reasons
    page.screenshot(path=screenshot_dir / f"progress-upload-refused-{lang}.png")
    assert sorted(p.name for p in (home / "data" / "observations").iterdir()) == before
