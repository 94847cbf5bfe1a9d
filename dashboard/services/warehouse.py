"""What the pages read from the warehouse: each question a page asks, answered as a DataFrame.

The SQL lives in dashboard/queries.py and the connection and its cache in dashboard/db.py; pages
never import either (import-linter, pyproject.toml) but come here.  Most questions are the queries'
answers as they are; what a page does with them (a session's uploads, the measure shown, which
regions of a group are drawn) is in the other services.  Plain Python: no Streamlit, so the pages'
answers are tested without a Streamlit runtime.
"""

from __future__ import annotations

from pathlib import Path

from dashboard import db
from dashboard.note_text import notes_for_page
from dashboard.queries import (
    MEASURES,
    category_counts,
    corrections_log,
    coverage_of_group,
    document,
    document_targets,
    documents_meta,
    families,
    family_shares,
    group_table,
    group_totals,
    indicator_spread,
    indicators,
    instrument_adoption,
    instrument_commitments,
    instrument_departments,
    phases,
    plan_status,
    quality_notes,
    region_names,
    region_standing,
    regions,
    responsibilities,
    review_candidates,
    source_url,
    standing_subjects,
    standing_values,
    target_detail,
    targets,
    targets_columns,
    targets_count,
    targets_filtered,
    targets_in_document,
    town_measures,
    town_targets,
    town_totals_check,
)

__all__ = [
    "MEASURES", "category_counts", "corrections_log", "coverage_of_group", "document", "document_targets",
    "documents_meta", "families", "family_shares", "group_table", "group_totals", "indicator_spread", "indicators",
    "instrument_adoption", "instrument_commitments", "instrument_departments", "phases", "plan_status",
    "quality_notes", "region_names", "region_standing", "regions", "responsibilities", "review_candidates",
    "source_url", "standing_subjects", "standing_values", "target_detail", "targets", "targets_columns",
    "targets_count", "targets_filtered", "targets_in_document", "town_measures", "town_targets", "town_totals_check",
    "quality_notes_shown", "CACHE_SECONDS", "path", "version", "exists", "missing_columns",
]


def quality_notes_shown(doc_id: str | None, lang: str):
    """A plan's quality notes (all plans' when doc_id is None), kind and message in `lang`."""
    return notes_for_page(quality_notes(doc_id), lang)


CACHE_SECONDS = db.QUERY_TTL_SECONDS  # how long an answer is kept; a cache above the database keeps it as long

# --- the warehouse file ------------------------------------------------------------------------

def path() -> Path:
    """The warehouse file the pages read ($IPBENCH_DB, else data/warehouse.duckdb)."""
    return db.db_path()


def version() -> tuple[str, int]:
    """(path, modification time): what a cache above the database keys on, so a rebuilt
    warehouse is a new key."""
    where = db.db_path()
    return str(where), db.version(where)


def exists() -> bool:
    return db.db_exists()


def missing_columns() -> list[str]:
    """The contract's columns the warehouse on disk lacks (built by an older version of the code)."""
    return db.missing_columns()
