"""The per-plan cache (etl/warehouse/cache.py): a rebuild reuses a plan's tables only when nothing they
depend on changed, and a cached build is the same warehouse as a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import etl.warehouse.steps as build_module
from etl.base.errors import PlanError
from etl.base.paths import RAW_DIR
from etl.warehouse import cache as plan_cache
from etl.warehouse.steps import build
from tests.release_snapshot import differences, dump


@pytest.fixture()
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    return raw / "sources.yaml"


def _count_extractions(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = build_module.plan_tables

    def counting(source, *args, **kwargs):
        seen.append(source.doc_id)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(build_module, "plan_tables", counting)
    return seen


def test_a_second_build_reads_every_plan_from_the_cache_and_builds_the_same_warehouse(raw_copy, tmp_path,
                                                                                     monkeypatch):
    cache, seen = tmp_path / "cache", _count_extractions(monkeypatch)
    build(tmp_path / "first.duckdb", manifest=raw_copy, cache_dir=cache)
    assert len(seen) == 4 and len(list(cache.glob("*.pkl"))) == 4
    build(tmp_path / "second.duckdb", manifest=raw_copy, cache_dir=cache)
    assert len(seen) == 4, "no plan should be extracted again"
    assert differences(dump(tmp_path / "second.duckdb"), dump(tmp_path / "first.duckdb")) == []


def test_a_correction_re_extracts_only_its_plan(raw_copy, tmp_path, monkeypatch):
    cache, seen = tmp_path / "cache", _count_extractions(monkeypatch)
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    corrections = raw_copy.parent.parent / "corrections"
    corrections.mkdir(exist_ok=True)
    (corrections / "yixing-2024.yaml").write_text(
        "doc_id: yixing-2024\nsha256: unknown\ncorrections:\n- action: reject\n  quote: 不存在的句子\n  why: test\n", encoding="utf-8")
    seen.clear()
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    assert seen == ["yixing-2024"]
    assert len(list(cache.glob("yixing-2024.*.pkl"))) == 1, "the plan's older entry is dropped"


def test_a_replaced_raw_file_is_an_error_not_a_cache_hit(raw_copy, tmp_path):
    cache = tmp_path / "cache"
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    victim = next(p for p in raw_copy.parent.iterdir() if p.suffix == ".txt")
    victim.write_bytes(victim.read_bytes() + "\n多出的一行".encode())
    with pytest.raises(PlanError) as error:
        build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    assert victim.name in str(error.value)


def test_a_code_change_or_a_damaged_entry_is_a_miss(raw_copy, tmp_path, monkeypatch):
    cache, seen = tmp_path / "cache", _count_extractions(monkeypatch)
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    for entry in cache.glob("*.pkl"):
        entry.write_bytes(b"not a pickle")
    seen.clear()
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    assert len(seen) == 4
    monkeypatch.setattr(plan_cache, "code_fingerprint", lambda: "another version of the rules")
    seen.clear()
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    assert len(seen) == 4


def test_the_library_build_uses_no_cache_unless_given_one_and_the_setting_can_turn_it_off(monkeypatch, tmp_path):
    monkeypatch.setenv(plan_cache.CACHE_ENV, "off")
    assert plan_cache.default_dir() is None
    monkeypatch.setenv(plan_cache.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert plan_cache.default_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(plan_cache.CACHE_ENV)
    assert plan_cache.default_dir() == plan_cache.DEFAULT_DIR
