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

from dataclasses import dataclass

from etl.extract.clauses import Candidate, Skipped
from etl.read.anchor import TimeAnchor
from etl.vocab.time import BASE_YEAR_BEFORE, HEADING_YEAR, NAVIGATION_LINE, ORDINAL, YEAR_WRITTEN

MAX_HEADING = 24  # characters: a longer "heading" is an item of a list, not a part
SECTION_SEPARATOR = "›"  # etl.segment.sentences joins the heading path with it
DATED_SOURCES = ("dateline", "issued", "heading")  # a title's period says what a plan covers, not when it was written
YEAR_SOURCES = ("clause", "paragraph", "heading", "text_year", "context", "plan_end", "none")  # context: a phase or stage


@dataclass(frozen=True)
class TimedTarget:
    candidate: Candidate
    target_year: int | None
    target_year_from: str  # one of YEAR_SOURCES


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


def year_source(c: Candidate, paragraph_text: str, anchor: TimeAnchor,
                period_end: int | None) -> tuple[int | None, str]:
    """(due year, where it came from): the clause, else the paragraph, else a heading's single year
    (which replaces the plan's end), else the text's own year, else the plan's end."""
    year = c.target_year
    if year is not None and str(year) in c.sentence.text[:_number_position(c)]:
        return year, "clause"
    if year is not None and str(year) in paragraph_text:
        return year, "paragraph"
    heading = _heading_year(c.sentence.section)
    if heading is None and anchor.source == "heading":  # a work-point list: every item is due in its year
        heading = anchor.year
    if heading is not None:
        undated = year is None and (anchor.source == "heading" or c.scope != "annual")
        if undated or year == period_end or year == heading:
            return heading, "heading"
    if year is None:
        return None, "none"
    if year == anchor.year and year != period_end:
        return year, "text_year"
    return year, "plan_end" if year == period_end else "context"


def read_against_anchor(candidates: list[Candidate], anchor: TimeAnchor, paragraphs: dict[int, str],
                        period_end: int | None) -> tuple[list[TimedTarget], list[DatedSkip]]:
    """Split candidates into targets (with their due year and its source) and numbers that are not
    targets once the text's own time is known (achievements before it, links to other articles)."""
    kept, skipped = [], []
    for c in candidates:
        if NAVIGATION_LINE.search(c.sentence.text):
            skipped.append(DatedSkip(_skip(c, "page navigation: a link to another article"), None))
        elif is_achievement(c, anchor):
            reason = f"achievement: {c.target_year}, before the text ({anchor.source} {anchor.year})"
            skipped.append(DatedSkip(_skip(c, reason), c.target_year))
        else:
            year, source = year_source(c, paragraphs.get(c.sentence.paragraph, ""), anchor, period_end)
            kept.append(TimedTarget(c, year, source))
    return kept, skipped


def _skip(c: Candidate, reason: str) -> Skipped:
    pos = _number_position(c)
    start = c.sentence.start + pos
    return Skipped(c.number_text or c.sentence.text[pos:pos + 12], reason, start,
                   start + len(c.number_text or ""))


