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
