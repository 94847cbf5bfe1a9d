"""A progress review names each indicator in an item of its own and states the target in the next
sentence in its own words (《实施方案》定下的目标值为…, 按方案到…应达到…, 方案要求…): the value takes the item's
name, whether the item is numbered 1． or （一）.  A （一） heading that names no measure (a goal's heading,
（一）保护能力全面增强。) names nothing.  Fresh wording, written for fresh13's gaps (tuned on)."""

from etl.warehouse.plan import extract_text

REVIEW = "二、重点指标完成情况\n"


def named(text, period=(2024, 2026)):
    return [(r.raw_name, r.value, r.unit) for r in extract_text(text, period=period).targets.itertuples()]


def test_a_chinese_numbered_item_names_the_target_of_the_next_sentence():
    got = named(REVIEW + "（三）每万人口高价值发明专利拥有量。《实施方案》定下的目标值为2026年达到2.8件。"
                         "2024年底为1.9件。\n\n某某县知识产权局\n2025年8月20日\n")
    assert got == [("每万人口高价值发明专利拥有量", 2.8, "件")]


def test_a_plan_that_says_what_it_requires_names_by_the_item_too():
    got = named(REVIEW + "（五）专利实施许可次数。按方案到2026年应达到150次，目前完成96次。\n")
    assert got == [("专利实施许可次数", 150, "次")]


def test_a_goal_heading_numbered_the_same_way_names_nothing():
    got = named("一、工作目标\n（一）保护能力全面增强。计划到2026年新建维权援助分站4个。\n")
    assert [row[1:] for row in got] == [(4, "个")]
    assert "保护能力" not in got[0][0]


def test_an_arabic_numbered_item_still_names_as_before():
    got = named(REVIEW + "4．海外商标注册量。目标三年累计新增60件。\n")
    assert got and got[0][0].startswith("海外商标注册量") and got[0][1:] == (60, "件")
