"""The patterns etl.extract.plan_facts reads a plan's phases and responsible departments with."""

from __future__ import annotations

import re

from etl.vocab.departments import DEPARTMENT_ENDINGS

# "（一）…部署阶段（N年1月-N年5月）" or "第一阶段：…阶段（N年1月—N年3月）"
PHASE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}阶段)\s*[（(]\s*(?P<y1>20\d\d)年(?P<m1>\d{1,2})月"
                   r"(?:\s*[-—–~至到]+\s*(?:(?P<y2>20\d\d)年)?(?P<m2>\d{1,2})月)?\s*[）)]")
PHASE_WORD = "阶段"  # in every text PHASE can match: a plan without it is not searched
RESPONSIBLE = re.compile(r"[（(〔]\s*(?:责任单位[:：]\s*)?(?P<body>[^（）()〔〕]*(?:[（(][^（）()]*[）)][^（）()〔〕]*)*)"
                         r"[）)〕]")
RESPONSIBLE_LABEL = "责任单位"
RESPONSIBLE_WORD = re.compile(r"负责|牵头|主责")
# A group of departments is the lead only where the plan says so: "X、Y牵头", "X（主责）", or a
# "牵头单位：" label.  A list without such a word names departments responsible, none of them the
# lead: its order is the plan's, not a ranking (a first-named 区法院 is not the lead of a task).
LEAD_LABEL = re.compile(r"^(?:牵头|主责)(?:单位|部门)[:：]")
OTHER_LABEL = re.compile(r"^(?:责任|配合|协同|参与)(?:单位|部门)[:：]")
GROUP_LEAD = re.compile(r"牵头")  # "X、Y牵头": the whole group leads
NAME_LEAD = re.compile(r"[（(]主责[）)]")  # "X（主责）、Y": only X
DEPARTMENT_WORD = re.compile("|".join(DEPARTMENT_ENDINGS))
DUTY_TAIL = re.compile(r"等?按职责分工负责|按职责分工|负责$")
BRACKETED = re.compile(r"（[^）]*）")  # "各镇（园区、街道）" is one name
INNER_SEPARATORS = ("、", "，")  # protected inside brackets before the body is split
PROTECTED = "/"
GROUP_BREAK = re.compile(r"[，,；;]")
NAME_LIST = "、"
OTHERS_TAIL = re.compile(r"其他成员单位$|等$")
