"""Figure builders: assertions on the figures' data (traces, values, colours)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.colors import OKABE_ITO, SCOPE_PATTERNS, region_colors

LABELS = {"100001": "甲市", "100002": "乙县", "100003": "丙区"}
COLORS = region_colors(LABELS)


def _targets(rows: list[dict]) -> pd.DataFrame:
    base = {"target_id": None, "region_id": None, "region_zh": None, "indicator_zh": "发明专利", "indicator_en": "Invention patents",
            "raw_name": "发明专利", "family": "invention_patents", "value_std": None, "unit_std": "件", "comparator": "=",
            "scope": "stock", "target_year": 2026, "baseline": None, "quote": "到2026年发明专利达到600件", "qualitative": False,
            "value_per_year": None, "value_per_10k_residents": None}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return queries.add_measure(frame, "absolute")


def test_region_colours_do_not_depend_on_the_subset_shown():
    all_three = region_colors(["100003", "100001", "100002"])
    assert all_three == {"100001": OKABE_ITO[0], "100002": OKABE_ITO[1], "100003": OKABE_ITO[2]}
    with_upload = region_colors(["100001", "100002", "100003"], ["000001"])
    assert {k: with_upload[k] for k in all_three} == all_three  # an upload never shifts the plans
    assert with_upload["000001"] == OKABE_ITO[3]


def test_small_multiples_one_panel_per_family_bars_coloured_by_region():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0, "scope": "stock"},
        {"target_id": "b-1", "region_id": "100002", "value_std": 90.0, "scope": "new"},
        {"target_id": "a-2", "region_id": "100001", "family": "trademarks", "value_std": 13000.0},
    ])
    fig = charts.compare_small_multiples(frame, [("invention_patents", "发明专利"), ("trademarks", "商标")], LABELS, COLORS,
                                         "zh", "创造", "单位", "来源")
    bars = [t for t in fig.data if t.type == "bar" and t.meta]
    by_key = {(t.meta["family"], t.meta["region_id"]): t for t in bars}
    assert list(by_key[("invention_patents", "100001")].y) == [600.0]
    assert by_key[("invention_patents", "100001")].marker.color == COLORS["100001"]
    assert by_key[("invention_patents", "100002")].marker.color == COLORS["100002"]
    # A cumulative 'new' target is patterned, a stock one is solid.
    assert list(by_key[("invention_patents", "100002")].marker.pattern.shape) == [SCOPE_PATTERNS["new"]]
    assert list(by_key[("invention_patents", "100001")].marker.pattern.shape) == [SCOPE_PATTERNS["stock"]]
    # The two panels are separate subplots (own y axes, since units differ).
    assert by_key[("invention_patents", "100001")].yaxis != by_key[("trademarks", "100001")].yaxis


def test_small_multiples_write_no_target_where_a_region_has_none():
    frame = _targets([{"target_id": "a-1", "region_id": "100001", "value_std": 600.0}])
    fig = charts.compare_small_multiples(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "zh", "t", "u", "s")
    missing = [t for t in fig.data if t.name == "missing"]
    assert len(missing) == 1
    assert list(missing[0].x) == ["乙县", "丙区"]
    assert all("未设" in text for text in missing[0].text)


def test_small_multiples_say_qualitative_only_and_not_applicable():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0},
        {"target_id": "b-1", "region_id": "100002", "qualitative": True, "quote": "居全省前列"},
        {"target_id": "c-1", "region_id": "100003", "value_std": 93.0, "scope": "ratio"},
    ])
    frame = queries.add_measure(frame, "peryear")  # no per-year figure for any of them
    fig = charts.compare_small_multiples(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "en", "t", "u", "s")
    missing = next(t for t in fig.data if t.name == "missing")
    texts = dict(zip(missing.x, missing.text))
    assert "words" in texts["乙县"] and "n/a" in texts["丙区"] and "n/a" in texts["甲市"]


def test_indicator_bars_show_value_scope_year_and_quote_in_hover():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0, "comparator": ">=", "baseline": 420.0},
        {"target_id": "b-1", "region_id": "100002", "value_std": 50.0, "scope": "new", "target_year": 2025},
    ])
    fig = charts.indicator_bars(frame, LABELS, COLORS, "zh", "发明专利", "件", "来源")
    bars = {t.meta["region_id"]: t for t in fig.data if t.type == "bar" and t.meta}
    assert list(bars["100001"].y) == [600.0] and bars["100001"].marker.color == COLORS["100001"]
    assert bars["100001"].text[0].startswith("≥600")
    assert "2025" in bars["100002"].text[0] and "累计" in bars["100002"].text[0]
    assert "到2026年发明专利达到600件" in bars["100001"].hovertext[0]
    baseline = next(t for t in fig.data if t.type == "scatter" and t.mode == "markers")
    assert list(baseline.y) == [420.0]
    assert fig.layout.title.text == "<b>发明专利</b>"
    assert any(a.text == "来源" for a in fig.layout.annotations)  # source line inside the figure


def test_coverage_matrix_codes_each_cell_by_status():
    coverage = pd.DataFrame([
        {"region_id": "100001", "family": "f1", "family_zh": "族一", "family_en": "F1", "category": "creation", "status": "quantitative"},
        {"region_id": "100002", "family": "f1", "family_zh": "族一", "family_en": "F1", "category": "creation", "status": "qualitative"},
        {"region_id": "100003", "family": "f1", "family_zh": "族一", "family_en": "F1", "category": "creation", "status": "none"},
    ])
    fig = charts.coverage_matrix(coverage, LABELS, "zh", "覆盖", "来源")
    heat = fig.data[0]
    assert [list(row) for row in heat.z] == [[2, 1, 0]]
    assert [list(row) for row in heat.text] == [["■", "▲", "·"]]
    assert list(heat.x) == ["甲市", "乙县", "丙区"]


def test_town_heatmap_shows_the_annex_values_and_leaves_the_total_row_out():
    frame = pd.DataFrame([
        {"town": "全区", "period": "2024", "value": 30.0}, {"town": "甲镇", "period": "2024", "value": 20.0},
        {"town": "乙镇", "period": "2024", "value": 9.0}, {"town": "甲镇", "period": "2024-2026", "value": 60.0},
        {"town": "乙镇", "period": "2024-2026", "value": 27.0}, {"town": "甲镇", "period": "2025", "value": 20.0},
        {"town": "乙镇", "period": "2025", "value": 9.0},
    ])
    fig = charts.town_heatmap(frame, "全区", "zh", "t", "件", "s")
    heat = fig.data[0]
    assert list(heat.y) == ["甲镇", "乙镇"]
    assert list(heat.x) == ["2024", "2025", "2024-2026"]  # whole period last
    assert [list(r) for r in heat.customdata] == [[20.0, 20.0, 60.0], [9.0, 9.0, 27.0]]


def test_phases_timeline_spans_start_month_to_end_month():
    phases = pd.DataFrame([{"phase": "启动", "start": "2024-01", "end": "2024-03", "quote": "q"}])
    fig = charts.phases_timeline(phases, "#0072B2", "zh", "t", "s")
    bar = fig.data[0]
    assert bar.base[0].startswith("2024-01-01")
    days = bar.x[0] / 86_400_000
    assert days == pytest.approx(31 + 29 + 31)  # Jan–Mar 2024, end month included


def test_image_config_exports_at_three_times_scale_with_a_clean_name():
    config = charts.image_config("compare creation/absolute", "svg")
    assert config["toImageButtonOptions"] == {"format": "svg", "filename": "compare_creation_absolute", "scale": 3}


def test_figures_use_a_cjk_capable_font():
    fig = charts.category_bars(pd.DataFrame({"category": ["creation"], "quantitative": [3], "qualitative": [1]}),
                               "#0072B2", "zh", "t", "s")
    assert "Noto Sans CJK SC" in fig.layout.font.family
    assert list(fig.data[0].x) == [3, 0, 0, 0, 0] and list(fig.data[1].x) == [1, 0, 0, 0, 0]


@pytest.mark.usefixtures("warehouse")
def test_compare_figure_from_the_real_warehouse_matches_its_rows():
    regions = queries.regions()
    labels = dict(zip(regions["region_id"], regions["region_zh"]))
    colors = region_colors(labels)
    frame = queries.add_measure(queries.targets(category="creation"), "absolute")
    families = [(f, f) for f in frame["family"].dropna().unique()]
    fig = charts.compare_small_multiples(frame, families, labels, colors, "zh", "t", "u", "s")
    drawn = sum(len(t.y) for t in fig.data if t.type == "bar" and t.meta)
    numeric = frame[~frame["qualitative"].fillna(False).astype(bool) & frame["shown_value"].notna()]
    assert drawn == len(numeric[numeric["family"].isin([f for f, _ in families])])
    for trace in (t for t in fig.data if t.type == "bar" and t.meta):
        assert trace.marker.color == colors[trace.meta["region_id"]]
