"""Writing: a researcher's corrections and saved uploads, each followed by a rebuild of the
warehouse, and the first build of a fresh host — then this process forgets the replaced file.

Plain Python (no Streamlit).  The transactions themselves (a file put back byte for byte when the
rebuild fails) are dashboard.review's and the ETL's; what this module adds is the one step every
writer must not forget: DuckDB would keep serving the replaced warehouse to this process.
"""

from __future__ import annotations

from dashboard import db
from dashboard import review as rv
from etl import api as etl_api


def save_corrections(store: rv.Store, doc_id: str, sha256: str, entries: list[dict]):
    """Record `entries` for one plan and rebuild (PlanError, nothing kept, when it fails)."""
    try:
        return rv.save_corrections(store, db.db_path(), doc_id, sha256, entries)
    finally:
        db.forget_replaced_warehouse()


def save_upload(data: bytes, filename: str, region_zh: str | None, entries: list[dict], store: rv.Store) -> dict:
    """An uploaded plan into the store with its person's corrections, rebuilt (dashboard.review.save_upload)."""
    try:
        return rv.save_upload(data, filename, region_zh, entries, store, db.db_path())
    finally:
        db.forget_replaced_warehouse()


def build_warehouse(store: rv.Store):
    """Build the warehouse from the plan store the pages write to (app.py, on a fresh host or after a
    `git pull` left a warehouse without the contract's newer columns)."""
    try:
        return etl_api.rebuild(db.db_path(), manifest=store.manifest)
    finally:
        db.forget_replaced_warehouse()
