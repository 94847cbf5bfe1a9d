"""Every quality note is a code and its parts, and every page writes each code in both languages
(issue 23): a Chinese page showed the build's English message for each note."""

from __future__ import annotations

import json
import re
import string

import duckdb
import pytest

from dashboard.i18n import QUALITY_NOTE_MESSAGES
from dashboard.note_text import note_text
from etl.api import QUALITY_NOTE_CODES
from etl.warehouse.quality_notes import NOTE_TEMPLATES, coded, written

CJK = re.compile(r"[\u3400-\u9fff]")


def _names(template: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_code_the_etl_can_write_has_a_chinese_and_an_english_wording():
    codes = set(QUALITY_NOTE_CODES)  # the ETL's own table (etl.warehouse.quality_notes.NOTE_TEMPLATES)
    assert codes, "no codes collected"
    assert codes - set(QUALITY_NOTE_MESSAGES) == set(), "codes without a wording"
    assert set(QUALITY_NOTE_MESSAGES) - codes == set(), "wordings of codes the ETL no longer writes"
    for code, (zh, en) in QUALITY_NOTE_MESSAGES.items():
        assert CJK.search(zh), f"{code}: the Chinese wording has no Chinese"
        plain_en = re.sub(r"「[^」]*」|\{[^}]*\}", "", en)
        assert not CJK.search(plain_en), f"{code}: the English wording has Chinese outside 「」"
        parts = _names(NOTE_TEMPLATES[code][1])
        assert _names(zh) <= parts and _names(en) <= parts, f"{code}: a wording names a part the note lacks"


# Invented parts (no plan's words): each template written, then read back from its message alone.
FRESH = {"name": "示例名称甲", "file": "example.txt", "line": "12", "count": "3", "examples": "x, y",
         "text": "2O31 → 2031", "table": "示例表乙", "town": "甲镇", "other": "乙镇", "period": "2030",
         "first": "5", "second": "6", "width": "4", "row": "甲镇 | 7", "added": "11", "total_row": "全镇合计",
         "stated": "12", "span": "2029-2031", "tables": "表一; 表二", "spelling": "丙镇", "indicator": "some_id",
         "text_value": "9件", "annex_value": "8件", "figure": "示例人口", "year": "2031", "cell": "约9",
         "number": "4", "action": "edit", "who": "someone", "match": "{'value': 9}", "doc_id": "plan-x",
         "reason": "year “20x1” is not a year"}


@pytest.mark.parametrize("code", sorted(NOTE_TEMPLATES))
def test_a_note_read_back_from_its_english_message_gets_its_code_and_parts(code):
    kind, template = NOTE_TEMPLATES[code]
    parts = {name: FRESH[name] for name in _names(template)}
    note = written(code, **parts)
    assert note["kind"] == kind
    back = coded({"kind": kind, "message": note["message"], "code": None})
    assert back["code"] == code
    assert json.loads(back["parts"]) == parts


def test_a_message_no_template_reads_keeps_no_code():
    assert coded({"kind": "annex_sum", "message": "something else entirely"})["code"] is None


def test_every_note_of_the_build_has_a_code_and_parts_its_message_is_written_from(warehouse_path):
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        notes = con.execute("SELECT kind, code, parts, message FROM quality_notes").fetchall()
    assert notes
    for kind, code, parts, message in notes:
        assert code in NOTE_TEMPLATES, (kind, message)
        assert NOTE_TEMPLATES[code][0] == kind
        named = {k: v for k, v in json.loads(parts).items() if not isinstance(v, dict)}
        assert NOTE_TEMPLATES[code][1].format(**named) == message


def test_a_refused_observation_row_is_worded_from_its_problem_code():
    note = written("observation_refused", file="mine.csv", row=3, reason="year “20x1” is not a year",
                   problem="bad_year", details={"value": "20x1"})
    zh = note_text(note["code"], note["parts"], note["message"], "zh")
    assert "年份“20x1”不是年份" in zh and "is not a year" not in zh
    assert "year “20x1” is not a year" in note_text(note["code"], note["parts"], note["message"], "en")


def test_a_chinese_page_writes_every_note_of_the_build_in_chinese(warehouse_path):
    """The ETL's English message never reaches a Chinese page: each note worded from its code."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        notes = con.execute("SELECT code, parts, message FROM quality_notes").fetchall()
    for code, parts, message in notes:
        zh = note_text(code, parts, message, "zh")
        assert zh != message and CJK.search(zh)
        wording = zh
        for value in json.loads(parts).values():  # the data's own words (a file name, a figure's label) stay
            if isinstance(value, str) and value:
                wording = wording.replace(value, "")
        words = re.findall(r"[A-Za-z]{4,}", re.sub(r"data/\w+/", "", wording))
        assert not words, (code, zh)
        en = note_text(code, parts, message, "en")
        assert not CJK.search(re.sub(r"「[^」]*」|“[^”]*”", "", en)), en


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_towns_page_shows_no_english_note_message_on_its_chinese_page(lang, warehouse_path):
    from tests.test_apptest_pages import open_page

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        english = {m for (m,) in con.execute("SELECT message FROM quality_notes").fetchall()}
    at = open_page("towns", {"lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    shown = list(at.dataframe[-1].value["message"])
    assert shown and not set(shown) & english, shown
    if lang == "zh":
        assert all(CJK.search(text) and "the plan text says" not in text for text in shown), shown
    else:
        assert any("the plan text says" in text for text in shown), shown
