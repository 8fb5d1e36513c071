"""Column-wise helpers for the rules: masks over whole pandas (or Arrow-backed) columns.

Each works on a whole column at once and falls back to a row-by-row path for columns of an
unexpected dtype (a user's frame with ``object`` text, say), with the same results.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd


def _present(value: object) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float)
                                                              and value != value)


def _text(value: object) -> bool:
    return isinstance(value, str)


def _is(value: object, text: str) -> bool:
    """``value == text`` that is False, not an error, for a missing value."""
    return isinstance(value, str) and value == text


# ---------------------------------------------------------------------------------------------
# Column helpers: vectorised for the declared dtypes, exact row by row for anything else. A
# column is a pandas Series or, for ``tc.validate`` of a Polars frame, a Polars Series (whose
# rows are labelled by position).


def is_polars(obj: object) -> bool:
    """Whether ``obj`` is a Polars object (checked without importing Polars)."""
    return type(obj).__module__.split(".")[0] == "polars"


def _is_text(series: pd.Series) -> bool:
    dtype = series.dtype
    if is_polars(series):
        import polars as pl

        return dtype == pl.String
    if isinstance(dtype, pd.StringDtype):
        return True
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        return pa.types.is_string(dtype.pyarrow_dtype) or \
            pa.types.is_large_string(dtype.pyarrow_dtype)
    return False


def _is_date(series: pd.Series) -> bool:
    if is_polars(series):
        import polars as pl

        return series.dtype == pl.Date
    import pyarrow as pa

    return isinstance(series.dtype, pd.ArrowDtype) and pa.types.is_date32(
        series.dtype.pyarrow_dtype)


def _bools(result: object) -> np.ndarray:
    """A numpy bool mask from a (nullable) boolean result; missing counts as False."""
    if is_polars(result):
        return result.fill_null(False).to_numpy().astype(bool, copy=False)
    series = result if isinstance(result, pd.Series) else pd.Series(result)
    if series.dtype != bool:
        series = series.fillna(False)
    return series.to_numpy(dtype=bool)


def _present_mask(series: pd.Series) -> np.ndarray:
    """``_present`` of every value."""
    if is_polars(series):
        mask = series.is_not_null()
        if series.dtype.is_float():
            mask = mask & ~series.is_nan().fill_null(False)
        return _bools(mask)
    if isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
        return series.notna().to_numpy(dtype=bool)
    return np.fromiter((_present(v) for v in series), dtype=bool, count=len(series))


def _notna(series: pd.Series) -> np.ndarray:
    return _bools(series.is_not_null() if is_polars(series) else series.notna())


def _isin(series: pd.Series, values: set) -> np.ndarray:
    if is_polars(series):
        import polars as pl

        return _bools(series.is_in(pl.Series(sorted(values), dtype=series.dtype)))
    return _bools(series.isin(list(values)))


def _contains(series: pd.Series, literal: str) -> np.ndarray:
    """Text values in which the regular expression ``literal`` finds a match."""
    if is_polars(series):
        return _bools(series.str.contains(literal))
    return _bools(series.str.contains(literal, regex=True))


def _objects(series: pd.Series) -> np.ndarray | list:
    """The values as Python objects, as ``iterrows`` gives them."""
    if is_polars(series):
        return series.to_list()
    return series.astype(object).to_numpy()


def _at(series: pd.Series, position: int) -> object:
    return series[position] if is_polars(series) else series.iloc[position]


def _labels(frame: pd.DataFrame | pd.Series) -> Sequence:
    """The row labels: the index, or positions for a Polars frame."""
    return range(len(frame)) if is_polars(frame) else frame.index


def _items(series: pd.Series) -> Iterable[tuple[object, object]]:
    return enumerate(series) if is_polars(series) else series.items()


def _factorize(series: pd.Series) -> tuple[np.ndarray, Sequence]:
    """Codes (-1 for missing) and the distinct values in order of appearance, as groupby."""
    if is_polars(series):
        return pd.factorize(np.asarray(series.to_list(), dtype=object), sort=False)
    return pd.factorize(series, sort=False)


def _hits(*masks: np.ndarray) -> Iterable[int]:
    """Positions where any mask is set, in order."""
    return np.flatnonzero(np.logical_or.reduce(masks)).tolist()


# ---------------------------------------------------------------------------------------------
# Rules
