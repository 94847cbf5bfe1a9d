"""Pages that tell the truth at a glance (issue 23, second half; issue 21's checklist), as a person sees
them in Chromium at 1280×720: an odd upload's checklist beside its table (a year typed 2O27, a name on
the line before its number), the uploader in Chinese, the presentation mode's exit button clear of
chart titles when scrolling, a clicked bar's number outlined in its sentence, per-10,000 panels that
say why they are empty, a restatement marked on the sources page.

Screenshots land in tests/artifacts/screenshots/ (truth2-*.png) for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.test_browser import (
    NAV_LINKS,
    RUN_TIMEOUT_MS,
    error_texts,
    open_page,
    wait_for_app_idle,
    wait_for_charts,
)
from tests.browser.test_click_to_source import click_a_bar, wait_for_address

pytestmark = pytest.mark.browser

# Written for this test: the period and a due year typed with a letter O, and a target whose name
# stands alone on the line before its number.
ODD_REGION = "石泉县"
ODD_PLAN = f"""{ODD_REGION}知识产权强县建设工作方案（2025—2O27年）

一、目标
到2O27年，全县有效发明专利达到700件，知识产权服务机构达到12家。
全县专利权质押登记额
争取突破3亿元。
二、举措
（一）建设专利导航服务基地，到2026年完成导航项目6个。

{ODD_REGION}人民政府
2025年5月8日
"""


def upload(page, app_server: str, tmp_path: Path, lang: str) -> None:
    plan_file = tmp_path / "shiquan.txt"
    plan_file.write_text(ODD_PLAN, encoding="utf-8")
    open_page(page, f"{app_server}/upload{'?lang=en' if lang == 'en' else ''}")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(plan_file)
    page.locator(".st-key-upload_checks").wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app_idle(page)


def test_an_english_upload_page_stays_english_after_the_plan_is_read(app_server, page, tmp_path: Path,
                                                                     screenshot_dir: Path):
    """The rerun that reads an uploaded plan, and every rerun after it, keeps the page's language (the
    sidebar's language radio used to come back as a new widget at its default, Chinese)."""
    upload(page, app_server, tmp_path, "en")
    assert page.locator("h1").first.inner_text().strip() == "Upload a plan"
    english = page.locator('[data-testid="stSidebar"] [role="radiogroup"]').first.locator("label", has_text="English")
    assert english.locator("input").is_checked()
    region = page.get_by_role("textbox", name="Region name")  # one more rerun: a person names the region
    region.fill(ODD_REGION + "二")
    region.press("Enter")
    wait_for_app_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Upload a plan"
    assert "lang=en" in page.url
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / "truth2-upload-stays-english.png")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_odd_upload_shows_its_checklist_beside_the_table(app_server, page, tmp_path: Path, screenshot_dir: Path,
                                                            lang):
    upload(page, app_server, tmp_path, lang)
    checks = page.locator(".st-key-upload_checks")
    # the words a person reads (an icon is drawn from its ligature's name: "warning", "check_circle")
    text = re.sub(r"\b(warning|check_circle)\b", " ", checks.inner_text()).replace("\u2060", "")
    assert "2O27 → 2027" in text
    assert ("名称是否写在上一行" if lang == "zh" else "is the name on the line before") in text
    assert ("写于：2025-05" if lang == "zh" else "Written: 2025-05") in text, text
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{4,}", text.replace("2O27", "")), text  # the page's words, not the ETL's
    table = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    box = checks.bounding_box()
    assert box["x"] >= table["x"] + table["width"] - 2 and box["y"] < table["y"] + table["height"], (box, table)
    checks.scroll_into_view_if_needed()
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / f"truth2-upload-checklist-{lang}.png")


def test_the_uploader_speaks_chinese_on_a_chinese_page(app_server, page, screenshot_dir: Path):
    open_page(page, f"{app_server}/upload")
    box = page.locator(".st-key-upload_file [data-testid='stFileUploaderDropzone']")
    shown = page.evaluate("""(selector) => {
      const box = document.querySelector(selector);
      const after = (el) => getComputedStyle(el, '::after').content;
      const hidden = (el) => getComputedStyle(el).fontSize === '0px';
      const p = box.querySelector('button [data-testid="stMarkdownContainer"] p');
      const limit = box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
      return {button: after(p), buttonHidden: hidden(p), limit: after(limit), limitHidden: hidden(limit)};
    }""", ".st-key-upload_file [data-testid='stFileUploaderDropzone']")
    assert "选择文件" in shown["button"] and shown["buttonHidden"], shown
    assert "每个文件不超过" in shown["limit"] and shown["limitHidden"], shown
    box.screenshot(path=screenshot_dir / "truth2-uploader-zh.png")


# Chart titles (plotly's g.annotation of subplot titles and the figure's title) on screen.
TITLE_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot g.annotation, .js-plotly-plot .gtitle')]
  .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && r.bottom > 0 && r.top < window.innerHeight)
  .map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}))"""


@pytest.mark.parametrize("path", ["compare", "indicator"])
def test_the_exit_button_never_covers_a_chart_title_when_scrolling(app_server, page, screenshot_dir: Path, path):
    open_page(page, f"{app_server}/{path}?present=1")
    wait_for_charts(page)
    exit_button = page.locator(".st-key-exit_present button")
    for scrolled in (0, 300, 600, 900):
        page.evaluate(f"document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, {scrolled})")
        page.wait_for_timeout(150)
        button = exit_button.bounding_box()
        if button is None or button["y"] + button["height"] <= 0:
            continue  # scrolled away with the title
        for title in page.evaluate(TITLE_BOXES):
            overlaps = not (button["x"] + button["width"] <= title["left"] or title["right"] <= button["x"]
                            or button["y"] + button["height"] <= title["top"] or title["bottom"] <= button["y"])
            assert not overlaps, (scrolled, button, title)
    page.screenshot(path=screenshot_dir / f"truth2-present-scrolled-{path}.png")


def test_a_clicked_bar_outlines_its_number_in_the_sentence(app_server, page, screenshot_dir: Path):
    open_page(page, f"{app_server}/indicator")
    wait_for_charts(page)
    target = click_a_bar(page)
    wait_for_address(page, r"/sources\?.*target=" + re.escape(target))
    wait_for_app_idle(page)
    number = page.locator("#plan-text mark.sel span.num")
    number.wait_for(timeout=RUN_TIMEOUT_MS)
    sentence = page.locator("#plan-text mark.sel").inner_text()
    assert re.search(r"\d", number.inner_text()) and len(number.inner_text()) < len(sentence)
    page.screenshot(path=screenshot_dir / "truth2-bar-number.png")


def test_an_empty_per_10k_panel_says_why(app_server, page, screenshot_dir: Path):
    """Some link's per-10,000 view has a panel of counts that are not divided by residents (which link
    depends on how the seeds' indicators fall): it says why instead of drawing an empty panel."""
    for category in ("use", "creation", "protection", "management", "service"):
        open_page(page, f"{app_server}/compare?measure=per10k&category={category}")
        wait_for_charts(page)
        svg_text = " ".join(page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot g.annotation')]"
                                          ".map(a => a.textContent)"))
        if "不按人口计" in svg_text:
            page.screenshot(path=screenshot_dir / "truth2-per10k-why.png")
            return
    raise AssertionError("no per-10,000 panel of the seeds says why it is empty")


def test_a_restatement_is_marked_on_the_sources_page(app_server, page):
    open_page(page, f"{app_server}/sources?doc=yixing-2024&target=yixing-2024-038")
    shown = page.locator('[data-testid="stMain"]').inner_text()
    assert "yixing-2024-038" in shown and "复述 yixing-2024-023，只计一次" in shown


@pytest.mark.parametrize("path", ["standing", "indicator"])
@pytest.mark.parametrize("query", ["", "?lang=en", "?present=1", "?lang=en&present=1"])
def test_the_measure_control_stays_on_one_line(app_server, page, screenshot_dir: Path, path, query):
    """At 1280×720 the four measures sit side by side (in a third of the width they wrapped onto two to four
    lines, English and presentation mode worst, and pushed the chart below the fold)."""
    open_page(page, f"{app_server}/{path}{query}")
    wait_for_charts(page)
    options = page.locator('.st-key-measure [role="radiogroup"] label').all()
    assert len(options) == 4
    tops = [option.bounding_box()["y"] for option in options]
    assert max(tops) - min(tops) < 4, tops
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / f"truth2-{path}-measure{query.replace('?', '-').replace('&', '-')}.png")


@pytest.mark.parametrize("query", ["?lang=en", "?lang=en&present=1", ""])
def test_the_overview_cards_count_tables_fit_their_cards(app_server, page, screenshot_dir: Path, query):
    """Four cards a row at 1280×720: each card's targets-per-category table fits inside it (three columns in
    English ran into the next card)."""
    open_page(page, f"{app_server}/{query}")
    boxes = page.locator(".cntbox")
    assert boxes.count() >= 4
    overflow = page.evaluate("""() => [...document.querySelectorAll('.cntbox')]
        .map(box => box.scrollWidth - box.clientWidth)""")
    assert max(overflow) <= 1, overflow
    boxes.first.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / f"truth2-overview-cards{query.replace('?', '-').replace('&', '-')}.png")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_with_a_fifth_plan_uploaded_the_overview_cards_still_show_their_counts(app_server, page, tmp_path: Path,
                                                                                screenshot_dir: Path, lang):
    """Five cards (a fifth plan uploaded in the session): at most four a row, so each card's counts and its
    link stay inside it at 1280×720."""
    upload(page, app_server, tmp_path, lang)
    page.locator('[data-testid="stMain"] button').filter(has_text=re.compile("用于对比|Use in comparison")).first.click()
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app_idle(page)
    page.locator(NAV_LINKS).filter(has_text="概览").first.click()  # the menu keeps the session's upload
    page.wait_for_function("() => document.querySelectorAll('.cntbox').length >= 5", timeout=RUN_TIMEOUT_MS)
    wait_for_app_idle(page)
    assert (ODD_REGION if lang == "zh" else "Shiquan") in page.locator('[data-testid="stMain"]').inner_text()
    overflow = page.evaluate("""() => [...document.querySelectorAll('.cntbox')]
        .map(box => box.scrollWidth - box.clientWidth)""")
    assert len(overflow) == 5 and max(overflow) <= 1, overflow
    page.locator(".cntbox").nth(4).scroll_into_view_if_needed()
    assert not error_texts(page)
    page.screenshot(path=screenshot_dir / f"truth2-overview-five-cards-{lang}.png")
    # the coverage matrix has the uploaded plan's column too (it was left out unsaid)
    matrix = page.locator('[data-testid="stPlotlyChart"]').first
    matrix.scroll_into_view_if_needed()
    assert (ODD_REGION if lang == "zh" else "Shiquan") in matrix.inner_text()
    page.screenshot(path=screenshot_dir / f"truth2-overview-five-coverage-{lang}.png")
