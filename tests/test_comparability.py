"""Like with like (issue 8): comparability is data decided in the ETL, and no chart puts two
different measures side by side as if they were one.

The warehouse tests walk every family of every category under every measure through the same
figure builder the compare page uses, and read the figures back."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.services import comparisons
from etl.base.schema import CATEGORY_VALUES
from etl.normalize import comparable as normalize

MEASURES = ["absolute", "peryear", "per10k"]


# ── the ETL's conversions ─────────────────────────────────────────────────────────────────────
def test_plan_years_are_month_accurate_from_the_plans_phases():
    window = normalize.plan_window(2022, 2025, normalize.phase_span(
        "（一）宣传发动阶段（2022年8月—2022年9月）…（三）总结提升阶段（2025年5月—2025年6月）"))
    assert window[:2] == ("2022-08", "2025-06")
    assert normalize.window_years(window) == pytest.approx(35 / 12, abs=1e-4)
    assert normalize.window_years(normalize.plan_window(2024, 2026)) == 3  # no phases: whole years


def test_new_is_spread_over_plan_years_and_says_how():
    window = ("2022-08", "2025-06", "方案实施阶段")
    value, how = normalize.per_year(350.0, "new", normalize.window_years(window), None, "件", window)
    assert value == pytest.approx(120.0)
    assert "350件" in how and "2.92" in how and "2022-08至2025-06" in how


def test_stock_becomes_yearly_only_with_a_baseline():
    window = ("2024-01", "2026-12", "整年")
    assert normalize.per_year(250.0, "stock", 3.0, None, "人", window) == (None, None)
    value, how = normalize.per_year(250.0, "stock", 3.0, 162.0, "人", window)
    assert value == pytest.approx(88 / 3) and "由162增至250人" in how and "新增88人" in how
    assert normalize.per_year(12.0, "annual", 3.0)[0] == 12.0


def test_derivation_texts_read_word_for_word_as_users_see_them():
    # The templates live in etl.vocab.derivations; what a reader sees in hover text and downloads is pinned here.
    window = ("2023-04", "2025-03", "方案实施阶段")
    assert normalize.per_year(60.0, "new", 2.0, None, "项", window) == (
        30.0, "规划期新增60项 ÷ 2.00 规划年（2023-04至2025-03，方案实施阶段）")
    assert normalize.per_year(90.0, "stock", 2.0, 40.0, "家", window) == (
        25.0, "由40增至90家：新增50家 ÷ 2.00 规划年（2023-04至2025-03，方案实施阶段）")
    assert normalize.per_year(7.0, "annual", 2.0) == (7.0, "每年目标，原值")
    row = {**_row("ip_commissioners", scope="new", value=30.0), "period_start": 2023, "period_end": 2024}
    assert normalize.comparable_fields(row, {"r": 20.0}, {}, set())["derived_from"] == (
        "每年：规划期新增30人 ÷ 2.00 规划年（2023-01至2024-12，整年）；每万人：30人 ÷ 20万人（人口来源未注明）")
    assert normalize.comparable_fields(row, {"r": 20.0}, {}, {"ip_commissioners"})["per_10k_from"] == \
        "已是人均（每万人/每万户）指标，原值，不再相除"


def _row(indicator_id, unit="人", scope="stock", value=100.0):
    return {"indicator_id": indicator_id, "unit_std": unit, "scope": scope, "value_std": value, "region_id": "r",
            "doc_id": "nowhere", "period_start": 2024, "period_end": 2026, "qualitative": False}


def test_per_10k_only_for_people_firms_and_money_and_per_capita_indicators_as_they_are():
    pop, notes = {"r": 50.0}, {"r": "常住人口 50 万人, year 2023, x source"}
    people = normalize.comparable_fields(_row("ip_commissioners"), pop, notes, set())
    assert people["value_per_10k_residents"] == 2.0 and people["unit_per_10k"] == "人/万人"
    assert "÷ 50万人" in people["per_10k_from"]
    bodies = normalize.comparable_fields(_row("ip_service_firms", "家"), pop, notes, set())
    assert bodies["value_per_10k_residents"] is None  # institutions are not divided by residents
    density = normalize.comparable_fields(_row("invention_patents_per_10k", "件", value=48.0), pop, notes,
                                          {"invention_patents_per_10k"})
    assert density["value_per_10k_residents"] == 48.0 and density["unit_per_10k"] == "件"
    assert density["comparability"] == "invention_patents_per_10k·stock·件"


# ── the warehouse ─────────────────────────────────────────────────────────────────────────────
def _frame(category: str, measure: str) -> pd.DataFrame:
    return comparisons.with_comparability(comparisons.add_measure(queries.targets(category=category), measure), measure)


def _figures(frame: pd.DataFrame, lang: str = "zh"):
    families = queries.families()
    panels = [(f, f) for f in sorted(set(frame["family"].dropna()))]
    labels = {r: r for r in sorted(queries.regions()["region_id"])}
    return charts.compare_figures(frame, panels, labels, {}, lang, "t", "u", "s"), panels, families


def _panel_bars(figure) -> dict[str, list[tuple[str, float]]]:
    """family → [(target_id, opacity)] of the bars drawn in its panel."""
    out: dict[str, list] = {}
    for trace in figure.data:
        if trace.type != "bar" or not trace.customdata or not (trace.meta or {}).get("family"):
            continue
        opacity = trace.marker.opacity
        for i, target_id in enumerate(trace.customdata):
            out.setdefault(trace.meta["family"], []).append(
                (target_id, opacity[i] if isinstance(opacity, (list, tuple)) else (opacity or 1.0)))
    return out


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("category", CATEGORY_VALUES)
def test_no_panel_draws_two_indicators_or_a_stock_and_a_flow_as_one_series(category, measure):
    frame = _frame(category, measure)
    if frame.empty:
        return
    figures, _panels, _families = _figures(frame)
    rows = frame.set_index("target_id")
    for family, bars in _panel_bars(figures[0]).items():
        main = rows.loc[[tid for tid, opacity in bars if opacity == 1.0]]
        assert main["indicator_id"].nunique() <= 1, (family, measure, main["indicator_id"].unique())
        assert main["shown_unit"].nunique() <= 1, (family, measure)
        if measure != "peryear":  # per year, new and annual targets are converted to one basis
            assert main["scope"].nunique() <= 1, (family, measure, main["scope"].unique())
        else:
            assert not ({"stock"} & set(main["scope"]) and main["baseline"].isna().any()), family
        for tid, opacity in bars:
            if opacity != 1.0:  # a related measure: named under its bar
                assert rows.loc[tid, "indicator_id"] not in set(main["indicator_id"]) or \
                    rows.loc[tid, "scope"] not in set(main["scope"]), (family, tid)


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("category", CATEGORY_VALUES)
def test_no_panel_says_no_target_for_a_region_that_set_a_related_one(category, measure):
    frame = _frame(category, measure)
    if frame.empty:
        return
    everything = queries.targets()  # every category: a family split across two would show here
    figures, _panels, _families = _figures(frame)
    for trace in figures[0].data:
        if trace.type != "scatter" or trace.name != "missing":
            continue
        family = trace.meta["family"]
        for hover in trace.hovertext:
            region_id, note = hover.split(": ", 1)
            set_here = everything[(everything["family"] == family) & (everything["region_id"] == region_id)]
            if note == "未设目标":
                assert set_here.empty, (family, region_id, set_here["indicator_id"].tolist())
            if note.startswith("设定了相关指标"):
                assert len(set_here), (family, region_id)


@pytest.mark.usefixtures("warehouse")
def test_the_two_cases_of_the_issue_read_as_separate_series():
    frame = _frame("creation", "absolute")
    figures, _panels, _families = _figures(frame)
    titles = " ".join(a.text for a in figures[0].layout.annotations)
    for name in ("每万人高价值发明专利拥有量", "每万人有效发明专利拥有量", "发明专利授权量", "有效发明专利拥有量"):
        assert name in titles.replace("<br>", "").replace("</span><span style='font-size:12px;color:#555555'>", "")
    assert "相关指标，不可直接比较" in titles
    # a region that set only a related measure has its lighter bar in its own place: it is never
    # also an empty slot of the same panel, so no region appears twice
    by_panel: dict[str, dict[str, set]] = {}
    for tr in figures[0].data:
        if not tr.meta or "family" not in tr.meta:
            continue
        panel = by_panel.setdefault(tr.meta["family"], {"bars": set(), "missing": set(), "related_only": set()})
        if tr.type == "bar" and tr.meta.get("region_id"):
            panel["bars"].add(tr.meta["region_id"])
            if all(o < 1 for o in tr.marker.opacity):
                panel["related_only"].add(tr.meta["region_id"])
        elif tr.type == "scatter" and tr.name == "missing":
            panel["missing"] |= {h.split(": ", 1)[0] for h in tr.hovertext}
    assert any(panel["related_only"] for panel in by_panel.values())
    assert all(not panel["bars"] & {_id_of(name) for name in panel["missing"]} for panel in by_panel.values())


def _id_of(region_name: str) -> str:
    names = queries.region_names()
    return next((rid for rid, zh in names.items() if zh == region_name), region_name)


@pytest.mark.usefixtures("warehouse")
def test_per_10k_shows_per_capita_indicators_and_no_institution_counts():
    frame = _frame("creation", "per10k")
    density = frame[(frame["family"] == "invention_patent_density") & frame["value_std"].notna()]
    assert len(density) and density["shown_value"].notna().all()
    assert (density["shown_value"] == density["value_std"]).all() and (density["shown_unit"] == "件").all()
    indicators = queries.indicators().set_index("indicator_id")
    every = queries.targets()
    counts = every["indicator_id"].map(indicators["counts"])
    divided = every["value_per_10k_residents"].notna() & ~every["indicator_id"].map(indicators["per_capita"]).fillna(False).astype(bool)
    assert set(counts[divided]) <= set(normalize.PER_10K_COUNTS)


@pytest.mark.usefixtures("warehouse")
def test_every_converted_value_says_how_it_was_derived(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql("SELECT * FROM targets").df()
        phases = con.sql("SELECT doc_id, min(start) AS s, max(\"end\") AS e FROM phases GROUP BY doc_id").df()
    assert rows.loc[rows["value_per_year"].notna(), "per_year_from"].notna().all()
    assert rows.loc[rows["value_per_10k_residents"].notna(), "per_10k_from"].notna().all()
    numeric = rows[rows["value_std"].notna() & rows["indicator_id"].notna() & ~rows["qualitative"]]
    assert numeric["comparability"].notna().all()
    for phase in phases.itertuples():  # a plan with phases is as long as they are, to the month
        mine = rows[rows["doc_id"] == phase.doc_id]
        months = (int(phase.e[:4]) - int(phase.s[:4])) * 12 + int(phase.e[5:]) - int(phase.s[5:]) + 1
        assert (mine["plan_years"].round(4) == round(months / 12, 4)).all(), phase.doc_id


@pytest.mark.usefixtures("warehouse")
def test_regions_are_marked_draft_issued_or_ended():
    status = queries.plan_status(today="2100-01")
    assert set(status["status"]) <= {"draft", "ended"}
    assert set(queries.plan_status(today="2000-01")["status"]) <= {"draft", "issued"}
