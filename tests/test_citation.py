"""dashboard.citation, dashboard.numbers, dashboard.glossary: citing, numbers, English terms."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard import citation
from dashboard.glossary import covers, en
from dashboard.numbers import format_number
from etl.read.sources import load_manifest

DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def docs():
    return {s.doc_id: dataclasses.asdict(s) for s in load_manifest()}


def test_inline_citation_reads_issuer_title_date_status_in_both_languages(docs):
    doc = docs["yixing-2024"]
    assert citation.inline_citation(doc, "zh") == (
        "宜兴市人民政府办公室《宜兴市国家知识产权强县建设示范县工作方案（2024—2026年）》（2024-06-12，正式印发）")
    english = citation.inline_citation(doc, "en")
    assert english.startswith("Yixing People's Government Office, 《宜兴市") and english.endswith("(2024-06-12, issued)")


def test_a_plan_naming_no_issuer_says_so_and_no_url_or_number_is_invented(docs, monkeypatch):
    monkeypatch.setenv("IPBENCH_PUBLIC_URL", "https://example.org/ipbench")
    full = citation.document_citation(docs["yancheng-2022"], "zh", DAY)
    assert full.startswith("盐城市（发文机关未载明）《盐城市国家知识产权强市建设试点城市工作方案")
    assert "〔" not in full and "2026-12-01检索自 https://example.org/ipbench/sources?doc=yancheng-2022" in full
    assert "Yancheng (issuer not stated)" in citation.document_citation(docs["yancheng-2022"], "en", DAY)


def test_chart_and_image_forms_name_every_plan(docs):
    chosen = [docs["tianchang-2024"], docs["shizhong-2024"]]
    chart = citation.chart_citation(chosen, "en", DAY)
    assert chart.startswith("Source: Tianchang Market Supervision Administration") and "retrieved 2026-12-01" in chart
    short = citation.short_citation(chosen, "zh")
    assert short.startswith("来源：天长市市场监督管理局2024，征求意见稿；枣庄市市中区人民政府2024") and len(short) < 80


@pytest.mark.parametrize("value, unit, zh, english", [
    (23300, "万元", "2.33亿元", "¥233M"),  # one formatter: k/M/bn on the yuan base (issue 23)
    (35000, "件", "3.5万件", "35k items"),
    (2330, "件", "2330件", "2,330 items"),
    (48, "%", "48%", "48%"),
    (2.9166, "件", "2.92件", "2.92 items"),
    (None, "件", "", ""),
])
def test_numbers_in_each_languages_own_form_never_scientific(value, unit, zh, english):
    assert format_number(value, unit, "zh") == zh
    assert format_number(value, unit, "en") == english
    assert "e+" not in format_number(123456789012.0, "件", "en")


@pytest.mark.parametrize("term, english", [
    ("区法院", "District Court"), ("市市场监管局（知识产权局）", "City Market Supervision Administration (Intellectual Property Office)"),
    ("孟庄镇", "Mengzhuang Town"), ("垎塔埠街道", "Getabu Subdistrict"), ("人次", "person-times"),
    ("强县试点县", "IP-strong county, pilot county"), ("检查评估阶段", "inspection and evaluation"),
    ("draft", "draft for comments"), ("天长市", "Tianchang"), ("枣庄市市中区人民政府", "Zaozhuang Shizhong District People's Government"),
])
def test_glossary_translates_and_composes_names(term, english):
    assert en(term) == english and covers(term)


def test_an_unknown_term_stays_as_written_rather_than_guessed():
    assert en("专利导航") == "专利导航" and not covers("专利导航")


def test_a_long_groups_source_line_names_the_first_plans_and_counts_the_rest():
    from dashboard.citation import short_citation

    docs = [{"issuer": f"第{i}县人民政府", "date": "2024-01-01", "status": "issued"} for i in range(10)]
    zh, en = short_citation(docs, "zh", most=3), short_citation(docs, "en", most=3)
    assert "第0县人民政府2024" in zh and "第3县" not in zh and "等10份方案" in zh
    assert "and 7 more plans" in en


def test_a_charts_source_line_cites_the_plans_it_draws(warehouse):
    from dashboard import queries
    from dashboard.ui.context import current_view

    view = current_view("zh", False)
    docs = queries.documents_meta()
    one = docs.iloc[0]
    line = view.source_for([one["region_id"]])
    assert line.startswith("来源：") and str(one["date"])[:4] in line
    others = [str(r) for r in docs["region_id"] if r != one["region_id"]]
    assert all(view.region_labels[r] not in line for r in others)
    assert view.source_for([]) == view.source  # nothing of ours drawn (an upload only): the generic line
