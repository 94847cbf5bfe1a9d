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


# A table's rows by the number's unit, built once per table: a row that names its units (a day, a
# duration, a share …) is never tried on a number of another unit.  {id(table): (table, rows by unit,
# rows for any other unit)}; the table itself is kept so a reused id can never find another's index.
_BY_UNIT: dict[int, tuple[tuple[Rule, ...], dict | None, tuple[Rule, ...]]] = {}


def _unit_index(table: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], dict | None, tuple[Rule, ...]]:
    named = {unit for rule in table for unit in rule.units}
    if not named:
        return table, None, table
    by_unit = {unit: tuple(r for r in table if not r.units or unit in r.units) for unit in named}
    return table, by_unit, tuple(r for r in table if not r.units)


def _rows_to_try(table: tuple[Rule, ...], subject) -> tuple[Rule, ...]:
    index = _BY_UNIT.get(id(table))
    if index is None or index[0] is not table:
        index = _BY_UNIT[id(table)] = _unit_index(table)
    _, by_unit, any_other = index
    return table if by_unit is None else by_unit.get(subject.unit, any_other)


def first(table: tuple[Rule, ...], subject) -> Rule | None:
    """The first rule of the table that holds for the subject (None: none does).  Only the rows
    that admit the subject's unit are tried (same answer: the others cannot hold)."""
    for rule in _rows_to_try(table, subject):
        if rule.holds(subject):
            trace = _TRACE.get()
            if trace is not None:
                trace.append(rule.name)
            return rule
    return None


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
