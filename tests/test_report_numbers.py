"""Numbers of reports, work points and news that are no targets, and the readings beside them (issue 21),
in wording written for these tests (the rule rows' own examples are tested in test_rule_table).

None of these sentences comes from a fixture or a seed plan."""

from __future__ import annotations

from etl.normalize.comparable import standardise
from etl.warehouse.plan import extract_text

REPORT_HEAD = "松桥县2026年知识产权工作总结\n\n松桥县知识产权局\n2026年12月8日\n\n"


def test_a_reports_part_of_results_holds_no_target_whatever_its_verbs():
    report = REPORT_HEAD + ("一、2026年主要成效\n为9家企业争取上级运营资金260万元；商标注册量从5100件增加到6400件。\n"
                            "二、2027年工作打算\n全年商标申请量不少于1800件。\n")
    ex = extract_text(report, period=(2025, 2027))
    assert list(ex.targets["value"]) == [1800]
    results = ex.skipped[ex.skipped["reason"].str.startswith("achievement: in a report's part of results")]
    assert set(results["text"]) >= {"9家", "260万元", "6400件"}
    assert set(results["year"].dropna()) == {2026}


def test_the_same_part_in_a_plan_is_left_to_the_clause_grammar():
    plan = "松桥县知识产权强县建设方案（2026—2028年）\n\n一、主要成效目标\n为9家企业争取上级运营资金260万元。\n"
    ex = extract_text(plan)
    assert 260 in list(ex.targets["value"])


def test_a_flow_in_a_part_headed_by_its_own_year_is_that_years_flow():
    report = REPORT_HEAD + "二、2027年工作打算\n2027年全县商标申请量力争不少于1800件，有效注册商标总量达到9000件。\n"
    rows = extract_text(report, period=(2025, 2027)).targets.set_index("value")
    assert rows.loc[1800, "scope"] == "annual"
    assert rows.loc[9000, "scope"] == "stock"  # a level held stays a level


def test_a_trillion_is_one_multiplier():
    plan = "一、主要目标\n到2027年，全市版权产业增加值达到1.3万亿元。\n"
    row = extract_text(plan, period=(2025, 2027)).targets.iloc[0]
    assert (row["value"], row["unit"], row["value_std"], row["unit_std"]) == (1.3, "万亿元", 1.3e8, "万元")
    assert row["scope"] == "stock"  # 增加值 is value added, not 增加 (new)
    assert standardise(1.3, "元", 1e12) == (1.3e8, "万元")


def test_a_balance_ends_the_new_of_the_clause_before():
    plan = "一、主要目标\n商标质押融资三年累计新增9亿元，质押融资余额不低于4亿元。\n"
    rows = extract_text(plan, period=(2025, 2027)).targets.set_index("value")
    assert rows.loc[9, "scope"] == "new" and rows.loc[4, "scope"] == "stock"
