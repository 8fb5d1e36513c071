"""Timeline rules: seq runs 1..n, dates follow seq, the trigger comes first, responses are coded."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._columns import (
    _bools,
    _factorize,
    _is,
    _labels,
    _notna,
    _objects,
    _present,
)
from .._text import period_end
from ._rules import _PRECISIONS, Locate, Report


def check_timelines(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    """seq runs 1..n, dates follow seq, the trigger comes first, responses are coded.

    The rules that compare an event with its case's start date run where ``cases`` is given.
    """
    if "events" not in frames:
        return
    events, cases = frames["events"], frames.get("cases")
    starts = {} if cases is None else \
        {c: s for c, s in zip(cases["case_id"], cases["start_date"]) if _present(c)}
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
                       "strategy_rationale_en", "strategy_rationale_zh", "is_decisive",
                       "time"):
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
    trigger_time = None
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
        if _present(rows.time[position]) and precision != "day":
            report("events", index, "time", f"a time of day needs a date to the day, but "
                   f"date_precision is {precision!r}", value=rows.time[position])
        latest_start = max(latest_start, date) if latest_start else date
        if main and trigger_time is not None and date == trigger_start \
                and _present(rows.time[position]) and rows.time[position] < trigger_time:
            report("events", index, "time", f"is before the trigger's time {trigger_time} on "
                   "the same day; give both times in the crisis's time zone",
                   value=rows.time[position])
        if _is(kind, "trigger"):
            trigger_start = date
            trigger_time = rows.time[position] if _present(rows.time[position]) and \
                precision == "day" else None
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
