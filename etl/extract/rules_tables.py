"""The grammar of indicator tables (etl.extract.tables): the words a header names its columns with,
the shape of a target cell, and the one-line 专栏 forms, built from the vocabulary's parts.

Part of the extractor's rule table (etl/extract/rules*.py): patterns here, decisions in tables.py.
"""

from __future__ import annotations

import re

from etl.vocab.headings import CN_ORDINAL, TOP_ORDINAL
from etl.vocab.units import UNIT_RE

# --- a header's columns ----------------------------------------------------------------------------
NAME_HEADER = re.compile(r"指标|名称|项目")
UNIT_HEADER = re.compile(r"^单位$|计量单位")
TARGET_HEADER = re.compile(r"目标|预期|规划值|20\d\d\s*年?(?:底|末)?\s*(?:目标|预期)")
BASELINE_HEADER = re.compile(r"现状|基数|基期|基准|现值|基础值|完成值|实际")
STAGE_HEADER = re.compile(r"目标|阶段|预期|规划")  # 阶段值（2026年） | 目标值（2028年）: a target per stage
HEADER_WORD = re.compile(r"序号|指标|名称|项目|单位|目标|预期|规划|基期|基准|基数|现状|现值|基础值|完成值|实际|"
                         r"20\d\d\s*年|属性|性质|类别|类型|备注|阶段")
PART_HEADING = re.compile(rf"^(?:{TOP_ORDINAL}|[（(]{CN_ORDINAL}[）)]|(?:表|专栏)\s*\d)")  # and a caption
BRACKET_CELL = re.compile(r"[（(][^（）()]{1,10}[）)]")  # "（2025年）" under "基准值": one header cell on two lines
CELL_GAP = re.compile(r"\t|[ \u3000]{2,}")  # cells parted by tabs or wide gaps of spaces
# 分值 | 权重 of an assessment list: the points a row is worth, never its target (even "目标分值")
POINTS_HEADER = re.compile(r"分值|分数|权重|得分|赋分")
# --- a table's rows --------------------------------------------------------------------------------
# "一、<category>（28分）" between the rows: the rows below it belong to that part
GROUP_ROW = re.compile(rf"^(?:{TOP_ORDINAL}|[（(]{CN_ORDINAL}[）)])[^|\t。；;，,]{{1,30}}$")
TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|总\s*分)$")  # a totals row sums the points: no target

# --- a cell --------------------------------------------------------------------------------------
CELL_NUMBER = re.compile(r"(?P<pre>年均|年度|每年|新增|累计)?(?P<cmp>[≥≤>＞<＜约])?\s*"
                         r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<after>以上|以内|以下|左右)?")
COMPARATOR_SIGNS = {"≥": ">=", ">": ">=", "＞": ">=", "≤": "<=", "<": "<=", "＜": "<=", "约": "≈"}
COMPARATOR_AFTER = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "≈"}
UNIT_IN_NAME = re.compile(r"[（(]\s*(?P<unit>[^（）()]{1,10})\s*[）)]$")  # （件）, （亿元，五年累计）
# "2028年目标（亿元）": a column head's bracket that holds a unit ("（2028年）", "（目标值）" hold none)
HEADER_UNIT = re.compile(rf"[（(]\s*(?P<unit>(?:万|亿|千)?(?:{UNIT_RE})(?:\s*/\s*年)?)\s*[）)]")
TRAILING_NOTE = re.compile(r"[（(][^）)]*[）)]$")
PER_YEAR_UNIT = re.compile(r"/\s*年|每年")  # 人次/年
UNIT_NOTE_BREAK = re.compile(r"[，,；;]")  # "亿元，五年累计": the unit, then its note
FLOW_WORDS = re.compile(r"累计|新增|年度|每年|年均")
ANNUAL_NAME = re.compile(r"年度|每年|年均|^年")
# A target cell that says what is to be done, without a number: a qualitative target.
QUALITATIVE_CELL = re.compile(r"^(?:全面|按期|如期|按时)?(?:建立|建成|完成|出台|制定|设立|组建|实现|落实)[^\d]{0,12}$"
                              r"|(?:正常|有效)运行$|全覆盖$")
NEW_WORD = "新增"
SUM_WORD = "累计"

# --- a 规划's 专栏 line ------------------------------------------------------------------------------
# each indicator on one line with its years and values: "N. <indicator>（件）：2020年3.2，2025年6（预期性）",
# "N. <amount>（亿元，五年累计）：2025年5".
YEAR_VALUE_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]\s*|[（(]\d{1,2}[）)]\s*)?(?P<name>[^：:，。；\d]{2,40}?)"
    r"[（(](?P<unit>[^（）()]{1,12})[）)]\s*[：:]\s*"
    r"(?P<pairs>20\d\d\s*年\s*[为达]?\s*[\d.,]+[^，,；;。\n]{0,4}(?:\s*[，,；;、]\s*20\d\d\s*年\s*[为达]?\s*[\d.,]+[^，,；;。\n]{0,4})*)"
    r"\s*(?:[（(](?:预期性|约束性|指导性)[）)])?\s*[。；;]?\s*$")
# ... or with an arrow from the base to the target, the years said once in a note ("2.1 → 5.0  预期性").
ARROW_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]\s*|[（(]\d{1,2}[）)]\s*)?(?P<name>[^：:，。；\d]{2,40}?)"
    r"[（(](?P<unit>[^（）()]{1,12})[）)]\s*[：:]\s*(?P<base>\d[\d.,]*)\s*(?:→|->|—>|－>|⟶)\s*"
    r"(?P<cell>\d[\d.,]*\s*(?:以上|以内|以下|左右)?)\s*(?:[（(]?(?:预期性|约束性|指导性)[）)]?)?\s*[。；;]?\s*$")
ARROW_MARKERS = ("→", ">", "⟶")  # one of them is in every line ARROW_LINE can match
YEAR_VALUE = re.compile(r"(?P<year>20\d\d)\s*年\s*[为达]?\s*(?P<cell>[\d.,]+\s*(?:以上|以内|以下|左右)?)")
