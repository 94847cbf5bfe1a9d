"""Step 4b: harmonised rows → comparable numbers.

`value_std`/`unit_std` resolve multipliers (3.5万件 → 35000 件) and put money in one unit (万元).
`value_per_year` spreads a `new` target over the plan's years (an `annual` target already is one).
`value_per_10k_residents` divides by a population denominator chosen in `etl.context`, whose
figure, year, source and reliability travel with every row in `population_note`.
"""

from __future__ import annotations

import math

import pandas as pd

MONEY_TO_WAN = {"元": 1e-4, "千元": 1e-1, "万元": 1.0, "亿元": 1e4}
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}
NOT_DIVISIBLE_UNITS = {"%", "个百分点", "分", "倍"}


def standardise(value: float | None, unit: str | None, multiplier: float) -> tuple[float | None, str | None]:
    """(value as written, unit as written without multiplier) → (value_std, unit_std)."""
    if value is None or unit is None or (isinstance(value, float) and math.isnan(value)):
        return None, unit
    written = {1e4: "万", 1e8: "亿", 1e3: "千"}.get(multiplier, "") + unit
    if written in MONEY_TO_WAN:
        return round(value * MONEY_TO_WAN[written], 6), "万元"
    return round(value * multiplier, 6), unit


def split_unit(unit) -> tuple[str | None, float]:
    """A unit as written → (unit without multiplier, multiplier): 亿元 → (元, 1e8), 万件 → (件, 1e4)."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)) or not str(unit).strip():
        return None, 1.0
    unit = str(unit).strip()
    if len(unit) > 1 and unit[0] in MULTIPLIERS:
        return unit[1:], MULTIPLIERS[unit[0]]
    return unit, 1.0


def plan_years(period_start: int | None, period_end: int | None) -> int | None:
    if period_start and period_end and period_end >= period_start:
        return period_end - period_start + 1
    return None


def per_year(value_std: float | None, scope: str | None, years: int | None) -> float | None:
    if value_std is None or pd.isna(value_std):
        return None
    if scope == "annual":
        return value_std
    if scope == "new" and years:
        return round(value_std / years, 6)
    return None


def comparable_fields(row: dict, population: dict, population_notes: dict, per_capita_ids: set[str]) -> dict:
    """value_per_year and the per-10,000-residents fields of one target row (a dict of targets columns)."""
    years = plan_years(row.get("period_start"), row.get("period_end"))
    value_std = row.get("value_std")
    pop = population.get(row.get("region_id"))
    per_10k = None
    if (value_std is not None and not pd.isna(value_std) and pop and row.get("unit_std") not in NOT_DIVISIBLE_UNITS
            and row.get("scope") != "ratio" and row.get("indicator_id") not in per_capita_ids):
        per_10k = round(value_std / pop, 6)
    return {"value_per_year": per_year(value_std, row.get("scope"), years),
            "population_10k": pop, "population_note": population_notes.get(row.get("region_id")),
            "value_per_10k_residents": per_10k}


def denominator_maps(denominators: pd.DataFrame | None) -> tuple[dict, dict]:
    if denominators is None or not len(denominators):
        return {}, {}
    return (dict(zip(denominators["region_id"], denominators["population_10k"])),
            dict(zip(denominators["region_id"], denominators["population_note"])))


def add_comparable_columns(targets: pd.DataFrame, denominators: pd.DataFrame | None,
                           per_capita_ids: set[str]) -> pd.DataFrame:
    """The same fields on a whole frame (e.g. after a user replaced a denominator)."""
    pop, notes = denominator_maps(denominators)
    rows = targets.to_dict("records")
    for row in rows:
        row.update(comparable_fields(row, pop, notes, per_capita_ids))
    return pd.DataFrame(rows, columns=targets.columns)
