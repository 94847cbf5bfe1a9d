"""Step 3a: clean text → sentences, each knowing the plan section it sits in.

Plans of this genre share a skeleton: a notice, a title, then numbered parts such as
指导思想 / 工作目标 / 重点任务 / 保障措施 / 时序进度, each with sub-items (（一）, 1、, ——…：).
We track the heading path and classify each top-level part by its keywords, because the
kind of part decides how a sentence is read (a level in the goals part is due at the plan's
end; a named goal without a number counts only in the goals part).

Data shape born here: `Sentence(text, start, end, section, section_kind, is_heading, paragraph)`;
`start`/`end` are offsets into the clean text, so `clean_text[start:end] == text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.vocab.headings import (
    ANNEX_LINE,
    ANY_ORDINAL,
    BRACKETED_TITLE,
    EXPLAINER_TITLE,
    FULL_STOP,
    PART_RANK,
    SAME_RANK,
    SECTION_RANK,
    SENTENCE_END,
    SUB_HEADING,
    SUB_HEADING_END,
    SUMMARY_OPEN,
    TITLE_BREAK,
    TOP_HEADING,
)
from etl.vocab.lexicon import SECTION_KINDS, TASK_HEADING_VERBS

MAX_TOP_HEADING = 16  # characters after the ordinal: top-level headings are short names


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    section: str
    section_kind: str
    is_heading: bool
    paragraph: int  # index of the paragraph (line) it belongs to


def classify_heading(title: str) -> str | None:
    for kind, words in SECTION_KINDS:
        if any(w in title for w in words):
            if kind == "other" and ANY_ORDINAL.sub("", title).lstrip().startswith(TASK_HEADING_VERBS):
                return "tasks"
            return kind
    return None


def top_level_title(line: str) -> str | None:
    """The title of a top-level part, if this line is one ("二、工作目标", "3、 重点任务")."""
    m = TOP_HEADING.match(line)
    if not m:
        return None
    title = m.group(1).strip()
    if title.startswith(SUMMARY_OPEN) and not BRACKETED_TITLE.fullmatch(title):
        return None  # "【目标】" is a part; "【注】…" inside a paragraph is not
    if len(title) > MAX_TOP_HEADING or TITLE_BREAK.search(title.rstrip(FULL_STOP)):
        return None
    if (line[0].isdigit() or line[0] == SUMMARY_OPEN) and classify_heading(title) is None:
        return None  # "1、健全…" is a task item, not a part
    return line.strip()


# Each sentence up to and including its mark, then what follows the last mark.
_SENTENCE = re.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}]|[^{SENTENCE_END}]+")


def _split_sentences(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(line) if m.group(0).strip()]


def _sub_heading_span(line: str) -> int | None:
    """Where an inline sub-heading ends: "（一）知识产权创造能力日益增长。到2026年…" → after 。
    A bullet "——创新活力强劲：…" ends at the colon."""
    if not SUB_HEADING.match(line):
        return None
    end = _HEADING_END.search(line, 0, 60)  # the first stop or colon in the first 60 characters
    if end is not None:
        return end.end()
    return len(line) if len(line) <= 40 else None


_HEADING_END = re.compile(f"[{re.escape(SUB_HEADING_END)}]")


def _sub_part_kind(sub: str, kind: str) -> str | None:
    """A sub-heading that names goals or tasks inside a background part ("二、总体要求" → "（二）建设目标")
    gives its sentences that kind; elsewhere the top-level part decides."""
    if kind not in ("other", "preamble") or len(sub) > 20:
        return None
    sub_kind = classify_heading(ANY_ORDINAL.sub("", sub))
    return sub_kind if sub_kind in ("goals", "tasks") else None


def segment(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    top, sub, kind = "", "", "preamble"
    sub_kind = None  # a goals or tasks sub-part inside a part of another kind ("二、总体要求 › （二）建设目标")
    section_sub = ""  # the 第N节 section a 规划's "（一）" items sit in
    part_rank = False  # the plan numbers its parts 第一部分…, so 一、 is one level down
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        title = top_level_title(line) if kind != "annex" else None  # an annex runs to the end
        if title and part_rank and not PART_RANK.match(title):
            # under "第三部分 重点任务", "一、提升…" is a sub-heading: the part keeps its kind
            sub = title
            section = f"{top} › {sub}"
            sentences.append(Sentence(line, line_start, line_start + len(line), section, kind, True, paragraph))
            continue
        if title:
            part_rank = part_rank or bool(PART_RANK.match(title))
            top, sub, sub_kind, section_sub = title, "", None, ""
            # an explainer's 关键词三：“四个一批” says nothing of its kind: read it as the plain text around it
            kind = classify_heading(title) or ("preamble" if EXPLAINER_TITLE.match(title) else "other")
            sentences.append(Sentence(line, line_start, line_start + len(line), top, kind, True, paragraph))
            continue
        if ANNEX_LINE.match(line):
            top, sub, kind = line.strip(), "", "annex"
        heading_end = _sub_heading_span(line)
        if heading_end:
            # a "（二）" heading opens a new sub-part; "1." / "（1）" / "——" items sit inside the current one,
            # and so do "（一）" items inside a 规划's "第三节" section
            same_rank = SAME_RANK.match(line) and not SECTION_RANK.match(section_sub)
            sub = line[:heading_end].rstrip(SUB_HEADING_END)
            sub_kind = _sub_part_kind(sub, kind) or (None if same_rank else sub_kind)
            if SECTION_RANK.match(sub):
                section_sub = sub
        section = f"{top} › {sub}" if sub and top else (sub or top)
        for s, e in _split_sentences(line):
            is_heading = heading_end is not None and e <= heading_end
            sentences.append(Sentence(line[s:e], line_start + s, line_start + e, section, sub_kind or kind,
                                      is_heading, paragraph))
    return sentences
