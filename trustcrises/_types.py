"""The column types: one map from each logical type to every type system the data meets.

The pandera models declare each column's pandas dtype; everything else (the pandas dtype a
frame gets, the Arrow type in Parquet, pandas' own Parquet metadata, the Polars type, the
Frictionless type and how a YAML value is read) comes from this one table. A new column type
is one entry here.

    logical  pandas                   Arrow    Polars   Frictionless  YAML value
    text     string[pyarrow]          string   String   string        str
    date     date32[day][pyarrow]     date32   Date     date          YYYY-MM-DD, YYYY-MM, YYYY
    flag     boolean                  bool     Boolean  boolean       true / false
    count    Int64                    int64    Int64    integer       a whole number
    number   Float64                  double   Float64  number        a number
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._catalog import TABLES

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    import pyarrow as pa


@dataclass(frozen=True)
class ColumnType:
    name: str
    pandas_name: str                  # str() of the pandas dtype, as the models declare it
    frictionless: str
    pandas_metadata: tuple[str, str]  # pandas' (pandas_type, numpy_type) in Parquet metadata

    def pandas(self) -> object:
        import pandas as pd
        import pyarrow as pa

        return {"text": pd.StringDtype("pyarrow"), "date": pd.ArrowDtype(pa.date32()),
                "flag": pd.BooleanDtype(), "count": pd.Int64Dtype(),
                "number": pd.Float64Dtype()}[self.name]

    def arrow(self) -> pa.DataType:
        import pyarrow as pa

        return {"text": pa.string(), "date": pa.date32(), "flag": pa.bool_(),
                "count": pa.int64(), "number": pa.float64()}[self.name]

    def polars(self) -> object:
        import polars as pl

        return {"text": pl.String, "date": pl.Date, "flag": pl.Boolean,
                "count": pl.Int64, "number": pl.Float64}[self.name]


TYPES: Mapping[str, ColumnType] = MappingProxyType({t.name: t for t in (
    ColumnType("text", "string", "string", ("unicode", "string")),
    ColumnType("date", "date32[day][pyarrow]", "date", ("date", "date32[day][pyarrow]")),
    ColumnType("flag", "boolean", "boolean", ("bool", "boolean")),
    ColumnType("count", "Int64", "integer", ("int64", "Int64")),
    ColumnType("number", "Float64", "number", ("float64", "Float64")),
)})
_BY_PANDAS = {t.pandas_name: t for t in TYPES.values()}


def type_of(column: object) -> ColumnType:
    """The logical type of a pandera column."""
    from pandera.engines import pandas_engine

    if isinstance(column.dtype, pandas_engine.STRING):  # pandera's own type for any string
        return TYPES["text"]
    return _BY_PANDAS[str(column.dtype)]


@cache
def column_types(table: str) -> Mapping[str, ColumnType]:
    """Column name -> logical type, in model order (read-only)."""
    schema = TABLES[table].model.to_schema()
    return MappingProxyType({name: type_of(column) for name, column in schema.columns.items()})


def dtypes(table: str) -> dict[str, object]:
    """Column name -> pandas dtype, in model order."""
    return {name: kind.pandas() for name, kind in column_types(table).items()}


def columns(table: str) -> list[str]:
    return list(column_types(table))


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame of ``rows`` (missing keys are null) with the table's declared dtypes."""
    import pandas as pd

    data = {name: pd.array([row.get(name) for row in rows], dtype=dtype)
            for name, dtype in dtypes(table).items()}
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def arrow_to_pandas_type(arrow_type: pa.DataType) -> object | None:
    """The pandas dtype a stored Arrow column is loaded as (None: pandas' default)."""
    import pyarrow as pa

    if pa.types.is_large_string(arrow_type):
        return TYPES["text"].pandas()
    for kind in TYPES.values():
        if arrow_type == kind.arrow():
            return kind.pandas()
    return None
