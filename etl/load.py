"""Step 5: harmonised frames → DuckDB, atomically.

The database is written to a temporary file beside the target and moved into place with
os.replace only after every table is in and checked, so a failed build never leaves a half-written
database and the dashboard keeps serving the last good one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from etl import schema


def _create(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    spec = schema.TABLES[table]
    names = [n for n, _, _ in spec]
    if list(frame.columns) != names:
        missing = sorted(set(names) - set(frame.columns))
        extra = sorted(set(frame.columns) - set(names))
        raise ValueError(f"table {table}: columns differ from etl.schema (missing {missing}, extra {extra})")
    cols = ", ".join(f'"{n}" {t}' for n, t, _ in spec)
    con.execute(f'CREATE TABLE "{table}" ({cols})')
    if len(frame):
        con.register("_frame", frame)
        select = ", ".join(f'CAST("{n}" AS {t}) AS "{n}"' for n, t, _ in spec)
        con.execute(f'INSERT INTO "{table}" SELECT {select} FROM _frame')
        con.unregister("_frame")
    for name, _type, meaning in spec:
        literal = meaning.replace("'", "''")  # COMMENT ON takes no parameters
        con.execute(f'COMMENT ON COLUMN "{table}"."{name}" IS \'{literal}\'')


def write_database(db_path: Path, frames: dict[str, pd.DataFrame], build_info: dict[str, str]) -> None:
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(tmp_name)
        try:
            for table in schema.TABLES:
                _create(con, table, frames[table])
            con.execute("CREATE TABLE build_info (key VARCHAR, value VARCHAR)")
            con.executemany("INSERT INTO build_info VALUES (?, ?)", list(build_info.items()))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp_name, db_path)
    finally:
        for leftover in (tmp_name, tmp_name + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def read_build_info(db_path: Path) -> dict[str, str]:
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()
