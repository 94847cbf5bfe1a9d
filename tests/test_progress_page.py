"""The progress page (issue 22) under AppTest, on a warehouse of the four seeds with the invented
example observations of tests/fixtures/observations/; its figure and table builders on their own."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.charts import ChartStyle
from dashboard.charts.progress import STATUS_COLORS, draw_paths
from dashboard.services.progress import status_counts, status_table, with_data
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
EXAMPLES = ROOT / "tests" / "fixtures" / "observations"


def open_progress(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/progress.py")
    at.query_params.update(params)
    return at.run()


@pytest.mark.usefixtures("observations_warehouse")
def test_the_page_draws_paths_and_a_status_table_in_chinese():
    at = open_progress({"indicator": "high_value_invention_patents_per_10k", "region": "320282"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error and not at.warning
    assert at.title[0].value == "目标进度"
    assert at.selectbox(key="indicator").value == "high_value_invention_patents_per_10k"
    assert at.get("plotly_chart")
    tables = at.dataframe
    assert len(tables) >= 2  # the status counts and the region's targets
    shown = tables[-1].value
    assert "进度滞后" in set(shown.astype(str).stack())  # 宜兴: 0.47 of the way, two thirds of the months gone


@pytest.mark.usefixtures("observations_warehouse")
def test_the_page_runs_in_english_presentation_mode_and_with_bad_url_values():
    at = open_progress({"lang": "en", "present": "1", "indicator": "invention_patents_held", "region": "370402"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Progress"
    at = open_progress({"indicator": "<script>", "region": "000000", "regions": "999999"})
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.usefixtures("warehouse")
def test_the_page_runs_on_the_shipped_data_with_only_what_plans_state():
    at = open_progress({})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def paths_inputs():
    targets = pd.DataFrame([{"target_id": "t1", "region_id": "r1", "value_std": 20.0, "unit_std": "件", "comparator": "=",
                             "target_year": 2026, "period_end": 2026, "plan_end_month": "2026-12",
                             "start_observation_id": "o1", "required_annual_change": 23.96,
                             "required_change_unit": "%/yr", "status": "behind"}])
    observed = pd.DataFrame([
        {"observation_id": "o1", "region_id": "r1", "year": 2023, "month": None, "value_std": 10.5, "unit_std": "件",
         "source_kind": "researcher", "source": "a bulletin", "quote": None},
        {"observation_id": "o2", "region_id": "r1", "year": 2025, "month": 6, "value_std": 15.0, "unit_std": "件",
         "source_kind": "plan", "source": "a plan", "quote": "一句话"}])
    return targets, observed


def test_every_point_of_the_paths_names_what_it_opens():
    targets, observed = paths_inputs()
    fig = draw_paths(targets, observed, {"r1": "甲县"}, ChartStyle(colors={"r1": "#123456"}), "title", "件")
    data = [d for trace in fig.data for d in trace.customdata]
    assert {"obs:o1", "obs:o2", "target:t1"} <= set(data)
    line = next(trace for trace in fig.data if trace.line.dash == "dash")
    assert list(line.x) == [2023, 2026] and list(line.y) == [10.5, 20.0]
    assert list(fig.data[0].marker.symbol) == ["circle", "diamond"]  # researcher's, plan's


def test_status_table_and_counts_use_one_code_per_target():
    frame = pd.DataFrame([
        {"target_id": "a", "region_id": "r1", "indicator_zh": "甲", "value_std": 20.0, "unit_std": "件",
         "comparator": "=", "target_year": 2026, "start_value": 10.5, "required_annual_change": 23.96,
         "required_change_unit": "%/yr", "observed_value": 15.0, "observed_year": 2025, "progress_share": 0.47,
         "elapsed_share": 0.67, "status": "behind", "source_url": "sources?doc=d&target=a"},
        {"target_id": "b", "region_id": "r1", "indicator_zh": "乙", "value_std": 5.0, "unit_std": "家",
         "comparator": ">=", "target_year": 2026, "start_value": None, "required_annual_change": None,
         "required_change_unit": None, "observed_value": None, "observed_year": None, "progress_share": None,
         "elapsed_share": None, "status": None, "source_url": None}])
    table = status_table(frame, "en")
    assert list(table["status"]) == ["behind", "insufficient_data"]
    assert table.loc[0, "Required change a year"] == "needs 24.0 %/yr"
    counts = status_counts(frame, {"r1": "County A"}, "en")
    assert counts.loc["County A", "behind"] == 1 and counts.loc["County A", "insufficient data"] == 1
    assert list(with_data(frame)["target_id"]) == ["a"]  # nothing known about b: left out of the table
    assert set(STATUS_COLORS) == {"achieved", "on_track", "behind", "regressing", "insufficient_data"}


# --- a researcher's observations uploaded on the page (the command's own validation and transaction) ---

INVENTED = "INVENTED EXAMPLE for tests - not a statistic"


@pytest.fixture
def page_store(tmp_path, monkeypatch):
    """A plan store and warehouse of the pages' own (IPBENCH_RAW_DIR, IPBENCH_DB), without observations."""
    from dashboard.db import DB_ENV
    from dashboard.review import RAW_DIR_ENV
    from etl.warehouse.steps import build

    raw = tmp_path / "data" / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "warehouse.duckdb"
    build(db, raw / "sources.yaml")
    monkeypatch.setenv(RAW_DIR_ENV, str(raw))
    monkeypatch.setenv(DB_ENV, str(db))
    monkeypatch.delenv("IPBENCH_READ_ONLY", raising=False)
    return raw, db


def upload_observations(at: AppTest, name: str, data: bytes) -> AppTest:
    at.expander(key="obs_upload")  # present on the page
    at.file_uploader(key="obs_upload_file").set_value((name, data, "text/csv"))
    at.run()
    at.button(key="obs_upload_save").click()
    return at.run()


def observation_count(db) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM observations WHERE source_kind = 'researcher'").fetchone()[0]


def test_a_good_observations_file_uploaded_on_the_page_is_saved_and_the_warehouse_rebuilt(page_store):
    raw, db = page_store
    folder = raw.parent / "observations"
    assert observation_count(db) == 0
    data = (EXAMPLES / "yixing_invented_example.csv").read_bytes()
    at = upload_observations(open_progress({}), "宜兴 观测 (1).csv", data)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    saved = sorted(folder.glob("*.csv"))
    assert len(saved) == 1 and saved[0].read_bytes() == data
    assert observation_count(db) == 2
    assert any("2" in s.value and saved[0].name in s.value.replace("\\", "") for s in at.success)
    # the rebuilt warehouse is what the page now reads: 宜兴's path is drawn
    assert at.selectbox(key="indicator").options


def test_a_bad_observations_file_uploaded_on_the_page_lists_each_row_and_writes_nothing(page_store):
    raw, db = page_store
    folder = raw.parent / "observations"
    before = db.read_bytes()
    data = ("region,indicator,year,value,unit,source\n"
            f"宜兴市,high_value_invention_patents_per_10k,2023,10.5,件,{INVENTED}\n"
            f"无此县,high_value_invention_patents_per_10k,2023,3,件,{INVENTED}\n"
            f"宜兴市,trademarks_held,2023,四千,件,{INVENTED}\n"
            "宜兴市,trademarks_held,2024,4100,件,\n").encode()
    at = upload_observations(open_progress({"lang": "en"}), "mixed.csv", data)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "nothing was written (3 problem(s))" in at.error[0].value
    problems = at.dataframe[-1].value
    reasons = dict(zip(problems["Row"], problems["Reason"]))
    assert set(reasons) == {3, 4, 5}
    assert "unknown region" in reasons[3] and "is not a number" in reasons[4] and "no source" in reasons[5]
    assert not folder.exists() or not list(folder.glob("*.csv"))
    assert db.read_bytes() == before


def test_a_chinese_page_writes_every_refusal_reason_in_chinese(page_store):
    """The reasons come from the ETL as a code and its parts; the page writes them in its language."""
    data = ("region,indicator,year,month,value,unit,source\n"
            f"无此县,high_value_invention_patents_per_10k,2023,,3,件,{INVENTED}\n"
            f"宜兴市,没有这个指标,二〇二三,13,很多,件,\n"
            f"宜兴市,high_value_invention_patents_per_10k,2023,,10.5,亿元,{INVENTED}\n"
            f"宜兴市,trademarks_held,2022,,4000,件,{INVENTED}\n"
            f"宜兴市,trademarks_held,2022,,4010,件,{INVENTED}\n").encode()
    at = upload_observations(open_progress({}), "混合.csv", data)
    assert not at.exception, [e.value for e in at.exception]
    problems = at.dataframe[-1].value
    assert list(problems.columns) == ["行号", "原因"]
    reasons = list(problems["原因"])
    assert len(reasons) == 8  # region; indicator, year, month, value, source; unit; duplicate
    assert any(r.startswith("未知地区“无此县”") for r in reasons)
    assert any("与第 5 行重复" in r for r in reasons)
    assert any("亿元" in r and "无法换算" in r for r in reasons)
    for reason in reasons:  # no English of the ETL's (ids and units aside)
        words = re.sub(r"[A-Za-z0-9_]+(?:_[A-Za-z0-9]+)+|[A-Za-z_]+\.csv", "", reason)
        assert not re.search(r"[A-Za-z]{3,}", words), reason


def test_every_reason_the_etl_may_give_is_written_in_both_languages_from_the_same_parts():
    from dashboard.i18n import OBSERVATION_PROBLEMS, observation_problem
    from etl.api import OBSERVATION_PROBLEM_CODES
    from etl.warehouse.observations import PROBLEM_REASONS

    assert set(OBSERVATION_PROBLEMS) == set(OBSERVATION_PROBLEM_CODES)
    for code, english in PROBLEM_REASONS.items():
        wanted = set(re.findall(r"{(\w+)", english)) - {"why", "where"}
        for text in OBSERVATION_PROBLEMS[code]:
            assert set(re.findall(r"{(\w+)", text)) - {"where"} <= wanted | {"missing", "unknown"}, (code, text)
    assert observation_problem("duplicate", {"file": "a.csv", "first_row": 3, "where": "a.csv row 3"}, "zh") \
        == "与a.csv 第 3 行重复（地区、指标、年份和月份相同）"
    assert observation_problem("an_older_code", {}, "zh", "the ETL's words") == "the ETL's words"


def test_a_read_only_deployment_offers_no_observations_upload_and_says_so(page_store, monkeypatch):
    from dashboard.services import progress as service

    monkeypatch.setenv("IPBENCH_READ_ONLY", "1")
    at = open_progress({"lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("read-only" in i.value for i in at.info)
    assert not [u for u in at.get("file_uploader") if getattr(u, "key", None) == "obs_upload_file"]
    with pytest.raises(PermissionError):
        service.save_observations(b"region,indicator,year,value,unit,source\n", "x.csv")
    assert not (page_store[0].parent / "observations").exists()


def test_the_unit_line_is_written_in_the_pages_language():
    targets, observed = paths_inputs()
    targets["unit_std"], observed["unit_std"] = "人", "人"
    english = draw_paths(targets, observed, {"r1": "County A"}, ChartStyle(lang="en", colors={"r1": "#123456"}), "t", "人")
    assert "人" not in english.layout.title.subtitle.text and "people" in english.layout.title.subtitle.text.lower()
    chinese = draw_paths(targets, observed, {"r1": "甲县"}, ChartStyle(colors={"r1": "#123456"}), "t", "人")
    assert "人" in chinese.layout.title.subtitle.text
