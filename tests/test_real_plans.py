"""The four real plans, read end to end by a person and checked against the extractor.

Each tuple is (value, unit as written, comparator, scope, target_year, baseline, value_max), in
reading order.  These were checked sentence by sentence against the plans in data/raw/; when the
extractor changes, a difference here is a real change in what a researcher sees.  Rows marked
"(review)" were changed after a reviewer read the seeds' scopes against the text (issue 7).

These are the warehouse's readings, corrections applied (etl.warehouse.steps.collect).  Three differ from the
extractor's own, which gives `stock`: 盐城
许可转让合同备案数10000件 and 质押融资总额60亿元 and 天长 PCT 国际申请数量超30件 are totals over the plan
period (new) for the reviewer, but the same construction ("X总额/申请数量 + number", no period word) is a
stock in the real-plans gold (合肥 质押融资总额150亿元, 武汉 PCT申请量2500件), so no grammar rule tells
them apart.  The reviewer's reading is recorded as three corrections (data/corrections/, each with its
reason), so the warehouse holds it and keeps the extractor's reading beside it (extracted_scope); see
tests/test_release_snapshot.py.
"""

from __future__ import annotations

import pytest

from etl.warehouse.steps import collect

EXPECTED_NUMERIC = {
    "shizhong-2024": [
        (600, "件", "=", "stock", 2026, None, None),
        (13000, "件", "=", "stock", 2026, None, None),
        (7, "件", "=", "stock", 2026, None, None),
        (20, "件", "=", "stock", 2026, None, None),
        (4, "个", ">=", "stock", 2026, None, None),
        (10, "家", "=", "stock", 2026, None, None),
        (2, "家", "=", "stock", 2026, None, None),
        (3, "亿元", ">=", "stock", 2026, None, None),
        (200, "项", "=", "stock", 2026, None, None),
        (12, "件", ">=", "stock", 2026, None, None),
        (15, "件", ">=", "stock", 2026, None, None),
        (90, "%", ">=", "ratio", 2026, None, None),
        (2, "个", "=", "new", 2026, None, None),
        (40, "家", "=", "stock", 2026, None, None),
        (96, "%", ">=", "ratio", 2026, None, None),
        (15, "家", "=", "stock", 2026, None, None),
        (80, "户", ">=", "stock", 2026, None, None),
        (50, "名", ">=", "new", 2026, None, None),
        (600, "人次", "=", "stock", 2026, None, None),
        (2, "人", ">=", "stock", 2026, None, None),
    ],
    "tianchang-2024": [
        (48, "件", "=", "stock", 2026, None, None),
        (30, "件", ">=", "new", 2026, None, None),  # (review) PCT 国际申请数量超30件: by a recorded correction
        (600, "件", "=", "new", 2026, None, None),
        (3.5, "亿元", ">=", "annual", None, None, None),
        (4, "家", ">=", "new", 2026, None, None),
        (50, "家", "=", "stock", 2026, None, None),
        (250, "人", "=", "stock", 2026, 162, None),
        (3, "场", ">=", "annual", None, None, None),
        (1000, "人次", ">=", "annual", None, None, None),  # 培训覆盖面 beside 年专题培训: a yearly duty (review)
        (90, "%", ">=", "ratio", 2026, None, None),
        (1, "家", "=", "new", 2026, None, None),
        (1, "家", "range", "new", 2026, None, 2),
        (3, "次", ">=", "annual", None, None, None),
        (1, "次", ">=", "annual", None, None, None),
        (10, "%", ">=", "annual", None, None, None),
    ],
    "yancheng-2022": [
        (6, "件", "=", "stock", 2025, None, None),
        (800, "户", "=", "stock", 2025, None, None),
        (150, "件", "=", "new", 2025, None, None),
        (50, "件", "=", "new", 2025, None, None),
        (10000, "件", ">=", "new", 2025, None, None),  # (review) by a recorded correction
        (60, "亿元", ">=", "new", 2025, None, None),  # (review) by a recorded correction
        (100, "%", "=", "ratio", 2025, None, None),
        (80, "%", ">=", "ratio", 2025, None, None),
        (300, "家", "=", "new", 2025, None, None),
        (5, "家", "=", "new", 2025, None, None),
        (200, "家", ">=", "stock", 2025, None, None),
        (5, "亿元", "≈", "annual", None, None, None),  # 主营业务收入: an income is per year (review)
        (3000, "人", ">=", "stock", 2025, None, None),
    ],
    "yixing-2024": [
        (1, "个", "=", "new", 2026, None, None),
        (1, "个", "=", "new", 2026, None, None),
        (3.5, "万件", "=", "stock", 2026, None, None),
        (20, "件", "=", "stock", 2026, None, None),
        (93, "%", ">=", "ratio", 2026, None, None),
        (120, "件", "=", "stock", 2026, None, None),
        (60, "件", "=", "stock", 2026, None, None),
        (50, "件", "=", "stock", 2026, None, None),
        (10, "件", "=", "stock", 2026, None, None),
        (100, "件", "=", "stock", 2026, None, None),
        (70, "件", ">=", "stock", 2026, None, None),
        (1, "家", "=", "stock", 2026, None, None),
        (1, "家", "=", "new", 2026, None, None),
        (2, "家", "=", "new", 2026, None, None),
        (90, "分", ">=", "ratio", 2026, None, None),
        (19, "%", "=", "ratio", 2026, None, None),
        (8.6, "%", "=", "ratio", 2026, None, None),
        (10, "亿元", ">=", "annual", None, None, None),
        (30, "亿元", ">=", "stock", 2026, None, None),
        (120, "家", ">=", "new", 2026, None, None),
        (15, "家", "=", "stock", 2026, None, None),
        (10, "家", "=", "new", 2026, None, None),
        (2, "家", "=", "new", 2026, None, None),
        (10, "家", ">=", "stock", 2026, None, None),
        (300, "人", ">=", "stock", 2026, None, None),
        (5000, "万元", ">=", "annual", 2026, None, None),  # 主营业务收入 (review)
        (20, "人", "=", "new", 2026, None, None),
        (10, "人", "=", "new", 2026, None, None),
        (1000, "人次", "=", "stock", 2026, None, None),
        (1, "家", ">=", "stock", 2026, None, None),
        (2, "家", ">=", "stock", 2026, None, None),
        (2, "家", "=", "new", 2026, None, None),
        (30, "亿元", ">=", "new", 2026, None, None),
        (5, "家", ">=", "new", 2026, None, None),
        (5, "项", ">=", "new", 2026, None, None),
        (50, "人", "=", "stock", 2026, None, None),
        (1000, "人次", ">=", "stock", 2026, None, None),
    ],
}

EXPECTED_QUALITATIVE = {
    "tianchang-2024": ["知识产权主要指标", "每万人高质量发明专利拥有量", "战新企业、高新企业发明专利", "海外发明专利授权量", "马德里商标国际注册量",
                       "知识产权质押融资金额", "专利产品产值占工业产品产值的比重", "自主品牌企业增加值占地区生产总值比重",
                       "知识产权运营成效", "设立知识产权专项工作经费", "知识产权裁决和调解案件数量", "行政执法案件结案率"],
    # The last two stand among the tasks: whole-territory coverage and a dated end (issue 7's reviewer).
    "yancheng-2022": ["知识产权许可转让及质押融资", "知识产权经费投入", "知识产权公共服务社会满意度",
                      "专利授权的各类财政性资助", "商标品牌指导站"],
    "shizhong-2024": ["企业自主知识产权拥有量和水平", "专利授权量", "专利密集型产品认定备案和数据知识产权工作"],
    "yixing-2024": ["知识产权主要指标", "社会满意度", "江苏省版权示范城市", "省级知识产权保护示范区", "知识产权服务业集聚区"],
}


@pytest.fixture(scope="module")
def frames():
    return collect().frames


def _numeric(frames, doc_id):
    t = frames["targets"]
    t = t[(t["doc_id"] == doc_id) & ~t["qualitative"]]
    def clean(x):
        return None if x is None or x != x else x
    return [(r.value, r.unit, r.comparator, r.scope, clean(r.target_year), clean(r.baseline), clean(r.value_max))
            for r in t.itertuples()]


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_NUMERIC))
def test_every_numeric_target_of_the_plan_and_nothing_else(frames, doc_id):
    got = _numeric(frames, doc_id)
    expected = EXPECTED_NUMERIC[doc_id]
    missing = [e for e in expected if e not in got]
    extra = [g for g in got if g not in expected]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"
    assert got == expected  # and in reading order


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_QUALITATIVE))
def test_named_goals_without_numbers_are_rows(frames, doc_id):
    t = frames["targets"]
    q = t[(t["doc_id"] == doc_id) & t["qualitative"]]
    assert list(q["raw_name"]) == EXPECTED_QUALITATIVE[doc_id]
    assert q["value"].isna().all()


def test_a_tasks_dated_end_keeps_its_year_and_a_looser_coverage_stays_a_task(frames):
    t = frames["targets"]
    ended = t[(t["doc_id"] == "yancheng-2022") & (t["raw_name"] == "专利授权的各类财政性资助")]
    assert list(ended["target_year"]) == [2023]
    assert list(ended["indicator_id"]) == ["patent_grant_subsidies_abolished"]
    from etl.extract.clauses import task_goals
    from etl.segment.sentences import Sentence

    def sentence(text):
        return Sentence(text=text, start=0, end=len(text), section="四、重点任务", section_kind="tasks",
                        is_heading=False, paragraph=0)
    assert task_goals(sentence("推进规上企业知识产权管理，实现规上企业管理全覆盖。")) == []
    assert [c.raw_name for c in task_goals(sentence("加快布局知识产权工作站，实现县域全覆盖。"))] == ["知识产权工作站"]


def test_baseline_is_read_from_the_sentence(frames):
    t = frames["targets"]
    row = t[t["quote"].str.contains("由162人增至250人")].iloc[0]
    assert (row.baseline, row.value, row.unit, row.raw_name) == (162, 250, "人", "知识产权专员队伍")


def test_one_sentence_with_two_targets_gives_two_rows(frames):
    t = frames["targets"]
    rows = t[t["quote"].str.contains("新增1个国家知识产权试点园区") & ~t["qualitative"]]
    assert list(rows["raw_name"]) == ["国家知识产权试点园区", "省级知识产权示范园区"]


def test_non_targets_are_skipped_with_their_reason(frames):
    s = frames["skipped_numbers"]
    reasons = dict(zip(s["text"], s["reason"]))
    def reason_for(fragment):
        return {reasons[k] for k in reasons if fragment in k}
    assert "phone number" in reason_for("7770638")
    assert "e-mail" in reason_for("759781451")
    assert "document number" in reason_for("582号")
    assert reason_for("4.26") & {"observance day", "name in quotes"}
    assert "name in quotes" in reason_for("333")
    assert "existing count (现有)" in reason_for("2家知识产权代理机构")
    assert "baseline" in reason_for("162人")
    t = frames["targets"]
    assert not t["value"].isin([2024, 2026, 582, 1197, 7770638, 333, 4.26, 56005]).any()


def test_every_quote_is_found_at_its_offsets(frames):
    texts = dict(zip(frames["documents"]["doc_id"], frames["documents"]["clean_text"]))
    for r in frames["targets"].itertuples():
        assert texts[r.doc_id][r.quote_start:r.quote_end] == r.quote


def test_every_target_has_exactly_one_of_the_five_categories(frames):
    assert set(frames["targets"]["category"]) <= {"creation", "use", "protection", "management", "service"}
    assert frames["targets"]["category"].notna().all()


def test_multipliers_and_money_are_standardised(frames):
    t = frames["targets"]
    patents = t[t["quote"].str.contains("授权专利量累计达3.5万件")].iloc[0]
    assert (patents.value, patents.unit, patents.value_std, patents.unit_std) == (3.5, "万件", 35000, "件")
    money = t[(t["unit"] == "亿元")]
    assert (money["unit_std"] == "万元").all()
    assert (money["value_std"] == money["value"] * 10000).all()


def test_new_targets_get_a_per_year_figure_over_the_plan_period(frames):
    t = frames["targets"]
    row = t[t["raw_name"] == "新增贯标企业"].iloc[0]
    assert row.scope == "new" and row.value_per_year == pytest.approx(40)  # 2024-2026: three years
    # a level with no baseline has no per-year figure (one with a baseline gets its yearly growth from
    # etl.normalize.comparable: 专员 162 → 250 人 over three years)
    stock = t[(t["scope"] == "stock") & ~t["qualitative"] & t["baseline"].isna()]
    assert stock["value_per_year"].isna().all()


def test_annex_tables_are_read_checked_and_compared_with_the_text(frames):
    towns = frames["town_targets"]
    assert set(towns["period"]) == {"2024", "2025", "2026", "2024-2026"}
    assert towns["measure"].nunique() == 5
    total = towns[(towns["town"] == "全区") & (towns["measure"] == "新增有效发明专利数量") & (towns["period"] == "2024-2026")]
    assert total["value"].tolist() == [420]
    notes = frames["quality_notes"]
    conflict = notes[(notes["kind"] == "annex_vs_text") & notes["message"].str.contains("10家") & notes["message"].str.contains("17家")]
    assert len(conflict) == 1  # text says 10 优势示范企业, the annex totals 17: both kept, conflict surfaced


def test_a_commitment_stated_twice_is_linked_to_its_first_statement(frames):
    t = frames["targets"]
    goal = t[t["quote"].str.contains("质押金额累计超30亿元")].query("value == 30").iloc[0]
    task = t[t["quote"].str.contains("新增") & (t["value"] == 30) & (t["unit"] == "亿元")
             & (t["doc_id"] == "yixing-2024") & (t["target_id"] != goal.target_id)].iloc[0]
    assert task.restates == goal.target_id and (goal.restates is None or goal.restates != goal.restates)


def test_a_rule_for_each_town_is_not_a_district_total(frames):
    t = frames["targets"]
    row = t[(t["doc_id"] == "shizhong-2024") & t["quote"].str.contains("各镇街") & (t["value"] == 2)
            & (t["unit"] == "人")].iloc[0]
    assert row.per_unit == "镇街"


def test_ranges_keep_their_upper_bound(frames):
    t = frames["targets"]
    ranges = t[t["comparator"] == "range"]
    assert len(ranges) and ranges["value_max"].notna().all()


def test_every_row_carries_a_confidence(frames):
    t = frames["targets"]
    assert set(t["confidence"]) <= {"high", "medium", "low"} and t["confidence"].notna().all()
    assert t.loc[t["confidence"] != "high", "confidence_reason"].notna().all()


def test_the_reviewers_scopes_of_the_seeds_hold_in_the_warehouse(warehouse_path):
    """Issue 7: the three totals over the plan period are `new` in the warehouse, by a recorded
    correction that keeps the extractor's `stock` beside it."""
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute("SELECT doc_id, value, scope, extracted_scope, origin, correction_reason FROM targets "
                           "WHERE (doc_id = 'yancheng-2022' AND value IN (10000, 60)) "
                           "OR (doc_id = 'tianchang-2024' AND value = 30 AND unit = '件') ORDER BY doc_id, value").fetchall()
    assert [(d, v, s, e, o) for d, v, s, e, o, _ in rows] == [
        ("tianchang-2024", 30.0, "new", "stock", "manual"),
        ("yancheng-2022", 60.0, "new", "stock", "manual"),
        ("yancheng-2022", 10000.0, "new", "stock", "manual"),
    ]
    assert all("reviewer" in reason for *_, reason in rows)
