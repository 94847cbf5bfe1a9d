"""One plan's reading → what looks odd about the text, for a person to check (issue 21).

A text can pass every step and still be read wrongly without a word: a year typed "2O27", no plan
period anywhere, no date saying when it was written, targets left without a due year or a name.
Each check here names what it saw, with the line and the figures; the build stores them as quality
notes (kind `odd_text`), the review queue lists them and the upload page shows them as a checklist.

Data shape born here: `OddText(check, line, count, text)`; `check` is one of CHECKS, and the dashboard
words each check in both languages from these fields (etl never formats for a page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

CHECKS = ("confusable_digits", "no_period", "no_anchor", "undated_targets", "unnamed_targets")
_CONFUSABLE_NOTE = re.compile(r"^line (\d+): read (\S+) as (\S+) \(a letter typed among digits\)$")


@dataclass(frozen=True)
class OddText:
    check: str          # one of CHECKS
    line: int | None    # raw line, when the check is about one place
    count: int | None   # how many targets, when it is about several
    text: str | None    # what was seen ("2O27 → 2027", the anchor line …)

    def message(self) -> str:
        """English, for the build report and quality_notes.message (pages word it themselves)."""
        return {
            "confusable_digits": f"line {self.line}: a letter typed among digits, read as {self.text}",
            "no_period": "no plan period found in the text: due years fall back to the manifest or stay empty",
            "no_anchor": "no date found saying when the text was written: achievements cannot be told from targets by their year",
            "undated_targets": f"{self.count} target(s) without a due year",
            "unnamed_targets": f"{self.count} target(s) without a name in their own sentence (is the name on the line before?)",
        }[self.check]


def odd_text_checks(notes: list[str], period: tuple[int | None, int | None], anchor_found: bool,
                    targets) -> list[OddText]:
    """`targets`: a frame, or etl.warehouse.plan.TargetColumns."""
    found = []
    for note in notes:
        m = _CONFUSABLE_NOTE.match(note)
        if m:
            found.append(OddText("confusable_digits", int(m.group(1)), None, f"{m.group(2)} → {m.group(3)}"))
    if period == (None, None):
        found.append(OddText("no_period", None, None, None))
    if not anchor_found:
        found.append(OddText("no_anchor", None, None, None))
    undated = unnamed = 0
    if not targets.empty:  # plain columns: a plan has tens of targets, and filtering a frame cost 1.5 ms a plan
        for qualitative, year, scope, name in zip(list(targets["qualitative"]), list(targets["target_year"]),
                                                   list(targets["scope"]), list(targets["raw_name"])):
            if qualitative:
                continue
            undated += bool(pd.isna(year) and scope != "annual")
            unnamed += not (name.strip() if isinstance(name, str) else "")
    if undated:
        found.append(OddText("undated_targets", None, undated, None))
    if unnamed:
        found.append(OddText("unnamed_targets", None, unnamed, None))
    return found
