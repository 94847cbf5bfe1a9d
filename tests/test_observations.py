"""Observations (issue 22): a researcher's CSV files refused whole or applied on every build; the
levels a plan states with their year; the required annual change and the attainment status.

The observed figures here are invented examples (tests/fixtures/observations/README.md), never statistics."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.normalize.ambition import attainment_rows, required_changes
from etl.warehouse.add import add_observation_file
from etl.warehouse.observations import (
    observations_dir,
    plan_observations,
    read_observation_file,
    regions_of_manifest,
)
from etl.warehouse.plan import extract_text

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
EXAMPLES = ROOT / "tests" / "fixtures" / "observations"
INVENTED = "INVENTED EXAMPLE for tests"


@pytest.fixture
def store(tmp_path):
    raw_dir = tmp_path / "data" / "raw"
    shutil.copytree(RAW, raw_dir)
    return raw_dir / "sources.yaml", tmp_path / "warehouse.duckdb"


def query(db: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*"))} if folder.is_dir() else {}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


# --- the worked example --------------------------------------------------------------------

def test_worked_example_required_change_and_attainment_through_the_command_line(store):
    manifest, db = store
    result = run_cli("observations", "add", str(EXAMPLES / "yixing_invented_example.csv"),
                     "--db", str(db), "--manifest", str(manifest), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (observations_dir(manifest) / "yixing_invented_example.csv").read_bytes() == \
        (EXAMPLES / "yixing_invented_example.csv").read_bytes()
    target = query(db, "SELECT * FROM targets WHERE region_id = '320282' "
                       "AND indicator_id = 'high_value_invention_patents_per_10k'").iloc[0]
    # 10.5 → 20 over the plan's 36 months: (20 / 10.5) ** (1 / 3) − 1 = 23.96 %
    assert target["required_annual_change"] == pytest.approx(((20 / 10.5) ** (1 / 3) - 1) * 100)
    assert round(target["required_annual_change"]) == 24
    assert target["required_change_unit"] == "%/yr"
    assert "yixing_invented_example-r2" in target["required_change_from"]
    assert "36 months" in target["required_change_from"]
    row = query(db, f"SELECT * FROM attainment WHERE target_id = '{target['target_id']}'").iloc[0]
    assert row["year"] == 2025 and row["observed_value"] == 15
    assert row["progress_share"] == pytest.approx(4.5 / 9.5)  # ≈ 0.47
    assert row["elapsed_share"] == pytest.approx(24 / 36)
    assert row["status"] == "behind"  # 0.47 < 0.95 × 0.67
    observed = query(db, "SELECT * FROM observations WHERE source_kind = 'researcher'")
    assert len(observed) == 2 and set(observed["value_std"]) == {10.5, 15.0}
    assert all(INVENTED in source for source in observed["source"])


def test_an_observation_file_is_applied_again_on_every_build(store):
    from etl.warehouse.steps import build

    manifest, db = store
    folder = observations_dir(manifest)
    folder.mkdir()
    shutil.copy(EXAMPLES / "five_regions_invented_example.csv", folder)
    build(db, manifest)
    statuses = query(db, "SELECT a.status, t.indicator_id, a.year FROM attainment a JOIN targets t USING (target_id)")
    assert {"achieved", "on_track", "regressing"} <= set(statuses["status"])
    # 市中区's trademarks fell from 9000 to 8800 against a target of 13000: regressing
    fell = statuses[(statuses["indicator_id"] == "trademarks_held") & (statuses["year"] == 2025)]
    assert list(fell["status"]) == ["regressing"]


# --- a file refused whole ------------------------------------------------------------------

BAD_ROWS = {  # line in the file → (row, what the reason says)
    2: ("宜兴市,high_value_invention_patents_per_10k,2022,10.5,件,a cited bulletin,", None),
    3: ("某某县,high_value_invention_patents_per_10k,2023,10.5,件,a cited bulletin,", "unknown region"),
    4: ("宜兴市,月球土壤样本数量,2023,10.5,件,a cited bulletin,", "unknown indicator"),
    5: ("宜兴市,invention_patents_held,2023,12,公斤,a cited bulletin,", "does not convert"),
    6: ("宜兴市,invention_patents_held,2023,about 12,件,a cited bulletin,", "is not a number"),
    7: ("宜兴市,high_value_invention_patents_per_10k,2022,11,件,another bulletin,", "duplicate of row 2"),
    8: ("宜兴市,trademarks_held,2023,4000,件,,", "no source"),
    9: ("宜兴市,trademarks_held,20x3,4000,件,a cited bulletin,", "is not a year"),
}


def write_bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.csv"
    path.write_text("region,indicator,year,value,unit,source,note\n"
                    + "\n".join(row for row, _reason in BAD_ROWS.values()) + "\n", encoding="utf-8")
    return path


def test_each_kind_of_bad_row_is_named_by_its_line_and_reason(store, tmp_path):
    manifest, _db = store
    found = read_observation_file(write_bad_file(tmp_path), regions_of_manifest(manifest))
    reasons = {problem.row: problem.reason for problem in found.problems}
    for line, (_row, expected) in BAD_ROWS.items():
        if expected is None:
            assert line not in reasons
        else:
            assert expected in reasons.get(line, ""), (line, reasons)


def test_a_bad_file_changes_nothing_and_exits_1(store, tmp_path):
    from etl.warehouse.steps import build

    manifest, db = store
    folder = observations_dir(manifest)
    folder.mkdir()
    shutil.copy(EXAMPLES / "yixing_invented_example.csv", folder)
    build(db, manifest)
    before_db, before_folder = db.read_bytes(), digest(folder)
    result = run_cli("observations", "add", str(write_bad_file(tmp_path)), "--db", str(db),
                     "--manifest", str(manifest))
    assert result.returncode == 1
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"row {line}:" in result.stderr
    assert "row 2:" not in result.stderr
    assert db.read_bytes() == before_db and digest(folder) == before_folder


def test_a_row_already_held_in_another_file_is_a_duplicate(store, tmp_path):
    manifest, db = store
    folder = observations_dir(manifest)
    folder.mkdir()
    shutil.copy(EXAMPLES / "yixing_invented_example.csv", folder)
    again = tmp_path / "again.csv"
    again.write_text("region,indicator,year,value,unit,source\n"
                     "320282,high_value_invention_patents_per_10k,2025,15.5,件,a second bulletin\n", encoding="utf-8")
    result = add_observation_file(again, db, manifest)
    assert [p.row for p in result.problems] == [2]
    assert "yixing_invented_example.csv row 3" in result.problems[0].reason
    assert not db.exists() and sorted(p.name for p in folder.iterdir()) == ["yixing_invented_example.csv"]


def test_a_file_without_the_required_columns_is_refused_at_its_header(store, tmp_path):
    manifest, _db = store
    path = tmp_path / "no_source.csv"
    path.write_text("region,indicator,year,value,unit,remark\n宜兴市,trademarks_held,2023,1,件,x\n", encoding="utf-8")
    found = read_observation_file(path, regions_of_manifest(manifest))
    assert [p.row for p in found.problems] == [1]
    assert "missing column(s) source" in found.problems[0].reason and "remark" in found.problems[0].reason


# --- what a plan states ----------------------------------------------------------------------

def test_a_seed_baseline_is_a_plan_observation_with_its_sentence(warehouse_path):
    rows = query(warehouse_path, "SELECT o.*, t.baseline, t.quote AS target_quote FROM observations o "
                                 "JOIN targets t USING (target_id) WHERE o.source_kind = 'plan'")
    assert len(rows) >= 1
    for row in rows.itertuples():
        assert row.value == row.baseline and row.quote == row.target_quote and row.doc_id
    stated = rows[rows["region_id"] == "341181"].iloc[0]
    assert stated["time_basis"] == "plan date" and stated["year"] == 2024  # 现有: when the draft was written


# Fresh wording (not from any fixture or seed): a background part with levels reached, and goals.
PLAN = """关于印发某某县知识产权强县建设工作方案（2023—2025年）的通知
一、发展现状
截至2021年底，全县有效发明专利达到318件，每万人口发明专利拥有量2.7件、高价值发明专利拥有量0.9件。2022年，全县新增注册商标415件，全省有效发明专利2.1万件。有效注册商标从2019年的1,310件增加到2021年的2,044件。
二、工作目标
到2025年，全县有效发明专利拥有量由2022年的402件增至700件，有效注册商标达到3000件。
"""


def plan_rows() -> pd.DataFrame:
    ex = extract_text(PLAN, doc_id="mou", region_id="x-mou", region_zh="某某县", period=(2023, 2025))
    docs = pd.DataFrame([{"doc_id": "mou", "clean_text": ex.clean_text, "region_id": "x-mou", "region_zh": "某某县",
                          "title": "t", "date": "2023-03-01", "period_start": 2023}])
    return plan_observations(ex.targets, ex.skipped, docs), ex.targets


def test_levels_a_plan_states_with_their_year_and_nothing_else():
    observed, targets = plan_rows()
    got = {(r.indicator_id, r.year, r.value) for r in observed.itertuples()}
    assert ("invention_patents_held", 2021, 318.0) in got
    assert ("invention_patents_per_10k", 2021, 2.7) in got
    assert ("trademarks_held", 2019, 1310.0) in got and ("trademarks_held", 2021, 2044.0) in got
    assert ("invention_patents_held", 2022, 402.0) in got
    # the elided 每万人口 (0.9), what was added (新增注册商标), the province's figure: not levels of the county
    assert not {v for _i, _y, v in got} & {0.9, 415.0, 2.1, 21000.0}
    baseline = observed[observed["value"] == 402.0].iloc[0]
    assert baseline["target_id"] in set(targets["target_id"]) and baseline["time_basis"] == "stated"
    assert (observed["source_kind"] == "plan").all()


# --- ambition and attainment, pure --------------------------------------------------------------

def target(**fields) -> dict:
    base = {"target_id": "t1", "region_id": "r", "indicator_id": "i", "value_std": 20.0, "unit_std": "件",
            "comparator": "=", "scope": "stock", "target_year": 2026, "period_end": 2026, "qualitative": False,
            "per_unit": None, "plan_start_month": "2024-01", "plan_end_month": "2026-12"}
    return {**base, **fields}


def observation(year: int, value: float, scope: str = "stock", n: int = 0, **fields) -> dict:
    return {"observation_id": f"o{year}{n}", "region_id": "r", "indicator_id": "i", "year": year, "month": None,
            "value_std": value, "unit_std": fields.pop("unit_std", "件"), "scope": scope, "source_kind": "researcher",
            "target_id": None, **fields}


def ambition(targets: list[dict], observations: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    t, o = pd.DataFrame(targets), pd.DataFrame(observations)
    return required_changes(t, o), attainment_rows(t, o)


def test_a_share_asks_for_points_a_year_and_a_flow_for_a_multiple_of_its_observed_flow():
    change, _ = ambition([target(scope="ratio", value_std=19.0, unit_std="%"),
                          target(target_id="t2", scope="annual", value_std=300.0, target_year=None)],
                         [observation(2023, 16.0, "ratio", unit_std="%"), observation(2023, 100.0, "annual")])
    assert change.loc[0, "required_annual_change"] == pytest.approx(1.0)  # 3 points over 3 years
    assert change.loc[0, "required_change_unit"] == "points/yr"
    assert change.loc[1, "required_annual_change"] == pytest.approx(3.0)
    assert change.loc[1, "required_change_unit"] == "x observed yearly flow"


def test_no_level_at_or_before_the_start_means_no_required_change_and_insufficient_data():
    change, rows = ambition([target()], [observation(2025, 15.0)])
    assert pd.isna(change.loc[0, "required_annual_change"])
    assert list(rows["status"]) == ["insufficient_data"]


def test_statuses_achieved_on_track_behind_regressing():
    _, rows = ambition([target()], [observation(2023, 10.0), observation(2024, 14.0), observation(2025, 13.0, n=1)])
    assert dict(zip(rows["year"], rows["status"])) == {2024: "on_track", 2025: "behind"}  # 0.4 ≥ 0.95×⅓; 0.3 < 0.95×⅔
    _, rows = ambition([target()], [observation(2023, 10.0), observation(2025, 9.0)])
    assert list(rows["status"]) == ["regressing"]
    _, rows = ambition([target(comparator="<=", value_std=30.0)], [observation(2023, 45.0), observation(2024, 29.0)])
    assert list(rows["status"]) == ["achieved"]


def test_a_target_over_the_plan_period_adds_up_the_observed_yearly_flows():
    t = target(scope="new", value_std=30.0)
    _, rows = ambition([t], [observation(2023, 6.0, "annual"), observation(2024, 8.0, "annual"),
                             observation(2025, 9.0, "annual")])
    by_year = rows.set_index("year")
    assert by_year.loc[2025, "observed_value"] == 17.0 and by_year.loc[2025, "progress_share"] == pytest.approx(17 / 30)
    _, rows = ambition([t], [observation(2023, 6.0, "annual"), observation(2025, 9.0, "annual")])
    assert list(rows["status"]) == ["insufficient_data"]  # 2024's flow is missing


def test_a_text_without_a_date_or_period_dates_no_level():
    ex = extract_text(PLAN, doc_id="mou", period=(2023, 2025))
    docs = pd.DataFrame([{"doc_id": "mou", "clean_text": ex.clean_text, "region_id": "x", "region_zh": "x",
                          "title": "t", "date": None, "period_start": None}])
    assert plan_observations(ex.targets, ex.skipped, docs).empty
