"""What a table cell holds, across the editors' round trips (float / Int64 / str, None / NaN / <NA>)."""

from __future__ import annotations

import math

import pandas as pd


def blank(value) -> bool:
    """None, NaN, <NA> or only spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def same(a, b) -> bool:
    """Cell equality: two blanks are equal, numbers within rounding, else the text stripped."""
    if blank(a) or blank(b):
        return blank(a) and blank(b)
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    except (TypeError, ValueError):
        return str(a).strip() == str(b).strip()
