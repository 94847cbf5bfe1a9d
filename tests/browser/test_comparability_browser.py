"""Like with like, as a reader sees it at 1280×720 without hovering: the compare page names each
measure under its bars, says which panels are not comparable, never says 未设目标 for a region that
set a related measure, and marks each plan's status.  Screenshots land in tests/artifacts/screenshots/
(compare-like-with-like-*.png) for a person to look at."""

# ruff: noqa: F811 — nav_pages is a fixture of test_browser, requested by name
from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_browser import PLOTLY_CHART, nav_pages, open_page, wait_for_charts  # noqa: F401

pytestmark = pytest.mark.browser

# What must be legible on the chart itself (SVG text, so also in a PNG/SVG export).
# (A region with only a related measure is drawn as that measure's bar, named under it — issue 23 —, no
# longer as an empty slot reading 设定了相关指标.)
MUST_READ = ["相关指标，不可直接比较", "每万人高价值发明专利拥有量", "每万人有效发明专利拥有量",
             "发明专利授权量", "有效发明专利拥有量", "征求意见稿", "已到期", "同一指标、同一口径"]


def _svg_text(page) -> str:
    """All text drawn in the plotly charts, lines joined (a name may wrap over two tick lines)."""
    return page.evaluate(
        """(charts) => [...document.querySelectorAll(charts + ' svg text')].map(t => t.textContent).join('|')""",
        PLOTLY_CHART)


def _panel_shot(page, title: str, path: Path) -> None:
    """A 1280×720 screenshot with the panel titled `title` near the top of the window."""
    page.evaluate(
        """(title) => { const t = [...document.querySelectorAll('g.annotation text')]
                            .find(e => e.textContent.startsWith(title));
                        if (t) { t.scrollIntoView({block: 'start'});
                                 const main = document.querySelector('[data-testid="stMain"]');
                                 if (main) main.scrollBy(0, -40); } }""", title)
    page.wait_for_timeout(400)
    page.screenshot(path=path)


def test_compare_page_shows_like_with_like(nav_pages, page, screenshot_dir: Path):
    compare = next(p for p in nav_pages if p.slug == "compare")
    open_page(page, f"{compare.url}?category=creation&measure=absolute")
    wait_for_charts(page)
    drawn = _svg_text(page)
    joined = re.sub(r"\|", "", drawn)
    missing = [label for label in MUST_READ if label not in joined]
    assert not missing, f"not on the chart: {missing}"
    _panel_shot(page, "每万人发明专利拥有量", screenshot_dir / "compare-like-with-like-density-1280x720.png")
    _panel_shot(page, "发明专利数量", screenshot_dir / "compare-like-with-like-patents-1280x720.png")


def test_per_10k_shows_per_capita_indicators(nav_pages, page, screenshot_dir: Path):
    compare = next(p for p in nav_pages if p.slug == "compare")
    open_page(page, f"{compare.url}?category=creation&measure=per10k")
    wait_for_charts(page)
    drawn = re.sub(r"\|", "", _svg_text(page))
    assert "每万人高价值发明专利拥有量" in drawn
    _panel_shot(page, "每万人发明专利拥有量", screenshot_dir / "compare-like-with-like-per10k-1280x720.png")


def test_indicator_page_names_each_series_in_the_legend(nav_pages, page, screenshot_dir: Path):
    indicator = next(p for p in nav_pages if p.slug == "indicator")
    open_page(page, f"{indicator.url}?indicator=family:invention_patent_density&measure=absolute")
    wait_for_charts(page)
    drawn = re.sub(r"\|", "", _svg_text(page))
    for label in ("相关指标，不可直接比较", "每万人高价值发明专利拥有量", "每万人有效发明专利拥有量", "征求意见稿"):
        assert label in drawn, label
    page.locator(PLOTLY_CHART).first.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "indicator-like-with-like-1280x720.png")
