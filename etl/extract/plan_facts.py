"""Facts about a plan other than its targets: its phases (时序进度 / 实施步骤) and the departments
it names as responsible (责任单位 …); a department is the lead only where the plan marks it so
(牵头, 主责, 牵头单位：), never by its place in a list."""

from __future__ import annotations

import re

import pandas as pd

from etl.base import schema
from etl.segment.sentences import segment

# "（一）启动部署阶段（2024年1月-2024年5月）" or "第一阶段：组织发动阶段（2024年1月—2024年3月）"
PHASE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}阶段)\s*[（(]\s*(?P<y1>20\d\d)年(?P<m1>\d{1,2})月"
                   r"(?:\s*[-—–~至到]+\s*(?:(?P<y2>20\d\d)年)?(?P<m2>\d{1,2})月)?\s*[）)]")
RESPONSIBLE = re.compile(r"[（(〔]\s*(?:责任单位[:：]\s*)?(?P<body>[^（）()〔〕]*(?:[（(][^（）()]*[）)][^（）()〔〕]*)*)"
                         r"[）)〕]")


def phases(clean_text: str, doc_id: str, region_id: str) -> pd.DataFrame:
    rows: dict[str, dict] = {}  # the first statement of each phase (a frame's drop_duplicates cost more)
    for m in PHASE.finditer(clean_text):
        y1, m1 = int(m.group("y1")), int(m.group("m1"))
        y2 = int(m.group("y2") or y1)
        m2 = int(m.group("m2") or m1)
        rows.setdefault(m.group("name"), {"doc_id": doc_id, "region_id": region_id, "phase": m.group("name"),
                                          "start": f"{y1}-{m1:02d}", "end": f"{y2}-{m2:02d}", "quote": m.group(0)})
    return pd.DataFrame(list(rows.values()), columns=schema.columns("phases"))


# A group of departments is the lead only where the plan says so: "X、Y牵头", "X（主责）", or a
# "牵头单位：" label.  A list without such a word names departments responsible, none of them the
# lead: its order is the plan's, not a ranking (a first-named 区法院 is not the lead of a task).
LEAD_LABEL = re.compile(r"^(?:牵头|主责)(?:单位|部门)[:：]")
OTHER_LABEL = re.compile(r"^(?:责任|配合|协同|参与)(?:单位|部门)[:：]")
GROUP_LEAD = re.compile(r"牵头")  # "X、Y牵头": the whole group leads
NAME_LEAD = re.compile(r"[（(]主责[）)]")  # "X（主责）、Y": only X
DEPARTMENT_WORD = re.compile(r"局|委|部|院|办|会|行|关|府|组|镇|街|区|署|所|中心|法院|检察院|海关")


def _departments(body: str) -> list[tuple[str, bool]]:
    """(department, lead) for every name in a bracket's body, as the plan writes them."""
    body = re.sub(r"等?按职责分工负责|按职责分工|负责$", "", body)
    # "各镇（园区、街道）" is one name: protect the 、 and ， inside brackets before splitting
    body = re.sub(r"（[^）]*）", lambda m: m.group(0).replace("、", "/").replace("，", "/"), body)
    out = []
    for group in re.split(r"[，,；;]", body):
        group = group.strip()
        lead = bool(LEAD_LABEL.match(group) or GROUP_LEAD.search(group))
        group = GROUP_LEAD.sub("", OTHER_LABEL.sub("", LEAD_LABEL.sub("", group)))
        for part in group.split("、"):
            named_lead = bool(NAME_LEAD.search(part))
            part = re.sub(r"其他成员单位$|等$", "", NAME_LEAD.sub("", part).replace("/", "、").strip()).strip()
            if 2 <= len(part) <= 30 and DEPARTMENT_WORD.search(part):
                out.append((part, lead or named_lead))
    return out


def responsibilities(clean_text: str, doc_id: str, region_id: str, sentences: list | None = None) -> pd.DataFrame:
    """Departments named for each task, from the bracket that closes the task's paragraph.
    `sentences`: the plan's sentences when the caller has them (segmenting again cost the build)."""
    rows = []
    for s in sentences if sentences is not None else segment(clean_text):
        if s.is_heading:
            continue
        for m in RESPONSIBLE.finditer(s.text):
            body = m.group("body")
            if "责任单位" not in m.group(0) and not re.search(r"负责|牵头|主责", body):
                continue
            for dept, lead in _departments(body):
                rows.append((doc_id, region_id, s.section, dept, lead))
    # duplicates dropped on plain tuples, first kept: a frame's drop_duplicates cost 2 ms a plan
    return pd.DataFrame(list(dict.fromkeys(rows)), columns=schema.columns("responsibilities"))
