"""From a folder of case files to validated, derived, sorted frames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..validation import _rules
from ..validation._registry import run_rules
from .._catalog import TABLES
from .._errors import ValidationError
from .._types import frame
from ..casefiles._sources import Collection, Origin, read_folder


def compile_folder(root: Path | str) -> tuple[dict[str, pd.DataFrame], dict]:
    """Validated frames of every table and the dataset metadata, or a ValidationError."""
    coll = read_folder(Path(root))
    if coll.package.get("extends") == "trustcrises":
        _extend_with_bundled(coll)
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
    """Fill the derived response-time columns of ``cases`` from ``events``.

    Runs on validated frames only: every event has its case, seq, type, date and precision.
    """
    cases, events = frames["cases"], frames["events"]
    columns = ("case_id", "seq", "event_type", "date", "date_precision", "is_decisive")
    timelines: dict[str, list[tuple]] = {}
    for row in zip(*(events[c].astype(object).to_numpy() for c in columns)):
        timelines.setdefault(row[0], []).append(row)
    first, decisive = {}, {}
    for case_id, timeline in timelines.items():
        timeline.sort(key=lambda row: row[1])
        triggers = [row for row in timeline if row[2] == "trigger"]
        if len(triggers) != 1 or triggers[0][4] != "day":
            continue
        start = triggers[0][3]
        responses = [row for row in timeline if row[2] == "response"]
        first[case_id] = _days(responses, start)
        decisive[case_id] = _days([row for row in responses if row[5] is True], start)
    cases["days_to_first_response"] = pd.array(
        [first.get(c) for c in cases["case_id"]], dtype="Int64")
    cases["days_to_decisive_response"] = pd.array(
        [decisive.get(c) for c in cases["case_id"]], dtype="Int64")


def _days(responses: list[tuple], start: object) -> int | None:
    """Days from ``start`` to the first of ``responses`` (rows of derive's columns)."""
    if not responses:
        return None
    _, _, _, date, precision, _ = responses[0]
    if precision != "day":
        return None
    return (date - start).days


def sort(name: str, table_frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in primary-key order, a fresh RangeIndex."""
    keys = list(TABLES[name].primary_key)
    return table_frame.sort_values(keys, kind="stable").reset_index(drop=True)
