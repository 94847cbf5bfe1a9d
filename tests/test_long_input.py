"""Input of any length is read in time linear in its length (timings: bench/bench_long_lines.py).

What is asserted here is the behaviour that makes that possible: an over-long line is cut into
bounded lines without losing a character or cutting a number in two; the linear forms of the
extractor's look-ups find exactly what the per-number scans they replace found; a text with more
numbers than any plan holds is read up to a cap and summarised after it; and the .docx reader,
which walks the XML itself, gives python-docx's text.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from etl.extract.clauses import (
    EMAIL,
    MAX_NUMBERS,
    TOO_MANY,
    YEAR_MENTION,
    PlanContext,
    _mask_reasons,
    _masked_spans,
    _sentence_years,
    _target_year,
    _titles,
)
from etl.read.clean import LONG_LINE, clean, split_long_line
from etl.read.readers import read_bytes
from etl.segment.sentences import segment
from etl.warehouse.plan import extract_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def seed_sentences() -> list[str]:
    return [s.text for path in sorted(RAW.glob("*.txt"))
            for s in segment(clean(path.read_text(encoding="utf-8")).text)]


# --- over-long lines ------------------------------------------------------------------------

def test_a_long_line_becomes_bounded_lines_with_nothing_lost():
    text = "达" * 80_000
    cleaned = clean(text)
    lines = cleaned.text.split("\n")
    assert len(lines) >= 80 and max(len(line) for line in lines) <= LONG_LINE
    assert "".join(lines) == text
    assert any("no line is longer than" in note for note in cleaned.notes)
    assert extract_text(text).targets.empty


def test_a_line_is_cut_after_a_sentence_end_else_a_clause_mark_and_never_inside_a_number():
    sentence = "发明专利拥有量达到600件。"
    pieces = split_long_line(sentence * 200, limit=100)
    assert all(len(p) <= 100 and p.endswith("。") for p in pieces)
    clauses = split_long_line("发明专利拥有量达到600件，" * 200, limit=100)
    assert all(p.endswith("，") for p in clauses)
    digits = split_long_line("达" * 95 + "1234567890" * 3, limit=100)
    assert digits[0] == "达" * 95 and "".join(digits) == "达" * 95 + "1234567890" * 3


def test_every_number_on_a_long_line_is_read_whole_up_to_the_cap():
    text = "达到350件" * 20_000  # 120 000 characters, one number every six, no sentence end
    extraction = extract_text(text)
    targets = extraction.targets
    assert set(targets["value"]) == {350.0} and set(targets["unit"]) == {"件"}  # no "35" + "0" from a cut
    assert MAX_NUMBERS <= len(targets) <= MAX_NUMBERS + LONG_LINE // 6
    for row in targets.to_dict("records"):
        assert extraction.clean_text[row["quote_start"]:row["quote_end"]] == row["quote"]
    # after the cap, one row per remaining sentence (here: per line), however many numbers it holds
    summarised = extraction.skipped[extraction.skipped["reason"] == TOO_MANY]
    line_starts = [m.end() for m in re.finditer("\n", extraction.clean_text)]
    assert sorted(summarised["start"]) == [s for s in line_starts if s > targets["quote_end"].max()]


def test_below_the_cap_a_long_line_yields_a_target_per_number():
    targets = extract_text("达到350件" * 1000).targets
    assert len(targets) == 1000 and set(targets["value"]) == {350.0}


# --- the linear look-ups find what the scans found --------------------------------------------

OLD_TITLE = re.compile(r"《[^》]*》")
OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
TRICKY = ["《关于印发《宜兴市方案（2024—2026年）》的通知》", "《未闭合《标题》", "《《《", "联系邮箱: xu.chun@qq.com，电话7770638",
          "a@b@c.com", "达达达达x@y.cn", "4.26知识产权宣传周，1+N模式，12.34.5+X"]


@pytest.mark.parametrize("text", TRICKY + seed_sentences()[:400:7])
def test_titles_and_e_mails_are_found_as_the_original_patterns_found_them(text):
    assert _titles(text) == [m.span() for m in OLD_TITLE.finditer(text)]
    assert [m.span() for m in EMAIL.finditer(text)] == [m.span() for m in OLD_EMAIL.finditer(text)]


def test_the_reason_at_each_offset_is_the_first_masked_span_holding_it():
    for text in TRICKY + seed_sentences():
        spans = _masked_spans(text)
        expected = [next((reason for s, e, reason in spans if s <= pos < e), None) for pos in range(len(text))]
        assert _mask_reasons(text) == expected, text


def test_the_year_before_a_number_is_the_last_one_a_scan_of_the_text_before_it_finds():
    ctx = PlanContext(2024, 2026)
    for text in seed_sentences():
        years = _sentence_years(text, ctx)
        for m in re.finditer(r"\d+", text):
            before = text[:m.start()]
            scanned = [int(y.group(1)) for y in YEAR_MENTION.finditer(before)
                       if before[max(0, y.start() - 1):y.start()] not in ("较", "比", "从", "由", "以")]
            scanned = [y for y in scanned if y >= ctx.period_start - 1]
            expected = scanned[-1] if scanned else 2026
            assert _target_year(years, m.start(), None, "stock", ctx) == expected, (text, m.group(0))


# --- .docx ------------------------------------------------------------------------------------

def test_the_docx_walk_gives_python_docx_text(tmp_path):
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("到2027年，")
    run = paragraph.add_run("发明专利")
    run.add_tab()
    run.add_break()
    run.add_text("拥有量")
    paragraph.add_run("达到350件").add_break(WD_BREAK.PAGE)
    paragraph._p.append(parse_xml(
        '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:r><w:t>（见附件）</w:t></w:r></w:hyperlink>'))
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).paragraphs[0].add_run("目标")
    table.cell(0, 1).add_paragraph("（2027年）")
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并"
    document.add_paragraph("三、保障措施")
    path = tmp_path / "plan.docx"
    document.save(path)

    read = read_bytes(path.read_bytes(), "plan.docx")
    reopened = docx.Document(path)
    paragraphs = [p.text for p in reopened.paragraphs]
    assert read.text == "\n".join(paragraphs[:2] + ["[表格1]"] + paragraphs[2:])
    assert paragraphs[0] == "到2027年，发明专利\t\n拥有量达到350件（见附件）"
    assert read.tables[0].rows == [["指标", "目标\n（2027年）"], ["合并", ""]]
