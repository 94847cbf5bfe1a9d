"""The words of a level a text says was reached, and of an observation's unit.

A plan's background part and a news report state levels reached with their year ("2023年底，全县有效
发明专利…件", "截至2025年末…", "由2023年的…增至…"); etl.warehouse.observations keeps such a figure as a
plan-stated observation only when its year is written and its name is a level, not a change.  A
researcher's observation may write a per-capita unit with its denominator (件/万人); it is the same
unit as the indicator's.
"""

from __future__ import annotations

import re

from etl.vocab.lexicon import BASELINE_FROM, GE_BEFORE, LE_BEFORE
from etl.vocab.units import UNIT_RE

# A year stated before a figure, with its month and 底/末 when given: 2023年, 2023年底, 截至2025年5月底.
STATED_YEAR = re.compile(r"(20\d\d)\s*年\s*(?:(\d{1,2})\s*月(?:份)?)?\s*(?:底|末)?")
# A year after these is a due year (到2026年), never the date of a level.
DUE_YEAR_BEFORE = re.compile(r"(?:(?<![截止])(?:到|至)|力争|争取)\s*$")  # not 截至2025年末
# A sum over years (专利授权量累计): not one year's flow.
CUMULATIVE_WORDS = ("累计", "合计", "共计")
# Holding words (拥有中国驰名商标6件、马德里商标国际注册112件): what follows is held, not one year's flow.
HELD_WORDS = ("拥有", "共有", "有效")
# A figure of a wider area than the plan's region (全省, 全国): never the region's level.
WIDER_AREA = re.compile(r"全省|全国|省内|国内|全球")
# A figure after these is a change or a comparison (同比增长12.5%, 较上年提升2.3分, 是…的2.4倍), never a level.
CHANGE_WORDS = re.compile(r"增长|增幅|提升|提高|下降|降低|增加|减少|同比|环比|较上年|比上年|年均|翻|倍|是[^，。；]*的$")
# "A、B分别达19.6件、4.74件": the pairing is the extractor's to read; a stated level is never guessed from it.
RESPECTIVELY = "分别"
# Opens a from-to phrase: the name stands before it (有效注册商标从2015年的…增加到2020年的…).
FROM_WORD = re.compile(BASELINE_FROM)
# Words that end a name before its figure and are not part of it (全县有效发明专利达到…件).
NAME_TAIL_VERBS = re.compile(r"(?:已经|已|共计|合计|累计达到|达到了?|达|为|约|实现|总量为|共)+$")
# A floor or a ceiling (突破1万件, 超过…): not the level itself.
BOUND_WORDS = tuple(w for w in GE_BEFORE + LE_BEFORE if len(w) > 1 or w in ("超",))
BOUND_AFTER = re.compile(r"^(?:以上|以下|以内|余|多|左右)")
# Separators between the names of a list, and the edge characters a name is trimmed of.
LIST_SEPARATOR = "、"
NAME_EDGE = " \u3000，、；：:,;（）()的"
# 每万人口…拥有量39.6件、高价值发明专利拥有量15.2件: the second name leaves out the 每万人口 the first holds.
PER_CAPITA_MARKERS = ("每万", "万人", "每千", "千人", "每百", "百人")
# A partial year (前三季度, 上半年, 1至5月): a flow counted over it is not the year's.
PARTIAL_YEAR = re.compile(r"前[一二三]季度|上半年|[1-9一二三四五六七八九十]+\s*[至—\-~]\s*[1-9一二三四五六七八九十]+\s*月")
# The sentence ends these may run to.
SENTENCE_END = "。！？\n"
CLAUSE_END = "，；。！？\n"

# A per-capita unit written with its denominator: 件/万人, 件／万人, 件每万人.
PER_CAPITA_UNIT = re.compile(r"^(?P<unit>.+?)\s*(?:/|／|每)\s*(?:万人|万户|万人口|千户|百户)$")
PERCENT_SIGNS = ("%", "％")

# A figure as the extractor's span holds it (2,318件, 4.6亿元, 28%), and any figure inside a clause.
NUMBER_WITH_UNIT = re.compile(rf"^(?P<value>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                              rf"(?P<mult>[万亿千](?={UNIT_RE}))?(?P<unit>{UNIT_RE})$")
ANY_FIGURE = re.compile(rf"\d(?:[\d,.]*\d)?\s*[万亿千]?(?:{UNIT_RE})")
