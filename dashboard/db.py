"""Where the warehouse is, one read-only DuckDB connection per process, cached query results.

The path comes from $IPBENCH_DB (tests point it at a freshly built database) or defaults
to data/warehouse.duckdb in the repository.  The file's modification time is part of
every cache key, so a rebuilt warehouse is picked up without restarting the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl.base.paths import DEFAULT_DB

DB_ENV = "IPBENCH_DB"

QUERY_TTL_SECONDS = 600
QUERY_CACHE_ENTRIES = 256


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def db_exists() -> bool:
    return db_path().is_file()


def missing_columns() -> list[str]:
    """The contract's columns (etl.base.schema.TABLES) the warehouse on disk lacks, as "table.column":
    empty when it is current.  A warehouse built by an older version of the code (kept across a
    `git pull`) would otherwise fail on the first query that names a newer column."""
    path = db_path()
    return _missing_columns(str(path), _version(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _missing_columns(path: str, version: float) -> list[str]:
    from etl.base.schema import TABLES

    present = set(map(tuple, _fetch(path, version, "SELECT table_name, column_name FROM information_schema.columns "
                                                   "WHERE table_catalog = 'warehouse'", ()).to_numpy().tolist()))
    return [f"{table}.{name}" for table, spec in TABLES.items() for name, _type, _doc in spec
            if (table, name) not in present]


def _version(path: Path) -> float:
    return path.stat().st_mtime_ns


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str, version: float) -> duckdb.DuckDBPyConnection:
    # Read-only: the dashboard never writes, and several app processes may share the file.
    # An in-memory database that ATTACHes the file, not duckdb.connect(path): DuckDB keeps one
    # instance per path while any connection to it is open, so connect(path) after a rebuild
    # (os.replace of the file) would hand back the old, replaced database.
    con = duckdb.connect()
    literal = path.replace("'", "''")
    con.execute(f"ATTACH '{literal}' AS warehouse (READ_ONLY)")
    con.execute("USE warehouse")
    return con


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_CACHE_ENTRIES, show_spinner=False)
def _fetch(path: str, version: float, sql: str, params: tuple) -> pd.DataFrame:
    cursor = _connection(path, version).cursor()  # a cursor per query: safe across threads
    try:
        cursor.execute("USE warehouse")  # a cursor starts in the in-memory catalog
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def fetch(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run one read query and return a DataFrame (cached; callers must not mutate it)."""
    path = db_path()
    return _fetch(str(path), _version(path), sql, tuple(params))
