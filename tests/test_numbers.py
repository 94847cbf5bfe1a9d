"""dashboard.numbers: numbers as a reader of each language writes them, on labels, hovers and axes."""

from __future__ import annotations

import pytest

from dashboard.numbers import axis_number, format_number, plain_number, title_unit


@pytest.mark.parametrize("value, unit, zh, english", [
    (23300, "万元/万人", "2.33亿元/万人", "¥233M per 10,000 residents"),
    (2330.5, "件/万人", "2330件/万人", "2,330 items per 10,000 residents"),
    (5, "件/年", "5件/年", "5 items per year"),
    (0, "家/万人", "0家/万人", "0 firms per 10,000 residents"),
])
def test_a_compound_unit_scales_its_numerator_only(value, unit, zh, english):
    assert format_number(value, unit, "zh") == zh
    assert format_number(value, unit, "en") == english


def test_rounding_never_drops_the_zeros_of_a_whole_number():
    # 2330.5 rounds to "2330"; trimming trailing zeros of that gave "233", a number ten times too small.
    assert format_number(2330.5, "件", "zh") == "2330件"
    assert format_number(1000.4, "", "zh") == "1000"
    assert format_number(0.050, "%", "zh") == "0.05%"


@pytest.mark.parametrize("value", [1e-4, 0.123456, 2330.5, 99999.9, 1.23456e7, 4.5e11, 7.7e15, -2.5e9])
def test_no_magnitude_is_written_in_scientific_notation(value):
    for lang in ("zh", "en"):
        for written in (format_number(value, "件", lang), axis_number(value, "万元", lang), plain_number(value)):
            assert "e+" not in written and "e-" not in written, written


def test_axis_labels_carry_money_but_leave_counted_units_to_the_axis_title():
    assert [axis_number(v, "万元", "zh") for v in (0, 200000, 600000, 3500)] == ["0", "20亿元", "60亿元", "3500万元"]
    assert [axis_number(v, "万元", "en") for v in (600000, 3500, 1.5)] == ["¥6bn", "¥35M", "¥15k"]
    assert axis_number(35000, "件", "zh") == "3.5万" and axis_number(35000, "件", "en") == "35k"
    assert axis_number(300000, "万元/万人", "zh") == "30亿元"
    assert axis_number(None, "件") == ""


def test_plain_number_groups_thousands_for_either_reader():
    assert [plain_number(v) for v in (35000, 2.9166, 2330.5, None)] == ["35,000", "2.92", "2,330", ""]


@pytest.mark.parametrize("unit, lang, title", [
    ("万元/万人", "en", "yuan per 10,000 residents"),  # the bars read ¥23.3M, so the title says yuan
    ("亿元", "en", "yuan"),
    ("件/万人", "en", "items per 10,000 residents"),
    ("万元/万人", "zh", "万元/万人"),  # Chinese labels carry 万元 / 亿元 themselves
])
def test_a_charts_title_states_its_unit_in_the_terms_of_its_labels(unit, lang, title):
    assert title_unit(unit, lang) == title


@pytest.mark.parametrize("value, unit, zh, english", [
    (300000, "万元", "30亿元", "¥3bn"),  # the base is yuan: never "300000 10,000 yuan"
    (13000, "件", "1.3万件", "13k items"),
    (9800, "家", "9800家", "9,800 firms"),
    (2.5e8, "件", "2.5亿件", "250M items"),
])
def test_one_formatter_writes_wan_and_yi_in_chinese_and_k_m_bn_in_english(value, unit, zh, english):
    assert format_number(value, unit, "zh") == zh and format_number(value, unit, "en") == english
    # a tick or a bar label is the same number, the counted unit left to the axis title
    assert axis_number(value, unit, "zh") == (zh if unit == "万元" else zh.removesuffix(unit))
    assert axis_number(value, unit, "en") == (english if unit == "万元" else english.split(" ")[0])


def test_table_display_columns_write_what_the_charts_write_and_keep_the_raw_value_apart():
    import pandas as pd

    from dashboard.numbers import display_columns

    frame = pd.DataFrame({"value_std": [300000.0, 13000.0, None], "unit_std": ["万元", "件", None],
                          "comparator": [">=", "=", None], "baseline": [None, 9800.0, None],
                          "value_per_year": [100000.0, None, None], "value_per_10k_residents": [None, 21.5, None],
                          "unit_per_10k": [None, "件/万人", None]})
    zh, english = display_columns(frame, "zh"), display_columns(frame, "en")
    assert list(zh["value_text"]) == ["≥30亿元", "1.3万件", None]
    assert list(english["value_text"]) == ["≥¥3bn", "13k items", None]
    assert zh.at[0, "per_year_text"] == "10亿元/年" and english.at[0, "per_year_text"] == "¥1bn per year"
    assert zh.at[1, "per_10k_text"] == "21.5件/万人" and zh.at[1, "baseline_text"] == "9800件"
    assert frame["value_std"].iloc[0] == 300000.0  # the raw value is untouched


@pytest.mark.parametrize(("value", "unit", "written"), [
    (1, "个", "1 unit"), (2, "个", "2 units"), (1, "家", "1 firm"), (1, "人", "1 person"), (3, "人", "3 people"),
    (1, "件/万人", "1 item per 10,000 residents"),
])
def test_one_of_a_thing_is_written_in_the_singular_in_english(value, unit, written):
    assert format_number(value, unit, "en") == written
