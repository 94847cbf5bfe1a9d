"""The development set of real texts (/work/shared/real-plans: eighteen openings of other regions'
plans and news summaries, with gold.csv), read through bench/measure_extraction.py --real.

These texts were used to tune the extractor (issue 7), so the floors below guard against regressions;
they do not measure how the extractor reads wording it has not seen.  First measurement before the
issue-7 changes: recall 93.6%, precision 89.8%, due year 86.0%, scope 93.0% (47 gold targets).
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real-plans"
sys.path.insert(0, str(ROOT / "bench"))

from measure_extraction import load_real_plans, score_fixture, totals  # noqa: E402

pytestmark = pytest.mark.skipif(not (REAL / "gold.csv").exists(),
                                reason=f"the real-plans development set is not at {REAL} (it lives outside the repo)")


def test_real_plans_are_read_as_a_careful_reader_does():
    scores = [score_fixture(fx) for fx in load_real_plans(REAL)]
    assert len(scores) == 18
    overall = totals(scores)
    report = "\n".join(f"{s.fixture}: recall {s.recall:.2f} precision {s.precision:.2f}" for s in scores)
    assert overall["recall"] >= 0.95, report
    assert overall["precision"] >= 0.97, report
    assert overall["target_year_accuracy"] >= 0.95 and overall["scope_accuracy"] >= 0.95, overall


def test_texts_without_targets_give_none():
    empty = [s for s in (score_fixture(fx) for fx in load_real_plans(REAL)) if not s.expected]
    assert len(empty) == 9
    assert {s.fixture: len(s.rows) for s in empty if s.rows} == {}
