"""A fourth set of twelve plans written blind on 2026-11-30 (tests/fixtures/fresh4/, see its README),
by a helper who read no code and no fixture text, after the extractor had been tuned on the first
three fresh sets and the real-plans development set.

The first measurement, before any rule was changed with these files in view (extractor at commit
217c334), was recall 90.2% / precision 93.7%, due year 93.5%, scope 95.0% on value + unit +
comparator (164 targets; the third set's first was 82.4% / 87.1%).  That is the honest figure of how
the extractor generalised to wording it had not seen.  Rules were then changed with these files in
view (see git log), so the floors in AFTER_TUNING guard against regressions; they no longer measure
generalisation.  Three targets of one file (yuanyu) were added to its expected list on review, after
that measurement: its writer's header names them, the list had left them out.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure_extraction import floors_missed  # noqa: E402

FRESH4 = ROOT / "tests" / "fixtures" / "fresh4"
FIRST_MEASUREMENT = {"recall": 0.902, "precision": 0.937}
AFTER_TUNING = {"recall": 0.964, "precision": 0.988, "target_year_accuracy": 0.959, "scope_accuracy": 0.953}


def test_the_fourth_blind_set_never_reads_worse_than_after_tuning():
    n_plans, missed, report = floors_missed(FRESH4, {**FIRST_MEASUREMENT, **AFTER_TUNING})
    assert n_plans == 12 and not missed, (missed, report)
