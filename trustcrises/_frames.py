"""Typed frames from plain rows, with the dtypes the pandera models declare."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pandas as pd
import pyarrow as pa

from ._catalog import TABLES

STRING = pd.StringDtype("pyarrow")
DATE = pd.ArrowDtype(pa.date32())


@cache
def dtypes(table: str) -> dict[str, object]:
    """Column name -> pandas dtype, in model order."""
    from pandera.engines import pandas_engine

    schema = TABLES[table].model.to_schema()
    out: dict[str, object] = {}
    for name, column in schema.columns.items():
        out[name] = STRING if isinstance(column.dtype, pandas_engine.STRING) else \
            column.dtype.type
    return out


def columns(table: str) -> list[str]:
    return list(dtypes(table))


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame of ``rows`` (missing keys are null) with the table's declared dtypes."""
    data = {}
    for name, dtype in dtypes(table).items():
        values = [row.get(name) for row in rows]
        data[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def arrow_to_pandas_type(arrow_type: pa.DataType) -> object | None:
    """The pandas dtype a stored Arrow column is loaded as (None: pandas' default)."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return STRING
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_date32(arrow_type):
        return DATE
    return None


def parse_date(value: object) -> tuple[dt.date | None, str | None, str | None]:
    """``(date, precision, error)`` for 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.date):
        return value, "day", None
    if not isinstance(value, str):
        return None, None, "must be a date written YYYY-MM-DD, YYYY-MM or YYYY"
    parts = value.strip().split("-")
    shapes = {1: (4,), 2: (4, 2), 3: (4, 2, 2)}
    if len(parts) not in shapes or tuple(len(p) for p in parts) != shapes[len(parts)] \
            or not all(p.isdigit() for p in parts):
        return None, None, "must be a date written YYYY-MM-DD, YYYY-MM or YYYY"
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        date = dt.date(*numbers)
    except ValueError as exc:
        return None, None, f"is not a real date ({exc})"
    return date, ("year", "month", "day")[len(parts) - 1], None


def period_end(date: dt.date, precision: str) -> dt.date:
    """The last day a date of this precision may stand for."""
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date
