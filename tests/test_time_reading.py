"""Each number read against the text's own time (issue 21), in wording written for these tests.

None of these sentences comes from a fixture or a seed plan."""

from __future__ import annotations

from etl.warehouse.plan import extract_text


def _targets(text, period=None):
    return extract_text(text, period=period)


def test_a_level_a_news_item_reports_for_an_earlier_year_is_an_achievement_with_its_year():
    news = ("石岭县专利工作交出亮眼答卷\n\n2026-03-12 08:40  来源：石岭日报\n\n"
            "记者获悉，2025年全县发明专利授权量达到420件。根据新出台的方案，到2028年全县有效发明专利达到3000件。\n")
    ex = _targets(news, period=(2026, 2028))
    assert list(ex.targets["value"]) == [3000]
    achievement = ex.skipped[ex.skipped["text"].str.contains("420")
                             & ex.skipped["reason"].str.startswith("achievement")]
    assert len(achievement) == 1 and achievement["year"].iloc[0] == 2025


def test_an_achievement_without_a_past_marker_is_told_by_its_year_alone():
    report = ("临江市知识产权工作中期评估报告\n\n临江市知识产权局\n2026年8月3日\n\n"
              "一、目标完成情况\n技术合同成交额2025年达到96亿元。到2027年，技术合同成交额达到150亿元。\n")
    ex = _targets(report, period=(2025, 2027))
    assert list(ex.targets["value"]) == [150]
    row = ex.skipped[ex.skipped["reason"].str.startswith("achievement: 2025")]
    assert len(row) == 1 and row["year"].iloc[0] == 2025


def test_the_same_sentence_in_a_plan_without_a_date_is_left_to_the_clause_grammar():
    plan = ("石岭县知识产权强县建设方案（2026—2028年）\n\n二、工作目标\n到2026年，全县发明专利授权量达到420件。\n")
    ex = _targets(plan)
    assert list(ex.targets["value"]) == [420]


def test_a_link_to_another_article_is_page_furniture():
    news = ("北坪区召开知识产权工作会\n\n发布时间：2025年9月1日\n\n会议提出，到2027年北坪区有效注册商标达到2万件。\n\n"
            "下一篇：北坪区明年将新增规上企业30家\n")
    ex = _targets(news, period=(2025, 2027))
    assert list(ex.targets["value"]) == [2]
    assert ex.skipped["reason"].str.startswith("page navigation").sum() == 1


def test_a_work_point_list_dates_every_item_by_its_title_year():
    points = ("云屏县2027年知识产权工作要点\n\n一、创造\n1．新培育县级知识产权示范企业6家。\n"
              "2．全年组织知识产权培训不少于5场。\n\n云屏县知识产权局\n2027年2月3日\n")
    ex = _targets(points, period=(2026, 2028))
    rows = ex.targets.set_index("value")
    assert rows.loc[6, "target_year"] == 2027 and rows.loc[6, "target_year_from"] == "heading"
    assert rows.loc[5, "target_year"] == 2027


def test_a_staged_section_heading_dates_the_targets_under_it():
    plan = ("蓝桥市知识产权强市建设方案（2026—2028年）\n\n三、分年度目标\n（二）第二年（2027年）\n"
            "全市知识产权贯标企业达到40家。\n")
    ex = _targets(plan)
    row = ex.targets.iloc[0]
    assert (row["value"], row["target_year"], row["target_year_from"]) == (40, 2027, "heading")


def test_a_heading_that_is_itself_a_target_dates_nothing():
    plan = ("蓝桥市知识产权发展规划（2026—2030年）\n\n二、主要指标\n（一）有效发明专利达到900件（2025年为500件）\n")
    ex = _targets(plan)
    assert ex.targets.iloc[0]["target_year"] == 2030


def test_every_target_says_where_its_due_year_came_from():
    plan = ("杉湖县知识产权工作方案（2026—2028年）\n\n二、目标\n到2027年，每万人口发明专利拥有量达到8件。"
            "有效注册商标达到1.5万件。\n")
    ex = _targets(plan)
    got = dict(zip(ex.targets["value"], ex.targets["target_year_from"]))
    assert got[8] == "clause"
    assert got[1.5] in ("paragraph", "clause")


def test_odd_texts_are_named():
    text = "关于推进知识产权工作的通知\n\n全县发明专利授权量达到2O0件。\n"
    ex = _targets(text)
    checks = {o.check for o in ex.odd_text}
    assert {"confusable_digits", "no_period", "no_anchor"} <= checks


def test_a_headline_restating_the_body_points_at_the_body():
    news = ("梅岭区：三年后有效发明专利将达1200件\n\n发布时间：2026年5月6日\n\n"
            "梅岭区日前印发方案，到2028年，全区有效发明专利由650件增至1200件。\n")
    ex = _targets(news, period=(2026, 2028))
    kept = ex.targets[ex.targets["restates"].isna()]
    assert len(kept) == 1 and kept["baseline"].iloc[0] == 650
    assert ex.targets["restates"].notna().sum() == 1


def test_a_cumulative_amount_restated_as_added_over_the_period_is_new():
    plan = ("溪口县知识产权工作方案（2026—2028年）\n\n二、工作目标\n到2028年，知识产权质押融资累计超8亿元。\n\n"
            "三、重点任务\n（一）深化金融服务。推广知识产权质押产品，试点期内新增知识产权质押融资超8亿元。\n")
    ex = _targets(plan)
    kept = ex.targets[ex.targets["restates"].isna()]
    assert len(kept) == 1 and kept["scope"].iloc[0] == "new"


def test_a_flow_due_in_one_years_part_is_that_years_flow():
    points = ("河湾区2026年知识产权工作要点\n\n一、运用\n1．知识产权质押融资登记金额达到2亿元。\n"
              "2．有效发明专利拥有量达到700件。\n\n河湾区知识产权局\n2026年1月15日\n")
    ex = _targets(points, period=(2026, 2026))
    scopes = dict(zip(ex.targets["value"], ex.targets["scope"]))
    assert scopes[2] == "annual" and scopes[700] == "stock"


def test_the_plans_second_year_is_read_as_its_year():
    plan = ("沙河县知识产权强县建设方案（2026—2028年）\n\n二、目标\n贯标企业第一年（2026年）达到10家，第二年达到25家。\n")
    ex = _targets(plan)
    years = dict(zip(ex.targets["value"], ex.targets["target_year"]))
    assert years == {10: 2026, 25: 2027}


def test_a_reports_part_headed_by_the_next_year_holds_commitments():
    report = ("柳塘县2026年知识产权工作总结\n\n一、2026年工作成效\n全年专利授权量达到640件。\n\n"
              "二、2027年工作打算\n（一）强化运用。全年知识产权质押融资金额不低于2亿元。\n\n"
              "柳塘县市场监督管理局\n2026年12月18日\n")
    ex = _targets(report, period=(2025, 2027))
    assert list(ex.targets["value"]) == [2]
    assert ex.targets["target_year"].iloc[0] == 2027
