"""etl.read.readers on real-format files (tests/fixtures/formats/, made by make_fixtures.py there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.base.errors import PlanError
from etl.read.readers import RawDocument, Table, read_bytes, read_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
GOAL_SENTENCE = ("到2027年底，全县发明专利拥有量达到350件，商标有效注册量达到9000件，知识产权质押融资"
                 "金额累计达到2.5亿元，培育国家知识产权优势企业5家，每年开展知识产权培训不少于6次。")
ANNEX_GRID = [
    ["序号", "乡镇", "目标值", "", "", "总数值"],
    ["", "", "2025年", "2026年", "2027年", ""],
    ["合计", "全县", "60", "66", "72", "198"],
    ["1", "东溪镇", "30", "33", "36", "99"],
    ["2", "柳桥乡", "20", "22", "24", "66"],
    ["3", "城南街道", "10", "11", "12", "33"],
]


def error_of(call, *args, **kwargs) -> PlanError:
    with pytest.raises(PlanError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- text files -------------------------------------------------------------------------------

def test_real_plans_decode_exactly_as_utf8():
    for path in sorted(RAW.glob("*.txt")):
        document = read_document(path)
        assert document.kind == "txt" and document.encoding == "utf-8" and document.tables == []
        assert document.text == path.read_bytes().decode("utf-8")


def test_gb18030_text_is_decoded_and_the_encoding_reported():
    document = read_document(FORMATS / "plan_gb18030.txt")
    assert document.encoding == "gb18030"
    assert GOAL_SENTENCE in document.text
    assert "\r\n" in document.text  # decoded exactly: line endings are not rewritten


def test_utf8_with_bom_is_reported_as_utf8_sig():
    document = read_bytes("\ufeff青禾县工作方案".encode("utf-8"), "plan.txt")
    assert document.encoding == "utf-8-sig"
    assert document.text == "青禾县工作方案"


def test_undecodable_text_names_the_failing_line():
    data = "第一行\n第二行\n".encode() + b"\x80\xff\xfe bad\n"
    error = error_of(read_bytes, data, "plan.txt")
    assert error.line == 3
    assert "UTF-8" in error.message and "GB18030" in error.message


def test_nul_bytes_mean_binary():
    error = error_of(read_bytes, b"PK\x03\x04\x00\x00binary", "plan.txt")
    assert "binary" in error.message and error.line == 1


def test_empty_and_blank_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in error_of(read_document, empty).message
    assert "blank" in error_of(read_bytes, b" \r\n\t\n", "blank.txt").message


def test_too_large_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes("知识产权\n".encode() * 1000)
    error = error_of(read_document, big, max_bytes=1000)
    assert "MB" in error.message and error.path == str(big)
    assert "allowed" in error_of(read_bytes, b"x" * 2000, "big.txt", max_bytes=1000).message


def test_unsupported_extensions_are_named():
    assert ".xlsx" in error_of(read_bytes, b"data", "plan.xlsx").message
    assert "save as .docx" in error_of(read_bytes, b"data", "plan.doc").message
    assert "(no extension)" in error_of(read_bytes, b"data", "README").message


def test_error_message_has_no_traceback_and_names_the_file():
    error = error_of(read_document, FORMATS / "truncated.docx")
    assert str(error).startswith(str(FORMATS / "truncated.docx"))
    assert "Traceback" not in str(error)


# --- .docx ------------------------------------------------------------------------------------

def test_docx_paragraphs_in_order_with_a_placeholder_where_the_table_was():
    document = read_document(FORMATS / "plan.docx")
    assert (document.kind, document.encoding) == ("docx", "docx")
    lines = document.text.split("\n")
    assert lines[0] == "青禾县创建国家知识产权强县建设试点县工作方案（2025—2027年）"
    assert GOAL_SENTENCE in lines
    # The table sits between its caption and the next section, replaced by one line.
    assert lines.index("[表格1]") == lines.index("一、新增有效发明专利数量（个）") + 1
    assert lines.index("二、保障措施") == lines.index("[表格1]") + 1
    assert "东溪镇" not in document.text


def test_docx_table_cells_with_merged_cells_once():
    document = read_document(FORMATS / "plan.docx")
    assert document.tables == [Table(title="一、新增有效发明专利数量（个）", rows=ANNEX_GRID)]


def test_docx_from_upload_bytes_matches_reading_from_disk():
    path = FORMATS / "plan.docx"
    assert read_bytes(path.read_bytes(), "上传.docx") == read_document(path)


def test_truncated_docx_is_reported_as_not_a_docx():
    error = error_of(read_document, FORMATS / "truncated.docx")
    assert "not a valid .docx" in error.message


def test_zip_that_is_not_a_word_package_is_reported_damaged():
    error = error_of(read_document, FORMATS / "not_word.docx")
    assert "damaged" in error.message


def test_docx_that_unpacks_far_beyond_the_size_limit_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 2_000_000)
    data = buffer.getvalue()
    assert len(data) < 100_000
    assert "unpacks to" in error_of(read_bytes, data, "bomb.docx", max_bytes=100_000).message


def test_encrypted_office_file_is_reported_as_password_protected():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert "password" in error_of(read_bytes, data, "plan.docx").message


# --- .pdf -------------------------------------------------------------------------------------

def test_pdf_text_has_chinese_and_wrapped_lines_rejoined():
    document = read_document(FORMATS / "plan.pdf")
    assert (document.kind, document.encoding) == ("pdf", "pdf")
    lines = document.text.split("\n")
    assert lines[0] == "青禾县创建国家知识产权强县建设试点县工作方案（2025—2027年）"
    # In the PDF this sentence wraps over three lines; it comes back as one.
    assert GOAL_SENTENCE in lines
    assert lines.index("[表格1]") == lines.index("一、新增有效发明专利数量（个）") + 1
    assert "东溪镇" not in document.text  # table cells are not in the running text


def test_pdf_table_is_read_as_a_grid_with_its_caption():
    document = read_document(FORMATS / "plan.pdf")
    assert document.tables == [Table(title="一、新增有效发明专利数量（个）", rows=ANNEX_GRID)]


def test_password_protected_pdf_says_so():
    error = error_of(read_document, FORMATS / "encrypted.pdf")
    assert "password-protected" in error.message


def test_scanned_pdf_asks_for_ocr():
    error = error_of(read_document, FORMATS / "scanned.pdf")
    assert "no text layer" in error.message and "OCR" in error.message


def test_damaged_pdf_is_reported():
    assert "not a valid PDF" in error_of(read_bytes, b"<html>not a pdf</html>", "plan.pdf").message
    data = (FORMATS / "plan.pdf").read_bytes()
    assert "damaged" in error_of(read_bytes, data[:200], "plan.pdf").message


def test_raw_document_shape():
    document = read_bytes("青禾县".encode(), "a.txt")
    assert isinstance(document, RawDocument) and document.tables == []


def test_undecodable_gb18030_text_names_its_failing_line():
    data = "第一行\n第二行\n".encode("gb18030") + b"\xff\xff\n"
    error = error_of(read_bytes, data, "plan.txt")
    assert error.line == 3 and "GB18030 (fails at line 3)" in error.message
