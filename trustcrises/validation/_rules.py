"""Rules that span rows and tables: codes, keys, pairs of languages, cases, viewpoints.

The rules run column-wise (pandas/Arrow operations over whole columns), so validating a million
rows costs ten times a hundred thousand; Python only visits the rows that break a rule. Columns
of an unexpected dtype (a user's frame with ``object`` text, say) take a row-by-row path with
the same results. Reports come in the order the rules list them, row by row, which matters to
the build: it reports only the first problem of each field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from .._catalog import TABLES
from ._columns import (
    _at,
    _bools,
    _contains,
    _hits,
    _is_date,
    _is_text,
    _isin,
    _items,
    _labels,
    _objects,
    _present,
    _present_mask,
    _text,
)
from .._problems import close_codes, did_you_mean
from .._text import HAN, HAN_CLASS, iso_at

Report = Callable[..., None]  # report(table, index, column, rule, *, value=, suggestion=)
# locate(table, index, column) -> where a row is, in the caller's terms ("cases/x.yaml:12", "row 3")
Locate = Callable[[str, int, str], str]

_LATIN = re.compile(r"[A-Za-z]")
# The same classes with the characters themselves, so Arrow's regex engine can run them.
_HAN_LITERAL = f"[{HAN_CLASS}]"
_LATIN_LITERAL = "[A-Za-z]"
_PRECISIONS = ("day", "month", "year")


def code_columns(table: str) -> dict[str, str]:
    """Column -> codebook field, for the table's coded columns."""
    schema = TABLES[table].model.to_schema()
    return {name: column.metadata["codes"] for name, column in schema.columns.items()
            if (column.metadata or {}).get("codes")}


def pairs(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, c[:-3] + "_zh") for c in frame.columns
            if c.endswith("_en") and c[:-3] + "_zh" in frame.columns]


def check_codes(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    book = frames["codebook"]
    valid: dict[str, set[str]] = defaultdict(set)
    for field, code in zip(book["field"], book["code"]):
        if _present(field) and _present(code):
            valid[field].add(code)
    for table, frame in frames.items():
        for column, field in code_columns(table).items():
            series = frame[column]
            if _is_text(series):
                bad = _present_mask(series) & ~_isin(series, valid[field])
                labels = _labels(frame)
                found = ((labels[i], _at(series, i)) for i in np.flatnonzero(bad).tolist())
            else:
                found = ((i, v) for i, v in _items(series)
                         if _present(v) and v not in valid[field])
            hints: dict[object, str | None] = {}
            for index, value in found:
                choices = valid[field]
                if value not in hints:
                    close = close_codes(value, choices)
                    hints[value] = (
                        "Did you mean " + " or ".join(repr(c) for c in close) + "?" if close
                        else _no_close_code(field, choices))
                report(table, index, column, f"is not a valid {field} code in the codebook",
                       value=value, suggestion=hints[value])
    strategy = _bools(book["field"] == "strategy")
    complete = _present_mask(book["posture"]) & _present_mask(book["benoit"])
    for position in np.flatnonzero(strategy & ~complete).tolist():
        report("codebook", _labels(book)[position], "posture", "every strategy code needs a "
               "posture and a benoit category")


def _no_close_code(field: str, choices: set[str]) -> str:
    """What to do when no valid code is close in meaning to the one written."""
    valid = f"Valid codes: {', '.join(sorted(choices))}. " if choices else ""
    return (f"{valid}If none fits, add your own code to the collection's codebook.yaml, under "
            f"`{field}:`, with code, label_en, label_zh, definition_en and definition_zh "
            "(`trustcrises codes " + field + "` lists the codes with their meanings)")


def check_primary_keys(frames: dict[str, pd.DataFrame], report: Report,
                       locate: Locate) -> None:
    """Duplicate keys, naming where the first one is."""
    for name, frame in frames.items():
        keys = TABLES[name].primary_key
        if not set(keys) <= set(frame.columns):
            continue
        labels = _labels(frame)
        seen: dict[tuple, int] = {}
        columns = [_objects(frame[c]) for c in keys]
        for position, key in enumerate(zip(*columns)):
            if not all(_present(k) for k in key):
                continue
            if key in seen:
                where = locate(name, labels[seen[key]], keys[-1])
                shown = "/".join(str(k) for k in key)
                report(name, labels[position], keys[-1],
                       f"duplicate {'/'.join(keys)} {shown!r}: already defined at {where}")
            else:
                seen[key] = position


def check_references(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    """Every event, viewpoint and published coding names a source and a case that exist."""
    sources = set(frames["sources"]["source_id"].dropna())
    cases = set(frames["cases"]["case_id"].dropna())
    for name in ("events", "viewpoints", "codings"):
        if name not in frames:
            continue
        frame = frames[name]
        for index, value in _missing_from(frame["source_id"], sources):
            report(name, index, "source_id", "refers to a source that is not in "
                   "sources.yaml", value=value,
                   suggestion=did_you_mean(value, sources) or "Add it to sources.yaml.")
        for index, value in _missing_from(frame["case_id"], cases):
            report(name, index, "case_id", "refers to a case that is not defined",
                   value=value, suggestion=did_you_mean(value, cases))


def _missing_from(series: pd.Series, valid: set) -> Iterable[tuple[object, object]]:
    """``(index, value)`` of the present values that are not in ``valid``."""
    if _is_text(series):
        bad = _present_mask(series) & ~_bools(series.isin(list(valid)))
        return [(series.index[i], series.iloc[i]) for i in np.flatnonzero(bad).tolist()]
    return [(i, v) for i, v in series.items() if _present(v) and v not in valid]


def check_pairs(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    """Both languages filled wherever one is; Chinese text has Chinese, English has Latin."""
    for table, frame in frames.items():
        for en, zh in pairs(frame):
            a, b = frame[en], frame[zh]
            has_a, has_b = _present_mask(a), _present_mask(b)
            not_zh = _lacks(b, HAN, _HAN_LITERAL)
            not_en = _lacks(a, _LATIN, _LATIN_LITERAL)
            for index in _hits(has_a != has_b, not_zh, not_en):
                if has_a[index] != has_b[index]:
                    missing, other = (zh, en) if has_a[index] else (en, zh)
                    report(table, index, other, f"is filled but {missing} is missing; write "
                           "both languages or neither")
                if not_zh[index]:
                    report(table, index, zh, "must be written in Chinese (it has no Chinese "
                           "characters)", value=_at(b, index))
                if not_en[index]:
                    report(table, index, en, "must be written in English (it has no Latin "
                           "letters)", value=_at(a, index))


def _lacks(series: pd.Series, pattern: re.Pattern, literal: str) -> np.ndarray:
    """Text values in which ``pattern`` finds nothing."""
    if _is_text(series):
        return _present_mask(series) & ~_contains(series, literal)
    return np.fromiter((_text(v) and not pattern.search(v) for v in series), dtype=bool,
                       count=len(series))


def check_precision(rows: dict[str, list[dict]], report: Report) -> None:
    """Each date is written at the precision its row declares."""
    for table, date_columns in (("cases", ("start_date", "end_date")), ("events", ("date",))):
        for index, row in enumerate(rows[table]):
            declared = row.get("date_precision")
            for column in date_columns:
                written = row.get("_precision", {}).get(column)
                if written and declared in _PRECISIONS and written != declared:
                    report(table, index, column, f"is written to the {written} but "
                           f"date_precision is {declared!r}; make them agree",
                           value=_shown(row, column))


def _shown(row: dict, column: str) -> str:
    return iso_at(row[column], row["_precision"][column])


def check_cases(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    if "cases" not in frames:
        return
    cases = frames["cases"]
    start, end = cases["start_date"], cases["end_date"]
    labels = _labels(cases)
    if _is_date(start) and _is_date(end):
        found = np.flatnonzero(_bools(end < start)).tolist()
        rows = ((labels[i], _at(start, i), _at(end, i)) for i in found)
    else:
        rows = ((i, s, e) for i, s, e in zip(labels, _objects(start), _objects(end))
                if _present(s) and _present(e) and e < s)
    for index, first, last in rows:
        report("cases", index, "end_date", f"is before start_date {first.isoformat()}",
               value=last.isoformat())
    ongoing = _present_mask(end) & _bools(cases["status"] == "ongoing")
    for position in np.flatnonzero(ongoing).tolist():
        report("cases", labels[position], "status", "is 'ongoing' but the case has an "
               "end_date; set status to 'ended' or remove the end_date", value="ongoing")


def check_viewpoints(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    if "viewpoints" not in frames:
        return
    views = frames["viewpoints"]
    has_p, has_s = _present_mask(views["proposition"]), _present_mask(views["stance"])
    no_reason = has_s & ~_present_mask(views["stance_rationale_en"]) \
        & ~_present_mask(views["stance_rationale_zh"])
    for position in _hits(has_p != has_s, no_reason):
        index = _labels(views)[position]
        if has_p[position] != has_s[position]:
            missing = "stance" if has_p[position] else "proposition"
            report("viewpoints", index, missing, "proposition and stance go together; set "
                   "both or neither")
        if no_reason[position]:
            report("viewpoints", index, "stance_rationale_en", "a coded stance needs a "
                   "one-line rationale in both languages")
