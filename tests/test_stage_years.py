"""Year-ends listed as stages before a 分别 list give each value its own year, whether they stand in the
values' clause or open the sentence in a clause of their own; what follows in the paragraph is due at the
last stage, not the first.  Fresh wording, written for fresh13's gap (tuned on)."""

from etl.warehouse.plan import extract_text


def due(text, period=(2026, 2028)):
    return [(r.value, r.target_year) for r in extract_text(text, period=period).targets.itertuples()]


def test_stages_in_a_clause_of_their_own_pair_with_the_values():
    text = "一、发展目标\n到2026年底、2027年底、2028年底，有效注册商标分别达到1.1万件、1.3万件、1.5万件；版权登记量达到900件。\n"
    assert due(text) == [(1.1, 2026), (1.3, 2027), (1.5, 2028), (900, 2028)]


def test_stages_in_the_values_clause_still_pair():
    text = "一、发展目标\n专利密集型企业2027年末、2028年末分别达到40家、55家。\n"
    assert due(text) == [(40, 2027), (55, 2028)]


def test_a_single_year_still_governs_what_follows():
    text = "一、发展目标\n到2027年，地理标志商标达到9件，专利转化项目达到20项。\n"
    assert due(text) == [(9, 2027), (20, 2027)]
