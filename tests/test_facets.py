"""The facet parser (etl/harmonize/facets.py): each kind of error issue 20 lists, in fresh wording."""

from etl.harmonize.facets import parse, parse_name


def key(name, unit=None):
    found = parse_name(name, unit).facets
    return found.key if found else None


def test_a_density_written_once_before_a_list_reaches_every_member():
    quote = "每万人口有效植物新品种权、高价值发明专利拥有量分别达到3件、9件"
    second = parse("高价值发明专利拥有量", quote, 9, "件").facets
    assert second.normaliser == "per_10k_residents" and "high_value" in second.qualifiers


def test_a_density_written_after_the_number_is_still_a_density():
    found = parse("发明专利拥有量", "力争发明专利拥有量提升到每万人7.5件", 7.5, "件").facets
    assert found.normaliser == "per_10k_residents"
    assert key("发明专利拥有量", "件") != found.key


def test_a_flow_is_not_a_stock():
    assert key("商标年申请量", "件") != key("有效注册商标总量", "件")
    assert key("商标有效注册量", "件") == key("有效注册商标", "件")


def test_neighbouring_kinds_stay_apart():
    assert key("计算机软件著作权登记量", "件") != key("作品著作权登记量", "件")


def test_a_qualified_subset_is_not_the_whole():
    assert key("维持年限在8年以上的有效发明专利", "件") != key("有效发明专利", "件")
    assert key("维持8年以上的发明专利", "件") == key("维持年限超过8年的有效发明专利", "件")


def test_a_sum_of_two_kinds_is_neither_alone():
    both = key("地理标志保护产品和集体商标合计", "件")
    assert both not in (key("地理标志保护产品", "件"), key("集体商标", "件"))


def test_tiers_and_certifications_do_not_merge():
    assert key("省级知识产权优势企业", "家") != key("国家知识产权优势企业", "家")
    assert key("国家知识产权示范企业", "家") != key("国家知识产权优势企业", "家")


def test_a_growth_rate_is_its_own_measure():
    rate = parse_name("发明专利授权量年均增长", "%").facets
    assert rate.growth and rate.measure == "grants"
    assert rate.key != key("发明专利授权量", "件")


def test_a_bare_measure_takes_its_kind_from_the_clause_before_it():
    found = parse("授权量", "实用新型专利申请量和授权量分别超过900件和600件", 600, "件").facets
    assert found.subject == "utility_model" and found.measure == "grants"


def test_debris_before_a_year_is_cut():
    assert key("县里印发品牌建设方案到2027年有效注册商标", "件") == key("有效注册商标", "件")


def test_a_name_without_a_kind_is_refused_with_a_reason():
    found = parse_name("力争", "件")
    assert found.facets is None and found.reason


def test_a_staged_pair_gives_its_second_value_the_measure_named_once():
    quote = "到2028年，全县软件著作权登记量2026年达到400件，2028年达到650件。"
    second = parse("", quote, 650, "件")
    assert second.facets.key == key("软件著作权登记量", "件")
    # a second clause that names a kind of its own is no stage of the first
    assert parse("", "植物新品种权申请量达到30件，集成电路布图设计2028年达到9件。", 9, "件").facets is None


def test_debris_around_a_name_is_no_part_of_it():
    assert key("接3版）力争到2029年实现地理标志证明商标拥有量", "件") == key("地理标志证明商标拥有量", "件")
    assert key("……按照《品牌兴县行动》提出的目标，植物新品种权授权量", "件") == key("植物新品种权授权量", "件")
    assert key("以上、通过省级认定的知识产权示范企业", "家") == key("省级知识产权示范企业", "家")


def test_a_bare_place_or_total_is_no_name():
    for debris in ("市", "县", "总数", "数量", "县级"):
        found = parse_name(debris, "件")
        assert found.facets is None and found.reason, debris


def test_a_name_whose_head_is_unknown_is_not_filed_under_a_kind_it_mentions():
    # a service window for trademark filings is no count of trademarks
    assert key("商标注册受理窗口", "个") is None
    assert parse_name("商标注册受理窗口", "个").reason.startswith("the name ends in words")
    # the number of countries covered by trademarks abroad is its own measure, not a count of trademarks
    assert key("企业境外商标注册覆盖国家和地区", "个") != key("境外注册商标", "件")
    # an unknown noun never borrows the kind of the clause before it
    assert parse("科研经费增幅", "落实知识产权专项资金，科研经费增幅达到8%", 8, "%").facets is None


def test_funds_for_one_kind_are_not_all_the_funds():
    assert key("商标品牌专项资金", "万元") != key("知识产权专项资金", "万元")
    assert key("商标品牌专项资金", "万元") == key("商标品牌专项资金", "万元")


def test_a_density_per_thousand_firms_is_never_a_plain_count():
    per_firm = parse_name("每千户企业实用新型专利授权量", "件").facets
    assert per_firm.normaliser == "per_1k_firms" and per_firm.key != key("实用新型专利授权量", "件")


def test_a_patent_count_that_states_no_measure_is_not_guessed():
    for bare in ("外观设计专利", "实用新型专利"):
        found = parse_name(bare, "件")
        assert found.facets is None and "no measure" in found.reason
    assert key("外观设计专利", "%") is not None  # the unit says it: a share
    held = parse("实用新型专利", "实用新型专利拥有量超过2000件", 2000, "件").facets
    assert held.measure == "count"


def test_firms_of_different_populations_stay_apart():
    assert key("规上工业企业发明专利覆盖率", "%") != key("高新技术企业发明专利覆盖率", "%")
