"""The indicator dictionary and the harmoniser that maps plan wording onto it."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from etl.base import schema
from etl.harmonize.dictionary import DEFAULT_PATH, DictionaryError, Harmonizer, harmonize_report_cli, normalize_name
from etl.harmonize.facets import parse_name


@pytest.fixture(scope="module")
def h() -> Harmonizer:
    return Harmonizer.load()


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


# ── the dictionary itself ────────────────────────────────────────────────────────────────────
def test_every_indicator_has_one_valid_category_unit_and_existing_family(doc):
    families = {f["id"] for f in doc["families"]}
    units = set(doc["units"])
    for ind in doc["indicators"]:
        assert isinstance(ind["category"], str) and ind["category"] in schema.CATEGORIES, ind["id"]
        assert isinstance(ind["unit"], str) and ind["unit"] in units, ind["id"]
        assert ind["family"] in families, ind["id"]
        assert isinstance(ind["per_capita"], bool), ind["id"]
        assert ind["description"].strip() and ind["zh"].strip() and ind["en"].strip(), ind["id"]


def test_every_family_is_used_and_ids_are_unique(doc):
    ids = [i["id"] for i in doc["indicators"]]
    assert len(ids) == len(set(ids))
    used = {i["family"] for i in doc["indicators"]}
    assert {f["id"] for f in doc["families"]} == used


def test_per_capita_flag_follows_the_wording(doc):
    for ind in doc["indicators"]:
        density_wording = re.match(r"^每?[千万](人|户)", ind["zh"]) is not None
        assert ind["per_capita"] == density_wording, ind["id"]


def test_dictionary_holds_no_region_values():
    """Numbers in the file could only be somebody's target: only standard numbers are allowed."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("- {") else line
                     for line in text.splitlines())
    allowed = re.compile(r"GB/T\s?\d+(?:\.\d+)?(?:-\d+)?|ISO\s?\d+|[A-Za-z_]+\d+[A-Za-z_\d]*")
    leftovers = re.findall(r"\d", allowed.sub("", text))
    assert leftovers == [], "digits found in indicators.yaml"
    # No region name either: the dictionary is about wording, not about who said it.
    for region in ("天长", "宜兴", "盐城", "市中区", "枣庄"):
        assert region not in text


def test_indicators_frame_has_the_contract_columns(h):
    frame = h.indicators_frame()
    assert list(frame.columns) == schema.columns("indicators")
    assert len(frame) == len(h.indicators) and frame["indicator_id"].is_unique
    assert frame["per_capita"].dtype == bool
    row = frame.set_index("indicator_id").loc["high_value_invention_patents_per_10k"]
    assert row["family"] == "invention_patent_density" and row["family_zh"] == "每万人发明专利拥有量"


# ── every alias maps to its own indicator ───────────────────────────────────────────────────
def _all_aliases(doc):
    for ind in doc["indicators"]:
        for alias in ind.get("aliases", []):
            yield ind["id"], alias


@pytest.mark.parametrize("indicator_id,alias", list(_all_aliases(yaml.safe_load(DEFAULT_PATH.read_text("utf-8")))))
def test_each_alias_maps_to_its_indicator(h, indicator_id, alias):
    unit = h.get(indicator_id).unit  # an alias names its facets with the indicator's unit beside it
    assert h.match(alias, unit=unit).id == indicator_id
    # Plans decorate names; the decoration must not change the answer.
    assert h.match(f"新增{alias}", unit=unit).id == indicator_id
    assert h.match(f"“{alias}”累计", unit=unit).id == indicator_id


def test_every_name_and_alias_parses_to_its_indicators_facets(doc):
    for ind in doc["indicators"]:
        for written in [ind["zh"], *ind.get("aliases", [])]:
            found = parse_name(written, ind["unit"]).facets
            assert found is not None and found.key == ind["facets"], (ind["id"], written)


def test_no_two_named_indicators_share_all_facets(doc):
    keys = [ind["facets"] for ind in doc["indicators"]]
    assert all(keys) and len(keys) == len(set(keys))


def test_a_bare_measure_borrows_its_kind_only_from_the_clause_it_stands_in(h):
    # (replaces the context aliases of the alias-list dictionary: the sentence decides, not a keyword list)
    found = h.match("登记金额", "全县知识产权质押融资稳步扩大，登记金额达到6亿元", unit="亿元")
    assert found.id == "ip_pledge_financing"
    assert h.match("登记金额", "风电装机持续扩大，登记金额达到6亿元", unit="亿元") is None


# ── the plans' own wording (the four source plans) ──────────────────────────────────────────
PLAN_WORDING = {
    # 天长
    "每万人有效发明专利拥有量": "invention_patents_per_10k",
    "每万人高质量发明专利拥有量": "high_quality_invention_patents_per_10k",
    "PCT 国际申请数量": "pct_applications",
    "新增发明专利授权量": "invention_patent_grants",
    # was firms_invention_patent_coverage (all firms); these two kinds of firm are subsets (issue 20)
    "战新企业、高新企业发明专利清零": "d__invention_patent__coverage_rate__q_emerging_firms__q_high_tech_firms",
    "海外发明专利授权量": "overseas_invention_patent_grants",
    "马德里商标国际注册量": "madrid_trademark_registrations",
    "知识产权质押融资金额": "ip_pledge_financing",
    "专利产品产值占工业产品产值的比重": "patent_product_output_share",
    "自主品牌企业增加值占地区生产总值比重": "own_brand_value_added_share",
    "知识产权运营成效": "ip_operation_ranking",
    "国家知识产权试点、示范企业": "d__ip_pilot_demo_firm__count__t_national",  # was national_ip_advantage_demo_firms: its facets are not that entry's (issue 20)
    "知识产权专项工作经费": "ip_special_funds",
    "知识产权管理“贯标”企业累计": "ip_standard_firms",
    "知识产权专员队伍": "ip_commissioners",
    "培训覆盖面": "training_attendance",
    "知识产权裁决和调解案件数量": "ruling_mediation_cases",
    "行政执法案件结案率": "d__enforcement_case__closure_rate",  # was case_closure_rate: its facets are not that entry's (issue 20)
    "知识产权保护满意度": "protection_satisfaction",
    "知识产权代理机构": "ip_agencies",
    "省级知识产权信息公共服务网点": "d__ip_info_service_point__count__t_provincial",  # was ip_info_service_points: its facets are not that entry's (issue 20)
    "优质知识产权代理、法律服务等专业化中介服务机构": "ip_service_firms",
    "每年联合执法": "d__joint_enforcement__count",  # was joint_enforcement_actions: its facets are not that entry's (issue 20)
    "市委常委会、市政府常务会每年至少专题研究": "d__leadership_review__count",  # was leadership_review_meetings: its facets are not that entry's (issue 20)
    "知识产权文化公园": "ip_culture_facilities",
    "省级以上专利奖": "d__patent_award__count__t_provincial_up",  # was patent_awards: its facets are not that entry's (issue 20)
    "知识产权运营平台": "ip_operation_platform",
    # 宜兴
    "国家知识产权试点园区": "d__ip_pilot_demo_park__count__t_national",  # was ip_pilot_demo_parks: its facets are not that entry's (issue 20)
    "省级知识产权示范园区": "d__ip_pilot_demo_park__count__t_provincial",  # was ip_pilot_demo_parks: its facets are not that entry's (issue 20)
    "江苏省版权示范城市": "d__copyright_demo_city__count__t_provincial",  # was copyright_demo_city: its facets are not that entry's (issue 20)
    "授权专利量累计": "patent_grants",
    "万人高价值发明专利拥有量": "high_value_invention_patents_per_10k",
    "企业专利授权量占比": "enterprise_patent_grant_share",
    "累计海外专利授权量": "overseas_patent_grants",
    "万人作品著作权登记量": "copyright_registrations_per_10k",
    "马德里商标有效注册量": "madrid_trademarks_held",
    "集体商标、证明商标": "collective_certification_marks",
    "集成电路设计登记量": "ic_layout_registrations",
    "各级专利奖": "d__patent_award__count__t_all_levels",  # was patent_awards: its facets are not that entry's (issue 20)
    "省级以上高价值专利培育中心": "d__hv_patent_centre__count__t_provincial_up",  # was high_value_patent_centers: its facets are not that entry's (issue 20)
    "市级高价值专利培育中心": "d__hv_patent_centre__count__t_city",  # was high_value_patent_centers: its facets are not that entry's (issue 20)
    "省级知识产权保护示范区": "d__ip_protection_demo_zone__count__t_provincial",  # was ip_protection_demo_zone: its facets are not that entry's (issue 20)
    "国家级知识产权快速维权中心": "d__rapid_protection_centre__count__t_national",  # was rapid_rights_protection_centers: its facets are not that entry's (issue 20)
    "保护中心分中心": "protection_center_branches",
    "知识产权保护社会满意度": "protection_satisfaction",
    "专利密集型产业增加值占GDP比重": "patent_intensive_industry_share",
    "版权产业增加值占GDP比重": "copyright_industry_share",
    "年度地理标志产品销售额": "gi_product_sales",
    "知识产权质押金额累计": "ip_pledge_amount",
    "建设期内新增知识产权质押融资": "ip_pledge_financing",
    "新增贯标企业": "ip_standard_firms",
    "各级知识产权优势示范企业": "ip_advantage_demo_firms",
    "新增各级优势示范企业": "ip_advantage_demo_firms",
    "知识产权服务业集聚区": "ip_service_cluster",
    "新增知识产权工作站（商标品牌指导站）": "d__ip_workstation__count",  # was ip_guidance_stations: its facets are not that entry's (issue 20)
    "新增国家级知识产权研究与服务机构": "ip_research_service_institutions",
    "累计知识产权服务机构": "ip_service_firms",
    "知识产权服务从业人数": "ip_service_employees",
    "知识产权服务机构主营业务收入": "ip_service_revenue",
    "新增知识产权专家库成员": "expert_pool_members",
    "知识产权专家库人才": "expert_pool_members",
    "技术调查官": "technical_investigators",
    "累计培训知识产权各类人才": None,  # was training_attendance: the unit decides (test below)
    "省级以上科研院所、科创载体落户宜兴": "d__research_institute__settled__t_provincial_up",  # was research_institutes_settled: its facets are not that entry's (issue 20)
    "国家地理标志保护示范区": "d__gi_protection_demo_zone__count__t_national",  # was gi_protection_demo_zone: its facets are not that entry's (issue 20)
    "国家知识产权保护规范化市场": "d__protection_standard_market__count__t_national",  # was ip_protection_standard_market: its facets are not that entry's (issue 20)
    "知识产权主要指标": None,  # was ip_overall_ranking: the name says no rank (位居…前列 does, in its sentence)
    # 盐城
    "万户企业有效注册商标企业数": "trademark_firms_per_10k_firms",
    "新增海外发明专利授权数量": "overseas_invention_patent_grants",
    "新增马德里国际商标注册量": "madrid_trademark_registrations",
    "专利商标实施许可转让合同备案数": "license_transfer_filings",
    "知识产权质押融资总额": "ip_pledge_financing",
    "行政和司法保护各类案件法定期限内结案率": "statutory_case_closure_rate",
    "全社会知识产权保护满意度": "protection_satisfaction",
    "知识产权“贯标”企业新增": "ip_standard_firms",
    "国家知识产权强县建设试点示范县": "strong_county_pilots",
    "知识产权服务机构数量": "ip_service_firms",
    "知识产权代理、法律、运营、策划、信息等服务的专业人才": "ip_service_professionals",
    "知识产权公共服务社会满意度": "public_service_satisfaction",
    "注册商标拥有率": "trademark_ownership_rate",
    "省级高价值专利培育示范中心": "d__hv_patent_centre__count__t_provincial",  # was high_value_patent_centers: its facets are not that entry's (issue 20)
    "贯标覆盖率": "ip_standard_coverage_rate",
    "知识产权经费投入": "ip_special_funds",
    # 市中区 (text and annex)
    "全区专利授权量": "patent_grants",
    "发明专利拥有量": "invention_patents_held",
    "商标有效注册量": "trademarks_held",
    "地理标志证明商标拥有量": "gi_certification_marks",
    "马德里国际注册商标拥有量": "madrid_trademarks_held",
    "累计组织实施企业或产业类专利导航项目": "patent_navigation_projects",
    "国家优势、示范企业": "national_ip_advantage_demo_firms",
    "知识产权贯标认证企业": "ip_standard_certified_firms",
    "知识产权质押贷款": "ip_pledge_loans",
    "专利开放许可": "patent_open_licenses",
    "专利密集型产品认定备案": "patent_intensive_product_filings",
    "数据知识产权": "d__data_ip__count",  # was data_ip_registrations: its facets are not that entry's (issue 20)
    "联合法院办理知识产权纠纷行政调解司法确认案件": "mediation_judicial_confirmation_cases",
    "专利行政裁决案件": "patent_administrative_ruling_cases",
    "知识产权案件结案率": "case_closure_rate",
    "新增知识产权保护（维权）机构": "ip_protection_bodies",
    "维权援助服务企业": "rights_assistance_firms",
    "非正常专利撤回率": "abnormal_patent_withdrawal_rate",
    "商标品牌培育指导站": "ip_guidance_stations",
    "宣传服务市场主体": "outreach_market_entities",
    "新增知识产权人才": "ip_talent_new",
    # training is counted in sessions, person-times or people: the name says none, its unit decides
    "培训知识产权管理和执法人员、企业高管、知识产权师等各类人员": None,
    "配备不少于2人的知识产权专职人员": "town_ip_staff",
    "新增有效发明专利数量": "invention_patents_held",
    "国家知识产权优势、示范企业": "national_ip_advantage_demo_firms",
    "知识产权专利开放许可": "patent_open_licenses",
    "知识产权商标品牌培育指导站": "ip_guidance_stations",
    "知识产权培训次数": "training_sessions",  # trainings held are sessions (SAME_MEASURE)
}


@pytest.mark.parametrize("raw_name,expected", sorted(PLAN_WORDING.items()))
def test_plan_wording_maps_to_the_right_indicator(h, raw_name, expected):
    found = h.match(raw_name)
    assert (found.id if found else None) == expected


def test_a_name_that_leaves_the_measure_open_takes_it_from_the_unit(h):
    assert h.match("累计培训知识产权各类人才", unit="人次").id == "training_attendance"
    assert h.match("累计培训知识产权各类人才", unit="场").id == "training_sessions"
    assert h.match("累计培训知识产权各类人才", unit="件") is None


OTHER_PLANS_WORDING = {
    "每万人口发明专利拥有量": "invention_patents_per_10k",
    "万人发明专利拥有量": "invention_patents_per_10k",
    "专利权质押融资额": "d__patent_pledge_financing__amount",  # patents' pledges: a part of all IP pledges
    "知识产权质押融资额": "ip_pledge_financing",
    "质押融资登记金额": "ip_pledge_financing",
    "贯标认证企业": "ip_standard_certified_firms",
    "通过知识产权管理体系认证的企业": "ip_standard_certified_firms",
    # the applications of large industrial firms, not the share of them that applied (the named rate)
    "规上工业企业专利申请": "d__patent__applications__q_industrial_firms",
    "ＰＣＴ国际专利申请量": "pct_applications",  # full-width letters
    "每万户市场主体商标拥有量": "trademarks_per_10k_market_entities",
}


@pytest.mark.parametrize("raw_name,expected", sorted(OTHER_PLANS_WORDING.items()))
def test_wording_of_other_plans_maps_too(h, raw_name, expected):
    assert h.match(raw_name).id == expected


# ── context and ambiguity ────────────────────────────────────────────────────────────────────
def test_short_name_is_decided_by_its_sentence(h):
    sentence = "知识产权质押融资金额不断提升，年融资金额达 3.5 亿元以上"
    assert h.match("年融资金额", sentence).id == "ip_pledge_financing"
    assert h.match("年融资金额") is None
    assert h.match("年融资金额", "企业上市融资步伐加快，年融资金额达 3.5 亿元以上") is None
    # A context alias only counts when it IS the name, not when it sits inside a longer one.
    assert h.match("科技企业股权融资金额", sentence) is None
    assert h.match("研发费用增幅", "设立知识产权专项资金，研发费用增幅达10%") is None
    assert h.match("主营业务收入", "知识产权服务机构数量超过 200 家，主营业务收入达 5 亿元左右").id == "ip_service_revenue"
    assert h.match("年专题培训", "知识产权专员队伍由 162 人增至 250 人,年专题培训不低于 3 场", "场").id == "training_sessions"
    assert h.match("年均增幅", "设立知识产权强县建设专项资金,在创建期内按年均增幅不低于10%").id == "ip_funding_growth"
    # a name cut before its measure takes the measure written between it and the number
    clearing = "实现战新企业、高新企业发明专利清零。"
    cleared = "d__invention_patent__coverage_rate__q_emerging_firms__q_high_tech_firms"
    assert h.match("战新企业、高新企业发明专利", clearing).id == cleared
    assert h.match("高新企业发明专利", "高新企业发明专利拥有量达500件").id == "d__invention_patent__count__q_high_tech_firms"
    assert h.match("高新企业发明专利") is None  # held, granted or applied for: not said


def test_satisfaction_goes_to_the_nearest_subject(h):
    assert h.match("满意度", "全社会知识产权保护满意度 80% 以上").id == "protection_satisfaction"
    assert h.match("社会满意度", "持续提升知识产权公共服务社会满意度").id == "public_service_satisfaction"
    both = "知识产权公共服务网络不断完善，满意度达90分，知识产权保护水平提升"
    assert h.match("满意度", both).id == "public_service_satisfaction"


@pytest.mark.parametrize("raw_name", ["数量", "专利", "企业", "满意度", "融资金额", "人次", "机构", "发明专利",
                                      "年", "", "   ", "地区生产总值", "常住人口", "服务机构", "专业人才",
                                      "示范园区", "贷款", "增幅", "培训", "“”"])
def test_short_or_generic_names_map_to_nothing_without_context(h, raw_name):
    assert h.match(raw_name) is None


def test_longest_alias_wins_over_a_shorter_one_inside_it(h):
    # 有效发明专利 is inside all of these; the more specific indicator must win.
    assert h.match("每万人有效发明专利拥有量超全省平均").id == "invention_patents_per_10k"
    assert h.match("海外发明专利授权数").id == "overseas_invention_patent_grants"
    assert h.match("知识产权服务机构主营业务收入总额").id == "ip_service_revenue"
    assert h.match("马德里商标有效注册量").id == "madrid_trademarks_held"
    assert h.match("地理标志证明商标拥有量").id == "gi_certification_marks"


@pytest.mark.parametrize("raw_name,expected", [
    # a rate (a duration) of ruling cases: not ruling cases, and not of all IP cases either
    ("侵权纠纷行政裁决案件办结率", "d__ruling_case__closure_rate"),
    ("专利侵权纠纷行政裁决平均结案周期", "d__ruling_case__duration"),
    ("发明专利授权占专利授权总量的比重", "invention_patent_grant_share"),  # a share, not grants
    ("每千户市场主体拥有有效注册商标量", "trademarks_per_1k_market_entities"),
])
def test_what_the_name_measures_decides_between_contained_aliases(h, raw_name, expected):
    assert h.match(raw_name).id == expected


@pytest.mark.parametrize("raw_name", ["知识产权代理机构服务覆盖率", "每千户企业专利授权量", "专利行政裁决案件审理时间"])
def test_a_rate_duration_or_density_never_lands_in_a_count(h, raw_name):
    found = h.match(raw_name)
    assert found is None or found.unit in {"%", "分", "天"} or found.per_capita


def test_list_markers_before_a_name_are_ignored(h):
    for marker in ("1.", "2）", "二）", "②", "●", "１．"):
        assert h.match(f"{marker}每万人有效发明专利拥有量").id == "invention_patents_per_10k"


def test_matching_is_deterministic(h):
    names = list(PLAN_WORDING) + ["满意度", "年融资金额"]
    first = [h.explain(n, "知识产权质押融资和保护满意度") for n in names]
    again = Harmonizer.load()
    assert first == [again.explain(n, "知识产权质押融资和保护满意度") for n in names]


def test_normalisation_folds_width_spaces_quotes_and_scope_words():
    assert normalize_name("ＰＣＴ 国际申请数量") == normalize_name("PCT国际申请量")
    assert normalize_name("知识产权管理“贯标”企业累计") == normalize_name("知识产权管理贯标企业")
    assert normalize_name("每万人口发明专利拥有量") == normalize_name("万人发明专利拥有量")
    assert normalize_name("年融资金额") == normalize_name("融资金额")
    assert normalize_name("质押金额") == "质押金额"  # never shrinks below a meaningful length


# ── the mapping file complains ──────────────────────────────────────────────────────────────
def test_report_lists_unmapped_names_with_counts_and_unused_aliases(h):
    report = h.report(["每万人有效发明专利拥有量", "万人发明专利拥有量", "数量", "数量", "风电装机容量",
                       ("年融资金额", "知识产权质押融资金额不断提升，年融资金额达3.5亿元")])
    assert report.unmapped == [("数量", 2), ("风电装机容量", 1)]
    unused = dict.fromkeys(report.unused_aliases)
    # Used entries are not reported, including aliases that are the same once normalised…
    assert ("invention_patents_per_10k", "每万人有效发明专利拥有量") not in unused
    assert ("invention_patents_per_10k", "每万人口发明专利拥有量") not in unused
    assert ("ip_pledge_financing", "融资金额") not in unused
    # …but everything that matched nothing is, sorted.
    assert ("pct_applications", "PCT国际申请数量") in unused
    assert report.unused_aliases == sorted(report.unused_aliases)
    text = str(report)
    assert "2 distinct names unmapped" in text and "风电装机容量" in text and "pct_applications" in text


def test_report_cli_exit_code_says_whether_everything_mapped(capsys):
    assert harmonize_report_cli(["每万人有效发明专利拥有量"]) == 0
    assert harmonize_report_cli(["每万人有效发明专利拥有量", "风电装机容量"]) == 1
    assert "风电装机容量" in capsys.readouterr().out


# ── a broken dictionary is refused with the reason ──────────────────────────────────────────
def _write(tmp_path, indicators: str) -> str:
    path = tmp_path / "indicators.yaml"
    header = "units: {件: items, 家: firms}\nfamilies:\n  - {id: fam, zh: 族, en: Family}\nindicators:\n"
    path.write_text(header + textwrap.indent(textwrap.dedent(indicators), "  "), encoding="utf-8")
    return path


GOOD = """
- id: a_thing
  zh: 实用新型专利授权量
  en: A
  category: creation
  family: fam
  unit: 件
  per_capita: false
  facets: utility_model__grants
  aliases: [授权实用新型专利]
  description: x
"""


def test_small_valid_dictionary_loads(tmp_path):
    h = Harmonizer.load(_write(tmp_path, GOOD))
    assert h.match("实用新型专利授权数").id == "a_thing"
    assert h.match("实用新型专利申请数").id == "d__utility_model__applications"  # unnamed: derived


@pytest.mark.parametrize("change,message", [
    (("category: creation", "category: invention"), "category"),
    (("unit: 件", "unit: 吨"), "unit"),
    (("family: fam", "family: nowhere"), "family"),
    (("aliases: [授权实用新型专利]", "aliases: [实用新型专利申请量]"), "reads as utility_model__applications"),
    (("aliases: [授权实用新型专利]", "aliases: [实用新型]"), "reads as nothing"),
    (("per_capita: false", "per_capita: maybe"), "per_capita"),
])
def test_broken_dictionary_is_refused(tmp_path, change, message):
    with pytest.raises(DictionaryError, match=message):
        Harmonizer.load(_write(tmp_path, GOOD.replace(*change)))


def test_two_indicators_naming_one_combination_are_refused(tmp_path):
    second = GOOD.replace("a_thing", "b_thing").replace("aliases: [授权实用新型专利]", "aliases: []")
    with pytest.raises(DictionaryError, match="name the same facets"):
        Harmonizer.load(_write(tmp_path, GOOD + second))


def test_harmonize_with_files_prints_each_name_its_facets_and_indicator(tmp_path, capsys):
    from etl.cli import main
    plan = tmp_path / "某县品牌工作要点.txt"
    plan.write_text("某县2027年品牌工作要点\n到2027年，全县软件著作权登记量达到320件，发明专利授权量达到85件，"
                    "科技特派员扩展至6名。\n", encoding="utf-8")
    status = main(["harmonize", str(tmp_path)])
    out = capsys.readouterr().out
    assert "软件著作权登记量 → subject=software_copyright; measure=registrations → d__software_copyright__registrations (derived)" in out
    assert "发明专利授权量 → subject=invention_patent; measure=grants → invention_patent_grants (named)" in out
    assert "unmapped: " in out and status == 1
