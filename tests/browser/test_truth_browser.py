"""Pages that tell the truth at a glance (issue 23), as a person sees them in Chromium at 1280×720:
English pages with no stray Chinese, source lines inside their figures, labels under bars that never
collide, the instruments page naming an uploaded plan, lead departments on the matrix, the
presentation mode's exit button clear of titles, a clicked bar's number highlighted.

Screenshots of each land in tests/artifacts/screenshots/ (truth-*.png) for a person to look at."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from tests.browser.test_browser import (
    UPLOAD_PLAN,
    UPLOAD_REGION,
    error_texts,
    nav_pages,  # noqa: F401  (a fixture)
    open_page,
    wait_for_app_idle,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"")
PLAN_QUOTE_MIN = 6  # a run this long found verbatim in a plan is the plan's own words (a quote)

# Every Chinese text on screen in stMain, one entry per element that holds it (an SVG <text> whole).
SCREEN_TEXTS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const holders = 'p,li,label,button,h1,h2,h3,h4,h5,h6,summary,td,th,[data-baseweb="select"],'
    + '[data-testid="stMetricValue"],[data-testid="stMetricLabel"],[data-testid="stCaptionContainer"]';
  const out = [], seen = new Set();
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!/[\\u3400-\\u9fff]/.test(node.nodeValue)) continue;
    const parent = node.parentElement;
    if (parent.closest('#plan-text')) continue;  // the Sources page shows the plan itself
    const holder = parent.closest('text') || parent.closest(holders) || parent;
    if (seen.has(holder)) continue;
    seen.add(holder);
    out.push(holder.textContent);
  }
  return out;
}"""


@lru_cache(maxsize=1)
def names_with_english() -> dict[str, str]:
    """Chinese names that may stand beside their English: regions, indicators, families, departments."""
    from dashboard.glossary import place_en
    from etl.extract.instruments import InstrumentDictionary
    from etl.harmonize.dictionary import Harmonizer
    from etl.read.sources import load_manifest

    names = {s.region_zh: s.region_en or place_en(s.region_zh) or "" for s in load_manifest()}
    names[UPLOAD_REGION] = place_en(UPLOAD_REGION) or ""
    names.update(InstrumentDictionary.load().department_names())
    frame = Harmonizer.load().indicators_frame()
    for zh, english in (("indicator_zh", "indicator_en"), ("family_zh", "family_en")):
        if zh in frame and english in frame:
            names.update({z: e for z, e in zip(frame[zh], frame[english]) if isinstance(z, str) and isinstance(e, str)})
    return names


@lru_cache(maxsize=1)
def plan_texts() -> str:
    """The plans' words as the pages quote them: the clean text drops the raw files' line breaks and the
    spaces around numbers (服务机构数\n量超过 200 家 → 服务机构数量超过200家)."""
    raw = "".join(p.read_text(encoding="utf-8") for p in (REPO / "data" / "raw").glob("*.txt")) + UPLOAD_PLAN
    return re.sub(r"\s+", "", raw)


def stray_chinese(text: str) -> list[str]:
    """Runs of Chinese in an English page's text that are none of: inside quotation marks, a region or
    indicator name with its English in the same text, the plan's own words (a text quoting a plan —
    a run of PLAN_QUOTE_MIN characters or more found verbatim in one — may hold its shorter words too:
    到2026年 … 前列)."""
    outside = QUOTED.sub(" ", text)
    runs = CJK_RUN.findall(outside)
    quotes_a_plan = any(len(run) >= PLAN_QUOTE_MIN and run in plan_texts() for run in runs)
    stray = []
    for run in runs:
        english = names_with_english().get(run)
        if english and english in text:
            continue
        if quotes_a_plan and run in plan_texts():
            continue
        stray.append(run)
    return stray


def test_stray_chinese_is_found_and_names_beside_their_english_are_not():
    assert stray_chinese("万元 · absolute") == ["万元"]
    assert stray_chinese("Plan kind：强县示范县") == ["强县示范县"]
    assert stray_chinese("天长市 · Tianchang") == []
    assert stray_chinese("quote: “到2026年达到”") == []


def english_leftovers(page, url: str) -> list[tuple[str, str]]:
    open_page(page, url)
    wait_for_charts(page)
    return [(run, text[:120]) for text in page.evaluate(SCREEN_TEXTS) for run in stray_chinese(text)]


def test_every_page_in_english_shows_no_stray_chinese(nav_pages, page, screenshot_dir: Path, subtests):  # noqa: F811
    for nav in nav_pages:
        for mode in ("", "&present=1"):
            with subtests.test(page=nav.slug, mode=mode or "normal"):
                found = english_leftovers(page, f"{nav.url}?lang=en{mode}")
                page.screenshot(path=screenshot_dir / f"truth-english-{nav.slug}{'-present' if mode else ''}.png")
                assert not error_texts(page)
                assert found == [], found[:10]


# How far each chart's source line reaches, against the figure's own box (item 2).
SOURCE_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('g.annotation')].filter(a => /Source|来源/.test(a.textContent)).map(a => {
    const r = a.getBoundingClientRect();
    return {right: r.right - box.left, bottom: r.bottom - box.top, width: box.width, height: box.height};
  });
}).flat()"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("mode", ["", "&present=1"])
@pytest.mark.parametrize("path", ["indicator", ""])
def test_every_source_line_stays_inside_its_figure(app_server, page, screenshot_dir: Path, lang, mode, path):
    open_page(page, f"{app_server}/{path}?lang={lang}{mode}")
    wait_for_charts(page)
    boxes = page.evaluate(SOURCE_BOXES)
    assert boxes, "no chart with a source line"
    for box in boxes:
        assert box["right"] <= box["width"] and box["bottom"] <= box["height"], box
    page.screenshot(path=screenshot_dir / f"truth-source-{path or 'overview'}-{lang}{'-present' if mode else ''}.png")


def test_instrument_matrix_writes_lead_departments_and_the_role_filter_works_alone(app_server, page,
                                                                                  screenshot_dir: Path):
    open_page(page, f"{app_server}/instruments")
    matrix = page.locator("table.imx")
    assert matrix.locator("span.lead").count() > 0, "no lead department written in a cell"
    assert "牵头" in matrix.locator("span.lead").first.inner_text()
    role = page.locator('[data-testid="stRadio"]').filter(has_text="部门角色")
    assert role.locator("input").first.is_enabled(), "the role control is greyed out without a department"
    role.locator("label").filter(has_text="仅牵头").click()
    wait_for_app_idle(page)
    cells = page.locator("table.imx td.c a")
    assert cells.count() > 0 and cells.count() == page.locator("table.imx td.c span.lead").count()
    page.screenshot(path=screenshot_dir / "truth-instruments-lead.png")


def test_the_instruments_page_says_why_an_uploaded_plan_has_no_column(app_server, page, tmp_path: Path,
                                                                      screenshot_dir: Path):
    import re

    plan_file = tmp_path / "qinghe_2025-2027.txt"
    plan_file.write_text(UPLOAD_PLAN, encoding="utf-8")
    open_page(page, app_server + "/upload")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(plan_file)
    page.wait_for_function("(region) => document.querySelector('[data-testid=\"stMain\"]').textContent.includes(region)",
                           arg=UPLOAD_REGION, timeout=60_000)
    wait_for_app_idle(page)
    page.locator('[data-testid="stMain"] button').filter(has_text=re.compile("用于对比")).first.click()
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=60_000)
    wait_for_app_idle(page)
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="政策工具").first.click()
    page.wait_for_url(re.compile(r"/instruments"), timeout=60_000)
    wait_for_app_idle(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert UPLOAD_REGION in text and "不在矩阵中" in text
    page.screenshot(path=screenshot_dir / "truth-instruments-upload.png")
