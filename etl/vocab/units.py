"""The genre's units in one place: what a target is counted in, the multipliers written before a
unit, money, ratios, durations — and which units may stand for one another.

Used by etl.extract.clauses, etl.extract.tables, etl.harmonize.dictionary, etl.warehouse.plan and etl.normalize.comparable
(which compares money in STANDARD_MONEY_UNIT and never divides RATIO_UNITS by population).
`split_unit` here is the vocabulary's: "万件" → (1e4, "件"), money kept whole as the dictionary counts
in 万元.  etl.normalize.comparable's `unit_and_multiplier` returns the pair the other way round and
splits money too ("亿元" → ("元", 1e8)), as `standardise` needs; the two had the same name until
2026-12-06.
"""

from __future__ import annotations

import re

# Units a target is counted in.  Sorted longest first so "人次" wins over "人", "亿元" over "元".
UNITS = sorted(["个百分点", "人次", "家次", "场次", "件次", "户次", "批次", "个工作日", "工作日", "个月", "天", "日", "小时", "单",
                "起", "宗", "笔", "份", "元", "件", "家", "个", "项", "人", "名", "次", "场", "户", "所", "座", "条",
                "篇", "部", "批", "期", "门", "类", "款", "支", "套", "处", "亩", "平方米", "%", "‰", "分", "倍"], key=len, reverse=True)
UNIT_RE = "|".join(re.escape(u) for u in UNITS)
# 万亿 (a trillion: 专利密集型产业增加值1.1万亿元) is one compound multiplier, not 万 before a unit.
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "万亿": 1e12}
MULTIPLIER_WORD = {v: k for k, v in MULTIPLIERS.items()}
MONEY_TO_WAN = {"元": 1e-4, "千元": 1e-1, "万元": 1.0, "亿元": 1e4, "万亿元": 1e8}
# Money is compared in one unit, the one the dictionary counts in.
STANDARD_MONEY_UNIT = "万元"
# Units that count things (firms, people, events, items): what a plan makes or holds, never a share or a sum of money.
COUNT_UNITS = frozenset(("家", "个", "件", "项", "项次", "人", "人次", "名", "位", "次", "场", "场次", "户", "所", "座", "条",
                         "篇", "部", "批", "批次", "期", "门", "类", "款", "支", "套", "家次", "件次", "户次", "单", "起", "宗",
                         "笔", "份", "处"))
# Units whose value is a share, score or multiple: never divided by years or population.
RATIO_UNITS = ("%", "‰", "个百分点", "分", "倍")
# A share per mille (不良率控制在5‰以内) is compared as a percentage: 5‰ is 0.5 %.
PER_MILLE = "‰"
DURATION_UNITS = ("天", "日", "个工作日", "工作日", "个月", "小时")
# Indicator units that hold qualitative goals (a rank, a commitment): any value unit may sit there.
ANY_VALUE_UNITS = ("名次", "项次")


def written_unit(unit: str | None, multiplier: float) -> str | None:
    """The unit as the plan wrote it: (件, 1e4) → 万件."""
    if not unit:
        return None
    return MULTIPLIER_WORD.get(multiplier, "") + unit


def split_unit(unit: str) -> tuple[float, str]:
    """"万件" → (1e4, "件"); money keeps its multiplier ("万元" stays, as the dictionary counts in 万元)."""
    unit = unit.strip()
    if unit in MONEY_TO_WAN:
        return 1.0, unit
    if len(unit) > 1 and unit[0] in MULTIPLIERS:
        return MULTIPLIERS[unit[0]], unit[1:]
    return 1.0, unit


def unit_kind(unit: str | None) -> str | None:
    """What a unit measures: percent, score, multiple, money, duration or count (None when unknown).
    Two units of one kind may stand for one indicator (家 and 个 both count; 亿元 and 万元 are money);
    a percent never stands for a count, nor a score for a percent."""
    if not unit:
        return None
    unit = unit.strip()
    if unit in ("%", "个百分点", "％", PER_MILLE):
        return "percent"
    if unit == "分":
        return "score"
    if unit == "倍":
        return "multiple"
    if unit.endswith("元"):
        return "money"
    if unit in DURATION_UNITS:
        return "duration"
    return "count"


def units_agree(value_unit: str | None, indicator_unit: str | None) -> bool:
    """May a value written in `value_unit` be a target of an indicator counted in `indicator_unit`?"""
    if not value_unit or not indicator_unit or indicator_unit in ANY_VALUE_UNITS:
        return True
    return unit_kind(value_unit) == unit_kind(indicator_unit)
