"""Issue 20's evidence as a person sees it in Chromium at 1280×720: the sources page says how a
target's indicator was decided and what its name states (its facets), in Chinese and in English
with no stray Chinese; the review page lists the derived and unmapped targets grouped, one line a
group, and a picked derived combination shows the dictionary entry that would name it.

Screenshots land in tests/artifacts/screenshots/ (facets-*.png) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.browser.test_browser import error_texts, open_page, save_whole_page
from tests.browser.test_peers_browser import choose
from tests.browser.test_truth_browser import SCREEN_TEXTS, stray_chinese

pytestmark = pytest.mark.browser

MAIN = '[data-testid="stMain"]'


def a_target(warehouse_path: Path, decided_by: str) -> tuple[str, str, str]:
    """(doc_id, target_id, facets) of the first target of the seeds decided this way that has facets."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return con.execute("SELECT doc_id, target_id, facets FROM targets WHERE indicator_decided_by = ? "
                           "AND facets IS NOT NULL ORDER BY target_id LIMIT 1", (decided_by,)).fetchone()


@pytest.mark.parametrize("decided_by, zh_words, en_words", [
    ("named", "由要素命名：主体", "named by facets: subject"),
    ("derived", "由要素派生（词典未命名此组合）：主体", "derived from facets (no dictionary entry names this combination): subject"),
])
def test_the_sources_page_says_how_the_indicator_was_decided(app_server, page, screenshot_dir: Path, warehouse_path,
                                                               decided_by, zh_words, en_words):
    doc_id, target_id, _facets = a_target(warehouse_path, decided_by)
    open_page(page, f"{app_server}/sources?doc={doc_id}&target={target_id}")
    assert not error_texts(page)
    shown = page.locator(MAIN).inner_text().replace("\u2060", "")  # md() keeps "x:" from reading as a link
    assert zh_words in shown and "计量" in shown
    save_whole_page(page, screenshot_dir / f"facets-sources-{decided_by}-zh-full-1280x720.png")
    page.get_by_text("各目标的指标如何确定").first.click()  # the table of every target of the plan
    page.wait_for_timeout(500)
    page.screenshot(path=screenshot_dir / f"facets-sources-{decided_by}-zh-1280x720.png")

    open_page(page, f"{app_server}/sources?doc={doc_id}&target={target_id}&lang=en")
    assert not error_texts(page)
    save_whole_page(page, screenshot_dir / f"facets-sources-{decided_by}-en-full-1280x720.png")
    shown = page.locator(MAIN).inner_text().replace("\u2060", "")  # md() keeps "x:" from reading as a link
    assert en_words in shown and "measure" in shown, [line for line in shown.splitlines() if "facet" in line]
    page.get_by_text("How each target's indicator was decided").first.click()
    page.wait_for_timeout(500)
    page.screenshot(path=screenshot_dir / f"facets-sources-{decided_by}-en-1280x720.png")
    stray = [(run, text[:120]) for text in page.evaluate(SCREEN_TEXTS) for run in stray_chinese(text)]
    assert stray == [], stray[:10]


def test_the_review_page_groups_derived_and_unmapped_targets_and_offers_an_entry(app_server, page, warehouse,
                                                                                screenshot_dir: Path):
    from dashboard.services import review_queue

    groups = review_queue.decision_groups("zh")
    derived = groups[groups["kind"] == "derived"].iloc[0]
    open_page(page, f"{app_server}/review")
    assert not error_texts(page)
    heading = f"待命名的组合与未归类名称（{len(groups)} 组）"
    page.get_by_text(heading).first.scroll_into_view_if_needed()
    choose(page, "查看一组", f"派生 · {derived['group']} · {derived['targets']}")
    code = page.locator('[data-testid="stCode"]').first.inner_text()
    assert f"facets: {derived['group_id'].split(':', 1)[1][3:]}" in code and "zh:" in code and "unit:" in code
    page.locator('[data-testid="stCode"]').first.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "facets-review-groups-zh-1280x720.png")
    save_whole_page(page, screenshot_dir / "facets-review-groups-zh-1280x720-full.png")

    english = review_queue.decision_groups("en")
    derived_en = english.set_index("group_id").loc[derived["group_id"]]
    open_page(page, f"{app_server}/review?lang=en")
    assert not error_texts(page)
    page.get_by_text(f"Combinations to name and unmapped names ({len(english)} groups)").first.scroll_into_view_if_needed()
    stray = [(run, text[:120]) for text in page.evaluate(SCREEN_TEXTS) for run in stray_chinese(text)]
    assert stray == [], stray[:10]
    choose(page, "Open a group", f"derived · {derived_en['group']} · {derived_en['targets']}")
    assert "facets:" in page.locator('[data-testid="stCode"]').first.inner_text()
    page.locator('[data-testid="stCode"]').first.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "facets-review-groups-en-1280x720.png")
