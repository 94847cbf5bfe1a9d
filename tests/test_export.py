"""Downloads: Excel-friendly CSV, no formula injection, numbers stay numbers, dictionary included."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pandas as pd
import pyarrow.parquet as pq

from dashboard import export
from etl.base.schema import TARGETS

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
    assert sorted(archive.namelist()) == ["citation.txt", "targets_view.csv", "targets_view_dictionary.csv"]
    dictionary = pd.read_csv(io.BytesIO(archive.read("targets_view_dictionary.csv")), encoding="utf-8-sig")
    assert list(dictionary["column"]) == list(_frame().columns)
    assert dictionary.set_index("column").at["quote", "meaning"] == MEANING["quote"]
    assert archive.read("targets_view_dictionary.csv").startswith(b"\xef\xbb\xbf")


def test_xlsx_has_data_and_dictionary_sheets_with_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_frame())))
    assert book.sheetnames == ["data", "dictionary", "citation"]
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    quote_col = header.index("quote") + 1
    value_col = header.index("value_std") + 1
    for row in range(2, 6):
        cell = sheet.cell(row=row, column=quote_col)
        # typed as text: shown exactly as the plan wrote it, never evaluated, no apostrophe
        assert cell.data_type == "s" and not cell.value.startswith("'")
    assert sheet.cell(row=2, column=quote_col).value == '=HYPERLINK("http://x","y")'
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


# --- research-grade downloads: comparators, codes and labels, links, citation ------------------

def _targets() -> pd.DataFrame:
    return pd.DataFrame({
        "target_id": ["tianchang-2024-001", "yixing-2024-002", "yixing-2024-003", "shizhong-2024-004", "x-005"],
        "comparator": ["=", ">=", "<=", "≈", "range"],
        "scope": ["stock", "new", "annual", "ratio", "new"],
        "category": ["creation", "use", "protection", "management", "unmapped"],
        "value_std": [48.0, 600.0, 2.0, 5.0, 1.0],
        "quote": ["=1+1", "到2026年达到600件", "@x", "-y", "ok"],
        "source_url": ["sources?doc=tianchang-2024&target=tianchang-2024-001"] * 5,
    })


def _comparator_cells(frame: pd.DataFrame) -> tuple[set, set]:
    return set(frame["comparator"]), set(frame["comparator_symbol"])


def test_comparators_are_codes_and_symbols_in_csv_and_xlsx_with_no_apostrophe():
    codes, symbols = {"eq", "ge", "le", "approx", "range"}, {"＝", "≥", "≤", "≈", "～"}
    csv_back = pd.read_csv(io.BytesIO(export.to_csv_bytes(_targets())), encoding="utf-8-sig")
    xlsx_back = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(_targets())), sheet_name="data")
    for back in (csv_back, xlsx_back):
        assert _comparator_cells(back) == (codes, symbols)
        assert list(back.columns[1:3]) == ["comparator", "comparator_symbol"]  # side by side
        assert not back.astype(str).apply(lambda col: col.str.startswith("'")).loc[:, "comparator":"comparator_symbol"].any().any()
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_targets())))["data"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str))
    # a formula-like sentence from a plan is still neutralised in CSV
    assert csv_back["quote"][0] == "'=1+1" and csv_back["quote"][2] == "'@x" and csv_back["quote"][3] == "'-y"


def test_codes_come_with_their_labels_and_links_are_absolute(monkeypatch):
    monkeypatch.setenv("IPBENCH_PUBLIC_URL", "https://ipbench.example.org/app/")
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(_targets())), encoding="utf-8-sig")
    assert list(back["scope"]) == ["stock", "new", "annual", "ratio", "new"]
    assert back["scope_label"][1] == "期内累计新增 / new (added over the plan period)"
    assert back["category_label"][4] == "未归类 / Unmapped"
    assert back["source_url"][0] == "https://ipbench.example.org/app/sources?doc=tianchang-2024&target=tianchang-2024-001"


def test_the_shown_slice_carries_scope_code_and_category_beside_its_labels():
    frame = _targets().assign(origin="extracted")
    shown = pd.DataFrame({"indicator": ["a"] * 5, "scope": ["存量", "期内累计新增", "每年", "比率", "期内累计新增"]})
    out = export.for_download(export.with_provenance(shown, frame))
    assert list(out["scope_code"]) == list(frame["scope"]) and list(out["scope"]) == list(shown["scope"])
    assert list(out["category"]) == list(frame["category"]) and "category_label" in out


def test_every_download_carries_the_citation_of_the_plans_it_draws_on():
    archive = zipfile.ZipFile(io.BytesIO(export.csv_zip_bytes(_targets(), "view")))
    text = archive.read("citation.txt").decode("utf-8-sig")
    assert "天长市市场监督管理局《天长市创建国家知识产权强县建设示范县工作方案" in text
    assert "Tianchang Market Supervision Administration" in text and "宜兴市人民政府办公室" in text
    assert "盐城" not in text  # not a plan these rows come from
    assert "uploaded in this session" in text  # x-005 is no published plan
    cite = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(_targets())), sheet_name="citation")["citation"]
    assert cite.str.contains("Extracted from the plan's text").any()
    meta = pq.read_table(io.BytesIO(export.to_parquet_bytes(_targets()))).schema.metadata[b"citation"].decode()
    assert "枣庄市市中区人民政府" in meta


def test_dictionary_is_bilingual_and_lists_the_codes():
    dictionary = export.data_dictionary(export.for_download(_targets())).set_index("column")
    assert dictionary.at["comparator", "label_zh"] == "比较" and dictionary.at["comparator", "label_en"] == "Comparator"
    assert "eq ＝" in dictionary.at["comparator", "values"] and "ratio" in dictionary.at["scope", "values"]
    assert dictionary.at["comparator_symbol", "meaning"]


def test_towns_download_gets_the_town_table_dictionary():
    towns = pd.DataFrame({"doc_id": ["shizhong-2024"], "measure": ["m"], "town": ["税郭镇"], "period": ["2024"],
                          "value": [1.0], "is_total": [False]})
    dictionary = export.data_dictionary(towns).set_index("column")
    assert "Town or sub-district" in dictionary.at["town", "meaning"]
    assert dictionary.at["value", "meaning"] == "Target value"


def test_every_row_of_a_csv_or_workbook_says_its_plans_status_and_short_citation():
    csv_back = pd.read_csv(io.BytesIO(export.to_csv_bytes(_targets())), encoding="utf-8-sig")
    xlsx_back = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(_targets())), sheet_name="data")
    for back in (csv_back, xlsx_back):
        # tianchang's plan is the draft for comments, yixing's and shizhong's are issued (data/raw/sources.yaml)
        assert list(back["plan_status"][:4]) == ["draft", "issued", "issued", "issued"]
        assert back["plan_status_label"][0] == "征求意见稿 / draft for comments"
        assert back["citation"][0].startswith("天长市市场监督管理局《天长市创建国家知识产权强县建设示范县工作方案")
        assert "征求意见稿" in back["citation"][0] and "宜兴市人民政府办公室" in back["citation"][1]
        assert pd.isna(back["plan_status"][4])  # x-005 names no plan the manifest knows: left empty, not guessed


def test_an_uploaded_row_is_marked_as_uploaded_not_as_a_published_plan():
    frame = pd.DataFrame({"target_id": ["upload-青禾县-001"], "doc_id": ["upload-青禾县"], "value_std": [860.0]})
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(frame, documents=[])), encoding="utf-8-sig")
    assert back["plan_status"][0] == "uploaded" and "本次会话上传" in back["citation"][0]


def test_the_data_dictionary_gives_every_meaning_in_chinese_too():
    dictionary = export.data_dictionary(export.for_download(_targets())).set_index("column")
    for column, row in dictionary.iterrows():
        assert row["meaning"] and any("\u4e00" <= ch <= "\u9fff" for ch in row["meaning_zh"]), column
    towns = pd.DataFrame({"doc_id": ["shizhong-2024"], "measure": ["m"], "town": ["税郭镇"], "period": ["2024"],
                          "value": [1.0], "is_total": [False]})
    assert export.data_dictionary(towns).set_index("column").at["value", "meaning_zh"] == "目标值"  # not the targets'
