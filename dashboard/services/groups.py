"""Which regions of a peer group a chart draws (issue 13): all of a small group; of a group larger
than a person reads (peers.READABLE) the anchor, this session's uploads and the regions a ranking
puts first, until the reader asks for all.

The region selection flows once: the URL's peer group is validated into the picker's state
(dashboard.ui.region_picker, dashboard.peers) → `drawn_regions` here says which regions are drawn →
one filter fetches their rows (comparisons.group_targets: the warehouse's in SQL, the uploads by id)
→ the picker's `url` (and `all=1`) goes back to the URL.  A ranking is data (`Ranking`), not a
callable a page hands down, so the question it asks the warehouse is named here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboard import peers as peer_groups
from dashboard import queries


@dataclass(frozen=True)
class Ranking:
    """What orders a large group's regions: `numbers` (most targets with a number for the measure,
    under the page's filter), `commitments` (most distinct policy instruments) or `observations`
    (most observed levels of one indicator)."""
    by: str = "numbers"
    measure: str = "absolute"
    category: str | None = None
    family: str | None = None
    indicator_id: str | None = None


def by_numbers(measure: str, category: str | None = None, family: str | None = None,
               indicator_id: str | None = None) -> Ranking:
    return Ranking("numbers", measure, category, family, indicator_id)


def by_commitments() -> Ranking:
    return Ranking("commitments")


def by_observations(indicator_id: str) -> Ranking:
    return Ranking("observations", indicator_id=indicator_id)


def top_regions(ranking: Ranking, region_ids: Sequence[str], limit: int) -> tuple[str, ...]:
    """The `limit` regions of `region_ids` (all in the warehouse) the ranking puts first (ties by id)."""
    if ranking.by == "commitments":
        return queries.regions_by_commitments(tuple(region_ids), limit)
    if ranking.by == "observations":
        return queries.progress_regions(ranking.indicator_id, tuple(region_ids), limit)
    return queries.regions_by_numbers(tuple(region_ids), ranking.measure, limit, category=ranking.category,
                                      family=ranking.family, indicator_id=ranking.indicator_id)


def is_large(region_ids: Sequence[str]) -> bool:
    """More regions than a person reads at once: the page offers "show all"."""
    return len(region_ids) > peer_groups.READABLE


@dataclass(frozen=True)
class Drawn:
    """The regions a chart draws of a peer group: `ids` (all, or of a large group the anchor, a
    session's uploads and the best-ranked), `stored` (those in the warehouse, what queries take),
    `uploads` (this session's, never in the warehouse) and whether the reader asked for every one
    (`show_all`, kept in the URL as all=1)."""
    ids: tuple[str, ...]
    stored: tuple[str, ...]
    uploads: tuple[str, ...]
    show_all: bool


def drawn_regions(group: Sequence[str], anchor: str | None, in_warehouse: set[str], show_all: bool,
                  ranking: Ranking) -> Drawn:
    """Of `group` (the picker's ids, uploads last): every region while it is small or the reader
    asked for all; else the anchor, the uploads and the best-ranked of the stored ones."""
    group = tuple(group)
    uploads = tuple(r for r in group if r not in in_warehouse)
    ids = group
    if is_large(group) and not show_all:
        stored = tuple(r for r in group if r in in_warehouse)
        ranked = top_regions(ranking, stored, peer_groups.READABLE)
        ids = tuple(peer_groups.readable(group, list(uploads) + list(ranked), anchor))
    return Drawn(ids, tuple(r for r in ids if r in in_warehouse), tuple(r for r in ids if r in uploads),
                 bool(show_all and is_large(group)))
