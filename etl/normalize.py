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
NOT_DIVISIBLE_UNITS = {"%", "个百分点", "分", "倍"}


def standardise(value: float | None, unit: str | None, multiplier: float) -> tuple[float | None, str | None]:
    """(value as written, unit as written without multiplier) → (value_std, unit_std)."""
    if value is None or unit is None or (isinstance(value, float) and math.isnan(value)):
        return None, unit
    written = {1e4: "万", 1e8: "亿", 1e3: "千"}.get(multiplier, "") + unit
    if written in MONEY_TO_WAN:
        return round(value * MONEY_TO_WAN[written], 6), "万元"
    return round(value * multiplier, 6), unit


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


def add_comparable_columns(targets: pd.DataFrame, denominators: pd.DataFrame | None,
                           per_capita_ids: set[str]) -> pd.DataFrame:
    """Fill value_per_year and the per-10,000-residents columns on a targets frame."""
    out = targets.copy()
    years = [plan_years(s, e) for s, e in zip(out["period_start"], out["period_end"])]
    out["value_per_year"] = [per_year(v, sc, y) for v, sc, y in zip(out["value_std"], out["scope"], years)]
    pop = {}
    note = {}
    if denominators is not None and len(denominators):
        pop = dict(zip(denominators["region_id"], denominators["population_10k"]))
        note = dict(zip(denominators["region_id"], denominators["population_note"]))
    out["population_10k"] = [pop.get(r) for r in out["region_id"]]
    out["population_note"] = [note.get(r) for r in out["region_id"]]

    def per_10k(row) -> float | None:
        if row.value_std is None or pd.isna(row.value_std) or not row.population_10k:
            return None
        if row.unit_std in NOT_DIVISIBLE_UNITS or row.scope == "ratio" or row.indicator_id in per_capita_ids:
            return None
        return round(row.value_std / row.population_10k, 6)

    out["value_per_10k_residents"] = [per_10k(r) for r in out.itertuples()]
    return out
