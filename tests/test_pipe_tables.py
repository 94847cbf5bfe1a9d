"""Indicator tables converted from Word to text rows, their cells parted by bars ("1 | <name> | 4 | 6",
outer bars optional) or by tabs: the header names each column's role, each row is one target with
its row as the quote; points, numbering and totals are never targets.  Wording written for these tests."""

import pytest

from etl.warehouse.plan import extract_text


def _rows(text: str, period: tuple[int, int]):
    ex = extract_text(text, period=period)
    for r in ex.targets.itertuples():  # every target keeps its exact source quote
        assert ex.clean_text[r.quote_start:r.quote_end] == r.quote
    return ex


GOAL_TABLE = (
    "一、发展目标\n"
    "到2028年，全区主要指标见下表。\n"
    "编号 | 指标名称 | 2025年（基期值） | 2028年（目标值） | 属性\n"
    "1 | 有效发明专利拥有量（件） | 820 | 1300 | 预期性\n"
    "2 | 商标注册申请量（件/年） | 640 | ≥900 | 预期性\n"
    "3 | 有效注册商标量（万件） | 2.4 | 3.1 | 预期性\n"
    "二、重点任务\n"
    "加快培育高价值专利。\n")


def test_bar_rows_without_outer_bars_are_a_table_with_baseline_unit_and_due_year():
    ex = _rows(GOAL_TABLE, (2026, 2028))
    got = sorted(zip(ex.targets["value"], ex.targets["unit"], ex.targets["comparator"],
                     ex.targets["baseline"], ex.targets["target_year"], ex.targets["scope"]))
    assert got == [(3.1, "万件", "=", 2.4, 2028, "stock"),
                   (900, "件", ">=", 640, 2028, "annual"),  # 件/年: a year's flow, due in the column's year
                   (1300, "件", "=", 820, 2028, "stock")]
    assert set(ex.targets["quote"]) == {line for line in ex.clean_text.split("\n") if line[:1].isdigit()}


ASSESSMENT_TABS = (
    "附件\n"
    "2027年度知识产权工作评价指标\n"
    "序号\t评价指标\t2027年目标值\t分值\t责任部门\n"
    "一、创造（30分）\n"
    "1\t有效发明专利拥有量\t达到450件\t15\t区科技局\n"
    "2\t商标注册申请量\t同比增长8%以上\t15\t区市场监管局\n"
    "二、管理（20分）\n"
    "3\t专利转让、许可及作价入股次数合计\t不少于60次\t10\t区科技局\n"
    "4\t区级工作协调机制\t建立并规范运行\t10\t区政府办\n"
    "合计\t\t\t50\t\n")


def test_tab_rows_read_worded_cells_through_the_clause_grammar():
    ex = _rows(ASSESSMENT_TABS, (2027, 2027))
    numeric = ex.targets[~ex.targets["qualitative"]]
    got = sorted(zip(numeric["value"], numeric["unit"], numeric["comparator"], numeric["target_year"]))
    assert got == [(8, "%", ">=", 2027), (60, "次", ">=", 2027), (450, "件", "=", 2027)]
    growth = numeric[numeric["unit"] == "%"].iloc[0]
    assert growth["scope"] == "ratio" and "增长" in growth["raw_name"]


def test_in_a_one_year_table_a_flow_row_counts_that_years_flow():
    one_year = _rows(ASSESSMENT_TABS, (2027, 2027)).targets.set_index("value")
    assert one_year.loc[60, "scope"] == "annual" and one_year.loc[450, "scope"] == "stock"
    three_years = _rows(ASSESSMENT_TABS, (2025, 2027)).targets.set_index("value")
    assert three_years.loc[60, "scope"] == "stock"  # the 2027 column of a three-year plan: no year's flow said


def test_points_numbering_and_totals_are_never_targets():
    ex = _rows(ASSESSMENT_TABS, (2027, 2027))
    assert not set(ex.targets["value"].dropna()) & {1, 2, 3, 4, 10, 15, 20, 30, 50}


def test_a_worded_cell_without_a_number_is_a_qualitative_target_in_the_part_rows_category():
    ex = _rows(ASSESSMENT_TABS, (2027, 2027))
    qualitative = ex.targets[ex.targets["qualitative"]]
    assert list(qualitative["raw_name"]) == ["区级工作协调机制"]
    assert qualitative.iloc[0]["category"] == "management"  # from "二、管理（20分）" above the row
    assert qualitative.iloc[0]["target_year"] == 2027


def test_a_long_bar_row_is_never_joined_to_the_next_as_a_wrapped_sentence():
    text = ASSESSMENT_TABS.replace("\t", " | ")
    ex = _rows(text, (2027, 2027))
    assert sorted(ex.targets["value"].dropna()) == [8, 60, 450]
    assert all(quote.count("|") >= 2 and "\n" not in quote for quote in ex.targets["quote"])


def test_a_target_column_without_a_year_is_due_at_the_plans_end():
    text = ("二、工作目标\n"
            "指标 | 单位 | 现状值 | 目标值\n"
            "专利质押融资登记金额 | 亿元 | 0.8 | 2.5\n"
            "知识产权服务机构数量 | 家 | 6 | 12\n")
    ex = _rows(text, (2026, 2028))
    got = sorted(zip(ex.targets["value"], ex.targets["baseline"], ex.targets["target_year"]))
    assert got == [(2.5, 0.8, 2028), (12, 6, 2028)]
    assert all("without a year" in (reason or "") for reason in ex.targets["confidence_reason"])


def test_the_header_can_give_the_unit_of_a_target_column():
    text = ("二、工作目标\n"
            "序号 | 指标名称 | 2028年目标（亿元）\n"
            "1 | 知识产权质押融资登记金额 | 6\n"
            "2 | 技术合同成交额 | 40\n")
    ex = _rows(text, (2026, 2028))
    assert sorted(zip(ex.targets["value"], ex.targets["unit"])) == [(6, "亿元"), (40, "亿元")]


def test_a_digit_in_the_rows_name_is_never_read_as_its_target():
    text = ("二、工作目标\n"
            "序号 | 指标名称 | 2028年目标值\n"
            "1 | 5G领域有效发明专利量 | 达到120件\n"
            "2 | 有效发明专利拥有量 | 达到900件\n")
    ex = _rows(text, (2026, 2028))
    assert 5 not in set(ex.targets["value"])
    assert 900 in set(ex.targets["value"])


def test_a_cell_of_two_figures_is_skipped_with_its_reason_not_guessed():
    text = ("二、工作目标\n"
            "序号 | 指标名称 | 2028年目标值\n"
            "1 | 专利申请与授权 | 申请量800件、授权量300件\n"
            "2 | 有效发明专利拥有量 | 达到900件\n"
            "3 | 知识产权服务业集聚区 | —\n")
    ex = _rows(text, (2026, 2028))
    assert list(ex.targets["value"]) == [900]
    reasons = {row.text: row.reason for row in ex.skipped.itertuples()}
    assert reasons == {"1|专利申请与授权|申请量800件、授权量300件": "table cell not read as one target"}


@pytest.mark.parametrize("table", [
    ("五、资金安排\n"
     "序号 | 支出项目 | 金额（万元） | 资金来源\n"
     "1 | 高价值专利培育资助 | 120 | 县财政\n"
     "2 | 商标品牌建设奖励 | 80 | 县财政\n"
     "3 | 维权援助服务采购 | 45 | 上级补助\n"),
    ("四、进度安排\n"
     "阶段 | 时间安排 | 主要任务 | 责任单位\n"
     "启动阶段 | 2026年3月至6月 | 制定实施细则，召开动员会议 | 县市场监管局\n"
     "推进阶段 | 2026年7月至2027年6月 | 开展专利导航2项 | 各成员单位\n"
     "总结阶段 | 2028年下半年 | 开展评估验收 | 县领导小组办公室\n"),
], ids=["budget", "schedule"])
def test_budget_and_schedule_tables_yield_no_target(table):
    ex = _rows("一、总体目标\n到2028年，知识产权综合实力明显增强。\n" + table, (2026, 2028))
    assert ex.targets[~ex.targets["qualitative"]].empty

