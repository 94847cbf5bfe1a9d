"""Downloads: CSV (UTF-8 with BOM, so Excel reads the Chinese), xlsx and Parquet, each with a
bilingual data dictionary and the citation block, and with spreadsheet formula injection
neutralised.  No Streamlit here.

What a download holds, beyond the rows shown:
- comparators as a code (eq, ge, le, approx, range) with a symbol column (＝ ≥ ≤ ≈ ～) beside
  it, so no cell of ours looks like a formula and none needs a visible apostrophe;
- codes and labels both: scope and category codes with their labels beside them;
- source links made absolute ($IPBENCH_PUBLIC_URL, see dashboard.citation), so they work
  outside the dashboard;
- how to cite it: a citation.txt in the zip, a "citation" sheet in the workbook, Parquet metadata;
  and on every row (the bare CSV too) its plan's status (draft / issued) and short citation.

A text cell from a plan starting with = + - @ (or a tab / carriage return) would be run as a
formula: in CSV it gets an apostrophe in front (etl.base.safe_csv, shared with `etl extract`); in
the workbook every text cell is typed as text, which no spreadsheet evaluates.  Numeric
columns stay numeric (a negative number is data, not a formula).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import citation
from dashboard.glossary import label
from dashboard.i18n import COLUMN_LABELS, COLUMN_MEANINGS_ZH, DECIDED_BY_LABELS, FACET_LABELS, TABLE_MEANINGS_ZH, pick
from dashboard.services import decisions
from etl.api import (
    CATEGORY_VALUES,
    COMPARATOR_SYMBOLS,
    DECIDED_BY,
    FACET_ORDER,
    SCOPES,
    TABLES,
    encode_comparators,
    load_manifest,
    neutralise_frame,
    to_csv,
)

UPLOAD_PREFIX = "upload-"  # dashboard.upload.REGION_PREFIX: an uploaded plan's doc_id and region_id
LABEL_SECTIONS = {"scope": "scopes", "category": "categories", "status": "statuses", "plan_status": "statuses",
                  "admin_level": "admin_levels"}

# Columns the dashboard adds to the warehouse's own (their meaning is not in etl.base.schema).
DERIVED_MEANINGS = {
    "region_en": "Region name in English (table regions)",
    "family_zh": "Indicator family name, Chinese (table indicators)",
    "family_en": "Indicator family name, English (table indicators)",
    "source_url": "Link to the Sources page, scrolled to the quoted sentence (absolute: the dashboard's public "
                  "address, $IPBENCH_PUBLIC_URL, defaults to http://localhost:8501)",
    "region": "Region name in the dashboard's language (region_zh or region_en)",
    "indicator": "Canonical indicator name in the dashboard's language (indicator_zh or indicator_en)",
    "shown_value": "The value as charted: value_std, value_per_10k_residents or value_per_year, per the chosen measure",
    "shown_unit": "Unit of shown_value",
    "value_text": "The target as the charts write it (comparator, number and unit: ≥30亿元, ≥¥3bn); the number is value_std",
    "baseline_text": "The baseline as the charts write it; the number is baseline",
    "per_year_text": "The per-plan-year value as the charts write it; the number is value_per_year",
    "per_10k_text": "The per-10,000-residents value as the charts write it; the number is value_per_10k_residents",
    "comparator_symbol": "The comparator as a symbol: ＝ equal to, ≥ at least, ≤ at most, ≈ about, ～ range",
    "extracted_comparator_symbol": "The extractor's comparator as a symbol (＝ ≥ ≤ ≈ ～)",
    "scope_code": "Scope code: stock, new, annual or ratio (the scope column holds its label)",
    "scope_label": "Label of the scope code, Chinese / English",
    "category_label": "Label of the category code, Chinese / English",
    "status_label": "Label of the status code, Chinese / English",
    "admin_level_label": "Label of the administrative level, Chinese / English",
    "plan_status": "Status of the row's plan: draft (for comments), issued, or uploaded (this browser session only)",
    "plan_status_label": "Label of the plan's status, Chinese / English",
    "facets_label": "The facets worded: subject, measure, normaliser, qualifiers and tier with their Chinese / English "
                    "names (the codes are in facets)",
    "citation": "Short citation of the row's plan: issuing body, title, document number, date and status "
                "(citation.txt / the citation sheet give the full form)",
}
# Where a meaning needs more than etl.base.schema says in the dashboard.
MEANING_OVERRIDES = {
    "origin": "extracted (read by the ETL), manual (a person corrected or added the row: see correction_reason, "
              "corrected_by and the extracted_* columns) or uploaded (a plan uploaded in this browser session only)",
    "comparator": "Comparator code: eq (equal to), ge (at least), le (at most), approx (about), range (value to "
                  "value_max); its symbol is in comparator_symbol",
    "extracted_comparator": "For a corrected row: the comparator code the extractor read (eq, ge, le, approx, range)",
    "indicator_decided_by": "How the indicator was decided: named (the facets read from the name are exactly an entry of "
                            "data/reference/indicators.yaml), derived (no entry names the combination: id d__<facets>, "
                            "label composed from the facets, still compared with the same combination in other plans) "
                            "or unmapped (no facets read, or the unit does not fit the combination's indicator; the "
                            "reason is in indicator_reason)",
}
# The values a coded column may hold, for the dictionary's `values` column.
CODE_VALUES = {
    "comparator": "; ".join(f"{code} {symbol}" for code, symbol in COMPARATOR_SYMBOLS.items()),
    "scope": "; ".join(f"{code} = {label('scopes', code, 'zh')} / {label('scopes', code, 'en')}" for code in SCOPES),
    "category": "; ".join(f"{code} = {label('categories', code, 'zh')} / {label('categories', code, 'en')}"
                          for code in CATEGORY_VALUES),
}
CODE_VALUES["indicator_decided_by"] = "; ".join(f"{code} = {pick(DECIDED_BY_LABELS[code], 'zh')} / "
                                                f"{pick(DECIDED_BY_LABELS[code], 'en')}" for code in DECIDED_BY)
CODE_VALUES["facets"] = "; ".join(f"{facet} = {pick(FACET_LABELS[facet], 'zh')} / {pick(FACET_LABELS[facet], 'en')}"
                                  for facet in FACET_ORDER)
CODE_VALUES["scope_code"] = CODE_VALUES["scope"]
CODE_VALUES["extracted_comparator"] = CODE_VALUES["comparator"]
# The row's provenance, carried into "download what is shown": who says this number, and why.
PROVENANCE_COLUMNS = ["origin", "confidence", "extracted_value", "correction_reason", "corrected_by",
                      "facets", "indicator_decided_by"]


def with_provenance(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """`table` (a page's shown rows, in `frame`'s order) with what a researcher needs beside
    them from `frame`: the document, the scope and category codes, and the provenance columns."""
    out = table.copy()
    source = frame.reset_index(drop=True)
    if "doc_id" in source and "doc_id" not in out:
        out.insert(0, "doc_id", source["doc_id"].to_numpy())
    if "scope" in source and "scope" in out and "scope_code" not in out:  # the shown scope is a label
        out.insert(out.columns.get_loc("scope"), "scope_code", source["scope"].to_numpy())
    if "category" in source and "category" not in out:
        position = out.columns.get_loc("indicator") + 1 if "indicator" in out else len(out.columns)
        out.insert(position, "category", source["category"].to_numpy())
    for column in PROVENANCE_COLUMNS:
        if column in source or column not in out:  # a shown table may carry it already (dashboard.ui.tables)
            out[column] = source[column].to_numpy() if column in source else None
    return out


def guess_table(frame: pd.DataFrame) -> str:
    """The warehouse table whose columns best describe `frame` (targets on a tie): the towns
    download gets the town_targets dictionary without its caller saying so."""
    names = set(frame.columns)
    scores = {table: len(names & {c for c, _t, _m in spec}) for table, spec in TABLES.items()}
    best = max(scores.values())
    return "targets" if scores.get("targets") == best else max(scores, key=scores.get)


def _bilingual(section: str, code, lang: str | None) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    if lang in ("zh", "en"):
        return label(section, code, lang)
    return f"{label(section, code, 'zh')} / {label(section, code, 'en')}"


def _row_doc_ids(frame: pd.DataFrame) -> pd.Series:
    """Each row's plan: its doc_id, else the one its target id or source link names."""
    if "doc_id" in frame:
        return frame["doc_id"]
    if "target_id" in frame:
        return frame["target_id"].map(lambda v: re.sub(r"-(m?\d+)$", "", v) if isinstance(v, str) else None)
    if "source_url" in frame:
        return frame["source_url"].map(lambda v: (re.search(r"doc=([^&]+)", v) or [None, None])[1]
                                       if isinstance(v, str) else None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def with_plan_context(frame: pd.DataFrame, documents=None) -> pd.DataFrame:
    """`frame` with plan_status and citation columns: each row's plan's status (draft, issued,
    uploaded) and its short citation, so a row copied out of the file still says where it is from.
    Unchanged when no row names a plan the documents know (or an upload)."""
    if "plan_status" in frame or "citation" in frame or frame.empty:
        return frame
    documents = _manifest_documents() if documents is None else documents
    if isinstance(documents, pd.DataFrame):
        documents = documents.to_dict("records")
    by_id = {str(d.get("doc_id")): d for d in documents if isinstance(d, Mapping)}
    doc_ids = _row_doc_ids(frame)
    uploaded = doc_ids.map(lambda d: isinstance(d, str) and d.startswith(UPLOAD_PREFIX))
    if not (doc_ids.isin(list(by_id)) | uploaded).any():
        return frame
    out = frame.copy()
    out["plan_status"] = [by_id[d].get("status") if d in by_id else ("uploaded" if up else None)
                          for d, up in zip(doc_ids, uploaded)]
    out["citation"] = [citation.inline_citation(by_id[d], "zh") if d in by_id
                       else (citation.UPLOADED[0] if up else None) for d, up in zip(doc_ids, uploaded)]
    return out


def for_download(frame: pd.DataFrame, lang: str | None = None, documents=None) -> pd.DataFrame:
    """The rows as a download writes them: comparator codes and symbols, a label beside every
    code column (both languages unless `lang`), absolute source links, each row's plan status
    and short citation."""
    out = encode_comparators(with_plan_context(frame, documents))
    for column, section in LABEL_SECTIONS.items():
        code_column = "scope_code" if column == "scope" and "scope_code" in out else column
        if code_column not in out or f"{column}_label" in out:
            continue
        codes = out[code_column]
        if column != "plan_status" and code_column == column and \
                not codes.dropna().map(lambda c, section=section: label(section, c, "en") != c).all():
            continue  # the column already holds labels (the shown table's scope)
        labels = codes.map(lambda c, section=section: _bilingual(section, c, lang))
        out.insert(out.columns.get_loc(code_column) + 1, f"{column}_label", labels)
    if "facets" in out and "facets_label" not in out:  # the codes' words beside them (dashboard.services.decisions)
        out.insert(out.columns.get_loc("facets") + 1, "facets_label",
                   out["facets"].map(lambda f: facets_in(f, lang)))
    if "source_url" in out:
        out["source_url"] = out["source_url"].map(citation.absolute_url)
    return out


def facets_in(description, lang: str | None) -> str | None:
    """targets.facets worded in `lang`, or in both languages when none is given."""
    if lang in ("zh", "en"):
        return decisions.facets_text(description, lang) or None
    return decisions.facets_bilingual(description)


def _schema_meanings(preferred_table: str = "targets") -> dict[str, tuple[str, str]]:
    """column → (DuckDB type, meaning), the preferred table winning over others."""
    meanings: dict[str, tuple[str, str]] = {}
    for table, spec in TABLES.items():
        for name, dtype, meaning in spec:
            if table == preferred_table or name not in meanings:
                meanings[name] = (dtype, meaning)
    return meanings


def _column_labels(column: str) -> tuple[str, str]:
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    base = re.sub(r"_(label|symbol|code)$", "", column)
    if base in COLUMN_LABELS:
        zh, english = COLUMN_LABELS[base]
        suffix = {"label": ("（名称）", " (label)"), "symbol": ("（符号）", " (symbol)"), "code": ("（代码）", " (code)")}
        kind = column[len(base) + 1:]
        return zh + suffix[kind][0], english + suffix[kind][1]
    return column, column


def data_dictionary(frame: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """One row per column of `frame`: column, type, meaning (English, from etl.base.schema) and
    meaning_zh (its Chinese, dashboard.i18n), its Chinese and English labels, and the codes a
    coded column may hold."""
    table = table or guess_table(frame)
    meanings = _schema_meanings(table)
    meanings_zh = {**COLUMN_MEANINGS_ZH, **TABLE_MEANINGS_ZH.get(table, {})}
    rows = []
    for column in frame.columns:
        dtype, meaning = meanings.get(column, (str(frame[column].dtype), DERIVED_MEANINGS.get(column, "")))
        meaning = MEANING_OVERRIDES.get(column, meaning)
        label_zh, label_en = _column_labels(column)
        rows.append({"column": column, "type": dtype, "meaning": meaning,
                     "meaning_zh": meanings_zh.get(column, ""), "label_zh": label_zh,
                     "label_en": label_en, "values": CODE_VALUES.get(column, "")})
    return pd.DataFrame(rows, columns=["column", "type", "meaning", "meaning_zh", "label_zh", "label_en", "values"])


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would evaluate with an apostrophe (CSV)."""
    return neutralise_frame(frame)


# --- citation ---------------------------------------------------------------------------------

def _doc_ids(frame: pd.DataFrame) -> list[str]:
    """The plans a frame's rows come from: its doc_id column, else its target ids or source links."""
    if "doc_id" in frame:
        values = frame["doc_id"]
    elif "target_id" in frame:
        values = frame["target_id"].map(lambda v: re.sub(r"-\d+$", "", v) if isinstance(v, str) else None)
    elif "source_url" in frame:
        values = frame["source_url"].map(lambda v: (re.search(r"doc=([^&]+)", v) or [None, None])[1]
                                         if isinstance(v, str) else None)
    else:
        return []
    return list(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def _manifest_documents() -> list[dict]:
    from dataclasses import asdict

    return [{k: v for k, v in asdict(s).items() if k != "path"} for s in load_manifest()]


def citation_lines(frame: pd.DataFrame, documents=None) -> list[str]:
    """The citation block for the plans `frame` draws on.  `documents`: rows of the documents
    table (a DataFrame or mappings, e.g. queries.documents_meta()); the manifest when not given."""
    if documents is None:
        documents = _manifest_documents()
    elif isinstance(documents, pd.DataFrame):
        documents = documents.to_dict("records")
    by_id = {str(d.get("doc_id")): d for d in documents if isinstance(d, Mapping)}
    wanted = _doc_ids(frame) or list(by_id)
    docs = [by_id[d] for d in wanted if d in by_id]
    return citation.citation_lines(docs, uploaded=sum(d not in by_id for d in wanted))


# --- the files -------------------------------------------------------------------------------

def to_csv_bytes(frame: pd.DataFrame, documents=None) -> bytes:
    """CSV in UTF-8 with a byte-order mark: Excel then opens Chinese text correctly.  The table
    only: a citation block inside it would be rows a reader has to skip (the zip carries it);
    each row says its plan's status and short citation instead."""
    return to_csv(for_download(frame, documents=documents)).encode("utf-8-sig")


def csv_zip_bytes(frame: pd.DataFrame, name: str, table: str | None = None, documents=None) -> bytes:
    """A zip with <name>.csv, <name>_dictionary.csv (both UTF-8 with BOM) and citation.txt."""
    shaped = for_download(frame, documents=documents)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", to_csv(shaped).encode("utf-8-sig"))
        archive.writestr(f"{name}_dictionary.csv", to_csv_bytes(data_dictionary(shaped, table)))
        archive.writestr("citation.txt", ("\r\n".join(citation_lines(frame, documents)) + "\r\n").encode("utf-8-sig"))
    return buffer.getvalue()


def _as_text_cells(worksheet) -> None:
    """Every text cell typed as text (never a formula) and shown as text; readable widths."""
    for cells in worksheet.columns:
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl reads a leading = as a formula; this is text
                cell.number_format = "@"
        width = max(len(str(c.value)) if c.value is not None else 0 for c in cells[:200])
        worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    worksheet.freeze_panes = "A2"


def to_xlsx_bytes(frame: pd.DataFrame, table: str | None = None, sheet: str = "data", documents=None) -> bytes:
    """Workbook: the data on sheet 1, the data dictionary on sheet 2 ('dictionary'), how to cite
    it on sheet 3 ('citation')."""
    shaped = for_download(frame, documents=documents)
    cite = pd.DataFrame({"citation": citation_lines(frame, documents)})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        shaped.to_excel(writer, sheet_name=sheet, index=False)
        data_dictionary(shaped, table).to_excel(writer, sheet_name="dictionary", index=False)
        cite.to_excel(writer, sheet_name="citation", index=False)
        for worksheet in writer.sheets.values():
            _as_text_cells(worksheet)
    return buffer.getvalue()


def to_parquet_bytes(frame: pd.DataFrame, table: str | None = None, documents=None) -> bytes:
    """Parquet with each column's meaning in its field metadata, the dictionary as JSON and the
    citation block as text."""
    shaped = for_download(frame, documents=documents)
    dictionary = data_dictionary(shaped, table)
    arrow = pa.Table.from_pandas(shaped, preserve_index=False)
    meaning = dict(zip(dictionary["column"], dictionary["meaning"]))
    fields = [f.with_metadata({"meaning": meaning.get(f.name, "")}) for f in arrow.schema]
    schema_metadata = dict(arrow.schema.metadata or {})
    schema_metadata[b"data_dictionary"] = json.dumps(dictionary.to_dict("records"), ensure_ascii=False).encode("utf-8")
    schema_metadata[b"citation"] = "\n".join(citation_lines(frame, documents)).encode("utf-8")
    arrow = arrow.cast(pa.schema(fields, metadata=schema_metadata))
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer)
    return buffer.getvalue()
