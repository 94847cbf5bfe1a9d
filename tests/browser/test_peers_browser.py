"""Peer groups in a real browser: a preset picked on the overview is in the link, and the link
opened in a fresh browser context (no shared session) shows the same peers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.test_browser import open_page, wait_for_app_idle

pytestmark = pytest.mark.browser


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit select box labelled `label` (typing filters the list)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.wait_for(state="visible")
    combo = box.get_by_role("combobox")  # the input itself, not the label or its help icon
    for attempt in range(3):
        # A rerun that lands between the click and the typing redraws the box and closes its list
        # (seen about one run in three on a loaded machine): open it and type again.
        combo.click()
        combo.fill(option)  # typing filters the list to the option, however long the list is
        try:
            page.get_by_role("option", name=option).first.wait_for(state="attached", timeout=8000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app_idle(page)
    combo.press("Enter")  # the filtered option is focused; a click could land while the list still moves
    wait_for_app_idle(page)


def peer_summary(page) -> str:
    return page.get_by_text(re.compile(r"对比范围：\d+ 个地区")).first.inner_text()


def same_province_link(page, url: str, url_key: str) -> str:
    """Open `url`, pick 宜兴市 and the "same province" preset; the link that now holds the group."""
    open_page(page, url)
    assert "4 个地区" in peer_summary(page)  # every region of a small warehouse by default
    page.get_by_text("对比范围", exact=True).first.click()  # open the picker
    choose(page, "当前地区", "宜兴市")
    choose(page, "预设", "同省")
    page.wait_for_url(re.compile(rf"{url_key}=province(%3A|:)320282"))
    page.wait_for_function("() => document.body.innerText.includes('2 个地区 · 同省')")
    return page.url


def opened_fresh(browser, link: str):
    """`link` in a new browser context (no shared session), showing the same peer group."""
    other = browser.new_context(locale="zh-CN").new_page()
    open_page(other, link)
    assert "2 个地区 · 同省" in peer_summary(other)
    return other


def test_a_peer_preset_survives_in_the_link_for_a_fresh_reader(app_server, browser, page):
    link = same_province_link(page, app_server + "/overview", "peers")
    other = opened_fresh(browser, link)
    try:
        headings = " ".join(other.locator('[data-testid="stMain"] h3').all_inner_texts())
        assert "宜兴市" in headings and "盐城市" in headings  # both in 江苏省
        assert "天长市" not in headings and "市中区" not in headings
    finally:
        other.context.close()


def test_the_standing_view_highlights_the_region_with_its_percentile(app_server, page):
    open_page(page, app_server + "/standing?region=320282&peers=all")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert re.search(r"领先比例\s*\d+%", text) and re.search(r"第 \d+ / \d+ 名", text), text[:500]
    # The region's own marker is labelled with its name inside the chart.
    page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg')
    assert "宜兴市" in page.locator('[data-testid="stPlotlyChart"]').first.inner_text()


def test_the_compare_page_takes_a_peer_group_and_its_link_reopens_it(app_server, browser, page):
    link = same_province_link(page, app_server + "/compare", "regions")  # `regions`: the compare page's old key
    other = opened_fresh(browser, link)
    try:
        other.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg')
        drawn = other.locator('[data-testid="stPlotlyChart"]').first.inner_text()
        assert "宜兴市" in drawn and "盐城市" in drawn  # both in 江苏省
        assert "天长市" not in drawn and "市中区" not in drawn
    finally:
        other.context.close()
