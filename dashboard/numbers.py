"""Numbers as a reader of each language writes them, for labels, hovers and captions: Chinese
counts in 万 and 亿 (3.5万件, 2.33亿元), English with thousands separators and million/billion
(35,000 items, 233 million yuan) — never scientific notation (2.33e+03).  No Streamlit here.

Money in the warehouse is in 万元 (etl.normalize); it is shown in 亿元 from 1亿 up, and in
English as yuan.  Units are translated through the glossary.
"""

from __future__ import annotations

import math

from dashboard.glossary import en

WAN, YI = 10_000, 100_000_000
# Money units: how many yuan one of them is.
MONEY = {"元": 1, "万元": WAN, "亿元": YI}


def _plain(value: float, digits: int = 3) -> str:
    """`value` with at most `digits` significant digits after the point trimmed: 2.33, 35, 0.05."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):d}"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _grouped(value: float) -> str:
    """12,345 or 2.92: thousands separators for large numbers, never an exponent."""
    if abs(value) >= 1000 or value == int(value):
        return f"{round(value):,d}"
    return _plain(value)


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


def format_number(value, unit: str | None = None, lang: str = "zh") -> str:
    """A number with its unit as `lang` writes it; "" for a missing value.
    format_number(23300, "万元", "zh") → 2.33亿元;  format_number(23300, "万元", "en") → 233 million yuan;
    format_number(35000, "件", "zh") → 3.5万件;  format_number(2330, "件", "en") → 2,330 items."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if value == 0:
        return f"0{unit or ''}" if lang != "en" else f"0 {en(unit or '')}".strip()
    return _en(value, unit or "") if lang == "en" else _zh(value, unit or "")
