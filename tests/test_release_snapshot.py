"""A build of the four seed plans against the last release's warehouse, table by table (issue 11).

The snapshot (tests/fixtures/release/*.csv) was written from the build of the release before the
restructuring; a commit that changes a number on purpose refreshes it (tests/release_snapshot.py
--update), so the change is reviewed as a diff of those files.
"""

from __future__ import annotations

import pandas as pd

from tests.release_snapshot import differences, dump, read_snapshot


def test_a_fresh_build_matches_the_release_snapshot_number_for_number(warehouse_path):
    built, kept = dump(warehouse_path), read_snapshot()
    assert kept, "tests/fixtures/release/ holds no snapshot"
    assert differences(built, kept) == []


def test_the_comparison_names_the_table_and_the_row_that_moved():
    kept = {"targets": pd.DataFrame({"target_id": ["a", "b"], "value": ["60.0", "2.0"]})}
    built = {"targets": pd.DataFrame({"target_id": ["a", "b"], "value": ["600.0", "2.0"]}),
             "instruments": pd.DataFrame({"x": ["1"]})}
    lines = differences(built, kept)
    assert "table instruments: new in the build" in lines
    assert "table targets, only in the build: target_id=a, value=600.0" in lines
    assert "table targets, only in the release: target_id=a, value=60.0" in lines
    assert not any("target_id=b" in line for line in lines)
