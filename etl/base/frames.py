"""A frame's rows as dicts, the same values `DataFrame.to_dict("records")` gives, at a third of its cost.

pandas boxes every cell on its own (`maybe_box_native`), which for the build's targets of 1,000
plans (12,800 rows) cost 0.5 s of the parent's serial time; `Series.tolist()` converts a column at
once to the same Python objects (float, int, bool, str, NaN for a missing text), and the rows are
zipped from the columns.  tests/test_frames.py holds the two to the same values and types.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def records(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict]:
    """The frame's rows (only `columns`, in that order, when given) as dicts, as to_dict("records")."""
    names = list(frame.columns if columns is None else columns)
    if not names:
        return [{} for _ in range(len(frame))]
    if len(set(frame.columns)) != len(frame.columns):
        return frame[names].to_dict("records")  # duplicate names: pandas' own rule for which wins
    return [dict(zip(names, values)) for values in zip(*(_values(frame[name]) for name in names))]


def _values(column: pd.Series) -> list:
    """One column as to_dict would give its cells: at once for NumPy and text columns; cell by cell,
    pandas' own way, for other extension types (the missing value of a nullable
    Int64 or "string" column is None there, pd.NA in tolist)."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) or (isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA):
        return column.tolist()
    return [row[column.name] for row in column.to_frame().to_dict("records")]
