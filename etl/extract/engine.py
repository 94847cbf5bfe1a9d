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
import re._constants as _regex_codes
import re._parser as _regex_parser  # the standard library's own parser: what every match of a pattern holds
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
    test: Callable = field(init=False, repr=False, compare=False)  # the zone's text → does the condition hold

    def __post_init__(self) -> None:
        compiled = re.compile(self.pattern)
        find = compiled.match if self.at_start else compiled.search
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "_find", find)
        object.__setattr__(self, "test", _test(find, self.markers, self.absent))

    def holds(self, subject) -> bool:
        return self.test(getattr(subject, self.zone))


def _test(find: Callable, markers: tuple[str, ...], absent: bool) -> Callable[[str], bool]:
    """text → does a look hold: the markers tested with `in` before the pattern runs (no marker:
    the pattern cannot match), made once per look so each test is one call."""
    if not markers:
        return (lambda text: find(text) is None) if absent else (lambda text: find(text) is not None)

    def test(text: str) -> bool:
        for marker in markers:
            if marker in text:
                return (find(text) is not None) != absent
        return absent
    return test


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
    by_unit: dict | None  # unit → the rows admitting it, each a _Row
    any_other: tuple[_Row, ...]  # the rows for a unit no row names (or every row)
    found_in: dict[str, Callable]  # zone → text → could any of those patterns be found there


_PLANS: dict[int, _TablePlan] = {}

# A row as `first` runs it: (the rule, the zones it needs a pattern found in, its looks as (zone, test),
# its condition).  Its units are left out: only rows admitting the subject's unit are tried.
_Row = tuple[Rule, tuple[str, ...], tuple[tuple[str, Callable], ...], Callable | None]


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
                         if z in found_in), tuple((look.zone, look.test) for look in rule.looks), rule.when)
            for rule in table]
    if not named:
        return _TablePlan(table, None, tuple(rows), found_in)
    by_unit = {unit: tuple(row for row in rows if not row[0].units or unit in row[0].units) for unit in named}
    return _TablePlan(table, by_unit, tuple(row for row in rows if not row[0].units), found_in)


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _any_found(looks: list[Look]) -> Callable | None:
    """text → False when none of the looks' patterns can be found in it: the patterns anchored at the
    start joined and matched there, the others joined and searched anywhere.  None when the patterns
    cannot be joined (a back-reference would change its number in the union)."""
    if any(_BACKREFERENCE.search(look.pattern) for look in looks):
        return None
    try:
        finds = [find for anchored in (True, False) if (find := _joined([look for look in looks if look.at_start == anchored],
                                                                         anchored)) is not None]
    except re.error:
        return None
    if len(finds) == 1:
        find = finds[0]
        anywhere: Callable = lambda text: find(text) is not None  # noqa: E731
    else:
        at_start, inside = finds
        anywhere = lambda text: at_start(text) is not None or inside(text) is not None  # noqa: E731
    markers = tuple(dict.fromkeys(m for look in looks for m in look.markers))
    if any(not look.markers for look in looks):  # a pattern without markers: only the search can tell
        return anywhere

    def found(text: str) -> bool:
        for marker in markers:
            if marker in text:
                return anywhere(text)
        return False
    return found


def _joined(looks: list[Look], at_start: bool) -> Callable | None:
    """One compiled match (at the start) or search (anywhere) for all the looks' patterns (None: no look)."""
    if not looks:
        return None
    union = re.compile("|".join(f"(?:{look.pattern})" for look in looks))
    return union.match if at_start else union.search


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
    for rule, needs, looks, when in rows:  # rule.holds, inline (its unit test already done): this runs for every row tried
        for zone in needs:
            hit = seen.get(zone)
            if hit is None:
                hit = seen[zone] = found_in[zone](getattr(subject, zone))
            if not hit:
                break
        else:
            for zone, test in looks:
                if not test(getattr(subject, zone)):
                    break
            else:
                if when is None or when(subject):
                    trace = _TRACE.get()
                    if trace is not None:
                        trace.append(rule.name)
                    return rule
    return None


MOST_PIECES = 12  # more pieces than this to test with `in` cost about what the pattern's own search does
_MOST_CHARACTERS = 10  # a character class of more than this many characters is no useful test


def required_pieces(pattern: str) -> tuple[str, ...]:
    """Literal pieces one of which every match of the pattern holds, read from its parse: a text holding
    none cannot match, and is not searched.  Empty when none are sure (a pattern ignoring case, or one
    whose every part is optional, a wide class or an assertion) or when there are more than MOST_PIECES."""
    try:
        parsed = _regex_parser.parse(pattern)
    except re.error:
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    pieces = _pieces_of_sequence(list(parsed))
    return tuple(sorted(pieces)) if pieces and len(pieces) <= MOST_PIECES else ()


def _pieces_of_sequence(items: list) -> frozenset[str] | None:
    """Of a sequence's parts (runs of fixed characters, and items that require pieces of their own), the one
    whose pieces make the best test: the longest shortest piece, then the fewest pieces."""
    found, run = [], ""
    for op, argument in items:
        if op is _regex_codes.LITERAL:
            run += chr(argument)
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        if (pieces := _pieces_of_item(op, argument)) is not None:
            found.append(pieces)
    if run:
        found.append(frozenset({run}))
    return max(found, key=lambda pieces: (min(map(len, pieces)), -len(pieces)), default=None)


def _pieces_of_item(op, argument) -> frozenset[str] | None:
    if op is _regex_codes.IN:  # a class of literal characters and small ranges, not negated
        characters: set[str] = set()
        for kind, value in argument:
            if kind is _regex_codes.LITERAL:
                characters.add(chr(value))
            elif kind is _regex_codes.RANGE and value[1] - value[0] < _MOST_CHARACTERS:
                characters.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return frozenset(characters) if len(characters) <= _MOST_CHARACTERS else None
    if op is _regex_codes.BRANCH:  # every alternative must require pieces
        alternatives = [_pieces_of_sequence(list(branch)) for branch in argument[1]]
        return None if any(pieces is None for pieces in alternatives) else frozenset().union(*alternatives)
    if op is _regex_codes.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        return None if add_flags & re.IGNORECASE else _pieces_of_sequence(list(inner))
    if op in (_regex_codes.MAX_REPEAT, _regex_codes.MIN_REPEAT, _regex_codes.POSSESSIVE_REPEAT):
        low, _high, inner = argument
        return _pieces_of_sequence(list(inner)) if low >= 1 else None
    if op is _regex_codes.ATOMIC_GROUP:
        return _pieces_of_sequence(list(argument))
    return None  # any character, a negated one, a category, an assertion, a back-reference


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
