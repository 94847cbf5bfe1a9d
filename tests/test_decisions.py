"""Issue 20's evidence in the dashboard: how each target's indicator was decided and what its name
states (facets), worded in Chinese and English (dashboard.services.decisions); the review queue's
groups of derived and unmapped targets with the dictionary entry that names a combination once
(dashboard.services.review_queue); the downloads' facets columns and their data dictionary.

Names here are written for these tests (fresh wording), not taken from the seed plans."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import export
from dashboard.i18n import DECISION_REASONS
from dashboard.services import decisions, review_queue
from dashboard.ui import tables
from etl.harmonize.dictionary import DEFAULT_PATH, Harmonizer, harmonizer

CJK = re.compile(r"[\u3400-\u9fff]")
QUOTED = re.compile(r"「[^」]*」")
DENSITY = "subject=invention_patent; measure=count; normaliser=per_10k_residents; qualifiers=high_value"


def bare_chinese(text: str) -> list[str]:
    """Chinese outside 「」 quotes: what an English page may not show."""
    return CJK.findall(QUOTED.sub("", text))


# --- facets and decisions worded ---------------------------------------------------------------

def test_facets_are_worded_facet_by_facet_in_each_language():
    assert decisions.facets_text(DENSITY, "zh") == "主体 发明专利 · 计量 数量 · 分母 每万人口 · 限定 高价值"
    english = decisions.facets_text(DENSITY, "en")
    assert english == "subject invention patents · measure number · normaliser per 10,000 residents · qualifiers high-value"


def test_a_sum_of_kinds_a_tier_list_and_a_growth_rate_keep_every_part():
    text = "subject=patent+trademark; measure=applications; tier=national+provincial; growth"
    zh, english = decisions.facets_text(text, "zh"), decisions.facets_text(text, "en")
    assert "专利和商标" in zh and "国家级和省级" in zh and zh.endswith("增长率")
    assert "patents and trademarks" in english and "national and provincial" in english and english.endswith("growth")
    assert bare_chinese(english) == []


def test_no_facets_read_says_so_instead_of_an_empty_line():
    assert decisions.facets_text(None, "zh") == "" and decisions.facets_bilingual("") is None
    row = {"indicator_decided_by": "unmapped", "facets": None,
           "indicator_reason": "no kind of thing named (subject)"}
    assert decisions.decision_line(row, "zh") == "未归类：名称读不出要素（名称未写明所计何物（主体））"
    assert decisions.decision_line(row, "en").startswith("unmapped: no facets read from the name (")


@pytest.mark.parametrize("name, unit, decided_by, zh_start", [
    ("每万人口高价值发明专利拥有量", "件", "named", "由要素命名：主体 发明专利"),
    ("县级商标品牌指导站", "家", "derived", "由要素派生"),
    ("海洋生态监测站数量", "个", "unmapped", "未归类："),
])
def test_each_way_of_deciding_is_worded_with_its_facets_and_the_english_has_no_bare_chinese(name, unit, decided_by,
                                                                                           zh_start):
    decision = harmonizer().decide(name, unit=unit)
    assert decision.decided_by == decided_by
    row = {"indicator_decided_by": decision.decided_by, "indicator_reason": decision.reason or None,
           "facets": decision.facets.describe() if decision.facets else None}
    assert decisions.decision_line(row, "zh").startswith(zh_start)
    english = decisions.decision_line(row, "en")
    assert english.startswith(decisions.decided_by_label(decided_by, "en")) and bare_chinese(english) == []


@pytest.mark.parametrize("name, unit", [
    ("海洋生态监测站数量", "个"),            # no kind of thing named
    ("发明专利", "件"),                      # a kind counted several ways, no measure
    ("专利工作成效和水平", None),            # ends in words the vocabulary does not know
    ("知识产权保护满意度", "%"),             # facets named, but the unit does not fit
    ("", None),                              # no name at all
])
def test_every_reason_the_harmoniser_gives_has_its_chinese_and_english_words(name, unit):
    reason = harmonizer().decide(name, unit=unit).reason
    assert reason
    zh, english = decisions.reason_text(reason, "zh"), decisions.reason_text(reason, "en")
    assert not zh.startswith("原因：") and not english.startswith("reason:"), reason
    assert CJK.search(zh) and bare_chinese(english) == [], (zh, english)


def test_a_unit_in_a_reason_is_written_in_the_pages_language():
    english = decisions.reason_text("unit % does not fit some_indicator (分)", "en")
    assert english == "unit % does not fit some_indicator (points)"


def test_an_indicator_a_reason_names_is_written_by_its_name_not_its_id():
    """The review queue's reason column showed protection_satisfaction, an id no reader knows."""
    from etl.api import harmonizer

    named = harmonizer().find("protection_satisfaction")
    assert named is not None
    zh = decisions.reason_text("unit % does not fit protection_satisfaction (分)", "zh")
    english = decisions.reason_text("unit % does not fit protection_satisfaction (分)", "en")
    assert f"“{named.zh}”" in zh and "protection_satisfaction" not in zh
    assert english == f"unit % does not fit “{named.en}” (points)"


def test_a_reason_no_pattern_knows_is_shown_as_a_reason_not_dropped():
    assert decisions.reason_text("a reason written tomorrow", "zh") == "原因：a reason written tomorrow"
    assert decisions.reason_text("a reason written tomorrow", "en") == "reason: a reason written tomorrow"


def test_the_sentence_notes_of_a_named_target_are_worded_and_joined():
    assert decisions.reason_text("density written after the name; measure written after the name", "zh") == \
        "密度写在名称之后；计量写在名称之后"


def test_every_reason_pattern_has_both_languages_and_the_same_blanks():
    for pattern, (zh, english) in DECISION_REASONS:
        groups = re.compile(pattern).groups
        for text in (zh, english):
            assert all(f"{{{i}}}" in text for i in range(groups)), (pattern, text)
        assert bare_chinese(english.replace("{0}", "").replace("{1}", "").replace("{2}", "")) == []


# --- the dictionary entry that names a derived combination -------------------------------------

def entry_for(name: str, unit: str | None, avoid: tuple[str, ...] = ()) -> tuple[str, str]:
    decision = harmonizer().decide(name, unit=unit)
    assert decision.decided_by == "derived"
    return decision.indicator.id, decisions.dictionary_entry(decision.indicator.id, [(name, unit)], avoid)


def with_entry(entry: str, tmp_path) -> Harmonizer:
    """The shipped dictionary with the entry added where its comments say (families, indicators)."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    family_lines = [line for line in entry.splitlines() if line.startswith("  - {id:")]
    indicator = "\n".join(line for line in entry.splitlines()
                          if not line.startswith("#") and not line.startswith("  - {id:"))
    if family_lines:
        text = text.replace("\nfamilies:\n", "\nfamilies:\n" + "\n".join(family_lines) + "\n", 1)
    text = text.rstrip("\n") + "\n\n" + indicator + "\n"
    path = tmp_path / "indicators.yaml"
    path.write_text(text, encoding="utf-8")
    return Harmonizer.load(path)


@pytest.mark.parametrize("name, unit", [("县级商标品牌指导站", "家"), ("省级版权示范单位", "家"), ("植物新品种授权量", "件")])
def test_the_entry_loads_and_then_names_the_combination(name, unit, tmp_path):
    derived_id, entry = entry_for(name, unit)
    assert entry and f"facets: {derived_id[3:]}" in entry
    named = with_entry(entry, tmp_path).decide(name, unit=unit)
    assert named.decided_by == "named" and named.indicator.id == re.search(r"- id: (\w+)", entry).group(1)


def test_a_combination_without_a_named_family_gets_a_family_line():
    _id, entry = entry_for("植物新品种授权量", "件")
    assert "# under families:" in entry and "# under indicators:" in entry
    _id, entry = entry_for("县级商标品牌指导站", "家")  # a named sibling's family holds it
    assert "# under families:" not in entry and "family: d__" not in entry


def test_the_entry_holds_no_number_and_leaves_out_a_wording_with_a_word_to_avoid():
    _id, entry = entry_for("省级版权示范单位", "家")
    assert "aliases: [省级版权示范单位]" in entry and re.findall(r"\d", entry) == []
    _id, entry = entry_for("省级版权示范单位", "家", avoid=("版权示范",))
    assert "aliases:" not in entry


def test_a_wording_that_reads_otherwise_alone_is_no_alias():
    derived = harmonizer().decide("县级商标品牌指导站", unit="家").indicator
    entry = decisions.dictionary_entry(derived.id, [("县级商标品牌指导站", "家"), ("驰名商标", "件")])
    assert "驰名商标" not in entry


def test_no_entry_for_a_named_indicator_or_an_unknown_id():
    assert decisions.dictionary_entry("invention_patents_per_10k", []) == ""
    assert decisions.dictionary_entry("d__no_such_kind__count", []) == ""


# --- the review queue's groups ---------------------------------------------------------------

def undecided_rows() -> pd.DataFrame:
    """Five targets the dictionary does not name, in three regions, written for this test."""
    rows = []
    for i, (region, name, unit) in enumerate([("甲县", "县级商标品牌指导站", "家"), ("乙市", "新建县级商标品牌指导站", "家"),
                                              ("丙区", "海洋生态监测站数量", "个"), ("乙市", "海洋生态监测站 数量", "个"),
                                              ("甲县", "专利工作成效和水平", None)]):
        decision = harmonizer().decide(name, unit=unit)
        rows.append({"doc_id": f"doc-{region}", "region_id": region, "region_zh": region, "target_id": f"t-{i}",
                     "indicator_id": decision.indicator.id if decision.indicator else None, "raw_name": name,
                     "unit": unit, "quote": name, "facets": decision.facets.describe() if decision.facets else None,
                     "indicator_decided_by": decision.decided_by, "indicator_reason": decision.reason or None})
    return pd.DataFrame(rows)


def test_derived_targets_group_by_combination_and_unmapped_by_normalised_name():
    groups = review_queue.decision_groups("zh", undecided_rows())
    assert len(groups) == 3
    first = groups.iloc[0]  # most targets and regions first
    assert first["kind"] == "derived" and first["targets"] == 2 and first["regions"] == 2
    assert first["reason"] == "词典未命名此组合" and "facets: trademark_brand_station__count__t_county" in first["entry"]
    unmapped = groups[groups["kind"] == "unmapped"].set_index("targets")
    assert unmapped.loc[2, "regions"] == 2 and unmapped.loc[2, "reason"] == "名称未写明所计何物（主体）"
    assert unmapped.loc[2, "entry"] == "" and unmapped.loc[1, "reason"].endswith("「水平」")
    assert sorted(len(ids) for ids in groups["target_ids"]) == [1, 2, 2]


def test_the_groups_in_english_show_chinese_only_as_quoted_plan_wording():
    groups = review_queue.decision_groups("en", undecided_rows())
    for column in ("group", "facets_text", "reason", "names"):
        for text in groups[column]:
            assert bare_chinese(text) == [], (column, text)


def test_no_undecided_target_gives_an_empty_frame_with_the_columns():
    groups = review_queue.decision_groups("zh", undecided_rows().iloc[0:0])
    assert groups.empty and list(groups.columns) == review_queue.GROUP_COLUMNS


def test_an_entry_leaves_out_a_wording_that_holds_a_region_name():
    rows = undecided_rows()
    rows.loc[0, "raw_name"] = "甲县县级商标品牌指导站"
    entry = review_queue.decision_groups("zh", rows).iloc[0]["entry"]
    assert "甲县" not in entry


def test_the_seed_warehouse_groups_every_derived_and_unmapped_target(warehouse):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = dict(con.sql("SELECT indicator_decided_by, count(*) FROM targets GROUP BY 1").fetchall())
    groups = review_queue.decision_groups("zh")
    assert groups["targets"].sum() == counts.get("derived", 0) + counts.get("unmapped", 0)
    assert set(groups["kind"]) <= {"derived", "unmapped"}
    biggest = groups.iloc[0].to_dict()
    members = review_queue.group_targets(biggest, "en", editable=True)
    assert list(members["target_id"]) == biggest["target_ids"]
    assert members["source_url"].str.contains("target=").all() and members["correct_url"].str.startswith("review?").all()
    assert review_queue.group_targets(biggest, "en", editable=False)["correct_url"].isna().all()


# --- downloads -------------------------------------------------------------------------------

def test_a_readers_table_and_its_download_carry_the_facets_and_how_the_indicator_was_decided(warehouse):
    from dashboard.services import warehouse as store

    frame = store.targets()
    table = tables.display_table(frame, "en")
    assert table["indicator_decided_by"].isin(["named", "derived", "unmapped"]).all()
    assert table["facets"].notna().sum() == frame["facets"].notna().sum() > 0
    shaped = export.for_download(table)
    labels = shaped["facets_label"].dropna()
    assert len(labels) and labels.str.contains(" / subject ").all()
    assert shaped.columns.get_loc("facets_label") == shaped.columns.get_loc("facets") + 1


def test_the_data_dictionary_explains_the_facets_columns_in_both_languages():
    frame = pd.DataFrame({"target_id": ["x-001"], "facets": [DENSITY], "indicator_decided_by": ["named"]})
    dictionary = export.data_dictionary(export.for_download(frame)).set_index("column")
    for column in ("facets", "facets_label", "indicator_decided_by"):
        assert dictionary.at[column, "meaning"] and CJK.search(dictionary.at[column, "meaning_zh"]), column
        assert dictionary.at[column, "label_zh"] != dictionary.at[column, "label_en"], column
    values = dictionary.at["indicator_decided_by", "values"]
    assert all(code in values for code in ("named =", "derived =", "unmapped =")) and "由要素命名" in values
    assert "normaliser = 分母 / normaliser" in dictionary.at["facets", "values"]


def test_the_data_page_download_of_every_row_keeps_the_columns(warehouse):
    from dashboard.services import warehouse as store

    assert {"facets", "indicator_decided_by", "indicator_reason"} <= set(store.targets_columns())


def test_an_older_frame_without_the_columns_still_makes_a_table():
    frame = pd.DataFrame({"region_zh": ["甲县"], "indicator_zh": ["x"], "indicator_en": ["x"], "comparator": ["ge"],
                          "value_std": [1.0], "unit_std": ["件"], "scope": ["stock"], "target_year": [2027],
                          "source_url": ["u"], "quote": ["q"], "raw_name": ["r"], "baseline": [None],
                          "value_per_year": [None], "value_per_10k_residents": [None], "target_id": ["t"],
                          "value": [1.0], "unit": ["件"]})
    table = tables.display_table(frame, "zh")
    assert table["facets"].isna().all() and table["indicator_decided_by"].isna().all()

