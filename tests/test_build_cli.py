"""The contract: `python -m etl build | extract`, the tables, and bad input that loses nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.base import schema
from etl.warehouse.steps import build

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"


def run_etl(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    report = build(db)
    return db, report


def test_build_writes_every_contract_table_with_its_columns(warehouse):
    db, _ = warehouse
    con = duckdb.connect(str(db), read_only=True)
    for table in schema.TABLES:
        cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
        assert cols == schema.columns(table), table
    regions = {r[0] for r in con.execute("SELECT DISTINCT region_zh FROM targets").fetchall()}
    assert regions == {"天长市", "宜兴市", "盐城市", "市中区"}


def test_every_quote_sits_at_its_offsets_in_the_stored_clean_text(warehouse):
    db, _ = warehouse
    con = duckdb.connect(str(db), read_only=True)
    bad = con.execute("""
        SELECT t.target_id FROM targets t JOIN documents d USING (doc_id)
        WHERE substr(d.clean_text, t.quote_start + 1, t.quote_end - t.quote_start) <> t.quote""").fetchall()
    assert bad == []
    assert con.execute("SELECT count(*) FROM targets").fetchone()[0] > 80


def test_build_report_counts_targets_per_region_and_category(warehouse):
    _, report = warehouse
    assert set(report.per_region.index) == {"天长市", "宜兴市", "盐城市", "市中区"}
    assert list(report.per_region.columns) == schema.CATEGORIES + ["total"]
    assert "annex" in str(report) or "17家" in str(report)


def test_if_stale_skips_an_unchanged_build(warehouse):
    db, _ = warehouse
    assert build(db, if_stale=True).skipped_build


def test_a_changed_source_fails_the_build_and_keeps_the_last_good_database(tmp_path, warehouse):
    good_db, _ = warehouse
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (raw / "yixing_2024-2026.txt").write_text("tampered", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    shutil.copy(good_db, db)
    before = db.read_bytes()
    from etl.base.errors import ManifestError
    with pytest.raises(ManifestError, match="yixing_2024-2026.txt.*sha256"):
        build(db, manifest=raw / "sources.yaml")
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("w.duckdb.*"))  # no half-written file left behind


def test_cli_build_error_names_the_file_and_line_and_exits_1(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (raw / "sources.yaml").write_text("sources:\n  - doc_id: x\n    file: [unclosed\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = run_etl("build", "--db", db, "--manifest", raw / "sources.yaml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "sources.yaml:4: not valid YAML" in result.stderr
    assert not db.exists()


def test_extract_prints_csv_with_the_targets_columns():
    result = run_etl("extract", ROOT / "data" / "raw" / "tianchang_2024-2026_draft.txt")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == schema.columns("targets")
    assert any(r[rows[0].index("raw_name")] == "每万人有效发明专利拥有量" and r[rows[0].index("value")] == "48.0"
               for r in rows[1:])


def test_extract_csv_never_writes_a_live_formula_or_a_bare_line_break(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("青岚县国家知识产权强县建设试点县工作方案（2025—2027年）\n二、工作目标\n"
                    "=HYPERLINK(\"http://evil.example\")到2027年，全县有效发明专利达到900件。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "etl", "extract", str(plan)], cwd=ROOT, capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    quote = rows[1][rows[0].index("quote")]
    assert quote.startswith("'=HYPERLINK") and rows[1][rows[0].index("value")] == "900.0"
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_extract_json_and_other_formats():
    result = run_etl("extract", ROOT / "tests" / "fixtures" / "formats" / "plan.docx", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and set(records[0]) == set(schema.columns("targets"))


def test_extract_reads_gb18030():
    result = run_etl("extract", BAD / "plan_gb18030.txt")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) > 2


@pytest.mark.parametrize("name, message", [
    ("empty.txt", "empty"),
    ("binary.txt", "binary|NUL|not text|decode"),
    ("meeting_notice.txt", "no recognisable targets"),
])
def test_bad_plans_get_a_clear_message_not_a_traceback(name, message):
    result = run_etl("extract", BAD / name)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert name in result.stderr
    import re
    assert re.search(message, result.stderr, re.I), result.stderr


NEW_PLAN = """关于印发《青岚县国家知识产权强县建设试点县工作方案（2025—2027年）》的通知
青政办发〔2025〕9号

青岚县国家知识产权强县建设试点县工作方案（2025—2027年）

一、工作目标
到2027年，全县每万人口发明专利拥有量达到9.5件，新增知识产权贯标企业30家以上，知识产权质押融资累计突破2亿元。
二、重点任务
1.强化保护。每年开展知识产权联合执法不少于4次。
"""


def test_add_copies_a_new_plan_records_it_and_rebuilds(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    plan = tmp_path / "qinglan.txt"
    plan.write_text(NEW_PLAN, encoding="gb18030")
    db = tmp_path / "w.duckdb"
    result = run_etl("add", plan, "--manifest", raw / "sources.yaml", "--db", db)
    assert result.returncode == 0, result.stderr
    copied = [p for p in raw.iterdir() if p.read_bytes() == plan.read_bytes()]
    assert len(copied) == 1  # byte for byte
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT value, unit, scope FROM targets WHERE region_zh = '青岚县' ORDER BY quote_start").fetchall()
    assert rows == [(9.5, "件", "stock"), (30.0, "家", "new"), (2.0, "亿元", "stock"), (4.0, "次", "annual")]
    again = run_etl("add", plan, "--manifest", raw / "sources.yaml", "--db", db)
    assert again.returncode == 1 and "Traceback" not in again.stderr  # the same file twice is refused
