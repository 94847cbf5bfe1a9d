"""Safe CSV: read back by pandas and by the csv module, no row starts with a formula, no cell
starts one, line breaks inside a cell stay inside it, and numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard import export
from etl.base import safe_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HOSTILE = pd.DataFrame({
    "target_id": ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6", "t-7", "t-8"],
    "quote": [
        '=HYPERLINK("http://evil.example","点击")',
        "@SUM(A1:A9)",
        "+cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "note\r=1+1",                  # a bare CR: a new row `=1+1` if left unquoted
        "第一行\n=2+2\r\n-3+3",         # LF and CRLF inside a cell
        "到2026年达到600件",
    ],
    "raw_name": ["-2+3", "-5", "+1.5", "=", "ok", None, "-", "-1,000.5"],
    "value": [600.0, -5.0, 1.5, None, 3.0, -0.25, 7.0, 8.0],
})


def _starts_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and not safe_csv._PLAIN_NUMBER.fullmatch(cell)


def test_text_cells_that_would_run_as_formulas_get_an_apostrophe():
    out = safe_csv.neutralise_frame(HOSTILE)
    assert list(out["quote"][:5]) == ["'" + q for q in HOSTILE["quote"][:5]]
    assert out["quote"][7] == "到2026年达到600件"
    assert out["quote"][5] == "note\r=1+1"  # not at the start: no spreadsheet evaluates it inside a cell
    assert list(out["raw_name"].fillna("<empty>")) == ["'-2+3", "-5", "+1.5", "'=", "ok", "<empty>", "'-", "-1,000.5"]
    assert out["value"].equals(HOSTILE["value"])  # numeric column untouched, negatives included


def test_csv_module_reads_back_one_row_per_record_and_no_formula():
    text = safe_csv.to_csv(HOSTILE)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(HOSTILE) + 1
    assert rows[0] == list(HOSTILE.columns)
    for row in rows[1:]:
        assert not _starts_formula(row[0])
        assert not any(_starts_formula(cell) for cell in row), row
    assert rows[6][1] == "note\r=1+1" and rows[7][1] == "第一行\n=2+2\r\n-3+3"


def test_pandas_reads_back_the_same_rows_and_numbers():
    back = pd.read_csv(io.StringIO(safe_csv.to_csv(HOSTILE)))
    assert len(back) == len(HOSTILE)
    assert list(back["target_id"]) == list(HOSTILE["target_id"])
    assert back["value"].equals(HOSTILE["value"])
    assert not back["quote"].map(_starts_formula).any()


def test_every_cell_with_a_line_break_is_quoted():
    text = safe_csv.to_csv(pd.DataFrame({"a": ["x\ry", "x\ny", "plain"], "b": [1, 2, 3]}))
    assert text.split("\r\n")[1:4] == ['"x\ry",1', '"x\ny",2', "plain,3"]
    # Split the way a careless reader would, on any line break outside quotes: still 3 rows.
    lines = [line for line in csv.reader(io.StringIO(text, newline=""))]
    assert len(lines) == 4


def test_writes_to_a_stream_or_a_path(tmp_path):
    stream = io.StringIO(newline="")
    assert safe_csv.to_csv(HOSTILE, stream) is None
    path = tmp_path / "targets.csv"
    safe_csv.to_csv(HOSTILE, path)
    assert path.read_bytes().decode("utf-8") == stream.getvalue()


def test_the_dashboard_download_uses_the_same_rules():
    data = export.to_csv_bytes(HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == safe_csv.to_csv(HOSTILE)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(HOSTILE) and back["quote"][5] == "note\r=1+1"


def test_comparators_can_be_written_as_code_and_symbol_with_no_apostrophe():
    import io

    from etl.base.safe_csv import to_csv

    frame = pd.DataFrame({"comparator": ["=", ">=", "<=", "≈", "range"], "quote": ["=1+1", "a", "b", "c", "d"]})
    back = pd.read_csv(io.StringIO(to_csv(frame, comparators=True)))
    assert list(back.columns) == ["comparator", "comparator_symbol", "quote"]
    assert list(back["comparator"]) == ["eq", "ge", "le", "approx", "range"]
    assert list(back["comparator_symbol"]) == ["＝", "≥", "≤", "≈", "～"]
    assert back["quote"][0] == "'=1+1"  # plan text that looks like a formula is still neutralised
    assert pd.read_csv(io.StringIO(to_csv(frame)))["comparator"][0] == "'="  # etl extract's columns unchanged
