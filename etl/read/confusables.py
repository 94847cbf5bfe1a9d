"""Raw text → the same text with letters typed among digits read as digits, each change noted.

"2O27年" (a letter O), "1O0件", "2l件" come from typists and OCR.  Left alone, a year like 2O27 is no
year at all and every target of its paragraph loses its due year silently.  The fold keeps the text's
length (one character for one), so every offset and line number stays true; the note names the line
and both spellings, for the build report and the upload page's checklist.
"""

from __future__ import annotations

import re

from etl.vocab.time import CONFUSABLE_AFTER_DIGIT, CONFUSABLE_IN_NUMBER, CONFUSABLE_YEAR, LETTER_AS_DIGIT


def _as_digits(m: re.Match) -> str:
    return "".join(LETTER_AS_DIGIT.get(ch, ch) for ch in m.group(0))


def fold_confusables(text: str) -> tuple[str, list[str]]:
    """(text with letters among digits replaced, one note per change: 'line N: read 2O27 as 2027')."""
    notes: list[str] = []
    if CONFUSABLE_AFTER_DIGIT.search(text) is None:  # no fold can change anything (most texts)
        return text, notes

    def fix(m: re.Match) -> str:
        new = _as_digits(m)
        if new != m.group(0):
            line = text.count("\n", 0, m.start()) + 1
            whole = _number_around(text, m.start(), m.end())
            notes.append(f"line {line}: read {whole} as {whole.replace(m.group(0), new)} "
                         f"(a letter typed among digits)")
        return new

    folded = CONFUSABLE_YEAR.sub(fix, text)
    folded = CONFUSABLE_IN_NUMBER.sub(fix, folded)
    return folded, notes


def _number_around(text: str, start: int, end: int) -> str:
    """The run of digits and confusable letters a change sits in, to quote it whole in the note."""
    keep = set("0123456789") | set(LETTER_AS_DIGIT)
    while start > 0 and text[start - 1] in keep:
        start -= 1
    while end < len(text) and text[end] in keep:
        end += 1
    return text[start:end]
