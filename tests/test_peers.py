"""Peer groups (dashboard/peers.py), the standing arithmetic and the group queries: what a shared
link reopens, which regions a preset picks, and where a region stands among its peers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import peers
from dashboard.charts.standing import rank_among

REGIONS = pd.DataFrame({
    "region_id": ["341181", "320282", "320900", "370402", "x-a", "x-b"],
    "region_zh": ["天长市", "宜兴市", "盐城市", "市中区", "甲县", "乙县"],
    "region_en": ["Tianchang", "Yixing", "Yancheng", "Shizhong", None, ""],
    "province": ["安徽省", "江苏省", "江苏省", "山东省", "", None],
    "parent": ["滁州市", "无锡市", None, "枣庄市", None, None],
    "admin_level": ["county-level city", "county-level city", "prefecture-level city", "urban district",
                    "county", "county"],
    "plan_kind": ["强县示范县", "强县示范县", "强市试点城市", "强县试点县", "强县试点县", "强县试点县"],
    "period_start": [2024, 2024, 2022, 2024, 2025, 2024],
    "period_end": [2026, 2026, 2025, 2026, 2027, 2026],
})
IDS = list(REGIONS["region_id"])


def test_a_link_value_round_trips_to_the_same_group():
    for choice in [peers.PeerChoice("province", "320282"), peers.PeerChoice("all"),
                   peers.PeerChoice("custom", ids=("x-a", "341181"))]:
        parsed, rejected = peers.parse(peers.encode(choice), IDS)
        assert rejected == [] and peers.resolve(parsed, REGIONS) == peers.resolve(choice, REGIONS)


def test_the_default_is_every_region_of_a_small_warehouse_else_the_four_seeds_and_a_bare_link():
    assert peers.resolve(peers.PeerChoice(), REGIONS) == tuple(IDS)
    many = pd.concat([REGIONS] + [REGIONS.tail(2).assign(region_id=[f"x-{i}a", f"x-{i}b"]) for i in range(5)])
    assert peers.resolve(peers.PeerChoice(), many) == ("341181", "320282", "320900", "370402")
    assert peers.encode(peers.PeerChoice()) is None


def test_presets_pick_the_regions_sharing_the_anchors_attribute():
    assert peers.resolve(peers.PeerChoice("province", "320282"), REGIONS) == ("320282", "320900")
    assert peers.resolve(peers.PeerChoice("level", "x-a"), REGIONS) == ("x-a", "x-b")
    assert peers.resolve(peers.PeerChoice("kind", "370402"), REGIONS) == ("370402", "x-a", "x-b")
    # A missing province is not shared: the anchor stands alone rather than with every unknown.
    assert peers.resolve(peers.PeerChoice("province", "x-a"), REGIONS) == ("x-a",)


def test_filters_narrow_any_group_and_the_anchor_stays_in_it():
    choice = peers.PeerChoice("all", "341181", filters=(("pf_period", "2024-2026"), ("pf_level", "county")))
    assert peers.resolve(choice, REGIONS) == ("341181", "x-b")
    filters, bad = peers.parse_filters({"pf_prov": "江苏省", "pf_kind": "不存在"}, REGIONS)
    assert filters == (("pf_prov", "江苏省"),) and bad == ["不存在"]


def test_unknown_ids_and_anchors_are_reported_not_kept():
    assert peers.parse("341181,999999", IDS) == (peers.PeerChoice("custom", ids=("341181",)), ["999999"])
    assert peers.parse("province:000000", IDS) == (peers.PeerChoice("province"), ["000000"])
    assert peers.parse("999999", IDS) == (peers.PeerChoice(), ["999999"])


def test_the_picker_finds_a_region_by_chinese_english_pinyin_id_or_code():
    labels = peers.labels(REGIONS, "zh")
    assert labels["341181"] == "天长市 · Tianchang · 341181 · 安徽省" and labels["x-a"] == "甲县 · x-a"
    assert peers.labels(REGIONS, "en")["320282"].startswith("Yixing · 宜兴市")
    for text, expected in [("天长", "341181"), ("yixing", "320282"), ("370402", "370402"), ("x-b", "x-b")]:
        assert expected in set(peers.search(REGIONS, text)["region_id"])


def test_a_large_group_is_drawn_as_its_anchor_and_best_ranked_few_in_group_order():
    group = tuple(f"r{i:02d}" for i in range(30))
    assert peers.readable(group[:5], ["r03"], limit=5) == group[:5]  # a small group: all of it
    drawn = peers.readable(group, ["r29", "r07", "r01", "r02"], anchor="r15", limit=3)
    assert drawn == ("r07", "r15", "r29")  # the anchor first in, then the ranked; the group's order
    assert peers.readable(group, ["zz", "r04"], anchor="zz", limit=3) == ("r04",)  # outsiders never drawn


def test_rank_and_percentile_among_the_peers_that_set_a_number():
    values = pd.DataFrame({"region_id": ["a", "b", "c", "d", "e"], "value": [10.0, 20.0, 20.0, 40.0, 5.0]})
    where = rank_among(values, "b", ["a", "b", "c", "d", "z1", "z2"])
    # b's 20 is above a's 10 only (c ties): ahead of 1 of the 3 other peers with a number.
    assert where == {"rank": 2, "ahead_pct": 33, "n_with": 4, "n_none": 2, "value": 20.0}
    assert rank_among(values, "z1", ["a", "z1"])["rank"] is None


@pytest.mark.usefixtures("warehouse")
def test_group_queries_aggregate_in_sql_for_the_chosen_regions():
    from dashboard import queries

    group = ("341181", "320282")
    table = queries.group_table(group)
    assert list(table["region_id"]) == ["320282", "341181"]
    targets = queries.targets(region_ids=group)
    numeric = targets[~targets["qualitative"].fillna(False) & targets["value"].notna()]
    assert int(table["n_numeric"].sum()) == len(numeric) == int(queries.group_totals(group)["n_numeric"].iloc[0])
    shares = queries.family_shares(group)
    assert (shares["n_peers"] == 2).all() and ((shares["n_numeric"] + shares["n_qualitative"] + shares["n_none"]) == 2).all()
    assert queries.coverage_of_group(group).equals(
        queries.coverage()[lambda f: f["region_id"].isin(group)].reset_index(drop=True))


@pytest.mark.usefixtures("warehouse")
def test_the_data_pages_sql_paging_covers_every_row_once():
    from dashboard import queries

    regions = tuple(queries.regions()["region_id"])
    categories = ("creation", "use", "protection", "management", "service", "unmapped")
    total = queries.targets_count(regions, categories)
    pages = [queries.targets_filtered(regions, categories, limit=40, offset=o) for o in range(0, total, 40)]
    ids = [i for page in pages for i in page["target_id"]]
    assert len(ids) == total == len(set(ids)) == len(queries.targets(restatements=True))  # the data page lists every row
    hits = queries.targets_filtered(regions, categories, search="专利")
    assert len(hits) == queries.targets_count(regions, categories, search="专利") > 0


@pytest.mark.usefixtures("warehouse")
def test_region_standing_says_how_far_ahead_of_its_peers_a_region_is():
    from dashboard import queries

    group = tuple(queries.regions()["region_id"])
    frame = queries.region_standing("320282", group)
    assert len(frame) and frame["ahead_pct"].dropna().between(0, 100).all()
    row = frame[frame["peers_with"] > 0].iloc[0]
    values = queries.targets(indicator_id=row["indicator_id"], region_ids=group)
    assert row["peers_with"] <= values["region_id"].nunique() - 1


def test_the_standing_strip_draws_the_regions_name_in_full_above_its_marker():
    """On a one-row strip the anchor's name sat above the plot's top edge and was cut off."""
    import pandas as pd

    from dashboard.charts.standing import standing_strip

    values = pd.DataFrame({"region_id": ["a", "b", "c"], "value": [120.0, 210.0, 300.0]})
    fig = standing_strip(values, "a", ["a", "b", "c"], {"a": "宜兴市"}, "zh", "贯标", "家", "source")
    anchor = [tr for tr in fig.data if tr.type == "scatter"][0]
    assert anchor.text[0] == "宜兴市" and anchor.cliponaxis is False


def test_a_small_group_is_drawn_whole_without_asking_the_warehouse(monkeypatch):
    from dashboard.services import groups

    monkeypatch.setattr(groups, "top_regions", lambda *a: pytest.fail("a small group needs no ranking"))
    drawn = groups.drawn_regions(("a", "b", "upload-x"), "b", {"a", "b"}, False, groups.by_numbers("absolute"))
    assert drawn.ids == ("a", "b", "upload-x") and drawn.stored == ("a", "b") and drawn.uploads == ("upload-x",)
    assert not drawn.show_all


def test_a_large_group_keeps_its_anchor_uploads_and_the_best_ranked(monkeypatch):
    from dashboard import peers as peer_groups
    from dashboard.services import groups

    stored = tuple(f"r{i:03d}" for i in range(peer_groups.READABLE + 10))
    asked = []
    monkeypatch.setattr(groups, "top_regions", lambda ranking, ids, limit: asked.append(ranking) or ids[-limit:])
    drawn = groups.drawn_regions(stored + ("upload-x",), "r000", set(stored), False, groups.by_commitments())
    assert asked == [groups.by_commitments()]
    assert "r000" in drawn.ids and "upload-x" in drawn.ids and len(drawn.ids) == peer_groups.READABLE
    everything = groups.drawn_regions(stored + ("upload-x",), "r000", set(stored), True, groups.by_commitments())
    assert everything.ids == stored + ("upload-x",) and everything.show_all
