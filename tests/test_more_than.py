"""A count written as more than itself (10余家, 二十多件, 十余个, 10余亿元) is at least that number; a
word before a numeral ending in 点 (服务站点) is no decimal point.  Fresh wording, written for fresh13's
gap (tuned on)."""

from etl.warehouse.plan import extract_text


def rows(sentence, period=(2026, 2028)):
    t = extract_text("一、发展目标\n到2028年，" + sentence + "\n", period=period).targets
    return [(r.value, r.unit, r.comparator) for r in t.itertuples()]


def test_digits_with_yu_are_at_least_the_number():
    assert rows("引进知识产权服务机构20余家。") == [(20, "家", ">=")]


def test_a_chinese_numeral_with_duo_is_at_least_the_number():
    assert rows("培育地理标志商标三十多件。") == [(30, "件", ">=")]


def test_more_than_before_a_multiplier():
    assert rows("知识产权质押融资额达到5余亿元。") == [(5, "亿元", ">=")]


def test_a_word_ending_in_dian_before_a_numeral():
    assert rows("建设维权援助工作站点八个。") == [(8, "个", "=")]


def test_a_decimal_point_in_words_still_reads():
    assert rows("技术合同成交额达到二点五亿元。") == [(2.5, "亿元", "=")]
