"""Context figures and the choice of population denominator."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from etl.base import schema
from etl.normalize.context import (
    DENOMINATOR_RULE,
    build_context,
    classify_reliability,
    context_table,
    mark_chosen,
    parse_value,
    population_denominators,
    source_year,
)

HEADER = "region,figure,value,unit,year,source,quote\n"


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return context_table()


def _csv(tmp_path, body: str):
    path = tmp_path / "context_figures.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# ── reading the reference file ───────────────────────────────────────────────────────────────
def test_context_table_has_the_contract_columns_and_types(real):
    assert list(real.columns) == schema.columns("context")
    assert real["value"].dtype == float and real["chosen"].dtype == bool
    assert set(real["reliability"]) <= {"official", "third-party", "low"}


def test_every_region_of_the_manifest_gets_its_code(real):
    # The reference file says 枣庄市市中区; the manifest says 市中区 under 枣庄市.
    assert set(real["region_id"]) == {"341181", "320282", "320900", "370402"}
    assert set(real.loc[real["region_id"] == "370402", "region_zh"]) == {"市中区"}


def test_unknown_region_is_refused_with_file_and_line(tmp_path):
    path = _csv(tmp_path, "天长市,常住人口,60,万人,2020,x [OFFICIAL],q\n某某县,常住人口,10,万人,2020,x,q\n")
    with pytest.raises(ValueError, match=r"context_figures.csv:3: region '某某县'"):
        build_context(path)


@pytest.mark.parametrize("source,expected", [
    ("https://www.tianchang.gov.cn/gkxx/nqgk/index.html [OFFICIAL 天长市人民政府 天长概况]", "official"),
    ("https://www.fudaoke.com/exam/2898777.html [third-party Q&A, LOW reliability]", "low"),
    ("http://www.xuexibi.com/ [third-party blog, LOW reliability: same sentence pairs it …]", "low"),
    ("https://maigoo.com/news/656082.html [third-party, cites 2021年天长市统计公报]", "third-party"),
    ("http://bx2200.com/… [repost of 2021年宜兴市国民经济和社会发展统计公报]", "third-party"),
    ("https://scholarmate.com/S/rfLOU7 [journal-article abstract]", "third-party"),
    ("http://zoneel.com/… [mirror of 盐城市2025年政府工作报告, 2025-01-13]", "third-party"),
])
def test_reliability_is_read_from_the_source_tag(source, expected):
    assert classify_reliability(source) == expected


@pytest.mark.parametrize("cell,value,note,refused", [
    ("62.8512", 62.8512, None, False),
    ("375.27 (same page also says 约374)", 375.27, "same page also says 约374", False),
    (">7000 (突破7000)", None, None, True),
    ("1711 件; 万人有效发明专利拥有量 >14 件", None, None, True),
    ("", None, None, True),
])
def test_values_are_kept_only_when_they_are_one_figure(cell, value, note, refused):
    got_value, got_note, reason = parse_value(cell)
    assert (got_value, got_note, reason is not None) == (value, note, refused)


def test_refused_rows_become_quality_notes_and_nothing_is_lost():
    build = build_context()
    raw = pd.read_csv(build_context.__defaults__[0], dtype=str, keep_default_na=False)
    assert len(build.table) + len(build.skipped) == len(raw)
    assert list(build.skipped.columns) == schema.columns("quality_notes")
    bound = build.skipped[build.skipped["message"].str.contains(">7000")]
    assert len(bound) == 1 and bound.iloc[0]["region_id"] == "320900"
    # The kept note of a value cell travels in the source column.
    area = build.table[(build.table["region_id"] == "370402") & build.table["source"].str.contains("约374")]
    assert len(area) == 1 and area.iloc[0]["value"] == 375.27


def test_year_is_read_from_free_text():
    assert source_year("2023 (as labelled by source)") == 2023
    assert source_year("c.2020 (year not stated; article describes 2020)") == 2020
    assert source_year("n/a") is None


# ── the denominator rule ─────────────────────────────────────────────────────────────────────
def test_one_population_row_is_chosen_per_region(real):
    chosen = real[real["chosen"]]
    assert sorted(chosen["region_id"]) == sorted(real["region_id"].unique())
    assert chosen["figure"].str.contains("人口").all()


def test_real_choices_follow_the_rule(real):
    chosen = real[real["chosen"]].set_index("region_id")
    # 宜兴: the 2023 figure (129) is tagged LOW reliability, so the 2022 third-party 128.8 wins.
    assert chosen.loc["320282", "value"] == 128.8
    # 盐城 and 市中区: a recent resident figure beats the 2020 census.
    assert chosen.loc["320900", "value"] == 668.97 and chosen.loc["320900", "figure"] == "常住人口"
    assert chosen.loc["370402", "value"] == 60.61
    # 天长: only the census counts residents; it beats the more recent registered population.
    assert chosen.loc["341181", "figure"] == "七普常住人口" and chosen.loc["341181", "value"] == pytest.approx(60.378)


def test_census_preference_gives_a_common_year_where_it_exists():
    chosen = context_table(prefer="census").query("chosen").set_index("region_id")
    assert chosen.loc["320900", "figure"] == "七普常住人口"
    assert chosen.loc["370402", "value"] == pytest.approx(61.3015)
    assert chosen.loc["320282", "value"] == 128.8  # no census figure for 宜兴: default rule


def test_rule_orders_resident_then_reliability_then_year(tmp_path):
    path = _csv(tmp_path, "\n".join([
        "天长市,户籍人口,70,万人,2024,a [OFFICIAL],q",           # registered: last even if newest
        '天长市,常住人口,61,万人,2023,"b [third-party, LOW reliability]",q',  # low: only if nothing else
        "天长市,常住人口,60,万人,2021,c [third-party],q",
        "天长市,常住人口,59,万人,2022,d [third-party],q",          # newest acceptable resident figure
        "天长市,常住人口,58,万人,2022,e [OFFICIAL],q",             # same year, better reliability
        "",
    ]))
    table = build_context(path).table
    assert table.loc[table["chosen"], "value"].tolist() == [58.0]
    without_official = mark_chosen(table[table["value"] != 58.0].reset_index(drop=True))
    assert without_official.loc[without_official["chosen"], "value"].tolist() == [59.0]
    only_low = mark_chosen(table[table["value"].isin([70.0, 61.0])].reset_index(drop=True))
    assert only_low.loc[only_low["chosen"], "value"].tolist() == [61.0]
    only_registered = mark_chosen(table[table["value"] == 70.0].reset_index(drop=True))
    assert only_registered.loc[only_registered["chosen"], "value"].tolist() == [70.0]


def test_region_without_population_gets_no_denominator_and_says_so(tmp_path):
    table = build_context(_csv(tmp_path, "天长市,地区生产总值,700,亿元,2023,x,q\n")).table
    assert not table["chosen"].any()
    dens = population_denominators(table)
    assert math.isnan(dens.iloc[0]["population_10k"])
    assert "No population figure" in dens.iloc[0]["population_note"]


# ── what the rest of the ETL and the dashboard receive ──────────────────────────────────────
def test_denominators_explain_figure_year_source_and_reliability(real):
    dens = population_denominators(real).set_index("region_id")
    assert list(dens.columns) == ["population_10k", "population_note"]
    note = dens.loc["320282", "population_note"]
    assert "常住人口 128.8 万人" in note and "2022" in note and "third-party" in note
    assert "njclqc.com" in note
    assert "129" in note and "low" in note  # the figure passed over, and why
    assert "\n" not in note
    assert "2 more source" not in dens.loc["341181", "population_note"]
    assert "1 more source(s) give the same figure" in dens.loc["341181", "population_note"]
    assert "2020 census" in population_denominators(context_table(prefer="census")).iloc[0]["population_note"]
    assert DENOMINATOR_RULE.startswith("Resident population")


def test_user_override_replaces_the_denominator_and_keeps_the_old_figure(real):
    dens = population_denominators(real, overrides={"320282": 130.5, "999999": 10}).set_index("region_id")
    assert dens.loc["320282", "population_10k"] == 130.5
    assert "User-supplied figure 130.5 万人" in dens.loc["320282", "population_note"]
    assert "常住人口 128.8 万人" in dens.loc["320282", "population_note"]
    assert dens.loc["999999", "population_10k"] == 10
    assert dens.loc["320900", "population_10k"] == 668.97  # others untouched


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), "130", True])
def test_override_must_be_a_positive_number(real, bad):
    with pytest.raises(ValueError, match="positive number"):
        population_denominators(real, overrides={"320282": bad})
