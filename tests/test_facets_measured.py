"""The harmoniser measured (bench/measure_harmonize.py): does each target land on the measure it states?

Pair precision = pairs filed under one indicator that a careful reader labels as one measure; pair
recall = pairs the reader labels as one measure that are filed together; coverage = matched targets
carrying an indicator (named or derived).  Issue 20 asks for P ≥ 0.98, R ≥ 0.95, coverage ≥ 0.95.

| set | first measurement (alias-list harmoniser, 3e4bdc6) | floors today (facets) |
| --- | --- | --- |
| development set (shared/real-plans, measures.csv) | P 0.966 R 0.933 cov 0.689 | P 1.000 R 1.000 cov 0.978 |
| fresh10 (163 targets in fresh wording, labels written before any run) | P 0.464 R 0.559 cov 0.582 | P 1.000 R 0.914 cov 0.856 |
| fresh12 (124 targets, labels written before any run; first measured with the facet harmoniser, db85975) | **P 0.750 R 0.643 cov 0.701** | P 1.000 R 1.000 cov 0.949 (tuned on) |
| fresh13 (138 targets, written blind on 2026-12-06; first measured at 3565dcb) | **P 0.957 R 0.496 cov 0.794** | P 0.996 R 0.912 cov 0.894 (tuned on) |

fresh10's first measurement is the honest figure of how the alias list generalised; the facet
harmoniser was then written with fresh10 in view, so its floors guard against regressions and no longer
measure generalisation.  Coverage below 0.95 on fresh10 is deliberate: a name whose head the vocabulary
does not know (合作银行, 标准化基地面积, 入库企业) stays unmapped with its reason instead of being filed
under a kind it merely mentions.

fresh12 was written after the facet harmoniser, by a writer who read no code; its first measurement is
the honest figure of how the facet harmoniser generalised to a plan it had not seen.  It was then tuned
on (branch fresh12: densities per employed person and per GDP, data-IP pledges, item names of a review,
其中 subsets, GI sums, shares, new kinds), so its floors guard against regressions and no longer measure
generalisation.  Its coverage stays below 0.95 on purpose: names whose kind only the paragraph says
(从业人员, 年服务企业 in a services-cluster plan; a training under a trade-secret heading) stay unmapped.

fresh13's first measurement is the honest figure for the harmoniser as it stands after fresh12: it
rarely files two different measures together (P 0.957) but files only half of the pairs the writer
labels one measure together (R 0.496).  Its pair recall also depends on what the extractor finds: the
measure's pairs include targets of the two pipe-table files the extractor first missed.  It was then
tuned on the same day (a review's items numbered （一）, labels before a colon, indicators in brackets
after their goal, a list's tier written once), so its floors no longer measure generalisation.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure_harmonize import REAL_PLANS, measure  # noqa: E402

# set: (first measurement, floors today) as (pair precision, pair recall, coverage)
MEASURED = {
    "real-plans": ((0.966, 0.933, 0.689), (1.0, 1.0, 0.978)),
    "fresh10": ((0.464, 0.559, 0.582), (1.0, 0.914, 0.856)),
    "fresh12": ((0.750, 0.643, 0.701), (1.0, 1.0, 0.949)),  # tuned on since (branch fresh12)
    "fresh13": ((0.957, 0.496, 0.794), (0.996, 0.912, 0.894)),  # tuned on since (2026-12-06)
}


def _scores(name: str) -> dict:
    if name == "real-plans":
        if not (REAL_PLANS / "measures.csv").exists():
            pytest.skip(f"the development set is not on this machine ({REAL_PLANS})")
        return measure(REAL_PLANS)[0]
    return measure(folder=ROOT / "tests" / "fixtures" / name)[0]


@pytest.mark.parametrize("name", list(MEASURED))
def test_the_harmoniser_never_files_worse_than_today(name):
    first, (precision, recall, coverage) = MEASURED[name]
    scores = _scores(name)
    got = (round(scores["pair_precision"], 3), round(scores["pair_recall"], 3), round(scores["coverage"], 3))
    assert got[0] >= precision and got[1] >= recall and got[2] >= coverage, (name, got)
    assert all(g >= f for g, f in zip(got, first)), (name, "below its first measurement", got)
