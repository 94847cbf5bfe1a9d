"""The indicator dictionary's rules for like-with-like comparisons.

A family groups *related* indicators (one panel on the compare page); only one indicator at one
scope is *comparable* and drawn as one series.  These tests state what a family and an alias may
hold, so a future alias or indicator cannot silently merge unlike measures (high-value with all
valid invention patents, grants with holdings, national with all-level firms …)."""

from collections import defaultdict

import pytest

from etl.harmonize.dictionary import Harmonizer, normalize_name

INDICATORS = Harmonizer.load().indicators

# Words that name a *different numerator*: an alias carrying one may only belong to an indicator
# whose own name or numerator carries it too (高价值 ⊂ 有效发明专利, 认证 ⊂ 贯标, 法定期限内结案 ⊂ 结案,
# 发明专利 ⊂ 专利, 地理标志商标 ⊂ 集体/证明商标, 贷款 ⊂ 融资 …).  (境外/国外 and 版权 are plain synonyms
# of 海外 and 作品著作权, so they are not listed.)
NARROWING_WORDS = ("高价值", "高质量", "认证", "法定期限", "发明", "地理标志", "海外", "马德里", "PCT", "贷款",
                   "集体", "技术调查官", "快速维权")
# Words that say a count is a flow (granted, applied for) or a stock (held, valid).
FLOW_WORDS = ("授权", "申请")
STOCK_WORDS = ("拥有", "有效")


def test_every_indicator_states_what_it_measures():
    for ind in INDICATORS:
        assert ind.numerator and ind.nature in ("stock", "flow", "rate") and ind.counts, ind.id
        if ind.per_capita:
            assert ind.denominator, f"{ind.id}: a per-capita indicator names its denominator"
        if ind.unit in ("%", "分"):
            assert ind.nature == "rate", f"{ind.id}: a share or score is a rate, not a count"


def test_every_family_shares_one_unit_and_one_per_capita_kind():
    by_family = defaultdict(set)
    for ind in INDICATORS:
        by_family[ind.family].add((ind.unit, ind.per_capita))
    mixed = {family: kinds for family, kinds in by_family.items() if len(kinds) > 1}
    assert not mixed, mixed


def test_every_family_sits_in_one_category():
    """The compare page shows one category: a family split across two would show a region's
    related target in neither panel, and the panel would wrongly say 未设目标 for it."""
    by_family = defaultdict(set)
    for ind in INDICATORS:
        by_family[ind.family].add(ind.category)
    split = {family: cats for family, cats in by_family.items() if len(cats) > 1}
    assert not split, split


def test_a_family_never_mixes_rates_with_counts():
    by_family = defaultdict(set)
    for ind in INDICATORS:
        by_family[ind.family].add(ind.nature == "rate")
    assert not {f for f, kinds in by_family.items() if len(kinds) > 1}


_ALIASES = defaultdict(list)
for _ind, _alias in Harmonizer.load().aliases():
    _ALIASES[_ind].append(_alias)


def _written_names(ind) -> list[str]:
    return _ALIASES[ind.id]


def test_a_national_level_indicator_keeps_the_national_wordings_of_its_family():
    """Where a family has a national-level indicator (国家…), no sibling counting all levels may take
    a 国家 wording: 国家优势示范企业 and 各级优势示范企业 are not one series."""
    by_family = defaultdict(list)
    for ind in INDICATORS:
        by_family[ind.family].append(ind)
    wrong = []
    for members in by_family.values():
        if not any(m.zh.startswith("国家") for m in members):
            continue
        for ind in members:
            if not ind.zh.startswith("国家"):
                wrong += [(ind.id, a) for a in _written_names(ind) if a.startswith("国家")]
    assert not wrong, wrong


@pytest.mark.parametrize("word", NARROWING_WORDS)
def test_an_alias_never_names_a_narrower_numerator_than_its_indicator(word):
    wrong = []
    for ind in INDICATORS:
        own = normalize_name(ind.zh) + normalize_name(ind.numerator) + ind.zh + ind.numerator
        for alias in _written_names(ind):
            if word.lower() in alias.lower() and word.lower() not in own.lower():
                wrong.append((ind.id, alias))
    assert not wrong, f"aliases with {word!r} under indicators that do not count {word!r}: {wrong}"


def test_grants_and_holdings_never_share_an_indicator():
    wrong = []
    for ind in INDICATORS:
        if ind.counts != "ip_rights" or ind.nature == "rate":
            continue
        for alias in _written_names(ind):
            if ind.nature == "stock" and any(w in alias for w in FLOW_WORDS):
                wrong.append((ind.id, "stock indicator, flow alias", alias))
            if ind.nature == "flow" and any(w in alias for w in STOCK_WORDS):
                wrong.append((ind.id, "flow indicator, stock alias", alias))
    assert not wrong, wrong


def test_subsets_named_in_the_issue_are_separate_indicators():
    """Each pair measures a different numerator, so neither can be one series with the other."""
    h = Harmonizer.load()
    pairs = [("每万人高价值发明专利拥有量", "每万人有效发明专利拥有量"), ("发明专利授权量", "有效发明专利拥有量"),
             ("马德里商标国际注册量", "马德里商标有效注册量"), ("海外专利授权量", "海外发明专利授权量"),
             ("集体商标、证明商标", "地理标志证明商标拥有量"), ("国家知识产权优势示范企业", "各级知识产权优势示范企业"),
             ("法定期限内结案率", "知识产权案件结案率"), ("知识产权贯标企业", "知识产权贯标认证企业"),
             ("专利申请量", "发明专利申请量")]
    for a, b in pairs:
        assert h.match(a).id != h.match(b).id, (a, b)
