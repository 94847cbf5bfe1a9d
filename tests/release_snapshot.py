"""The warehouse of the four seed plans as the last release built it, kept as text.

Issue 11 asks that a restructuring leaves every number of the four plans' warehouse identical; this
module dumps each table of a warehouse to one sorted CSV under tests/fixtures/release/ and compares a
fresh build against them (tests/test_release_snapshot.py).  A deliberate change of the ETL's output
(a corrected scope, a new target) is recorded by refreshing the snapshot in the same commit, so the
diff of these CSVs shows a reviewer every number that moved:

    .venv/bin/python tests/release_snapshot.py --update      # rebuild from data/raw and rewrite

Left out: build_info (build time, code version) and documents.clean_text (kept as its sha256: the text
itself is long, and a change to it shows up in every quote offset anyway).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_DIR = ROOT / "tests" / "fixtures" / "release"
SKIPPED_TABLES = {"build_info"}


def _text_digest(value) -> str | None:
    return None if value is None else hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:16]


def table_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text a CSV holds (floats by repr, so 0.1+0.2 is not 0.3), rows in one order."""
    text = frame.astype(object).where(frame.notna(), None)
    text = text.map(lambda v: repr(v) if isinstance(v, float) else ("" if v is None else str(v)))
    return text.sort_values(list(text.columns), kind="stable").reset_index(drop=True)


def dump(db: Path) -> dict[str, pd.DataFrame]:
    """Each table of the warehouse at `db` as text, ready to compare or write."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [row[0] for row in con.sql("SHOW TABLES").fetchall() if row[0] not in SKIPPED_TABLES]
        tables = {name: con.sql(f'SELECT * FROM "{name}"').df() for name in names}
    documents = tables.get("documents")
    if documents is not None and "clean_text" in documents:
        tables["documents"] = documents.assign(clean_text=documents["clean_text"].map(_text_digest))
    return {name: table_text(frame) for name, frame in sorted(tables.items())}


def read_snapshot(folder: Path = SNAPSHOT_DIR) -> dict[str, pd.DataFrame]:
    return {path.stem: pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            for path in sorted(folder.glob("*.csv"))}


def write_snapshot(tables: dict[str, pd.DataFrame], folder: Path = SNAPSHOT_DIR) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.csv"):
        if stale.stem not in tables:
            stale.unlink()
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")


def differences(built: dict[str, pd.DataFrame], kept: dict[str, pd.DataFrame], most: int = 12) -> list[str]:
    """Readable lines naming each table, column and row that differ; empty when identical."""
    lines = [f"table {name}: {'new in the build' if name in built else 'missing from the build'}"
             for name in sorted(set(built) ^ set(kept))]
    for name in sorted(set(built) & set(kept)):
        new, old = built[name], kept[name]
        if list(new.columns) != list(old.columns):
            lines.append(f"table {name}: columns {list(old.columns)} -> {list(new.columns)}")
            continue
        merged = new.merge(old, how="outer", indicator=True)
        changed = merged[merged["_merge"] != "both"]
        for row in changed.head(most).itertuples(index=False):
            side = "only in the build" if row[-1] == "left_only" else "only in the release"
            lines.append(f"table {name}, {side}: " + ", ".join(f"{c}={v}" for c, v in zip(new.columns, row[:-1]) if v))
        if len(changed) > most:
            lines.append(f"table {name}: … {len(changed) - most} more rows differ")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rebuild from data/raw and rewrite the snapshot")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from etl.warehouse.steps import build

    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "warehouse.duckdb"
        build(db)
        built = dump(db)
    if args.update:
        write_snapshot(built)
        print(f"wrote {len(built)} tables to {SNAPSHOT_DIR.relative_to(ROOT)}")
        return 0
    lines = differences(built, read_snapshot())
    print("\n".join(lines) or "identical to the release snapshot")
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
