"""The one formatter for every number a person reads — bar labels, axis ticks, hovers, captions,
tables and the display columns of downloads: Chinese counts in 万 and 亿 (3.5万件, 2.33亿元),
English in k/M/bn on the right base (35k items; money converted from 万元 to yuan first: ¥2.33bn,
never "300000 10,000 yuan") — never scientific notation (2.33e+03).  No Streamlit here.

Money in the warehouse is in 万元 (etl.normalize.comparable); it is shown in 亿元 from 1亿 up, and in
English as ¥ with k/M/bn.  Units are translated through the glossary.  Downloads keep the raw value
in its own column beside the written one (display_columns).
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


COMPACT_FROM = 10_000  # where English writes 35k, as Chinese writes 3.5万 (below: 2,330)


def _en_count(value: float) -> str:
    """2,330 · 35k · 1.2M · 4.5bn: English for a count, in step with 万/亿."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= max(size, COMPACT_FROM):
            return f"{_plain(value / size)}{suffix}"
    return _grouped(value)


def _en(value: float, unit: str) -> str:
    if unit in MONEY:
        return _compact_yuan(value * MONEY[unit])
    if unit == "%":
        return f"{_plain(value)}%"
    word = en(unit)
    if abs(value) == 1:  # "1 unit", "1 firm", "1 person": the data page read "1 units"
        word = "person" if word == "people" else (word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return f"{_en_count(value)} {word}".strip()


def _per(denominator: str, lang: str) -> str:
    """The "per …" tail of a compound unit (件/万人, 万元/年)."""
    if not denominator:
        return ""
    if lang != "en":
        return f"/{denominator}"
    return f" per {PER_WORDS.get(denominator) or en(denominator).removeprefix('per ')}"


# The units of a required yearly change (etl.api.REQUIRED_CHANGE_UNITS, the measure "ambition"):
# code → (Chinese, English) as a number is written with it, as a title states it, as a bar reads it.
# {v}: the number.  A level's compound growth is a percentage a year; a share's, points a year; a
# flow's, a multiple of the yearly flow observed before the plan.
CHANGE_WRITTEN = {"%/yr": ("{v}%/年", "{v} %/yr"), "points/yr": ("{v}个百分点/年", "{v} points/yr"),
                  "x observed yearly flow": ("{v}倍于已观测年流量", "{v}× observed yearly flow")}
CHANGE_TITLE = {"%/yr": ("%/年", "%/yr"), "points/yr": ("个百分点/年", "points/yr"),
                "x observed yearly flow": ("倍于已观测年流量", "× observed yearly flow")}
CHANGE_LABEL = {"%/yr": "{v}%", "points/yr": "{v}", "x observed yearly flow": "{v}×"}


def _change(value: float, unit: str, lang: str, forms: dict) -> str:
    form = forms[unit]
    form = form if isinstance(form, str) else (form[1] if lang == "en" else form[0])
    return form.format(v=_plain(round(value, 1)) if value else "0")


def format_number(value, unit: str | None = None, lang: str = "zh") -> str:
    """A number with its unit as `lang` writes it; "" for a missing value.
    format_number(23300, "万元", "zh") → 2.33亿元;  format_number(23300, "万元", "en") → 233 million yuan;
    format_number(35000, "件", "zh") → 3.5万件;  format_number(2330, "件", "en") → 2,330 items.
    A compound unit scales its numerator only: format_number(23300, "万元/万人") → 2.33亿元/万人."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    value = float(value)
    if unit in CHANGE_WRITTEN:
        return _change(value, unit, lang, CHANGE_WRITTEN)
    numerator, _slash, denominator = (unit or "").partition("/")
    if value == 0:
        head = f"0{numerator}" if lang != "en" else ("¥0" if numerator in MONEY else f"0 {en(numerator)}".strip())
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
    if unit in CHANGE_TITLE:
        return CHANGE_TITLE[unit][1 if lang == "en" else 0]
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
    if unit in CHANGE_LABEL:
        return _change(value, unit, lang, CHANGE_LABEL)
    if numerator in MONEY:
        return format_number(value, numerator, lang)
    return format_number(value, "", lang)


def _comparator_sign(comparator) -> str:
    from etl.api import COMPARATOR_CODES

    code = COMPARATOR_CODES.get(comparator) if isinstance(comparator, str) else None
    return code[1] if code and code[0] in ("ge", "le", "approx") else ""


def written_value(value, unit: str | None, comparator: str | None = None, lang: str = "zh") -> str:
    """A target as a table cell or a bar label reads it: sign, number and unit (≥30亿元, ≥¥3bn)."""
    number = format_number(value, unit, lang)
    return f"{_comparator_sign(comparator)}{number}" if number else ""


# The display columns of a table of targets: (column, raw value column, its unit) — the raw value
# stays in its own column for downloads; the screen shows the written one.
DISPLAY_COLUMNS = (("value_text", "value_std", "unit_std"), ("baseline_text", "baseline", "unit_std"),
                   ("per_year_text", "value_per_year", "/年"), ("per_10k_text", "value_per_10k_residents", "/万人"))


def _unit_of(frame: pd.DataFrame, column: str, unit: str) -> pd.Series:
    base = frame["unit_std"].fillna("").astype(str) if "unit_std" in frame else pd.Series("", index=frame.index)
    if column == "value_per_10k_residents" and "unit_per_10k" in frame:
        return frame["unit_per_10k"].where(frame["unit_per_10k"].notna(), base + unit)
    return base if unit == "unit_std" else base + unit


def display_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The written form (written_value) of each number column a table of targets holds, one text
    column each (DISPLAY_COLUMNS), on `frame`'s index; the comparator goes with the target value."""
    out = pd.DataFrame(index=frame.index)
    for name, column, unit in DISPLAY_COLUMNS:
        if column not in frame:
            continue
        units = _unit_of(frame, column, unit)
        comparators = frame["comparator"] if column == "value_std" and "comparator" in frame else [None] * len(frame)
        out[name] = pd.Series([written_value(v, u, c, lang) or None for v, u, c in zip(frame[column], units, comparators)],
                              index=frame.index, dtype=object)
    return out


def shown_as_text(table: pd.DataFrame) -> list[str]:
    """The raw number columns of a table whose written column (display_columns) is beside them: a
    screen shows the written one, a download keeps both.  The comparator and the unit go with the
    written target value."""
    raw = [column for name, column, _u in DISPLAY_COLUMNS if name in table and column in table]
    if "value_text" in table:
        raw += [column for column in ("comparator", "unit_std") if column in table]
    return raw
