"""Candidate targets → the same, each read against the text's own time (issue 21).

The clause grammar (etl.extract.clauses) reads each number where it stands; this step reads it
against when the text was written (etl.read.anchor.TimeAnchor):

  * a number dated by its own sentence to a year before a dated text (a news item's dateline, an
    issuing date, a work-point list's title year) reports what was reached: an achievement, kept in
    skipped_numbers with that year, never a target;
  * a link to another article (上一篇：…) is page furniture, not this text's content;
  * each kept target says where its due year came from (`target_year_from`): its clause, its
    paragraph, a section heading (第二年（2027年）, a work-point list's title), the text's own year
    (年内, 今年), or the plan's end — and a heading's year wins over the plan's end.

Data shape: `TimedTarget(candidate, target_year, target_year_from)`; skipped numbers are
etl.extract.clauses.Skipped plus the year they refer to (`DatedSkip`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from etl.extract.clauses import Candidate, Skipped
from etl.read.anchor import TimeAnchor
from etl.segment.sentences import Sentence, classify_heading
from etl.vocab.time import (
    BASE_YEAR_BEFORE,
    EVENT_UNITS,
    EVENTS_HELD,
    FLOW_NAME,
    FORWARD_HEADING,
    HEADING_YEAR,
    NAVIGATION_LINE,
    ORDINAL,
    ORDINAL_DIGITS,
    ORDINAL_YEAR,
    RESULTS_HEADING,
    STOCK_NAME,
    YEAR_WRITTEN,
)

ACHIEVEMENT_REASON = "achievement"  # the prefix of every skip reason that reports a level reached
MAX_HEADING = 24  # characters: a longer "heading" is an item of a list, not a part
SECTION_SEPARATOR = "›"  # etl.segment.sentences joins the heading path with it
DATED_SOURCES = ("dateline", "issued", "heading")  # a title's period says what a plan covers, not when it was written
YEAR_SOURCES = ("clause", "paragraph", "heading", "text_year", "context", "plan_end", "none")  # context: a phase or stage


@dataclass(frozen=True)
class TimedTarget:
    candidate: Candidate
    target_year: int | None
    target_year_from: str  # one of YEAR_SOURCES
    scope: str | None      # the candidate's scope, or annual for a one-year part's flow (see one_year_scope)


@dataclass(frozen=True)
class DatedSkip:
    skipped: Skipped
    year: int | None


def _number_position(c: Candidate) -> int:
    pos = c.sentence.text.find(c.number_text) if c.number_text else -1
    return pos if pos >= 0 else len(c.sentence.text)


def years_written_before(text: str, pos: int) -> list[int]:
    """The years a sentence names before a number, base years (较2023年) left out."""
    return [int(m.group(1)) for m in YEAR_WRITTEN.finditer(text, 0, pos)
            if text[max(0, m.start() - 1):m.start()] not in BASE_YEAR_BEFORE]


def is_achievement(c: Candidate, anchor: TimeAnchor) -> bool:
    """Dated by its own sentence to a year before the text was written: it reports the past."""
    if c.qualitative or c.target_year is None or not anchor.found or anchor.source not in DATED_SOURCES:
        return False
    written = years_written_before(c.sentence.text, _number_position(c))
    return bool(written) and written[-1] == c.target_year and c.target_year < anchor.year


def _heading_year(section: str) -> int | None:
    """The year a section heading dates its part with ("三、2026年度工作安排", "第二年（2027年）"): the
    innermost heading that names one year and no other number.  A heading that is itself a target
    ("（一）…达到2.5件（2020年为0.9件）") dates nothing."""
    for part in reversed((section or "").split(SECTION_SEPARATOR)):
        years = HEADING_YEAR.findall(part)
        if len(years) != 1 or len(part.strip()) > MAX_HEADING:
            continue
        if any(ch.isdigit() for ch in HEADING_YEAR.sub("", ORDINAL.sub("", part, count=1))):
            continue
        return int(years[0])
    return None


def _ordinal_year(c: Candidate, first_year: int | None) -> int | None:
    """第二年 written before the number, after any plain year: the plan's second year."""
    if first_year is None:
        return None
    before = c.sentence.text[:_number_position(c)]
    ordinals = list(ORDINAL_YEAR.finditer(before))
    if not ordinals:
        return None
    last = ordinals[-1]
    if any(m.start() > last.start() for m in YEAR_WRITTEN.finditer(before)):
        return None
    return first_year + ORDINAL_DIGITS[last.group(1)] - 1


def year_source(c: Candidate, paragraph_text: str, anchor: TimeAnchor,
                period: tuple[int | None, int | None]) -> tuple[int | None, str]:
    """(due year, where it came from): the clause (a year, or 第N年 of the plan), else the paragraph,
    else a heading's single year (which replaces the plan's end), else the text's own year, else the
    plan's end."""
    year, period_end = c.target_year, period[1]
    ordinal = _ordinal_year(c, period[0])
    if ordinal is not None:
        return ordinal, "clause"
    if year is not None and str(year) in c.sentence.text[:_number_position(c)]:
        return year, "clause"
    if year is not None and str(year) in paragraph_text:
        return year, "paragraph"
    heading = _heading_year(c.sentence.section)
    if heading is None and anchor.source == "heading":  # a work-point list: every item is due in its year
        heading = anchor.year
    if heading is not None:
        undated = year is None
        if undated or year == period_end or year == heading:
            return heading, "heading"
    if year is None:
        return None, "none"
    if year == anchor.year and year != period_end:
        return year, "text_year"
    return year, "plan_end" if year == period_end else "context"


def one_year_scope(c: Candidate, year_from: str, year: int | None = None) -> str | None:
    """A target due in one year's part (a work-point list, a 第二年 stage, a 2026年工作打算) that counts
    what is granted, lent, traded or done is that year's flow: annual, not a level held.  A year its own
    clause writes ("2027年商标申请量不少于N件") makes it one too when its part is headed by that year."""
    name = c.raw_name or ""
    one_year = year_from == "heading" or (year is not None and _heading_year(c.sentence.section) == year)
    if c.scope == "stock" and one_year and FLOW_NAME.search(name) and not STOCK_NAME.search(name):
        return "annual"
    # ... and so is a number of events the part holds (举办培训班6期): made in the year, not added to a stock
    if c.scope == "new" and one_year and EVENTS_HELD.search(name) and c.unit in EVENT_UNITS:
        return "annual"
    return c.scope


def read_against_anchor(candidates: list[Candidate], anchor: TimeAnchor, paragraphs: dict[int, str],
                        period: tuple[int | None, int | None]) -> tuple[list[TimedTarget], list[DatedSkip]]:
    """Split candidates into targets (with their due year and its source) and numbers that are not
    targets once the text's own time is known (achievements before it, links to other articles)."""
    kept, skipped = [], []
    for c in candidates:
        if NAVIGATION_LINE.search(c.sentence.text):
            skipped.append(DatedSkip(_skip(c, "page navigation: a link to another article"), None))
        elif is_achievement(c, anchor):
            reason = f"achievement: {c.target_year}, before the text ({anchor.source} {anchor.year})"
            skipped.append(DatedSkip(_skip(c, reason), c.target_year))
        elif _results_part(c, anchor):
            written = years_written_before(c.sentence.text, _number_position(c))
            year = written[-1] if written else _heading_year(c.sentence.section) or anchor.year
            skipped.append(DatedSkip(_skip(c, f"achievement: in a report's part of results ({year})"), year))
        else:
            year, source = year_source(c, paragraphs.get(c.sentence.paragraph, ""), anchor, period)
            kept.append(TimedTarget(c, year, source, one_year_scope(c, source, year)))
    return kept, skipped


def _results_part(c: Candidate, anchor: TimeAnchor) -> bool:
    """In a dated report, a part headed as what was done ("一、2025年工作成效", "一、…时期的主要成就")
    reports results, whatever its verbs (为N家企业争取…资金, 从N件增加到M件), unless a later year heads it."""
    if c.qualitative or anchor.genre != "progress" or anchor.source not in DATED_SOURCES:
        return False
    top = c.sentence.section.split(SECTION_SEPARATOR)[0]
    year = _heading_year(top)
    return bool(RESULTS_HEADING.search(top)) and not FORWARD_HEADING.search(top) and (year is None or year <= anchor.year)


def parts_by_time(sentences: list[Sentence], anchor: TimeAnchor) -> list[Sentence]:
    """Parts the clause grammar cannot classify by their heading, classified by time:
    a year's work points are all commitments for that year (their opening lines, "主要目标是：…", are
    goals; a part headed "一、提升创造质量" is a task list); in a dated report, a part headed by a later
    year or by a word of planning ("三、2026年工作打算", "下一步工作安排") is a task list.  A part headed
    as background (工作基础, 现状) or by the report's own year ("一、2025年工作成效") stays as it was."""
    out = []
    for s in sentences:
        top = s.section.split(SECTION_SEPARATOR)[0]
        if s.section_kind == "preamble" and anchor.genre == "workpoints":
            s = replace(s, section_kind="goals")
        elif s.section_kind == "other" and classify_heading(top) is None and _forward_part(top, anchor):
            s = replace(s, section_kind="tasks")
        out.append(s)
    return out


def _forward_part(top_heading: str, anchor: TimeAnchor) -> bool:
    if anchor.genre == "workpoints":
        return True
    if not anchor.found or anchor.source not in DATED_SOURCES:
        return False
    year = _heading_year(top_heading)
    if year is not None:
        return year > anchor.year
    return bool(FORWARD_HEADING.search(top_heading))


def achievement_year(s: Skipped, sentences: list[Sentence]) -> int | None:
    """The year an achievement the clause grammar skipped refers to ("2024年底，全县…达到468件"): the last
    year its sentence writes before it.  Other skipped numbers have no year of their own here."""
    if not s.reason.startswith(ACHIEVEMENT_REASON):
        return None
    i = bisect_right(sentences, s.start, key=_start) - 1  # (sentences are in text order; no list of starts made per call)
    if i < 0:
        return None
    sentence = sentences[i]
    years = years_written_before(sentence.text, s.start - sentence.start)
    return years[-1] if years else None


def _start(sentence: Sentence) -> int:
    return sentence.start


def _skip(c: Candidate, reason: str) -> Skipped:
    pos = _number_position(c)
    start = c.sentence.start + pos
    return Skipped(c.number_text or c.sentence.text[pos:pos + 12], reason, start,
                   start + len(c.number_text or ""))


