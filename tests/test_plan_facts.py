"""etl.extract.plan_facts.responsibilities: a department is the lead only where the plan says so."""

from __future__ import annotations

import pytest

from etl.extract.plan_facts import responsibilities
from etl.read.readers import read_document
from etl.read.sources import load_manifest
from etl.warehouse.plan import extract_document


@pytest.fixture(scope="module")
def plans():
    out = {}
    for source in load_manifest():
        clean = extract_document(read_document(source.path), doc_id=source.doc_id, region_id=source.region_id,
                                 region_zh=source.region_zh).clean_text
        out[source.doc_id] = (clean, responsibilities(clean, source.doc_id, source.region_id))
    return out


@pytest.mark.parametrize("doc_id", ["tianchang-2024", "yancheng-2022", "shizhong-2024"])
def test_plans_that_never_say_who_leads_have_no_lead(plans, doc_id):
    _clean, frame = plans[doc_id]
    assert not frame.empty  # they do name responsible departments …
    assert not frame["lead"].any()  # … in lists whose first name is no lead (市中区's 区法院, 天长's 领导小组各成员单位)


def test_yixing_leads_are_the_departments_its_brackets_mark_with_牵头(plans):
    clean, frame = plans["yixing-2024"]
    leads = frame[frame["lead"]]
    assert len(leads) >= 20
    assert not leads["department"].str.contains("成员单位|领导小组$|各镇").any()
    # 〔责任单位：市市场监管局（知识产权局）、市公安局牵头，…其他成员单位，各镇…〕: both lead, the rest not
    enforcement = frame[frame["section"].str.contains("严格知识产权行政执法")]
    assert set(enforcement[enforcement["lead"]]["department"]) == {"市市场监管局（知识产权局）", "市公安局"}
    assert (~enforcement[~enforcement["lead"]]["department"].isin(["市市场监管局（知识产权局）", "市公安局"])).all()


@pytest.mark.parametrize("bracket, leads, others", [
    ("（责任单位：区法院、区检察院、区市场监管局）", set(), {"区法院", "区检察院", "区市场监管局"}),
    ("（责任单位：区市场监管局牵头，区法院、区公安分局按职责分工负责）", {"区市场监管局"}, {"区法院", "区公安分局"}),
    ("（牵头单位：区科技局，配合单位：区财政局）", {"区科技局"}, {"区财政局"}),
    ("（区市场监管局（主责）、区司法局负责）", {"区市场监管局"}, {"区司法局"}),
])
def test_lead_comes_from_the_words_not_the_order(bracket, leads, others):
    frame = responsibilities(f"三、重点任务\n（一）加强保护\n加强知识产权行政保护。{bracket}\n", "x", "x")
    assert set(frame[frame["lead"]]["department"]) == leads
    assert set(frame[~frame["lead"]]["department"]) == others
