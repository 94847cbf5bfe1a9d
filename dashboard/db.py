"""Where the warehouse is, one read-only DuckDB connection per process, cached query results.

Plain Python, no Streamlit: services and tests call it without a Streamlit runtime.  The path
comes from $IPBENCH_DB (tests point it at a freshly built database) or defaults to
data/warehouse.duckdb in the repository.  The file's modification time is part of every cache
key, so a rebuilt warehouse is picked up without restarting the app.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

import duckdb
import pandas as pd

from etl.api import DEFAULT_DB, TABLES

DB_ENV = "IPBENCH_DB"

QUERY_TTL_SECONDS = 600
QUERY_CACHE_ENTRIES = 256
CONNECTIONS_KEPT = 4  # warehouse versions a process keeps attached (a rebuild makes a new one)


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def db_exists() -> bool:
    return db_path().is_file()


def version(path: Path | None = None) -> int:
    """The warehouse file's modification time (ns): part of every cache key above the database."""
    path = path or db_path()
    return path.stat().st_mtime_ns if path.exists() else 0


def missing_columns() -> list[str]:
    """The contract's columns (etl.api.TABLES) the warehouse on disk lacks, as "table.column":
    empty when it is current.  A warehouse built by an older version of the code (kept across a
    `git pull`) would otherwise fail on the first query that names a newer column."""
    present = set(map(tuple, fetch("SELECT table_name, column_name FROM information_schema.columns "
                                   "WHERE table_catalog = 'warehouse'").to_numpy().tolist()))
    return [f"{table}.{name}" for table, spec in TABLES.items() for name, _type, _doc in spec
            if (table, name) not in present]


class _Kept:
    """A small thread-safe cache: at most `size` entries, the least recently used dropped first,
    each entry forgotten after `ttl` seconds (None: kept until dropped)."""

    def __init__(self, size: int, ttl: float | None = None):
        self.size, self.ttl = size, ttl
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            stored_at, value = found
            if self.ttl is not None and time.monotonic() - stored_at > self.ttl:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic(), value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_connections = _Kept(CONNECTIONS_KEPT)
_results = _Kept(QUERY_CACHE_ENTRIES, ttl=QUERY_TTL_SECONDS)
_connecting = threading.Lock()


def connection(path: str, path_version: int) -> duckdb.DuckDBPyConnection:
    """This process's read-only connection to one version of the warehouse file."""
    with _connecting:  # two sessions' first queries must not open two instances of one file
        con = _connections.get((path, path_version))
        if con is None:
            con = _connect(path)
            _connections.put((path, path_version), con)
        return con


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    # Read-only: the dashboard never writes, and several app processes may share the file.
    # An in-memory database that ATTACHes the file, not duckdb.connect(path): DuckDB keeps one
    # instance per path while any connection to it is open, so connect(path) after a rebuild
    # (os.replace of the file) would hand back the old, replaced database.
    con = duckdb.connect()
    literal = path.replace("'", "''")
    con.execute(f"ATTACH '{literal}' AS warehouse (READ_ONLY)")
    con.execute("USE warehouse")
    return con


def _run(path: str, path_version: int, sql: str, params: tuple) -> pd.DataFrame:
    cursor = connection(path, path_version).cursor()  # a cursor per query: safe across threads
    try:
        cursor.execute("USE warehouse")  # a cursor starts in the in-memory catalog
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def fetch(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run one read query and return a DataFrame (cached per warehouse version; each caller gets
    its own copy, so a caller may change what it got without touching the cache)."""
    path = db_path()
    key = (str(path), version(path), sql, repr(tuple(params)))
    frame = _results.get(key)
    if frame is None:
        frame = _run(key[0], key[1], sql, tuple(params))
        _results.put(key, frame)
    return frame.copy()


def forget_replaced_warehouse() -> None:
    """After this process rebuilt the warehouse: close its connections and cached answers, since
    DuckDB hands a new connect() to the same path the instance still open on the old file."""
    _connections.clear()
    _results.clear()
