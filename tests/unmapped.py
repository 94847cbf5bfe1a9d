"""A warehouse with an unmapped target, for the tests of how pages and queries show one.

The four seed plans have none, and a plan that yields one depends on the dictionary of the
day; so a built warehouse is copied and one numeric target is made what the ETL writes for
a target nothing places: category "unmapped", no indicator, no family.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from etl.base.schema import UNMAPPED

REGION = "341181"  # 天长市


def unmapped_copy(source: Path, folder: Path) -> tuple[Path, str]:
    """(path of the copy, target_id of its unmapped target)."""
    path = folder / "unmapped.duckdb"
    shutil.copy(source, path)
    with duckdb.connect(str(path)) as con:
        target_id = con.execute("""
            SELECT target_id FROM targets
            WHERE region_id = ? AND NOT coalesce(qualitative, false) AND value IS NOT NULL
            ORDER BY target_id LIMIT 1""", [REGION]).fetchone()[0]
        con.execute("""
            UPDATE targets SET category = ?, indicator_id = NULL, indicator_zh = NULL, indicator_en = NULL,
                               family = NULL, raw_name = '无法归类的指标'
            WHERE target_id = ?""", [UNMAPPED, target_id])
    return path, target_id
