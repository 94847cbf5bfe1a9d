"""Shared fixtures: one real warehouse built by the ETL for the whole test session.

`warehouse_path` builds it once into a temporary directory (never touching
data/warehouse.duckdb).  `warehouse` points the dashboard at it for one test through
$IPBENCH_DB and restores the variable afterwards, so other suites (the browser tests start
their own server and database) are not affected.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session", autouse=True)
def plan_cache_outside_the_checkout(tmp_path_factory):
    """Command-line builds in tests (etl add, review saves, the CLI) keep their per-plan cache in a
    temporary folder, never in the checkout's .cache/plans (a test that sets its own keeps it)."""
    import os

    from etl.warehouse.cache import CACHE_ENV

    before = os.environ.get(CACHE_ENV)
    os.environ.setdefault(CACHE_ENV, str(tmp_path_factory.mktemp("plan-cache")))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory) -> Path:
    from etl.warehouse.steps import build

    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(path)
    return path


@pytest.fixture()
def warehouse(warehouse_path: Path, monkeypatch) -> Path:
    from dashboard.db import DB_ENV

    monkeypatch.setenv(DB_ENV, str(warehouse_path))
    return warehouse_path


@pytest.fixture(scope="session")
def observations_db(tmp_path_factory) -> Path:
    """The seeds' warehouse with the invented example observations (tests/fixtures/observations) applied,
    built once in a temporary copy of the data: the progress and ambition tests read it."""
    import shutil

    from etl.warehouse.steps import build

    home = tmp_path_factory.mktemp("observations")
    raw = home / "data" / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (home / "data" / "observations").mkdir()
    for example in (ROOT / "tests" / "fixtures" / "observations").glob("*.csv"):
        shutil.copy(example, home / "data" / "observations")
    db = home / "warehouse.duckdb"
    build(db, raw / "sources.yaml")
    return db


@pytest.fixture()
def observations_warehouse(observations_db: Path, monkeypatch) -> Path:
    from dashboard.db import DB_ENV

    monkeypatch.setenv(DB_ENV, str(observations_db))
    return observations_db
