"""The patterns etl.extract.instruments reads a plan's policy instruments and their departments with
(the instruments themselves, their aliases and patterns, are data: data/reference/instruments.yaml)."""

from __future__ import annotations

import re

SEPARATOR = "；"
ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．]|[①-⑳])\s*")

FULL_WIDTH = str.maketrans(",;:()!?", "，；：（）！？")
# Characters ignored when matching: spaces and quote marks (“正版正货”承诺 = 正版正货承诺).
IGNORED = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")
# A department note: a bracket naming who is responsible (（责任单位：…）, 〔…牵头，…〕, （…按分工负责）).
DEPARTMENT_NOTE = re.compile(r"[（(〔](?P<body>[^（）()〔〕]*(?:[（(][^（）()]*[）)][^（）()〔〕]*)*)[）)〕]")
DEPARTMENT_WORDS = re.compile(r"责任单位|责任部门|牵头|负责|配合单位|协同单位")
LEAD_LABEL = re.compile(r"^(?:牵头(?:单位|部门)|主责(?:单位|部门))[:：]")
OTHER_LABEL = re.compile(r"^(?:责任(?:单位|部门)|配合(?:单位|部门)|协同(?:单位|部门)|参与(?:单位|部门))[:：]")
# A note written as a label rather than a bracket, at the end of a task or on the next line.
LABEL_LINE = re.compile(r"(?:责任单位|责任部门|牵头单位|牵头部门|主责单位|配合单位|协同单位)[:：][^。（）()]*(?:[（(][^（）()]*[）)][^。（）()]*)*$")
INLINE_LEAD = re.compile(r"由([^，。；由]{2,20}?)牵头")
LEAD_MARK = re.compile(r"[（(]主责[）)]|牵头")
DUTY_WORDS = re.compile(r"等?按职责分工负责|等?按职责负责|负责$|配合$|等$")
# Money for the plan's work "用于/投向/重点支持" other instruments: those are beneficiaries, not commitments.
BENEFICIARIES = re.compile(r"用于|投向|重点支持")
# "在县维权中心设立调解室": what stands between 在 and a verb of setting up is a place.
LOCATION = re.compile(r"在([^，。；在]{2,20}?)(?:设立|设置|布设|建立|成立|组建)")
YEAR = re.compile(r"(20\d\d)\s*年")
YEAR_RANGE = re.compile(r"20\d\d\s*年?\s*[-—–~～至到]\s*20\d\d\s*年")
# Instrument-like phrasings (for the report): a verb of setting up, then a mechanism-like noun.
PHRASING = re.compile(r"(?:建立|建设|设立|组建|实施|推行|打造|成立|创建|构建)([^，。；、]{2,18}?"
                      r"(?:机制|制度|中心|平台|工程|计划|行动|工作站|指导站|委员会|示范区|基地|试点))")
OWN_PROGRAMME = re.compile(r"强[县市区]")  # the plan's own 强县 / 强市 programme is the plan itself, not an instrument
# Smaller pieces the instrument reader cuts and joins with.
LIST_MARK = "、"  # names in a list; the dictionary's aliases joined for its table
BRACKETED = re.compile(r"[（(][^（）()]*[）)]")  # a bracket without a bracket inside
BRACKET_ENDS = re.compile(r"^[（(〔]|[）)〕]$")  # the brackets around a department note
GROUP_BREAK = re.compile(r"[，；,;]")  # groups of departments in a note
INNER_SEPARATORS = ("、", "，")  # protected inside a bracket: 各镇（园区、街道） is one name
NOTE_LABEL = re.compile(r"^(?:责任单位|其他成员单位)[:：]?")
LEAD_WORD = "牵头"  # what an inline lead is marked with (由…牵头)
TITLE = re.compile(r"《[^》]*》")  # a cited title: its years are no commitment
TITLE_ENDS = ("。", "；")  # a task title ends so
CLAUSE_COMMA = "，"  # a full clause has one: then the heading is the commitment itself
