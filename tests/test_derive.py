"""What the build derives: days from the trigger to the first and to the decisive response.

Unit tests on small timelines, so that a change to the derivation fails here with a reason,
not only against the committed files.
"""

from __future__ import annotations

import datetime as dt

import pytest

from trustcrises._types import frame
from trustcrises.compiler._compile import derive

CASE = "acme-2020-case"


def _event(seq: int, kind: str, date: str, precision: str = "day",
           decisive: bool = False) -> dict:
    parts = [int(p) for p in date.split("-")] + [1] * (3 - len(date.split("-")))
    return {"case_id": CASE, "seq": seq, "event_type": kind, "date": dt.date(*parts),
            "date_precision": precision, "is_decisive": decisive}


def _derived(*events: dict) -> tuple[object, object]:
    frames = {"cases": frame("cases", [{"case_id": CASE}]), "events": frame("events", events)}
    derive(frames)
    cases = frames["cases"]
    return tuple(None if cases[c].isna()[0] else int(cases[c][0])
                 for c in ("days_to_first_response", "days_to_decisive_response"))


def test_days_at_day_precision():
    assert _derived(_event(1, "trigger", "2020-01-01"),
                    _event(2, "escalation", "2020-01-02"),
                    _event(3, "response", "2020-01-03"),
                    _event(4, "response", "2020-01-10", decisive=True)) == (2, 9)


def test_a_same_day_response_is_zero_days():
    assert _derived(_event(1, "trigger", "2020-01-01"),
                    _event(2, "response", "2020-01-01", decisive=True)) == (0, 0)


@pytest.mark.parametrize("precision, date", [("month", "2020-01"), ("year", "2020")])
def test_a_response_dated_coarser_than_a_day_has_no_day_count(precision, date):
    """A month- or year-precision date is stored as the period's first day; counting from it
    would put the response before the trigger or days off. Such a count is unknown."""
    assert _derived(_event(1, "trigger", "2020-01-05"),
                    _event(2, "response", date, precision, decisive=True)) == (None, None)


@pytest.mark.parametrize("precision, date", [("month", "2020-01"), ("year", "2020")])
def test_a_trigger_dated_coarser_than_a_day_gives_no_counts(precision, date):
    assert _derived(_event(1, "trigger", date, precision),
                    _event(2, "response", "2020-03-01", decisive=True)) == (None, None)


def test_the_first_response_counts_even_when_a_later_one_is_precise():
    """The first response is the first by seq; if its day is unknown, so is the count."""
    assert _derived(_event(1, "trigger", "2020-01-01"),
                    _event(2, "response", "2020-02", "month"),
                    _event(3, "response", "2020-03-01", decisive=True)) == (None, 60)


def test_background_events_and_cases_without_responses():
    assert _derived(_event(1, "background", "2019-06-01"),
                    _event(2, "trigger", "2020-01-01"),
                    _event(3, "outcome", "2020-02-01")) == (None, None)


def test_no_decisive_response_leaves_that_count_empty():
    assert _derived(_event(1, "trigger", "2020-01-01"),
                    _event(2, "response", "2020-01-04")) == (3, None)


def test_events_are_read_in_seq_order_not_frame_order():
    assert _derived(_event(3, "response", "2020-01-09", decisive=True),
                    _event(1, "trigger", "2020-01-01"),
                    _event(2, "response", "2020-01-02")) == (1, 8)


@pytest.mark.parametrize("outcome, reversed_", [("reversed", True), ("upheld", False),
                                                ("partially_reversed", None),
                                                ("no_decision", None), ("unknown", None)])
def test_decision_reversed_follows_the_outcome(outcome, reversed_):
    frames = {"cases": frame("cases", [{"case_id": CASE, "decision_outcome": outcome}]),
              "events": frame("events", [_event(1, "trigger", "2020-01-01")])}
    derive(frames)
    flags = frames["cases"]["decision_reversed"]
    assert (None if flags.isna()[0] else bool(flags[0])) is reversed_


@pytest.mark.parametrize("date, precision, latest", [
    ("2020-03-05", "day", dt.date(2020, 3, 5)), ("2020-02", "month", dt.date(2020, 2, 29)),
    ("2020", "year", dt.date(2020, 12, 31))])
def test_every_date_has_its_earliest_and_latest_day(date, precision, latest):
    parts = [int(p) for p in date.split("-")] + [1] * (3 - len(date.split("-")))
    start = dt.date(*parts)
    frames = {"cases": frame("cases", [{"case_id": CASE, "start_date": start, "end_date": None,
                                        "date_precision": precision}]),
              "events": frame("events", [_event(1, "trigger", date, precision)])}
    derive(frames)
    cases, events = frames["cases"], frames["events"]
    assert (cases["start_earliest"][0], cases["start_latest"][0]) == (start, latest)
    assert cases["end_earliest"].isna()[0] and cases["end_latest"].isna()[0]
    assert (events["date_earliest"][0], events["date_latest"][0]) == (start, latest)


def _timed(*events: tuple) -> object:
    rows = [{**_event(seq, kind, date, precision), "time": time}
            for seq, kind, date, precision, time in events]
    frames = {"cases": frame("cases", [{"case_id": CASE}]), "events": frame("events", rows)}
    derive(frames)
    value = frames["cases"]["hours_to_first_response"]
    return None if value.isna()[0] else float(value[0])


def test_hours_to_first_response_need_a_time_on_both_sides():
    """Haidilao 2017: the exposé at about 10:00, the apology at about 14:00."""
    assert _timed((1, "trigger", "2017-08-25", "day", "10:00"),
                  (2, "response", "2017-08-25", "day", "14:00")) == 4.0
    assert _timed((1, "trigger", "2017-08-25", "day", "22:30"),
                  (2, "response", "2017-08-26", "day", "01:00")) == 2.5
    assert _timed((1, "trigger", "2017-08-25", "day", "10:00"),
                  (2, "response", "2017-08-25", "day", None)) is None
    assert _timed((1, "trigger", "2017-08-25", "day", None),
                  (2, "response", "2017-08-25", "day", "14:00")) is None


def test_hours_are_exact_to_two_decimals_over_days():
    """Twenty minutes are 0.33 hours; two days and thirty minutes are 48.5."""
    assert _timed((1, "trigger", "2017-08-25", "day", "10:00"),
                  (2, "response", "2017-08-25", "day", "10:20")) == 0.33
    assert _timed((1, "trigger", "2017-08-25", "day", "10:00"),
                  (2, "response", "2017-08-27", "day", "10:30")) == 48.5
