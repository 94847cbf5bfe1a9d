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


def test_every_target_without_an_indicator_has_an_unmapped_name_note(warehouse_path):
    """pandas 3 stores a missing indicator id as NaN, which is truthy: the note was silently lost once."""
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        missing = con.execute("""
            SELECT t.doc_id, t.raw_name FROM targets t
            WHERE t.indicator_id IS NULL AND t.raw_name <> ''
              AND NOT EXISTS (SELECT 1 FROM quality_notes q WHERE q.doc_id = t.doc_id AND q.kind = 'unmapped_name'
                              AND q.message LIKE '%' || t.raw_name || '%')""").fetchall()
        noted = con.execute("SELECT count(*) FROM quality_notes WHERE kind = 'unmapped_name'").fetchone()[0]
    assert missing == []
    assert noted > 0
