"""A plan's rows as Arrow tables: what a build worker sends back, what the per-plan cache keeps
(etl/warehouse/cache.py), and what the warehouse's frames are made from, once, at the end.

Why Arrow between the steps: a thousand plans' rows used to travel as Python lists (pickled by the
worker, unpickled by the parent, gathered and made frames again in the parent, on one core).  An
Arrow table is made in the worker, where the cores are; it crosses the process boundary and the
disk as a few buffers; the parent concatenates them without copying and makes each warehouse
frame once.  And a table of plain typed columns is data: reading one back runs no code.

Every table has one Arrow type per column, taken from the warehouse contract (etl.base.schema's
DuckDB types), so every plan's table has the same schema and the load's CASTs see the same values
as before: NaN and None are both null (as DuckDB reads a frame's NaN), whole floats in an INTEGER
column are integers, and a value of another type is converted as the load's CAST would.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

import numpy as np
import pyarrow as pa

from etl.base import schema

ARROW_TYPES = {"VARCHAR": pa.large_string(), "DOUBLE": pa.float64(), "INTEGER": pa.int64(),
               "BOOLEAN": pa.bool_()}
_CONVERSION_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError)


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one warehouse table (etl.base.schema), in its column order."""
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind, _meaning in schema.TABLES[table]])


def to_arrow(table: str, rows) -> pa.Table:
    """A frame, a {column: values} dict or an Arrow table of `table` as an Arrow table of its schema.
    A column the rows lack is all null (as a frame reindexed to the schema's columns)."""
    target = arrow_schema(table)
    if isinstance(rows, pa.Table):
        return rows if rows.schema.equals(target) else rows.select(target.names).cast(target)
    if hasattr(rows, "columns"):  # a frame
        if not len(rows):
            return target.empty_table()
        length, columns = len(rows), dict(zip(rows.columns, _column_arrays(rows)))
    else:
        length, columns = len(next(iter(rows.values()), ())), rows
    arrays = [pa.nulls(length, field.type) if columns.get(field.name) is None else
              _column(columns[field.name], field.type) for field in target]
    return pa.Table.from_arrays(arrays, schema=target)


def _column_arrays(frame):
    """A frame's columns as their arrays, in order: frame[name] makes a Series each time, which cost
    more than the conversion itself for a plan's few hundred small columns."""
    arrays = getattr(frame, "_iter_column_arrays", None)  # pandas' own per-column iterator, if present
    return arrays() if arrays is not None else (frame[c].array for c in frame.columns)


def empty(table: str) -> pa.Table:
    return arrow_schema(table).empty_table()


def concat(table: str, pieces: list[pa.Table]) -> pa.Table:
    """Many plans' tables of one kind as one (no copy: the pieces' buffers are reused)."""
    return pa.concat_tables(pieces) if pieces else empty(table)


def _column(values, kind: pa.DataType) -> pa.Array:
    try:
        return _fast_column(values, kind)
    except _CONVERSION_ERRORS:
        return pa.array([_coerced(value, kind) for value in values], type=kind, from_pandas=True)


def _fast_column(values, kind: pa.DataType) -> pa.Array:
    """A column without a Python loop: a frame's Arrow-backed column (pandas' str dtype) as its own
    buffers, a NumPy column or a list by pyarrow's converter (NaN is null, as DuckDB reads a frame)."""
    if hasattr(values, "__arrow_array__"):
        arrow = values.__arrow_array__()
        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.combine_chunks()
        return arrow if arrow.type == kind else arrow.cast(kind)
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        values = values.to_numpy()
    return pa.array(values, type=kind, from_pandas=True)


def _coerced(value, kind: pa.DataType):
    """One value of an unexpected type, as DuckDB's CAST to the column's type would read it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if pa.types.is_large_string(kind):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        return str(value)
    if pa.types.is_boolean(kind):
        return bool(value) if not isinstance(value, str) else value.strip().lower() in {"true", "t", "1", "yes"}
    number = float(value)
    if pa.types.is_integer(kind):  # DuckDB rounds half away from zero
        return int(math.copysign(math.floor(abs(number) + 0.5), number))
    return number
