"""Ingestion that never breaks the warehouse: any plan, any number of plans, nothing lost.

Every test works on a temporary copy of data/raw/ (the four seed plans and their manifest), so
the repository's own manifest and warehouse are never touched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.base import schema
from etl.base.errors import ManifestError, PlanError
from etl.read.sources import load_manifest
from etl.warehouse.add import _safe_target, add_plan, add_plans
from etl.warehouse.load import remove_stale_temp_files
from etl.warehouse.steps import build, check, collect

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
BAD = ROOT / "tests" / "fixtures" / "bad"
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate, write  # noqa: E402

# A plan of the genre whose targets the dictionary does not know, under a heading that names no
# link: before, the build ended in `AssertionError: …: category nan` and bricked the manifest.
UNPLACED_PLAN = """山南县国家知识产权强县建设试点县工作方案（2025—2027年）

一、总体要求
坚持创新驱动。
二、工作目标
到2027年，全县雪域牦牛、青稞酒坊总数分别突破20家、3家。
"""


@pytest.fixture
def store(tmp_path) -> tuple[Path, Path, Path]:
    raw_dir = tmp_path / "raw"
    shutil.copytree(RAW, raw_dir)
    return raw_dir, raw_dir / "sources.yaml", tmp_path / "warehouse.duckdb"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_five_generated_plans_that_bricked_the_manifest_now_add_one_by_one(store, tmp_path):
    raw_dir, manifest, db = store
    plans = write(generate(5, seed=7), tmp_path / "plans-5")
    for plan in sorted(plans.glob("*.txt")):
        summary = add_plans([plan], raw_dir=raw_dir, manifest=manifest, db_path=db, progress=False)
        assert [o.status for o in summary.outcomes] == ["added"], str(summary)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0] == 9
    categories = {row[0] for row in con.execute("SELECT DISTINCT category FROM targets").fetchall()}
    assert categories <= set(schema.CATEGORY_VALUES)
    build(db, manifest=manifest)  # and every later build still works


def test_a_plan_with_only_unplaceable_targets_builds_with_category_unmapped_and_a_note(store, tmp_path):
    raw_dir, manifest, db = store
    plan = tmp_path / "shannan.txt"
    plan.write_text(UNPLACED_PLAN, encoding="utf-8")
    add_plans([plan], raw_dir=raw_dir, manifest=manifest, db_path=db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT value, category FROM targets WHERE region_zh = '山南县' ORDER BY value").fetchall()
    assert rows == [(3.0, "unmapped"), (20.0, "unmapped")]
    notes = con.execute("SELECT message FROM quality_notes WHERE kind = 'unmapped_category'").fetchall()
    assert len(notes) == 2 and all("shannan" in m and "line" in m for (m,) in notes)


def test_harmonize_lists_the_targets_kept_as_unmapped(store, tmp_path):
    raw_dir, manifest, db = store
    plan = tmp_path / "shannan.txt"
    plan.write_text(UNPLACED_PLAN, encoding="utf-8")
    add_plan(plan, raw_dir=raw_dir, manifest=manifest)
    result = subprocess.run([sys.executable, "-m", "etl", "harmonize", "--manifest", str(manifest)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert "category 'unmapped' (2)" in result.stdout and "青稞酒坊" in result.stdout


def test_a_failed_rebuild_leaves_manifest_and_raw_folder_byte_identical(store, tmp_path):
    raw_dir, manifest, db = store
    build(db, manifest=manifest)
    warehouse_before = db.read_bytes()
    # a seed plan edited after it was recorded: the rebuild after the add must refuse it
    (raw_dir / "yixing_2024-2026.txt").write_bytes((RAW / "yixing_2024-2026.txt").read_bytes() + b"\n")
    before = snapshot(raw_dir)
    plans = write(generate(2, seed=11), tmp_path / "plans")
    with pytest.raises(PlanError, match="restored") as failure:
        add_plans([plans], raw_dir=raw_dir, manifest=manifest, db_path=db, progress=False)
    assert "yixing" in str(failure.value)
    assert snapshot(raw_dir) == before
    assert db.read_bytes() == warehouse_before  # the previous warehouse keeps serving


def test_a_folder_of_50_plans_in_three_formats_and_3_broken_files_adds_50_and_rebuilds_once(
        store, tmp_path, monkeypatch, capsys):
    raw_dir, manifest, db = store
    folder = tmp_path / "incoming"
    write(generate(47, seed=3), folder)
    for name in ("plan.docx", "plan.pdf", "plan_gb18030.txt"):
        shutil.copy(FORMATS / name, folder / name)
    for name in ("empty.txt", "binary.txt"):
        shutil.copy(BAD / name, folder / f"broken_{name}")
    shutil.copy(FORMATS / "truncated.docx", folder / "broken.docx")
    builds = []
    import etl.warehouse.steps

    real_build = etl.warehouse.steps.build
    monkeypatch.setattr(etl.warehouse.steps, "build", lambda *a, **k: builds.append(1) or real_build(*a, **k))
    summary = add_plans([folder], raw_dir=raw_dir, manifest=manifest, db_path=db, jobs=2, progress=True)
    assert len(summary.of("added")) == 50
    refused = {o.path.name: o.message for o in summary.of("refused")}
    assert set(refused) == {"broken_empty.txt", "broken_binary.txt", "broken.docx"}
    assert "empty" in refused["broken_empty.txt"] and "binary" in refused["broken_binary.txt"]
    assert builds == [1]
    assert "reading plans" in capsys.readouterr().err  # the progress bar
    assert len(load_manifest(manifest)) == 54
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM documents").fetchone()[0] == 54


def test_cli_add_takes_many_files_reports_each_and_exits_1_when_one_is_refused(store, tmp_path):
    raw_dir, manifest, db = store
    plans = write(generate(2, seed=5), tmp_path / "plans")
    result = subprocess.run([sys.executable, "-m", "etl", "add", *sorted(map(str, plans.glob("*.txt"))),
                             str(BAD / "empty.txt"), "--manifest", str(manifest), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "2 added, 1 refused, 0 duplicate" in result.stdout
    assert "empty.txt: the file is empty" in result.stdout and "Built" in result.stdout


def test_two_plans_of_unknown_regions_get_distinct_stable_ids(store, tmp_path):
    raw_dir, manifest, db = store
    plans = write(generate(2, seed=7), tmp_path / "plans")
    add_plans([plans], raw_dir=raw_dir, manifest=manifest, db_path=db, progress=False)
    ids = {s.region_zh: s.region_id for s in load_manifest(manifest)}
    new = [rid for name, rid in ids.items() if name not in {"天长市", "宜兴市", "盐城市", "市中区"}]
    assert len(new) == 2 and len(set(new)) == 2 and all(rid.startswith("x-") for rid in new)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM regions WHERE region_id = '' OR region_id IS NULL").fetchone()[0] == 0
    build(db, manifest=manifest)
    assert {s.region_zh: s.region_id for s in load_manifest(manifest)} == ids


def test_entries_without_region_id_get_generated_ids_and_same_names_are_told_apart(tmp_path):
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    body = "".join(f"""  - doc_id: d{i}
    file: f{i}.txt
    region_zh: 阳城县
    parent: {parent}
    province: {province}
    title: 阳城县方案
    period_start: 2024
    period_end: 2026
    sha256: "{"a" * 64}"
""" for i, (parent, province) in enumerate([("晋城市", "山西省"), ("驻马店市", "河南省"), ("晋城市", "山西省")]))
    (raw_dir / "sources.yaml").write_text("sources:\n" + body, encoding="utf-8")
    ids = [s.region_id for s in load_manifest(raw_dir / "sources.yaml")]
    assert ids[0] == ids[2] == "x-yangchengxian"  # one region, two plans: one id
    assert ids[1] not in ("", ids[0]) and ids[1].startswith("x-")


def test_a_code_written_for_two_different_regions_is_refused_with_its_line(tmp_path):
    manifest = tmp_path / "sources.yaml"
    entry = "  - doc_id: {d}\n    file: {d}.txt\n    region_id: \"320282\"\n    region_zh: {r}\n    title: t\n" \
            "    period_start: 2024\n    period_end: 2026\n    sha256: {s}\n"
    manifest.write_text("sources:\n" + entry.format(d="a", r="宜兴市", s="a" * 64)
                        + entry.format(d="b", r="江阴市", s="b" * 64), encoding="utf-8")
    with pytest.raises(ManifestError, match="320282") as error:
        load_manifest(manifest)
    assert error.value.line == 10


def test_stored_file_names_are_safe_whatever_the_upload_was_called(tmp_path):
    long_latin = tmp_path / ("a" * 200 + ".txt")
    assert len(_safe_target(long_latin, "x-qinghexian-2025", tmp_path).name) <= 64
    for name in ("../../etc/passwd.txt", "名字 with space.txt", "evil\x00.txt", "plan.exe"):
        target = _safe_target(Path(name), "x-qinghexian-2025", tmp_path)
        assert target.parent == tmp_path and "\x00" not in target.name and "/" not in target.name
        assert target.suffix in (".txt", ".docx", ".pdf")


def test_a_build_removes_temp_files_of_killed_builds_but_not_of_running_ones(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    killed = [tmp_path / f"warehouse.duckdb.{dead}.abc123.tmp", tmp_path / f"warehouse.duckdb.{dead}.abc123.tmp.wal"]
    running = tmp_path / f"warehouse.duckdb.{os.getpid()}.def456.tmp"
    for path in [*killed, running]:
        path.write_bytes(b"partial")
    removed = remove_stale_temp_files(db)
    assert sorted(removed) == sorted(killed) and running.exists()


def test_every_check_names_the_plan_file_and_line_instead_of_asserting():
    warehouse = collect()
    frames = {name: frame.copy() for name, frame in warehouse.frames.items()}
    numeric = frames["targets"].index[~frames["targets"]["qualitative"]][5]
    frames["targets"].loc[numeric, "scope"] = "forever"
    sources = load_manifest()
    with pytest.raises(PlanError) as error:
        check(frames, sources)
    row = frames["targets"].loc[numeric]
    source = next(s for s in sources if s.doc_id == row["doc_id"])
    assert error.value.path == str(source.path) and error.value.line == int(row["source_line"])
    assert "forever" in error.value.message
    frames = {name: frame.copy() for name, frame in warehouse.frames.items()}
    frames["targets"].loc[3, "quote"] = "not what the plan says"
    with pytest.raises(PlanError, match="offsets"):
        check(frames, sources)


def test_a_manifest_of_60_plans_builds_in_parallel_with_the_same_rows_as_serially(store, tmp_path):
    raw_dir, manifest, _db = store
    add_plans([write(generate(56, seed=21), tmp_path / "plans")], raw_dir=raw_dir, manifest=manifest,
              progress=False)
    parallel = collect(manifest, jobs=2).frames["targets"]
    serial = collect(manifest, jobs=1).frames["targets"]
    pd.testing.assert_frame_equal(parallel, serial)
    assert parallel["doc_id"].nunique() == 60


@pytest.fixture
def warehouse_with_two_unknown_regions(store, tmp_path, monkeypatch) -> Path:
    """The four seeds plus two generated plans of regions with no GB/T 2260 code, as `etl add`
    leaves them; the dashboard pointed at that warehouse."""
    from dashboard.db import DB_ENV

    raw_dir, manifest, db = store
    add_plans([write(generate(2, seed=7), tmp_path / "plans")], raw_dir=raw_dir, manifest=manifest, db_path=db,
              progress=False)
    monkeypatch.setenv(DB_ENV, str(db))
    return db


@pytest.mark.parametrize("page", ["overview", "compare", "indicator", "profile", "towns", "sources", "data"])
def test_two_plans_of_unknown_regions_coexist_on_every_page(warehouse_with_two_unknown_regions, page):
    from streamlit.testing.v1 import AppTest

    con = duckdb.connect(str(warehouse_with_two_unknown_regions), read_only=True)
    generated = [r[0] for r in con.execute("SELECT region_id FROM regions WHERE region_id LIKE 'x-%'").fetchall()]
    con.close()
    assert len(set(generated)) == 2
    params = {"profile": {"region": generated[1]}, "compare": {"regions": ",".join(generated)},
              "data": {"regions": ",".join(generated)}}.get(page, {})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def test_a_running_dashboard_sees_the_rebuilt_warehouse_not_the_replaced_one(store, tmp_path, monkeypatch):
    """DuckDB hands duckdb.connect(path) the old, already replaced file while a connection to that
    path is open; the dashboard attaches the file to an in-memory database instead."""
    from dashboard import db as dashboard_db
    from dashboard.db import DB_ENV

    raw_dir, manifest, db = store
    build(db, manifest=manifest)
    monkeypatch.setenv(DB_ENV, str(db))
    count = "SELECT count(DISTINCT doc_id) FROM documents"
    assert dashboard_db.fetch(count).iloc[0, 0] == 4
    held_open = dashboard_db._connection(str(db), dashboard_db._version(db))  # as a running server holds it
    add_plans([write(generate(1, seed=9), tmp_path / "plans")], raw_dir=raw_dir, manifest=manifest, db_path=db,
              progress=False)
    assert dashboard_db.fetch(count).iloc[0, 0] == 5
    assert held_open is not None
