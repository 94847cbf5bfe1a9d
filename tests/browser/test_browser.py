"""The dashboard as a person sees it: every page in headless Chromium.

Pages are discovered from the app's own navigation (the sidebar links), so a new page is covered
without touching this file. Each page is opened at 1280×720 in normal and in presentation mode
(`?present=1`); a screenshot of each lands in tests/artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

VIEWPORT = (1280, 720)
MODES = {"normal": "", "present": "present=1"}
CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")
UTF8_BOM = b"\xef\xbb\xbf"
NAV_TO_CHART_BUDGET_S = 2.0
NAV_TIMING_REPEATS = 3
# The first run may build the warehouse from the raw plans; later runs hit the caches.
FIRST_RUN_TIMEOUT_MS = 180_000
RUN_TIMEOUT_MS = 60_000

APP_IDLE = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)
NAV_LINKS = '[data-testid="stSidebarNavLink"], [data-testid="stTopNavLink"]'
PLOTLY_CHART = '[data-testid="stPlotlyChart"]'
RENDERED_PLOT_SVG = '[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg'
ERROR_ELEMENTS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@dataclass(frozen=True)
class NavPage:
    slug: str  # the URL path Streamlit gives the page; "home" for the default page at "/"
    title: str
    url: str

    def url_in_mode(self, mode: str) -> str:
        query = MODES[mode]
        return f"{self.url}?{query}" if query else self.url


def wait_for_app_idle(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and its output is on screen."""
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    # The script state can read "notRunning" for a moment between connecting and the first run;
    # content in the main area (and no "Running…" widget) means the run we asked for is done.
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]',
                           timeout=timeout_ms)
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    # Charts and tables are loaded lazily: a skeleton stands in until their code has arrived, and
    # only then does the element (e.g. stPlotlyChart) exist to be counted.
    page.wait_for_function(
        """() => {
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            const running = status && /Running/i.test(status.innerText);
            return !running && !document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]');
        }""",
        timeout=timeout_ms,
    )


def open_page(page, url: str, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    page.goto(url, timeout=timeout_ms)
    wait_for_app_idle(page, timeout_ms)


def wait_for_charts(page, timeout_ms: int = RUN_TIMEOUT_MS) -> int:
    """Wait until every plotly chart on the page has drawn its svg; return how many there are."""
    chart_count = page.locator(PLOTLY_CHART).count()
    if chart_count:
        page.wait_for_function(
            """(charts) => [...document.querySelectorAll(charts)].every(
                   chart => chart.querySelector('.js-plotly-plot svg.main-svg'))""",
            arg=PLOTLY_CHART,
            timeout=timeout_ms,
        )
    return chart_count


def undrawn_chart_count(page) -> int:
    return page.evaluate(
        """(charts) => [...document.querySelectorAll(charts)].filter(
               chart => !chart.querySelector('.js-plotly-plot svg.main-svg')).length""",
        PLOTLY_CHART,
    )


def error_texts(page) -> list[str]:
    return [text.strip()[:500] for text in page.locator(ERROR_ELEMENTS).all_inner_texts()]


@pytest.fixture(scope="session")
def nav_pages(app_server, browser) -> list[NavPage]:
    """The pages listed in the app's navigation, in menu order.

    This first visit also warms the app: the first run may build the database, so it gets a long
    timeout.
    """
    context = browser.new_context(viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]})
    tab = context.new_page()
    try:
        open_page(tab, app_server + "/", timeout_ms=FIRST_RUN_TIMEOUT_MS)
        more = tab.locator('[data-testid="stSidebarNavViewButton"]')
        if more.count() and "more" in more.inner_text().lower():
            more.click()
        pages = []
        for link in tab.locator(NAV_LINKS).all():
            url = link.get_attribute("href") or ""
            path = urlparse(url).path.strip("/")
            pages.append(NavPage(slug=path or "home", title=link.inner_text().strip(), url=url))
    finally:
        context.close()
    if not pages:
        # An app with a single page has no menu; test that one page.
        pages = [NavPage(slug="home", title="home", url=app_server + "/")]
    return pages


def test_navigation_lists_every_page_file(nav_pages, app_dir: Path):
    page_files = sorted(p for p in (app_dir / "pages").glob("*.py") if not p.name.startswith("_"))
    urls = [p.url for p in nav_pages]
    assert len(set(urls)) == len(urls), f"two menu entries share a URL: {urls}"
    assert len(nav_pages) >= len(page_files), (
        f"{len(page_files)} files in pages/ but only {len(nav_pages)} menu entries "
        f"({[p.title for p in nav_pages]}): a page is unreachable from the menu"
    )


def test_every_page_renders_without_errors(nav_pages, page, screenshot_dir: Path, subtests):
    """Each page, in each mode: no exception or error box, charts drawn, Chinese text shown."""
    for nav_page in nav_pages:
        for mode in MODES:
            with subtests.test(page=nav_page.slug, mode=mode):
                open_page(page, nav_page.url_in_mode(mode))
                chart_count = wait_for_charts(page)
                width, height = VIEWPORT
                page.screenshot(path=screenshot_dir / f"{nav_page.slug}-{mode}-{width}x{height}.png")

                errors = error_texts(page)
                assert not errors, f"{nav_page.slug} ({mode}) shows errors: {errors}"
                body_text = page.inner_text('[data-testid="stApp"]')
                assert CJK_TEXT.search(body_text), (
                    f"{nav_page.slug} ({mode}) shows no Chinese text; it starts: {body_text[:200]!r}"
                )
                assert undrawn_chart_count(page) == 0, (
                    f"{nav_page.slug} ({mode}): of {chart_count} charts, "
                    f"{undrawn_chart_count(page)} have no plot svg"
                )


def find_data_page(nav_pages: list[NavPage]) -> NavPage:
    for nav_page in nav_pages:
        if nav_page.slug == "data" or "数据" in nav_page.title:
            return nav_page
    pytest.fail(f"no Data page (url /data or a title with 数据) in the menu: {nav_pages}")


def visible_dataframe(page) -> tuple[list[str], int, list[list[str]]]:
    """Header, total data-row count and the rendered rows of the first st.dataframe.

    st.dataframe draws on a canvas; the grid keeps an accessible <table> beside it that holds the
    header, the total row count (aria-rowcount, header included) and the rows currently on screen.
    """
    table = page.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    table.wait_for(state="attached")
    header = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    total_rows = int(table.get_attribute("aria-rowcount")) - 1
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
    return header, total_rows, rows


def same_value(shown: str, exported: str) -> bool:
    """Does a cell shown on screen match the CSV cell (numbers may be formatted for display)?"""
    if shown == exported:
        return True
    if shown in ("", "None", "null", "NaN", "<NA>") and exported in ("", "None", "nan", "NaN"):
        return True
    try:
        shown_number = float(shown.replace(",", "").replace("%", "").strip())
        exported_number = float(exported)
    except ValueError:
        return False
    # Display formats may round; half a unit of the shown precision is the honest tolerance.
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return abs(shown_number - exported_number) <= 0.5 * 10 ** (-decimals) + 1e-9


def test_data_page_csv_download_matches_table_on_screen(nav_pages, page, tmp_path: Path,
                                                       artifacts_dir: Path):
    data_page = find_data_page(nav_pages)
    open_page(page, data_page.url)
    header, total_rows, shown_rows = visible_dataframe(page)
    assert total_rows > 0 and shown_rows, "the Data page shows an empty table"

    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="CSV").first
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as download_info:
        button.click()
    download = download_info.value
    saved = tmp_path / (download.suggested_filename or "download.csv")
    download.save_as(saved)
    (artifacts_dir / "downloads").mkdir(exist_ok=True)
    download.save_as(artifacts_dir / "downloads" / saved.name)

    raw = saved.read_bytes()
    assert raw.startswith(UTF8_BOM), (
        f"{saved.name} does not start with the UTF-8 BOM (Excel would garble the Chinese): "
        f"{raw[:12]!r}"
    )
    records = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    csv_header, csv_rows = records[0], records[1:]
    assert len(csv_rows) == total_rows, (
        f"CSV has {len(csv_rows)} rows, the table on screen {total_rows}"
    )

    shared_columns = [name for name in header if name in csv_header]
    assert len(shared_columns) >= 2, (
        f"table columns {header} and CSV columns {csv_header} share fewer than two names"
    )
    assert any(CJK_TEXT.search(cell) for row in csv_rows for cell in row), (
        "the CSV holds no Chinese text (region names expected)"
    )
    mismatches = []
    for row_index, shown in enumerate(shown_rows):
        for name in shared_columns:
            shown_value = shown[header.index(name)]
            exported_value = csv_rows[row_index][csv_header.index(name)]
            if not same_value(shown_value, exported_value):
                mismatches.append((row_index, name, shown_value, exported_value))
    assert not mismatches, f"(row, column, on screen, in CSV) differ: {mismatches[:10]}"


def test_navigation_to_first_chart_within_budget(nav_pages, page, artifacts_dir: Path,
                                                  report_line):
    """Opening a page's URL until its first chart is drawn: median of 3 ≤ 2 s after a warm-up."""
    timings: dict[str, list[float]] = {}
    for nav_page in nav_pages:
        open_page(page, nav_page.url)  # warm-up: caches filled, static files in the browser cache
        if page.locator(PLOTLY_CHART).count() == 0:
            continue
        samples = []
        for _ in range(NAV_TIMING_REPEATS):
            page.goto("about:blank")
            started = time.perf_counter()
            page.goto(nav_page.url, wait_until="commit")
            page.locator(RENDERED_PLOT_SVG).first.wait_for(state="visible", timeout=RUN_TIMEOUT_MS)
            samples.append(time.perf_counter() - started)
        timings[nav_page.slug] = samples

    assert timings, "no page in the menu shows a plotly chart"
    medians = {slug: statistics.median(samples) for slug, samples in timings.items()}
    for slug, samples in timings.items():
        report_line(
            f"navigation→first chart  {slug:<20} median {medians[slug]:.2f} s  "
            f"(runs: {', '.join(f'{s:.2f}' for s in samples)})  budget {NAV_TO_CHART_BUDGET_S:.1f} s"
        )
    (artifacts_dir / "nav_to_chart.json").write_text(
        json.dumps({"budget_s": NAV_TO_CHART_BUDGET_S, "samples_s": timings, "median_s": medians},
                   indent=2),
        encoding="utf-8",
    )
    slow = {slug: round(m, 2) for slug, m in medians.items() if m > NAV_TO_CHART_BUDGET_S}
    assert not slow, f"pages slower than {NAV_TO_CHART_BUDGET_S} s to their first chart: {slow}"
