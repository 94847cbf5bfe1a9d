"""Fresh12's gaps, in fresh wording: ranges written in full, the plan's own rhythm, tier lists, a target a
review restates, and counts of the plan's own structure (issue 21)."""

from etl.warehouse.plan import extract_text

GOALS = "一、发展目标\n"
TASKS = "二、重点任务\n"


def read(text, period=(2025, 2027)):
    return extract_text(text, period=period)


def rows(text, period=(2025, 2027)):
    t = read(text, period).targets
    return [(r.value, r.value_max, r.unit, r.comparator) for r in t.itertuples()]


def reasons(text, period=(2025, 2027)):
    return list(read(text, period).skipped["reason"])


# --- 1. a range with its unit on both ends ----------------------------------------------------------
def test_a_money_range_written_in_full_is_one_range_with_its_multiplier():
    assert rows(GOALS + "到2027年，版权质押融资金额累计达到6亿元至8亿元。") == [(6, 8, "亿元", "range")]


def test_a_count_range_written_in_full_is_one_range():
    assert rows(GOALS + "新培育专利导航服务机构4家到6家。") == [(4, 6, "家", "range")]


def test_a_multiplier_on_both_ends_applies_to_both():
    assert rows(GOALS + "商标注册申请量达到2万-4万件。") == [(2, 4, "万件", "range")]


def test_from_one_count_to_another_stays_a_baseline_and_its_target():
    ex = read(GOALS + "版权示范单位由6家至9家。")
    assert [(r.value, r.baseline) for r in ex.targets.itertuples()] == [(9, 6)]


def test_a_range_whose_ends_differ_in_unit_stores_neither_end():
    ex = read(GOALS + "版权质押金额力争达到6亿元至9000万元。")
    assert ex.targets.empty
    assert sum("different units" in r for r in ex.skipped["reason"]) == 2


# --- 2. the plan's own rhythm -----------------------------------------------------------------------
def test_the_interval_of_recurring_work_is_no_target():
    text = TASKS + "县市场监管局每三个月开展一次地理标志专用标志使用抽查。"
    assert rows(text) == []
    assert any("interval" in r for r in reasons(text))


# --- 3. tier lists in one clause ----------------------------------------------------------------------
def names(text, period=(2025, 2027)):
    t = read(text, period).targets
    return dict(zip(t["value"], t["raw_name"]))


def test_a_number_first_tier_list_names_each_tier_with_the_thing_after_it():
    got = names(GOALS + "争创国家级3个、省级7个知识产权服务品牌机构。")
    assert got == {3: "国家级知识产权服务品牌机构", 7: "省级知识产权服务品牌机构"}


def test_a_name_first_tier_list_names_each_tier_with_the_thing_before_it():
    got = names(GOALS + "专利导航服务基地国家级1个、省级4个。")
    assert got == {1: "国家级专利导航服务基地", 4: "省级专利导航服务基地"}


def test_a_verb_before_a_tier_list_with_respectively_is_no_part_of_the_first_name():
    got = names(GOALS + "培育国家级、省级版权示范单位分别达到2家、9家。")
    assert got == {2: "国家级版权示范单位", 9: "省级版权示范单位"}


def test_a_part_headed_by_a_verb_and_a_foundation_is_a_task_list():
    text = "三、夯实版权工作基础\n1. 新培育市级版权示范单位5家、省级版权示范单位2家。\n"
    got = names(text, period=(2026, 2026))
    assert got == {5: "新培育市级版权示范单位", 2: "省级版权示范单位"}


# --- 4. a review restating its plan's target -------------------------------------------------------------
def test_a_review_restating_a_dated_target_keeps_it_and_skips_the_progress():
    text = ("某区版权强区三年行动计划中期评估报告\n某区版权工作领导小组办公室\n2026年9月3日\n一、主要指标完成情况\n"
            "2．作品著作权登记量。目标为2027年达到4800件，截至2026年6月底为3650件，完成目标的76%。\n")
    ex = read(text, period=(2025, 2027))
    assert [(r.value, r.target_year) for r in ex.targets.itertuples()] == [(4800, 2027)]
    assert any("progress" in r for r in ex.skipped["reason"])


def test_a_target_named_for_a_year_already_past_stays_an_achievement_report():
    text = ("某区版权工作总结\n2026年1月10日\n一、主要指标完成情况\n"
            "作品著作权登记量的目标为2025年达到4000件，实际为4100件，完成目标的103%。\n")
    assert read(text, period=(2023, 2025)).targets.empty


# --- 5. counts of the plan's own structure ------------------------------------------------------------
def test_a_plans_own_indicator_groups_are_no_targets():
    text = GOALS + "《某区版权发展规划》共设置5类14项发展指标。"
    assert rows(text) == []
    assert reasons(text).count("count of the plan's own tasks") == 2


def test_the_fields_a_plan_focuses_on_are_no_target():
    assert rows(TASKS + "聚焦智能装备、新能源汽车、生物制药三条产业链，支持企业布局专利组合。") == []


def test_the_regions_above_scale_firms_and_its_own_districts_are_no_targets():
    assert rows(TASKS + "对全区430家规上企业开展知识产权合规体检。") == []
    assert rows(TASKS + "在全市6个县（市、区）设立知识产权维权工作室。") == []


def test_a_condition_on_what_is_built_and_a_share_of_losses_are_no_targets():
    assert rows(TASKS + "推动组建由12家以上科技型企业组成的产业知识产权联盟。") == []
    assert rows(TASKS + "风险补偿资金池承担贷款本金损失的35%。") == []


def test_an_area_in_square_metres_is_one_target_not_a_named_goal_beside_it():
    ex = read(GOALS + "到2027年，建成面积0.8万平方米的版权交易服务中心。")
    assert [(r.value, r.unit, r.qualitative) for r in ex.targets.itertuples()] == [(0.8, "万平方米", False)]


def test_quoted_brands_a_task_works_around_and_places_where_it_builds_are_no_targets():
    assert rows(TASKS + "将围绕“甲山红茶”“乙河脐橙”两个区域公用品牌开展商标培育。") == []
    got = rows(TASKS + "在市高新区和三个省级农业园区建设商标品牌指导站4个。")
    assert [(v, u) for v, _, u, _ in got] == [(4, "个")]


def test_an_area_in_square_metres_is_the_area_of_what_is_built():
    from etl.harmonize.facets import parse_name

    complex_area = parse_name("知识产权服务综合体", "平方米").facets
    assert (complex_area.subject, complex_area.measure) == ("ip_service_complex", "floor_area")
    assert parse_name("知识产权服务综合体", "个").facets.measure != "floor_area"
