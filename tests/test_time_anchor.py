"""A text's own time (issue 21): each kind of anchor, in wording written for these tests.

None of these lines comes from a fixture or a seed plan; each test names the form it protects."""

from __future__ import annotations

import pytest

from etl.read.anchor import find_anchor


def test_a_work_point_list_is_anchored_on_its_title_year():
    text = "青禾县2027年知识产权重点工作安排\n\n一、提升创造质量\n1．全年发明专利授权量达到300件。\n\n青禾县知识产权局\n2027年1月9日\n"
    a = find_anchor(text)
    assert (a.year, a.source, a.genre) == (2027, "heading", "workpoints")
    assert a.text == "青禾县2027年知识产权重点工作安排"


@pytest.mark.parametrize("dateline, year, month", [
    ("2022-08-03 09:15  来源：北岭新闻网", 2022, 8),
    ("发布日期：2023年5月30日  浏览次数：211", 2023, 5),
    ("（本报记者 方舟 2021年12月2日讯）", 2021, 12),
])
def test_a_news_item_is_anchored_on_its_dateline(dateline, year, month):
    text = f"北岭区专利质押融资再创新高\n\n{dateline}\n\n记者从区市场监管局获悉，2020年全区专利质押融资达到3亿元。\n"
    a = find_anchor(text)
    assert (a.year, a.month, a.source, a.genre) == (year, month, "dateline", "news")


def test_a_byline_at_the_end_dates_a_news_item():
    text = "南溪镇知识产权服务站揭牌\n\n　　近日，南溪镇知识产权服务站正式揭牌，计划年内服务企业80家。\n\n（通讯员 韩雪 2024年10月11日）\n"
    a = find_anchor(text)
    assert (a.year, a.month, a.source) == (2024, 10, "dateline")


def test_a_notice_is_anchored_on_the_date_it_was_issued():
    text = ("东川县知识产权强县建设试点实施方案\n\n一、总体目标\n到2028年，每万人口发明专利拥有量达到6件。\n\n"
            "东川县人民政府办公室\n二〇二六年三月九日印发\n")
    a = find_anchor(text)
    assert (a.year, a.month, a.source, a.genre) == (2026, 3, "issued", "plan")


def test_a_report_delivered_at_a_meeting_is_anchored_on_that_date():
    text = "奋力开创知识产权工作新局面\n（2026年1月20日在全市知识产权大会上的讲话）\n\n同志们：过去一年，全市专利授权量增长了12%。\n"
    a = find_anchor(text)
    assert (a.year, a.month, a.source, a.genre) == (2026, 1, "issued", "progress")


def test_a_plan_without_a_date_is_anchored_on_the_period_in_its_title():
    text = "西屏市知识产权运营三年行动方案（2026—2028年）\n\n一、行动目标\n到2028年，专利许可转让次数达到500次。\n"
    a = find_anchor(text)
    assert (a.year, a.month, a.source, a.genre) == (2026, None, "title_period", "plan")


def test_a_five_year_plan_title_gives_its_first_year():
    text = "云沙县“十五五”知识产权事业发展规划\n\n第一章 发展基础\n"
    a = find_anchor(text)
    assert (a.year, a.source) == (2026, "title_period")


def test_a_period_inside_a_body_sentence_is_no_title():
    text = "全县将用三年时间（2026—2028年），推动有效发明专利翻一番，做强特色产业。\n"
    assert find_anchor(text).source == "none"


def test_a_text_with_no_time_says_so():
    a = find_anchor("关于加强知识产权保护的若干措施\n\n一、加大执法力度\n")
    assert (a.found, a.source, a.year) == (False, "none", None)


def test_a_date_inside_a_cited_title_is_not_the_texts_date():
    text = "根据《关于2025年3月1日起施行的保护办法的通知》，制定本细则。\n\n二、工作目标\n"
    assert find_anchor(text).year is None
