"""Rules that span rows and tables: codes, keys, timelines, pairs of languages.

The rules run column-wise (pandas/Arrow operations over whole columns), so validating a million
rows costs ten times a hundred thousand; Python only visits the rows that break a rule. Columns
of an unexpected dtype (a user's frame with ``object`` text, say) take a row-by-row path with
the same results. Reports come in the order the rules list them, row by row, which matters to
the build: it reports only the first problem of each field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from ._catalog import TABLES
from ._frames import period_end
from ._problems import did_you_mean

Report = Callable[..., None]  # report(table, index, column, rule, *, value=, suggestion=)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# The same classes with the characters themselves, so Arrow's regex engine can run them.
_CJK_LITERAL = "[\u3400-\u9fff\uf900-\ufaff]"
_LATIN_LITERAL = "[A-Za-z]"
_PRECISIONS = ("day", "month", "year")


def code_columns(table: str) -> dict[str, str]:
    """Column -> codebook field, for the table's coded columns."""
    schema = TABLES[table].model.to_schema()
    return {name: column.metadata["codes"] for name, column in schema.columns.items()
            if (column.metadata or {}).get("codes")}


def pairs(table: str, frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, c[:-3] + "_zh") for c in frame.columns
            if c.endswith("_en") and c[:-3] + "_zh" in frame.columns]


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


def _is_polars(obj: object) -> bool:
    return type(obj).__module__.split(".")[0] == "polars"


def _is_text(series: pd.Series) -> bool:
    dtype = series.dtype
    if _is_polars(series):
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
    if _is_polars(series):
        import polars as pl

        return series.dtype == pl.Date
    import pyarrow as pa

    return isinstance(series.dtype, pd.ArrowDtype) and pa.types.is_date32(
        series.dtype.pyarrow_dtype)


def _bools(result: object) -> np.ndarray:
    """A numpy bool mask from a (nullable) boolean result; missing counts as False."""
    if _is_polars(result):
        return result.fill_null(False).to_numpy().astype(bool, copy=False)
    series = result if isinstance(result, pd.Series) else pd.Series(result)
    if series.dtype != bool:
        series = series.fillna(False)
    return series.to_numpy(dtype=bool)


def _present_mask(series: pd.Series) -> np.ndarray:
    """``_present`` of every value."""
    if _is_polars(series):
        mask = series.is_not_null()
        if series.dtype.is_float():
            mask = mask & ~series.is_nan().fill_null(False)
        return _bools(mask)
    if isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
        return series.notna().to_numpy(dtype=bool)
    return np.fromiter((_present(v) for v in series), dtype=bool, count=len(series))


def _notna(series: pd.Series) -> np.ndarray:
    return _bools(series.is_not_null() if _is_polars(series) else series.notna())


def _isin(series: pd.Series, values: set) -> np.ndarray:
    if _is_polars(series):
        import polars as pl

        return _bools(series.is_in(pl.Series(sorted(values), dtype=series.dtype)))
    return _bools(series.isin(list(values)))


def _contains(series: pd.Series, literal: str) -> np.ndarray:
    """Text values in which the regular expression ``literal`` finds a match."""
    if _is_polars(series):
        return _bools(series.str.contains(literal))
    return _bools(series.str.contains(literal, regex=True))


def _objects(series: pd.Series) -> np.ndarray | list:
    """The values as Python objects, as ``iterrows`` gives them."""
    if _is_polars(series):
        return series.to_list()
    return series.astype(object).to_numpy()


def _at(series: pd.Series, position: int) -> object:
    return series[position] if _is_polars(series) else series.iloc[position]


def _labels(frame: pd.DataFrame | pd.Series) -> Sequence:
    """The row labels: the index, or positions for a Polars frame."""
    return range(len(frame)) if _is_polars(frame) else frame.index


def _items(series: pd.Series) -> Iterable[tuple[object, object]]:
    return enumerate(series) if _is_polars(series) else series.items()


def _factorize(series: pd.Series) -> tuple[np.ndarray, Sequence]:
    """Codes (-1 for missing) and the distinct values in order of appearance, as groupby."""
    if _is_polars(series):
        return pd.factorize(np.asarray(series.to_list(), dtype=object), sort=False)
    return pd.factorize(series, sort=False)


def _hits(*masks: np.ndarray) -> Iterable[int]:
    """Positions where any mask is set, in order."""
    return np.flatnonzero(np.logical_or.reduce(masks)).tolist()


# ---------------------------------------------------------------------------------------------
# Rules


def check_codes(frames: dict[str, pd.DataFrame], report: Report) -> None:
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
                    hints[value] = did_you_mean(value, choices) or (
                        f"Valid codes: {', '.join(sorted(choices))}." if choices else
                        f"The codebook has no codes for {field!r}; add them to codebook.yaml.")
                report(table, index, column, f"is not a valid {field} code in the codebook",
                       value=value, suggestion=hints[value])
    strategy = _bools(book["field"] == "strategy")
    complete = _present_mask(book["posture"]) & _present_mask(book["benoit"])
    for position in np.flatnonzero(strategy & ~complete).tolist():
        report("codebook", _labels(book)[position], "posture", "every strategy code needs a "
               "posture and a benoit category")


def check_keys(frames: dict[str, pd.DataFrame], origins: dict, report: Report) -> None:
    """Duplicate keys (naming where the first one is) and references to sources and cases."""
    for name, spec in TABLES.items():
        frame = frames[name]
        seen: dict[tuple, int] = {}
        columns = [_objects(frame[c]) for c in spec.primary_key]
        for index, key in enumerate(zip(*columns)):
            if not all(_present(k) for k in key):
                continue
            if key in seen:
                first = origins[name][seen[key]]
                where = f"{first.file}:{first.at(spec.primary_key[-1])}" if first.file \
                    else "the bundled data"
                shown = "/".join(str(k) for k in key)
                report(name, index, spec.primary_key[-1],
                       f"duplicate {'/'.join(spec.primary_key)} {shown!r}: already defined "
                       f"at {where}")
            else:
                seen[key] = index
    sources = set(frames["sources"]["source_id"].dropna())
    cases = set(frames["cases"]["case_id"].dropna())
    for name in ("events", "viewpoints"):
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


def check_pairs(frames: dict[str, pd.DataFrame], report: Report) -> None:
    """Both languages filled wherever one is; Chinese text has Chinese, English has Latin."""
    for table, frame in frames.items():
        for en, zh in pairs(table, frame):
            a, b = frame[en], frame[zh]
            has_a, has_b = _present_mask(a), _present_mask(b)
            not_zh = _lacks(b, _CJK, _CJK_LITERAL)
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
    date, precision = row[column], row["_precision"][column]
    return date.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]


def check_cases(frames: dict[str, pd.DataFrame], report: Report) -> None:
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


def check_viewpoints(frames: dict[str, pd.DataFrame], report: Report) -> None:
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


def check_timelines(frames: dict[str, pd.DataFrame], report: Report) -> None:
    """seq runs 1..n, dates follow seq, the trigger comes first, responses are coded."""
    events, cases = frames["events"], frames["cases"]
    starts = {c: s for c, s in zip(cases["case_id"], cases["start_date"]) if _present(c)}
    codes, case_ids = _factorize(events["case_id"])  # groupby's groups
    if not len(case_ids):
        return
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(case_ids) + 1))
    kind = events["event_type"]
    rows = _Rows(events, trigger=_bools(kind == "trigger"),
                 main=_bools(kind != "background"), has_seq=_notna(events["seq"]))
    for number, case_id in enumerate(case_ids):
        group = order[bounds[number]:bounds[number + 1]].tolist()  # rows in frame order
        _check_seq(rows, group, report)
        ordered = sorted((p for p in group if rows.has_seq[p]), key=lambda p: rows.seq[p])
        triggers = [p for p in ordered if rows.trigger[p]]
        if len(triggers) != 1:
            report("events", rows.label(group[0]), "event_type", f"a case needs exactly one "
                   f"trigger event; {case_id!r} has {len(triggers)}")
        main = [p for p in ordered if rows.main[p]]
        if len(triggers) == 1 and main and main[0] != triggers[0]:
            report("events", rows.label(main[0]), "event_type", "comes before the trigger: "
                   "only background events may precede it; reorder seq or change the type",
                   value=rows.event_type[main[0]])
        _check_dates(rows, ordered, starts.get(case_id), report)
        _check_responses(rows, group, report)


class _Rows:
    """The events columns the timeline rules read, as Python values, by position."""

    def __init__(self, events: pd.DataFrame, **masks: np.ndarray) -> None:
        self.index = _labels(events)
        for name, mask in masks.items():
            setattr(self, name, mask)
        for column in ("seq", "date", "date_precision", "event_type", "strategy",
                       "strategy_rationale_en", "strategy_rationale_zh", "is_decisive"):
            setattr(self, column, _objects(events[column]))

    def label(self, position: int) -> object:
        return self.index[position]


def _check_seq(rows: _Rows, group: list[int], report: Report) -> None:
    seqs = [int(rows.seq[p]) for p in group if _present(rows.seq[p])]
    seen: set[int] = set()
    for position in group:
        value = rows.seq[position]
        if _present(value) and int(value) in seen:
            report("events", rows.label(position), "seq", "is used twice in this case; number "
                   "the events 1, 2, 3, ... without repeats", value=int(value))
        elif _present(value):
            seen.add(int(value))
    expected = set(range(1, len(group) + 1))
    complete = len(seqs) == len(group)  # a missing or invalid seq is reported on its own
    if complete and len(seqs) == len(set(seqs)) and set(seqs) != expected:
        gaps = sorted(expected - set(seqs))
        report("events", rows.label(group[0]), "seq", f"must run 1..{len(group)} without "
               f"gaps; missing {', '.join(map(str, gaps))}", value=sorted(seqs))


def _check_dates(rows: _Rows, ordered: list[int], start: object, report: Report) -> None:
    latest_start = None
    trigger_start = None
    for position in ordered:
        date, precision = rows.date[position], rows.date_precision[position]
        kind = rows.event_type[position]
        if not _present(date) or not _present(precision) or precision not in _PRECISIONS:
            continue
        index = rows.label(position)
        end = period_end(date, precision)
        main = _present(kind) and kind not in ("trigger", "background")
        if main and _present(start) and end < start:
            report("events", index, "date", f"is before the case's start_date "
                   f"{start.isoformat()}; only background events may precede it",
                   value=date.isoformat())
        elif main and trigger_start is not None and end < trigger_start:
            report("events", index, "date", "is before the trigger", value=date.isoformat())
        elif latest_start is not None and end < latest_start:
            report("events", index, "date", f"is earlier than an event before it in seq "
                   f"order ({latest_start.isoformat()}); order events by date",
                   value=date.isoformat())
        latest_start = max(latest_start, date) if latest_start else date
        if _is(kind, "trigger"):
            trigger_start = date
            if _present(start) and date != start:
                report("events", index, "date", f"the trigger's date must equal the case's "
                       f"start_date {start.isoformat()}", value=date.isoformat())


def _check_responses(rows: _Rows, group: list[int], report: Report) -> None:
    decisive = 0
    for position in group:
        index = rows.label(position)
        kind, strategy = rows.event_type[position], rows.strategy[position]
        is_response = _is(kind, "response")
        if is_response and not _present(strategy):
            report("events", index, "strategy", "a response event needs a strategy code",
                   suggestion="See the strategy codes with `trustcrises codes strategy`.")
        if not is_response and _present(strategy) and _present(kind):
            report("events", index, "strategy", f"only response events take a strategy; "
                   f"this event's type is {kind!r}", value=strategy)
        if _present(strategy) and not _present(rows.strategy_rationale_en[position]) \
                and not _present(rows.strategy_rationale_zh[position]):
            report("events", index, "strategy_rationale_en", "a coded strategy needs a "
                   "one-line rationale in both languages")
        if rows.is_decisive[position] is True:
            decisive += 1
            if not is_response:
                report("events", index, "is_decisive", "only a response can be decisive",
                       value=True)
            elif decisive > 1:
                report("events", index, "is_decisive", "a case has at most one decisive "
                       "response", value=True)
