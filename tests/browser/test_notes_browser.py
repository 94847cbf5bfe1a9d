"""Issue 23 as a person sees it in Chromium at 1280×720: the towns page's quality notes are written in
the page's language (no build-log English on a Chinese page); the review page names regions in the
page's language; a picked review group is in the address, and the copied address reopens it.

Screenshots land in tests/artifacts/screenshots/ (notes-*.png) for a person to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.test_browser import error_texts, open_page, save_whole_page
from tests.browser.test_language_switch import chosen_option
from tests.browser.test_peers_browser import choose
from tests.browser.test_truth_browser import SCREEN_TEXTS, stray_chinese

pytestmark = pytest.mark.browser

NOTES_HEADING = {"zh": "数据质量说明", "en": "Quality notes"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_towns_quality_notes_are_in_the_pages_language(app_server, page, screenshot_dir: Path, lang):
    open_page(page, f"{app_server}/towns?lang={lang}")
    assert not error_texts(page)
    heading = page.get_by_text(NOTES_HEADING[lang]).first
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=screenshot_dir / f"notes-towns-{lang}-1280x720.png")
    save_whole_page(page, screenshot_dir / f"notes-towns-{lang}-1280x720-full.png")
    if lang == "en":
        stray = [(run, text[:120]) for text in page.evaluate(SCREEN_TEXTS) for run in stray_chinese(text)]
        assert stray == [], stray[:10]


@pytest.mark.parametrize("lang, pick_label, kinds", [
    ("zh", "查看一组", {"derived": "派生", "unmapped": "未归类"}),
    ("en", "Open a group", {"derived": "derived", "unmapped": "unmapped"}),
])
def test_a_picked_review_group_is_in_the_link_and_the_link_reopens_it(app_server, page, warehouse, screenshot_dir,
                                                                        lang, pick_label, kinds):
    from dashboard.services import review_queue

    group = review_queue.decision_groups(lang).iloc[0]
    label = f"{kinds[group['kind']]} · {group['group']} · {group['targets']}"
    open_page(page, f"{app_server}/review?lang={lang}")
    assert not error_texts(page)
    choose(page, pick_label, label)
    page.wait_for_timeout(800)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("group") == [group["group_id"]], page.url

    link = page.url  # what a person copies from the address bar
    open_page(page, link)
    assert not error_texts(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text=pick_label).first.scroll_into_view_if_needed()
    assert chosen_option(page, pick_label) == label
    page.wait_for_timeout(500)
    page.screenshot(path=screenshot_dir / f"notes-review-group-{lang}-1280x720.png")
    save_whole_page(page, screenshot_dir / f"notes-review-group-{lang}-1280x720-full.png")
    if lang == "en":
        stray = [(run, text[:120]) for text in page.evaluate(SCREEN_TEXTS) for run in stray_chinese(text)]
        assert stray == [], stray[:10]
