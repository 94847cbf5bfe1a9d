"""A plan whose line breaks were lost (pasted from a web page) reads like the same plan with them.

The cleaning step puts a break back before each heading written inline after a sentence end, and
after a heading's short name when the paragraph runs straight on from it (etl.read.clean,
`restore_heading_breaks`).  For each of the four real plans, the text with every newline removed —
joined with nothing, and with a space — must yield the same targets, in the same order, quoting the
same sentences.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from etl.read.clean import LONG_LINE, clean, looks_run_together, restore_heading_breaks
from etl.warehouse.plan import extract_text

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted(RAW.glob("*.txt"))
FIELDS = ["value", "value_max", "unit", "comparator", "scope", "target_year", "baseline", "qualitative",
          "raw_name", "quote"]


def targets(text: str) -> list[tuple]:
    def plain(value):  # NaN is never equal to itself: compare "no value" as None
        return None if isinstance(value, float) and math.isnan(value) else value
    return [tuple(plain(row[f]) for f in FIELDS) for row in extract_text(text).targets.to_dict("records")]


@pytest.mark.parametrize("joiner", ["", " "], ids=["joined", "space-joined"])
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_a_plan_without_its_line_breaks_yields_the_same_targets(path, joiner):
    text = path.read_text(encoding="utf-8")
    with_lines = targets(text)
    without = targets(joiner.join(text.split("\n")))
    assert len(with_lines) >= 16
    missing = [t for t in with_lines if t not in without]
    extra = [t for t in without if t not in with_lines]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"
    assert without == with_lines  # the same order too


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_quotes_of_a_run_together_plan_point_into_its_clean_text(path):
    one_line = path.read_text(encoding="utf-8").replace("\n", "")
    extraction = extract_text(one_line)
    for row in extraction.targets.to_dict("records"):
        assert extraction.clean_text[row["quote_start"]:row["quote_end"]] == row["quote"]
        assert row["source_line"] == 1  # every restored line still maps to the raw file's only line


def test_the_cleaning_notes_say_how_many_breaks_were_restored():
    text = (RAW / "yixing_2024-2026.txt").read_text(encoding="utf-8")
    cleaned = clean(text.replace("\n", ""))
    assert any("restored the line break before" in note for note in cleaned.notes)
    assert max(len(line) for line in cleaned.text.split("\n")) <= LONG_LINE


def test_breaks_go_before_inline_headings_and_nothing_is_lost():
    line = ("为提升能力，制定本方案。一、指导思想坚持以人民为中心。二、工作目标（一）总体目标到2026年，发明专利达到600件。"
            "（二）具体目标1.知识产权创造能力显著增强。全区达到2家。（责任单位：区市场监管局）2.运用效益提升。")
    parts = restore_heading_breaks(line)
    assert "".join(parts) == line
    assert parts == ["为提升能力，制定本方案。", "一、指导思想", "坚持以人民为中心。", "二、工作目标",
                     "（一）总体目标到2026年，发明专利达到600件。", "（二）具体目标", "1.知识产权创造能力显著增强。全区达到2家。（责任单位：区市场监管局）",
                     "2.运用效益提升。"]


def test_a_goal_heading_is_cut_from_its_paragraph_but_a_task_heading_is_not():
    goal = "。（一）知识产权创造质量显著提高知识产权产出主要指标取得较大突破，万人拥有量达6件。"
    task = "。（二）推动企业全面提升知识产权管理水平，建成3个中心。"
    assert restore_heading_breaks(goal)[1:] == ["（一）知识产权创造质量显著提高", "知识产权产出主要指标取得较大突破，万人拥有量达6件。"]
    assert restore_heading_breaks(task)[1:] == ["（二）推动企业全面提升知识产权管理水平，建成3个中心。"]


def test_numbers_and_lists_inside_a_sentence_are_not_taken_for_headings():
    line = "质押融资达到2.5亿元，培育1、2类企业，建设3个中心；力争到2026年1.5万件。"
    assert restore_heading_breaks(line) == [line]


def test_only_run_together_lines_are_restored():
    paragraph = "到2026年，发明专利达到600件。（一）加强保护。每年培训10场。"  # one heading inline: a normal line
    assert not looks_run_together(paragraph)
    assert clean(paragraph).text == paragraph
    short_plan = "工作方案。一、工作目标到2026年，发明专利达到600件。二、重点任务每年培训10场。三、保障措施加强领导。"
    assert looks_run_together(short_plan)  # far shorter than LONG_LINE, but it holds the plan's parts
    assert clean(short_plan).text.split("\n") == ["工作方案。", "一、工作目标", "到2026年，发明专利达到600件。",
                                                  "二、重点任务", "每年培训10场。", "三、保障措施", "加强领导。"]


def test_markup_between_a_sentence_and_its_heading_goes_with_the_heading():
    line = "完成任务。### 二、工作目标**（一）创造能力日益增长。**到2026年，达到48件。[bookmark: _Toc1]三、保障措施"
    assert clean(line).text.split("\n") == ["完成任务。", "二、工作目标", "（一）创造能力日益增长。到2026年，达到48件。",
                                            "三、保障措施"]
