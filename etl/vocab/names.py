"""The words an indicator name is folded by before it is matched (etl.harmonize.dictionary.normalize_name):
scope words that do not change what is measured, trailing quantity words and verbs an extractor may
leave, list markers, and the density wordings (每万人口 / 每万人 / 万人, 拥有 before or after)."""

from __future__ import annotations

import re

# Words that change scope (new, cumulative, yearly) but not which indicator is meant; the scope itself
# is read by the extractor from the sentence, not from the name.
SCOPE_WORDS = ("新增", "累计", "年度", "每年", "年均", "达到", "总数", "数量")
# Trailing quantity words: 授权量 / 授权数量 / 授权数 all name the same count.
QUANTITY_SUFFIXES = ("总额", "金额", "总量", "件数", "数", "量", "额")
# Trailing verbs an extractor may leave on the name (…企业累计达, …人才超过).
TRAILING_VERBS = ("不低于", "不少于", "超过", "以上", "达", "超", "为")
# List markers an extractor may leave at the start of a name: 1. / 2） / 二） / ② / ● …
LEADING_ENUMERATOR = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[.、)）．]|[①-⑳●○■□◆◇·•▪\-—])\s*")
# 每万人口 / 每万人 / 万人 are one density wording: folded, in this order, to DENSITY.
DENSITY_FOLDS = (("每万", "万"), ("万人口", "万人"))
DENSITY = "万人"
# 每万人拥有的高价值发明专利 / 每万人口高价值发明专利拥有量: one density, 拥有 before or after.
HELD_AFTER_DENSITY = ("拥有的", "拥有")
HELD = "拥有"
# 年融资金额, 年专题培训: a leading 年 says "per year", which is scope.
PER_YEAR = "年"
