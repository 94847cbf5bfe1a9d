"""未设目标 ("no target") only where a region's plan sets nothing of the panel's family (issue 23).

Checked on the compare page under the required-yearly-change measure, where a suspected bug had 宜兴
reading 未设目标 in the invention-patent-count panel while the other regions read 无起点水平: the
warehouse decides, not the chart. 宜兴's plan counts all patents granted (family patent_grants) and
high-value invention patents per 10,000 residents (invention_patent_density), never a count of
invention patents, so 未设目标 is right there; a region with any row of a family must never read it."""

from __future__ import annotations

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

NO_TARGET = "未设目标"


def missing_slots(at: AppTest) -> dict[tuple[str, str], str]:
    """(family, region label) → the note written in the slot of a region without a bar."""
    slots = {}
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            if trace.get("name") == "missing":
                for line in trace["hovertext"]:
                    region, note = line.split(": ", 1)
                    slots[(trace["meta"]["family"], region)] = note
    return slots


@pytest.mark.parametrize("measure", ["ambition", "absolute"])
def test_compare_says_no_target_only_where_the_plan_sets_nothing_of_the_family(warehouse, measure):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/compare.py")
    at.query_params.update({"category": "creation", "measure": measure, "lang": "zh", "more": "1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    slots = missing_slots(at)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        with_rows = set(con.execute("SELECT DISTINCT family, region_zh FROM targets WHERE category = 'creation'").fetchall())
    finally:
        con.close()
    assert ("invention_patents", "宜兴市") in slots  # the panel the suspicion was about is drawn
    assert slots[("invention_patents", "宜兴市")] == NO_TARGET
    assert ("invention_patents", "宜兴市") not in with_rows  # … and the warehouse agrees: nothing of the family
    wrongly_none = sorted(key for key, note in slots.items() if note == NO_TARGET and key in with_rows)
    assert not wrongly_none
    if measure == "ambition":  # a region with a number but no known start level says so, never "no target"
        assert {note for key, note in slots.items() if key in with_rows} <= {"无起点水平", "仅定性目标", "口径不适用"}
