"""Clean text → the text's own time: when it was written and what kind of text it is.

A news item of 2019 that says "2018年全区…达到N亿元" reports the past; a plan issued in 2024 that says
"到2026年…达到" sets a target.  Reading a number's time needs the text's own time first, so this step
finds it, with where it was found:

    heading       a work-point list's title year ("2027年版权工作要点"): every item is due that year
    dateline      a news item's date beside its outlet, reporter or posting time (top or bottom)
    issued        a date line that issues the text (a notice's 落款, "…印发", "（…在…会议上的报告）")
    title_period  the period in the title or first lines ("（2025—2027年）", "十四五"): its first year
    none          nothing found: said so, and every later step falls back to the plan period

Data shape born here: `TimeAnchor(year, month, source, text, start, genre)`; `text` is the line it was
read from, `start` its offset in the clean text.  `genre` is news | progress | workpoints | plan |
unknown, read from the title and the page's furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.vocab.numerals import small_number
from etl.vocab.time import (
    BRACKETS_AND_SPACES,
    CITED_TITLE,
    CITED_TITLE_TEXT,
    DATELINE_WORDS,
    DOC_DATE,
    FIVE_YEAR_PLAN,
    FIVE_YEAR_PLANS,
    FULL_DATE,
    ISSUED_LABEL,
    ISSUED_WORDS,
    NEWS_MARKERS,
    OPENING_BRACKETS,
    OWN_PLAN_TITLE,
    PERIOD,
    PERIOD_IN_TITLE,
    PLAN_TITLE,
    PROGRESS_TITLE,
    SENTENCE_MARKS,
    TITLE_YEAR,
    UNTIL_BEFORE,
    WORKPOINTS_TITLE,
    YEAR_DIGITS,
)

MAX_TITLE = 60   # characters: a longer line is body text, not a title
HEAD_LINES = 8   # a title, a subtitle, a dateline or an issuer sit in the first lines …
TAIL_LINES = 6   # … or, for a byline or a notice's 落款, in the last ones
SOURCES = ("heading", "dateline", "issued", "title_period", "none")
GENRES = ("news", "progress", "workpoints", "plan", "unknown")


@dataclass(frozen=True)
class TimeAnchor:
    year: int | None
    month: int | None
    source: str          # one of SOURCES
    text: str            # the line it was read from ("" when none)
    start: int | None    # offset of that line in the clean text
    genre: str           # one of GENRES

    @property
    def found(self) -> bool:
        return self.year is not None


@dataclass(frozen=True)
class _Line:
    text: str
    start: int


def _head_and_tail(text: str) -> tuple[list[_Line], list[_Line]]:
    """The first HEAD_LINES lines that hold something and, in a text with more, its last TAIL_LINES: the
    only lines an anchor is read from (the lines between are passed over without being made)."""
    found, pos = [], 0  # (line as written, its offset) of each line that holds something
    for raw in text.split("\n"):
        if raw.strip():
            found.append((raw, pos))
        pos += len(raw) + 1
    head = [_line(raw, start) for raw, start in found[:HEAD_LINES]]
    return head, [_line(raw, start) for raw, start in found[-TAIL_LINES:]] if len(found) > HEAD_LINES else []


def _line(raw: str, start: int) -> _Line:
    return _Line(raw.strip(), start + len(raw) - len(raw.lstrip()))


def _year(token: str) -> int:
    """20\\d\\d or 二〇二五 (one digit a character)."""
    return int(token) if token.isdigit() else int("".join(str(YEAR_DIGITS[ch]) for ch in token))


def _small(token: str) -> int | None:
    return int(token) if token.isdigit() else small_number(token)


def _date(line: str) -> tuple[int, int, re.Match] | None:
    """(year, month, match) of the first full date on a line outside a cited title."""
    outside = CITED_TITLE.sub(lambda m: " " * len(m.group(0)), line)
    m = FULL_DATE.search(outside)
    if not m:
        return None
    if m.group(1):
        return _year(m.group(1)), _small(m.group(2)), m
    return int(m.group(4)), int(m.group(5)), m


def _single_title_year(line: str) -> int | None:
    years = set(TITLE_YEAR.findall(line))
    return int(years.pop()) if len(years) == 1 and not PERIOD_IN_TITLE.search(line) else None


def _heading(head: list[_Line]) -> TimeAnchor | None:
    for line in head[:3]:
        year = _single_title_year(line.text)
        if year and WORKPOINTS_TITLE.search(line.text) and not PROGRESS_TITLE.search(line.text):
            return TimeAnchor(year, None, "heading", line.text, line.start, "workpoints")
    return None


def _is_date_line(line: str, m: re.Match) -> bool:
    """A line that is a date and little else: "2025年2月18日", "2025年4月10日印发"."""
    rest = (line[:m.start()] + line[m.end():]).strip(BRACKETS_AND_SPACES)
    return len(rest) <= 4 or (len(rest) <= 8 and bool(ISSUED_WORDS.search(rest)))


def _issues_the_text(line: str, m: re.Match) -> bool:
    """A date that issues the text: a date line, "…于2025年4月10日印发", a portal's 成文日期, or a
    bracketed line saying where a report was delivered.  Not a date the text looks ahead to
    ("有效期至2027年12月31日") or back from ("截至2024年底")."""
    if UNTIL_BEFORE.search(line[max(0, m.start() - 3):m.start()]):
        return False
    if _is_date_line(line, m) or ISSUED_WORDS.search(line[m.end():m.end() + 4]):
        return True
    if ISSUED_LABEL.search(line[max(0, m.start() - 8):m.start()]):
        return True
    return line[:1] in OPENING_BRACKETS and len(line) <= MAX_TITLE and bool(ISSUED_WORDS.search(line))


def _dated(lines: list[_Line], genre: str) -> TimeAnchor | None:
    """A news item dates itself in a dateline first; any other text by the line that issues it."""
    kinds = ("dateline", "issued") if genre == "news" else ("issued", "dateline")
    for kind in kinds:
        for line in lines:
            found = _date(line.text)
            if found and _dates_as(kind, line.text, found[2]):
                return TimeAnchor(found[0], found[1], kind, line.text, line.start, genre)
    return None


def _dates_as(kind: str, line: str, m: re.Match) -> bool:
    if kind == "dateline":
        return bool(DATELINE_WORDS.search(line))
    return _issues_the_text(line, m)


def _is_title(line: str) -> bool:
    """A title or subtitle line: short, and no sentence runs through it."""
    return len(line) <= MAX_TITLE and not SENTENCE_MARKS.search(line)


def _title_period(head: list[_Line], genre: str) -> TimeAnchor | None:
    for line in head[:3]:
        if not _is_title(line.text):
            continue
        m = PERIOD_IN_TITLE.search(line.text)
        if m and int(m.group(1)) < int(m.group(2)):
            return TimeAnchor(int(m.group(1)), None, "title_period", line.text, line.start, genre)
        m = FIVE_YEAR_PLAN.search(line.text)
        if m:
            return TimeAnchor(FIVE_YEAR_PLANS[m.group(1)][0], None, "title_period", line.text, line.start, genre)
    return None


def text_genre(head: list[_Line], tail: list[_Line]) -> str:
    title = " ".join(line.text for line in head[:3])
    furniture = " ".join(line.text for line in head + tail)
    if NEWS_MARKERS.search(furniture):
        return "news"
    if PROGRESS_TITLE.search(title):
        return "progress"
    if PLAN_TITLE.search(title):
        return "plan"
    return "unknown"


def find_anchor(text: str) -> TimeAnchor:
    """The text's own time, from its first and last lines (see the module docstring)."""
    head, tail = _head_and_tail(text)
    heading = _heading(head)
    if heading:
        return heading
    genre = text_genre(head, tail)
    if genre == "news":  # a news item's own date is its dateline; a date in its body is an event's
        return _dated(head + tail, genre) or _title_period(head, genre) or TimeAnchor(None, None, "none", "", None, genre)
    return (_dated(head, genre) or _dated(list(reversed(tail)), genre) or _title_period(head, genre)
            or TimeAnchor(None, None, "none", "", None, genre))


# --- the period and the document year, as every plan has been read since the first release -------

def infer_period(text: str) -> tuple[int | None, int | None]:
    """The plan period from the first "2024—2026年" outside a cited document's title."""
    # 《 may not stop the class: with many 《 and no 》, 《[^》]*》 rescans to the end from each (quadratic)
    outside_titles = CITED_TITLE.sub(lambda m: " " * len(m.group(0)), text)
    m = PERIOD.search(outside_titles)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    # a news report names the plan only as 《…工作方案（2024—2026年）》: its own title gives the period
    for title in CITED_TITLE_TEXT.finditer(text[:5000]):
        m = PERIOD.search(title.group(1))
        if m and OWN_PLAN_TITLE.search(title.group(1)) and int(m.group(1)) < int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None, None


def infer_document_year(text: str, period: tuple[int | None, int | None] = (None, None)) -> int | None:
    """The year the text was written (a notice date, an adoption date, a news report's date): the first
    full date outside a cited document's title; else the plan's first year.  年内 and 今年 mean it."""
    outside_titles = CITED_TITLE.sub(lambda m: " " * len(m.group(0)), text[:3000])
    m = DOC_DATE.search(outside_titles)
    return int(m.group(1)) if m else period[0]
