"""Numbers that are no target, in wordings fresh13 showed the extractor missing (tuned on; fresh wording):
a present state (仅占), the plan's own structure in 个方面, its monitoring reports' rhythm, and the places
where something is set up written 县（市、区）."""

from etl.warehouse.plan import extract_text


def values(text, period=(2025, 2027)):
    return [(r.value, r.unit) for r in extract_text(text, period=period).targets.itertuples()]


def test_what_a_share_only_is_today_is_no_target():
    text = "一、发展目标\n到2027年，发明专利授权量达到300件。但全区规上企业中开展研发的仅占42%，短板明显。\n"
    assert values(text) == [(300, "件")]


def test_the_plans_own_structure_counted_in_aspects_is_no_target():
    text = "一、发展目标\n《实施方案》共设定4个方面12项考核指标。到2027年，有效注册商标达到1.2万件。\n"
    assert values(text) == [(1.2, "万件")]


def test_how_often_the_plan_reports_its_monitoring_is_no_target():
    text = "三、保障措施\n区知识产权局每季度发布1次进展监测报告。\n二、重点任务\n每年举办知识产权培训班6期。\n"
    assert values(text) == [(6, "期")]


def test_places_written_county_city_district_are_where_not_what():
    text = "二、重点任务\n在9个县（市、区）均设立知识产权纠纷调解工作室，新建维权援助分中心3个。\n"
    assert values(text) == [(3, "个")]
