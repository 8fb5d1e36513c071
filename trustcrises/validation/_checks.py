"""Running the pandera models on a frame and turning failures into problems a person can fix.

A pandas frame is checked against a copy of its model's schema whose regular expressions run in
Arrow's engine (see :func:`portable`); a Polars frame against the same model translated to
pandera's Polars backend (:func:`polars_schema`). Both report failures under the model's own
check names, so the messages are the same.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import cache

import pandas as pd

from ._columns import _is_text, is_polars
from .._models import CODE, LANGUAGE, NOT_BLANK, REGION, SLUG, URL

_PATTERNS = {
    NOT_BLANK: "must not be empty or begin or end with white space",
    SLUG: "must be a lowercase slug such as 'xiaomi-2026-kol' (a-z, 0-9, single hyphens)",
    URL: "must be a web address starting with http:// or https://",
    LANGUAGE: "must be a BCP 47 language tag such as zh-Hans, zh-Hant or en",
    CODE: "must be a code (lowercase letters, digits, _ and -)",
    REGION: "must be an ISO 3166-1 alpha-2 code in capitals, such as CN or US",
    r"^[A-Za-z0-9_-]+$": "must be a code (letters, digits, _ and -)",
    r"^[a-z0-9_]+$": "must be a field name (lowercase letters, digits and _)",
}


def rule_text(check: str, failure: object) -> str:
    """A sentence for one pandera check name such as ``str_length(1, 80)``."""
    if check == "not_nullable":
        return "is required"
    if check == "field_uniqueness":
        return "must be unique, but the same value appears more than once"
    if check.startswith("str_matches(") and isinstance(failure, str) and not failure.strip():
        return "is empty; fill it in"
    if check.startswith("str_matches("):
        pattern = check[len("str_matches('"):-2].replace("\\\\", "\\")
        return _PATTERNS.get(pattern, f"must match the pattern {pattern}")
    if match := re.fullmatch(r"str_length\((\d+|None), (\d+|None)\)", check):
        low, high = match.groups()
        size = len(failure) if isinstance(failure, str) else None
        has = f" (it has {size})" if size is not None else ""
        if high != "None" and size is not None and size > int(high):
            return f"must be at most {high} characters{has}; shorten it"
        return f"must be at least {low} character{'s' if low != '1' else ''}"
    if match := re.fullmatch(r"greater_than_or_equal_to\((.+)\)", check):
        return f"must be at least {match.group(1)}"
    if match := re.fullmatch(r"less_than_or_equal_to\((.+)\)", check):
        return f"must be at most {match.group(1)}"
    if check == "column_in_schema":
        return "is not a column of this table"
    if check == "column_in_dataframe":
        return "is missing"
    if check.startswith("dtype("):
        return f"must have dtype {check[7:-2]}"
    return f"fails the check {check}"


# ---------------------------------------------------------------------------------------------
# Patterns for Arrow's and Polars' regex engines, with the meaning Python's ``re`` gives them


@cache
def _space() -> str:
    """Every character Python's ``\\s`` matches (all of them are in the BMP)."""
    space = "".join(c for c in map(chr, range(0x10000)) if c.isspace())
    assert not set(space) & set("\\]^-")  # nothing to escape inside a class
    return space


@cache
def portable(pattern: str) -> str:
    """``pattern`` for RE2 (Arrow) and Rust (Polars), meaning what ``re.match`` makes of it.

    ``\\s`` and ``\\S`` become Python's own white space, spelled out (RE2's is ASCII only,
    Rust's is Unicode's, which lacks ``\\x1c``-``\\x1f``); ``.`` becomes ``[^\\n]``; a final
    ``$``, which in ``re`` also matches before a final newline, becomes ``\\n?\\z``. Other
    constructs pass through, so only simple patterns such as the models' are supported.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == "\\S" and in_class:
                raise ValueError(f"cannot port {pattern!r}: \\S inside a class")
            if pair == "\\s":
                out.append(_space() if in_class else f"[{_space()}]")
            elif pair == "\\S":
                out.append(f"[^{_space()}]")
            else:
                out.append(pair)
            i += 2
            continue
        if in_class:
            in_class = char != "]" or pattern[i - 1] in "[^"
        elif char == "[":
            in_class = True
        elif char == ".":
            char = "[^\n]"
        elif char == "$":
            if i != len(pattern) - 1:
                raise ValueError(f"cannot port {pattern!r}: $ before the end")
            char = "\\n?\\z"
        out.append(char)
        i += 1
    return "".join(out)


def str_matches(pattern: str) -> Callable[[pd.Series], pd.Series]:
    """``series.str.match(pattern, na=False)``, on a text column (Arrow- or Python-backed)
    run by Arrow's regex engine.

    pandas runs a pattern with ``\\s`` or ``\\S`` (NOT_BLANK, URL) through Python's ``re`` one
    value at a time, and scans every column for newlines before trusting ``$`` to Arrow; the
    :func:`portable` pattern needs neither.
    """
    def check(series: pd.Series) -> pd.Series:
        if not _is_text(series):
            return series.str.match(pattern, na=False)
        import pyarrow.compute as pc

        values = series.array.__arrow_array__()
        matched = pc.fill_null(pc.match_substring_regex(values, portable(pattern)), False)
        return pd.Series(matched.to_numpy(zero_copy_only=False), index=series.index,
                         name=series.name)

    return check


# ---------------------------------------------------------------------------------------------
# pandas


@cache
def table_schema(table: str) -> object:
    """The table's pandera schema, its regular expressions run by :func:`str_matches`.

    The checks keep the name and error text of the model's own ``str_matches`` checks, so
    failures read the same; the model's schema itself is left untouched.
    """
    import copy

    import pandera.pandas as pa

    from .._catalog import TABLES

    schema = copy.deepcopy(TABLES[table].model.to_schema())
    for column in schema.columns.values():
        column.checks = [
            pa.Check(str_matches(check.statistics["pattern"]), name=check.name,
                     error=check.error)
            if check.name == "str_matches" else check
            for check in column.checks]
    return schema


def schema_failures(table: str, frame: object,
                    report: Callable[[int | None, str | None, str, object], None]) -> None:
    """Validate ``frame`` (pandas or Polars) against the table's model; report every failure."""
    import pandera.errors

    polars = is_polars(frame)
    schema = polars_schema(table) if polars else table_schema(table)
    try:
        with warnings.catch_warnings():
            # pandera collects failures with a pd.concat that pandas 2.2 warns about; the
            # warning is about pandera's internals, not about the data being checked
            warnings.filterwarnings("ignore", "The behavior of DataFrame concatenation with "
                                    "empty or all-NA entries", FutureWarning)
            schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        rows = cases.iter_rows(named=True) if polars else \
            (row._asdict() for row in cases.itertuples(index=False))
        for row in rows:
            index = None if _isna(row["index"]) else int(row["index"])
            column = row["column"] if isinstance(row["column"], str) else None
            failure = row["failure_case"]
            if row["check"] in ("column_in_schema", "column_in_dataframe"):
                column, failure = str(failure), None
            elif polars and failure is not None and column in frame.columns:
                failure = _polars_value(frame.schema[column], failure)
            value = None if row["check"] == "not_nullable" or _isna(failure) else failure
            value = value.item() if hasattr(value, "item") else value  # numpy scalars
            if isinstance(value, str) and not value.strip():
                value = None
            report(index, column, rule_text(str(row["check"]), failure), value)


# ---------------------------------------------------------------------------------------------
# Polars (pandera's Polars backend; polars is imported only when a Polars frame is given)


def _polars_value(dtype: object, text: str) -> object:
    """A failure case back in its column's type (Polars reports them as text)."""
    if dtype.is_integer():
        try:
            return int(text)
        except ValueError:
            return text
    return text


@cache
def polars_schema(table: str) -> object:
    """The table's model as a ``pandera.polars`` schema: same columns, dtypes and checks."""
    try:
        import pandera.polars as pap
        import polars  # noqa: F401  (pandera's Polars backend needs it)
    except ImportError as exc:
        raise ImportError("Validating a Polars frame needs pandera's Polars backend: pip "
                          f"install 'pandera[polars]' ({exc})") from None
    from .._catalog import TABLES
    from .._types import type_of

    schema = TABLES[table].model.to_schema()
    columns = {}
    for name, column in schema.columns.items():
        dtype = type_of(column).polars()
        checks = [_polars_check(check) for check in column.checks]
        columns[name] = pap.Column(dtype, nullable=column.nullable, unique=column.unique,
                                   checks=checks, description=column.description)
    return pap.DataFrameSchema(columns, strict=schema.strict, ordered=schema.ordered,
                               name=schema.name)


def _polars_check(check: object) -> object:
    import pandera.polars as pap
    import polars as pl

    stats = check.statistics or {}
    if check.name == "str_matches":
        pattern = portable(stats["pattern"])
        return pap.Check(lambda data: data.lazyframe.select(
            pl.col(data.key).str.contains(pattern)), name=check.name, error=check.error)
    if check.name == "str_length":
        return pap.Check.str_length(stats.get("min_value"), stats.get("max_value"))
    if check.name == "greater_than_or_equal_to":
        return pap.Check.ge(stats["min_value"])
    if check.name == "less_than_or_equal_to":
        return pap.Check.le(stats["max_value"])
    raise NotImplementedError(f"no Polars version of the check {check.name!r}")  # pragma: no cover


def _isna(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
