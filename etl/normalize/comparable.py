"""Step 4b: harmonised rows → comparable numbers, and how each was obtained.

`value_std`/`unit_std` resolve multipliers (3.5万件 → 35000 件) and put money in one unit (万元).

Comparability is decided here, in the ETL, not in a chart:
  * `comparability` names what a value is: indicator · scope · unit.  Two targets are
    *comparable* when their `comparability` is equal; *related* when they only share a family.
  * `value_per_year` spreads a `new` target over the plan's length in months (盐城 2022-08 to
    2025-06 is 35 months, 2.92 years, not four calendar years); an `annual` target already is one;
    a `stock` target becomes a yearly increment only when the plan gives its baseline
    (由162人增至250人 → 88 人 over the plan).  Never stock ↔ new otherwise.
  * `value_per_10k_residents` divides people, firms and money (PER_10K_COUNTS) by a population
    chosen in `etl.normalize.context`; a per-capita indicator (每万人…) is shown as it is, never divided again;
    institution counts, rates and rights counts are not divided.
  * every converted value says how it was derived (`per_year_from`, `per_10k_from`, both in
    `derived_from`), so hover text, tables and downloads carry the arithmetic.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from etl.harmonize.dictionary import harmonizer
from etl.vocab import derivations  # the texts each derivation is told in
from etl.vocab.population import POPULATION_UNIT
from etl.vocab.time import PHASE_MONTHS
from etl.vocab.units import (  # one home for the genre's units
    MONEY_TO_WAN,
    MULTIPLIER_WORD,
    MULTIPLIERS,
    PER_MILLE,
    RATIO_UNITS,
    STANDARD_MONEY_UNIT,
)

# Shares, scores and multiples: never divided by population.
NOT_DIVISIBLE_UNITS = set(RATIO_UNITS)
# What a per-10,000-residents figure means something for: people, firms and money.  A count of
# institutions (centres, agencies, parks), of rights, cases or events per resident is not a
# measure any plan or statistic uses, so it is left empty rather than invented.
PER_10K_COUNTS = frozenset({"people", "firms", "money"})


def standardise(value: float | None, unit: str | None, multiplier: float) -> tuple[float | None, str | None]:
    """(value as written, unit as written without multiplier) → (value_std, unit_std)."""
    if value is None or unit is None or (isinstance(value, float) and math.isnan(value)):
        return None, unit
    written = MULTIPLIER_WORD.get(multiplier, "") + unit
    if written == PER_MILLE:
        return round(value / 10, 6), "%"
    if written in MONEY_TO_WAN:
        return round(value * MONEY_TO_WAN[written], 6), STANDARD_MONEY_UNIT
    return round(value * multiplier, 6), unit


def unit_and_multiplier(unit) -> tuple[str | None, float]:
    """A unit as written → (unit without multiplier, multiplier): 亿元 → (元, 1e8), 万件 → (件, 1e4)."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)) or not str(unit).strip():
        return None, 1.0
    unit = str(unit).strip()
    if len(unit) > 1 and unit[0] in MULTIPLIERS:
        return unit[1:], MULTIPLIERS[unit[0]]
    return unit, 1.0


def _blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# ── the plan's length, month-accurate ──────────────────────────────────────────────────────
def _month_index(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def phase_span(text: str) -> tuple[str, str] | None:
    """First and last month (YYYY-MM) of the plan's own phases (…阶段（2022年8月—2022年9月）), if any."""
    months = []
    for m in PHASE_MONTHS.finditer(text or ""):
        months.append((int(m.group(1)), int(m.group(2))))
        months.append((int(m.group(3) or m.group(1)), int(m.group(4) or m.group(2))))
    months = [(y, mo) for y, mo in months if 1 <= mo <= 12]
    if not months:
        return None
    return f"{min(months)[0]}-{min(months)[1]:02d}", f"{max(months)[0]}-{max(months)[1]:02d}"


def plan_window(period_start, period_end, phases: tuple[str, str] | None = None,
                date: str | None = None) -> tuple[str, str, str] | None:
    """(first month, last month, how they were found) of a plan.

    The plan's own phases decide when it has them; otherwise January of the first plan year (or
    the month of the document's date, when it falls later in that year) to December of the last.
    """
    if _blank(period_start) or _blank(period_end) or int(period_end) < int(period_start):
        return None
    if phases:
        return phases[0], phases[1], derivations.WINDOW_FROM_PHASES
    start, basis = f"{int(period_start)}-01", derivations.WINDOW_WHOLE_YEARS
    if isinstance(date, str) and date[:4] == str(int(period_start)) and len(date) >= 7:
        start, basis = date[:7], derivations.WINDOW_FROM_DOCUMENT_DATE
    return start, f"{int(period_end)}-12", basis


def window_years(window: tuple[str, str, str] | None) -> float | None:
    if not window:
        return None
    months = _month_index(window[1]) - _month_index(window[0]) + 1
    return months / 12 if months > 0 else None


def row_window(row: dict) -> tuple[str, str, str] | None:
    start, end = row.get("period_start"), row.get("period_end")
    if _blank(start) or _blank(end):
        return None
    first, last = row.get("plan_start_month"), row.get("plan_end_month")
    whole_years = plan_window(int(start), int(end))
    if isinstance(first, str) and isinstance(last, str) and first and last:  # the plan's own, from extract_text
        return first, last, whole_years[2] if (first, last) == whole_years[:2] else derivations.WINDOW_FROM_PLAN_MONTHS
    return whole_years  # nothing better known: whole calendar years


# ── conversions ─────────────────────────────────────────────────────────────────────────────
def plan_years(period_start: int | None, period_end: int | None) -> int | None:
    """Whole calendar years of a period (kept for callers that only know the years)."""
    if period_start and period_end and period_end >= period_start:
        return period_end - period_start + 1
    return None


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _window_text(window, years: float) -> str:
    return derivations.PLAN_YEARS.format(years=years, first=window[0], last=window[1], basis=window[2])


def per_year(value_std, scope, years, baseline=None, unit: str = "", window=None) -> tuple[float | None, str | None]:
    """(value per plan year, how it was derived).  new ÷ years; annual as is; stock with a
    baseline: (target − baseline) ÷ years; anything else has no honest yearly figure."""
    if _blank(value_std):
        return None, None
    if scope == "annual":
        return float(value_std), derivations.PER_YEAR_ANNUAL
    if not years:
        return None, None
    if scope == "new":
        return round(value_std / years, 6), derivations.PER_YEAR_NEW.format(
            value=_num(value_std), unit=unit, plan_years=_window_text(window, years))
    if scope == "stock" and not _blank(baseline) and value_std >= baseline:
        growth = value_std - baseline
        return round(growth / years, 6), derivations.PER_YEAR_STOCK.format(
            baseline=_num(baseline), target=_num(value_std), growth=_num(growth), unit=unit,
            plan_years=_window_text(window, years))
    return None, None


@lru_cache(maxsize=4096)
def indicator_measure(indicator_id: str) -> dict:
    """per_capita, counts and nature of a named or derived indicator (etl.harmonize.dictionary); {} for none."""
    found = harmonizer().find(indicator_id)
    return {"per_capita": found.per_capita, "counts": found.counts, "nature": found.nature} if found else {}


def per_10k(row: dict, value_std, pop, per_capita_ids) -> tuple[float | None, str | None, str | None]:
    """(value per 10,000 residents, its unit, how it was derived)."""
    if _blank(value_std):
        return None, None, None
    unit = row.get("unit_std") or ""
    info = indicator_measure(row.get("indicator_id") or "")
    if row.get("indicator_id") in per_capita_ids or info.get("per_capita"):
        return float(value_std), unit, derivations.PER_10K_ALREADY
    counts = info.get("counts")
    if (not pop or unit in NOT_DIVISIBLE_UNITS or row.get("scope") == "ratio"
            or (counts is not None and counts not in PER_10K_COUNTS)):
        return None, None, None
    unit_10k = derivations.PER_10K_UNIT.format(unit=unit, population_unit=POPULATION_UNIT)
    how = derivations.PER_10K_DIVIDED.format(value=_num(value_std), unit=unit, population=_num(pop),
                                             population_unit=POPULATION_UNIT)
    return round(value_std / pop, 6), unit_10k, how


def comparability_key(row: dict) -> str | None:
    """indicator · scope · unit: two targets with the same key measure the same thing the same way."""
    if not row.get("indicator_id") or bool(row.get("qualitative")) or _blank(row.get("value_std")):
        return None
    return f"{row['indicator_id']}·{row.get('scope') or ''}·{row.get('unit_std') or ''}"


def comparable_fields(row: dict, population: dict, population_notes: dict, per_capita_ids: set[str]) -> dict:
    """The comparable numbers of one target row (a dict of targets columns) and how each was derived."""
    window = row_window(row)
    years = window_years(window)
    value_std = row.get("value_std")
    pop = population.get(row.get("region_id"))
    pop = None if _blank(pop) else pop
    yearly, yearly_from = per_year(value_std, row.get("scope"), years, row.get("baseline"),
                                   row.get("unit_std") or "", window)
    value_10k, unit_10k, from_10k = per_10k(row, value_std, pop, per_capita_ids)
    if from_10k and pop and "÷" in from_10k:  # which figure, which year (the full note is in population_note)
        note = population_notes.get(row.get("region_id")) or derivations.POPULATION_SOURCE_UNKNOWN
        from_10k += derivations.PER_10K_POPULATION.format(note=", ".join(note.split(", ")[:2]))
    derived = derivations.DERIVATION_SEPARATOR.join(
        derivations.DERIVATION_PART.format(label=label, text=text)
        for label, text in ((derivations.PER_YEAR_LABEL, yearly_from), (derivations.PER_10K_LABEL, from_10k)) if text)
    return {"value_per_year": yearly, "population_10k": pop,
            "population_note": population_notes.get(row.get("region_id")),
            "value_per_10k_residents": value_10k, "unit_per_10k": unit_10k,
            "plan_start_month": window[0] if window else None, "plan_end_month": window[1] if window else None,
            "plan_years": years, "comparability": comparability_key(row),
            "per_year_from": yearly_from, "per_10k_from": from_10k, "derived_from": derived or None}


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
