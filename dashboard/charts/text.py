"""Text on figures: wrapping, short tags under bars, value labels, missing-value tests.

Callers pass plain text; plotly reads a subset of HTML in every string it draws, so the markup
added here (<br>, <span>) goes around text escaped by dashboard.safe_text.plot_text, and text is
wrapped before it is escaped (an escape such as &lt; is never cut in half).
"""

from __future__ import annotations

import math
import os
import re
import textwrap

import pandas as pd

from dashboard.i18n import scope_label
from dashboard.numbers import format_number, plain_number
from dashboard.safe_text import plot_text
from etl.api import COMPARATOR_CODES

from .style import NOTE_COLOR

# A bar's label writes ≥ ≤ ≈ as the tables do; "equal" and a range need no sign on a bar.
COMPARATOR_PREFIX = {raw: symbol for raw, (code, symbol) in COMPARATOR_CODES.items() if code in ("ge", "le", "approx")}
NO_LINE_START = set("）】」』，、。；：！？)]}>,.;:!?")  # punctuation that never begins a line: it stays with the one before
OPENING_BRACKET = re.compile(r"(?=[（【「(])")
CJK_LETTER = re.compile(r"[\u3400-\u9fff]")  # a word with these breaks anywhere; brackets alone do not make it Chinese
TAG_MAX_WIDTH = 14  # display columns (7 CJK characters) of the note under a bar that tells it apart
NAME_LINE_WIDTH = 10  # display columns (5 CJK characters) per line under a bar: five slots fit half a 1280 px page


def is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def is_qualitative(record: dict) -> bool:
    value = record.get("qualitative")
    return bool(value) and not is_missing(value)


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame as plain dicts: building dozens of panels from pandas slices is slow
    (a compare page rerun must stay cheap), plain Python is not."""
    return frame.to_dict("records")


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _words(text: str, cut_words: bool) -> list[str]:
    """English words with their trailing space; for names (not cut_words) Chinese splits before a
    bracket too, so 知识产权保护中心（分中心） keeps （分中心） on one line where it fits."""
    words = [w + " " for w in text.split(" ")] if " " in text else [text]
    words[-1] = words[-1].rstrip(" ")
    return words if cut_words else [part for word in words for part in OPENING_BRACKET.split(word) if part]


def _pieces(text: str, width: int, cut_words: bool) -> list[str]:
    """Words, or characters where a word is too long for a line (Chinese; an English word only
    when `cut_words`)."""
    words = _words(text, cut_words)
    return [piece for word in words
            for piece in ([word] if display_width(word) <= width or not (cut_words or CJK_LETTER.search(word))
                          else list(word))]


def plain_lines(text: str, width: int, cut_words: bool = True) -> list[str]:
    """`text` in lines of at most `width` display columns (a CJK character is 2), broken after
    a semicolon, between English words, else between characters; not escaped.  With
    cut_words=False an English word longer than a line stands whole on its own line."""
    lines, current = [], ""
    for token in text.replace("；", "；\n").replace("; ", "; \n").split("\n"):
        for piece in _pieces(token, width, cut_words):
            if current and display_width(current + piece) > width and piece not in NO_LINE_START:
                lines.append(current)
                current = piece
            else:
                current += piece
    if current:
        lines.append(current)
    return [line.strip() for line in lines]


def wrap_line(text: str, width: int) -> str:
    """Break a subtitle into lines of at most `width` display columns, each escaped for plotly."""
    return "<br>".join(plot_text(line) for line in plain_lines(text, width))


def wrap(text: str | None, width: int = 28) -> str:
    """Hover text for a long Chinese quote: break it into lines plotly can show."""
    if not isinstance(text, str) or not text:
        return ""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width=width)) or plot_text(text)


def line_count(text: str) -> int:
    return text.count("<br>") + 1


def format_value(value, unit: str = "", comparator: str | None = None, lang: str | None = None) -> str:
    """A target's value as a label: comparator sign, the number as `lang` writes it (≥3.5万件,
    ≥35,000 items), never 2.33e+03.  Without a language: grouped digits and the unit as given (35,000件)."""
    if is_missing(value):
        return ""
    number = format_number(value, unit or "", lang) if lang else plain_number(value) + (unit or "")
    return f"{COMPARATOR_PREFIX.get(comparator or '', '')}{number}"


def bracketed(text: str, lang: str) -> str:
    """（text） in Chinese, " (text)" in English."""
    return f"（{text}）" if lang != "en" else f" ({text})"


def colon(lang: str) -> str:
    return "：" if lang != "en" else ": "


def indicator_name(row, lang: str) -> str:
    """Canonical name in the language asked, else Chinese, else the plan's own wording."""
    for column in (("indicator_en", "indicator_zh") if lang == "en" else ("indicator_zh",)) + ("raw_name",):
        value = row.get(column) if isinstance(row, dict) else getattr(row, column, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def shorten(text: str, width: int = TAG_MAX_WIDTH) -> str:
    """Head…tail of a long wording: Chinese indicator names differ at both ends
    (省级/市级 … 中心/园区), so the middle is what goes."""
    if display_width(text) <= width:
        return text
    budget = width - 1  # the ellipsis takes one column
    head = ""
    for ch in text:
        if display_width(head + ch) > budget // 2:
            break
        head += ch
    tail = ""
    for ch in reversed(text[len(head):]):
        if display_width(head + ch + tail) > budget:
            break
        tail = ch + tail
    return f"{head}…{tail}"


def _differing_parts(names: list[str]) -> list[str]:
    """The names without what they all share at the start and end (建成省级/建成市级…中心 → 省级/市级)."""
    prefix = len(os.path.commonprefix(names))
    suffix = len(os.path.commonprefix([n[::-1] for n in names]))
    parts = [n[prefix:len(n) - suffix] if suffix else n[prefix:] for n in names]
    return names if any(not p.strip("，、 ") for p in parts) else parts


def bar_tags(rows: list[dict], lang: str) -> list[str]:
    """Short notes telling one region's several bars in a panel apart: the scope when each
    differs, else the differing part of the plan's wording, else the target year; numbered
    when nothing tells them apart (the plan states the same target twice)."""
    scopes = [scope_label(r.get("scope"), lang, short=True) for r in rows]
    names = [str(r.get("raw_name") or indicator_name(r, lang)) for r in rows]
    years = [str(int(r["target_year"])) if not is_missing(r.get("target_year")) else "" for r in rows]
    if len(set(scopes)) == len(rows):
        tags = scopes
    elif len(set(names)) == len(rows):
        tags = [shorten(part) for part in _differing_parts(names)]
    elif len(set(years)) == len(rows) and all(years):
        tags = years
    else:
        tags = [shorten(name) for name in names]
    if len(set(tags)) < len(tags):
        tags = [f"{tag}({i})" for i, tag in enumerate(tags, start=1)]
    return tags


def note(text: str, size: int) -> str:
    """Small grey type under a region's name (plan status, what a bar is)."""
    return f"<span style='font-size:{size}px;color:{NOTE_COLOR}'>{plot_text(text)}</span>"


def tick_label(name: str) -> str:
    """A region name as an axis tick: multi-word names on two lines so neighbours never collide."""
    name = plot_text(name)
    return name.replace(" ", "<br>", 1) if " " in name else name


def name_lines(name: str, width: int = NAME_LINE_WIDTH) -> list[str]:
    """An indicator's exact name in lines of at most `width` display columns: nothing is cut off
    (a reader of a screenshot must see the whole name under the bar) and English breaks between
    words, so a line never ends mid-word."""
    return plain_lines(name, width, cut_words=False)


TAG = re.compile(r"<[^>]+>")
LATIN_EM = 0.62  # a Latin letter's width in font sizes (capitals and digits included); CJK is 1.0 (two columns)


def label_px(label: str, base: int, note_size: int) -> float:
    """Pixels the widest line of an x label takes: its first line (the region's name) at `base`, the
    notes under it at `note_size`; a CJK character is one font size, a Latin letter LATIN_EM of one."""
    widths = []
    for index, line in enumerate(label.split("<br>")):
        text = TAG.sub("", line).replace("\u200b", "")
        size = base if index == 0 and "font-size" not in line else note_size
        wide = sum(1 for ch in text if ord(ch) > 0x2E80)
        widths.append((wide + (len(text) - wide) * LATIN_EM) * size)
    return max(widths, default=0.0)
