"""Compound and staged statements carry their facets to every member's raw name (issue 20), in fresh wording."""

from etl.warehouse.plan import extract_text


def names(text, period=(2025, 2027)):
    t = extract_text(text, period=period).targets
    return dict(zip(t["value"], t["raw_name"]))


def test_a_density_before_a_list_and_a_measure_after_it_reach_every_member():
    got = names("一、工作目标\n到2027年，每万人口有效发明专利、核心专利拥有量分别达到31件、7件。")
    assert got[31] == "每万人口有效发明专利拥有量"
    assert got[7] == "每万人口核心专利拥有量"


def test_a_member_that_is_only_a_measure_takes_the_kind_of_the_first():
    got = names("一、工作目标\n到2027年，外观设计专利申请量和授权量分别达到700件、450件。")
    assert got[450] == "外观设计专利授权量"


def test_a_member_that_is_only_a_tier_takes_the_kind_of_the_last():
    got = names("一、工作目标\n到2027年，国家级、省级知识产权强企分别达到3家、11家。")
    assert got[3] == "国家级知识产权强企"


def test_the_second_value_of_a_staged_pair_carries_the_name_and_its_own_density():
    got = names("一、工作目标\n核心专利拥有量2026年达到每万人1.2件，2027年达到每万人1.9件。")
    assert got[1.2] == got[1.9] == "核心专利拥有量每万人"


def test_a_staged_level_after_a_growth_rate_is_no_growth_rate():
    got = names("一、工作目标\n商标质押登记笔数年均增长9%以上，2027年当年达到260笔。")
    assert got[260] == "商标质押登记笔数"


def test_years_written_after_a_name_are_cut_from_it():
    got = names("一、工作目标\n有效注册商标拥有量2026年、2027年分别达到1.5万件、1.8万件。")
    assert set(got.values()) == {"有效注册商标拥有量"}


def test_crossing_a_threshold_is_at_least_and_no_part_of_the_name():
    t = extract_text("一、工作目标\n到2027年，版权登记总量迈过4万件大关，合作银行扩展至9家。", period=(2025, 2027)).targets
    got = {v: (n, c) for v, n, c in zip(t["value"], t["raw_name"], t["comparator"])}
    assert got[4] == ("版权登记总量", ">=")
    assert got[9] == ("合作银行", "=")


def test_list_marks_are_no_part_of_a_name():
    text = ("一、工作目标\n到2027年：\n1.植物新品种权申请量达到40件；\n——版权登记总量达到3万件；\n"
            "三、集成电路布图设计登记量达到12件。")
    got = names(text)
    assert got[40] == "植物新品种权申请量"
    assert got[3] == "版权登记总量"
    assert got[12] == "集成电路布图设计登记量"
    assert names("一、工作目标\n到2027年，每万人口发明专利拥有量达到2.5件。")[2.5] == "每万人口发明专利拥有量"


def test_a_progress_report_names_each_value_by_the_numbered_item_before_it():
    text = ("一、指标进展\n"
            "    4．有效注册商标拥有量。规划目标2027年达到5000件，去年底为4100件。\n"
            "    5．省级、市级知识产权强企。规划目标分别达到6家、25家，目前分别为4家、17家。\n"
            "    6．知识产权质押融资金额。目标为年均增长12%，去年增长8%。\n")
    got = names(text)
    assert got[5000] == "有效注册商标拥有量"
    assert got[6] == "省级知识产权强企" and got[25] == "市级知识产权强企"
    assert got[12] == "知识产权质押融资金额年均增长"


def test_a_task_heading_does_not_name_the_values_after_it():
    got = names("二、重点任务\n    3．加强银行合作。与9家银行签署合作协议。\n")
    assert "加强银行合作" not in got.values()


def test_a_cited_plan_and_a_deadline_are_cut_where_the_name_starts():
    got = names("一、工作目标\n《实施意见》还明确集成电路布图设计登记量累计达到40件。力争2026年底前每万人口发明专利拥有量达到15件。")
    assert got[40] == "集成电路布图设计登记量累计"
    assert got[15] == "每万人口发明专利拥有量"
