"""etl.extract.annex: the town × year annex tables, on 市中区's real file and on tables written here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl.base.schema import columns
from etl.extract.annex import (
    AnnexTable,
    annex_frames,
    annex_from_tables,
    check_annex,
    compare_annex_with_text,
    find_annex_tables,
    is_total_row,
    normalise_town_names,
    town_targets_frame,
)
from etl.read.readers import Table, read_document

ROOT = Path(__file__).resolve().parents[1]
SHIZHONG = ROOT / "data" / "raw" / "shizhong_2024-2026.txt"
FORMATS = Path(__file__).parent / "fixtures" / "formats"
SHIZHONG_TOWNS = {"税郭镇", "西王庄镇", "孟庄镇", "永安镇", "齐村镇", "光明路街道", "龙山路街道",
                  "垎塔埠街道", "中心街街道", "文化路街道", "矿区街道"}


def shizhong_text() -> str:
    return SHIZHONG.read_text(encoding="utf-8")


def without_tabs_and_blank_lines(text: str) -> str:
    # What a cleaner may leave: cells stripped, empty cells and blank lines gone.
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


# --- the real annex ---------------------------------------------------------------------------

@pytest.mark.parametrize("prepare", [lambda t: t, without_tabs_and_blank_lines], ids=["raw", "stripped"])
def test_shizhong_has_five_tables_with_their_measures_and_units(prepare):
    tables = find_annex_tables(prepare(shizhong_text()))
    assert [(t.measure, t.unit) for t in tables] == [
        ("新增有效发明专利数量", "个"),
        ("国家知识产权优势、示范企业", "家"),
        ("知识产权专利开放许可", "项"),
        ("知识产权商标品牌培育指导站", "家"),
        ("知识产权培训次数", "次"),
    ]
    assert all(t.notes == [] for t in tables)


@pytest.mark.parametrize("prepare", [lambda t: t, without_tabs_and_blank_lines], ids=["raw", "stripped"])
def test_shizhong_tables_have_eleven_towns_plus_the_district_and_their_periods(prepare):
    tables = find_annex_tables(prepare(shizhong_text()))
    yearly = {"2024", "2025", "2026", "2024-2026"}
    for table, periods in zip(tables, [yearly, {"2024-2026"}, yearly, {"2024-2026"}, yearly]):
        towns = {row["town"] for row in table.rows}
        assert len(towns) == 12 and "全区" in towns
        assert {row["period"] for row in table.rows} == periods
        assert len(table.rows) == 12 * len(periods)  # every town has every period once
    # 各塔埠街道 is the one table's spelling; the others say 垎塔埠街道 (kept as written here)
    assert {r["town"] for r in tables[2].rows} - {"全区"} == SHIZHONG_TOWNS - {"垎塔埠街道"} | {"各塔埠街道"}
    assert {r["town"] for r in tables[0].rows} - {"全区"} == SHIZHONG_TOWNS


def test_shizhong_values_and_district_totals():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    total = frame[(frame["town"] == "全区") & (frame["period"] == "2024-2026")].set_index("measure")["value"]
    assert total.to_dict() == {"新增有效发明专利数量": 420, "国家知识产权优势、示范企业": 17,
                               "知识产权专利开放许可": 165, "知识产权商标品牌培育指导站": 17,
                               "知识产权培训次数": 33}
    patents = frame[frame["measure"] == "新增有效发明专利数量"].set_index(["town", "period"])["value"]
    assert patents[("全区", "2025")] == 140 and patents[("税郭镇", "2026")] == 15
    assert patents[("矿区街道", "2024-2026")] == 30
    # towns add up to the district in every table and period
    towns = frame[frame["town"] != "全区"].groupby(["measure", "period"])["value"].sum()
    district = frame[frame["town"] == "全区"].set_index(["measure", "period"])["value"]
    assert (towns.sort_index() == district.sort_index()).all()


def test_shizhong_offsets_cover_title_to_last_cell():
    text = shizhong_text()
    tables = find_annex_tables(text)
    assert text[tables[0].start:].startswith("一、新增有效发明专利数量（个）")
    assert text[tables[2].start:].startswith("三、知识产权专利开放许可（项）")
    for before, after in zip(tables, tables[1:]):
        assert before.end < after.start
        assert not text[before.end:after.start].strip("\t\n")  # nothing but empty cells between tables
        assert text[before.end - 1].isdigit()  # each ends on its last value
    assert text[tables[-1].end - 1] == "3" and not text[tables[-1].end:].strip()


def test_shizhong_frame_follows_the_contract():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    assert list(frame.columns) == columns("town_targets")
    assert frame["indicator_id"].isna().all()
    assert (frame["doc_id"] == "shizhong-2024").all() and (frame["region_id"] == "370402").all()
    assert frame["value"].dtype == "float64"


def test_shizhong_checks_find_only_the_misspelt_town():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    notes = check_annex(frame)
    assert list(notes.columns) == columns("quality_notes")
    assert list(notes["kind"]) == ["town_name"]
    message = notes.iloc[0]["message"]
    assert "各塔埠街道" in message and "垎塔埠街道" in message and "知识产权专利开放许可" in message
    assert notes.iloc[0]["doc_id"] == "shizhong-2024"


def test_normalising_maps_the_misspelling_and_nothing_else():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    fixed = normalise_town_names(frame)
    assert set(fixed["town"]) == SHIZHONG_TOWNS | {"全区"}
    changed = frame["town"] != fixed["town"]
    assert set(frame.loc[changed, "town"]) == {"各塔埠街道"} and changed.sum() == 4
    assert "各塔埠街道" in set(frame["town"])  # the input frame is not modified
    assert fixed.drop(columns="town").equals(frame.drop(columns="town"))


def test_annex_frames_runs_the_steps_in_order():
    town_df, notes = annex_frames(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    assert "各塔埠街道" not in set(town_df["town"])
    assert list(notes["kind"]) == ["town_name"]


def test_other_plans_have_no_annex_tables():
    for name in ["yixing_2024-2026.txt", "yancheng_2022-2025.txt", "tianchang_2024-2026_draft.txt"]:
        assert find_annex_tables((ROOT / "data" / "raw" / name).read_text(encoding="utf-8")) == []


# --- tables written here ----------------------------------------------------------------------

FRESH = """青禾县工作方案
一、工作目标
到2027年底，全县发明专利拥有量达到350件，培育国家知识产权优势企业5家。
附件：目标分解表
1.新增发明专利数量（件）
序号
乡镇
目标值
总数值
2025年
2026年
2027年
合计
全县
60
66
72
198
1
东城街道
30
33
36
99
2
西城街道
20
22
24
66
3
柳桥乡
10
10
10
30
注：数据由县市场监管局汇总。
2.知识产权优势企业（家）
乡镇\t2025年—2027年\t总数值
东城街道\t3\t3
西城街道\t1\t2
柳桥乡\t1\t1
全县\t5\t5
本方案自印发之日起施行，由县市场监管局负责解释，此前有关规定与本方案不一致的，以本方案为准。
"""


def test_fresh_flattened_table_with_other_towns_and_years():
    tables = find_annex_tables(FRESH)
    assert [(t.measure, t.unit) for t in tables] == [("新增发明专利数量", "件"), ("知识产权优势企业", "家")]
    first = {(r["town"], r["period"]): r["value"] for r in tables[0].rows}
    assert first[("全县", "2027")] == 72 and first[("柳桥乡", "2025-2027")] == 30
    assert {t for t, _ in first} == {"全县", "东城街道", "西城街道", "柳桥乡"}
    assert FRESH[tables[0].start:tables[0].end].endswith("10\n30")  # the 注 line is not part of it
    # tab-separated rows, the total row last, a range column next to the total column
    second = {(r["town"], r["period"]): r["value"] for r in tables[1].rows}
    assert second == {("东城街道", "2025-2027"): 3, ("西城街道", "2025-2027"): 1,
                      ("柳桥乡", "2025-2027"): 1, ("全县", "2025-2027"): 5}
    assert tables[1].notes == ["西城街道: the 2025-2027 target column says 1 but the total column says 2"]


def test_sum_errors_become_notes_with_the_figures():
    frame = town_targets_frame(find_annex_tables(FRESH), "999999", "qinghe-2025")
    notes = check_annex(frame)
    sums = notes[notes["kind"] == "annex_sum"]
    messages = list(sums["message"])
    # 2026: 33 + 22 + 10 = 65, not 66; 2027: 36 + 24 + 10 = 70, not 72 (each row's years add up)
    assert any("2026" in m and "65" in m and "66" in m and "全县" in m for m in messages)
    assert any("2027" in m and "70" in m and "72" in m for m in messages)
    # the 2025-2027 column: 99 + 66 + 30 = 195, not 198
    assert any("2025-2027" in m and "195" in m and "198" in m for m in messages)
    # 东城街道 / 西城街道 differ by one character but share tables: two towns, no name note
    assert "town_name" not in set(notes["kind"])
    assert len(sums) == 3


def test_year_sum_error_for_a_town_is_noted():
    text = "\n".join(["一、培训次数（次）", "镇", "2025年", "2026年", "总数值",
                      "甲镇", "1", "2", "4", "乙镇", "2", "2", "4", "全区", "3", "4", "8"])
    notes = check_annex(town_targets_frame(find_annex_tables(text), "1", "d"))
    # 甲镇's 4 is one too many: its years give 3, and the district row's years give 7, not 8
    # (the columns add up, so no town-sum note)
    assert sorted(notes["message"]) == [
        "annex table 「培训次数」, 全区: the years add up to 7, but the 2025-2026 total says 8",
        "annex table 「培训次数」, 甲镇: the years add up to 3, but the 2025-2026 total says 4",
    ]


def test_structured_table_from_a_docx():
    tables = annex_from_tables(read_document(FORMATS / "plan.docx").tables)
    assert [(t.measure, t.unit) for t in tables] == [("新增有效发明专利数量", "个")]
    rows = {(r["town"], r["period"]): r["value"] for r in tables[0].rows}
    assert rows[("全县", "2025-2027")] == 198 and rows[("城南街道", "2026")] == 11
    assert len(rows) == 16


def test_structured_table_with_title_row_and_a_sum_error():
    table = Table(title=None, rows=[
        ["二、知识产权质押融资（万元）", "", "", ""],
        ["单位", "2024年", "2025年", "合计"],
        ["北  湖  镇", "100", "200", "300"],
        ["南湖镇", "50", "50", "100"],
        ["合计", "150", "260", "400"],
    ])
    [annex] = annex_from_tables([table])
    assert (annex.measure, annex.unit) == ("知识产权质押融资", "万元")
    rows = {(r["town"], r["period"]): r["value"] for r in annex.rows}
    assert rows[("北湖镇", "2024-2025")] == 300  # padding spaces in the name removed
    assert rows[("合计", "2025")] == 260 and is_total_row("合计")
    details = sorted(check_annex(town_targets_frame([annex], "1", "d"))["detail"])
    # 260 is wrong: the towns give 250 for 2025, and the total row's years give 410, not 400
    assert details == ["2024 150 + 2025 260 = 410; total 400", "北湖镇 200 + 南湖镇 50 = 250; 合计 = 260"]


def test_a_table_that_is_not_an_annex_is_ignored():
    table = Table(title="表1 主要指标", rows=[["指标", "2023年基数", "2026年目标"], ["发明专利拥有量", "300", "600"]])
    assert annex_from_tables([table]) == []


def test_one_spelling_per_table_tie_is_reported_not_fixed():
    frame = pd.DataFrame([
        {"region_id": "1", "doc_id": "d", "measure": m, "unit": "个", "indicator_id": None,
         "town": town, "period": "2025", "value": 1.0}
        for m, town in [("甲", "东湖镇"), ("甲", "南山镇"), ("乙", "东胡镇"), ("乙", "南山镇")]
    ])
    notes = check_annex(frame)
    assert list(notes["kind"]) == ["town_name"] and "both are kept" in notes.iloc[0]["message"]
    assert normalise_town_names(frame)["town"].tolist() == frame["town"].tolist()


# --- annex against the text -------------------------------------------------------------------

def targets_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: row.get(c) for c in columns("targets")} for row in rows], columns=columns("targets"))


def test_annex_total_that_disagrees_with_the_text_is_noted_with_both_sources():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    frame.loc[frame["measure"] == "国家知识产权优势、示范企业", "indicator_id"] = "ip_advantage_enterprises"
    frame.loc[frame["measure"] == "新增有效发明专利数量", "indicator_id"] = "new_invention_patents"
    targets = targets_frame([
        {"target_id": "shizhong-2024-005", "doc_id": "shizhong-2024", "indicator_id": "ip_advantage_enterprises",
         "value": 10.0, "value_std": 10.0, "unit": "家", "unit_std": "家", "scope": "stock",
         "section": "（二）具体目标", "quote": "培育国家优势、示范企业达10家"},
        {"target_id": "shizhong-2024-009", "doc_id": "shizhong-2024", "indicator_id": "new_invention_patents",
         "value": 420.0, "value_std": 420.0, "unit": "件", "unit_std": "件", "scope": "new"},
        {"target_id": "other-001", "doc_id": "other", "indicator_id": "ip_advantage_enterprises",
         "value": 3.0, "value_std": 3.0, "unit": "家"},
    ])
    notes = compare_annex_with_text(frame, targets)
    assert list(notes.columns) == columns("quality_notes")
    assert len(notes) == 1  # 420 = 420 agrees; another document's target is not compared
    note = notes.iloc[0]
    assert note["kind"] == "annex_vs_text" and note["doc_id"] == "shizhong-2024"
    assert "10家" in note["message"] and "17家" in note["message"] and "both are kept" in note["message"]
    assert "培育国家优势、示范企业达10家" in note["detail"] and "国家知识产权优势、示范企业（家）" in note["detail"]


def test_a_stock_level_against_annex_additions_says_they_need_not_match():
    frame = town_targets_frame(find_annex_tables(shizhong_text()), "370402", "shizhong-2024")
    frame["indicator_id"] = frame["measure"].map({"新增有效发明专利数量": "invention_patents",
                                                  "国家知识产权优势、示范企业": "advantage_firms"})
    targets = targets_frame([
        {"doc_id": "shizhong-2024", "indicator_id": "invention_patents", "value": 600.0, "unit": "件",
         "scope": "stock"},
        {"doc_id": "shizhong-2024", "indicator_id": "advantage_firms", "value": 10.0, "unit": "家",
         "scope": "stock"},
    ])
    messages = {m.split(":")[0]: m for m in compare_annex_with_text(frame, targets)["message"]}
    assert set(messages) == {"invention_patents", "advantage_firms"}
    assert "600件" in messages["invention_patents"] and "420个" in messages["invention_patents"]
    assert "need not be equal" in messages["invention_patents"]
    assert "need not be equal" not in messages["advantage_firms"]  # not a 新增 measure


def test_annex_without_a_range_column_is_compared_by_its_years():
    text = "\n".join(["一、培训次数（次）", "镇", "2025年", "2026年", "甲镇", "1", "2", "全区", "1", "2"])
    frame = town_targets_frame(find_annex_tables(text), "1", "d").assign(indicator_id="training")
    targets = targets_frame([{"doc_id": "d", "indicator_id": "training", "value": 6.0, "unit": "次"}])
    notes = compare_annex_with_text(frame, targets)
    assert len(notes) == 1 and "totals 3次" in notes.iloc[0]["message"] and "sum of the years" in notes.iloc[0]["message"]


def test_annex_table_dataclass_shape():
    table = AnnexTable(measure="m", unit="个", start=0, end=1)
    assert table.rows == [] and table.notes == []


def test_structured_table_with_one_plan_period_column_beside_the_total():
    # 市中区's second table as a Word table would give it (merged header cells already de-duplicated)
    table = Table(title="二、国家知识产权优势、示范企业（家）", rows=[
        ["序号", "镇（街）", "目标值", "总数值"],
        ["", "", "2024年—2026年", ""],
        ["合计", "全区", "3", "3"],
        ["1", "税郭镇", "2", "2"],
        ["2", "西王庄镇", "1", "1"],
    ])
    [annex] = annex_from_tables([table])
    assert annex.rows == [{"town": "全区", "period": "2024-2026", "value": 3.0},
                          {"town": "税郭镇", "period": "2024-2026", "value": 2.0},
                          {"town": "西王庄镇", "period": "2024-2026", "value": 1.0}]
    assert annex.notes == [] and check_annex(town_targets_frame([annex], "1", "d")).empty


def test_a_total_row_is_named_by_any_whole_area_word_of_the_lexicon():
    from etl.extract.annex import is_total_row

    for label in ("合计", "全区", "全县", "全旗", "全市合计", "全旗合计", "全镇"):
        assert is_total_row(label), label
    for label in ("城关镇", "全民街道", "全社会"):
        assert not is_total_row(label), label
