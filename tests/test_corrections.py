"""A researcher's corrections last: recorded with their reason, applied on every build, never lost.

Every test works on a temporary copy of data/raw/ (and so its own data/corrections/ beside it).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from etl.base.errors import PlanError
from etl.read.sources import load_manifest
from etl.segment.sentences import segment
from etl.warehouse.corrections import corrections_dir, load_corrections, record_correction

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


@pytest.fixture
def store(tmp_path):
    raw_dir = tmp_path / "raw"
    shutil.copytree(RAW, raw_dir)
    return raw_dir / "sources.yaml", tmp_path / "warehouse.duckdb"


def build_in_fresh_process(manifest: Path, db: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--manifest", str(manifest), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def source(manifest: Path, doc_id: str):
    return next(s for s in load_manifest(manifest) if s.doc_id == doc_id)


def sentence_with(doc_id: str, words: str) -> tuple[str, int]:
    """The extractor's sentence holding `words` in a seed plan's clean text (as the pages see it)."""
    from etl.warehouse.plan import extract_file

    text = extract_file(RAW / next(s.file for s in load_manifest() if s.doc_id == doc_id)).clean_text
    sentence = next(s for s in segment(text) if words in s.text)
    return sentence.text, sentence.start


def record(manifest: Path, doc_id: str, **entry) -> Path:
    return record_correction(corrections_dir(manifest), doc_id, source(manifest, doc_id).sha256,
                             {"who": "研究员甲", "when": "2026-11-30", **entry})


def test_an_edit_a_rejection_and_an_addition_last_across_a_rebuild_in_a_fresh_process(store):
    manifest, db = store
    pct, pct_start = sentence_with("tianchang-2024", "PCT")
    record(manifest, "tianchang-2024", action="edit", quote=pct, quote_start=pct_start,
           match={"raw_name": "PCT 国际申请数量", "value": 30}, set={"scope": "new"},
           why="超30件 counts applications filed over the plan period: a flow, not a level held")
    pledge, pledge_start = sentence_with("yixing-2024", "建设期内新增知识产权质押融资")
    record(manifest, "yixing-2024", action="reject", quote=pledge, quote_start=pledge_start,
           match={"value": 30, "unit": "亿元"}, why="restates the 质押金额累计超30亿元 target of the goals part")
    office, office_start = sentence_with("tianchang-2024", "派出机构")
    record(manifest, "tianchang-2024", action="add", quote=office, quote_start=office_start,
           set={"raw_name": "设立派出机构的知识产权代理机构", "value": 2, "unit": "家", "comparator": "=",
                "scope": "new", "category": "service"},
           why="the plan commits the 2 existing agencies to open offices in the incubator")

    build_in_fresh_process(manifest, db)
    con = duckdb.connect(str(db), read_only=True)
    edited = con.execute("""SELECT scope, extracted_scope, origin, correction_reason, corrected_by FROM targets
                            WHERE raw_name = 'PCT 国际申请数量'""").fetchall()
    assert edited == [("new", "stock", "manual", "超30件 counts applications filed over the plan period: a flow, "
                                                 "not a level held", "研究员甲")]
    assert con.execute("""SELECT count(*) FROM targets WHERE doc_id = 'yixing-2024' AND value = 30
                          AND unit = '亿元'""").fetchone()[0] == 1  # the restatement left, the goal stayed
    added = con.execute("""SELECT value, unit, scope, category, origin, value_per_year, quote FROM targets
                           WHERE target_id LIKE 'tianchang-2024-m%'""").fetchall()
    assert added == [(2.0, "家", "new", "service", "manual", pytest.approx(2 / 3, rel=1e-4), office)]
    log = con.execute("SELECT action, status FROM corrections ORDER BY doc_id, number").fetchall()
    assert log == [("edit", "applied"), ("add", "applied"), ("reject", "applied")]
    # and every quote still sits at its offsets: the build's own check passed on the added row too


def test_a_changed_plan_turns_its_corrections_into_quality_notes_and_keeps_the_file(store):
    manifest, db = store
    pct, pct_start = sentence_with("tianchang-2024", "PCT")
    path = record(manifest, "tianchang-2024", action="edit", quote=pct, quote_start=pct_start,
                  match={"raw_name": "PCT 国际申请数量"}, set={"scope": "new"}, why="a flow over the period")
    kept = path.read_bytes()
    raw_file = manifest.parent / source(manifest, "tianchang-2024").file
    raw_file.write_bytes(raw_file.read_bytes() + "\n（修订）\n".encode())  # a revised plan, re-recorded
    new_sha = hashlib.sha256(raw_file.read_bytes()).hexdigest()
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(source(manifest, "tianchang-2024").sha256, new_sha), encoding="utf-8")

    build_in_fresh_process(manifest, db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM corrections").fetchall() == [("stale",)]
    notes = con.execute("SELECT message FROM quality_notes WHERE kind = 'correction_not_applied'").fetchall()
    assert len(notes) == 1 and "changed" in notes[0][0]
    assert con.execute("SELECT scope FROM targets WHERE raw_name = 'PCT 国际申请数量'").fetchall() == [("stock",)]
    assert path.read_bytes() == kept  # nothing lost


def test_a_correction_that_fits_no_row_or_two_rows_is_noted_not_guessed(store):
    manifest, db = store
    pct, pct_start = sentence_with("tianchang-2024", "PCT")
    record(manifest, "tianchang-2024", action="edit", quote=pct, quote_start=pct_start,
           match={"value": 999}, set={"scope": "new"}, why="no such row")
    record(manifest, "tianchang-2024", action="reject", quote=pct, quote_start=pct_start,
           match={}, why="the sentence holds several targets: which one?")
    build_in_fresh_process(manifest, db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM corrections ORDER BY number").fetchall() == [("unmatched",),
                                                                                       ("ambiguous",)]
    assert con.execute("SELECT count(*) FROM quality_notes WHERE kind = 'correction_not_applied'").fetchone()[0] == 2


def test_a_sentence_that_moved_is_found_again_by_its_text(store, tmp_path):
    manifest, db = store
    pct, pct_start = sentence_with("tianchang-2024", "PCT")
    record(manifest, "tianchang-2024", action="edit", quote=pct, quote_start=pct_start + 7,  # stale offset
           match={"raw_name": "PCT 国际申请数量"}, set={"scope": "new"}, why="a flow over the period")
    build_in_fresh_process(manifest, db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM corrections").fetchall() == [("applied",)]


def test_corrections_need_a_reason_and_editable_fields_only(store):
    manifest, _db = store
    with pytest.raises(PlanError, match="why"):
        record(manifest, "tianchang-2024", action="reject", quote="某句", why="")
    with pytest.raises(PlanError, match="cannot set quote"):
        record(manifest, "tianchang-2024", action="edit", quote="某句", set={"quote": "x"}, why="w")
    assert load_corrections(corrections_dir(manifest)) == []  # nothing half-written


def test_a_correction_made_against_another_version_of_the_plan_is_refused(store):
    manifest, _db = store
    record(manifest, "tianchang-2024", action="reject", quote="某句", why="w")
    with pytest.raises(PlanError, match="another version"):
        record_correction(corrections_dir(manifest), "tianchang-2024", "0" * 64,
                          {"action": "reject", "quote": "另一句", "why": "w"})


def test_the_corrections_command_lists_each_with_its_status_and_reason(store):
    manifest, _db = store
    pct, pct_start = sentence_with("tianchang-2024", "PCT")
    record(manifest, "tianchang-2024", action="edit", quote=pct, quote_start=pct_start,
           match={"raw_name": "PCT 国际申请数量"}, set={"scope": "new"}, why="a flow over the period")
    result = subprocess.run([sys.executable, "-m", "etl", "corrections", "--manifest", str(manifest)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "applied (1):" in result.stdout and "scope: stock → new" in result.stdout
    assert "why: a flow over the period" in result.stdout


def test_the_corrections_file_is_plain_yaml_a_person_can_review(store):
    manifest, _db = store
    path = record(manifest, "yixing-2024", action="reject", quote="某句", why="重复")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["doc_id"] == "yixing-2024" and doc["corrections"][0]["why"] == "重复"
    assert path.read_text(encoding="utf-8").startswith("# Corrections")
