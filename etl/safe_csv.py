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


def to_csv(frame: pd.DataFrame, out: str | IO[str] | None = None) -> str | None:
    """Write `frame` (no index) as safe CSV to a path or text stream, or return the text if
    `out` is None.  A stream opened by the caller should use newline="" so CRLF stays CRLF."""
    return neutralise_frame(frame).to_csv(out, index=False, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
