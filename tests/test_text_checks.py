"""What looks odd about a text, worded by the pages in both languages (issues 21 and 23): the upload
page's checklist, the review queue's odd_text rows and its Chinese 内容 column, the sources page's
number inside its sentence.  Plans here are written for these tests."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import review as rv
from dashboard import text_checks
from dashboard import upload as up
from dashboard.ui.source_links import number_span
from etl.api import ODD_TEXT_CHECKS, OddText, odd_text_from_note

CJK = re.compile(r"[\u4e00-\u9fff]")
# A plan in fresh wording: its period typed with a letter O, and one target whose name sits on the
# line before its number.
ODD_PLAN = """柳湾县知识产权强县建设试点工作方案（2025—2O27年）

一、发展目标
到2O27年，全县每万人口高价值发明专利拥有量达到5.5件，规上企业专利申请量达到1500件。
全县专利权质押登记金额
争取突破2.5亿元。
二、主要任务
（一）支持企业开展专利导航，到2026年，完成专利导航项目8个。

柳湾县人民政府办公室
2025年4月18日
"""


@pytest.fixture(scope="module")
def odd_plan() -> up.UploadedPlan:
    return up.read_plan(ODD_PLAN.encode("utf-8"), "liuwan.txt", max_bytes=10 ** 6)


def test_the_etl_finds_the_letter_among_digits_and_the_name_on_the_line_before(odd_plan):
    checks = {odd.check for odd in odd_plan.extraction.odd_text}
    assert {"confusable_digits", "unnamed_targets"} <= checks
    assert odd_plan.title and "2027" in odd_plan.title  # the title is found though its period was typed 2O27
    assert odd_plan.region_guess == "柳湾县"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_checklist_lists_every_check_and_words_each_from_its_fields(odd_plan, lang):
    extraction = odd_plan.extraction
    lines = text_checks.checklist(extraction.odd_text, lang, extraction.period, odd_plan.targets)
    assert [line.check for line in lines] == list(ODD_TEXT_CHECKS)
    by_check = {line.check: line for line in lines}
    assert not by_check["confusable_digits"].ok and "2O27 → 2027" in by_check["confusable_digits"].text
    unnamed = by_check["unnamed_targets"]
    assert not unnamed.ok
    row = 1 + next(i for i, name in enumerate(odd_plan.targets["raw_name"].fillna("")) if not name.strip())
    assert str(row) in unnamed.text  # the table's row, so a person finds it
    assert by_check["no_period"].ok and "2025" in by_check["no_period"].text
    for line in lines:  # the page's words, never the ETL's English message
        assert bool(CJK.search(line.text.replace("2O27 → 2027", ""))) == (lang == "zh"), line
        assert "typed among digits, read as" not in line.text or lang == "en"


def test_a_text_with_nothing_odd_passes_every_check():
    targets = pd.DataFrame({"qualitative": [False], "target_year": [2026], "scope": ["stock"], "raw_name": ["某指标"]})
    lines = text_checks.checklist([], "zh", (2024, 2026), targets)
    assert all(line.ok for line in lines) and "2024—2026" in lines[1].text


def test_the_anchor_line_says_when_the_text_was_written_or_that_no_date_was_found(odd_plan):
    anchor = odd_plan.extraction.anchor
    written = text_checks.anchor_line(anchor.year, anchor.month, anchor.source, anchor.text, "en")
    assert written.startswith("Written: 2025-04 (issued: 「") and "4月18日" in written
    assert text_checks.anchor_line(2025, 4, "issued", "2025年4月18日", "zh") == "写于：2025-04（印发：「2025年4月18日」）"
    assert text_checks.anchor_line(None, None, "none", "", "zh") == "写于：未找到日期"
    assert text_checks.anchor_line(None, None, "none", "", "en") == "Written: no date found"


@pytest.mark.parametrize("odd", [OddText("confusable_digits", 7, None, "2O26 → 2026"), OddText("no_period", None, None, None),
                                 OddText("no_anchor", None, None, None), OddText("undated_targets", None, 4, None),
                                 OddText("unnamed_targets", None, 2, None)])
def test_a_stored_note_gives_back_its_fields(odd):
    assert odd_text_from_note(odd.check, f"some plan.txt: {odd.message()}") == odd
    assert odd_text_from_note("not_a_check", odd.message()) is None


def _queue(lang: str) -> pd.DataFrame:
    targets = pd.DataFrame({
        "doc_id": ["d"], "region_id": ["9"], "region_zh": ["柳湾县"], "target_id": ["d-001"], "raw_name": ["满意度"],
        "value": [88.0], "unit": ["%"], "quote": ["q"], "category": ["protection"], "confidence": ["low"],
        "confidence_reason": ["no name found; Chinese numeral"]})
    notes = pd.DataFrame({
        "doc_id": ["d", "d", "d"], "region_id": ["9", "9", "9"], "kind": ["odd_text", "odd_text", "annex_vs_text"],
        "detail": ["confusable_digits", "unnamed_targets", "text: 「…」 (target d-001, section 一, scope stock) | annex: …"],
        "message": [f"liuwan.txt: {OddText('confusable_digits', 3, None, '2O27 → 2027').message()}",
                    f"liuwan.txt: {OddText('unnamed_targets', None, 1, None).message()}",
                    "patents_held: the plan text says 90件 but the annex table 「新增专利」 totals 70件 (全县, 2025-2027); "
                    "both are kept"]})
    log = pd.DataFrame(columns=["doc_id", "region_id", "status", "quote", "changes", "why"])
    return rv.review_queue(targets, notes, log, lang=lang)


def test_the_review_queue_lists_odd_text_notes_of_stored_plans():
    queue = _queue("zh")
    odd = queue[queue["kind"] == "odd_text"]
    assert len(odd) == 2 and set(odd["doc_id"]) == {"d"}
    assert "第 3 行" in odd["what"].iloc[0] and "2O27 → 2027" in odd["what"].iloc[0]
    assert "名称是否写在上一行" in odd["what"].iloc[1]
    assert rv.queue_counts(queue).loc[0, "odd_text"] == 2


def test_the_chinese_queue_says_what_in_chinese():
    queue = _queue("zh").set_index("kind")
    assert queue.loc["low_confidence", "what"] == "满意度 88%（未找到名称；中文数字）"
    assert queue.loc["annex_conflict", "what"] == "正文为 90件，附表「新增专利」合计 70件（全县，2025-2027）；两者均保留"
    for what in _queue("zh")["what"]:
        assert not re.search(r"[A-Za-z]{3,}", what.replace("2O27", "")), what
    english = _queue("en").set_index("kind")
    assert english.loc["low_confidence", "what"].endswith("(no name found; Chinese numeral)")


def test_a_clicked_target_marks_its_number_not_the_whole_sentence():
    sentence = "到2027年，全县专利权质押登记金额累计超过12亿元，惠及企业120家以上。"
    start, end = number_span(sentence, 12, "亿元")
    assert sentence[start:end] == "12亿元"
    start, end = number_span(sentence, 120, "家")
    assert sentence[start:end] == "120家"
    start, end = number_span("新增商标注册量1,600件", 1600, "件")
    assert (start, end) == (7, 13)
    assert number_span("培育示范企业二十家", 20, "家") is None  # a Chinese numeral: the sentence alone is marked
    assert number_span(sentence, None, "家") is None
