"""A family groups indicators a chart may draw side by side: they must share a unit and be all
per-capita or all absolute, or the comparison is dishonest."""

from collections import defaultdict

from etl.harmonize import Harmonizer


def test_every_family_shares_one_unit_and_one_per_capita_kind():
    by_family = defaultdict(set)
    for ind in Harmonizer.load().indicators:
        by_family[ind.family].add((ind.unit, ind.per_capita))
    mixed = {family: kinds for family, kinds in by_family.items() if len(kinds) > 1}
    assert not mixed, mixed
