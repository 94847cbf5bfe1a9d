"""Numbers as a reader of each language writes them, for labels, hovers and captions: Chinese
counts in 万 and 亿 (3.5万件, 2.33亿元), English with thousands separators and million/billion
(35,000 items, 233 million yuan) — never scientific notation (2.33e+03).  No Streamlit here.

Money in the warehouse is in 万元 (etl.normalize.comparable); it is shown in 亿元 from 1亿 up, and in
English as yuan.  Units are translated through the glossary.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.glossary import en

WAN, YI = 10_000, 100_000_000
# Money units: how many yuan one of them is.
MONEY = {"元": 1, "万元": WAN, "亿元": YI}
# Denominators of the dashboard's derived units (services.comparisons.add_measure) the glossary does not name.
# 万人 in a per-capita unit is always the resident population (the glossary says "per 10,000 residents")
PER_WORDS = {"年": "year", "万人": "10,000 residents"}


def _plain(value: float, digits: int = 3) -> str:
    """`value` with at most `digits` significant digits after the point trimmed: 2.33, 35, 0.05."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):d}"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))
    text = f"{value:.{decimals}f}"
    # Trailing zeros go only after a decimal point (2330.5 → "2330", never "233").
    return text.rstrip("0").rstrip(".") if "." in text else text


def _grouped(value: float) -> str:
    """12,345 or 2.92: thousands separators for large numbers, never an exponent."""
    if abs(value) >= 1000 or value == int(value):
        return f"{round(value):,d}"
    return _plain(value)


def plain_number(value) -> str:
    """A number for a reader of either language: 35,000 or 2.92, never an exponent; "" when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _grouped(float(value))


def _zh(value: float, unit: str) -> str:
    if unit in MONEY:
        yuan = value * MONEY[unit]
        if abs(yuan) >= YI:
            return f"{_plain(yuan / YI)}亿元"
        return f"{_plain(yuan / WAN)}万元" if abs(yuan) >= WAN else f"{_plain(yuan)}元"
    if unit == "%":
        return f"{_plain(value)}%"
    if abs(value) >= YI:
        return f"{_plain(value / YI)}亿{unit}"
    if abs(value) >= WAN:
        return f"{_plain(value / WAN)}万{unit}"
    return f"{_plain(value)}{unit}"


def _en(value: float, unit: str) -> str:
    if unit in MONEY:
        value, unit_en = value * MONEY[unit], "yuan"
    else:
        unit_en = en(unit)
    if unit == "%":
        return f"{_plain(value)}%"
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{_plain(value / size)} {word} {unit_en}".strip()
    return f"{_grouped(value)} {unit_en}".strip()


def _per(denominator: str, lang: str) -> str:
    """The "per …" tail of a compound unit (件/万人, 万元/年)."""
    if not denominator:
        return ""
    if lang != "en":
        return f"/{denominator}"
    return f" per {PER_WORDS.get(denominator) or en(denominator).removeprefix('per ')}"


def format_number(value, unit: str | None = None, lang: str = "zh") -> str:
    """A number with its unit as `lang` writes it; "" for a missing value.
    format_number(23300, "万元", "zh") → 2.33亿元;  format_number(23300, "万元", "en") → 233 million yuan;
    format_number(35000, "件", "zh") → 3.5万件;  format_number(2330, "件", "en") → 2,330 items.
    A compound unit scales its numerator only: format_number(23300, "万元/万人") → 2.33亿元/万人."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    value = float(value)
    numerator, _slash, denominator = (unit or "").partition("/")
    if value == 0:
        head = f"0{numerator}" if lang != "en" else f"0 {en(numerator)}".strip()
    else:
        head = _en(value, numerator) if lang == "en" else _zh(value, numerator)
    return head + _per(denominator, lang)


def _compact_yuan(yuan: float) -> str:
    """¥6bn, ¥350M, ¥20k: money short enough for a tick or a bar's label in English."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(yuan) >= size:
            return f"¥{_plain(yuan / size)}{suffix}"
    return f"¥{_plain(yuan)}"


def title_unit(unit: str | None, lang: str = "zh") -> str:
    """A chart's unit as its title states it, in the terms its labels use: English money labels
    carry ¥ with k/M/bn (axis_number), so the title says "yuan per 10,000 residents", not the
    stored "10,000 yuan per 10,000 residents" beside a bar reading ¥23.3M."""
    if not unit:
        return ""
    numerator, _, denominator = unit.partition("/")
    if lang == "en" and numerator in MONEY:
        return en("元") + _per(denominator, lang)
    return en(unit) if lang == "en" else unit


def axis_number(value: float, unit: str | None, lang: str = "zh") -> str:
    """A tick or a bar's label: the number in 万/亿 (thousands separators in English) without a
    counted unit, which the axis title gives; money carries its unit (60亿元, ¥6bn), as "60亿" or
    "600k" under a 万元 title would read as 60亿万元."""
    numerator = (unit or "").partition("/")[0]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value == 0:
        return "0"
    if numerator in MONEY:
        return _compact_yuan(value * MONEY[numerator]) if lang == "en" else format_number(value, numerator, lang)
    return format_number(value, "", lang)
