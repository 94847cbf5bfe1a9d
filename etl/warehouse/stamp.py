"""The everyday `python -m etl build` when nothing changed: keep the warehouse instead of rebuilding it.

A build is a pure function of what it reads — the manifest, every raw plan it lists, the corrections,
the reference files (indicator dictionary, population figures, instruments), the ETL's code, and the
Python and libraries that run it.  Every command-line build records, beside the database
(`<db>.stamp.json`), a hash of all of those taken before they were read and the sha256 of the database
file it wrote.  The next command-line build that may use its caches first recomputes both: when every
input hashes the same and the database is byte for byte the file written then, a rebuild would write
the same tables, so the file is kept and the stamp's report printed again.  Any difference (an edited
plan, a new correction, a changed rule, an upgraded library, a database written or touched since by
anyone) is a full build, as before.  `--no-cache` always rebuilds (and stamps what it wrote).

The check needs no lock: the stamp names the bytes its build wrote, so a stamp left beside another
build's file never matches it.  This module imports no pandas nor duckdb: the check costs a few ms.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
import tempfile
from pathlib import Path

from etl.base.paths import ETL_CODE, REFERENCE_DIR

FORMAT = "1"


def _stamp_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".stamp.json")


def _runtime() -> str:
    """The interpreter and every installed distribution with its version (their dist-info names)."""
    site = Path(sysconfig.get_paths()["purelib"])
    names = sorted(os.listdir(site)) if site.is_dir() else []
    return "\n".join([sys.version, sys.executable, *names])


def inputs_fingerprint(manifest: Path, plan_files: list[str]) -> str:
    """A hash of every file the build reads.  `plan_files` are the manifest's raw plans (as the build
    that wrote the stamp resolved them): with the manifest's bytes unchanged, they are the same list."""
    manifest = Path(manifest).resolve()
    corrections = manifest.parent.parent / "corrections"  # etl.warehouse.corrections.corrections_dir
    files = [manifest, *map(Path, plan_files), *sorted(REFERENCE_DIR.glob("*")), *sorted(corrections.glob("*")),
             *sorted(ETL_CODE.rglob("*.py"))]
    digest = hashlib.sha256(f"{FORMAT}\n{_runtime()}\n".encode())
    for path in files:
        digest.update(f"\n{path}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def record(db_path: Path, fingerprint: str, plan_files: list[str], database_sha256: str | None,
           report: str) -> None:
    """Stamp a database just written (its file's sha256 as written) from inputs hashing to `fingerprint`
    (computed before they were read).  Like the plan cache, a failure to write costs only the speed-up."""
    target = _stamp_path(db_path)
    stamp = {"fingerprint": fingerprint, "plan_files": plan_files, "database_sha256": database_sha256,
             "report": report}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stamp, handle, ensure_ascii=False)
        os.replace(temp, target)
    except OSError:
        return


def forget(db_path: Path) -> None:
    """Drop a database's stamp (before it is rewritten: a build that then fails leaves no stamp)."""
    try:
        _stamp_path(db_path).unlink(missing_ok=True)
    except OSError:
        return


def unchanged_report(db_path: Path, manifest: Path) -> str | None:
    """The stamped build's report when neither its inputs nor the database changed since; else None."""
    try:
        stamp = json.loads(_stamp_path(db_path).read_text(encoding="utf-8"))
        same_inputs = inputs_fingerprint(manifest, stamp["plan_files"]) == stamp["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not same_inputs or file_sha256(db_path) != stamp["database_sha256"] or not stamp["database_sha256"]:
        return None
    return stamp["report"]
