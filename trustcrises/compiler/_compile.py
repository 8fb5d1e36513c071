"""From a folder of case files to validated, derived, sorted frames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..validation import _rules
from ..validation._registry import run_rules
from .._catalog import TABLES
from .._errors import ValidationError
from .._text import period_end
from .._types import frame
from ..casefiles._sources import Collection, Origin, read_folder


def compile_folder(root: Path | str) -> tuple[dict[str, pd.DataFrame], dict]:
    """Validated frames of every table and the dataset metadata, or a ValidationError."""
    coll = read_folder(Path(root))
    if coll.package.get("extends") == "trustcrises":
        _extend_with_bundled(coll)
    for row in coll.rows["sources"]:  # how `published` was written, unless already derived
        if "_precision" in row:
            row["published_precision"] = row["_precision"].get("published")
    frames = {name: frame(name, coll.rows[name]) for name in TABLES}

    def report(table: str, index: int | None, column: str | None, rule: str, *,
               value: object = None, suggestion: str | None = None) -> None:
        if index is not None and column and (table, index, column) in coll.flagged:
            return
        coll.problem(table, index, column, rule, value=value, suggestion=suggestion)

    def locate(table: str, index: int, column: str) -> str:
        origin = coll.origins[table][index]
        return f"{origin.file}:{origin.at(column)}" if origin.file else "the bundled data"

    _rules.check_precision(coll.rows, report)
    run_rules(frames, report, locate)
    if coll.problems:
        raise ValidationError(sorted(set(coll.problems), key=_order),
                              what=f"the case files in {str(root)!r}")
    derive(frames)
    return {name: sort(name, f) for name, f in frames.items()}, coll.package


def _order(problem: object) -> tuple:
    return (problem.file, problem.line or 0, problem.field, problem.rule)


def _extend_with_bundled(coll: Collection) -> None:
    """Put the bundled codebook and sources under a user's own."""
    from ..data._load import load

    for name in ("codebook", "sources"):
        bundled = load(name).astype(object).where(lambda f: f.notna(), None)
        records = bundled.to_dict("records")
        coll.rows[name][:0] = records
        coll.origins[name][:0] = [Origin(file="") for _ in records]
        coll.flagged = {(t, i + len(records) if t == name else i, c)
                        for t, i, c in coll.flagged}


def derive(frames: dict[str, pd.DataFrame]) -> None:
    """Fill the columns the build derives, in place.

    Runs on validated frames only: every event has its case, seq, type, date and precision.
    cases: decision_reversed (from decision_outcome), the earliest and latest day each date
    may stand for, and the response times; events: the earliest and latest day of each date.
    """
    cases, events = frames["cases"], frames["events"]
    cases["decision_reversed"] = pd.array(
        [_REVERSED.get(v) for v in _values(cases["decision_outcome"])], dtype="boolean")
    for prefix, column in (("start", "start_date"), ("end", "end_date")):
        cases[f"{prefix}_earliest"] = cases[column]
        cases[f"{prefix}_latest"] = _latest(cases[column], cases["date_precision"])
    events["date_earliest"] = events["date"]
    events["date_latest"] = _latest(events["date"], events["date_precision"])
    columns = ("case_id", "seq", "event_type", "date", "date_precision", "is_decisive", "time")
    timelines: dict[str, list[_Event]] = {}
    for row in zip(*(_values(events[c]) for c in columns)):
        timelines.setdefault(row[0], []).append(_Event(*row))
    first, decisive, hours = {}, {}, {}
    for case_id, timeline in timelines.items():
        timeline.sort(key=lambda event: event.seq)
        triggers = [e for e in timeline if e.event_type == "trigger"]
        if len(triggers) != 1 or triggers[0].date_precision != "day":
            continue
        trigger = triggers[0]
        responses = [e for e in timeline if e.event_type == "response"]
        first[case_id] = _days(responses, trigger.date)
        decisive[case_id] = _days([e for e in responses if e.is_decisive is True], trigger.date)
        hours[case_id] = _hours(trigger, responses[0]) if responses else None
    for column, values, dtype in (("days_to_first_response", first, "Int64"),
                                  ("days_to_decisive_response", decisive, "Int64"),
                                  ("hours_to_first_response", hours, "Float64")):
        cases[column] = pd.array([values.get(c) for c in cases["case_id"]], dtype=dtype)


def _values(series: pd.Series) -> list:
    """The column as Python values, with None for every missing one."""
    return [None if pd.isna(v) else v for v in series.astype(object).tolist()]


# What decision_outcome says of decision_reversed; any other outcome leaves it null.
_REVERSED = {"reversed": True, "upheld": False}


class _Event(NamedTuple):
    case_id: str
    seq: int
    event_type: str
    date: dt.date
    date_precision: str
    is_decisive: bool
    time: str | None


def _latest(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """The last day each date may stand for, at its precision."""
    values = [None if d is None or p is None else period_end(d, p)
              for d, p in zip(_values(dates), _values(precisions))]
    return pd.Series(pd.array(values, dtype=dates.dtype), index=dates.index)


def _days(responses: list[_Event], start: dt.date) -> int | None:
    """Days from ``start`` to the first of ``responses``, when that date has a day."""
    if not responses or responses[0].date_precision != "day":
        return None
    return (responses[0].date - start).days


def _hours(trigger: _Event, response: _Event) -> float | None:
    """Hours from the trigger to the response, when both have a day and a local time."""
    if not (trigger.time and response.time and response.date_precision == "day"):
        return None
    start = dt.datetime.combine(trigger.date, dt.time.fromisoformat(trigger.time))
    end = dt.datetime.combine(response.date, dt.time.fromisoformat(response.time))
    return round((end - start).total_seconds() / 3600, 2)


def sort(name: str, table_frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in primary-key order (the codebook: by field, then display order), a fresh
    RangeIndex."""
    keys = list(TABLES[name].primary_key)
    if name == "codebook":  # each code list in its display order
        keys = ["field", "sort_order", "code"]
    return table_frame.sort_values(keys, kind="stable").reset_index(drop=True)
