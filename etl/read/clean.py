"""Step 2 of the ETL: raw plan text → clean text, keeping a way back to the raw file's lines.

The plans reach us converted from PDF and Word.  Each kind of conversion noise has its own
rule below, applied in a fixed order; each rule is a small function tested on its own.
The clean text is what every `quote` points into, so it must stay readable Chinese: rules
remove noise, they never rephrase.

Before any rule, a line far longer than a paragraph (a plan pasted with its line breaks lost, or
junk) is cut back into lines — before its inline headings first (`bounded_pieces`) — so a plan on
one line reads like the plan with its lines, and no later step ever sees an unbounded line.

Data shape born here: `CleanText(text, line_starts)` where `line_starts` is a sorted list of
(offset in clean text, 1-based raw line number); `raw_line(offset)` maps back.  The lines cut
from one raw line all map back to it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from etl.base.memo import short_text_cache
from etl.vocab.headings import HEADING_MARK, HEADING_START, INLINE_TOP_MARK, SUB_MARK, TOP_MARK
from etl.vocab.layout import (
    AFTER_SUBJECT,
    BRACKETED,
    BRACKETED_NOTE,
    CELL_BAR,
    CELL_GAP,
    CHANGE,
    CJK,
    CJK_FIRST,
    CLAUSE_MARK,
    CLAUSE_MARKS,
    FOOTNOTE_LINE,
    FULLWIDTH_MARKS,
    HALF_WIDTH_MARK,
    INDENTS,
    LINE_COMPLETE,
    MARKUP,
    NUMBER_CUT,
    PAGE_NUMBER,
    PART_NAME_JOIN,
    PINYIN_GLOSS,
    SENTENCE_END_MARK,
    SENTENCE_MARKS,
    SENTENCE_OR_COLON_END,
    SENTENCE_PUNCTUATION,
    SHORT_TITLE,
    SPACES,
    THOUSANDS,
    TO_FULLWIDTH,
    UNIT_GOES_ON,
    WRAP_GOES_ON,
)
from etl.vocab.lexicon import SECTION_KINDS


@dataclass
class CleanText:
    text: str
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the cleaning changed, for the build report
    folded: list[tuple[int, int]] = field(default_factory=list)  # clean-text spans of lines read in traditional script

    def is_folded(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.folded)

    def raw_line(self, offset: int) -> int | None:
        if not self.line_starts:
            return None
        i = bisect.bisect_right(self.line_starts, (offset, float("inf"))) - 1
        return self.line_starts[max(i, 0)][1]


# --- rules on one line -------------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\s*\d+\]")
_FOOTNOTE_BODY = re.compile(r"\s*\[(\d+):\s*([^\]]*)\]")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:mailto:|https?://)[^)]+\)")


def drop_bookmarks(line: str) -> str:
    """Word bookmarks survive conversion as `[bookmark: _Toc296655358]` (宜兴's plan)."""
    return _BOOKMARK.sub("", line) if "[bookmark" in line else line  # the test first: most lines have none


def drop_footnote_markers(line: str) -> str:
    """`[footnoteRef:1]` marks a footnote call; the footnote body `[1: …]` becomes `注1：…`."""
    if "[" not in line:
        return line
    line = _FOOTNOTE_REF.sub("", line)
    return _FOOTNOTE_BODY.sub(lambda m: FOOTNOTE_LINE.format(number=m.group(1), body=m.group(2).strip()), line)


def unwrap_markdown(line: str) -> str:
    """Converters to Markdown add `#` headings, `**bold**` and `[a](mailto:a)` links (天长's plan)."""
    if "#" not in line and "**" not in line and "](" not in line:
        return line
    line = _MD_HEADING.sub("", line)
    line = line.replace("**", "")
    return _MD_LINK.sub(r"\1", line)


_FULLWIDTH_ALNUM = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF10, 0xFF5B)
                    if unicodedata.normalize("NFKC", chr(c)).isalnum()}
_FULLWIDTH_ALNUM.update(FULLWIDTH_MARKS)
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH_ALNUM)
# The characters the table and HALF_WIDTH_MARK change: a line holding none (most lines) is left as it is
# after one scan for each, instead of a translate and a substitution that change nothing.
_FULL_WIDTH = re.compile("[" + "".join(map(re.escape, _FULLWIDTH_ALNUM)) + "]")
_HALF_WIDTH = re.compile("[" + "".join(map(re.escape, TO_FULLWIDTH)) + "]")


def normalise_width(line: str) -> str:
    """Digits, Latin letters and % in full width become ASCII; ASCII punctuation touching Chinese
    becomes full width.  Decimal points, ranges (3.5, 1-2) and thousands separators (1,200) are
    left alone (a full-width one becomes ASCII)."""
    if _FULL_WIDTH.search(line):
        line = line.translate(_FULLWIDTH_TABLE)
    line = THOUSANDS.sub(",", line)
    if not _HALF_WIDTH.search(line):
        return line

    def fix(m: re.Match) -> str:
        return TO_FULLWIDTH[m.group(0)]

    # a mark with Chinese (or a closing bracket) on either side
    return HALF_WIDTH_MARK.sub(fix, line)


@short_text_cache  # pure, asked of each line more than once, and plans repeat their lines
def is_spaced_row(line: str) -> bool:
    """A table row laid out with spaces: two or more gaps of two or more spaces, and no sentence
    punctuation outside a bracketed unit note."""
    unbracketed = BRACKETED_NOTE.sub("", line)
    return len(CELL_GAP.findall(line)) >= 2 and not SENTENCE_PUNCTUATION.search(unbracketed)


def is_bar_row(line: str) -> bool:
    """A table row whose cells are parted by bars ("1 | <name> | 4.1 | 7.5", outer bars optional)."""
    return line.count(CELL_BAR) >= 2


def squeeze_spaces(line: str) -> str:
    """PDF conversion puts spaces around numbers ("达 48 件", "2026 年") and inside Chinese runs.
    A space next to a Latin word stays ("ISO 9001", "范围 and 水平")."""
    line = line.strip(SPACES)
    if not any(space in line for space in SPACES):
        return line  # most lines: nothing to squeeze, no cell gap (CELL_GAP and the tabs are SPACES)
    if line.count("\t") >= 2:  # a table row copied with its tabs: the tabs part cells, they stay
        return "\t".join(squeeze_spaces(cell) for cell in line.split("\t"))
    if is_spaced_row(line):  # "指标名称  2020年  2025年  属性": the wide gaps part cells, they stay
        return "  ".join(squeeze_spaces(cell) for cell in CELL_GAP.split(line))

    def keep(m: re.Match) -> str:
        before, after = line[m.start() - 1], line[m.end()]
        # keep a space that separates a Latin word from anything ("PCT 国际", "范围 and 水平")
        # or two ASCII numbers; drop it between Chinese and digits ("达 48 件" → "达48件")
        latin = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
        numbers = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin or numbers else ""

    return _INNER_SPACES.sub(keep, line)


_INNER_SPACES = re.compile(r"(?<=\S)[ \t]+(?=\S)")


def strip_pinyin_glosses(line: str) -> str:
    """Remove the pinyin glosses reposting sites add (etl.vocab.layout.PINYIN_GLOSS); the characters
    they explain stay."""
    return PINYIN_GLOSS.sub("", line)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented
    return opencc.OpenCC("t2s")


@cache
def _is_traditional(ch: str) -> bool:
    return ch >= CJK_FIRST and _t2s().convert(ch) != ch


_NOT_TRADITIONAL: set[str] = set()  # characters met and found not traditional: one set difference a line


def _has_traditional(line: str) -> bool:
    unseen = set(line).difference(_NOT_TRADITIONAL)
    if any(_is_traditional(ch) for ch in unseen):
        return True
    _NOT_TRADITIONAL.update(unseen)
    return False


def fold_traditional(line: str) -> str:
    """Traditional characters become simplified (知識產權 → 知识产权, 達到 → 达到, 個 → 个), one for one:
    a line whose conversion would change its length (a phrase mapped to another length) is folded
    character by character, so offsets within a line keep their meaning."""
    if line.isascii() or not _has_traditional(line):
        return line  # most lines: a set look-up per character, no conversion
    folded = _t2s().convert(line)
    if len(folded) != len(line):
        folded = "".join(ch if len(c := _t2s().convert(ch)) != 1 else c for ch in line)
    return folded


LINE_RULES = [drop_bookmarks, drop_footnote_markers, unwrap_markdown, strip_pinyin_glosses, fold_traditional,
              normalise_width, squeeze_spaces]


# --- over-long lines ---------------------------------------------------------------------
# A plan pasted from a web page may arrive with its line breaks lost: one paragraph per line or
# the whole plan on one line.  Every later step reads a line at a time, so a line far longer than
# any paragraph is cut up before a rule touches it.  Breaks go back first where the plan's own
# structure says (a heading after a sentence end); what is still too long is cut at a sentence end,
# then at a clause mark, then anywhere: every line the later steps see is bounded, which keeps
# their cost linear in the length of the text whatever the input.

LONG_LINE = 1000  # characters; the longest paragraph in any plan we have is under 500
# A heading right after a sentence end (and after a "（责任单位：…）" closing the sentence).
_INLINE_HEADING = re.compile(rf"{SENTENCE_OR_COLON_END}\s*+{BRACKETED}(?={MARKUP}{HEADING_MARK})")
_INLINE_PART = re.compile(rf"{SENTENCE_END_MARK}(?={MARKUP}{INLINE_TOP_MARK})")
# A line that opens with a heading whose short title runs straight into the next heading
# ("二、工作目标（一）总体目标", "（二）具体目标1.知识产权…"): the second heading starts a line.
_CHAINED_HEADING = re.compile(rf"{MARKUP}{HEADING_MARK}{SHORT_TITLE}(?={HEADING_MARK})")
# A top-level part's name runs into its first paragraph ("一、指导思想坚持以…"): the name ends with
# the word that names the kind of part (see etl.vocab.lexicon.SECTION_KINDS), compounds included.
_TOP_HEADING = re.compile(rf"{MARKUP}{TOP_MARK}\s*")
_PART_KEYWORDS = "|".join(sorted({w for _, words in SECTION_KINDS for w in words}, key=len, reverse=True))
_PART_NAME = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{_PART_KEYWORDS})(?:{PART_NAME_JOIN}?(?:{_PART_KEYWORDS}))*")
# A goal's sub-heading runs into its paragraph ("（一）商标品牌价值明显提升品牌企业…"): such a
# heading names a subject and how it will change, so it ends with "adverb + verb of change".  A task
# heading starts with the verb instead ("（二）推动企业全面提升…") and is left alone.
_SUB_HEADING = re.compile(rf"{MARKUP}{SUB_MARK}")


def restore_heading_breaks(line: str) -> list[str]:
    """The line cut before every heading that runs on inside it.  Cuts only: "".join(parts) == line."""
    cuts = [m.end() for m in _INLINE_HEADING.finditer(line)]
    parts = [line[a:b] for a, b in zip([0] + cuts, cuts + [len(line)])]
    out: list[str] = []
    for part in parts:
        out.extend(_split_heading_from_body(part))
    return [p for p in out if p]


def _split_heading_from_body(part: str) -> list[str]:
    """Cut after each heading that opens `part` and runs straight into what follows it."""
    cuts, pos = [0], 0
    while m := (_CHAINED_HEADING.match(part, pos) or _top_heading_name(part, pos)
                or _goal_heading_title(part, pos)):
        pos = m.end()  # matching on from an offset: slicing off each heading would copy the rest
        cuts.append(pos)
    return [part[a:b] for a, b in zip(cuts, cuts[1:] + [len(part)])]


def _top_heading_name(part: str, pos: int) -> re.Match | None:
    """"一、指导思想坚持以…" → the match up to the end of 指导思想, when a body follows it."""
    m = _TOP_HEADING.match(part, pos)
    name = m and _PART_NAME.match(part, m.end())
    return name if name and _body_follows(part, name.end()) else None


def _body_follows(part: str, end: int) -> bool:
    # a mark right after the name means the name is the subject of a sentence, not a heading
    return end < len(part) and part[end] not in AFTER_SUBJECT


def _goal_heading_title(part: str, pos: int) -> re.Match | None:
    """"（一）商标品牌价值明显提升品牌企业…" → the match up to 明显提升, when a body follows it."""
    m = _SUB_HEADING.match(part, pos)
    title = m and CHANGE.match(part, m.end())
    return title if title and _body_follows(part, title.end()) else None


def split_long_line(line: str, limit: int = LONG_LINE) -> list[str]:
    """Pieces of at most `limit` characters, cut after a sentence end, else a clause mark, else
    between two characters that are not both digits or Latin letters.  "".join(pieces) == line."""
    pieces, start = [], 0
    while len(line) - start > limit:
        cut = _cut_point(line, start, limit)
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return pieces


def _cut_point(line: str, start: int, limit: int) -> int:
    window = line[start:start + limit]
    for marks in (SENTENCE_MARKS, CLAUSE_MARKS):
        at = max(window.rfind(mark) for mark in marks)
        if at >= limit // 2:  # half a window at least, so the number of pieces stays linear
            return start + at + 1
    cut = start + limit
    for back in range(64):  # do not cut a number (or a Latin word) in two
        if not (line[cut - back - 1].isascii() and line[cut - back - 1].isalnum()
                and line[cut - back].isascii() and line[cut - back].isalnum()):
            return cut - back
    return cut


@short_text_cache  # pure, asked of each line more than once, and plans repeat their lines
def looks_run_together(line: str) -> bool:
    """Far longer than a paragraph, or holding two of the plan's parts: lines were lost here.
    (No plan we have, read with its lines, has even one part heading inside a line.)"""
    if len(line) > LONG_LINE:
        return True
    return sum(1 for _ in zip(range(2), _INLINE_PART.finditer(line))) >= 2


def bounded_pieces(line: str, number: int, notes: list[str]) -> list[str]:
    """A raw line as lines of at most LONG_LINE characters, saying in `notes` what was done."""
    if not looks_run_together(line):
        return [line]
    parts = restore_heading_breaks(line)
    if len(parts) > 1:
        notes.append(f"line {number}: {len(line)} characters on one line; restored the line break before "
                     f"{len(parts) - 1} heading(s) written inline")
    pieces = [piece for part in parts for piece in split_long_line(part)]
    if len(pieces) > len(parts):
        notes.append(f"line {number}: cut {len(pieces) - len(parts)} more time(s) at a sentence end or clause "
                     f"mark so no line is longer than {LONG_LINE} characters")
    return pieces


# --- rules across lines ------------------------------------------------------------------



def is_page_break_split(prev: str, nxt: str, blank_lines: int) -> bool:
    """A paragraph cut at a page break: a long line that stops mid-sentence, blank line(s), and
    a line that goes on (not a heading).  Seen in 天长 (`现有知识` / `产权专员队伍`) and 盐城."""
    if blank_lines < 1 or not prev or not nxt or len(prev) + len(nxt) > LONG_LINE:
        return False  # (a joined line is never longer than a cut one)
    if is_bar_row(prev) or is_bar_row(nxt):
        return False  # a table row is a row, never half a sentence
    if NUMBER_CUT.search(prev) and UNIT_GOES_ON.match(nxt):
        return True  # "…年均不低于2.5亿" / "— 2 —" / "元；": a number cut from its unit, in any line
    if len(prev) < 20 or prev[-1] in LINE_COMPLETE:
        return False
    if not CLAUSE_MARK.search(prev) or "\t" in prev or is_spaced_row(prev):
        return False  # titles, addressee lines and table rows are not body text
    return not HEADING_START.match(nxt)


def is_soft_wrap(prev: str, nxt: str, nxt_indented: bool) -> bool:
    """A paragraph a converter wrapped at the page width: a body line that stops mid-sentence and,
    with no blank line and no indent, a line that goes on (`…有效发明专利保有` / `量达到950件。`).
    Read apart, the second half loses its subject and the first its unit (`3个` / `月以内`).
    Joined as written: no character is dropped (unlike a page break, a wrap repeats nothing)."""
    if nxt_indented or not prev or not nxt or len(prev) + len(nxt) > LONG_LINE or "\t" in prev or "\t" in nxt:
        return False  # (a tab-separated table row is a row, never half a sentence)
    if len(prev) < 20 or prev[-1] in LINE_COMPLETE or not CLAUSE_MARK.search(prev):
        return False  # (tested before the table rows: most lines end complete)
    if is_spaced_row(prev) or is_spaced_row(nxt) or is_bar_row(prev) or is_bar_row(nxt):
        return False
    return bool(WRAP_GOES_ON.match(nxt)) and not HEADING_START.match(nxt)


def join_split(prev: str, nxt: str) -> tuple[str, bool]:
    """Join the two halves.  When the page break repeats a character (`市知` / `知识产权局`,
    `高层次人` / `人才培养工程`), the converter printed it on both pages: keep one."""
    if prev[-1] == nxt[0] and re.match(rf"[{CJK}]", nxt[0]):
        return prev + nxt[1:], True
    return prev + nxt, False


@short_text_cache  # every rule is a pure function of the line, and plans repeat their lines
def _clean_line(line: str) -> tuple[tuple[str, ...], bool]:
    """(the lines LINE_RULES make of one line, whether it was written in traditional script)."""
    folded = False
    for rule in LINE_RULES:
        before, line = line, rule(line)
        if rule is fold_traditional and line != before:
            folded = True
    return tuple(squeeze_spaces(part) for part in line.split("\n")), folded  # a footnote body becomes a line of its own


def clean(raw: str) -> CleanText:
    """Apply every rule.  Lines keep their order; blank-line runs collapse to one blank line."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines: list[tuple[int, str]] = []  # (raw line number, cleaned line)
    notes: list[str] = []
    folded_raw: set[int] = set()  # raw lines written in traditional script
    indented: set[int] = set()  # raw lines that open with an indent: a paragraph starts there
    for number, raw_line in enumerate(raw.split("\n"), start=1):
        if raw_line[:1] in INDENTS:
            indented.add(number)
        for line in bounded_pieces(raw_line, number, notes):
            parts, folded = _clean_line(line)
            if folded:
                folded_raw.add(number)
            lines += [(number, part) for part in parts]

    merged: list[tuple[int, str]] = []
    blank, last_number = 0, 0
    for number, line in lines:
        if PAGE_NUMBER.fullmatch(line):  # "— 2 —", "第 3 页 共 6 页": the page's furniture, not the plan's text
            notes.append(f"line {number}: dropped a page number")
            blank += 1
            continue
        if not line:
            blank += 1
            continue
        # pieces of one raw line were cut on purpose (bounded_pieces): only a new raw line is a wrap
        if merged and not blank and number != last_number and is_soft_wrap(merged[-1][1], line, number in indented):
            merged[-1] = (merged[-1][0], merged[-1][1] + line)
            notes.append(f"line {number}: joined a paragraph the converter wrapped mid-sentence")
        elif merged and is_page_break_split(merged[-1][1], line, blank):
            joined, repeated = join_split(merged[-1][1], line)
            notes.append(f"line {number}: joined a paragraph split at a page break"
                         + (f" (dropped the repeated '{line[0]}')" if repeated else ""))
            merged[-1] = (merged[-1][0], joined)
        else:
            if merged and blank:
                merged.append((number, ""))
            merged.append((number, line))
        blank, last_number = 0, number

    text_parts: list[str] = []
    line_starts: list[tuple[int, int]] = []
    folded: list[tuple[int, int]] = []
    offset = 0
    for number, line in merged:
        line_starts.append((offset, number))
        text_parts.append(line)
        if number in folded_raw:
            folded.append((offset, offset + len(line)))
        offset += len(line) + 1
    if folded_raw:
        notes.append(f"{len(folded_raw)} line(s) in traditional script read as simplified")
    return CleanText("\n".join(text_parts), line_starts, notes, folded)
