"""Downloads: CSV (UTF-8 with BOM, so Excel reads the Chinese), xlsx and Parquet, each with a
data dictionary, and with spreadsheet formula injection neutralised.  No Streamlit here.

A cell of text starting with = + - @ (or a tab / carriage return) would be run as a formula
by Excel or LibreOffice; it gets an apostrophe in front, and a cell with a line break in it is
quoted.  Both rules live in etl.safe_csv, shared with `etl extract`.  Numeric columns stay
numeric (a negative number is data, not a formula).
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import safe_csv
from etl.schema import TABLES

FORMULA_STARTS = safe_csv.FORMULA_STARTS

# Columns the dashboard adds to the warehouse's own (their meaning is not in etl.schema).
DERIVED_MEANINGS = {
    "region_en": "Region name in English (table regions)",
    "family_zh": "Indicator family name, Chinese (table indicators)",
    "family_en": "Indicator family name, English (table indicators)",
    "source_url": "Link to the Sources page, scrolled to the quoted sentence (relative to the dashboard's address)",
    "region": "Region name in the dashboard's language (region_zh or region_en)",
    "indicator": "Canonical indicator name in the dashboard's language (indicator_zh or indicator_en)",
    "shown_value": "The value as charted: value_std, value_per_10k_residents or value_per_year, per the chosen measure",
    "shown_unit": "Unit of shown_value",
}
# Where a meaning needs more than etl.schema says in the dashboard: session uploads are a third origin.
MEANING_OVERRIDES = {
    "origin": "extracted (read by the ETL), manual (a person corrected or added the row: see correction_reason, "
              "corrected_by and the extracted_* columns) or uploaded (a plan uploaded in this browser session only)",
}
# The row's provenance, carried into "download what is shown": who says this number, and why.
PROVENANCE_COLUMNS = ["origin", "confidence", "extracted_value", "correction_reason", "corrected_by"]


def with_provenance(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """`table` (a page's shown rows, in `frame`'s order) with the provenance columns of `frame`."""
    out = table.copy()
    source = frame.reset_index(drop=True)
    for column in PROVENANCE_COLUMNS:
        out[column] = source[column].to_numpy() if column in source else None
    return out


def _schema_meanings(preferred_table: str = "targets") -> dict[str, tuple[str, str]]:
    """column → (DuckDB type, meaning), the preferred table winning over others."""
    meanings: dict[str, tuple[str, str]] = {}
    for table, spec in TABLES.items():
        for name, dtype, meaning in spec:
            if table == preferred_table or name not in meanings:
                meanings[name] = (dtype, meaning)
    return meanings


def data_dictionary(frame: pd.DataFrame, table: str = "targets") -> pd.DataFrame:
    """One row per column of `frame`: column, type, meaning (from etl.schema)."""
    meanings = _schema_meanings(table)
    rows = []
    for column in frame.columns:
        dtype, meaning = meanings.get(column, (str(frame[column].dtype), DERIVED_MEANINGS.get(column, "")))
        meaning = MEANING_OVERRIDES.get(column, meaning)
        rows.append({"column": column, "type": dtype, "meaning": meaning})
    return pd.DataFrame(rows, columns=["column", "type", "meaning"])


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would evaluate with an apostrophe."""
    return safe_csv.neutralise_frame(frame)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark: Excel then opens Chinese text correctly."""
    return safe_csv.to_csv(frame).encode("utf-8-sig")


def csv_zip_bytes(frame: pd.DataFrame, name: str, table: str = "targets") -> bytes:
    """A zip with <name>.csv and <name>_dictionary.csv (both UTF-8 with BOM)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", to_csv_bytes(frame))
        archive.writestr(f"{name}_dictionary.csv", to_csv_bytes(data_dictionary(frame, table)))
    return buffer.getvalue()


def to_xlsx_bytes(frame: pd.DataFrame, table: str = "targets", sheet: str = "data") -> bytes:
    """Workbook: the data on sheet 1, the data dictionary on sheet 2 ('dictionary')."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(frame).to_excel(writer, sheet_name=sheet, index=False)
        neutralise_formulas(data_dictionary(frame, table)).to_excel(writer, sheet_name="dictionary", index=False)
        for worksheet in writer.sheets.values():
            worksheet.freeze_panes = "A2"
            for cells in worksheet.columns:  # readable widths, capped so quotes do not run off
                width = max(len(str(c.value)) if c.value is not None else 0 for c in cells[:200])
                worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def to_parquet_bytes(frame: pd.DataFrame, table: str = "targets") -> bytes:
    """Parquet with each column's meaning in its field metadata and the dictionary as JSON."""
    dictionary = data_dictionary(frame, table)
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    meaning = dict(zip(dictionary["column"], dictionary["meaning"]))
    fields = [f.with_metadata({"meaning": meaning.get(f.name, "")}) for f in arrow.schema]
    schema_metadata = dict(arrow.schema.metadata or {})
    schema_metadata[b"data_dictionary"] = json.dumps(dictionary.to_dict("records"), ensure_ascii=False).encode("utf-8")
    arrow = arrow.cast(pa.schema(fields, metadata=schema_metadata))
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer)
    return buffer.getvalue()
