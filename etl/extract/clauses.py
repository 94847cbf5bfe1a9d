"""Step 3b: sentences → candidate targets.

The rules follow the grammar of the genre, not the sentences of any one plan:

    [到2026年，] NAME [达到|不少于|超过…] NUMBER [万|亿] UNIT [以上|左右|以内]    (name first)
    [新增|建成|引进…] [不少于] NUMBER UNIT NAME                                    (number first)
    NAME 由 NUMBER UNIT 增至|提高到 NUMBER UNIT                                    (with a baseline)
    NAME1、NAME2 分别 达 NUMBER1 UNIT、NUMBER2 UNIT                               (paired lists)

Every number in the text is looked at; the ones that are not targets are kept with the reason
(date, period, document number, phone, observance day, programme name, a count of the plan's
own tasks, an achievement already reached, a baseline…), so a reader can audit what was left out.

Issue 7 ("read real plans as a careful reader does") added: Chinese numerals read in place through a
numeral view (etl.vocab.numerals), baselines with a date between 由/从 and the number, thousands separators,
a modality for each clause (target / achievement / estimate, `ClauseReading`, decided by rules.MODALITY_RULES), progress reports and
comparisons skipped, skip rules as a first-hit-wins table (`rules.NUMBER_RULES`), per-place rules (`per_unit`),
and the genre's words moved to etl.vocab.lexicon and etl.vocab.units.  Those rules were tuned on
tests/fixtures/fresh and the real-plans development set (/work/shared/real-plans), so figures on
those sets are regression guards, not measures of unseen wording.

Data shape born here: `Candidate` — one target with its number, unit, comparator, baseline,
scope, year, raw name and the sentence it came from (offsets into the clean text); and
`Skipped(text, reason, start, end)`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from etl.base.memo import short_text_cache
from etl.extract.engine import Remembered, first
from etl.extract.rules import (
    ACHIEVEMENT,
    ANY_NUMBER,
    BASELINE,
    BASELINE_BEFORE,
    BASELINE_OF_PREVIOUS,
    BRACKET_YEAR,
    CARRY_NEW,
    CLAUSE,
    CLAUSE_BREAK,
    CLAUSE_BREAK_CHARS,
    CLOSE_BRACKETS,
    CLOSING_COMPARATOR,
    COLON_LABEL,
    COMMITMENT_TAIL,
    COMPARATOR_WORDS,
    COUNTED_NUMBER,
    CUT_OFF,
    DATED_BEFORE,
    DATED_TASK,
    DE,
    DENSITY_WORD,
    DOUBLING,
    EMAIL,  # noqa: F401  (tests read the masks here)
    ENUMERATION_COMMA,
    EXISTING_LEAD,
    FIRST_YEAR,
    FIVE_YEAR_PLAN,
    FIVE_YEAR_PLAN_MARKER,
    GOAL_VERB_OPENING,
    GOAL_VERB_TAIL,
    GROWTH_IN_NAME,
    GROWTH_TAIL,
    ITEM_NAME_LINE,
    ITEM_TARGET_WORDS,
    KIND_WORD,
    LEAD_IN,
    LIST_ANNOUNCED,
    LIST_MARK,
    LIST_PREFIX,
    LIST_SEPARATOR,
    LIST_VERB_LEAD,
    MASKED_SPANS,
    MEASURABLE,
    MEASURE_TAIL,
    MENTION,
    MENTION_ONE_END,
    MODALITY_RULES,
    NAME_AFTER_ENDS,
    NAME_EDGE,
    NAMED_BUILD,
    NAMED_BUILD_MARKERS,
    NEW_CARRY_RULES,
    NEW_PATTERN,
    NO_UNIT,
    NOT_A_REPORT_DATE,
    NOT_YEARLY,
    NUMBER_FIRST_TAIL,
    NUMBER_FIRST_VERBS,
    NUMBER_RULES,
    ONLY_PLACES,
    OPEN_BRACKETS,
    OPENING_QUOTES,
    PARAGRAPH_YEAR,
    PARAGRAPH_YEAR_MARKERS,
    PER_PLACE,
    QUALITATIVE_GOAL,
    QUOTES,
    RANK_WORD,
    REACHES_YEAR,
    RECURRING,
    RESPECTIVELY,
    RULE_START,
    SCOPE_RULES,
    SELF_MEASURED_GOAL,
    SENTENCE_END,
    SENTENCE_GOES_ON,
    SKIP,
    STAGE_FILLER,
    STAGE_GOAL,
    STAGE_LIST_CLAUSE,
    STAGE_YEAR_LIST,
    STAGE_YEARS,
    STATED_NEXT,
    STOCK,
    SUBSIDY_RULE,
    SUBSIDY_VERB,
    TARGET,
    TASK_GOAL,
    TASK_GOAL_MARKERS,
    TASK_VERB_OPENING,
    TASK_WORD_TAIL,
    TIER_END,
    TIER_LEAD,
    TIER_ONLY,
    TITLE_CLOSE,
    TITLE_OPEN,
    TO_WORDS,
    TOTAL_SUFFIX,
    TRAILING_DE,
    VERB_OPENING,
    VERB_WORDS,
    YEAR_AFTER,
    YEAR_LEAD_WORDS,
    YEAR_MENTION,
    YEAR_WORD,
    YEARLY_DUTY_DECISION,
    YEARLY_RULES,
)
from etl.segment.sentences import Sentence
from etl.vocab.lexicon import (
    APPROX_AFTER,
    BACKGROUND_FUTURE_MARKERS,
    BASELINE_FROM,
    FUTURE_MARKERS,
    GE_AFTER,
    LE_AFTER,
    PROGRESS_REPORTED,
    THIS_YEAR,
)
from etl.vocab.numerals import NumeralView, five_year_plan_end, numeral_digit, numeral_view
from etl.vocab.units import COUNT_UNITS, DURATION_UNITS, MULTIPLIERS, RATIO_UNITS, UNIT_RE, UNITS  # noqa: F401  (UNITS, MULTIPLIERS re-exported)

DIGIT = re.compile(r"\d")  # every number the mention patterns read starts with one


def number_value(text: str) -> float:
    return float(text.replace(",", ""))


# How far from a number its name, comparator and verbs are looked for.  The longest clause in any
# plan we have is 80 characters, so no real clause is cut; a bound keeps the work per number
# constant however long a sentence is (a sentence of a hundred thousand numbers stays linear).
WINDOW = 120
# No plan holds more than a hundred numbers (the most we have: 91, of which 39 targets).  A text with
# thousands is not one plan (a list pasted in, a generated file): past this many, each further
# sentence holding numbers is recorded once, as skipped, so one such upload can neither flood the
# warehouse with rows nor keep the name matcher busy for minutes.
MAX_NUMBERS = 2000
TOO_MANY = f"not read: more than {MAX_NUMBERS} numbers in one text (this is not one plan)"



@dataclass
class Candidate:
    value: float | None
    value_max: float | None
    unit: str | None
    multiplier: float
    comparator: str | None
    baseline: float | None
    scope: str | None
    target_year: int | None
    raw_name: str
    qualitative: bool
    sentence: Sentence
    number_text: str = ""
    notes: list[str] = field(default_factory=list)
    per_unit: str | None = None  # 镇街 in "各镇街配备不少于2人": the value holds for each such place


@dataclass
class Skipped:
    text: str
    reason: str
    start: int
    end: int


@dataclass
class PlanContext:
    period_start: int | None = None
    period_end: int | None = None
    doc_year: int | None = None  # the year the text was written: what 年内 / 今年 mean


def _titles(text: str) -> list[tuple[int, int]]:
    """The spans re.finditer(r"《[^》]*》") gives, found in one pass: each 《 without a 》 after it
    would otherwise be scanned to the end of the text."""
    spans, pos = [], 0
    while (start := text.find(TITLE_OPEN, pos)) >= 0 and (end := text.find(TITLE_CLOSE, start)) >= 0:
        spans.append((start, end + 1))
        pos = end + 1
    return spans


def _masked_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans whose digits are never targets, with the reason; where spans overlap the first wins."""
    spans = []
    for pattern, reason, markers in MASKED_SPANS:
        if markers:
            for marker in markers:
                if marker in text:
                    break
            else:
                continue  # no marker: the pattern cannot match here
        if pattern is None:
            spans += [(start, end, reason) for start, end in _titles(text)]
        else:
            spans += [(*m.span(), reason) for m in pattern.finditer(text)]
    return spans


@short_text_cache  # pure; its answer is shared (read only) by sentences of the same wording
def _mask_reasons(text: str) -> list[str | None]:
    """For each offset of the sentence, why a number starting there is never a target (or None).
    One look-up per number instead of a scan of every span."""
    reasons: list[str | None] = [None] * len(text)
    for start, end, reason in reversed(_masked_spans(text)):  # the first span written last wins
        reasons[start:end] = [reason] * (end - start)
    return reasons




def _comparator(before: str, after: str, is_range: bool, more: bool = False) -> str:
    """From the words around the number.  The word after the unit wins (达…以上 is ">="); before
    the number, the comparator word nearest to it wins, the longest at one place (不低于, not 低于),
    and it may stand a verb away ("至少专题研究1次", "不少于2人的").  A number written as more than
    itself (达到10余个, 十多家) is at least that number unless a word bounds it otherwise."""
    found = _comparator_word(before, after, is_range)
    return ">=" if more and found == "=" else found


def _comparator_word(before: str, after: str, is_range: bool) -> str:
    if is_range:
        return "range"
    if after.startswith(APPROX_AFTER):
        return "≈"
    if after.startswith(GE_AFTER):
        return ">="
    if after.startswith(LE_AFTER):
        return "<="
    window = before[-10:]
    for end in range(len(window), 0, -1):  # the nearest end first; there, the longest word (the list's order)
        for word, comp in _COMPARATORS_ENDING.get(window[end - 1], ()):
            if window.endswith(word, 0, end):
                return comp
    return "="


# last character → the comparator words ending with it, longest first (as in COMPARATOR_WORDS)
_COMPARATORS_ENDING: dict[str, list[tuple[str, str]]] = {}
for _word, _comp in COMPARATOR_WORDS:
    _COMPARATORS_ENDING.setdefault(_word[-1], []).append((_word, _comp))




def _strip_verb(before: str) -> str:
    """Remove the comparator wording between a name and its number ("…拥有量达" → "…拥有量").

    Passes over rules.VERB_WORDS (longest first), stripping each word the text ends with, until a
    pass strips nothing.  A pass tries only the words ending in the text's last character (by their
    place in the list, so the words are tried in the same order as a pass over all of them)."""
    while before:
        stripped_in_pass = False
        place = 0  # the pass has tried the words before this place in VERB_WORDS
        while before and (places := _VERB_PLACES.get(before[-1])):
            k = bisect_left(places, place)
            for index in places[k:]:
                word = VERB_WORDS[index]
                if before.endswith(word) and len(before) > len(word):
                    before = before[: -len(word)]
                    place, stripped_in_pass = index + 1, True
                    break
            else:
                break  # no word left in this pass ends the text
        if not stripped_in_pass:
            return before
    return before


# last character → the places in VERB_WORDS of the words ending with it, in order
_VERB_PLACES: dict[str, list[int]] = {}
for _index, _word in enumerate(VERB_WORDS):
    _VERB_PLACES.setdefault(_word[-1], []).append(_index)


def _clean_name(name: str) -> str:
    name = _inside_open_bracket(name).strip(NAME_EDGE + OPEN_BRACKETS)
    name = LEAD_IN.sub("", name)
    name = VERB_OPENING.sub("", name)
    name = TRAILING_DE.sub("", name)
    return name.strip(NAME_EDGE)


def _inside_open_bracket(name: str) -> str:
    """A goal written before its indicator in brackets (海关保护明显加强（每万人…拥有量达到N件）): the name is
    what the open bracket holds, not the goal before it."""
    opened = max(name.rfind(bracket) for bracket in OPEN_BRACKETS)
    if opened < 0 or any(close in name[opened:] for close in CLOSE_BRACKETS):
        return name
    return name[opened + 1:]






class ScopeView(NamedTuple):
    """A target as rules.SCOPE_RULES read it."""
    name_zone: str
    unit: str | None
    zone: str
    new_carried: bool


def _scope(name_zone: str, unit: str | None, comparator_zone: str, new_carried: bool) -> str:
    """new, stock, annual or ratio: the first row of rules.SCOPE_RULES that holds, else a level (stock)."""
    return _SCOPES.get((name_zone, unit, comparator_zone, new_carried), _read_scope, name_zone, unit, comparator_zone,
                       new_carried)


_SCOPES = Remembered()  # by every input of _read_scope


def _read_scope(name_zone: str, unit: str | None, comparator_zone: str, new_carried: bool) -> str:
    rule = first(SCOPE_RULES, ScopeView(name_zone, unit, name_zone + comparator_zone, new_carried))
    return rule.decision.removeprefix("scope=") if rule else STOCK


_SENTENCE_YEARS = Remembered()  # by the sentence and the plan context: its answer is read only


def _sentence_years(text: str, ctx: PlanContext) -> tuple[list[int], list[int]]:
    """(end offsets, years) of the year mentions in a sentence that can date a target after them
    ("到2026年"; not "较2023年"), found once per sentence rather than once per number."""
    if YEAR_WORD not in text:  # (every mention below holds it; most sentences name no year)
        return [], []
    found = []
    for m in YEAR_MENTION.finditer(text):
        year = int(m.group(1))
        if text[max(0, m.start() - 1):m.start()] in NOT_A_REPORT_DATE:
            continue
        if ctx.period_start is None or year >= ctx.period_start - 1:
            found.append((m.end(), year))
    if ctx.doc_year is not None:  # "年内，…", "今年，全县将…": the year of the document
        found += [(m.end(), ctx.doc_year) for m in THIS_YEAR.finditer(text)]
    if ctx.period_start is not None:  # "试点启动当年，…", "实施首年": the plan's first year
        found += [(m.end(), ctx.period_start) for m in FIRST_YEAR.finditer(text)]
    found.sort()
    return [e for e, _ in found], [y for _, y in found]


def _target_year(sentence_years: tuple[list[int], list[int]], pos: int, paragraph_year: int | None,
                 scope: str, ctx: PlanContext) -> int | None:
    """The last year named before `pos` in the sentence, else the paragraph's, else the plan's end."""
    ends, years = sentence_years
    before = bisect_right(ends, pos)
    if before:
        return years[before - 1]
    if paragraph_year is not None:
        return paragraph_year
    if scope == "annual" and not _one_year_plan(ctx):
        return None
    return ctx.period_end


def _one_year_plan(ctx: PlanContext) -> bool:
    """A year's work points (2026年工作要点): every target, yearly ones too, is due that year."""
    return ctx.period_start is not None and ctx.period_start == ctx.period_end


def _year_written(facts: _SentenceFacts, pos: int) -> bool:
    """Is a year written for this number in its own sentence, before it ("到2025年，…每年达到150件")?
    A year set for the paragraph or announced for a list does not date a yearly duty ("到2026年：…
    7.每年…培训不少于1000人次" recurs every year)."""
    return bool(bisect_right(facts.years[0], pos))


def _year_verdict(clause: str, ctx: PlanContext) -> str | None:
    """"past" when the clause's first deciding year lies before the plan ("至2023年底，…分别达19.6件"),
    "future" when it is a year of the plan reached ("到2026年"), None when no year decides."""
    if ctx.period_start is None or YEAR_WORD not in clause:  # (every year mention holds 年)
        return None
    for m in YEAR_MENTION.finditer(clause):
        year, before = int(m.group(1)), clause[max(0, m.start() - 1):m.start()]
        lead = m.group(0)[0]
        reached = clause[max(0, m.start() - 4):m.start() + (lead in YEAR_LEAD_WORDS)] + (TO_WORDS[0] if lead in TO_WORDS else "")
        if year >= ctx.period_start and before != CUT_OFF and REACHES_YEAR.search(reached):
            return "future"
        if year < ctx.period_start and before not in NOT_A_REPORT_DATE and not BRACKET_YEAR.search(clause[:m.end()]):
            return "past"
    return None


def _earlier_five_year_plan(clause: str, ctx: PlanContext) -> bool:
    """"“十三五”期间，…累计达到2,145件" in a 2021—2025 plan reports the past."""
    return FIVE_YEAR_PLAN_MARKER in clause and any(ctx.period_start and five_year_plan_end(m.group(1)) < ctx.period_start
                                                   for m in FIVE_YEAR_PLAN.finditer(clause))


@short_text_cache  # pure, and plans repeat their wording
def _future_marked(text: str, background: bool) -> bool:
    """Does a sentence speak of the future (`background`: in a part headed as background)?"""
    return bool((BACKGROUND_FUTURE_MARKERS if background else FUTURE_MARKERS).search(text))


@short_text_cache  # pure; its answer is shared (read only) by sentences of the same wording
def _subsidy_rules(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence that set a subsidy: the sentence is cut where a clause opens with 对."""
    if SUBSIDY_RULE.search(text) is None:  # no span can set one (most sentences)
        return []
    cuts = [0, *(m.start() for m in RULE_START.finditer(text)), len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:])
            if SUBSIDY_RULE.search(text, a, b) and SUBSIDY_VERB.search(text, a, b)]


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


@short_text_cache  # pure; its answer is shared (read only) by sentences of the same wording
def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans inside a sentence, split at commas and colons (not at 、 which lists)."""
    return [m.span() for m in CLAUSE.finditer(sentence)]


@dataclass
class _SentenceFacts:
    """What extract_sentence works out once per sentence, so each number costs the same."""
    masked: list[str | None]  # per offset: why a number starting there is never a target
    years: tuple[list[int], list[int]]  # see _sentence_years
    subsidy_rules: list[tuple[int, int]]  # spans of the sentence that set a subsidy (see SUBSIDY_RULE)
    future: bool
    paragraph_year: int | None
    ctx: PlanContext
    converted: list[tuple[int, int]] = field(default_factory=list)  # sentence spans read from Chinese numerals


class ClauseReading(NamedTuple):  # a tuple: part of a remembered reading's key, hashed for every clause
    """What a clause says of its numbers, as rules.MODALITY_RULES, NEW_CARRY_RULES and YEARLY_RULES
    decide it from the clause and the reading of the clause before (each is read once, in order).

    modality: "target" (the plan's goal), "achievement" (a report of what was reached: 截至2023年底…,
    今年前三季度…) or "estimate" (the writer's expectation: 预计…有望…)."""
    modality: str = TARGET
    new: bool = False  # 新增 governs a following clause with no verb of its own
    annual: bool = False  # 每年 governs the following clause too
    duty: bool = False  # …and the yearly amount is a duty done every year (每年, 逐年, 年专题培训), not a rate (年均)


class SentenceCarry(NamedTuple):
    """What a sentence hands on to the next sentence of its paragraph."""
    modality: str = TARGET  # an achievement or a goal runs on into a sentence after a ；
    future: bool = False  # the sentence before, ended by ；, set a goal ("《方案》提出，至2026年…；…；")
    continues: bool = False  # the sentence before ended with ；: the next one goes on with it
    baseline: float | None = None  # a baseline not yet taken by a target


PARAGRAPH_START = SentenceCarry()  # what the first sentence of a paragraph is handed: nothing


@dataclass
class ClauseView:
    """One clause as the clause tables read it."""
    clause: str
    year_verdict: str | None
    previous: str  # the modality of the clause before
    ctx: PlanContext

    @property  # only the rows that ask for it pay for it (one row, once a clause)
    def earlier_five_year_plan(self) -> bool:
        return _earlier_five_year_plan(self.clause, self.ctx)


_CLAUSE_READINGS = Remembered()


def read_clause(clause: str, ctx: PlanContext, before: ClauseReading) -> ClauseReading:
    """The reading of a clause, from the tables and the reading of the clause before it (the same
    clause, plan context and reading before always read the same: remembered)."""
    return _CLAUSE_READINGS.get((clause, before, *vars(ctx).values()), _read_clause, clause, ctx, before)


def _read_clause(clause: str, ctx: PlanContext, before: ClauseReading) -> ClauseReading:
    view = ClauseView(clause, _year_verdict(clause, ctx), before.modality, ctx)
    modality = first(MODALITY_RULES, view)
    new = first(NEW_CARRY_RULES, view)
    yearly = first(YEARLY_RULES, view)
    return ClauseReading(
        modality=modality.decision if modality else before.modality,
        new=new.decision == CARRY_NEW if new else before.new,
        annual=yearly.decision != NOT_YEARLY if yearly else before.annual,
        duty=yearly.decision == YEARLY_DUTY_DECISION if yearly else before.duty)


def _sentence_start(text: str, carry: SentenceCarry) -> ClauseReading:
    """An achievement, 新增 and 每年 run through their own sentence only; a sentence after a ；
    continues the one before, so an achievement or a goal runs on into it.  A sentence that reports
    its progress ("全年实现…，完成市定目标的131%") reports every number in it."""
    if PROGRESS_REPORTED.search(text):
        return ClauseReading(modality=ACHIEVEMENT)
    return ClauseReading(modality=carry.modality if carry.continues else TARGET)


class _Number:
    """One number being read, with everything the skip rules look at.  The text around it is sliced
    once, when it is made: every number is read by the rules, and a cached property cost more than
    the slice."""
    __slots__ = ("m", "clause", "clause_start", "before_all", "sentence", "facts", "reading", "unit", "before",
                 "after")

    def __init__(self, m: re.Match, clause: str, clause_start: int, before_all: str, sentence: Sentence,
                 facts: _SentenceFacts, reading: ClauseReading):
        self.m, self.clause, self.clause_start, self.sentence = m, clause, clause_start, sentence
        self.before_all = before_all  # the name zone: from the previous name's end to the number
        self.facts, self.reading = facts, reading
        self.unit: str | None = m.group("unit")
        start, end = m.span()
        self.before = clause[max(0, start - WINDOW):start]
        self.after = clause[end:end + WINDOW]

    # --- what rules.NUMBER_RULES read besides the text around the number
    @property
    def name_zone(self) -> str:
        return self.before_all

    @property
    def heading(self) -> bool:
        return self.sentence.is_heading

    @property
    def section_kind(self) -> str:
        return self.sentence.section_kind

    @property
    def modality(self) -> str:
        return self.reading.modality

    @property
    def future(self) -> bool:
        return self.facts.future

    @property
    def in_subsidy_rule(self) -> bool:
        return _in_spans(self.facts.subsidy_rules, self.clause_start + self.m.start())




def _skip_decision(n: _Number) -> tuple[str, str] | None:
    """(decision, reason) when the number is not a target — a masked span's, else that of the first
    row of rules.NUMBER_RULES that holds — or None when it is one."""
    if masked := n.facts.masked[n.clause_start + n.m.start()]:
        return SKIP, masked
    rule = first(NUMBER_RULES, n)
    return (rule.decision, rule.reason) if rule and rule.decision != TARGET else None


@dataclass
class _SentenceOutput:
    """What reading one sentence gives, gathered clause by clause."""
    found: list[Candidate]
    skipped: list[tuple[int, int, str]]  # (start, end, reason) in the numeral view
    covered: bytearray  # 1 where a mention looked at lies (view offsets)
    baseline: float | None  # a baseline read, waiting for the target after it


def extract_sentence(sentence: Sentence, ctx: PlanContext, paragraph_year: int | None,
                     carry: SentenceCarry = PARAGRAPH_START) -> tuple[list[Candidate], list[Skipped], SentenceCarry]:
    """The targets of one sentence, the numbers it holds that are not targets, and what it hands on to
    the next sentence.  The sentence is read through its numeral view (etl.vocab.numerals: 两家 → 2家);
    offsets go back to the sentence."""
    view = numeral_view(sentence.text)
    text = view.text
    future = _future_marked(text, sentence.section_kind == "other") or (carry.continues and carry.future)
    if DIGIT.search(text) is None:  # no number (four sentences in ten): only what it hands on is read
        return [], [], _carry_without_numbers(text, ctx, carry, future)
    read = sentence if text is sentence.text else Sentence(text, sentence.start, sentence.end, sentence.section,
                                                           sentence.section_kind, sentence.is_heading,
                                                           sentence.paragraph)
    facts = _SentenceFacts(_mask_reasons(text), _SENTENCE_YEARS.get((text, *vars(ctx).values()), _sentence_years, text, ctx),
                           _subsidy_rules(text),
                           future, paragraph_year, ctx, view.converted)
    reading = _sentence_start(text, carry)
    out = _SentenceOutput([], [], bytearray(len(text)), carry.baseline)
    for clause_start, clause_end in _clauses(text):
        clause = text[clause_start:clause_end]
        reading = read_clause(clause, ctx, reading)
        if DIGIT.search(clause) is not None:  # (every number mention starts with a digit)
            _read_clause_numbers(clause, clause_start, _ClauseContext(read, sentence, facts, reading), out)
    # Digits the mention pattern did not start on (ISO56005, a second number inside a range…).
    out.skipped += [(m.start(), m.end(), facts.masked[m.start()] or NO_UNIT) for m in ANY_NUMBER.finditer(text)
                    if not out.covered[m.start()]]
    skipped = [_skipped(sentence, view, start, end, reason) for start, end, reason in out.skipped]
    goes_on = text.rstrip().endswith(SENTENCE_GOES_ON)
    return _staged_names(out.found), skipped, SentenceCarry(reading.modality, facts.future, goes_on, out.baseline)


def _carry_without_numbers(text: str, ctx: PlanContext, carry: SentenceCarry, future: bool) -> SentenceCarry:
    """What a sentence without a number hands on: the same as extract_sentence's reading would.  Its
    clauses' modality is read only when the next sentence goes on with it (after a ；): it is the only
    reading handed on, and only such a sentence reads it."""
    goes_on = text.rstrip().endswith(SENTENCE_GOES_ON)
    modality = TARGET
    if goes_on:
        reading = _sentence_start(text, carry)
        for clause_start, clause_end in _clauses(text):
            reading = read_clause(text[clause_start:clause_end], ctx, reading)
        modality = reading.modality
    return SentenceCarry(modality, future, goes_on, carry.baseline)


def _skipped(sentence: Sentence, view: NumeralView, start: int, end: int, reason: str) -> Skipped:
    a, b = view.to_source(start), view.to_source(end)
    return Skipped(_context(sentence.text, a, b), reason, sentence.start + a, sentence.start + b)


class _ClauseContext(NamedTuple):
    read: Sentence  # the sentence in its numeral view
    sentence: Sentence  # ... and as written (what a target quotes)
    facts: _SentenceFacts
    reading: ClauseReading


def _read_clause_numbers(clause: str, clause_start: int, at: _ClauseContext, out: _SentenceOutput) -> None:
    """Each number of one clause: a target, or skipped with its reason."""
    previous_end = 0
    pending: list[Candidate] = []
    for m in _mentions(clause):
        pos = clause_start + m.start()
        out.covered[pos:clause_start + m.end()] = b"\x01" * len(m.group(0))
        # the name zone runs from the previous name's end, at most WINDOW characters back
        n = _Number(m, clause, clause_start, clause[max(previous_end, m.start() - WINDOW):m.start()], at.read,
                    at.facts, at.reading)
        decided = _skip_decision(n)
        if decided is not None:
            decision, reason = decided
            out.skipped.append((pos, clause_start + m.end(), reason))
            if decision == BASELINE:
                out.baseline = number_value(m.group("value"))
            elif decision == BASELINE_OF_PREVIOUS and pending:
                pending[-1].baseline = number_value(m.group("value"))
            continue  # a skipped number (a year, a baseline) is part of the next name's zone
        cand, name_end = _candidate(n, pending, out.baseline)
        out.baseline = None
        cand.sentence = at.sentence
        pending.append(cand)
        previous_end = name_end
    out.found.extend(_pair_respectively(clause, _carry_list_tier(clause, _tier_list(clause, pending)),
                                        at.read.text[:clause_start]))


def _mentions(clause: str) -> Iterator[re.Match]:
    """The clause's number mentions, in order.  A range written with its unit on both ends
    (15亿元至18亿元) is one mention, except after 由/从, where the two are a baseline and its target."""
    pos = 0
    while (m := MENTION.search(clause, pos)) is not None:
        if (m.group("first_unit") or m.group("first_mult")) and m.group("value_max") \
                and BASELINE_BEFORE.search(clause[max(0, m.start() - WINDOW):m.start()]):
            m = MENTION_ONE_END.match(clause, m.start())
        yield m
        pos = m.end()


def _name_and_verbs(n: _Number) -> tuple[str, str, int, str]:
    """(raw name, the verbs before a number-first name, where in the clause the name ends, the words
    before the number without their verbs)."""
    m, after, before_all = n.m, n.after, n.before_all
    # Number first ("新增1个国家级…试点园区"): the thing counted follows the unit.
    end = NAME_AFTER_ENDS.search(after)  # (the name after the number ends there: split's first piece)
    after_name = CLOSING_COMPARATOR.sub("", after[:end.start()] if end else after)
    before_name = _strip_verb(before_all.rstrip())
    name_before = _clean_name(before_name)
    if not name_before and n.clause_start and (not after_name.strip(DE) or after_name.lstrip()[:1] in "（("):
        # 版权登记量：2028年末不低于620件（…）: a goal whose clause names nothing, after a label naming a
        # kind of thing (not 具体目标：新增3家…, whose name follows the number; a bracket after it names nothing)
        label = COLON_LABEL.search(n.sentence.text, 0, n.clause_start)
        if label and KIND_WORD.search(label.group("name")):
            name_before = _clean_name(label.group("name"))
    number_first = bool(after_name.strip(DE + CLOSE_BRACKETS)) and (  # …新增12亿元）: a bracket closing is no name
        not name_before or before_name.rstrip().endswith(NUMBER_FIRST_VERBS)
        or NUMBER_FIRST_TAIL.search(before_name))
    if not number_first:
        return name_before, "", m.end(), before_name
    # a number-first name ("1个国家级…试点园区") is used up: the next name starts after it
    return (_clean_name(after_name.lstrip(DE)), before_name, m.end() + after.find(after_name) + len(after_name),
            before_name)


def _candidate(n: _Number, pending: list[Candidate], baseline: float | None) -> tuple[Candidate, int]:
    """The target the number states (with the baseline read before it), and where in the clause its name ends."""
    m, after, before_all, state, facts = n.m, n.after, n.before_all, n.reading, n.facts
    unit = n.unit
    value_max = number_value(m.group("value_max")) if m.group("value_max") else None
    raw_name, verb_zone, name_end, before_name = _name_and_verbs(n)
    notes = []
    if not raw_name and pending:
        raw_name = pending[-1].raw_name  # "分别达19件、20件" style continuation
    scope = _scope(raw_name + verb_zone + before_all, unit, after[:4], state.new)
    if state.annual and scope in ("stock", "new") and not NEW_PATTERN.search(raw_name + before_all):
        scope = "annual"
    if baseline is not None:  # "现有专员队伍由162人增至250人": the name stands before 由
        head = re.split(BASELINE_FROM, n.clause[max(0, m.start() - WINDOW):m.start()])[0]
        raw_name = _clean_name(EXISTING_LEAD.sub("", head)) or raw_name
    # a yearly duty (每年…, 年专题培训) has no due year; a yearly level (…产品年产值突破15亿元) or rate
    # (年均增长12%, 年度登记金额提高到1.5亿元) keeps the year its paragraph sets
    recurring = scope == "annual" and (RECURRING.search(raw_name + verb_zone + before_all + after[:3])
                                       or raw_name.startswith(YEAR_WORD) or state.duty)
    year = _target_year(facts.years, n.clause_start + m.start(), facts.paragraph_year, scope, facts.ctx)
    if recurring and not _year_written(facts, n.clause_start + m.start()) and not _one_year_plan(facts.ctx):
        year = None  # a yearly duty with no year written for it has no due year
    if written_after := YEAR_AFTER.match(after):  # "达到17件（2026年），达到20件（2027年）"
        year = int(written_after.group(1))
    start = n.clause_start + m.start()
    if facts.converted and any(a < n.clause_start + m.end() and start < b for a, b in facts.converted):
        notes.append("Chinese numeral")
    if not raw_name:
        notes.append("no name found")
    elif not verb_zone and len(before_name) - len(raw_name) > 20:
        notes.append("name far from its number")
    per_place = PER_PLACE.search(before_all)
    cand = Candidate(value=number_value(m.group("value")), value_max=value_max, unit=unit,
                     per_unit=per_place.group(1) if per_place else None,
                     multiplier=MULTIPLIERS.get(m.group("mult") or "", 1.0),
                     comparator=_comparator(before_all, after, value_max is not None, bool(m.group("more"))),
                     baseline=baseline,
                     scope=scope, target_year=year, raw_name=raw_name, qualitative=False, sentence=n.sentence,
                     number_text=m.group(0), notes=notes)
    return cand, name_end




def _tier_list(clause: str, cands: list[Candidate]) -> list[Candidate]:
    """A tier list in one clause (争创国家级2个、省级5个服务品牌机构; 服务品牌机构国家级2个、省级5个): each
    count is named by its own tier and the thing the list writes once, after its last number or before
    its first tier.  Unchanged when the thing is not a kind the vocabulary knows."""
    tiered = [(c, tier) for c in cands if (tier := _tier_of(c.raw_name)) is not None]
    if len(tiered) < 2:
        return cands
    first_head = tiered[0][0].raw_name[:-len(tiered[0][1])]
    last = tiered[-1][0]
    after = clause[clause.rfind(last.number_text) + len(last.number_text):] if last.number_text else ""
    thing = CLOSING_COMPARATOR.sub("", NAME_AFTER_ENDS.split(after)[0]).lstrip(DE)
    if not KIND_WORD.search(thing):
        thing = TASK_VERB_OPENING.sub("", first_head)
    if not KIND_WORD.search(thing):
        return cands
    for cand, tier in tiered:
        cand.raw_name = tier + thing
    return cands


def _carry_list_tier(clause: str, cands: list[Candidate]) -> list[Candidate]:
    """省级甲类单位3家、乙类单位6家: a member right after the one before it (、), naming a thing of the
    same length and head with no tier of its own, takes the tier the first wrote (etl.extract.rules.LIST_PREFIX)."""
    for before, cand in zip(cands, cands[1:]):
        name, previous = cand.raw_name or "", before.raw_name or ""
        if not name or len(previous) <= len(name) or TIER_LEAD.match(name) or previous[-2:] != name[-2:]:
            continue
        tier = LIST_PREFIX.search(previous[:len(previous) - len(name)])  # (after a verb: 新增省级…)
        if tier and before.number_text and f"{before.number_text}{LIST_MARK}{name}" in clause:
            cand.raw_name = tier.group(0) + name
    return cands


def _tier_of(name: str) -> str | None:
    """The tier a name ends with (争创国家级, 省级, 服务品牌机构国家级), else None."""
    found = TIER_END.search(name)
    return found.group(0) if found else None


def _pair_respectively(clause: str, cands: list[Candidate], before: str = "") -> list[Candidate]:
    """"有效发明专利、高价值发明专利分别达360件、18件": k names before 分别, k numbers after.  Stages
    written before the names give each value its year, in the clause ("2026年、2028年…分别达到11件、16件")
    or as the clause just before it (`before`: the sentence up to this clause)."""
    if RESPECTIVELY not in clause or len(cands) < 2:
        return cands
    head = clause.split(RESPECTIVELY)[0]
    stages = STAGE_YEAR_LIST.search(head) or (None if STAGE_YEARS.search(head) else STAGE_LIST_CLAUSE.search(before))
    years = [int(y) for y in STAGE_YEARS.findall(stages.group(0))] if stages else []
    if len(years) == len(cands):
        for cand, year in zip(cands, years):
            cand.target_year = year
        head = STAGE_YEAR_LIST.sub("", head)
    head = TOTAL_SUFFIX.sub("", _clean_name(head))  # "A、B总数分别…": 总数 qualifies both
    names = [n for n in LIST_SEPARATOR.split(head) if n]
    if len(names) == len(cands):
        for cand, name in zip(cands, _shared_across_list([_clean_name(n) for n in names])):
            cand.raw_name = name
    # "分别突破360家、18个": the verb governs every number; "分别达到42家、3家以上": so does the closing 以上
    shared = cands[-1].comparator if cands[-1].comparator != "=" else cands[0].comparator
    for cand in cands:
        if cand.comparator == "=":
            cand.comparator = shared
    return cands


def _shared_across_list(names: list[str]) -> list[str]:
    """What an A、B分别 list writes once reaches every member, so each name says what its number counts:
    a density before the first member and a measure after the last (每万人口A、B拥有量: both are holdings
    per 10,000 residents), the kind of the first for a member that is only a measure (A申请量和授权量),
    and the kind of the last for a member that is only a tier (国家级、省级示范企业)."""
    first, last = names[0], names[-1]
    density, measure = DENSITY_WORD.match(first), MEASURE_TAIL.search(last)
    first_measure = MEASURE_TAIL.search(first)
    out = []
    for i, name in enumerate(names):
        if TIER_ONLY.match(bare := LIST_VERB_LEAD.sub("", name)) and (lead := TIER_LEAD.match(last)) \
                and KIND_WORD.search(last):
            name = bare + last[lead.end():]
        elif not KIND_WORD.search(name) and MEASURE_TAIL.fullmatch(name) and i and first_measure \
                and KIND_WORD.search(first[:first_measure.start()]):
            name = first[:first_measure.start()] + name
        elif density and measure and not first_measure and not DENSITY_WORD.search(last):
            # the shape 每万人口A、B拥有量: the prefix and the suffix govern every member
            if i and not DENSITY_WORD.search(name):
                name = density.group(0) + name
            if i < len(names) - 1 and not MEASURE_TAIL.search(name):
                name += measure.group(0)
        out.append(name)
    return out


def _thin(name: str) -> bool:
    """A staged value's own name (2028年达到每万人, 当年): only years, verbs, a density and filler."""
    rest = STAGE_FILLER.sub("", YEAR_MENTION.sub("", DENSITY_WORD.sub("", name)))
    return _strip_verb("\0" + rest) == "\0" or not rest.strip(YEAR_WORD)  # \0: a verb alone is stripped too


def _staged_names(found: list[Candidate]) -> list[Candidate]:
    """X2026年达到A，2028年达到B: the second value names only its year (and maybe a density), so it
    carries the name of the value before it in the sentence; a year and what follows it are cut from
    a name when they add nothing but a density (X拥有量某年达到每万人N件)."""
    previous = ""
    for cand in found:
        if cand.qualitative or not cand.raw_name:
            continue
        cut = _without_trailing_years(cand.raw_name)
        if cut != cand.raw_name:
            cand.raw_name = cut
        elif previous and _thin(cand.raw_name) and not KIND_WORD.search(cand.raw_name):
            density = DENSITY_WORD.search(cand.raw_name)
            cand.raw_name = previous + (density.group(0) if density and not DENSITY_WORD.search(previous) else "")
        previous = _core(cand.raw_name)
    return found


def _without_trailing_years(name: str) -> str:
    """A name cut before the years written after it (X拥有量某年、某年; X拥有量某年达到每万人), keeping
    a density they held; unchanged when the part after a year says more than that."""
    density = ""
    while (years := list(YEAR_MENTION.finditer(name))) and years[-1].start() > 0:
        head, tail = name[:years[-1].start()], name[years[-1].start():]
        if not _thin(tail) or not KIND_WORD.search(head):
            break
        found = DENSITY_WORD.search(tail)
        density = density or (found.group(0) if found else "")
        name = _clean_name(head)
    return name + density if density and not DENSITY_WORD.search(name) else name


def _core(name: str) -> str:
    """The part of a name a staged value after it shares: without a density written after it (each value
    writes its own) and without a growth word (年均增长N%，某年当年达到M次: the level is no growth)."""
    densities = list(DENSITY_WORD.finditer(name))
    if densities and densities[-1].start() > 0 and densities[-1].end() == len(name):
        name = name[:densities[-1].start()]
    name = GROWTH_TAIL.sub("", name)
    return name if KIND_WORD.search(name) else ""


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    return text[max(0, start - width):end + width]


def _named_build(m: re.Match, sentence: Sentence) -> Candidate:
    return Candidate(value=None, value_max=None, unit=None, multiplier=1.0, comparator=None, baseline=None,
                     scope=None, target_year=None, raw_name=_clean_name(m.group("what") or m.group("passed")),
                     qualitative=True,
                     sentence=sentence, notes=["named goal to build"])




def task_goals(sentence: Sentence) -> list[Candidate]:
    """A task's whole-territory coverage or its dated end, as a qualitative row naming what it is about
    (in an item's heading too: "（一）推进…，力争…数量取得突破")."""
    if sentence.section_kind != "tasks" or not _holds_any(sentence.text, TASK_GOAL_MARKERS):
        return []
    goals = []
    for clause_start, clause_end in _clauses(sentence.text):
        clause = sentence.text[clause_start:clause_end]
        m = TASK_GOAL.search(clause)
        if not m:
            continue
        dated = DATED_BEFORE.search(sentence.text[:clause_start + m.start()])
        if m.group("dated_cover") and not dated:
            continue
        # What is covered or ended: named inside the phrase, or the clause before (…指导站建设，实现…),
        # else this clause's head.
        head = m.group("area") or m.group("what") or m.group("dated_cover") or COMMITMENT_TAIL.sub("", clause[:m.start()].strip())
        if not head:
            head = CLAUSE_BREAK.split(sentence.text[:clause_start].rstrip(CLAUSE_BREAK_CHARS))[-1]
        subject = _clean_name(TASK_VERB_OPENING.sub("", TASK_WORD_TAIL.sub("", head.strip())))
        if not subject:
            continue
        year = int(m.group("year") or (m.group("dated_cover") and dated.group(1)) or 0) or None
        goals.append(Candidate(value=None, value_max=None, unit=None, multiplier=1.0, comparator=None,
                               baseline=None, scope=None, target_year=year, raw_name=subject[-WINDOW:],
                               qualitative=True, sentence=sentence, notes=[m.group(0)]))
    return goals


def _holds_any(text: str, markers: tuple[str, ...]) -> bool:
    """Does the text hold one of a pattern's markers (without one the pattern cannot match: not searched)?"""
    for marker in markers:
        if marker in text:
            return True
    return False


def _counted(text: str, pos: int) -> bool:
    """Does the clause around `pos` count what it names ("建成…培育中心不少于1家"): then it is a target
    with a number, read as one, not a named goal."""
    start, end = next(((a, b) for a, b in _clauses(text) if a <= pos < b), (0, len(text)))
    return bool(COUNTED_NUMBER.search(numeral_view(text[start:end]).text))




def qualitative_goals(sentence: Sentence, ctx: PlanContext) -> list[Candidate]:
    """Named goals without a number: "每万人…拥有量高于全省平均水平", "发明专利清零"."""
    if sentence.section_kind == "tasks":
        if sentence.is_heading:
            return task_goals(sentence)
        # A thing a task builds is a goal when a date is set for it ("年内建成县…公共服务中心"), and
        # in a year's work points, whose every item is that year's commitment.
        builds = [b for b in NAMED_BUILD.finditer(sentence.text)
                  if (_one_year_plan(ctx) or DATED_TASK.search(sentence.text[:b.start()]))
                  and not _counted(sentence.text, b.start())] if _holds_any(sentence.text, NAMED_BUILD_MARKERS) else []
        return task_goals(sentence) + [_named_build(b, sentence) for b in builds]
    if sentence.section_kind != "goals":
        return []
    goals = []
    for clause_start, clause_end in _clauses(sentence.text):
        goals += _clause_goals(sentence, clause_start, clause_end)
    return goals


def _clause_goals(sentence: Sentence, clause_start: int, clause_end: int) -> list[Candidate]:
    """The named goals of one clause of a goals part (none when the clause counts its target)."""
    clause = sentence.text[clause_start:clause_end].rstrip(SENTENCE_END)
    read = numeral_view(clause).text
    if MENTION.search(read) and COUNTED_NUMBER.search(read):
        return []
    goals = [_named_build(b, sentence) for b in NAMED_BUILD.finditer(clause)]
    m = QUALITATIVE_GOAL.search(clause)
    if not m or (DOUBLING.match(m.group(1)) and STATED_NEXT.match(numeral_view(sentence.text[clause_end:]).text)):
        return goals  # "翻一番，达到N件": the number after it is the target
    if sentence.is_heading and (not SELF_MEASURED_GOAL.search(m.group(1)) or RANK_WORD in m.group(1)):
        return goals  # an item's heading states a goal only in a goal's own yardstick (…服务点实现全覆盖)
    subject = _goal_subject(clause, m)
    parts = [p for p in subject.split(ENUMERATION_COMMA) if p]
    if SELF_MEASURED_GOAL.search(m.group(1)):
        parts = [subject] if subject else []
    elif not parts or not all(MEASURABLE.search(p) for p in parts):
        return goals
    return goals + [Candidate(value=None, value_max=None, unit=None, multiplier=1.0, comparator=None,
                              baseline=None, scope=None, target_year=None, raw_name=part, qualitative=True,
                              sentence=sentence, notes=[m.group(1)]) for part in parts]


def _goal_subject(clause: str, m: re.Match) -> str:
    """What a named goal is about: the words before it; else, verb first (持续提升…满意度), the words
    after it; else what is covered (实现…工作站全覆盖) — not bare places (…实现乡镇全覆盖 spreads
    the count before it)."""
    head = QUOTES.sub("", clause[max(0, m.start() - WINDOW):m.start()].rstrip(OPENING_QUOTES))
    subject = GOAL_VERB_OPENING.sub("", _clean_name(GOAL_VERB_TAIL.sub("", head)))
    if not subject and m.end() < len(clause):
        subject = _clean_name(clause[m.end():m.end() + WINDOW])
    if not subject and m.group("covered") and not ONLY_PLACES.match(m.group("covered")):
        subject = _clean_name(m.group("covered"))
    return subject


# ("（一）2024年目标。…", "2027年为攻坚年。…", "第一年（启动年）：…": a stage's own list)


def paragraph_target_years(sentences: list[Sentence], ctx: PlanContext) -> dict[int, list[tuple[int, int]]]:
    """For each paragraph, the (offset, year) of each 到/至 YYYY 年 mention — a year set at the start of
    a goals paragraph ("到2026年，…") governs the targets that follow it in the same paragraph.  A line
    that ends by announcing a list ("到2026年：") governs the lines of its part that follow."""
    years: dict[int, list[tuple[int, int]]] = {}
    announced: tuple[str, int] | None = None  # (top-level part, year)
    for s in sentences:
        if announced and s.paragraph not in years and announced[0] == _top_part(s):
            years[s.paragraph] = [(s.start - 1, announced[1])]
        if not _holds_any(s.text, PARAGRAPH_YEAR_MARKERS):
            continue
        for m in PARAGRAPH_YEAR.finditer(s.text):
            if m.group(4):  # "第二年（攻坚年）：…": the plan's second year
                if ctx.period_start is None:
                    continue
                year = ctx.period_start + numeral_digit(m.group(4)) - 1
            else:
                year = int(m.group(1) or m.group(2) or m.group(3))
                if m.group(1) and (stages := STAGE_YEAR_LIST.match(s.text, m.start(1))):
                    # 到2025年末、2026年末、2027年末，…: each stage's value has its year; what follows in
                    # the paragraph is due at the last stage, not the first
                    year = int(STAGE_YEARS.findall(stages.group(0))[-1])
            if ctx.period_start is None or year >= ctx.period_start:
                # a stage that opens its line ("第一年（启动年）：…") governs the whole line, its first sentence too
                opens_line = bool(m.group(3) or m.group(4)) and m.start() == 0
                years.setdefault(s.paragraph, []).append((s.start + m.start() - opens_line, year))
                # "到2026年：" announces a list; "（二）主要目标。到2025年，…" opens the goals the
                # bullets after it spell out: either governs the lines of its part that follow
                # and so does a part headed by a year's work ("三、2026年度工作安排")
                if s.text.rstrip().endswith(LIST_ANNOUNCED) or (s.section_kind == "goals" and m.start() <= 3) \
                        or (s.is_heading and m.group(3)):
                    announced = (_top_part(s), year)
    return years


def _top_part(s: Sentence) -> str:
    return s.section.split(" › ")[0]


def _numbers_skipped(s: Sentence, reason: str) -> list[Skipped]:
    return [Skipped(_context(s.text, m.start(), m.end()), reason, s.start + m.start(), s.start + m.end())
            for m in ANY_NUMBER.finditer(s.text)]


def _year_before(paragraph_years: list[tuple[int, int]], offset: int) -> int | None:
    """The last year its paragraph set before `offset` (the list is in text order)."""
    before = bisect_left(paragraph_years, (offset,))
    return paragraph_years[before - 1][1] if before else None


def _item_name(text: str) -> str:
    """The name a numbered item states alone ("2．某某授权量。"), or "" when the sentence is more than a name."""
    m = ITEM_NAME_LINE.match(text)
    if not m or not KIND_WORD.search(name := m.group("name").strip()):
        return ""
    if m.group("chinese") and not (MEASURABLE.search(name) or _ends_with_kind(name)):
        return ""
    return name


def _ends_with_kind(name: str) -> bool:
    return any(found.end() == len(name) for found in KIND_WORD.finditer(name))


def _named_by_item(cands: list[Candidate], item: str, text: str) -> None:
    """Values of the sentence after an item's name that name no kind themselves but say they are its target
    ("目标9件", "目标分别达到8家、40家") take the item's name; a list item (A、B) with 分别 gives each value its member, in order; a value
    named as a growth rate stays a growth rate of the item."""
    unnamed = [c for c in cands if not c.qualitative and not KIND_WORD.search(c.raw_name or "")]
    if not unnamed or not ITEM_TARGET_WORDS.search(text):
        return
    members = [m for m in LIST_SEPARATOR.split(item) if m]
    if RESPECTIVELY in text and len(members) == len(unnamed) > 1:
        names = _shared_across_list(members)
    elif len(members) > 1 and RESPECTIVELY in text:
        return  # a list whose members do not pair with the values: leave them unnamed
    else:
        names = [item] * len(unnamed)
    for cand, name in zip(unnamed, names):
        growth = GROWTH_IN_NAME.search(cand.raw_name or "")
        cand.raw_name = name + (growth.group(0) if growth else "")
        cand.notes.append("named by the item before it")


def extract_candidates(sentences: list[Sentence], ctx: PlanContext) -> tuple[list[Candidate], list[Skipped]]:
    para_years = paragraph_target_years(sentences, ctx)
    found: list[Candidate] = []
    skipped: list[Skipped] = []
    carry = PARAGRAPH_START
    current_paragraph = None
    item_name = ""  # the indicator a numbered item names in a sentence of its own, for the sentence after it
    for s in sentences:
        if s.paragraph != current_paragraph:
            carry = PARAGRAPH_START
            current_paragraph = s.paragraph
            item_name = ""
        if len(found) + len(skipped) >= MAX_NUMBERS:
            if ANY_NUMBER.search(s.text):  # one row for the sentence, not one per number
                skipped.append(Skipped(_context(s.text, 0, 0, width=40), TOO_MANY, s.start, s.end))
            continue
        if s.section_kind == "annex" or s.section_kind == "phases" and not STAGE_GOAL.search(s.text):
            skipped.extend(_numbers_skipped(s, "annex table (read separately)" if s.section_kind == "annex"
                                            else "timetable"))
            continue
        cands, skips, carry = extract_sentence(s, ctx, _year_before(para_years.get(s.paragraph, []), s.start), carry)
        if item_name:
            _named_by_item(cands, item_name, s.text)
        item_name = _item_name(s.text)
        found.extend(cands)
        skipped.extend(skips)
        found.extend(qualitative_goals(s, ctx))
        if not cands and carry.baseline is not None:
            carry = carry._replace(baseline=None)
    return found, skipped
