"""The engine that runs the extractor's rule tables (etl.extract.rules).

A rule is a row: what it looks at (`Look`: a pattern on one named zone of the thing being read — the
text before a number, the text after it, the clause …), an optional condition a pattern cannot say
(`when`: the clause's modality, the plan's period), the decision it makes, an example in fresh
wording that must produce that decision, and where the rule came from.  A table is read top down and
the first rule that holds decides (`first`), as a careful reader tries the narrow readings first.

Each pattern is compiled once, when its table is built, and guarded by markers: literal pieces one of
which every match contains, tested with `in` before the regex runs (most numbers fail most rules on
the marker alone).

`tracing()` records which rules decided, by name: tests/test_rule_table.py runs every rule's example
and checks that the rule itself (not a neighbour with the same decision) fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from etl.base.memo import CACHE_SIZE, LONGEST_REMEMBERED

_TRACE: ContextVar[list[str] | None] = ContextVar("rule_trace", default=None)


@dataclass(frozen=True)
class Look:
    """One condition of a rule: `pattern` found in the subject's `zone` (an attribute holding text).
    `at_start` matches at the zone's start (the text after a number) instead of anywhere; `absent`
    turns the condition round (the pattern must not be found)."""
    zone: str
    pattern: str
    markers: tuple[str, ...] = ()  # one of these occurs in every match (empty: no cheap test)
    at_start: bool = False
    absent: bool = False
    compiled: re.Pattern = field(init=False, repr=False, compare=False)
    _find: Callable = field(init=False, repr=False, compare=False)  # the compiled match or search, bound once

    def __post_init__(self) -> None:
        compiled = re.compile(self.pattern)
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "_find", compiled.match if self.at_start else compiled.search)

    def holds(self, subject) -> bool:
        text = getattr(subject, self.zone)
        if self.markers:
            for marker in self.markers:
                if marker in text:
                    break
            else:  # no marker: the pattern cannot match
                return self.absent
        return (self._find(text) is not None) != self.absent


@dataclass(frozen=True)
class Rule:
    """One row of a rule table.

    decision: what the rule decides — target, baseline, achievement, estimate, progress, skip (with
    `reason`, the words recorded in skipped_numbers), scope=… or a carry of one clause into the next.
    units: the number's unit must be one of these (None stands for "no unit"); empty: any unit.
    context: the part of a plan the example is read in (goals, tasks, other …)."""
    name: str
    decision: str
    example: str
    origin: str
    looks: tuple[Look, ...] = ()
    units: frozenset = frozenset()
    when: Callable | None = None
    reason: str | None = None
    context: str = "goals"

    def holds(self, subject) -> bool:
        if self.units and subject.unit not in self.units:
            return False
        for look in self.looks:  # a loop, not all(…): this runs for every number and rule
            if not look.holds(subject):
                return False
        return self.when is None or bool(self.when(subject))


# How a table is run, worked out once per table: its rows by the number's unit (a row that names its
# units — a day, a duration, a share … — is never tried on a number of another unit) and, per zone,
# one search for all the patterns the table's rows need found there.  A row needing a pattern in a
# zone where that search finds nothing cannot hold and is passed over without trying its looks: most
# clauses hold none of a clause table's words, and one search of the clause answers for every row.
@dataclass(frozen=True)
class _TablePlan:
    table: tuple[Rule, ...]  # kept so a reused id can never find another table's plan
    by_unit: dict | None  # unit → the rows admitting it, each as (rule, the zones it needs a pattern found in)
    any_other: tuple[tuple[Rule, tuple[str, ...]], ...]  # the rows for a unit no row names (or every row)
    found_in: dict[str, Callable]  # zone → text → could any of those patterns be found there


_PLANS: dict[int, _TablePlan] = {}


def _plan(table: tuple[Rule, ...]) -> _TablePlan:
    plan = _PLANS.get(id(table))
    if plan is None or plan.table is not table:
        plan = _PLANS[id(table)] = _make_plan(table)
    return plan


def _make_plan(table: tuple[Rule, ...]) -> _TablePlan:
    named = {unit for rule in table for unit in rule.units}
    wanted: dict[str, list[Look]] = {}
    for rule in table:
        for look in rule.looks:
            if not look.absent:
                wanted.setdefault(look.zone, []).append(look)
    found_in = {zone: finder for zone, looks in wanted.items() if (finder := _any_found(looks)) is not None}
    rows = [(rule, tuple(z for z in dict.fromkeys(look.zone for look in rule.looks if not look.absent)
                         if z in found_in)) for rule in table]
    if not named:
        return _TablePlan(table, None, tuple(rows), found_in)
    by_unit = {unit: tuple(row for row in rows if not row[0].units or unit in row[0].units) for unit in named}
    return _TablePlan(table, by_unit, tuple(row for row in rows if not row[0].units), found_in)


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _any_found(looks: list[Look]) -> Callable | None:
    """text → False when none of the looks' patterns can be found in it (a pattern anchored at the
    start is searched anywhere: a wider test, never a narrower one).  None when the patterns cannot
    be joined (a back-reference would change its number in the union)."""
    if any(_BACKREFERENCE.search(look.pattern) for look in looks):
        return None
    try:
        union = re.compile("|".join(f"(?:{look.pattern})" for look in looks)).search
    except re.error:
        return None
    markers = tuple(dict.fromkeys(m for look in looks for m in look.markers))
    if any(not look.markers for look in looks):  # a pattern without markers: only the search can tell
        return lambda text: union(text) is not None

    def found(text: str) -> bool:
        for marker in markers:
            if marker in text:
                return union(text) is not None
        return False
    return found


def first(table: tuple[Rule, ...], subject) -> Rule | None:
    """The first rule of the table that holds for the subject (None: none does).  Only the rows
    that admit the subject's unit are tried, and of those only the ones whose patterns the zone's
    joint search does not rule out (same answer: the others cannot hold)."""
    plan = _PLANS.get(id(table))  # _plan(table), inline: this runs for every number and clause
    if plan is None or plan.table is not table:
        plan = _plan(table)
    rows = plan.any_other if plan.by_unit is None else plan.by_unit.get(subject.unit, plan.any_other)
    found_in = plan.found_in
    seen: dict[str, bool] = {}  # zone → the joint search's answer, asked at most once per subject
    for rule, needs in rows:
        for zone in needs:
            hit = seen.get(zone)
            if hit is None:
                hit = seen[zone] = found_in[zone](getattr(subject, zone))
            if not hit:
                break
        else:
            if rule.holds(subject):
                trace = _TRACE.get()
                if trace is not None:
                    trace.append(rule.name)
                return rule
    return None


_MISSING = object()


class Remembered:
    """The answers of a pure reading, by its inputs: a plan repeats its boilerplate and a corpus its
    wording, and an identical input always gets the identical answer.  The key must hold every input
    the reading looks at; the answers must never be changed by their users (frozen or read only).
    Off while `tracing()`: a remembered answer would not record the rules that decided it.  Bounded:
    full, it starts again empty; and the key's first item is the text read: a text longer than
    etl.base.memo.LONGEST_REMEMBERED is read afresh (see there)."""

    def __init__(self, limit: int = CACHE_SIZE):
        self._answers: dict = {}
        self._limit = limit

    def get(self, key: tuple, read: Callable, *args):
        """read(*args), or its answer for the same key given before."""
        if _TRACE.get() is not None or len(key[0]) > LONGEST_REMEMBERED:
            return read(*args)
        answers = self._answers
        answer = answers.get(key, _MISSING)
        if answer is _MISSING:
            if len(answers) >= self._limit:
                answers.clear()
            answer = answers[key] = read(*args)
        return answer


@contextmanager
def tracing() -> Iterator[list[str]]:
    """Collect the names of the rules that decide while the block runs."""
    fired: list[str] = []
    token = _TRACE.set(fired)
    try:
        yield fired
    finally:
        _TRACE.reset(token)


def check_table(table: tuple[Rule, ...]) -> list[str]:
    """What is wrong with a table: a rule without an example or origin, a name used twice."""
    problems, seen = [], set()
    for rule in table:
        if not rule.example.strip():
            problems.append(f"{rule.name}: no example")
        if not rule.origin.strip():
            problems.append(f"{rule.name}: no origin")
        if rule.name in seen:
            problems.append(f"{rule.name}: name used twice")
        seen.add(rule.name)
    return problems
