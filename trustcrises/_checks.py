"""Turning pandera's failure cases into problems a person can act on."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ._models import CODE, LANGUAGE, NOT_BLANK, REGION, SLUG, URL

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


def schema_failures(table: str, frame: pd.DataFrame,
                    report: Callable[[int | None, str | None, str, object], None]) -> None:
    """Validate ``frame`` against the table's model and report every failure."""
    import pandera.errors

    from ._catalog import TABLES

    try:
        TABLES[table].model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for row in cases.itertuples(index=False):
            index = None if pd.isna(row.index) else int(row.index)
            column = row.column if isinstance(row.column, str) else None
            failure = row.failure_case
            if row.check in ("column_in_schema", "column_in_dataframe"):
                column, failure = str(failure), None
            value = None if row.check == "not_nullable" or _isna(failure) else failure
            value = value.item() if hasattr(value, "item") else value  # numpy scalars
            if isinstance(value, str) and not value.strip():
                value = None
            report(index, column, rule_text(str(row.check), failure), value)


def _isna(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
