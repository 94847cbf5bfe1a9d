"""The review page, the data page's review filter and provenance columns, under AppTest, with a
plan store of their own ($IPBENCH_RAW_DIR: a temporary copy of data/raw)."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import review as rv
from dashboard import upload as up
from dashboard.db import DB_ENV
from etl.warehouse.steps import build
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture()
def own_store(tmp_path, monkeypatch) -> rv.Store:
    raw = tmp_path / "data" / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "warehouse.duckdb"
    build(db, manifest=raw / "sources.yaml")
    monkeypatch.setenv(DB_ENV, str(db))
    monkeypatch.setenv(rv.RAW_DIR_ENV, str(raw))
    monkeypatch.delenv(up.READ_ONLY_ENV, raising=False)
    return rv.Store(raw)


@pytest.fixture()
def target(own_store) -> str:
    """天长's first numeric target, whatever number reading order gives it."""
    import os

    with duckdb.connect(os.environ[DB_ENV], read_only=True) as con:
        return con.execute("""SELECT min(target_id) FROM targets WHERE doc_id = 'tianchang-2024'
                              AND NOT qualitative AND value IS NOT NULL""").fetchone()[0]


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(page)
    at.query_params.update(params)
    return at.run()


def test_review_page_corrects_a_target_and_shows_the_extractors_reading(own_store, target):
    at = open_page("pages/review.py", {"doc": "tianchang-2024", "target": target})
    assert not at.exception, [e.value for e in at.exception]
    before = at.number_input(key=f"rv_value_{target}").value
    at.number_input(key=f"rv_value_{target}").set_value(before + 2)
    at.button[-1].click().run()  # no reason yet: refused, nothing written
    assert any("reason" in e.value for e in at.error)
    assert not (own_store.corrections / "tianchang-2024.yaml").exists()
    at.text_area(key=f"rv_why_{target}").set_value("原文另有说明")
    at.text_input(key=f"rv_who_{target}").set_value("研究员丙")
    at.button[-1].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("已保存" in s.value for s in at.success)
    reading = at.dataframe[-1].value.set_index("字段")
    assert float(reading.loc["value", "现值"]) == before + 2 and float(reading.loc["value", "自动提取值"]) == before
    assert any("研究员丙" in c.value and "原文另有说明" in c.value for c in at.caption)
    assert "原文另有说明" in (own_store.corrections / "tianchang-2024.yaml").read_text(encoding="utf-8")


def test_review_page_on_a_read_only_host_shows_the_queue_and_no_form(own_store, monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = open_page("pages/review.py", {"doc": "shizhong-2024", "target": "shizhong-2024-001"})
    assert not at.exception, [e.value for e in at.exception]
    counts = at.dataframe[0].value
    assert counts.loc[counts["doc_id"] == "shizhong-2024", "附表冲突"].iloc[0] > 0  # its town annex
    assert not at.number_input and not any("rv_form" in (b.key or "") for b in at.button)
    queue = at.dataframe[1].value
    assert "correct_url" not in queue.columns and queue["source_url"].str.startswith("sources?doc=").all()
    # an annex conflict has no sentence of its own: its cell shows the table's blank mark, not "None"
    assert at.dataframe[1].proto.placeholder == "—"


def test_data_page_carries_origin_and_reason_and_filters_to_low_confidence(own_store, target):
    at = open_page("pages/review.py", {"doc": "tianchang-2024", "target": target})
    at.text_area(key=f"rv_why_{target}").set_value("口径应为新增")
    at.selectbox(key=f"rv_scope_{target}").set_value("new")
    at.button[-1].click().run()
    assert not at.error, [e.value for e in at.error]
    at = open_page("pages/data.py", {})
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert {"origin", "correction_reason", "extracted_value", "corrected_by", "confidence"} <= set(table.columns)
    corrected = table[table["target_id"] == target].iloc[0]
    assert (corrected["origin"], corrected["correction_reason"]) == ("manual", "口径应为新增")
    at.toggle(key="low").set_value(True).run()
    shown = at.dataframe[0].value
    assert (shown["confidence"] == "low").all()
    assert at.query_params.get("low") in (["1"], "1")
