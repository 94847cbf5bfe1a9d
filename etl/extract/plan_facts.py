"""Facts about a plan other than its targets: its phases (时序进度 / 实施步骤) and the departments
it names as responsible (责任单位 …); a department is the lead only where the plan marks it so
(牵头, 主责, 牵头单位：), never by its place in a list."""

from __future__ import annotations

import pandas as pd

from etl.base import schema
from etl.extract.rules_plan_facts import (
    BRACKETED,
    DEPARTMENT_WORD,
    DUTY_TAIL,
    GROUP_BREAK,
    GROUP_LEAD,
    INNER_SEPARATORS,
    LEAD_LABEL,
    NAME_LEAD,
    NAME_LIST,
    OTHER_LABEL,
    OTHERS_TAIL,
    PHASE,
    PHASE_WORD,
    PROTECTED,
    RESPONSIBLE,
    RESPONSIBLE_LABEL,
    RESPONSIBLE_WORD,
)
from etl.segment.sentences import segment


def phases(clean_text: str, doc_id: str, region_id: str) -> pd.DataFrame:
    return pd.DataFrame(_phase_rows(clean_text, doc_id, region_id), columns=schema.columns("phases"))


def phase_columns(clean_text: str, doc_id: str, region_id: str) -> dict[str, list]:
    """`phases` as {column: values}: what the build sends on as Arrow (a frame per plan cost more than its rows)."""
    return _as_columns("phases", _phase_rows(clean_text, doc_id, region_id))


def _as_columns(table: str, rows: list[dict]) -> dict[str, list]:
    return {column: [row[column] for row in rows] for column in schema.columns(table)}


def _phase_rows(clean_text: str, doc_id: str, region_id: str) -> list[dict]:
    rows: dict[str, dict] = {}  # the first statement of each phase (a frame's drop_duplicates cost more)
    if PHASE_WORD not in clean_text:  # (most plans name no phase: the search backtracks at every character)
        return []
    for m in PHASE.finditer(clean_text):
        y1, m1 = int(m.group("y1")), int(m.group("m1"))
        y2 = int(m.group("y2") or y1)
        m2 = int(m.group("m2") or m1)
        rows.setdefault(m.group("name"), {"doc_id": doc_id, "region_id": region_id, "phase": m.group("name"),
                                          "start": f"{y1}-{m1:02d}", "end": f"{y2}-{m2:02d}", "quote": m.group(0)})
    return list(rows.values())


def _protect(bracketed: str) -> str:
    for separator in INNER_SEPARATORS:
        bracketed = bracketed.replace(separator, PROTECTED)
    return bracketed


def _departments(body: str) -> list[tuple[str, bool]]:
    """(department, lead) for every name in a bracket's body, as the plan writes them."""
    body = DUTY_TAIL.sub("", body)
    # a name with a bracket is one name: protect the separators inside brackets before splitting
    body = BRACKETED.sub(lambda m: _protect(m.group(0)), body)
    out = []
    for group in GROUP_BREAK.split(body):
        group = group.strip()
        lead = bool(LEAD_LABEL.match(group) or GROUP_LEAD.search(group))
        group = GROUP_LEAD.sub("", OTHER_LABEL.sub("", LEAD_LABEL.sub("", group)))
        for part in group.split(NAME_LIST):
            named_lead = bool(NAME_LEAD.search(part))
            part = OTHERS_TAIL.sub("", NAME_LEAD.sub("", part).replace(PROTECTED, NAME_LIST).strip()).strip()
            if 2 <= len(part) <= 30 and DEPARTMENT_WORD.search(part):
                out.append((part, lead or named_lead))
    return out


def responsibilities(clean_text: str, doc_id: str, region_id: str, sentences: list | None = None) -> pd.DataFrame:
    """Departments named for each task, from the bracket that closes the task's paragraph.
    `sentences`: the plan's sentences when the caller has them (segmenting again cost the build)."""
    return pd.DataFrame(_responsibility_rows(clean_text, doc_id, region_id, sentences),
                        columns=schema.columns("responsibilities"))


def responsibility_columns(clean_text: str, doc_id: str, region_id: str, sentences: list | None = None) -> dict[str, list]:
    """`responsibilities` as {column: values} (see phase_columns)."""
    rows = _responsibility_rows(clean_text, doc_id, region_id, sentences)
    return {column: [row[i] for row in rows] for i, column in enumerate(schema.columns("responsibilities"))}


def _responsibility_rows(clean_text: str, doc_id: str, region_id: str, sentences: list | None) -> list[tuple]:
    rows = []
    for s in sentences if sentences is not None else segment(clean_text):
        if s.is_heading:
            continue
        for m in RESPONSIBLE.finditer(s.text):
            body = m.group("body")
            if RESPONSIBLE_LABEL not in m.group(0) and not RESPONSIBLE_WORD.search(body):
                continue
            for dept, lead in _departments(body):
                rows.append((doc_id, region_id, s.section, dept, lead))
    # duplicates dropped on plain tuples, first kept: a frame's drop_duplicates cost 2 ms a plan
    return list(dict.fromkeys(rows))
