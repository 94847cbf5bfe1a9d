"""What every reader returns is normalised the same way, and says when the text looks damaged.

Fixtures: tests/fixtures/formats/fresh_plan.{txt,docx,pdf} — one invented plan (岚川县, 9 targets)
in three formats — and fresh_plan_kangxi.pdf, the same PDF whose text layer (its ToUnicode map)
gives Kangxi and CJK radicals (⼈ ⼝ ⾼ ⻓ ⻔) for 人 口 高 长 门, as a common CJK font does.
Made by tests/fixtures/formats/make_fixtures.py.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pdfplumber
import pytest

from etl.read.readers import fold_compatibility, read_bytes, read_document
from etl.warehouse.add import prepare_plan
from etl.warehouse.plan import extract_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"
sys.path.insert(0, str(FORMATS))
from make_fixtures import FRESH_PLAN, FRESH_TITLE  # noqa: E402

FRESH = ["fresh_plan.txt", "fresh_plan.docx", "fresh_plan.pdf", "fresh_plan_kangxi.pdf"]
FIELDS = ["value", "value_max", "unit", "comparator", "scope", "target_year", "baseline", "qualitative",
          "raw_name", "quote", "category"]
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5]")


def targets(name: str) -> list[tuple]:
    def plain(value):
        return None if isinstance(value, float) and math.isnan(value) else value
    frame = extract_document(read_document(FORMATS / name)).targets
    return [tuple(plain(row[f]) for f in FIELDS) for row in frame.to_dict("records")]


def test_folding_is_character_for_character():
    assert fold_compatibility("⼈⼝⾼⽉") == ("人口高月", 4)  # Kangxi radicals
    assert fold_compatibility("增⻓，部⻔") == ("增长，部门", 2)  # CJK radicals supplement
    assert fold_compatibility("\uf907\ufa10") == ("龜塚", 2)  # CJK compatibility ideographs
    untouched = "①㈠５％ａ（一）2.5亿元"  # NFKC would change (and lengthen) these: not ours to fold
    assert fold_compatibility(untouched) == (untouched, 0)


def test_the_kangxi_pdf_text_layer_really_carries_radicals():
    with pdfplumber.open(FORMATS / "fresh_plan_kangxi.pdf") as pdf:
        layer = "".join(page.extract_text() for page in pdf.pages)
    assert len(RADICALS.findall(layer)) >= 20 and "⽅案" in layer


@pytest.mark.parametrize("name", FRESH[1:])
def test_each_format_of_the_fresh_plan_yields_the_txt_targets(name):
    expected = targets("fresh_plan.txt")
    assert len(expected) == 9
    assert targets(name) == expected


@pytest.mark.parametrize("name", FRESH)
def test_each_format_reads_the_plan_as_written(name):
    assert read_document(FORMATS / name).text.rstrip("\n") == "\n".join(FRESH_PLAN)


@pytest.mark.parametrize("name", FRESH[:3])
def test_sound_files_carry_no_warning(name):
    assert read_document(FORMATS / name).warnings == []


def test_the_kangxi_pdf_warns_and_its_title_and_region_are_found():
    with pdfplumber.open(FORMATS / "fresh_plan_kangxi.pdf") as pdf:
        radicals = len(RADICALS.findall("".join(page.extract_text() for page in pdf.pages)))
    document = read_document(FORMATS / "fresh_plan_kangxi.pdf")
    assert not RADICALS.search(document.text)
    assert len(document.warnings) == 1 and document.warnings[0].startswith(f"{radicals} radical")
    prepared = prepare_plan(FORMATS / "fresh_plan_kangxi.pdf", check_targets=False)
    assert prepared.refused is None
    assert prepared.fields["title"] == FRESH_TITLE and prepared.fields["region_zh"] == "岚川县"


def test_replacement_characters_are_reported_with_their_count():
    data = f"{FRESH_TITLE}\n到2027年，发明专利\ufffd\ufffd达到12件。".encode()
    warnings = read_bytes(data, "plan.txt").warnings
    assert len(warnings) == 1 and warnings[0].startswith("2 character(s) are U+FFFD")


def test_a_text_without_a_plan_title_is_reported():
    warnings = read_bytes("会议纪要\n到2027年，发明专利达到12件。".encode(), "notes.txt").warnings
    assert len(warnings) == 1 and "no plan title" in warnings[0]


def test_table_cells_are_folded_and_counted(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(FRESH_TITLE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "每万⼈⼝⾼价值发明专利"
    table.cell(0, 1).text = "12"
    document.save(tmp_path / "plan.docx")
    read = read_document(tmp_path / "plan.docx")
    assert read.tables[0].rows == [["每万人口高价值发明专利", "12"]]
    assert read.warnings[0].startswith("3 radical")
