"""How the genre numbers its parts and ends its sentences: heading markers and the marks around them.

One home for the ordinals (三、 （二） 1. 第一部分 第二节 ①) that the cleaner (etl.read.clean), the
segmenter (etl.segment.sentences), the table readers (etl.extract.tables, annex, instruments) and the
time-aware reading (etl.vocab.time.ORDINAL) recognise; each pattern below is built from the named
parts at the top, so a new way of numbering is added once.
"""

from __future__ import annotations

import re

# --- the named parts ----------------------------------------------------------------------------
CN_DIGITS = "一二三四五六七八九十"  # the digits a heading's ordinal is written in
CN_ORDINAL = f"[{CN_DIGITS}]+"  # 三, 十二
TOP_ORDINAL = f"{CN_ORDINAL}、"  # 三、
BRACKET_ORDINAL = f"（{CN_ORDINAL}）"  # （二）, full-width brackets
CIRCLED = "[①-⑳]"  # ① … ⑳
EXPLAINER_PART = "(?:关键词|要点)"  # an explainer names its parts 关键词一：…
PART_WORD = "部分"  # 第一部分
ANNEX_WORD = "附件"
SUMMARY_OPEN, SUMMARY_CLOSE = "【", "】"  # 【目标】 names a part; 【注】 inside a paragraph does not
SENTENCE_END = "。！？；"
FULL_STOP = "。"
COLONS = "：:"

# --- the segmenter's headings (etl.segment.sentences) -------------------------------------------
# A 规划 numbers its parts 第一章 and their sections 第一节, like a plan's 第一部分 and （一）.
# An explainer names its parts 关键词一：背景 (or 要点一：…).
TOP_HEADING = re.compile(rf"^(?:{TOP_ORDINAL}|\d+、|第{CN_ORDINAL}(?:{PART_WORD}|章)|{EXPLAINER_PART}{CN_ORDINAL}[{COLONS}]|"
                         rf"(?={SUMMARY_OPEN}))\s*(.+)$")
SUB_HEADING = re.compile(rf"^(?:{BRACKET_ORDINAL}|\d+[、.．](?!\d)|（\d+）|{CIRCLED}|——|●|■|◆|第{CN_ORDINAL}(?:阶段|节))")
BRACKETED_TITLE = re.compile(f"{SUMMARY_OPEN}[^{SUMMARY_CLOSE}]{{1,12}}{SUMMARY_CLOSE}")
TITLE_BREAK = re.compile("[，。；]")  # a top-level title holds none of these (it is a name, not a sentence)
SUB_HEADING_END = FULL_STOP + COLONS  # an inline sub-heading ends at its first stop or colon
ANY_ORDINAL = re.compile(rf"^\W*[（(]?[{CN_DIGITS}\d]+[）)、.．]?")  # the ordinal opening a sub-heading
PART_RANK = re.compile("^第")  # 第三部分: the plan numbers its parts, so 一、 is one level down
EXPLAINER_TITLE = re.compile(EXPLAINER_PART)
ANNEX_LINE = re.compile(f"^{ANNEX_WORD}")
SAME_RANK = re.compile(rf"[（(]{CN_ORDINAL}[）)]")  # （二）: a sub-part of the same rank as the last
SECTION_RANK = re.compile(rf"第{CN_ORDINAL}节")  # 第三节 of a 规划, whose （一） items sit inside it

# --- the ordinal opening a heading, read by the time-aware reading --------------------------------
# 三、 / （二） / 1. / 第二年 is a name, not a number.
ORDINAL = re.compile(rf"^\s*(?:{TOP_ORDINAL}|（[{CN_DIGITS}\d]+）|\d+[、.．]|第{CN_ORDINAL}[年阶段部分章节]*)")

# --- headings the cleaner finds inside a line that lost its breaks (etl.read.clean) --------------
# {1,3}: a heading's ordinal is short; a longer run of numerals is text.
SHORT_ORDINAL = f"[{CN_DIGITS}]{{1,3}}"
HEADING_MARK = (rf"(?:{SHORT_ORDINAL}、|[（(]{SHORT_ORDINAL}[）)]|[0-9０-９]{{1,2}}[、.．](?![0-9０-９])"
                rf"|[（(][0-9]{{1,2}}[）)]|[①-⑳●■◆]|——|第{SHORT_ORDINAL}(?:{PART_WORD}|阶段|章|节)|{ANNEX_WORD}|{SUMMARY_OPEN})")
INLINE_TOP_MARK = rf"(?:{SHORT_ORDINAL}、|第{SHORT_ORDINAL}{PART_WORD}|{SUMMARY_OPEN})"  # a part's heading
TOP_MARK = rf"(?:{SHORT_ORDINAL}、|第{SHORT_ORDINAL}{PART_WORD})"
SUB_MARK = rf"(?:[（(]{SHORT_ORDINAL}[）)]|[0-9]{{1,2}}[、.．](?![0-9]))"
# A line that opens with a heading (a page break or a wrap never splits a paragraph before one).
HEADING_START = re.compile(
    rf"^(?:{TOP_ORDINAL}|{BRACKET_ORDINAL}|\d+[、.．]\s*\S|（\d+）|{CIRCLED}|——|第{CN_ORDINAL}[章节条阶]|{ANNEX_WORD})")
