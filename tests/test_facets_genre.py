"""Genre vocabulary and sentence rules of the facet parser (issue 20), each in fresh wording: the words of
trademark-strategy, GI, copyright, conversion and IP-finance plans, and the readings that keep neighbours apart."""

from etl.harmonize.facets import parse, parse_name


def key(name, unit=None):
    found = parse_name(name, unit).facets
    return found.key if found else None


def test_kinds_of_insurance_listed_before_deng_are_examples_not_qualifiers():
    found = parse("推出质押保证险、境外诉讼险等险种", "推出质押保证险、境外诉讼险等险种不少于4个", 4, "个").facets
    assert (found.subject, found.measure, found.qualifiers) == ("ip_insurance", "kinds", ())
    assert found.key == key("知识产权保险险种数量", "个")
    assert found.key != key("知识产权保险", "个")


def test_firms_approved_to_use_a_mark_are_its_users():
    assert key("获准使用地理标志专用标志的市场主体", "家") == key("地理标志专用标志使用主体", "家")


def test_a_clause_naming_only_a_measure_goes_on_counting_the_kind_named_earlier():
    quote = "知识产权保险赔付金额达到2亿元，累计风险保障超过8亿元，投保企业达到300家"
    found = parse("投保企业", quote, 300, "家").facets
    assert (found.subject, found.measure) == ("ip_insurance", "firms")


def test_a_clause_with_words_of_its_own_stops_the_walk_back():
    quote = "知识产权保险保额达到2亿元，科技贷款余额超过8亿元，投保企业达到300家"
    assert parse("投保企业", quote, 300, "家").facets is None


def test_the_kind_written_after_the_number_names_a_bare_function_word():
    found = parse("与", "与至少5家银行签署知识产权质押合作协议", 5, "家").facets
    assert found is not None and found.key == key("合作银行", "家")


def test_members_of_a_pool_count_the_pool_named_before_them():
    found = parse("入库企业", "组建驰名商标后备培育库，入库企业超过25家", 25, "家").facets
    assert (found.subject, found.measure) == ("well_known_trademark", "listed")
    assert found.key != key("驰名商标", "件")


def test_finance_matchmaking_is_not_technology_matchmaking():
    assert key("银企对接会", "场") == key("知识产权金融对接活动", "场")
    assert key("银企对接会", "场") != key("专利技术对接会", "场")


def test_a_share_of_grants_is_not_a_share_of_applications():
    assert key("发明专利申请量占比", "%") != key("发明专利授权量占比", "%")
    assert key("实用新型授权占专利授权总量的比重", "%") == key("实用新型占专利授权总量比重", "%")
    assert key("有效发明专利占比", "%") not in (key("发明专利申请量占比", "%"), key("发明专利授权量占比", "%"))


def test_trademark_strategy_words():
    found = parse_name("境外商标注册覆盖国家和地区", "个").facets
    assert (found.subject, found.measure, found.qualifiers) == ("trademark", "countries", ("overseas",))
    assert key("省级重点商标保护名录品牌", "个") != key("市级重点商标保护名录品牌", "个")
    assert key("知识产权宣讲活动", "场") == "publicity_event__sessions"


def test_conversion_and_gi_economy_words():
    assert key("概念验证中心和中试平台合计", "个") == "pilot_platform+proof_of_concept_centre__count"
    assert key("持证技术经理人", "名") == "tech_manager__count"
    assert key("专利转化运用专项资金", "万元") == "conversion_fund__amount__q_for_patent"
    assert key("专利转化运用专项资金", "万元") != key("知识产权专项资金", "万元")
    assert key("版权产业龙头企业", "家") == "leading_firm__count__q_for_copyright_industry"
    assert key("标准化生产基地面积", "万亩") == "standard_base__area"


def test_the_households_a_kind_employs_are_its_use():
    found = parse("带动农户", "地理标志农产品销售额达到3亿元，带动农户2万户", 2, "万户").facets
    assert (found.subject, found.measure, found.category) == ("gi_product", "households", "use")


def test_training_people_is_training_not_a_count_of_those_people():
    trained = parse_name("每年培训企业知识产权联络员", "人次").facets
    assert trained.subject == "ip_training" and trained.measure == "attendance"
    assert trained.key != key("企业知识产权联络员", "人")
    assert key("每年培训商标从业人员", "人次") != key("每年培训知识产权人才", "人次")
    assert key("每年培训知识产权人才", "人次") == key("知识产权培训", "人次")
    assert key("商标培训", "人次") == key("培训商标从业人员", "人次")


def test_where_rights_are_filed_qualifies_them_even_after_the_kind():
    assert key("商标境外注册量", "件") == key("境外商标注册量", "件")
    assert key("商标境外注册量", "件") != key("商标注册量", "件")
    assert key("有效商标境外注册", "件") != key("有效注册商标", "件")


def test_copyright_and_gi_programme_words():
    assert key("版权工作站", "个") == key("版权服务工作站", "个")
    assert key("版权工作站", "个") != key("版权", "件")
    assert key("党政机关软件正版化率", "%") == "software_legalisation__share"
    assert key("地理标志运用促进项目", "个") == "gi_promotion_project__count"
    assert key("质押融资普惠企业", "家") == key("知识产权质押融资惠及企业", "家")


def test_a_density_per_workers_is_not_a_density_per_residents():
    per_workers = key("每万名就业人员拥有有效发明专利量", "件")
    assert per_workers is not None and "n_per_10k_employed" in per_workers
    assert per_workers != key("每万人口有效发明专利数", "件")


def test_a_density_per_gdp_is_neither_a_total_nor_a_density_per_residents():
    per_gdp = key("每亿元地区生产总值对应的发明专利拥有量", "件")
    assert per_gdp is not None and "n_per_100m_gdp" in per_gdp
    assert per_gdp not in (key("发明专利拥有量", "件"), key("每万人口发明专利拥有量", "件"))


def test_a_gdp_density_shared_across_a_list_reaches_its_second_member():
    quote = "每亿元GDP授权发明专利、高价值发明专利拥有量分别为1.1件和0.4件"
    found = parse("高价值发明专利拥有量", quote, 0.4, "件").facets
    assert found is not None and found.normaliser == "per_100m_gdp"


def test_pledges_of_data_ip_are_a_narrower_kind_than_all_ip_pledges():
    data_ip = key("数据知识产权质押融资规模", "亿元")
    assert data_ip is not None and data_ip != key("知识产权质押融资规模", "亿元")
    assert data_ip.startswith("data_ip_pledge_financing")


def test_a_growth_rate_after_a_level_is_the_growth_of_that_measure():
    quote = "全年外观设计专利授权量达到420件，同比增长9%"
    found = parse("同比增长", quote, 9, "%").facets
    assert (found.subject, found.measure, found.growth) == ("design_patent", "grants", True)


def test_a_subset_after_qiyi_keeps_the_tier_of_its_whole():
    quote = "省级知识产权示范企业和优势企业合计达到35家，其中优势企业不少于20家"
    found = parse("优势企业", quote, 20, "家").facets
    assert (found.subject, found.tier) == ("ip_advantage_firm", "provincial")
    assert parse("优势企业", "新增优势企业20家", 20, "家").facets.tier == ""


def test_geographical_indication_written_once_for_both_members_of_a_sum():
    assert key("地理标志保护产品和集体商标总数", "件") == key("地理标志保护产品和地理标志集体商标总数", "件")
    assert key("地理标志保护产品和集体商标总数", "件") != key("地理标志保护产品和商标总数", "件")


def test_a_share_of_the_whole_is_a_share_whether_or_not_the_whole_is_named():
    assert key("实用新型授权量占比", "%") == key("实用新型授权量占全县专利授权量的比重", "%")
    assert key("版权产业增加值占地区生产总值比重", "%") != key("版权产业增加值占比", "%")


def test_a_grant_rate_is_not_a_share_of_grants():
    assert key("发明专利授权率", "%") != key("发明专利授权量占比", "%")


def test_kinds_of_navigation_pools_brand_agencies_data_ip_and_trade_secrets():
    assert key("省级专利导航服务基地", "个") != key("国家级专利导航服务基地", "个")
    assert key("产业专利池", "个") is not None
    assert key("省级知识产权服务品牌机构", "家") != key("知识产权服务机构", "家")
    assert key("数据知识产权登记证书发放量", "件") == key("数据知识产权登记量", "件")
    assert key("数据知识产权试点企业", "家") is not None and key("数据知识产权服务机构", "家") is not None
    assert key("商业秘密保护示范站", "个") is not None
    assert key("侵犯商业秘密案件结案率", "%") != key("知识产权案件结案率", "%")
    assert key("地理标志产品抽检合格率", "%") is not None


def test_training_of_firms_ip_managers_is_general_ip_training():
    assert key("年度培训企业知识产权管理人员", "人次") == key("知识产权培训", "人次")
