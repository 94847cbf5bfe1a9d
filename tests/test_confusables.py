"""Letters typed among digits (issue 21): read as digits, with a note, offsets unchanged."""

from __future__ import annotations

from etl.read.confusables import fold_confusables
from etl.warehouse.plan import extract_text


def test_a_year_typed_with_a_letter_o_is_read_as_that_year_and_noted():
    text = "一、目标\n到2O28年，全县有效发明专利达到900件。\n"
    folded, notes = fold_confusables(text)
    assert "到2028年" in folded and len(folded) == len(text)
    assert notes == ["line 2: read 2O28 as 2028 (a letter typed among digits)"]


def test_a_letter_l_inside_a_number_is_a_one():
    folded, notes = fold_confusables("新增商标注册3l0件")
    assert folded == "新增商标注册310件" and len(notes) == 1


def test_words_with_these_letters_are_left_alone():
    text = "ISO 56005 认证企业 20家，GB/T 29490，Open Licence 试点，IPO 企业 3家"
    assert fold_confusables(text) == (text, [])


def test_a_target_whose_year_was_typed_with_a_letter_keeps_its_due_year():
    plan = ("桐溪县知识产权强县建设实施方案（2026—2028年）\n\n二、工作目标\n"
            "到2O27年，全县每万人口高价值发明专利拥有量达到5件。\n")
    result = extract_text(plan, period=(2026, 2028))
    row = result.targets.loc[result.targets["value"] == 5].iloc[0]
    assert row["target_year"] == 2027
    assert any("2O27" in note for note in result.notes)
