"""Ambition as a measure of its own (issue 22): the required yearly change on the compare, indicator and
standing pages — one unit per series, a region without a starting level said so, how each change was
derived in the hover and the downloads, and the peers' most ambitious quarter.

The observed figures behind the warehouse here are the invented examples of tests/fixtures/observations/
(labelled so), never statistics."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import numbers
from dashboard.charts.standing import ambition_quarter, rank_among, standing_strip
from dashboard.services import comparisons
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def row(region: str, indicator: str, scope: str, change: float | None, unit: str | None, **fields) -> dict:
    return {"target_id": f"{region}-{indicator}", "region_id": region, "region_zh": region, "family": "f",
            "indicator_id": indicator, "indicator_zh": indicator, "raw_name": indicator, "scope": scope,
            "unit_std": "件", "value_std": 20.0, "qualitative": False, "required_annual_change": change,
            "required_change_unit": unit, "required_change_from": f"from a level of {region}" if change else None,
            **fields}


def test_the_ambition_measure_shows_the_required_change_in_its_own_unit_and_marks_no_start():
    frame = pd.DataFrame([row("a", "level", "stock", 23.96, "%/yr"), row("b", "level", "stock", None, None),
                          row("c", "share", "ratio", 1.5, "points/yr"), row("d", "words", "stock", None, None,
                                                                                value_std=None, qualitative=True)])
    shown = comparisons.with_comparability(comparisons.add_measure(frame, "ambition"), "ambition")
    assert list(shown["shown_value"].fillna(-1)) == [23.96, -1, 1.5, -1]
    assert list(shown["shown_unit"]) == ["%/yr", "", "points/yr", ""]
    assert list(shown["shown_missing"]) == [None, comparisons.NO_START, None, None]
    assert shown.loc[0, "series"] != shown.loc[2, "series"]  # %/yr and points/yr are never one series
    assert shown.loc[0, "shown_from"] == "from a level of a"  # the hover's "derived" line
    status = comparisons.statuses(shown.to_dict("records"), ["a", "b", "c", "d", "e"], "level")
    assert status == {"a": "target", "b": "no_start", "c": "related", "d": "qualitative", "e": "none"}


@pytest.mark.parametrize(("unit", "zh", "en", "label"), [
    ("%/yr", "24%/年", "24 %/yr", "24%"),
    ("points/yr", "1.5个百分点/年", "1.5 points/yr", "1.5"),
    ("x observed yearly flow", "2.3倍于已观测年流量", "2.3× observed yearly flow", "2.3×"),
])
def test_a_required_change_is_written_in_its_unit_in_both_languages(unit, zh, en, label):
    value = {"%/yr": 23.96, "points/yr": 1.5, "x observed yearly flow": 2.3}[unit]
    assert numbers.format_number(value, unit, "zh") == zh
    assert numbers.format_number(value, unit, "en") == en
    assert numbers.axis_number(value, unit, "zh") == label
    assert numbers.title_unit(unit, "en") and "yr" not in numbers.title_unit(unit, "zh")


def test_every_unit_the_etl_gives_a_required_change_is_written_and_labelled():
    from dashboard.i18n import REQUIRED_CHANGE_LABELS
    from etl.api import REQUIRED_CHANGE_UNITS

    for unit in REQUIRED_CHANGE_UNITS:
        assert unit in numbers.CHANGE_WRITTEN and unit in numbers.CHANGE_TITLE and unit in numbers.CHANGE_LABEL
        assert unit in REQUIRED_CHANGE_LABELS


def test_the_table_carries_the_written_change_and_its_derivation():
    frame = pd.DataFrame([row("a", "level", "stock", 23.96, "%/yr"), row("b", "level", "stock", None, None)])
    table = pd.DataFrame({"region": ["a", "b"], "value_std": [20.0, 20.0], "target_id": ["x", "y"]})
    out = comparisons.with_required_change(table, frame, "en")
    assert list(out.columns[:3]) == ["region", "value_std", "required_change_text"]
    assert out.loc[0, "required_change_text"] == "24 %/yr" and out.loc[1, "required_change_text"] is None
    assert out.loc[0, "required_change_from"] == "from a level of a"
    assert out.loc[0, "required_change_unit"] == "%/yr"


@pytest.mark.parametrize(("ahead", "n_with", "quarter"), [(100, 4, 1), (75, 5, 1), (67, 4, 2), (50, 9, 2),
                                                          (33, 4, 3), (0, 4, 4), (100, 3, None)])
def test_the_quarter_of_ambition_among_peers(ahead, n_with, quarter):
    assert ambition_quarter({"rank": 1, "ahead_pct": ahead, "n_with": n_with}) == quarter


def test_the_most_ambitious_quarter_is_drawn_from_the_peers_75th_percentile():
    values = pd.DataFrame({"region_id": list("abcde"), "value": [2.0, 5.0, 8.0, 12.0, 30.0]})
    where = rank_among(values, "e", list("abcde"))
    assert ambition_quarter(where) == 1 and ambition_quarter(rank_among(values, "a", list("abcde"))) == 4
    fig = standing_strip(values, "e", list("abcde"), {r: r for r in "abcde"}, "en", "t", "%/yr", "s",
                         top_quarter="most ambitious quarter")
    band = [shape for shape in fig.layout.shapes if shape.type == "rect"]
    assert len(band) == 1 and band[0].x0 == pytest.approx(12.0) and band[0].x1 == 30.0
    assert any("most ambitious quarter" in (a.text or "") for a in fig.layout.annotations)
    plain = standing_strip(values, "e", list("abcde"), {r: r for r in "abcde"}, "en", "t", "件", "s")
    assert not [shape for shape in plain.layout.shapes if shape.type == "rect"]


# --- the pages, under AppTest ---------------------------------------------------------------------

def open_page(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    at.query_params.update(params)
    return at.run()


def chart_text(at: AppTest) -> str:
    return " ".join(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in at.get("plotly_chart"))


@pytest.mark.usefixtures("observations_warehouse")
@pytest.mark.parametrize(("lang", "no_start"), [("zh", "无起点水平"), ("en", "no starting level")])
def test_compare_draws_the_required_change_and_says_which_region_has_no_starting_level(lang, no_start):
    at = open_page("compare", {"category": "creation", "measure": "ambition", "lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.radio(key="measure").value == "ambition"
    drawn = chart_text(at)
    assert no_start in drawn
    assert "24%" in drawn  # 宜兴's 10.5 (2023) → 20 by 2026: about 24 %/yr
    assert "yixing_invented_example-r2" in drawn  # required_change_from in the hover
    table = at.dataframe[-1].value
    assert {"required_change_text", "required_change_from"} <= set(table.columns)


@pytest.mark.usefixtures("observations_warehouse")
def test_the_indicator_page_draws_the_required_change_in_english_presentation_mode():
    at = open_page("indicator", {"indicator": "high_value_invention_patents_per_10k", "measure": "ambition",
                                 "lang": "en", "present": "1"})
    assert not at.exception, [e.value for e in at.exception]
    drawn = chart_text(at)
    assert "%/yr · required yearly change" in drawn and "24%" in drawn
    table = at.dataframe[-1].value
    assert set(table.loc[table["required_change_text"].notna(), "required_change_unit"]) == {"%/yr"}


@pytest.mark.usefixtures("observations_warehouse")
def test_standing_by_required_change_places_the_region_or_says_why_not():
    at = open_page("standing", {"indicator": "high_value_invention_patents_per_10k", "measure": "ambition",
                                "region": "320282", "lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("Ambition among peers" in m.value for m in at.markdown)  # two peers with a value: no quarters
    assert any("fewer than 4" in m.value for m in at.markdown)
    # 宜兴 sets a pledge-financing figure, but no level of it is known at or before its plan's start
    at = open_page("standing", {"indicator": "ip_pledge_financing", "measure": "ambition", "region": "320282",
                                "lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("no level is known at or before" in i.value for i in at.info)


def test_with_fewer_than_four_peers_the_band_is_every_regions_top_quarter():
    values = pd.DataFrame({"region_id": list("abcdefgh"), "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 40.0]})
    fig = standing_strip(values, "h", ["g", "h"], {r: r for r in "abcdefgh"}, "zh", "t", "%/yr", "s",
                         top_quarter="最具雄心的四分之一")
    band = [shape for shape in fig.layout.shapes if shape.type == "rect"]
    assert len(band) == 1 and band[0].x0 == pytest.approx(values["value"].quantile(0.75)) and band[0].x1 == 40.0
