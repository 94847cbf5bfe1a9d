"""Pages on a warehouse of many regions (issue 13): compare, indicator and instruments show a peer
group, fetch only its regions' rows, and draw at most peers.READABLE regions until asked for all.

One warehouse of the four seed plans and 60 generated ones (bench/generate_corpus.py, recorded and
built the way bench/bench_scale.py does), built once for the module.  Among 60 generated plans two
regions have two plans each, which is what the no-duplicates test needs."""

from __future__ import annotations

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import peers
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
N_REGIONS = 64
SEEDS = set(peers.SEED_IDS)


@pytest.fixture(scope="module")
def many_regions(tmp_path_factory):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_scale import build_corpus

    built = build_corpus(N_REGIONS, tmp_path_factory.mktemp("scale"))
    return built["db"]


@pytest.fixture()
def big(many_regions, monkeypatch):
    from dashboard.db import DB_ENV

    monkeypatch.setenv(DB_ENV, many_regions)
    con = duckdb.connect(many_regions, read_only=True)
    names = dict(con.execute("SELECT region_id, any_value(region_zh) FROM regions GROUP BY region_id").fetchall())
    con.close()
    return names


def open_page(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(f"pages/{page}.py")
    at.query_params.update(params)
    return at.run()


def chart_regions(at: AppTest, names: dict[str, str]) -> set[str]:
    """The region ids whose names head an x-axis label (or a legend entry) of the page's charts."""
    by_name = {name: rid for rid, name in names.items()}
    found = set()
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            labels = [str(x).split("<br>")[0] for x in (trace.get("x") or [])] + [str(trace.get("name", ""))]
            found |= {by_name[label.removeprefix("▶ ").split("（")[0].split(" (")[0]]
                      for label in labels if label.removeprefix("▶ ").split("（")[0].split(" (")[0] in by_name}
    return found


def fetched_regions(monkeypatch) -> list[set[str]]:
    """Record the region ids of every query answer a page gets (the regions list itself excepted:
    the peer picker offers every region)."""
    from dashboard import queries

    seen: list[set[str]] = []
    real = queries.fetch

    def spy(sql, params=()):
        frame = real(sql, params)
        if "region_id" in frame.columns and not sql.strip().startswith("SELECT * FROM regions"):
            seen.append(set(frame["region_id"].dropna()))
        return frame

    monkeypatch.setattr(queries, "fetch", spy)
    return seen


def generated(names: dict[str, str], n: int) -> list[str]:
    return sorted(r for r in names if r not in SEEDS)[:n]


def test_the_compare_page_opens_on_the_four_seeds_and_fetches_only_their_rows(big, monkeypatch):
    seen = fetched_regions(monkeypatch)
    at = open_page("compare", {})
    assert not at.exception, [e.value for e in at.exception]
    assert any("4 个地区" in c.value for c in at.caption)
    assert chart_regions(at, big) == SEEDS
    assert set(at.dataframe[-1].value["region"]) <= {big[r] for r in SEEDS}
    assert seen and all(found <= SEEDS for found in seen), [sorted(f)[:5] for f in seen if not f <= SEEDS]


def test_an_old_regions_link_on_compare_shows_exactly_those_regions(big):
    chosen = generated(big, 3)
    at = open_page("compare", {"regions": ",".join(chosen), "category": "creation"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("3 个地区" in c.value for c in at.caption)
    assert chart_regions(at, big) <= set(chosen) and chart_regions(at, big)
    assert set(at.dataframe[-1].value["region"]) <= {big[r] for r in chosen}
    assert at.query_params.get("regions") == ",".join(chosen)  # the link keeps the group


def test_a_large_group_draws_the_readable_few_until_show_all(big):
    everyone = open_page("compare", {"regions": "all"})
    assert not everyone.exception, [e.value for e in everyone.exception]
    drawn = chart_regions(everyone, big)
    assert 0 < len(drawn) <= peers.READABLE
    assert "all" in [t.key for t in everyone.toggle]  # "show all", offered only for a large group
    shown_all = open_page("compare", {"regions": "all", "all": "1"})
    assert len(chart_regions(shown_all, big)) > peers.READABLE
    assert shown_all.query_params.get("all") == "1"


def test_indicator_and_instruments_show_only_the_peer_group(big, monkeypatch):
    chosen = generated(big, 2) + ["320282"]
    seen = fetched_regions(monkeypatch)
    indicator = open_page("indicator", {"regions": ",".join(chosen)})
    assert not indicator.exception, [e.value for e in indicator.exception]
    assert chart_regions(indicator, big) <= set(chosen)
    instruments = open_page("instruments", {"regions": ",".join(chosen)})
    assert not instruments.exception, [e.value for e in instruments.exception]
    matrix = "".join(h.proto.body for h in instruments.get("html") if "class='imx'" in h.proto.body)
    heads = matrix.split("</thead>")[0]
    assert {big[r] for r in chosen if big[r] in heads} == {big[r] for r in chosen}
    others = [name for rid, name in big.items() if rid not in chosen and f">{name}<" in heads]
    assert others == []
    # Every answer that names regions names only the group's (★ and departments are counted in SQL).
    assert all(found <= set(chosen) for found in seen), [sorted(f)[:5] for f in seen if not f <= set(chosen)]


def test_a_region_with_two_plans_lists_each_target_once(big):
    from dashboard import queries

    frame = queries.targets()
    assert frame["target_id"].is_unique
    two_plans = queries.regions()["region_id"].value_counts()
    assert (two_plans > 1).any()  # the case this test is about is in the warehouse
    rows = queries.instrument_commitments()
    assert not rows.duplicated(["instrument_id", "doc_id", "quote_start"]).any()


def test_the_review_queue_from_sql_candidates_equals_the_one_from_every_target(big):
    from dashboard import queries
    from dashboard import review as rv

    everything = rv.review_queue(queries.targets(), queries.quality_notes(), queries.corrections_log())
    from_sql = rv.review_queue(queries.review_candidates(), queries.quality_notes(), queries.corrections_log(),
                               queries.region_names())
    assert len(everything) > 0
    assert from_sql.equals(everything)
