"""One target, one bar (issues 21 and 23): a row restating another (a headline, summary or second
statement of a target of the body: targets.restates) is never drawn or counted a second time on the
compare, indicator, overview, standing and profile pages; the sources page and the data download
still list it, marked.

On the seed warehouse: 宜兴's 30亿元 pledge target (its body's 质押金额累计) is restated once
(新增…质押融资 30亿元, which restates it): every chart and count must see one 30亿元."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.services import comparisons
from dashboard.services.groups import Drawn

pytestmark = pytest.mark.usefixtures("warehouse")

FAMILY = "ip_pledge_financing"


def _yixing() -> str:
    regions = queries.regions()
    return str(regions.loc[regions["region_zh"] == "宜兴市", "region_id"].iloc[0])


def _pledges(frame: pd.DataFrame) -> pd.DataFrame:
    """宜兴's rows of the pledge family stating 30亿元."""
    return frame[(frame["region_id"] == _yixing()) & (frame["family"] == FAMILY) & (frame["value"] == 30)]


def test_the_seed_restatement_is_stored_and_points_at_its_target():
    every = _pledges(queries.targets(family=FAMILY, restatements=True))
    assert len(every) == 2, every[["target_id", "restates"]]
    restating = every[every["restates"].notna()]
    assert len(restating) == 1 and restating["restates"].iloc[0] in set(every["target_id"])


def test_the_pages_fetch_it_once():
    counted = _pledges(queries.targets(family=FAMILY))
    assert len(counted) == 1 and counted["restates"].isna().all()
    drawn = Drawn(ids=(_yixing(),), stored=(_yixing(),), uploads=(), show_all=False)
    assert len(_pledges(comparisons.group_targets(drawn, None, family=FAMILY))) == 1


def _bars_of(figure, target_ids: set[str]) -> list[str]:
    return [tid for trace in figure.data if trace.type == "bar" and trace.customdata is not None
            for tid in trace.customdata if tid in target_ids]


@pytest.mark.parametrize("measure", ["absolute", "peryear"])
def test_the_compare_and_indicator_charts_draw_30_yi_once(measure):
    restated = set(_pledges(queries.targets(family=FAMILY, restatements=True))["target_id"])
    frame = comparisons.with_comparability(comparisons.add_measure(queries.targets(family=FAMILY), measure), measure)
    labels = {r: r for r in sorted(queries.regions()["region_id"])}
    compare = charts.compare_figures(frame, [(FAMILY, FAMILY)], labels, {}, "zh", "t", "u", "s")[0]
    assert len(_bars_of(compare, restated)) == 1
    indicator = charts.indicator_bars(frame, labels, {}, "zh", "t", "u", "s")
    assert len(_bars_of(indicator, restated)) == 1


def test_counts_and_standing_count_it_once():
    yixing = _yixing()
    every = queries.targets(region_ids=(yixing,), restatements=True)
    numeric = every[~every["qualitative"].fillna(False).astype(bool) & every["value"].notna()]
    restating = int(numeric["restates"].notna().sum())
    assert restating >= 1
    totals = queries.group_totals((yixing,))
    assert int(totals["n_numeric"].iloc[0]) == len(numeric) - restating
    per_category = queries.category_counts()
    assert int(per_category.loc[per_category["region_id"] == yixing, "quantitative"].sum()) == len(numeric) - restating
    table = queries.group_table((yixing,))
    assert int(table["n_numeric"].iloc[0]) == len(numeric) - restating
    standing = queries.standing_values(f"family:{FAMILY}", "absolute")
    assert (standing["region_id"] == yixing).sum() <= 1
    assert not set(queries.region_standing(yixing, (yixing,))["indicator_id"]) & \
        set(every.loc[every["restates"].notna(), "indicator_id"]) - set(every.loc[every["restates"].isna(), "indicator_id"])


def test_the_sources_page_still_lists_the_restatement_marked():
    restating = _pledges(queries.targets(family=FAMILY, restatements=True)).dropna(subset=["restates"])
    in_document = queries.targets_in_document(restating["doc_id"].iloc[0]).set_index("target_id")
    target_id = restating["target_id"].iloc[0]
    assert in_document.loc[target_id, "restates"] == restating["restates"].iloc[0]
