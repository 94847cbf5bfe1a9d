"""The dashboard's queries against the real warehouse the ETL builds."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
import yaml

from dashboard import queries
from dashboard.services import comparisons
from etl.base.schema import CATEGORY_VALUES, UNMAPPED
from tests.unmapped import REGION, unmapped_copy

pytestmark = pytest.mark.usefixtures("warehouse")


def _manifest_region_ids() -> set[str]:
    from tests.conftest import ROOT

    sources = yaml.safe_load((ROOT / "data" / "raw" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    return {str(s["region_id"]) for s in sources}


def test_regions_are_the_manifests_plans():
    assert set(queries.regions()["region_id"]) == _manifest_region_ids()


def test_targets_filter_by_category_and_carry_a_source_link():
    frame = queries.targets(category="protection")
    assert len(frame) > 0
    assert set(frame["category"]) == {"protection"}
    for row in frame.itertuples():
        assert row.source_url == f"sources?doc={row.doc_id}&target={row.target_id}"


def test_targets_filter_by_region_ids():
    one = sorted(_manifest_region_ids())[0]
    frame = queries.targets(region_ids=(one,))
    assert len(frame) > 0 and set(frame["region_id"]) == {one}
    assert queries.targets(region_ids=()).empty  # an empty group is no region, not every region


def test_the_regions_with_most_numbers_come_first_and_are_counted_in_sql():
    group = tuple(sorted(_manifest_region_ids()))
    frame = queries.targets(category="creation")
    counts = frame[frame["value_std"].notna()].groupby("region_id").size()
    expected = sorted(counts.index, key=lambda r: (-counts[r], r))[:2]
    assert queries.regions_by_numbers(group, "absolute", 2, category="creation") == tuple(expected)
    assert queries.regions_by_numbers(group[:1], "absolute", 5) == group[:1]


def test_instrument_adoption_and_departments_counted_in_sql_match_the_pandas_ones():
    from dashboard import instrument_matrix as im
    from etl.extract.instruments import SEPARATOR

    rows = queries.instrument_commitments()
    adopted = queries.instrument_adoption()
    columns = ["instrument_id", "n_regions", "unique"]
    assert adopted[columns].equals(im.adoption(rows)[columns])
    assert [list(r) for r in adopted["regions"]] == list(im.adoption(rows)["regions"])
    assert queries.instrument_departments(SEPARATOR) == im.departments(rows)
    assert im.innovations(adopted, {}, "zh") == im.innovations(rows, {}, "zh")
    one = sorted(set(rows["region_id"]))[0]
    assert set(queries.instrument_commitments((one,))["region_id"]) == {one}


def test_coverage_status_agrees_with_the_targets_table(warehouse):
    coverage = queries.coverage(only_targeted=False)
    assert not coverage.duplicated(["region_id", "family"]).any()
    assert set(coverage["status"]) <= {"quantitative", "qualitative", "none"}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        targets = con.execute("SELECT region_id, family, qualitative, value FROM targets").df()
    numeric = targets[~targets["qualitative"].fillna(False) & targets["value"].notna()]
    expected_quant = set(zip(numeric["region_id"], numeric["family"]))
    got_quant = set(zip(*coverage.loc[coverage["status"] == "quantitative", ["region_id", "family"]].T.values))
    assert got_quant == {pair for pair in expected_quant if pair[1] in set(coverage["family"])}
    none_pairs = coverage[coverage["status"] == "none"]
    targeted = set(zip(targets["region_id"], targets["family"]))
    assert not any(pair in targeted for pair in zip(none_pairs["region_id"], none_pairs["family"]))


def test_coverage_by_default_keeps_only_families_some_plan_targets():
    coverage = queries.coverage()
    targeted = coverage.groupby("family")["status"].apply(lambda s: (s != "none").any())
    assert targeted.all()


def test_category_counts_add_up_to_the_targets():
    counts = queries.category_counts()
    total = counts["quantitative"].sum() + counts["qualitative"].sum()
    assert total == len(queries.targets())
    assert set(counts["category"]) <= set(CATEGORY_VALUES)


def test_town_totals_check_is_the_sum_of_towns_minus_the_district_row():
    measures = queries.town_measures()
    assert len(measures) > 0
    for doc_id, measure in zip(measures["doc_id"], measures["measure"]):
        rows = queries.town_targets(doc_id, measure)
        assert set(rows["doc_id"]) == {doc_id}
        check = queries.town_totals_check(doc_id, measure).set_index("period")
        for period, group in rows.groupby("period"):
            towns = group.loc[~group["is_total"], "value"].sum()
            assert check.at[period, "sum_towns"] == pytest.approx(towns)
            district = group.loc[group["is_total"], "value"]
            if len(district):
                assert check.at[period, "difference"] == pytest.approx(towns - district.iloc[0])


def test_two_plans_annex_tables_with_one_title_stay_apart(warehouse, tmp_path, monkeypatch):
    """A county annex titled like 市中区's, with its total row called 全县: each plan's table and
    totals check are its own, and 全县 is a total, not a town."""
    import shutil

    from dashboard.db import DB_ENV

    copy = tmp_path / "two_annexes.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("""INSERT INTO town_targets
                       SELECT 'x-qinglanxian', 'qinglan-2025', measure, unit, indicator_id,
                              CASE WHEN is_total THEN '全县' ELSE town END, period, value * 2, is_total
                       FROM town_targets""")
    monkeypatch.setenv(DB_ENV, str(copy))
    measures = queries.town_measures()
    assert measures.groupby("measure")["doc_id"].nunique().eq(2).all()
    measure = measures["measure"].iloc[0]
    ours, theirs = (queries.town_targets(doc, measure) for doc in ("shizhong-2024", "qinglan-2025"))
    assert set(ours["doc_id"]) == {"shizhong-2024"} and set(theirs["doc_id"]) == {"qinglan-2025"}
    assert theirs["value"].sum() == pytest.approx(2 * ours["value"].sum())
    check = queries.town_totals_check("qinglan-2025", measure)
    assert check["district_total"].notna().all()  # 全县 read as the total row


def test_responsibilities_count_leads_within_mentions():
    for region_id in _manifest_region_ids():
        frame = queries.responsibilities(region_id)
        assert (frame["times_lead"] <= frame["times_named"]).all()


def test_add_measure_reads_the_etl_columns_and_labels_the_unit():
    frame = queries.targets()
    per10k = comparisons.add_measure(frame, "per10k")
    pd.testing.assert_series_equal(per10k["shown_value"], frame["value_per_10k_residents"].astype(float),
                                   check_names=False)
    assert per10k.loc[per10k["unit_std"].notna(), "shown_unit"].str.endswith("/万人").all()
    per_year = comparisons.add_measure(frame, "peryear")
    # Ratio targets, and stock targets without a stated baseline, have no per-year figure: never
    # drawn as if they had one (a stock with 由…增至… counts its increase, see tests/test_comparability.py).
    no_yearly = (per_year["scope"] == "ratio") | ((per_year["scope"] == "stock") & per_year["baseline"].isna())
    assert per_year.loc[no_yearly, "shown_value"].isna().all()


def test_with_uploaded_appends_rows_under_the_same_filter():
    frame = queries.targets(category="creation")
    uploaded = frame.head(2).copy()
    uploaded["region_id"] = "999999"
    uploaded["region_zh"] = "上传市"
    other = queries.targets(category="service").head(1).copy()
    combined = comparisons.with_uploaded(frame, pd.concat([uploaded, other]), category="creation")
    assert len(combined) == len(frame) + 2
    added = combined.tail(2)
    assert set(added["origin"]) == {"uploaded"} and set(added["region_id"]) == {"999999"}
    assert comparisons.with_uploaded(frame, None) is frame


def test_a_user_supplied_denominator_recomputes_per_10k_and_says_so():
    from dashboard.services.comparisons import with_population_overrides
    from dashboard.state import parse_population_overrides
    frame = queries.targets()
    divided = frame[frame["per_10k_from"].fillna("").str.contains("÷")]  # divided by residents, not per-capita
    region = divided["region_id"].iloc[0]
    row = divided.index[0]
    others = frame[frame["region_id"] != region]
    overrides = parse_population_overrides(f"{region}:50,r9:5,{others['region_id'].iloc[0]}:abc",
                                           list(frame["region_id"].unique()))
    out = with_population_overrides(frame, overrides)
    assert out.at[row, "value_per_10k_residents"] == pytest.approx(frame.at[row, "value_std"] / 50)
    ratios = (out["region_id"] == region) & (out["scope"] == "ratio")
    assert out.loc[ratios, "value_per_10k_residents"].isna().all()  # a ratio stays undivided
    pd.testing.assert_series_equal(out.loc[others.index, "value_per_10k_residents"],  # bad number ignored
                                   frame.loc[others.index, "value_per_10k_residents"])
    assert out.at[row, "population_note"].startswith("user-supplied figure: 50 万人 (replaces: ")
    assert frame.at[row, "population_10k"] != 50  # the input is not changed


def test_a_denominator_given_for_a_region_the_etl_had_none_for_gives_per_capita_figures():
    """The bug: only rows that already had a per-10k figure were recomputed, so a region without an
    ETL denominator showed "user-supplied figure" and no per-capita value."""
    from dashboard.services.comparisons import with_population_overrides
    frame = queries.targets()
    region = frame["region_id"].iloc[0]
    mine = frame["region_id"] == region
    stripped = frame.copy()
    stripped.loc[mine, ["value_per_10k_residents", "population_10k", "population_note"]] = None
    out = with_population_overrides(stripped, {region: 80.0})
    assert out.loc[mine, "value_per_10k_residents"].notna().sum() == frame.loc[mine, "value_per_10k_residents"].notna().sum() > 0
    assert (out.loc[mine, "population_10k"] == 80.0).all()


# --- unmapped targets ----------------------------------------------------------------------

@pytest.fixture()
def with_unmapped(warehouse, tmp_path, monkeypatch) -> str:
    from dashboard.db import DB_ENV

    path, target_id = unmapped_copy(warehouse, tmp_path)
    monkeypatch.setenv(DB_ENV, str(path))
    return target_id


def test_no_unmapped_group_in_the_coverage_when_nothing_is_unmapped():
    assert UNMAPPED not in set(queries.coverage()["category"])


def test_unmapped_targets_are_a_last_coverage_group_one_row_per_region(with_unmapped):
    coverage = queries.coverage()
    unmapped = coverage[coverage["category"] == UNMAPPED]
    assert list(coverage["category"].iloc[-len(unmapped):]) == [UNMAPPED] * len(unmapped)  # after the five links
    assert sorted(unmapped["region_id"]) == sorted(queries.regions()["region_id"])
    status = dict(zip(unmapped["region_id"], unmapped["status"]))
    assert status.pop(REGION) == "quantitative"
    assert set(status.values()) == {"none"}
    assert not coverage.duplicated(["region_id", "family"]).any()


def test_unmapped_targets_are_counted_last_and_can_be_picked(with_unmapped):
    counts = queries.category_counts()
    mine = counts[counts["region_id"] == REGION]
    assert list(mine["category"])[-1] == UNMAPPED
    assert int(mine.loc[mine["category"] == UNMAPPED, "quantitative"].iloc[0]) == 1
    assert list(queries.targets(category=UNMAPPED)["target_id"]) == [with_unmapped]


# --- the warehouse's cache, without Streamlit (dashboard/db.py) --------------------------------

def test_a_cached_answer_is_a_copy_a_caller_may_change():
    first = queries.regions()
    first["region_zh"] = "changed by a caller"
    assert "changed by a caller" not in set(queries.regions()["region_zh"])


def test_services_queries_and_db_run_without_loading_streamlit():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys\n"
            "from dashboard.services import comparisons, groups, review_queue, store, vocabulary, warehouse\n"
            "import dashboard.charts, dashboard.export, dashboard.review, dashboard.upload\n"
            "warehouse.regions()\n"
            "assert 'streamlit' not in sys.modules, 'streamlit was loaded'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_drawn_regions_of_a_group_are_filtered_once_where_their_rows_live():
    """Warehouse regions in SQL, a session's upload by id: an upload not drawn is left out."""
    from dashboard.services.groups import Drawn

    one, other = sorted(_manifest_region_ids())[:2]
    uploaded = pd.DataFrame({"region_id": ["upload-a", "upload-b"], "region_zh": ["甲", "乙"],
                             "category": ["use", "use"], "origin": ["uploaded", "manual"], "target_id": ["a-1", "b-1"]})
    drawn = Drawn(ids=(one, "upload-a"), stored=(one,), uploads=("upload-a",), show_all=False)
    frame = comparisons.group_targets(drawn, uploaded, category="use")
    assert set(frame["region_id"]) <= {one, "upload-a"} and "upload-a" in set(frame["region_id"])
    assert other not in set(frame["region_id"])
