"""Figure builders: assertions on the figures' data (traces, values, colours)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.colors import OKABE_ITO, SCOPE_PATTERNS, UNMAPPED_COLOR, UNMAPPED_COVERAGE_COLORS, region_colors
from dashboard.services import comparisons

LABELS = {"100001": "甲市", "100002": "乙县", "100003": "丙区"}
COLORS = region_colors(LABELS)


def _targets(rows: list[dict]) -> pd.DataFrame:
    base = {"target_id": None, "region_id": None, "region_zh": None, "indicator_zh": "发明专利", "indicator_en": "Invention patents",
            "raw_name": "发明专利", "family": "invention_patents", "value_std": None, "unit_std": "件", "comparator": "=",
            "scope": "stock", "target_year": 2026, "baseline": None, "quote": "到2026年发明专利达到600件", "qualitative": False,
            "value_per_year": None, "value_per_10k_residents": None}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return comparisons.add_measure(frame, "absolute")


def test_region_colours_do_not_depend_on_the_subset_shown():
    all_three = region_colors(["100003", "100001", "100002"])
    assert all_three == {"100001": OKABE_ITO[0], "100002": OKABE_ITO[1], "100003": OKABE_ITO[2]}
    with_upload = region_colors(["100001", "100002", "100003"], ["000001"])
    assert {k: with_upload[k] for k in all_three} == all_three  # an upload never shifts the plans
    assert with_upload["000001"] == OKABE_ITO[3]


def _traces(figures) -> list:
    return [trace for figure in figures for trace in figure.data]


def _region_of(label: str) -> str:
    """The region name at the start of an x label (a note under it is small grey type)."""
    return label.split("<br>")[0]


def test_small_multiples_one_panel_per_family_bars_coloured_by_region():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0, "scope": "stock"},
        {"target_id": "b-1", "region_id": "100002", "value_std": 90.0, "scope": "new"},
        {"target_id": "a-2", "region_id": "100001", "family": "trademarks", "value_std": 13000.0},
    ])
    figures = charts.compare_figures(frame, [("invention_patents", "发明专利"), ("trademarks", "商标")], LABELS, COLORS,
                                  "zh", "创造", "单位", "来源")
    bars = [t for t in _traces(figures) if t.type == "bar" and t.meta]
    by_key = {(t.meta["family"], t.meta["region_id"]): t for t in bars}
    assert list(by_key[("invention_patents", "100001")].y) == [600.0]
    assert by_key[("invention_patents", "100001")].marker.color == COLORS["100001"]
    assert by_key[("invention_patents", "100002")].marker.color == COLORS["100002"]
    # A cumulative 'new' target is patterned, a stock one is solid.
    assert list(by_key[("invention_patents", "100002")].marker.pattern.shape) == [SCOPE_PATTERNS["new"]]
    assert list(by_key[("invention_patents", "100001")].marker.pattern.shape) == [SCOPE_PATTERNS["stock"]]
    # The two panels are separate subplots (own y axes, since units differ).
    assert by_key[("invention_patents", "100001")].yaxis != by_key[("trademarks", "100001")].yaxis


def test_small_multiples_in_one_figure_with_rows_a_fixed_gap_apart():
    families = [(f"f{i}", f"族{i}") for i in range(5)]
    frame = _targets([{"target_id": f"a-{i}", "region_id": "100001", "family": f"f{i}", "value_std": 10.0 + i}
                      for i in range(5)])
    (figure,) = charts.compare_figures(frame, families, LABELS, COLORS, "zh", "t", "u", "s")
    assert figure.layout.xaxis6.visible is False  # the odd last panel keeps half the width

    def row_gap_px(fig) -> float:
        plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        return (fig.layout.yaxis.domain[0] - fig.layout.yaxis3.domain[1]) * plot_height

    many = [(f"f{i % 5}" if i < 5 else f"g{i}", f"族{i}") for i in range(16)]
    rows = [{"target_id": f"b-{i}", "region_id": "100001", "family": family, "value_std": 10.0} for i, (family, _l) in enumerate(many)]
    (tall,) = charts.compare_figures(_targets(rows), many, LABELS, COLORS, "zh", "t", "u", "s")
    # The gap between rows is what tick labels and titles need, in pixels, however many rows.
    # (≤ 110: a panel title has the family's name and its one-line comparability key)
    assert row_gap_px(figure) == pytest.approx(row_gap_px(tall)) and row_gap_px(figure) <= 110


def test_small_multiples_split_by_rows_title_on_the_first_source_on_the_last():
    families = [(f"f{i}", f"族{i}") for i in range(5)]
    frame = _targets([{"target_id": f"a-{i}", "region_id": "100001", "family": f"f{i}", "value_std": 10.0 + i}
                      for i in range(5)])
    figures = charts.compare_figures(frame, families, LABELS, COLORS, "zh", "创造 · 绝对值", "单位", "来源",
                                     rows_per_figure=1)
    assert len(figures) == 3  # 2 + 2 + 1 panels
    assert figures[0].layout.title.text == "<b>创造 · 绝对值</b>"
    assert all(not f.layout.title.text for f in figures[1:])
    assert [a.text for a in figures[-1].layout.annotations if a.name == "source_line"] == ["来源"]
    assert not any(a.name == "source_line" for f in figures[:-1] for a in f.layout.annotations)
    # The legend (regions, in region order) is drawn once, on the first row.
    legend = [t.name for t in figures[0].data if t.showlegend]
    assert legend[:3] == list(LABELS.values())
    assert not any(t.showlegend for f in figures[1:] for t in f.data)
    # The odd last panel keeps a half-width slot: its neighbour's axes are hidden.
    assert figures[-1].layout.xaxis2.visible is False


def test_small_multiples_write_no_target_under_the_region_name_where_it_has_none():
    frame = _targets([{"target_id": "a-1", "region_id": "100001", "value_std": 600.0}])
    figures = charts.compare_figures(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "zh", "t", "u", "s")
    missing = [t for t in _traces(figures) if t.name == "missing"]
    assert len(missing) == 1
    assert [_region_of(x) for x in missing[0].x] == ["乙县", "丙区"]
    assert all("未设目标" in x for x in missing[0].x)  # in the tick label, below the axis line
    assert missing[0].marker.opacity == 0  # nothing drawn on the baseline
    assert list(figures[0].layout.xaxis.categoryarray) == ["甲市", *missing[0].x]


def test_small_multiples_say_qualitative_only_and_not_applicable():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0},
        {"target_id": "b-1", "region_id": "100002", "qualitative": True, "quote": "居全省前列"},
        {"target_id": "c-1", "region_id": "100003", "value_std": 93.0, "scope": "ratio"},
    ])
    frame = comparisons.add_measure(frame, "peryear")  # no per-year figure for any of them
    figures = charts.compare_figures(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "en", "t", "u", "s")
    missing = next(t for t in _traces(figures) if t.name == "missing")
    texts = dict(zip((_region_of(x) for x in missing.x), missing.text))
    assert texts == {"甲市": "n/a here", "乙县": "no number", "丙区": "n/a here"}


def test_small_multiples_panel_without_bars_hides_its_value_axis():
    frame = _targets([{"target_id": "b-1", "region_id": "100002", "qualitative": True, "quote": "居全省前列"}])
    figures = charts.compare_figures(frame, [("invention_patents", "发明专利"), ("trademarks", "商标")],
                                  LABELS, COLORS, "zh", "t", "u", "s")
    assert figures[0].layout.yaxis.visible is False and figures[0].layout.yaxis2.visible is False


def test_count_panels_have_whole_number_ticks_and_others_do_not():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 2.0, "unit_std": "家", "family": "centres"},
        {"target_id": "b-1", "region_id": "100002", "value_std": 1.0, "unit_std": "家", "family": "centres"},
        {"target_id": "a-2", "region_id": "100001", "value_std": 35000.0, "unit_std": "件"},
        {"target_id": "a-3", "region_id": "100001", "value_std": 2.5, "unit_std": "%", "family": "shares"},
    ])
    figures = charts.compare_figures(frame, [("centres", "中心"), ("invention_patents", "专利"), ("shares", "占比")],
                                  LABELS, COLORS, "zh", "t", "u", "s")
    centres, patents, shares = figures[0].layout.yaxis, figures[0].layout.yaxis2, figures[0].layout.yaxis3
    assert (centres.tickmode, centres.tick0, centres.dtick) == ("linear", 0, 1)  # 0, 1, 2 — never 0.5
    assert centres.range[1] > 2  # room above the tallest bar for its label
    # 35,000 items: whole-number ticks written as the bar's label is (3.5万), never "15,000" beside 1.3万
    assert list(patents.tickvals) == [0, 10000, 20000, 30000] and list(patents.ticktext) == ["0", "1万", "2万", "3万"]
    assert shares.tickmode is None and shares.dtick is None  # a share may be 2.5 %


def test_whole_number_step_keeps_at_most_four_ticks_above_zero():
    assert [charts.whole_number_step(top) for top in (1, 2, 4, 6, 10, 12, 600, 35000)] == [1, 1, 1, 2, 5, 5, 200, 10000]


def test_several_bars_of_one_region_are_told_apart_by_what_differs():
    frame = _targets([
        {"target_id": "y-1", "region_id": "100001", "raw_name": "省级以上高价值专利培育中心", "value_std": 1.0},
        {"target_id": "y-2", "region_id": "100001", "raw_name": "建成省级高价值专利培育中心", "value_std": 1.0},
        {"target_id": "y-3", "region_id": "100001", "raw_name": "建成市级高价值专利培育中心", "value_std": 2.0},
        {"target_id": "y-4", "region_id": "100002", "raw_name": "各级专利奖", "value_std": 70.0, "scope": "stock"},
        {"target_id": "y-5", "region_id": "100002", "raw_name": "各级专利奖", "value_std": 5.0, "scope": "new"},
    ])
    figures = charts.compare_figures(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "zh", "t", "u", "s")
    bars = {t.meta["region_id"]: t for t in _traces(figures) if t.type == "bar" and t.meta}
    notes = ["".join(x.split("<br>")[1:]) for x in bars["100001"].x]
    assert ["省级以上" in notes[0], "建成省级" in notes[1], "建成市级" in notes[2]] == [True, True, True]
    assert ["存量" in x for x in bars["100002"].x] == [True, False]
    assert "期内累计新增" in re.sub(r"<[^>]+>", "", bars["100002"].x[1])  # a name may run over two lines
    assert not any("(1)" in x for t in bars.values() for x in t.x)
    # The hover names the plan's wording in full.
    assert "建成市级高价值专利培育中心" in bars["100001"].hovertext[2]


def test_bar_tags_number_targets_that_nothing_tells_apart():
    rows = [{"scope": "stock", "raw_name": "累计培训知识产权各类人才", "target_year": 2026}] * 2
    assert charts.bar_tags(rows, "zh") == ["累计培…类人才(1)", "累计培…类人才(2)"]


def test_shorten_keeps_both_ends_of_a_long_name():
    assert charts.shorten("新增知识产权专家库成员") == "新增知…库成员"
    assert charts.shorten("技术调查官") == "技术调查官"


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


def test_coverage_matrix_lists_categories_in_the_order_of_the_five_links():
    rows = []
    for category, family in [("management", "m"), ("creation", "c"), ("service", "s"), ("use", "u"), ("protection", "p")]:
        rows.append({"region_id": "100001", "family": family, "family_zh": family, "family_en": family,
                     "category": category, "status": "quantitative"})
    fig = charts.coverage_matrix(pd.DataFrame(rows), {"100001": "甲市"}, "zh", "覆盖", "来源")
    categories, families = fig.data[0].y
    assert list(dict.fromkeys(categories)) == ["创造", "运用", "保护", "管理", "服务"]
    assert list(families) == ["c", "u", "p", "m", "s"]


def test_coverage_matrix_puts_unmapped_targets_last_in_grey():
    rows = [{"region_id": rid, "family": family, "family_zh": family, "family_en": family, "category": category,
             "status": status}
            for family, category, statuses in [("unmapped", "unmapped", ["quantitative", "none"]),
                                               ("c", "creation", ["qualitative", "quantitative"])]
            for rid, status in zip(["100001", "100002"], statuses)]
    labels = {"100001": "甲市", "100002": "乙县"}
    fig = charts.coverage_matrix(pd.DataFrame(rows), labels, "en", "覆盖", "来源")
    heat = fig.data[0]
    categories, families = heat.y
    assert list(families) == ["c", "Unmapped targets"]
    assert "Unmapped" in categories[-1] and UNMAPPED_COLOR in categories[-1]  # the sixth group, greyed
    assert [list(row) for row in heat.z] == [[1, 2], [5, 3]]  # unmapped codes 3-5: the grey half of the scale
    assert [list(row) for row in heat.text] == [["▲", "■"], ["■", "·"]]
    grey = {color for stop, color in heat.colorscale if stop > 0.5}
    assert grey == set(UNMAPPED_COVERAGE_COLORS.values())


def test_category_bars_show_the_unmapped_group_last_and_grey():
    counts = pd.DataFrame({"category": ["unmapped", "use"], "quantitative": [2, 4], "qualitative": [1, 0]})
    fig = charts.category_bars(counts, "#0072B2", "zh", "t", "s")
    solid, hatched = fig.data
    assert list(solid.x) == [0, 4, 0, 0, 0, 2] and list(hatched.x) == [0, 0, 0, 0, 0, 1]
    assert solid.y[-1].endswith("未归类</span>")
    assert list(solid.marker.color) == ["#0072B2"] * 5 + [UNMAPPED_COLOR]


def test_town_heatmap_shows_the_annex_values_and_leaves_the_total_row_out():
    frame = pd.DataFrame([
        {"town": "全县", "period": "2024", "value": 30.0}, {"town": "甲镇", "period": "2024", "value": 20.0},
        {"town": "乙镇", "period": "2024", "value": 9.0}, {"town": "甲镇", "period": "2024-2026", "value": 60.0},
        {"town": "乙镇", "period": "2024-2026", "value": 27.0}, {"town": "甲镇", "period": "2025", "value": 20.0},
        {"town": "乙镇", "period": "2025", "value": 9.0},
    ])
    frame["is_total"] = frame["town"] == "全县"  # a county's annex: its total row is not called 全区
    fig = charts.town_heatmap(frame, "zh", "t", "件", "s")
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
    # The five links and the unmapped group: a plan with none unmapped shows 0 there, honestly.
    assert list(fig.data[0].x) == [3, 0, 0, 0, 0, 0] and list(fig.data[1].x) == [1, 0, 0, 0, 0, 0]


@pytest.mark.usefixtures("warehouse")
def test_compare_figure_from_the_real_warehouse_matches_its_rows():
    regions = queries.regions()
    labels = dict(zip(regions["region_id"], regions["region_zh"]))
    colors = region_colors(labels)
    frame = comparisons.add_measure(queries.targets(category="creation"), "absolute")
    families = [(f, f) for f in frame["family"].dropna().unique()]
    figures = charts.compare_figures(frame, families, labels, colors, "zh", "t", "u", "s")
    drawn = sum(len(t.y) for t in _traces(figures) if t.type == "bar" and t.meta)
    numeric = frame[~frame["qualitative"].fillna(False).astype(bool) & frame["shown_value"].notna()]
    assert drawn == len(numeric[numeric["family"].isin([f for f, _ in families])])
    for trace in (t for t in _traces(figures) if t.type == "bar" and t.meta):
        assert trace.marker.color == colors[trace.meta["region_id"]]


def test_wrap_line_breaks_english_between_words_and_chinese_anywhere():
    assert charts.wrap_line("Copyright registrations per ten thousand residents（件）", 44) == \
        "Copyright registrations per ten thousand<br>residents（件）"
    assert charts.wrap_line("每万人口高价值发明专利拥有量每万人口高价值发明专利拥有量", 44).count("<br>") == 1


# --- user text is drawn as text ----------------------------------------------------------------

EVIL = "<a href='https://evil.example/'>x</a><img src=x onerror=alert(1)>&"


def _figure_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _figure_strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _figure_strings(item)]
    return []


def _evil_figures() -> list:
    labels = {"100001": "甲市 " + EVIL, "100002": "乙县"}
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_std": 600.0, "raw_name": EVIL, "quote": EVIL * 3,
         "unit_std": EVIL, "baseline": 10.0},
        {"target_id": "a-2", "region_id": "100001", "value_std": 700.0, "raw_name": "另一个" + EVIL, "quote": "q"},
    ])
    coverage = pd.DataFrame([{"region_id": "100001", "family": "f", "family_zh": EVIL, "family_en": EVIL,
                              "category": "creation", "status": "quantitative"}])
    towns = pd.DataFrame([{"town": EVIL, "period": "2024", "value": 1.0, "is_total": False}])
    phases = pd.DataFrame([{"phase": EVIL, "start": "2024-01", "end": "2024-03", "quote": EVIL}])
    counts = pd.DataFrame({"category": ["use"], "quantitative": [1], "qualitative": [0]})
    return [
        *charts.compare_figures(frame, [("invention_patents", EVIL)], labels, COLORS, "zh", EVIL, EVIL, EVIL),
        charts.indicator_bars(frame, labels, COLORS, "zh", EVIL, EVIL, EVIL),
        charts.coverage_matrix(coverage, labels, "zh", EVIL, EVIL),
        charts.town_heatmap(towns, "zh", EVIL, EVIL, EVIL),
        charts.phases_timeline(phases, "#0072B2", "zh", EVIL, EVIL),
        charts.category_bars(counts, "#0072B2", "zh", EVIL, EVIL),
    ]


@pytest.mark.parametrize("index", range(6))
def test_user_text_in_figures_is_escaped_for_plotly(index):
    fig = _evil_figures()[index]
    texts = _figure_strings(fig.to_plotly_json())
    assert not [s for s in texts if "<a href" in s or "<img" in s]
    assert any("&lt;a href='https://evil.example/'&gt;" in s for s in texts)
    assert not [s for s in texts if "&amp;lt;" in s]  # escaped once, never twice


def test_long_user_text_is_wrapped_before_it_is_escaped():
    # An escape is never cut in half by a line break (plotly would show "&l" and "t;").
    wrapped = charts.wrap_line("<" * 60, 20)
    assert all(part.replace("&lt;", "") == "" for part in wrapped.split("<br>"))


# ── like with like (issue 8) ──────────────────────────────────────────────────────────────────
def _two_measures():
    return _targets([
        {"target_id": "a-1", "region_id": "100001", "indicator_id": "hv", "indicator_zh": "每万人高价值发明专利拥有量",
         "family": "density", "value_std": 20.0},
        {"target_id": "b-1", "region_id": "100002", "indicator_id": "hv", "indicator_zh": "每万人高价值发明专利拥有量",
         "family": "density", "value_std": 6.0},
        {"target_id": "c-1", "region_id": "100003", "indicator_id": "all", "indicator_zh": "每万人有效发明专利拥有量",
         "family": "density", "value_std": 48.0},
    ])


def test_related_measures_are_their_own_labelled_lighter_series():
    (figure,) = charts.compare_figures(_two_measures(), [("density", "每万人发明专利")], LABELS, COLORS, "zh", "t", "u", "s")
    bars = {t.meta["region_id"]: t for t in figure.data if t.type == "bar" and t.meta}
    assert list(bars["100001"].marker.opacity) == [1.0] and list(bars["100003"].marker.opacity) == [charts.RELATED_OPACITY]
    shown = re.sub(r"<[^>]+>", "", "".join(bars["100003"].x[0].split("<br>")[1:]))
    assert "每万人有效发明专利拥有量" in shown  # the exact name, under the bar (over two lines)
    title = figure.layout.annotations[0].text
    assert "相关指标，不可直接比较" in title and "每万人有效发明专利拥有量" in title
    # 100003 is no empty "no target" slot: its related bar stands in its own place, once
    assert not [t for t in figure.data if t.type == "scatter" and t.name == "missing"]
    regions = [_region_of(x) for x in figure.layout.xaxis.categoryarray]
    assert regions == ["甲市", "乙县", "丙区"]


def test_one_series_says_same_indicator_same_basis_and_a_converted_one_says_how():
    same = _two_measures().iloc[:2]
    (figure,) = charts.compare_figures(same, [("density", "密度")], LABELS, COLORS, "zh", "t", "u", "s")
    assert "同一指标、同一口径" in figure.layout.annotations[0].text
    yearly = same.assign(shown_from="规划期新增60件 ÷ 3.00 规划年（2024-01至2026-12，整年）", series="hv·per_year·件/年")
    (figure,) = charts.compare_figures(yearly, [("density", "密度")], LABELS, COLORS, "zh", "t", "u", "s")
    assert "口径已换算" in figure.layout.annotations[0].text
    hover = [h for t in figure.data if t.type == "bar" and t.hovertext for h in t.hovertext]
    assert any("规划年" in h for h in hover)  # how it was derived, on hover


def test_region_notes_mark_plan_status_under_the_name():
    notes = {"100001": "征求意见稿·县级市"}
    (figure,) = charts.compare_figures(_two_measures(), [("density", "密度")], LABELS, COLORS, "zh", "t", "u", "s",
                                       region_notes=notes, tick_notes=notes)
    assert any("征求意见稿·县级市" in x for t in figure.data if t.type == "bar" and t.x for x in t.x if x)
    single = charts.indicator_bars(_two_measures(), LABELS, COLORS, "zh", "t", "u", "s", region_notes=notes)
    assert any(t.name and "征求意见稿·县级市" in t.name for t in single.data)  # status in the legend
    assert any(t.name and "每万人有效发明专利拥有量" in t.name for t in single.data)  # series named in the legend


# ── contracts other code relies on, and what an exported image carries (issue 12) ──────────────

def _target_bars(figures) -> list:
    """Bar traces that draw targets (legend-only entries have no meta)."""
    return [t for t in _traces(figures) if t.type == "bar" and t.meta]


def test_every_target_bar_carries_its_target_id_as_customdata():
    # A click on a bar opens its sentence: the page reads the point's customdata as the target_id.
    frame = _two_measures()
    frame.loc[len(frame)] = {**frame.iloc[0].to_dict(), "target_id": "a-2", "raw_name": "另一处", "value_std": 25.0,
                             "shown_value": 25.0}
    for figures in (charts.compare_figures(frame, [("density", "密度")], LABELS, COLORS, "zh", "t", "u", "s"),
                    [charts.indicator_bars(frame, LABELS, COLORS, "zh", "t", "u", "s")]):
        bars = _target_bars(figures)
        assert bars and all(len(t.customdata) == len(t.y) for t in bars)
        by_id = dict(zip(frame["target_id"], frame["shown_value"]))
        drawn = [(c, y) for t in bars for c, y in zip(t.customdata, t.y)]
        assert sorted(c for c, _ in drawn) == sorted(by_id)  # every bar, each once
        assert all(by_id[c] == y for c, y in drawn)  # and the id is the bar's own target


def test_numbers_on_bars_and_axes_are_written_as_a_reader_writes_them():
    per10k = _targets([{"target_id": "a-1", "region_id": "100001", "value_per_10k_residents": 2330.5,
                        "comparator": ">=", "unit_std": "件"}])
    per10k = comparisons.add_measure(per10k, "per10k")
    fig = charts.indicator_bars(per10k, LABELS, COLORS, "zh", "t", "u", "s")
    bar = _target_bars([fig])[0]
    assert bar.text[0].startswith("≥2330") and "e+" not in bar.text[0] and "e+" not in bar.hovertext[0]
    money = _targets([{"target_id": "m-1", "region_id": "100001", "value_std": 600000.0, "unit_std": "万元",
                       "comparator": "<="},
                      {"target_id": "m-2", "region_id": "100002", "value_std": 3500.0, "unit_std": "万元"}])
    (zh,) = charts.compare_figures(money, [("invention_patents", "质押")], LABELS, COLORS, "zh", "t", "u", "s")
    assert "60亿元" in zh.layout.yaxis.ticktext and "600k" not in str(zh.layout.yaxis.ticktext)
    assert sorted(t.text[0] for t in _target_bars([zh])) == ["3500万元", "≤60亿元"]  # a 万元 label keeps its unit
    (english,) = charts.compare_figures(money, [("invention_patents", "pledge")], LABELS, COLORS, "en", "t", "u", "s")
    assert "¥6bn" in english.layout.yaxis.ticktext
    assert "≤60亿元" in _target_bars([zh])[0].hovertext[0]


def _per10k_frame():
    frame = _targets([
        {"target_id": "a-1", "region_id": "100001", "value_per_10k_residents": 12.5, "population_10k": 60.378,
         "population_note": "七普常住人口 60.378 万人, year 2020 (2020-11-01), third-party source: x"},
        {"target_id": "b-1", "region_id": "100002", "value_per_10k_residents": 3.0, "population_10k": 50.0,
         "population_note": "user-supplied figure: 50 万人 (replaces: 常住人口 128.8 万人, year 2022)"},
    ])
    return comparisons.add_measure(frame, "per10k")


def test_per_10k_figures_carry_each_regions_denominator_and_its_year():
    (figure,) = charts.compare_figures(_per10k_frame(), [("invention_patents", "专利")], LABELS, COLORS, "zh",
                                       "t", "u", "来源")
    (source,) = [a.text for a in figure.layout.annotations if a.name == "source_line"]
    assert source.startswith("来源<br>") and "甲市 60.378万人（2020年）" in source and "乙县 50万人（用户输入）" in source
    english = charts.indicator_bars(_per10k_frame(), LABELS, COLORS, "en", "t", "u", "Source")
    (source,) = [a.text for a in english.layout.annotations if a.name == "source_line"]
    assert "603,780 residents (2020)" in source and "500,000 residents (user-supplied)" in source
    # an absolute figure divides by nothing, so it names no denominator
    absolute = charts.indicator_bars(comparisons.add_measure(_per10k_frame(), "absolute"), LABELS, COLORS, "zh", "t",
                                     "u", "来源")
    assert [a.text for a in absolute.layout.annotations if a.name == "source_line"] == ["来源"]


def test_panels_drawn_under_others_still_say_what_they_show_when_exported_alone():
    frame = _targets([{"target_id": "a-1", "region_id": "100001", "value_std": 600.0, "scope": "new"}])
    (more,) = charts.compare_figures(frame, [("invention_patents", "发明专利")], LABELS, COLORS, "zh", "创造", "单位",
                                     "来源", with_header=False, region_notes={"100001": "征求意见稿"})
    assert more.layout.title.text == "<b>创造（续）</b>"
    legend = [t.name for t in more.data if t.showlegend]
    assert "甲市（征求意见稿）" in legend and "新增（规划期累计）" in legend  # draft status and the pattern key
    assert [a.text for a in more.layout.annotations if a.name == "source_line"] == ["来源"]


def test_a_long_citation_wraps_inside_the_figure_and_the_figure_grows_for_it():
    style = charts.ChartStyle(source="来源：" + "某某市市场监督管理局2024，征求意见稿；" * 8)
    short = charts.finish_styled(go_figure(), "t", charts.ChartStyle(source="来源"), height=400)
    long = charts.finish_styled(go_figure(), "t", style, height=400)
    (text,) = [a.text for a in long.layout.annotations if a.name == "source_line"]
    assert text.count("<br>") >= 1
    assert long.layout.margin.b - short.layout.margin.b == text.count("<br>") * (style.small_size + 6)


def go_figure():
    import plotly.graph_objects as go

    return go.Figure(go.Bar(x=["a"], y=[1]))


def test_chart_style_derives_every_size_from_presentation_mode():
    normal, presented = charts.ChartStyle(), charts.ChartStyle(present=True)
    assert (normal.base, presented.base) == (13, 20)
    assert presented.title_size == presented.base + 6 and presented.small_size == presented.base - 2
    docs = [{"issuer": "天长市市场监督管理局", "date": "2024-01-29", "status": "draft"}]
    assert normal.with_documents(docs).source == "来源：天长市市场监督管理局2024，征求意见稿 · “知识产权强县/强市工作方案对比”项目提取"


def test_names_under_bars_break_between_english_words_and_keep_brackets_whole():
    lines = charts.name_lines("Valid invention patents per ten thousand residents（stock）")
    assert lines == ["Valid", "invention", "patents", "per ten", "thousand", "residents", "（stock）"]
    assert charts.name_lines("知识产权保护中心（分中心）") == ["知识产权保", "护中心", "（分中心）"]
    assert not any(line.startswith("）") for line in charts.name_lines("知识产权保护社会满意（比）", 10))


def test_a_panel_too_crowded_for_its_labels_takes_the_whole_row():
    labels = {f"10000{i}": name for i, name in enumerate(["Tianchang", "Yancheng", "Yixing", "Shizhong District"])}
    colors = region_colors(labels)
    rows = [{"target_id": f"{rid}-{k}", "region_id": rid, "indicator_id": f"i{k}", "indicator_en": f"Measure {k}",
             "family": "busy", "value_std": 1.0 + k} for rid in labels for k in range(2)]
    rows.append({"target_id": "q-1", "region_id": "100000", "family": "quiet", "value_std": 5.0})
    (figure,) = charts.compare_figures(_targets(rows), [("busy", "busy"), ("quiet", "quiet")], labels, colors, "en",
                                       "t", "u", "s")
    assert list(figure.layout.xaxis.domain) == [0.0, 1.0]  # eight bars across the row
    assert figure.layout.xaxis2.domain[1] < 0.5  # the quiet panel keeps half a row, below
    assert figure.layout.yaxis2.domain[1] < figure.layout.yaxis.domain[0]


def _contrast(foreground: str, background: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_town_heatmap_numbers_read_on_every_cell():
    frame = pd.DataFrame([{"town": "甲镇", "period": "2024", "value": 20.0, "is_total": False},
                          {"town": "乙镇", "period": "2024", "value": 2.0, "is_total": False}])
    heat = charts.town_heatmap(frame, "zh", "t", "件", "s").data[0]
    assert all(_contrast(heat.textfont.color, color) >= 4.5 for _stop, color in heat.colorscale)  # WCAG AA


def test_legend_rows_count_english_names_wider_than_before():
    names = ["Tianchang (draft · county-level city)", "Yancheng (ended · prefecture-level city)",
             "Yixing (issued · county-level city)", "Shizhong District (issued · urban district)"]
    assert charts.legend_rows(names, 13) == 2 and charts.legend_rows(names, 20) == 4
