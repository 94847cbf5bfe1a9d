"""Downloads: Excel-friendly CSV, no formula injection, numbers stay numbers, dictionary included."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pandas as pd
import pyarrow.parquet as pq

from dashboard import export
from etl.schema import TARGETS

MEANING = {name: meaning for name, _type, meaning in TARGETS}


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "target_id": ["a-001", "a-002", "a-003", "a-004", "a-005"],
        "quote": ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "到2026年达到600件"],
        "value_std": [600.0, -5.0, 1.5, None, 3.0],
        "source_url": ["sources?doc=a&target=a-001"] * 5,
    })


def test_csv_starts_with_a_byte_order_mark_and_keeps_chinese():
    data = export.to_csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    assert "到2026年达到600件" in data.decode("utf-8-sig")


def test_csv_neutralises_formulas_but_leaves_numbers_alone():
    text = export.to_csv_bytes(_frame()).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    assert list(back["quote"][:4]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)"]
    assert back["quote"][4] == "到2026年达到600件"
    assert back["value_std"][1] == -5.0  # a negative number is data, not a formula


def test_csv_zip_carries_the_data_dictionary():
    archive = zipfile.ZipFile(io.BytesIO(export.csv_zip_bytes(_frame(), "targets_view")))
    assert sorted(archive.namelist()) == ["targets_view.csv", "targets_view_dictionary.csv"]
    dictionary = pd.read_csv(io.BytesIO(archive.read("targets_view_dictionary.csv")), encoding="utf-8-sig")
    assert list(dictionary["column"]) == list(_frame().columns)
    assert dictionary.set_index("column").at["quote", "meaning"] == MEANING["quote"]
    assert archive.read("targets_view_dictionary.csv").startswith(b"\xef\xbb\xbf")


def test_xlsx_has_data_and_dictionary_sheets_with_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_frame())))
    assert book.sheetnames == ["data", "dictionary"]
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    quote_col = header.index("quote") + 1
    value_col = header.index("value_std") + 1
    for row in range(2, 6):
        cell = sheet.cell(row=row, column=quote_col)
        assert cell.data_type == "s" and cell.value.startswith("'")
    assert sheet.cell(row=3, column=value_col).value == -5  # numeric stays numeric
    assert sheet.cell(row=3, column=value_col).data_type == "n"
    meanings = {r[0].value: r[2].value for r in book["dictionary"].iter_rows(min_row=2)}
    assert meanings["value_std"] == MEANING["value_std"]


def test_parquet_keeps_types_and_column_meanings():
    table = pq.read_table(io.BytesIO(export.to_parquet_bytes(_frame())))
    assert table.num_rows == 5
    assert table.schema.field("value_std").type == "double"
    assert table.schema.field("quote").metadata[b"meaning"].decode() == MEANING["quote"]
    dictionary = json.loads(table.schema.metadata[b"data_dictionary"])
    assert [d["column"] for d in dictionary] == list(_frame().columns)


def test_dictionary_explains_columns_the_dashboard_adds():
    dictionary = export.data_dictionary(pd.DataFrame(columns=["region", "source_url", "target_id"]))
    assert all(dictionary["meaning"].str.len() > 0)
