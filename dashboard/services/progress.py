"""Progress: what the progress page does with the targets, observations and attainment rows a query
returned — one reader's table per region and a count of statuses per region — and a researcher's
observations file saved from the page (the command's own validation and transaction, through etl.api).
No SQL (the reads below are dashboard.queries'), no Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import db, queries
from dashboard import review as rv
from dashboard.charts.text import format_value, indicator_name, is_missing
from dashboard.i18n import ATTAINMENT_LABELS, attainment_label, observation_problem, required_change_text, t
from etl import api as etl_api

STATUS_ORDER = list(ATTAINMENT_LABELS)
PlanError = etl_api.PlanError  # what a failed rebuild raises (the page says why; the file was taken back out)

# The page's reads, answered by dashboard.queries (SQL lives there only).
indicators = queries.progress_indicators
targets = queries.progress_targets
observations = queries.observations
attainment_rows = queries.attainment_rows


def status_code(row) -> str:
    """A target without an attainment row has no observation after its start: insufficient data."""
    status = row.get("status")
    return status if isinstance(status, str) and status in ATTAINMENT_LABELS else "insufficient_data"


def with_data(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets something is known about: a starting level (a required change) or an observation since."""
    known = targets["status"].notna() | targets["required_annual_change"].notna()
    return targets[known]


def _share(value) -> str:
    return "" if is_missing(value) else f"{value * 100:.0f}%"


def status_table(targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target: indicator, target, start, required change, latest observation, progress,
    time elapsed, status (label and code), and the target's sentence link."""
    rows = []
    for row in targets.to_dict("records"):
        unit = row.get("unit_std") or ""
        year = "" if is_missing(row.get("target_year")) else f" · {int(row['target_year'])}"
        observed = format_value(row.get("observed_value"), unit, lang=lang)
        if observed:
            observed += f" ({int(row['observed_year'])})"
        rows.append({
            "target_id": row["target_id"], t("col_indicator", lang): indicator_name(row, lang),
            t("col_target", lang): format_value(row.get("value_std"), unit, row.get("comparator"), lang) + year,
            t("col_start", lang): format_value(row.get("start_value"), unit, lang=lang),
            t("col_required", lang): required_change_text(row.get("required_annual_change"),
                                                          row.get("required_change_unit"), lang),
            t("col_observed", lang): observed,
            t("col_progress", lang): _share(row.get("progress_share")),
            t("col_elapsed", lang): _share(row.get("elapsed_share")),
            t("col_status", lang): attainment_label(status_code(row), lang),
            "status": status_code(row), "source_url": row.get("source_url")})
    return pd.DataFrame(rows)


def status_counts(targets: pd.DataFrame, region_labels: dict[str, str], lang: str) -> pd.DataFrame:
    """Regions × statuses: how many followed targets of each region are in each status.
    Counted in plain Python: pd.crosstab cost ~15 ms a rerun for a table of a few cells."""
    if targets.empty:
        return pd.DataFrame()
    counts: dict[str, dict[str, int]] = {}
    for region_id, status in zip(targets["region_id"], targets["status"]):
        row = counts.setdefault(region_id, dict.fromkeys(STATUS_ORDER, 0))
        row[status_code({"status": status})] += 1
    order = [r for r in region_labels if r in counts]
    return pd.DataFrame([[counts[r][code] for code in STATUS_ORDER] for r in order],
                        index=[region_labels[r] for r in order],
                        columns=[attainment_label(code, lang) for code in STATUS_ORDER])


# --- a researcher's observations file, uploaded on the page --------------------------------------

def saving_allowed(store: rv.Store | None = None) -> bool:
    """A writable plan store on a host not flagged read-only (IPBENCH_READ_ONLY): as for corrections."""
    return rv.editing_allowed(store)


def save_observations(data: bytes, filename: str, store: rv.Store | None = None):
    """Validate an uploaded observations file whole and, if every row is good, save it to
    data/observations/ beside the plan store and rebuild — `python -m etl observations add`'s own
    code (etl.api.add_observations).  Returns its result (`problems`: row and reason each; else
    `copied_to` and `rows`).  Refuses to write at all on a read-only host (PermissionError)."""
    store = store or rv.plan_store()
    if not saving_allowed(store):  # the page does not offer it; this is the backstop
        raise PermissionError("read-only deployment (IPBENCH_READ_ONLY=1) or a plan store this server cannot write")
    try:
        return etl_api.add_observations(data, filename, store.manifest, db.db_path())
    finally:
        db.forget_replaced_warehouse()


def problem_rows(result, lang: str) -> pd.DataFrame:
    """A refused file's problems as a table: row number (the header is row 1) and reason, in `lang`
    (written from the ETL's code and parts, never its English on a Chinese page)."""
    reasons = [observation_problem(getattr(p, "code", ""), getattr(p, "details", {}), lang, p.reason)
               for p in result.problems]
    return pd.DataFrame({t("obs_upload_row_column", lang): [p.row for p in result.problems],
                         t("obs_upload_reason_column", lang): reasons})
