"""Comparisons: what a page does with the targets a query returned before it draws them.

A session's uploaded plans join the warehouse's targets under the same filters; a user's own
population figure replaces a region's denominator (recomputed by the ETL's own rule); the measure
shown (absolute, per 10,000 residents, per plan year) is chosen; and each target gets the series
it may be drawn in — equal series are comparable (same indicator, same basis, same unit).

One decision for every page: what a region has for an indicator (or a family) under the measure
shown — its target (in the main series), a related measure (same family, another indicator,
scope or unit), words only, a target this measure cannot show, or nothing (`target_status`).
The indicator, compare and standing pages and every chart ask it, so no page says "no target"
for a region whose plan sets a related measure.
No SQL and no Streamlit here: dashboard/queries.py asks, the pages compose.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from dashboard.i18n import scope_label
from dashboard.queries import MEASURE_COLUMNS, MEASURES
from etl.harmonize.dictionary import per_capita_ids
from etl.normalize.comparable import add_comparable_columns

__all__ = ["MEASURES", "NONE", "NOT_APPLICABLE", "QUALITATIVE", "RELATED", "TARGET", "add_measure", "fetch_subject",
           "main_series", "panels_by_regions_with_numbers", "series_key", "statuses", "target_status",
           "with_comparability", "with_population_overrides", "with_roles", "with_uploaded"]

# What a region has for one indicator (or family) under the measure shown: target_status.
TARGET = "target"                  # a number in the main series: drawn and ranked with the others
RELATED = "related"                # a number of a related measure only (same family): drawn apart, named
QUALITATIVE = "qualitative"        # words only, no number
NOT_APPLICABLE = "not_applicable"  # a number this measure cannot show (per 10,000 of a count of bodies …)
NONE = "none"                      # nothing in the family at all: the only "no target"


def with_uploaded(frame: pd.DataFrame, uploaded: pd.DataFrame | None,
                  category: str | None = None, family: str | None = None,
                  indicator_id: str | None = None) -> pd.DataFrame:
    """Append a user's uploaded targets (same columns as `targets`) under the same filters.

    Uploaded rows carry origin 'uploaded' (or 'manual' where a person corrected them on the
    upload page) and no source link into our documents.
    """
    if uploaded is None or not isinstance(uploaded, pd.DataFrame) or uploaded.empty:
        return frame
    extra = uploaded.copy()
    for column, wanted in (("category", category), ("family", family), ("indicator_id", indicator_id)):
        if wanted and column in extra.columns:
            extra = extra[extra[column] == wanted]
    if extra.empty:
        return frame
    extra = extra.reindex(columns=frame.columns)
    # A row a person corrected on the upload page stays "manual"; the rest are "uploaded".
    extra["origin"] = extra["origin"].where(extra["origin"] == "manual", "uploaded")
    if "region_en" in extra.columns and "region_zh" in extra.columns:
        extra["region_en"] = extra["region_en"].fillna(extra["region_zh"])
    if frame.empty:
        return extra.reset_index(drop=True)
    return pd.concat([frame, extra], ignore_index=True)


def with_population_overrides(frame: pd.DataFrame, overrides: dict[str, float]) -> pd.DataFrame:
    """Replace a region's population denominator with a figure the user supplied (万人), recomputing
    value_per_10k_residents for its rows; the note says whose figure it is and what it replaced.
    Rows the ETL does not divide (ratios, per-capita indicators) stay empty."""
    overrides = {r: p for r, p in (overrides or {}).items() if p and p > 0 and r in set(frame.get("region_id", []))}
    if not overrides or frame.empty:
        return frame
    # Recomputed by the ETL's own rule (etl.normalize.comparable.comparable_fields), so a region the ETL had no
    # denominator for gets its per-capita figures too, and what may be divided stays one decision.
    notes = {}
    for region_id, population in overrides.items():
        replaced = frame.loc[frame["region_id"] == region_id, "population_note"].dropna()
        notes[region_id] = f"user-supplied figure: {population:g} 万人" + (
            f" (replaces: {replaced.iloc[0]})" if len(replaced) else "")
    denominators = pd.DataFrame({"region_id": list(overrides), "population_10k": list(overrides.values()),
                                 "population_note": [notes[r] for r in overrides]})
    chosen = frame["region_id"].isin(overrides)
    recomputed = add_comparable_columns(frame[chosen], denominators, set(per_capita_ids()))
    recomputed.index = frame.index[chosen]
    return pd.concat([frame[~chosen], recomputed]).loc[frame.index]


def add_measure(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Add `shown_value` and `shown_unit` for the chosen measure (absolute/per10k/peryear)."""
    column = MEASURE_COLUMNS[measure]
    out = frame.copy()
    out["shown_value"] = pd.to_numeric(out[column], errors="coerce")
    unit = out["unit_std"].fillna("").astype(str)
    if measure == "per10k":
        unit = unit + "/万人"
    elif measure == "peryear":
        unit = unit + "/年"
    out["shown_unit"] = unit
    return out


def panels_by_regions_with_numbers(frame: pd.DataFrame, panels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Panels (family, label) ordered by how many regions have a number in them for the
    measure shown (frame from add_measure), most first; ties keep their given order.
    The families that actually compare regions come first."""
    numeric = frame[~frame["qualitative"].fillna(False).astype(bool) & frame["shown_value"].notna()]
    regions_with_number = numeric.groupby("family")["region_id"].nunique().to_dict()
    return sorted(panels, key=lambda panel: -regions_with_number.get(panel[0], 0))


def with_comparability(frame: pd.DataFrame, measure: str, main_indicator: str | None = None) -> pd.DataFrame:
    """After add_measure: `series` (targets with equal series are comparable for this measure:
    same indicator, same basis, same unit), `role` (with_roles: main series or related measure, per
    family, `main_indicator` first), `shown_from` (how the shown value was derived, from the ETL's
    per_year_from / per_10k_from) and, per 10,000 residents, the ETL's own unit (a per-capita
    indicator keeps 件, it is not divided again)."""
    out = frame.copy()
    if out.empty:
        return out.assign(series=pd.Series(dtype=object), shown_from=pd.Series(dtype=object),
                          role=pd.Series(dtype=object))
    indicator = out["indicator_id"].fillna(out["indicator_zh"]).fillna(out["raw_name"]).fillna("").astype(str)
    if measure == "per10k" and "unit_per_10k" in out:
        out["shown_unit"] = out["unit_per_10k"].where(out["unit_per_10k"].notna(), out["shown_unit"])
    basis = "per_year" if measure == "peryear" else out["scope"].fillna("").astype(str)
    out["series"] = indicator + "·" + basis + "·" + out["shown_unit"].fillna("").astype(str)
    source = {"absolute": None, "per10k": "per_10k_from", "peryear": "per_year_from"}[measure]
    out["shown_from"] = out[source] if source and source in out else None
    return with_roles(out, main_indicator)


# --- target / related measure / none: the one decision ----------------------------------------

def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _qualitative(row: dict) -> bool:
    value = row.get("qualitative")
    return bool(value) and not _missing(value)


def has_number(row: dict) -> bool:
    """A numeric target with a value under the measure shown (add_measure's shown_value)."""
    return not _qualitative(row) and not _missing(row.get("shown_value"))


def series_key(row: dict) -> str:
    """Targets with equal keys are comparable (with_comparability's `series`; without it: indicator,
    scope and the shown unit)."""
    series = row.get("series")
    if isinstance(series, str) and series:
        return series
    name = row.get("indicator_id") or row.get("indicator_zh") or row.get("raw_name")
    return f"{name}·{row.get('scope')}·{row.get('shown_unit')}"


def main_series(rows: Iterable[dict], main_indicator: str | None = None) -> str | None:
    """The series a panel (a family) or a chart (one indicator) compares regions in: rows a page
    marked role "main" (with_roles) decide; else, among the rows of `main_indicator` when it has
    any, the series most regions share (ties: the first met, rows in the order given)."""
    numeric = [r for r in rows if has_number(r)]
    marked = [r for r in numeric if r.get("role") == "main"]
    if marked:
        return series_key(marked[0])
    if main_indicator and any(r.get("indicator_id") == main_indicator for r in numeric):
        numeric = [r for r in numeric if r.get("indicator_id") == main_indicator]
    regions: dict[str, set] = {}
    for r in numeric:
        regions.setdefault(series_key(r), set()).add(r.get("region_id"))
    return max(regions, key=lambda key: len(regions[key])) if regions else None


def target_status(region_rows: Iterable[dict], main: str | None) -> str:
    """What one region has in a panel whose main series is `main` (main_series): TARGET, RELATED,
    QUALITATIVE, NOT_APPLICABLE or NONE.  A number of any other series of the family is RELATED,
    never "no target"."""
    rows = list(region_rows)
    if not rows:
        return NONE
    if any(has_number(r) and series_key(r) == main for r in rows):
        return TARGET
    if any(has_number(r) for r in rows):
        return RELATED
    if all(_qualitative(r) for r in rows):
        return QUALITATIVE
    return NOT_APPLICABLE


def statuses(rows: Iterable[dict], region_ids: Iterable[str], main_indicator: str | None = None) -> dict[str, str]:
    """target_status for each region of a panel (rows: the family's targets, after add_measure)."""
    rows = list(rows)
    main = main_series(rows, main_indicator)
    by_region: dict[str, list[dict]] = {}
    for r in rows:
        by_region.setdefault(r.get("region_id"), []).append(r)
    return {rid: target_status(by_region.get(rid, []), main) for rid in region_ids}


def with_roles(frame: pd.DataFrame, main_indicator: str | None = None) -> pd.DataFrame:
    """`role` per row: "main" for the rows of its family's main series (main_series: of
    `main_indicator` where the family holds it, else the series most regions share), "related" for
    the family's other numbers, empty for words and values the measure cannot show.
    Plain Python over records: a pandas group loop cost ~0.3 s a rerun on the compare page."""
    out = frame.copy()
    if out.empty:
        return out.assign(role=pd.Series(dtype=object))
    needed = ["family", "series", "indicator_id", "indicator_zh", "raw_name", "scope", "shown_unit", "qualitative",
              "shown_value", "region_id"]
    rows = out[[c for c in needed if c in out]].to_dict("records")  # all ~90 columns cost 15 ms
    by_family: dict[str, list[dict]] = {}
    for r in rows:
        by_family.setdefault(str(r.get("family") or ""), []).append(r)
    mains = {family: main_series(members, main_indicator) for family, members in by_family.items()}
    out["role"] = [(("main" if series_key(r) == mains[str(r.get("family") or "")] else "related")
                    if has_number(r) else None) for r in rows]
    return out


def fetch_subject(subject: str, indicators: pd.DataFrame) -> tuple[dict[str, str], str | None]:
    """What the indicator page fetches for a subject ("<indicator_id>" or "family:<family>"): the
    whole family, so a region whose plan sets a related measure is drawn as one (never "no target"),
    and the indicator drawn as the main series (None for a family)."""
    if subject.startswith("family:"):
        return {"family": subject.removeprefix("family:")}, None
    match = indicators.loc[indicators["indicator_id"] == subject, "family"] if "family" in indicators else []
    family = match.iloc[0] if len(match) else None
    if isinstance(family, str) and family:
        return {"family": family}, subject
    return {"indicator_id": subject}, subject


def status_outside_series(region_rows: pd.DataFrame, lang: str) -> tuple[str, str]:
    """Why a region has no place in a ranking of one series (the standing page): its status in the
    subject's family (rows: its targets there, after add_measure) and the related measures it sets,
    named in `lang` ("" when none) — the same decision the charts draw."""
    rows = region_rows.to_dict("records") if isinstance(region_rows, pd.DataFrame) else list(region_rows)
    status = target_status(rows, None)
    names = []
    for r in rows:
        if has_number(r):
            name = (r.get("indicator_en") if lang == "en" else None) or r.get("indicator_zh") or r.get("raw_name")
            scope = r.get("scope")
            if isinstance(name, str) and isinstance(scope, str) and scope:
                name += f" ({scope_label(scope, lang, short=True)})" if lang == "en" else f"（{scope_label(scope, lang, short=True)}）"
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return status, ("; " if lang == "en" else "；").join(names)
