"""Pages that tell the truth at a glance (issue 23), second half, the plain-Python part: the indicator
chart's labels at 20 regions, per-10,000 panels that say why they are empty, zoom and pan on every
chart.  What a person sees in the browser is in tests/browser/test_truth2_browser.py."""

from __future__ import annotations

import pytest

from dashboard import charts
from dashboard.charts.style import ChartStyle
from dashboard.charts.text import label_px
from dashboard.colors import region_colors
from tests.test_truth import _many_regions, _rows


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n", [4, 5, 20])
def test_the_indicator_charts_labels_never_collide(n, lang):
    labels, frame = _many_regions(n)
    figure = charts.indicator_bars(frame, labels, region_colors(labels), lang, "t", "u", "a source line")
    style = ChartStyle(lang=lang)
    axis = figure.layout.xaxis
    slot = style.plot_px(left=style.scaled(60, 70), right=20) / len(axis.categoryarray)
    if axis.tickangle == -90:  # upright, one line each: a line's height across, the room below for its length
        assert all("<br>" not in c for c in axis.categoryarray)
        assert style.base * 1.3 <= slot, (n, slot)
        reach = max(label_px(c, style.base, style.small_size) for c in axis.categoryarray)
        assert figure.layout.margin.b >= reach
    else:
        widest = max(label_px(c, style.base, style.small_size) for c in axis.categoryarray)
        assert widest <= slot, (n, widest, slot)
    assert n < 20 or axis.tickangle == -90
    assert n > 5 or axis.tickangle == 0  # a few regions keep their labels flat


def _panel_key(figure) -> str:
    return " ".join(str(a.text) for a in figure.layout.annotations)


def test_a_per_10k_panel_of_regions_without_a_population_says_why():
    rows = [{"target_id": f"t{i}", "region_id": rid, "value_std": 40.0 + i, "unit_std": "人", "population_10k": None}
            for i, rid in enumerate(["900001", "900002"])]
    frame = _rows(rows, "per10k")
    labels = {"900001": "甲县", "900002": "乙市"}
    (figure,) = charts.compare_figures(frame, [("pledge", "pledge")], labels, region_colors(labels), "zh", "t", "u", "s")
    assert "没有常住人口数据" in _panel_key(figure)
    missing = [t for t in figure.data if t.type == "scatter" and t.name == "missing"][0]
    assert all("无人口数据" in h for h in missing.hovertext)
    english = charts.indicator_bars(frame, labels, region_colors(labels), "en", "t", "u", "s")
    assert "No population figure" in str(english.layout.title.subtitle.text)


def test_a_per_10k_panel_of_counts_that_are_never_divided_says_why():
    rows = [{"target_id": "t1", "region_id": "900001", "value_std": 12.0, "unit_std": "家", "population_10k": 50.0}]
    frame = _rows(rows, "per10k")
    labels = {"900001": "甲县"}
    (figure,) = charts.compare_figures(frame, [("pledge", "pledge")], labels, region_colors(labels), "zh", "t", "u", "s")
    assert "不按人口计" in _panel_key(figure)


def test_a_panel_with_bars_keeps_its_usual_key():
    rows = [{"target_id": "t1", "region_id": "900001", "value_std": 12.0}]
    (figure,) = charts.compare_figures(_rows(rows), [("pledge", "pledge")], {"900001": "甲县"},
                                       region_colors({"900001": "甲县"}), "zh", "t", "u", "s")
    assert "不按人口计" not in _panel_key(figure) and "没有常住人口数据" not in _panel_key(figure)


def test_every_chart_can_be_zoomed_and_panned_whatever_the_image_format():
    labels, frame = _many_regions(4)
    (compare,) = charts.compare_figures(frame, [("pledge", "pledge")], labels, region_colors(labels), "zh", "t", "u", "s")
    for axis in (compare.layout.xaxis, compare.layout.yaxis):
        assert not axis.fixedrange
    for image_format in ("png", "svg"):
        config = charts.image_config("x", image_format)
        removed = set(config.get("modeBarButtonsToRemove", []))
        assert not removed & {"zoom2d", "pan2d", "zoomIn2d", "zoomOut2d"}
        assert config["toImageButtonOptions"]["format"] == image_format
