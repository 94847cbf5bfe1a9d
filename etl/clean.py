"""Step 2 of the ETL: raw plan text → clean text, keeping a way back to the raw file's lines.

The plans reach us converted from PDF and Word.  Each kind of conversion noise has its own
rule below, applied in a fixed order; each rule is a small function tested on its own.
The clean text is what every `quote` points into, so it must stay readable Chinese: rules
remove noise, they never rephrase.

Data shape born here: `CleanText(text, line_starts)` where `line_starts` is a sorted list of
(offset in clean text, 1-based raw line number); `raw_line(offset)` maps back.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

CJK = r"\u3400-\u9fff"
# Sentence-final or clause-closing marks: a line ending in one of these is complete.
LINE_COMPLETE = "。！？；：:;!?）)】」』”\"…"


@dataclass
class CleanText:
    text: str
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the cleaning changed, for the build report

    def raw_line(self, offset: int) -> int | None:
        if not self.line_starts:
            return None
        i = bisect.bisect_right(self.line_starts, (offset, float("inf"))) - 1
        return self.line_starts[max(i, 0)][1]


# --- rules on one line -------------------------------------------------------------------

def drop_bookmarks(line: str) -> str:
    """Word bookmarks survive conversion as `[bookmark: _Toc296655358]` (宜兴's plan)."""
    return re.sub(r"\[bookmark:\s*[^\]]*\]", "", line)


def drop_footnote_markers(line: str) -> str:
    """`[footnoteRef:1]` marks a footnote call; the footnote body `[1: …]` becomes `注1：…`."""
    line = re.sub(r"\[footnoteRef:\s*\d+\]", "", line)
    return re.sub(r"\s*\[(\d+):\s*([^\]]*)\]", lambda m: f"\n注{m.group(1)}：{m.group(2).strip()}", line)


def unwrap_markdown(line: str) -> str:
    """Converters to Markdown add `#` headings, `**bold**` and `[a](mailto:a)` links (天长's plan)."""
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = line.replace("**", "")
    return re.sub(r"\[([^\]]+)\]\((?:mailto:|https?://)[^)]+\)", r"\1", line)


_FULLWIDTH_ALNUM = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF10, 0xFF5B)
                    if unicodedata.normalize("NFKC", chr(c)).isalnum()}
_FULLWIDTH_ALNUM.update({"％": "%", "．": ".", "～": "~", "－": "-", "\u3000": " ", "\u00a0": " "})
# Half-width punctuation next to Chinese becomes the full-width mark a Chinese text uses,
# so that one plan's "(一)" and another's "（一）" read (and match) alike.
_TO_FULLWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


def normalise_width(line: str) -> str:
    """Digits, Latin letters and % in full width become ASCII; ASCII punctuation touching Chinese
    becomes full width.  Decimal points and ranges (3.5, 1-2) are left alone."""
    line = "".join(_FULLWIDTH_ALNUM.get(ch, ch) for ch in line)

    def fix(m: re.Match) -> str:
        return _TO_FULLWIDTH[m.group(0)]

    # a mark with Chinese (or a closing bracket) on either side
    return re.sub(rf"(?<=[{CJK}）)\]】”\d%])[,;:!?()]|[,;:!?()](?=[{CJK}（“])", fix, line)


def squeeze_spaces(line: str) -> str:
    """PDF conversion puts spaces around numbers ("达 48 件", "2026 年") and inside Chinese runs.
    A space next to a Latin word stays ("ISO 9001", "范围 and 水平")."""
    line = line.strip(" \t\u3000")

    def keep(m: re.Match) -> str:
        before, after = line[m.start() - 1], line[m.end()]
        # keep a space that separates a Latin word from anything ("PCT 国际", "范围 and 水平")
        # or two ASCII numbers; drop it between Chinese and digits ("达 48 件" → "达48件")
        latin = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
        numbers = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin or numbers else ""

    return re.sub(r"(?<=\S)[ \t]+(?=\S)", keep, line)


LINE_RULES = [drop_bookmarks, drop_footnote_markers, unwrap_markdown, normalise_width, squeeze_spaces]


# --- rules across lines ------------------------------------------------------------------

_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．]\s*\S|（\d+）|[①-⑳]|——|第[一二三四五六七八九十]+[章节条阶]|附件)")


def is_page_break_split(prev: str, nxt: str, blank_lines: int) -> bool:
    """A paragraph cut at a page break: a long line that stops mid-sentence, blank line(s), and
    a line that goes on (not a heading).  Seen in 天长 (`现有知识` / `产权专员队伍`) and 盐城."""
    if blank_lines < 1 or not prev or not nxt:
        return False
    if len(prev) < 20 or prev[-1] in LINE_COMPLETE:
        return False
    if not re.search("[，。；、]", prev):  # titles and addressee lines are not body text
        return False
    return not _HEADING_START.match(nxt)


def join_split(prev: str, nxt: str) -> tuple[str, bool]:
    """Join the two halves.  When the page break repeats a character (`市知` / `知识产权局`,
    `高层次人` / `人才培养工程`), the converter printed it on both pages: keep one."""
    if prev[-1] == nxt[0] and re.match(rf"[{CJK}]", nxt[0]):
        return prev + nxt[1:], True
    return prev + nxt, False


def clean(raw: str) -> CleanText:
    """Apply every rule.  Lines keep their order; blank-line runs collapse to one blank line."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines: list[tuple[int, str]] = []  # (raw line number, cleaned line)
    for number, line in enumerate(raw.split("\n"), start=1):
        for rule in LINE_RULES:
            line = rule(line)
        for part in line.split("\n"):  # a footnote body becomes a line of its own
            lines.append((number, squeeze_spaces(part)))

    notes: list[str] = []
    merged: list[tuple[int, str]] = []
    blank = 0
    for number, line in lines:
        if not line:
            blank += 1
            continue
        if merged and is_page_break_split(merged[-1][1], line, blank):
            joined, repeated = join_split(merged[-1][1], line)
            notes.append(f"line {number}: joined a paragraph split at a page break"
                         + (f" (dropped the repeated '{line[0]}')" if repeated else ""))
            merged[-1] = (merged[-1][0], joined)
        else:
            if merged and blank:
                merged.append((number, ""))
            merged.append((number, line))
        blank = 0

    text_parts: list[str] = []
    line_starts: list[tuple[int, int]] = []
    offset = 0
    for number, line in merged:
        line_starts.append((offset, number))
        text_parts.append(line)
        offset += len(line) + 1
    return CleanText("\n".join(text_parts), line_starts, notes)
