"""`python -m etl build` keeps the warehouse only when a rebuild would write the same one (etl/warehouse/stamp.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.base import schema
from etl.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """A copy of the raw plans (and a corrections folder beside them), a plan cache, a database path."""
    raw = tmp_path / "data" / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (tmp_path / "data" / "corrections").mkdir()
    monkeypatch.setenv("IPBENCH_PLAN_CACHE", str(tmp_path / "cache"))
    return raw / "sources.yaml", tmp_path / "w.duckdb"


def _build(capsys, manifest: Path, db: Path, *extra: str) -> str:
    assert main(["build", "--manifest", str(manifest), "--db", str(db), *extra]) == 0
    return capsys.readouterr().out


def _tables(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in schema.TABLES}
    finally:
        con.close()


def test_an_unchanged_build_keeps_the_database_and_repeats_its_report(store, capsys):
    manifest, db = store
    first = _build(capsys, manifest, db)
    before = db.read_bytes()
    again = _build(capsys, manifest, db)
    assert "was kept" in again and first.strip() in again
    assert db.read_bytes() == before
    rebuilt = db.with_name("fresh.duckdb")
    assert "was kept" not in _build(capsys, manifest, rebuilt, "--no-cache")  # --no-cache always rebuilds
    assert _tables(rebuilt) == _tables(db)  # what was kept is what a rebuild writes
    assert "was kept" in _build(capsys, manifest, rebuilt)  # and what it wrote is stamped too


def test_a_stamp_beside_another_build_s_file_does_not_match(store, capsys):
    manifest, db = store
    _build(capsys, manifest, db)
    stamp = db.with_name(db.name + ".stamp.json")
    other = db.with_name("other.duckdb")
    _build(capsys, manifest, other, "--no-cache")
    other.with_name(other.name + ".stamp.json").write_text(stamp.read_text(encoding="utf-8"), encoding="utf-8")
    # the same inputs, but not the bytes that stamp's build wrote (DuckDB files differ build to build):
    # kept only if byte for byte equal
    same_bytes = other.read_bytes() == db.read_bytes()
    assert ("was kept" in _build(capsys, manifest, other)) == same_bytes


@pytest.mark.parametrize("change", ["manifest", "plan", "correction"])
def test_any_changed_input_rebuilds(store, capsys, change):
    manifest, db = store
    _build(capsys, manifest, db)
    if change == "manifest":
        manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")
    elif change == "plan":  # a plan edited in place: the rebuild must report its changed sha256
        plan = manifest.parent / "yixing_2024-2026.txt"
        plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:  # a malformed corrections file: only a build that reads it can refuse it
        (manifest.parent.parent / "corrections" / "note.yaml").write_text("corrections: []\n", encoding="utf-8")
    if change == "manifest":
        assert "was kept" not in _build(capsys, manifest, db)
    else:
        assert main(["build", "--manifest", str(manifest), "--db", str(db)]) == 1
        assert ("sha256" if change == "plan" else "note.yaml") in capsys.readouterr().err


def test_a_database_changed_since_its_build_is_rebuilt(store, capsys):
    manifest, db = store
    _build(capsys, manifest, db)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM targets WHERE target_id IN (SELECT min(target_id) FROM targets)")
    con.close()
    assert "was kept" not in _build(capsys, manifest, db)
    assert "was kept" not in _build(capsys, manifest, db, "--no-cache")
