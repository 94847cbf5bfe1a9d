"""Markers are sound: a pattern is never searched in a text without one of its markers, so every match of
the pattern must hold one.  Checked against the pattern itself, from its parse: some part every match
passes through (a run of fixed characters, every alternative of a choice, a repeat taken at least once)
must hold a marker.  A marker list that misses an alternative would silently skip matches: this fails."""

from __future__ import annotations

import re
import re._constants as _C
import re._parser as _parser

import pytest

from etl.extract import rules
from etl.extract.engine import required_pieces
from etl.extract.rules_plan_facts import PHASE, PHASE_WORD
from etl.extract.rules_tables import ARROW_LINE, ARROW_MARKERS
from etl.vocab.lexicon import THIS_YEAR


def covered(pattern: str, markers) -> bool:
    """Is it sure from the pattern's parse that every match holds one of the markers?  (False: not sure.)"""
    parsed = _parser.parse(pattern)
    return not parsed.state.flags & re.IGNORECASE and _sequence(list(parsed), markers)


def _sequence(items: list, markers) -> bool:
    """A sequence: sure when one of its parts is (a run of fixed characters holding a marker, or an item)."""
    run = ""
    for op, argument in items:
        if op is _C.LITERAL:
            run += chr(argument)
            continue
        if any(marker in run for marker in markers) or _item(op, argument, markers):
            return True
        run = ""
    return any(marker in run for marker in markers)


def _item(op, argument, markers) -> bool:
    if op is _C.IN:  # a class of characters, each a marker
        return all(kind is _C.LITERAL and chr(value) in markers for kind, value in argument)
    if op is _C.BRANCH:  # every alternative
        return all(_sequence(list(branch), markers) for branch in argument[1])
    if op is _C.SUBPATTERN:
        return not argument[1] & re.IGNORECASE and _sequence(list(argument[3]), markers)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):  # at least once
        return argument[0] >= 1 and _sequence(list(argument[2]), markers)
    return False  # any character, an assertion, a back-reference: nothing sure


# Markers that gate a search in the extractor, with the pattern they stand for.  Every one must be checkable.
GATES = [
    ("TASK_GOAL", rules.TASK_GOAL.pattern, rules.TASK_GOAL_MARKERS),
    ("NAMED_BUILD", rules.NAMED_BUILD.pattern, rules.NAMED_BUILD_MARKERS),
    ("FIVE_YEAR_PLAN", rules.FIVE_YEAR_PLAN.pattern, (rules.FIVE_YEAR_PLAN_MARKER,)),
    ("YEAR_MENTION", rules.YEAR_MENTION.pattern, (rules.YEAR_WORD,)),
    ("FIRST_YEAR", rules.FIRST_YEAR.pattern, (rules.YEAR_WORD,)),
    ("THIS_YEAR", THIS_YEAR.pattern, (rules.YEAR_WORD,)),
    ("PARAGRAPH_YEAR", rules.PARAGRAPH_YEAR.pattern, rules.PARAGRAPH_YEAR_MARKERS),
    ("PHASE", PHASE.pattern, (PHASE_WORD,)),
    ("ARROW_LINE", ARROW_LINE.pattern, ARROW_MARKERS),
]


@pytest.mark.parametrize("name,pattern,markers", GATES, ids=[gate[0] for gate in GATES])
def test_a_gate_marker_is_in_every_match(name, pattern, markers):
    assert covered(pattern, markers), f"{name}: a match may hold none of {markers}"


def test_the_check_finds_a_missing_alternative():
    assert not covered(r"建成|创建", ("建成",))
    assert not covered(r"(?:建成)?中心", ("建成",))  # optional: a match may lack it
    assert not covered(r"[年月]底", ("年",))
    assert covered(r"(?:到|至)\s*20\d\d年", ("年",))
    assert covered(r"(?:到|至)\s*20\d\d年", ("20",))  # a marker across two fixed characters
    assert covered(r"[年月]底", ("年", "月"))


def _dictionary_patterns():
    from etl.extract.instruments import dictionary

    return [(ident, pattern) for _compiled, pattern, ident, _pieces in dictionary()._patterns]


@pytest.mark.parametrize("ident,pattern", _dictionary_patterns())
def test_the_pieces_an_instrument_pattern_is_tested_with_are_in_every_match(ident, pattern):
    pieces = required_pieces(pattern)
    assert not pieces or covered(pattern, pieces), f"{ident}: {pattern} may match without any of {pieces}"


def test_required_pieces_of_a_pattern():
    assert required_pieces(r"(培育|育成)[^。]{0,6}高价值专利") == ("高价值专利",)
    assert required_pieces(r"(成立|组建)[^。]{0,40}(领导小组|工作专班)") == ("工作专班", "领导小组")
    assert required_pieces(r"(?:建成)?中心|平台") == ("中心", "平台")
    assert required_pieces(r"[^。]{0,6}\d+") == ()  # nothing sure
    assert required_pieces(r"(?i)iso\d+") == ()  # case ignored: a literal test would miss ISO
