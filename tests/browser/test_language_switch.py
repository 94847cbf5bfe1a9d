"""Switching the language mid-session keeps the view: the chosen measure, category and chips stay
chosen, and the controls show them in the new language (they used to show nothing selected, or
stay in the old language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_browser import error_texts, open_page, wait_for_app_idle

pytestmark = pytest.mark.browser


def checked_radio(page, label: str) -> str | None:
    """The text of the checked option of the radio group labelled `label` (None: nothing checked)."""
    group = page.locator('[data-testid="stRadio"]').filter(has_text=label).first
    checked = group.locator('label:has(input:checked)')
    return checked.first.inner_text().strip() if checked.count() else None


def chosen_option(page, label: str) -> str:
    """What the select box labelled `label` shows as chosen."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    return box.get_by_role("combobox").input_value()


def chips(page, label: str) -> list[str]:
    """The chips (chosen values) of the multiselect labelled `label`, as shown."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    return [tag.get_attribute("title") for tag in box.locator("[data-tag] span[title]").all()]


def switch_language(page, to: str, then_shows: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label').filter(has_text=to).first.click()
    page.wait_for_function("(text) => document.body.innerText.includes(text)", arg=then_shows)
    wait_for_app_idle(page)


def test_switching_language_keeps_the_measure_and_category(app_server, page, screenshot_dir: Path):
    open_page(page, app_server + "/compare?category=use")
    page.locator('[data-testid="stRadio"]').filter(has_text="口径").locator("label").filter(
        has_text="每万常住人口").first.click()  # chosen by hand, not by the URL
    wait_for_app_idle(page)
    assert checked_radio(page, "口径") == "每万常住人口"

    switch_language(page, "English", then_shows="Measure")
    page.screenshot(path=screenshot_dir / "language-switch-compare-en-1280x720.png")
    assert not error_texts(page)
    assert checked_radio(page, "Measure") == "per 10,000 residents"
    assert chosen_option(page, "Category") == "Use"
    url = page.evaluate("() => location.href")
    assert "measure=per10k" in url and "lang=en" in url and "category=use" in url

    switch_language(page, "中文", then_shows="口径")
    assert checked_radio(page, "口径") == "每万常住人口"
    assert chosen_option(page, "类别") == "运用"


def test_switching_language_relabels_the_chips(app_server, page, screenshot_dir: Path):
    open_page(page, app_server + "/data?categories=creation,use")
    assert chips(page, "类别") == ["创造", "运用"]
    switch_language(page, "English", then_shows="Category")
    page.screenshot(path=screenshot_dir / "language-switch-data-en-1280x720.png")
    assert chips(page, "Category") == ["Creation", "Use"]
    assert "categories=creation%2Cuse" in page.evaluate("() => location.href") or \
        "categories=creation,use" in page.evaluate("() => decodeURIComponent(location.href)")
