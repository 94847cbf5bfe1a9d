"""Step 5: harmonised frames → DuckDB, atomically.

The database is written to a temporary file beside the target and moved into place with
os.replace only after every table is in and checked, so a failed build never leaves a half-written
database and the dashboard keeps serving the last good one.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from etl.base import schema
from etl.warehouse.stamp import file_sha256


def _create(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    spec = schema.TABLES[table]
    names = [n for n, _, _ in spec]
    if list(frame.columns) != names:
        missing = sorted(set(names) - set(frame.columns))
        extra = sorted(set(frame.columns) - set(names))
        raise ValueError(f"table {table}: columns differ from etl.base.schema (missing {missing}, extra {extra})")
    cols = ", ".join(f'"{n}" {t}' for n, t, _ in spec)
    con.execute(f'CREATE TABLE "{table}" ({cols})')
    if len(frame):
        con.register("_frame", frame)
        select = ", ".join(f'CAST("{n}" AS {t}) AS "{n}"' for n, t, _ in spec)
        con.execute(f'INSERT INTO "{table}" SELECT {select} FROM _frame')
        con.unregister("_frame")
    # COMMENT ON takes no parameters; one script instead of a statement per column (a third of
    # the load's time went to the round trips)
    con.execute(";\n".join(f'COMMENT ON COLUMN "{table}"."{name}" IS \'{meaning.replace(chr(39), chr(39) * 2)}\''
                            for name, _type, meaning in spec))


# A temp file is named `<db>.<pid>.<random>.tmp`: one whose process is gone was left by a killed
# build and is removed by the next build; one whose process still runs belongs to a concurrent
# build and is left alone.  Names without a pid (older builds) go when older than an hour.
STALE_TEMP_SECONDS = 3600


def _writer_alive(leftover: Path, db_name: str) -> bool | None:
    middle = leftover.name[len(db_name) + 1:].split(".")[0]
    if not middle.isdigit():
        return None
    try:
        os.kill(int(middle), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_files(db_path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the `<db>.*.tmp` (and `.tmp.wal`) files that killed builds left beside the database.
    A build killed by SIGKILL cannot clean up after itself; the next one does."""
    db_path, removed = Path(db_path), []
    for leftover in db_path.parent.glob(db_path.name + ".*.tmp*"):
        if not leftover.name.endswith((".tmp", ".tmp.wal")):
            continue
        try:
            alive = _writer_alive(leftover, db_path.name)
            if alive is False or (alive is None and leftover.stat().st_mtime < time.time() - older_than):
                leftover.unlink()
                removed.append(leftover)
        except FileNotFoundError:
            continue  # another build removed it first
    return removed


def write_database(db_path: Path, frames: dict[str, pd.DataFrame], build_info: dict[str, str]) -> str:
    """Write every table and move the file into place; returns the sha256 of the file written (what
    etl/warehouse/stamp.py records: hashed before the move, so a concurrent build's file never passes as ours)."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(db_path)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{db_path.name}.{os.getpid()}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(tmp_name)
        try:
            con.execute("BEGIN TRANSACTION")  # one commit for all tables, not one per statement
            for table in schema.TABLES:
                _create(con, table, frames[table])
            con.execute("CREATE TABLE build_info (key VARCHAR, value VARCHAR)")
            if build_info:
                con.executemany("INSERT INTO build_info VALUES (?, ?)", list(build_info.items()))
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        written = file_sha256(Path(tmp_name))
        os.replace(tmp_name, db_path)
        return written
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
