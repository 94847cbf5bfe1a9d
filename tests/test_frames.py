"""etl.base.frames.records gives what DataFrame.to_dict("records") gives: the same values of the same
Python types, for every table of the seeds' warehouse and for the awkward columns a build can make."""

import math

import numpy as np
import pandas as pd
import pytest

from etl.base.frames import records


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if a is pd.NA or b is pd.NA or a is pd.NaT or b is pd.NaT:
        return a is b
    return type(a) is type(b) and a == b


def _assert_like_to_dict(frame: pd.DataFrame, columns=None) -> None:
    expected = (frame if columns is None else frame[list(columns)]).to_dict("records")
    got = records(frame, columns)
    assert len(got) == len(expected)
    for row_got, row_expected in zip(got, expected):
        assert list(row_got) == list(row_expected)
        for name in row_expected:
            assert _same(row_got[name], row_expected[name]), (name, row_got[name], row_expected[name])


def test_awkward_columns():
    frame = pd.DataFrame({
        "text": pd.Series(["甲", None, "c"], dtype="str"),
        "object": pd.Series(["x", None, 3], dtype=object),
        "float": [1.5, np.nan, 2.0],
        "int": np.array([1, 2, 3], dtype="int64"),
        "bool": [True, False, True],
        "nullable_int": pd.array([1, None, 3], dtype="Int64"),
        "nullable_text": pd.array(["a", None, "c"], dtype="string"),
        "when": pd.to_datetime(["2024-01-02", None, "2026-12-31"]),
    })
    _assert_like_to_dict(frame)
    _assert_like_to_dict(frame, ["float", "text"])
    _assert_like_to_dict(frame.iloc[:0])


def test_no_columns_still_one_dict_a_row():
    assert records(pd.DataFrame(index=range(2))) == [{}, {}]


@pytest.fixture(scope="module")
def seed_frames():
    from etl.warehouse.steps import collect

    return collect().frames


def test_every_table_of_the_seeds_warehouse(seed_frames):
    assert {"targets", "documents", "skipped_numbers", "quality_notes"} <= set(seed_frames)
    for frame in seed_frames.values():
        _assert_like_to_dict(frame)
