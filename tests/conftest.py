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
