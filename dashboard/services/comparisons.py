"""Comparisons: what a page does with the targets a query returned before it draws them.

A session's uploaded plans join the warehouse's targets under the same filters; a user's own
population figure replaces a region's denominator (recomputed by the ETL's own rule); the measure
shown (absolute, per 10,000 residents, per plan year) is chosen; and each target gets the series
it may be drawn in — equal series are comparable (same indicator, same basis, same unit).

The one decision "target / related measure / none" lives in dashboard.series (plain functions
over rows, so the charts ask it too without reaching the SQL); it is re-exported here for the pages.
No SQL and no Streamlit here: dashboard/queries.py asks, the pages compose.
"""

from __future__ import annotations

import pandas as pd

from dashboard import queries
from dashboard.numbers import format_number
from dashboard.queries import MEASURE_COLUMNS, MEASURES
from dashboard.series import (
    NO_START,
    NONE,
    NOT_APPLICABLE,
    QUALITATIVE,
    RELATED,
    TARGET,
    fetch_subject,
    main_series,
    series_key,
    status_outside_series,
    statuses,
    target_status,
    with_roles,
)
from dashboard.services.groups import Drawn
from etl.api import add_comparable_columns, per_capita_ids

__all__ = ["MEASURES", "NO_START", "NONE", "NOT_APPLICABLE", "QUALITATIVE", "RELATED", "TARGET", "add_measure", "fetch_subject", "group_targets",
           "main_series", "panels_by_regions_with_numbers", "series_key", "status_outside_series", "statuses", "target_status",
           "with_comparability", "with_population_overrides", "with_required_change", "with_roles", "with_uploaded",
           "coverage_with_uploads"]


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


def group_targets(drawn: Drawn, uploaded: pd.DataFrame | None, category: str | None = None,
                  family: str | None = None, indicator_id: str | None = None) -> pd.DataFrame:
    """The targets of the regions a chart draws, under the page's filter, each region filtered once
    where its rows live: the warehouse's regions in SQL (only their rows are fetched), this
    session's uploads by region id (they are in the session, not the warehouse)."""
    frame = queries.targets(category=category, family=family, indicator_id=indicator_id, region_ids=drawn.stored)
    if uploaded is not None and "region_id" in uploaded:
        uploaded = uploaded[uploaded["region_id"].isin(drawn.uploads) & uploaded.get("restates", pd.Series(None, index=uploaded.index)).isna()]
    return with_uploaded(frame, uploaded, category=category, family=family, indicator_id=indicator_id)


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
    recomputed = add_comparable_columns(frame[chosen], denominators, per_capita_ids())  # not set(): it also knows derived per-head ids
    recomputed.index = frame.index[chosen]
    return pd.concat([frame[~chosen], recomputed]).loc[frame.index]


def add_measure(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Add `shown_value` and `shown_unit` for the chosen measure (absolute/per10k/peryear/ambition).

    ambition: the required yearly change (etl.normalize.ambition), in its own unit (%/yr, points/yr,
    x observed yearly flow); a numeric target without one is marked `shown_missing` = NO_START, so a
    chart says "no starting level" where its bar would be, never an empty slot without a reason."""
    column = MEASURE_COLUMNS[measure]
    out = frame.copy()
    out["shown_value"] = pd.to_numeric(out[column], errors="coerce") if column in out else float("nan")
    unit = out["unit_std"].fillna("").astype(str)
    if measure == "per10k":
        unit = unit + "/万人"
    elif measure == "peryear":
        unit = unit + "/年"
    elif measure == "ambition":
        unit = out.get("required_change_unit", pd.Series("", index=out.index)).fillna("").astype(str)
        numeric = ~out["qualitative"].fillna(False).astype(bool) & out["value_std"].notna()
        out["shown_missing"] = pd.Series([NO_START if missing else None for missing in numeric & out["shown_value"].isna()],
                                         index=out.index, dtype=object)
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
    basis = "per_year" if measure == "peryear" else out["scope"].fillna("").astype(str)  # ambition: by scope too
    out["series"] = indicator + "·" + basis + "·" + out["shown_unit"].fillna("").astype(str)
    source = {"absolute": None, "per10k": "per_10k_from", "peryear": "per_year_from",
              "ambition": "required_change_from"}[measure]
    out["shown_from"] = out[source] if source and source in out else None
    return with_roles(out, main_indicator)




def with_required_change(table: pd.DataFrame, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reader's table (ui.tables.display_table of `frame`, row for row) with the required yearly
    change beside each target: written (24%/年, in `lang`), its number, its unit code and how it was
    derived (required_change_from) — on screen and in the downloads of the ambition measure."""
    out = table.copy()
    values = frame["required_annual_change"] if "required_annual_change" in frame else pd.Series(None, index=frame.index)
    units = frame["required_change_unit"] if "required_change_unit" in frame else pd.Series(None, index=frame.index)
    written = [format_number(v, u, lang) if isinstance(u, str) and u else None for v, u in zip(values, units)]
    position = out.columns.get_loc("value_std") + 1 if "value_std" in out else len(out.columns)
    out.insert(position, "required_change_text", pd.Series(written, index=out.index, dtype=object))
    out["required_annual_change"] = values.to_numpy()
    out["required_change_unit"] = units.to_numpy()
    out["required_change_from"] = (frame["required_change_from"] if "required_change_from" in frame
                                   else pd.Series(None, index=frame.index)).to_numpy()
    return out


def coverage_with_uploads(coverage: pd.DataFrame, uploaded: pd.DataFrame | None, region_ids: list[str]) -> pd.DataFrame:
    """The overview's coverage rows (queries.coverage_of_group: a row per region and family, status
    quantitative / qualitative / none) with this session's uploaded regions `region_ids` added, each
    family's status counted from their rows as the warehouse counts its own: a number makes it
    quantitative, words only qualitative.  Without this the matrix left an uploaded plan out unsaid."""
    if uploaded is None or coverage.empty or not region_ids or "region_id" not in uploaded:
        return coverage
    families = coverage.drop_duplicates("family")[["family", "family_zh", "family_en", "category"]]
    mine = uploaded[uploaded["region_id"].isin(region_ids)]
    if "restates" in mine:
        mine = mine[mine["restates"].isna()]  # a restatement is counted once, as in the warehouse
    numeric = ~mine["qualitative"].fillna(False).astype(bool) & mine["value"].notna()
    counts = {(rid, fam): (0, 0) for rid, fam in zip(mine["region_id"], mine["family"])}
    for rid, fam, is_number in zip(mine["region_id"], mine["family"], numeric):
        n_quant, n_qual = counts[(rid, fam)]
        counts[(rid, fam)] = (n_quant + int(is_number), n_qual + int(not is_number))
    rows = []
    for rid in region_ids:
        names = mine.loc[mine["region_id"] == rid, "region_zh"]
        region_zh = names.iloc[0] if len(names) else rid
        for family in families.itertuples():
            n_quant, n_qual = counts.get((rid, family.family), (0, 0))
            status = "quantitative" if n_quant else ("qualitative" if n_qual else "none")
            rows.append({"region_id": rid, "region_zh": region_zh, "region_en": None, "family": family.family,
                         "family_zh": family.family_zh, "family_en": family.family_en, "category": family.category,
                         "n_quantitative": n_quant, "n_qualitative": n_qual, "status": status})
    return pd.concat([coverage, pd.DataFrame(rows, columns=coverage.columns)], ignore_index=True)
