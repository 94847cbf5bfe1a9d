"""The build's per-plan shortcuts give what the frames they replace gave (etl/warehouse/plan.py)."""

import math

import pandas as pd
import pytest

from etl.warehouse.plan import TargetColumns, extract_rows, extract_text, frame_values

MIXTURES = [[1, None, 3], [1, 2], [1.5, None], [1, 2.5], ["甲", None], [None, None], ["甲", "乙"], [True, False],
            [True, None], [1, True], ["甲", 1], [math.nan, "甲"], [math.nan, 1], [], [None]]


def _same(a, b) -> bool:
    both_nan = isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
    return both_nan or (a == b and type(a) is type(b))


@pytest.mark.parametrize("values", MIXTURES, ids=repr)
def test_frame_values_are_what_a_frame_of_rows_holds(values):
    from_frame = pd.DataFrame([{"c": v} for v in values], columns=["c"])["c"].tolist()
    mine = frame_values(list(values))
    assert len(mine) == len(from_frame) and all(_same(a, b) for a, b in zip(mine, from_frame))


def test_target_columns_read_as_the_frame_does():
    text = ("某县知识产权工作方案（2025—2027年）\n一、主要目标\n到2027年，全县有效发明专利拥有量达到420件，"
            "新增地理标志商标3件。\n二、重点任务\n开展专利导航服务。\n")
    rows = extract_rows(text, doc_id="t", period=(2025, 2027))
    frame = extract_text(text, doc_id="t", period=(2025, 2027)).targets
    assert isinstance(rows.targets, TargetColumns) and not rows.targets.empty and len(frame)
    for column, values in rows.targets.items():
        assert all(_same(a, b) for a, b in zip(values, frame[column].tolist())), column
    assert rows.skipped is None and len(rows.target_rows) == len(frame)
