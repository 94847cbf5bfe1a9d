"""Pages that tell the truth at a glance (issue 23): the plain-Python half of each item — figure data,
formatter output, the one decision "target / related measure / none".  What a person sees in the
browser is in tests/browser/test_truth_browser.py."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.colors import region_colors
from dashboard.services import comparisons

REGIONS = {"900001": "甲县", "900002": "乙市", "900003": "丙区", "900004": "丁旗"}
COLORS = region_colors(REGIONS)


def _rows(rows: list[dict], measure: str = "absolute", main_indicator: str | None = None) -> pd.DataFrame:
    base = {"target_id": None, "region_id": None, "region_zh": None, "indicator_id": "loan_sum",
            "indicator_zh": "专利质押放款额", "indicator_en": "Patent-backed loans", "raw_name": "专利质押放款额",
            "family": "pledge", "value_std": None, "unit_std": "万元", "comparator": "=", "scope": "stock",
            "target_year": 2027, "baseline": None, "quote": "到2027年专利质押放款额达到2亿元", "qualitative": False,
            "value_per_year": None, "value_per_10k_residents": None}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return comparisons.with_comparability(comparisons.add_measure(frame, measure), measure, main_indicator)


def _pledge_family() -> pd.DataFrame:
    """甲 and 乙 set the chosen indicator; 丙 only a related one (another indicator of the family);
    丁 sets nothing in the family."""
    return _rows([
        {"target_id": "a", "region_id": "900001", "value_std": 20000.0},
        {"target_id": "b", "region_id": "900002", "value_std": 45000.0},
        {"target_id": "c", "region_id": "900003", "indicator_id": "pledge_firms", "indicator_zh": "获质押融资企业数",
         "indicator_en": "Firms with pledge loans", "raw_name": "获质押融资企业", "value_std": 30.0, "unit_std": "家"},
    ], main_indicator="loan_sum")


# ── 1. one decision: target / related measure / none ─────────────────────────────────────────
def test_a_region_with_only_a_related_measure_is_related_never_none():
    status = comparisons.statuses(_pledge_family().to_dict("records"), REGIONS, main_indicator="loan_sum")
    assert status == {"900001": "target", "900002": "target", "900003": "related", "900004": "none"}


def test_the_chosen_indicator_is_the_main_series_even_when_fewer_regions_share_it():
    frame = _rows([
        {"target_id": "a", "region_id": "900001", "value_std": 20000.0},
        {"target_id": "c", "region_id": "900002", "indicator_id": "pledge_firms", "value_std": 30.0, "unit_std": "家"},
        {"target_id": "d", "region_id": "900003", "indicator_id": "pledge_firms", "value_std": 12.0, "unit_std": "家"},
    ], main_indicator="loan_sum")
    assert dict(zip(frame["target_id"], frame["role"])) == {"a": "main", "c": "related", "d": "related"}


def test_words_only_and_a_measure_that_does_not_apply_are_told_apart_from_none():
    words = [{"region_id": "x", "qualitative": True, "shown_value": None}]
    not_divided = [{"region_id": "x", "qualitative": False, "shown_value": None}]
    assert comparisons.target_status(words, "s") == "qualitative"
    assert comparisons.target_status(not_divided, "s") == "not_applicable"
    assert comparisons.target_status([], "s") == "none"


def test_the_indicator_page_fetches_the_whole_family_of_an_indicator():
    indicators = pd.DataFrame({"indicator_id": ["loan_sum", "pledge_firms"], "family": ["pledge", "pledge"]})
    assert comparisons.fetch_subject("loan_sum", indicators) == ({"family": "pledge"}, "loan_sum")
    assert comparisons.fetch_subject("family:pledge", indicators) == ({"family": "pledge"}, None)


def _x_regions(figure) -> list[str]:
    """The region names written under the bars, in x order (a region's later bars carry no name)."""
    names = []
    for label in figure.layout.xaxis.categoryarray:
        head = re.sub(r"<[^>]+>", "", label.split("<br>")[0]).strip("\u200b")
        if head in REGIONS.values():
            names.append(head)
    return names


def test_the_indicator_chart_draws_a_related_region_once_in_its_own_place():
    fig = charts.indicator_bars(_pledge_family(), REGIONS, COLORS, "zh", "专利质押放款额", "万元", "来源")
    assert _x_regions(fig) == ["甲县", "乙市", "丙区", "丁旗"]  # each once, in region order
    missing = [t for t in fig.data if t.type == "scatter" and t.name == "missing"]
    assert [h.split(": ")[0] for h in missing[0].hovertext] == ["丁旗"]  # only 丁 reads "no target"
    assert "未设目标" in missing[0].hovertext[0]
    related = next(t for t in fig.data if t.type == "bar" and (t.meta or {}).get("region_id") == "900003")
    assert list(related.marker.opacity) == [charts.RELATED_OPACITY]


def test_a_regions_several_bars_stand_together_and_its_name_is_written_once():
    frame = _rows([
        {"target_id": "a", "region_id": "900001", "value_std": 20000.0},
        {"target_id": "a2", "region_id": "900001", "value_std": 5000.0, "scope": "annual"},
        {"target_id": "b", "region_id": "900002", "value_std": 45000.0},
        {"target_id": "b2", "region_id": "900002", "value_std": 9000.0, "scope": "annual"},
    ])
    (figure,) = charts.compare_figures(frame, [("pledge", "质押")], REGIONS, COLORS, "zh", "t", "u", "s")
    assert _x_regions(figure) == ["甲县", "乙市", "丙区", "丁旗"]
    categories = list(figure.layout.xaxis.categoryarray)
    assert len(categories) == len(set(categories)) == 6  # two bars each for 甲 and 乙, a slot each for 丙 and 丁


@pytest.mark.usefixtures("warehouse")
def test_no_indicator_chart_says_no_target_for_a_region_that_sets_one_in_the_family():
    regions = queries.regions()
    labels = dict(zip(regions["region_id"], regions["region_zh"]))
    indicators = queries.indicators()
    everything = queries.targets()
    for indicator_id in queries.indicator_spread()["indicator_id"]:
        subject, main = comparisons.fetch_subject(indicator_id, indicators)
        frame = comparisons.with_comparability(comparisons.add_measure(queries.targets(**subject), "absolute"),
                                               "absolute", main)
        fig = charts.indicator_bars(frame, labels, {}, "zh", "t", "u", "s")
        family = subject.get("family")
        for trace in fig.data:
            if trace.type == "scatter" and trace.name == "missing":
                for hover in trace.hovertext:
                    name, note = hover.split(": ", 1)
                    rid = next(r for r, n in labels.items() if n == name)
                    mine = everything[(everything["region_id"] == rid) & (everything["family"] == family)]
                    if note == "未设目标":
                        assert mine.empty, (indicator_id, name, mine["raw_name"].tolist())


# ── 5. labels under bars never collide, at 4, 5 or 20 regions ────────────────────────────────
def _many_regions(n: int) -> tuple[dict[str, str], pd.DataFrame]:
    names = ["Northbridge", "Lakeside District", "Qinghe County", "Songlan County", "Hillcrest", "Riverbend",
             "Eastgate District", "Westfield", "Maplewood", "Stonehaven"]
    labels = {f"9100{i:02d}": f"{names[i % len(names)]} {i}" for i in range(n)}
    rows = []
    for k, rid in enumerate(labels):
        rows.append({"target_id": f"{rid}-a", "region_id": rid, "value_std": 100.0 + k, "indicator_id": "loan_sum",
                     "indicator_en": "Patent-backed loans", "unit_std": "件"})
        if k % 2:  # every other region also sets a related measure, named under its bar
            rows.append({"target_id": f"{rid}-b", "region_id": rid, "value_std": 5.0 + k, "indicator_id": "pledge_firms",
                         "indicator_en": "Firms with international pledge registrations", "unit_std": "家"})
    return labels, _rows(rows)


@pytest.mark.parametrize("n", [4, 5, 20])
def test_no_line_under_a_bar_is_wider_than_its_slot(n):
    from dashboard.charts.style import ChartStyle
    from dashboard.charts.text import label_px

    labels, frame = _many_regions(n)
    (figure,) = charts.compare_figures(frame, [("pledge", "pledge"), ("other", "other")], labels, region_colors(labels),
                                       "en", "t", "u", "s")
    style = ChartStyle(lang="en")
    plot_px = style.plot_px(left=60, right=40)
    axis = figure.layout.xaxis
    slot = (axis.domain[1] - axis.domain[0]) * plot_px / len(axis.categoryarray)
    if axis.tickangle == -90:  # upright labels: one line each, a line's height across
        assert all("<br>" not in c for c in axis.categoryarray) and style.base * 1.3 <= slot, (n, slot)
        reach = max(label_px(c, style.base, style.base) for c in axis.categoryarray)
        assert figure.layout.margin.b >= reach or figure.layout.yaxis2.domain[1] < axis.domain[0]
    else:
        widest = max(label_px(c, style.base, style.small_size) for c in axis.categoryarray)
        assert widest <= slot, (n, widest, slot)
    assert n < 20 or axis.tickangle == -90
