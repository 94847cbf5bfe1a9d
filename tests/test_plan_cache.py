"""The per-plan cache (etl/warehouse/cache.py): a rebuild reuses a plan's tables only when nothing they
depend on changed, and a cached build is the same warehouse as a fresh one."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

import etl.warehouse.steps as build_module
from etl.base import schema
from etl.base.errors import PlanError
from etl.base.paths import RAW_DIR
from etl.warehouse import cache as plan_cache
from etl.warehouse import rows
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
    assert len(seen) == 4 and len(list(cache.glob("*.plan"))) == 4
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
    assert len(list(cache.glob("yixing-2024.*.plan"))) == 1, "the plan's older entry is dropped"


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
    for entry in cache.glob("*.plan"):
        entry.write_bytes(b"not an entry")
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


# --- entries are data, checked against their key ---------------------------------------------

def _entries(cache: Path) -> dict[str, Path]:
    return {path.name.split(".")[0]: path for path in cache.glob("*.plan")}


class _MakesADirectoryWhenUnpickled:
    """What a planted pickle can do when loaded: call any function it names (here os.mkdir)."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        import os
        return os.mkdir, (str(self.marker),)


def test_every_entry_is_arrow_and_json_and_no_pickle_is_left_in_the_cache(raw_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "yixing-2024.0123456789abcdef0123456789abcdef.pkl").write_bytes(b"\x80\x05old entry")
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    files = [path for path in cache.rglob("*") if path.is_file()]
    assert len(files) == 4 and all(path.suffix == ".plan" for path in files), files
    for path in files:
        data = path.read_bytes()
        assert data.startswith(plan_cache.MAGIC)
        assert not data.startswith(b"\x80") and b"pickle" not in data.lower()
        header_length = int.from_bytes(data[len(plan_cache.MAGIC):len(plan_cache.MAGIC) + 8], "big")
        start = len(plan_cache.MAGIC) + 8
        header = json.loads(data[start:start + header_length])
        assert header["key"] in path.name and header["doc_id"] == path.name.split(".")[0]
        body = pa.py_buffer(data[start + header_length:])
        offset = 0
        for name, length in header["tables"]:  # each table an Arrow IPC stream of the warehouse's schema
            table = pa.ipc.open_stream(body.slice(offset, length)).read_all()
            assert list(table.column_names) == schema.columns(name)
            offset += length


def test_a_build_from_the_cache_never_unpickles(raw_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(tmp_path / "first.duckdb", manifest=raw_copy, cache_dir=cache)

    def refuse(*args, **kwargs):
        raise AssertionError("a cached build unpickled something")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    seen = _count_extractions(monkeypatch)
    build(tmp_path / "second.duckdb", manifest=raw_copy, cache_dir=cache)
    assert seen == []
    assert differences(dump(tmp_path / "second.duckdb"), dump(tmp_path / "first.duckdb")) == []


def test_a_planted_pickle_is_never_loaded_and_is_replaced(raw_copy, tmp_path, monkeypatch):
    cache, seen = tmp_path / "cache", _count_extractions(monkeypatch)
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    marker = tmp_path / "the pickle ran"
    planted = pickle.dumps(_MakesADirectoryWhenUnpickled(marker))
    victim = _entries(cache)["tianchang-2024"]
    victim.write_bytes(planted)  # in the entry's own place, with its name and key
    victim.with_suffix(".pkl").write_bytes(planted)  # and where the pickle cache kept it
    seen.clear()
    build(tmp_path / "w.duckdb", manifest=raw_copy, cache_dir=cache)
    assert not marker.exists(), "the planted pickle was loaded"
    assert seen == ["tianchang-2024"], "the planted entry is a miss, the others are hits"
    assert victim.read_bytes().startswith(plan_cache.MAGIC), "and it is rebuilt in place"
    assert not list(cache.glob("*.pkl"))


def test_a_damaged_or_foreign_entry_is_a_miss_and_is_rebuilt(raw_copy, tmp_path, monkeypatch):
    cache, seen = tmp_path / "cache", _count_extractions(monkeypatch)
    build(tmp_path / "first.duckdb", manifest=raw_copy, cache_dir=cache)
    entries = _entries(cache)
    # damaged: one byte of a table changed (the header still parses, the data would be wrong)
    damaged = bytearray(entries["yixing-2024"].read_bytes())
    damaged[-40] ^= 0x01
    entries["yixing-2024"].write_bytes(bytes(damaged))
    # foreign: another plan's valid entry, under this plan's name and key
    entries["yancheng-2022"].write_bytes(entries["tianchang-2024"].read_bytes())
    seen.clear()
    build(tmp_path / "second.duckdb", manifest=raw_copy, cache_dir=cache)
    assert sorted(seen) == ["yancheng-2022", "yixing-2024"]
    assert differences(dump(tmp_path / "second.duckdb"), dump(tmp_path / "first.duckdb")) == []
    seen.clear()
    build(tmp_path / "third.duckdb", manifest=raw_copy, cache_dir=cache)
    assert seen == [], "the rebuilt entries are hits again"


def test_an_entry_is_read_only_for_its_own_key(tmp_path):
    table = rows.to_arrow("phases", {"doc_id": ["a"], "region_id": ["x"]})
    tables = {name: rows.empty(name) for name in build_module.PLAN_TABLES} | {"phases": table}
    schemas = {name: rows.arrow_schema(name) for name in build_module.PLAN_TABLES}
    entry = plan_cache.Entry(tables, {"regions": [], "documents": [], "names": {"mapped": [], "unmapped": [],
                                                                              "used": []}})
    plan_cache.store(tmp_path, "plan-a", "k1", entry)
    assert plan_cache.load(tmp_path, "plan-a", "k1", schemas).tables["phases"].equals(table)
    (tmp_path / "plan-a.k2.plan").write_bytes((tmp_path / "plan-a.k1.plan").read_bytes())
    assert plan_cache.load(tmp_path, "plan-a", "k2", schemas) is None  # a copy under another key
    other_schema = dict(schemas) | {"phases": rows.arrow_schema("targets")}
    assert plan_cache.load(tmp_path, "plan-a", "k1", other_schema) is None  # not the warehouse's columns
    entry.meta["regions"] = [{"date": __import__("datetime").date(2024, 1, 1)}]  # JSON would make it text
    plan_cache.store(tmp_path, "plan-b", "k1", entry)
    assert not (tmp_path / "plan-b.k1.plan").exists()
