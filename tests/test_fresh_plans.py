"""Twelve plans written blind on 2026-11-30 (tests/fixtures/fresh/, see its README) for the kinds of
wording real texts of other regions use: progress reports and forecasts, 总数/总量/拥有 stocks, shares
and rates, two targets in one clause, traditional script with pinyin glosses, staged due years,
related genres, Chinese numerals, baselines and thousands separators.

The first measurement, before any rule was changed with these files in view (extractor at commit
a93f383), was recall 66.0% / precision 80.5% on value + unit + comparator (188 targets).  That is the
honest figure; the thresholds below are floors that only rise as the extractor is taught these
kinds, and once a rule is tuned on them they guard against regressions, not measure generalisation.

Issue 7 then tuned the extractor on these files (and on the real-plans development set): after it,
recall 97.9% / precision 97.9%, due year 100%, scope 98.4%.  The floors below pin that; they are no
longer a measure of unseen wording.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure_extraction import floors_missed  # noqa: E402

FRESH = ROOT / "tests" / "fixtures" / "fresh"
FIRST_MEASUREMENT = {"recall": 0.660, "precision": 0.805}
AFTER_TUNING = {"recall": 0.97, "precision": 0.97, "target_year_accuracy": 0.95, "scope_accuracy": 0.95}


def test_fresh_blind_plans_never_read_worse_than_on_first_measurement():
    n_plans, missed, report = floors_missed(FRESH, {**FIRST_MEASUREMENT, **AFTER_TUNING})
    assert n_plans == 12 and not missed, (missed, report)
