"""Labels of derived indicators (issue 20, "an unseen combination is still comparable").

A combination no dictionary entry names is shown under a label composed from its facets, on every page
and in every download.  It must read as a careful translator writes an indicator's name: in Chinese the
genre's compound (省级知识产权优势企业数量, 植物新品种权申请量), in English a noun phrase in sentence case
(Number of provincial IP advantage firms, Plant variety applications), with no doubled words, no Chinese
in the English and no lower-case first letter.  The derived id (a key) never changes with the label.
"""

from __future__ import annotations

import itertools
import re

import pytest

from etl.harmonize.dictionary import harmonizer
from etl.harmonize.facets import Facets
from etl.vocab import facets as vocab

F = Facets

# (facets, expected zh, expected en)
CASES = [
    # tiers: before the kind in both languages, or after it in English (at all levels)
    (F("ip_advantage_firm", "count", tier="provincial"), "省级知识产权优势企业数量", "Number of provincial IP advantage firms"),
    (F("patent_award", "count", tier="all_levels"), "各级专利奖数量", "Number of patent awards at all levels"),
    (F("protection_centre", "count", tier="provincial_up"), "省级以上知识产权保护中心数量",
     "Number of IP protection centres at provincial level or above"),
    (F("ip_demo_firm", "count", tier="national+provincial"), "国家级和省级知识产权示范企业数量",
     "Number of national and provincial IP demonstration firms"),
    (F("patent_award", "applications", tier="national"), "国家级专利奖申请量", "National patent award applications"),
    # rights are held; flows are head nouns after the kind
    (F("invention_patent", "count"), "发明专利拥有量", "Invention patents held"),
    (F("plant_variety", "applications"), "植物新品种权申请量", "Plant variety applications"),
    (F("software_copyright", "registrations"), "软件著作权登记量", "Software copyright registrations"),
    (F("trademark", "registrations"), "商标注册量", "Trademark registrations"),
    (F("madrid_trademark", "applications"), "马德里商标申请量", "Madrid trademark applications"),
    (F("ip_agency", "count"), "知识产权代理机构数量", "Number of IP agencies"),
    (F("ip_training", "count"), "知识产权培训数量", "IP training count"),
    (F("ip_training", "attendance"), "知识产权培训人次", "Attendance at IP training (person-times)"),
    (F("ip_pledge_financing", "amount"), "知识产权质押融资金额", "Amount of IP-pledge financing"),
    (F("patent_license_transfer", "times"), "专利转让许可次数", "Number of patent transfers and licences"),
    (F("court_case", "acceptance_rate"), "知识产权审判案件服判息诉率", "IP court case judgment acceptance rate"),
    # qualifiers: before the kind, or whose rights (held by, among), an age, a purpose; never twice
    (F("invention_patent", "grants", qualifiers=("high_value",)), "高价值发明专利授权量", "High-value invention patent grants"),
    (F("patent", "applications", qualifiers=("pct",)), "PCT专利申请量", "PCT patent applications"),
    (F("trademark", "count", qualifiers=("overseas",)), "海外商标拥有量", "Overseas trademarks held"),
    (F("invention_patent", "count", qualifiers=("high_tech_firms",)), "高新技术企业发明专利拥有量",
     "Invention patents held by high-tech firms"),
    (F("invention_patent", "coverage_rate", qualifiers=("emerging_firms", "high_tech_firms")),
     "战略性新兴产业企业和高新技术企业发明专利覆盖率",
     "Invention patent coverage rate among strategic emerging-industry firms and high-tech firms"),
    (F("invention_patent", "count", qualifiers=("maintained_15y",)), "维持15年以上的发明专利拥有量",
     "Number of invention patents maintained for over 15 years"),
    (F("ip_funding", "amount", qualifiers=("for_gi",)), "地理标志专项资金金额",
     "Amount of public IP funds for geographical indications"),
    (F("ip_training", "sessions", qualifiers=("for_ip_commissioner",)), "知识产权专员培训场次",
     "Number of sessions of IP training for IP commissioners"),
    (F("piracy_case", "closure_rate", qualifiers=("online",)), "网络侵权盗版案件结案率", "Online piracy case closure rate"),
    # normalisers: per head after the phrase; a denominator makes "as a share of"
    (F("invention_patent", "count", "per_10k_residents", ("high_value",)), "每万人口高价值发明专利拥有量",
     "High-value invention patents held per 10,000 residents"),
    (F("trademark", "count", "per_10k_entities"), "每万户市场主体商标拥有量",
     "Trademarks held per 10,000 market entities"),
    (F("ip_intensive_industry", "share", "per_gdp"), "知识产权密集型产业占地区生产总值比重",
     "IP-intensive industries as a share of GDP"),
    # growth: the growth rate of the measure
    (F("patent", "applications", qualifiers=("pct",), growth=True), "PCT专利申请量增长率",
     "Growth rate of PCT patent applications"),
    (F("ip_pledge_financing", "amount", growth=True), "知识产权质押融资金额增长率",
     "Growth rate of the amount of IP-pledge financing"),
    (F("ip_agency", "count", growth=True), "知识产权代理机构数量增长率", "Growth rate of the number of IP agencies"),
    (F("trademark", "count", growth=True), "商标拥有量增长率", "Growth rate of trademarks held"),
    # sums of kinds
    (F("certification_mark+collective_mark", "applications"), "证明商标和集体商标申请量",
     "Applications for certification marks and collective marks"),
    (F("patent+trademark", "count"), "专利和商标拥有量", "Patents and trademarks held"),
    (F("ip_advantage_firm+ip_demo_firm", "count", tier="national"), "国家级知识产权优势企业和示范企业数量",
     "Number of national IP advantage firms and IP demonstration firms"),
    (F("ip_license_transfer+ip_pledge_financing", "amount"), "知识产权转让许可和质押融资金额",
     "Amount of IP transfers and licences, and IP-pledge financing"),
    # shares: of the kind, of the flow the name says
    (F("invention_patent", "share", qualifiers=("high_value",)), "高价值发明专利占比", "Share of high-value invention patents"),
    (F("invention_patent", "share", qualifiers=("of_grants",)), "发明专利授权量占比", "Share of invention patent grants"),
    (F("invention_patent", "share", "of_total", ("of_applications",)), "发明专利申请量占全部比重",
     "Invention patent applications as a share of the total"),
]


@pytest.mark.parametrize(("facets", "zh", "en"), CASES, ids=[c[0].key for c in CASES])
def test_a_combination_is_labelled_as_a_translator_writes_it(facets, zh, en):
    assert (facets.label_zh(), facets.label_en()) == (zh, en)


def test_the_derived_id_is_the_key_whatever_the_label():
    dictionary = harmonizer()
    for facets in (F("plant_variety", "applications"), F("patent_award", "count", tier="all_levels"),
                   F("invention_patent", "coverage_rate", qualifiers=("emerging_firms", "high_tech_firms"))):
        indicator = dictionary.derived(facets)
        assert indicator.id == "d__" + facets.key
        assert (indicator.zh, indicator.en) == (facets.label_zh(), facets.label_en())
    assert dictionary.derived(F("patent_award", "count", tier="all_levels")).id == "d__patent_award__count__t_all_levels"


# --- every combination the vocabulary can compose --------------------------------------------------

SUBJECTS = [code for code, *_ in vocab.SUBJECTS]
MEASURES = [code for code, *_ in vocab.MEASURES]
QUALIFIERS = [code for code, *_ in vocab.QUALIFIERS] + ["maintained_10y", "for_gi", "for_ip_commissioner"]
TIERS = [code for code, *_ in vocab.TIERS] + ["national+provincial"]
NORMALISERS = [code for code, *_ in vocab.NORMALISERS]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _combinations():
    """Every kind with every measure, plain and as a growth rate, and every kind with each qualifier, tier
    and normaliser (with its first few measures), and sums of two kinds."""
    for subject, measure in itertools.product(SUBJECTS, MEASURES):
        yield F(subject, measure)
        yield F(subject, measure, growth=True)
    for i, subject in enumerate(SUBJECTS):
        measure = MEASURES[i % len(MEASURES)]
        for qualifier in QUALIFIERS:
            yield F(subject, measure, qualifiers=(qualifier,))
        yield F(subject, measure, qualifiers=tuple(QUALIFIERS[i % 5: i % 5 + 3]))
        for tier in TIERS:
            yield F(subject, "count", tier=tier)
        for normaliser in NORMALISERS:
            yield F(subject, measure, normaliser)
            yield F(subject, "share", normaliser, ("of_grants",))
        other = SUBJECTS[(i * 7 + 3) % len(SUBJECTS)]
        if other != subject:
            yield F("+".join(sorted((subject, other))), measure)


def _doubled(text: str) -> str | None:
    words = re.findall(r"[\w'-]+", text.lower())
    return next((a for a, b in itertools.pairwise(words) if a == b), None)


def test_no_english_label_holds_chinese_a_doubled_word_or_a_lower_case_start():
    bad = []
    for facets in _combinations():
        en = facets.label_en()
        if CJK.search(en) or _doubled(en) or not en[0].isupper() or "  " in en or en != en.strip():
            bad.append((facets.key, en))
    assert not bad, bad[:20]


def test_no_chinese_label_holds_a_separator_dot_or_a_doubled_word():
    bad = []
    for facets in _combinations():
        zh = facets.label_zh()
        words = [SUBJECT_ZH.get(s, s) for s in facets.subjects]
        if "·" in zh or not CJK.search(zh[0] + zh[-1]) and not zh.startswith("PCT") or any(
                zh.count(w) > 1 and "+" not in facets.subject for w in words):
            bad.append((facets.key, zh))
    assert not bad, bad[:20]


SUBJECT_ZH = {code: zh for code, zh, *_ in vocab.SUBJECTS}


def test_the_tables_give_every_measure_a_form():
    """A measure the tables do not know falls back to "<label> of <kind>": that fallback must only
    serve rates, whose labels are written to stand so (closure rate, coverage rate)."""
    listed = set(vocab.MEASURE_LABELS_EN) | {"count", "times", "sessions", "amount", "share"}
    natures = {code: nature for code, _zh, _en, nature, *_ in vocab.MEASURES}
    assert {m for m in MEASURES if m not in listed and natures[m] != "rate"} == set()
