"""A researcher's corrections last: made through the review services the pages call, written to a
store's own corrections folder (a temporary copy of data/raw, never the repository's), applied by
a build in a fresh process; uploads kept in the plan store or in a project file; the review queue.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from dashboard import review as rv
from dashboard import upload as up
from etl.base.errors import PlanError
from etl.warehouse.steps import build
from tests.conftest import ROOT

FORMATS = ROOT / "tests" / "fixtures" / "formats"
LIMIT = 20 * 1024 * 1024
PCT = "PCT 国际申请数量"  # 天长: "PCT 国际申请数量超30件", one of five targets in its sentence
PATENTS = "新增发明专利授权量"  # 天长: "新增发明专利授权量600件", in the same sentence


@pytest.fixture()
def store(tmp_path) -> rv.Store:
    """A copy of data/raw with its own corrections folder, and a warehouse built from it."""
    raw = tmp_path / "data" / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    store = rv.Store(raw)
    build(tmp_path / "warehouse.duckdb", manifest=store.manifest)
    return store


def table(db: Path, sql: str, params: tuple = ()) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).df()


def seed_row(db: Path, raw_name: str) -> tuple[dict, pd.DataFrame, str]:
    """A 天长 target as the review page has it: the row, its sentence's rows, the plan's sha256."""
    targets = table(db, "SELECT * FROM targets WHERE doc_id = 'tianchang-2024'")
    row = targets[targets["raw_name"] == raw_name].iloc[0].to_dict()
    sentence = targets[targets["quote_start"] == row["quote_start"]]
    sha = table(db, "SELECT sha256 FROM documents WHERE doc_id = 'tianchang-2024'")["sha256"].iloc[0]
    return row, sentence, sha


def test_a_correction_and_a_rejection_last_through_a_fresh_build(store, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    repository_file = ROOT / "data" / "corrections" / "tianchang-2024.yaml"
    repository_before = repository_file.read_bytes() if repository_file.exists() else None
    pct, sentence, sha = seed_row(db, PCT)
    assert len(sentence) > 2  # the sentence holds other targets: the match must pick this one
    edit = rv.edit_entry(pct, sentence, {"value": 30, "scope": "new", "comparator": ">="},
                         "超30件 counts applications over the plan period, a flow", "研究员甲")
    rv.save_corrections(store, db, "tianchang-2024", sha, [edit])
    patents, sentence, _ = seed_row(db, PATENTS)  # the page reads the rebuilt warehouse
    rv.save_corrections(store, db, "tianchang-2024", sha,
                        [rv.reject_entry(patents, sentence, "授权量 is the patent office's count, not a plan target")])
    assert (store.corrections / "tianchang-2024.yaml").exists()
    # the page wrote to its own store, never to the repository's corrections
    assert (repository_file.read_bytes() if repository_file.exists() else None) == repository_before

    fresh = tmp_path / "fresh.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "build", "--manifest", str(store.manifest), "--db", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True)
    log = table(fresh, "SELECT action, status, why, coalesce(who, '') AS who FROM corrections ORDER BY number")
    assert log.to_dict("records") == [
        {"action": "edit", "status": "applied", "why": "超30件 counts applications over the plan period, a flow",
         "who": "研究员甲"},
        {"action": "reject", "status": "applied", "why": "授权量 is the patent office's count, not a plan target",
         "who": ""}]
    rows = table(fresh, "SELECT * FROM targets WHERE doc_id = 'tianchang-2024'")
    corrected = rows[rows["raw_name"] == PCT].iloc[0]
    assert (corrected["origin"], corrected["scope"], corrected["comparator"]) == ("manual", "new", ">=")
    assert corrected["correction_reason"].startswith("超30件") and corrected["corrected_by"] == "研究员甲"
    assert corrected["extracted_scope"] == pct["scope"] and corrected["extracted_value"] == 30
    assert PATENTS not in set(rows["raw_name"])


def test_the_match_names_the_fewest_fields_that_pick_one_row_of_a_sentence():
    sentence = pd.DataFrame({"target_id": ["a", "b", "c"], "value": [30.0, 30.0, 600.0], "unit": ["件", "件", "件"],
                             "raw_name": ["PCT", "商标", "授权量"]})
    rows = sentence.to_dict("records")
    assert rv.match_for(rows[2], sentence) == {"value": 600.0, "unit": "件"}
    assert rv.match_for(rows[0], sentence) == {"value": 30.0, "unit": "件", "raw_name": "PCT"}
    twins = pd.concat([sentence, sentence.iloc[[0]].assign(target_id="d")], ignore_index=True)
    assert rv.match_for(rows[0], twins) == {"target_id": "a"}


def test_a_correction_needs_a_reason_and_a_change():
    row = {"target_id": "x-001", "quote": "到2026年达48件。", "quote_start": 3, "value": 48.0, "unit": "件",
           "raw_name": "发明专利"}
    sentence = pd.DataFrame([row])
    with pytest.raises(ValueError, match="reason"):
        rv.edit_entry(row, sentence, {"value": 50}, "  ")
    with pytest.raises(ValueError, match="nothing changed"):
        rv.edit_entry(row, sentence, {"value": 48.0, "unit": "件"}, "why")
    entry = rv.edit_entry(row, sentence, {"value": 50, "target_year": 2026.0}, "the plan says 50", when="2026-01-02")
    assert entry["set"] == {"value": 50.0, "target_year": 2026} and entry["when"] == "2026-01-02"
    assert "who" in entry and entry["who"] is None  # no name given: left out of the file


def test_a_failed_rebuild_puts_the_corrections_file_back(store, tmp_path, monkeypatch):
    db = tmp_path / "warehouse.duckdb"
    pct, sentence, sha = seed_row(db, PCT)
    rv.save_corrections(store, db, "tianchang-2024", sha, [rv.edit_entry(pct, sentence, {"scope": "new"}, "flow")])
    path = store.corrections / "tianchang-2024.yaml"
    before, built = path.read_bytes(), db.stat().st_mtime_ns

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("etl.warehouse.steps.build", broken)
    with pytest.raises(PlanError, match="disk full"):
        rv.save_corrections(store, db, "tianchang-2024", sha, [rv.reject_entry(pct, sentence, "no")])
    assert path.read_bytes() == before and db.stat().st_mtime_ns == built
    with pytest.raises(PlanError, match="another version"):
        rv.save_corrections(store, db, "tianchang-2024", "0" * 64, [rv.reject_entry(pct, sentence, "no")])
    assert path.read_bytes() == before


def test_the_queue_puts_each_kind_of_doubt_first_and_counts_per_plan():
    targets = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"], "region_id": ["1", "1", "1", "2"], "region_zh": ["甲县", "甲县", "甲县", "乙县"],
        "target_id": ["a-001", "a-002", "a-003", "b-001"], "raw_name": ["x", "y", "z", "w"],
        "value": [1.0, None, 3.0, 4.0], "unit": ["件", None, "家", "%"], "quote": ["q1", "q2", "q3", "q4"],
        "category": ["creation", "unmapped", "use", "use"], "confidence": ["low", None, "high", "medium"],
        "confidence_reason": ["far from its number", None, None, None]})
    notes = pd.DataFrame({"doc_id": ["b", "b"], "region_id": ["2", "2"], "kind": ["annex_vs_text", "cleaning"],
                          "message": ["text 600 vs annex 420", "x"],
                          "detail": ["text: 「…」 (target b-001, section 二, scope stock) | annex: …", ""]})
    log = pd.DataFrame({"doc_id": ["a", "a"], "region_id": ["1", "1"], "status": ["applied", "unmatched"],
                        "quote": ["q1", "gone"], "changes": ["value: 1 → 2", "its sentence is no longer there"],
                        "why": ["r1", "r2"]})
    queue = rv.review_queue(targets, notes, log)
    assert queue[["kind", "target_id"]].values.tolist() == [
        ["low_confidence", "a-001"], ["unmapped", "a-002"], ["annex_conflict", "b-001"],
        ["correction_not_applied", None]]
    assert queue["what"].iloc[0] == "x 1件 (far from its number)"
    counts = rv.queue_counts(queue).set_index("doc_id")
    assert counts.loc["a", ["low_confidence", "unmapped", "correction_not_applied", "total"]].tolist() == [1, 1, 1, 3]
    assert counts.loc["b", "annex_conflict"] == 1 and counts.index[0] == "a"  # the most to review first
    assert rv.low_confidence(targets)["target_id"].tolist() == ["a-001"]
    assert rv.low_confidence(targets.drop(columns="confidence")).empty  # no column yet: nothing is low


# --- uploads that last -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def qinghe() -> up.UploadedPlan:
    return up.read_plan((FORMATS / "plan.docx").read_bytes(), "plan.docx", max_bytes=LIMIT)


def corrected_table(plan: up.UploadedPlan) -> pd.DataFrame:
    """The upload editor after a person's work: one value changed, one row deleted, one added."""
    edited = up.editor_frame(plan.targets)
    edited.loc[0, "value"] = edited.loc[0, "value"] + 1
    edited = edited.drop(index=1)
    added = pd.DataFrame([{"row": None, "raw_name": "知识产权服务机构", "value": 5.0, "unit": "家"}])
    return pd.concat([edited, added], ignore_index=True).astype({"row": "Int64"})


def test_a_project_file_brings_back_the_plan_and_its_corrections(qinghe):
    edited = corrected_table(qinghe)
    entries = rv.session_entries(qinghe, edited, "数值按原文", "乙")
    assert [e["action"] for e in entries] == ["edit", "reject", "add"]  # in reading order
    data = (FORMATS / "plan.docx").read_bytes()
    raw = rv.project_bytes(rv.Project("plan.docx", data, "青禾县", (2025, 2027), 52.5, entries))
    project = rv.read_project(raw)
    assert (project.data, project.filename, project.region_zh, project.period, project.population_10k) == (
        data, "plan.docx", "青禾县", (2025, 2027), 52.5)
    restored = rv.editor_from_entries(qinghe, project.corrections)
    pd.testing.assert_frame_equal(restored.drop(columns="quote").reset_index(drop=True),
                                  edited.drop(columns="quote").reset_index(drop=True), check_dtype=False)
    again = up.finish_targets(qinghe, restored, "青禾县")
    first = up.finish_targets(qinghe, edited, "青禾县")
    assert again[["raw_name", "value", "origin"]].equals(first[["raw_name", "value", "origin"]])
    with pytest.raises(PlanError, match="checksum"):
        rv.read_project(raw.replace(project.filename.encode(), b"plan.docx").replace(b'"sha256": "', b'"sha256": "0'))
    with pytest.raises(PlanError, match="not a project file"):
        rv.read_project(b'{"format": "something else"}')


def test_a_saved_upload_keeps_its_corrections_in_the_store(store, tmp_path, qinghe):
    db = tmp_path / "warehouse.duckdb"
    entries = rv.session_entries(qinghe, corrected_table(qinghe), "数值按原文", "乙")
    entry = rv.save_upload((FORMATS / "plan.docx").read_bytes(), "plan.docx", "青禾县", entries, store, db)
    assert (entry["corrections"], entry["not_kept"]) == (2, 1)  # the added row has no sentence
    written = yaml.safe_load((store.corrections / f"{entry['doc_id']}.yaml").read_text(encoding="utf-8"))
    assert [c["action"] for c in written["corrections"]] == ["edit", "reject"]
    rows = table(db, "SELECT * FROM targets WHERE doc_id = ?", (entry["doc_id"],))
    assert len(rows) == len(qinghe.targets) - 1
    manual = rows[rows["origin"] == "manual"]
    assert len(manual) == 1 and manual["correction_reason"].iloc[0] == "数值按原文"
    assert manual["value"].iloc[0] == qinghe.targets["value"].iloc[0] + 1
    assert manual["extracted_value"].iloc[0] == qinghe.targets["value"].iloc[0]


def test_the_plan_store_comes_from_the_environment(tmp_path, monkeypatch):
    assert rv.plan_store({}).raw_dir == ROOT / "data" / "raw"
    store = rv.plan_store({rv.RAW_DIR_ENV: str(tmp_path / "raw")})
    assert store.manifest == tmp_path / "raw" / "sources.yaml" and store.corrections == tmp_path / "corrections"
    (tmp_path / "raw").mkdir()
    monkeypatch.delenv(up.READ_ONLY_ENV, raising=False)
    assert rv.editing_allowed(store)
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    assert not rv.editing_allowed(store)
