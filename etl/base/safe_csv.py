"""CSV that a spreadsheet opens as data: no live formulas, no row a stray line break invents.

Plan text is user-supplied, and CSV is what people open in Excel or LibreOffice, which run
a cell starting with = + - @ (or a tab / carriage return before one) as a formula:
`=HYPERLINK("http://…","click")` becomes a live link, DDE payloads run commands.  Such text
cells get a leading apostrophe, the spreadsheets' own "this is text" mark.  Numbers, and
text that is just a number ("-5", "+1.5"), are data and stay as they are.

Every cell holding a carriage return or line feed is quoted: Python's csv module quotes
only the characters of its line terminator, so with pandas' default "\\n" a bare CR in
`note\\r=1+1` went out unquoted and a reader that splits on CR saw a new row `=1+1`.
Lines end in CRLF (RFC 4180), which makes both CR and LF "special" and so quoted.

Comparators are the one field whose own values look like formulas ("=", ">=" …): they are
written as a code (eq, ge, le, approx, range) with a symbol column beside it (＝ ≥ ≤ ≈ ～; the
full-width ＝ is no formula), so neither needs an apostrophe a reader would see.

One implementation for the dashboard's downloads (dashboard.export) and `etl extract`.
No dashboard or Streamlit imports here.
"""

from __future__ import annotations

import csv
import re
from typing import IO

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"
# The warehouse's comparator (etl.base.schema.COMPARATORS) → (code, symbol) in a download.
COMPARATOR_CODES = {"=": ("eq", "＝"), "＝": ("eq", "＝"), ">=": ("ge", "≥"), "≥": ("ge", "≥"), "<=": ("le", "≤"),
                    "≤": ("le", "≤"), "≈": ("approx", "≈"), "range": ("range", "～"), "～": ("range", "～")}
CODES = {code: symbol for code, symbol in COMPARATOR_CODES.values()}
COMPARATOR_COLUMNS = ("comparator", "extracted_comparator")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def neutralise(value):
    """A text cell a spreadsheet would evaluate, with an apostrophe in front; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; numeric, boolean and date columns untouched."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            continue
        out[column] = series.map(neutralise)
    return out


def comparator_code(value) -> str | None:
    """eq/ge/le/approx/range for a comparator as stored or as already coded; None otherwise."""
    if isinstance(value, str) and value in CODES:
        return value
    return COMPARATOR_CODES.get(value.strip(), (None, None))[0] if isinstance(value, str) else None


def encode_comparators(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with each comparator column as its code and a `<column>_symbol` column beside it."""
    out = frame.copy()
    for column in COMPARATOR_COLUMNS:
        if column not in out.columns or f"{column}_symbol" in out.columns:
            continue
        codes = out[column].map(comparator_code)
        out[column] = codes
        out.insert(out.columns.get_loc(column) + 1, f"{column}_symbol", codes.map(CODES))
    return out


def to_csv(frame: pd.DataFrame, out: str | IO[str] | None = None, comparators: bool = False) -> str | None:
    """Write `frame` (no index) as safe CSV to a path or text stream, or return the text if
    `out` is None.  A stream opened by the caller should use newline="" so CRLF stays CRLF.
    `comparators` writes them as code + symbol; off by default because `etl extract` promises
    the targets table's own columns (the dashboard's downloads encode them, dashboard.export)."""
    safe = neutralise_frame(encode_comparators(frame) if comparators else frame)
    return safe.to_csv(out, index=False, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
