"""One decision for every page and chart: what a region has for an indicator (or a family) under the
measure shown — its target (in the main series), a related measure (same family, another indicator,
scope or unit), words only, a target whose required yearly change is unknown (no starting level), a
target this measure cannot show, or nothing (`target_status`).
The indicator, compare and standing pages and every chart ask it, so no page says "no target" for a
region whose plan sets a related measure.

Plain functions over rows: no SQL, no Streamlit (charts import this; services.comparisons
re-exports it for the pages).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from dashboard.i18n import scope_label

# What a region has for one indicator (or family) under the measure shown: target_status.
TARGET = "target"                  # a number in the main series: drawn and ranked with the others
RELATED = "related"                # a number of a related measure only (same family): drawn apart, named
QUALITATIVE = "qualitative"        # words only, no number
NOT_APPLICABLE = "not_applicable"  # a number this measure cannot show (per 10,000 of a count of bodies …)
NONE = "none"                      # nothing in the family at all: the only "no target"
NO_START = "no_start"              # a number, but no level known at or before the plan's start: its required
                                   # yearly change (measure "ambition") is unknown (add_measure's shown_missing)


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
    QUALITATIVE, NO_START, NOT_APPLICABLE or NONE.  A number of any other series of the family is RELATED,
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
    if any(r.get("shown_missing") == NO_START for r in rows):
        return NO_START
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
