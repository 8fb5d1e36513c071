"""The rules across rows and tables, in one list that the build and ``tc.validate`` both run.

Each rule names the tables it reads; it runs wherever all of them are at hand, so the build
(which has every table) and ``tc.validate`` (one frame, the codebook and, for events, the
cases if given) check the same things with the same messages. The column rules (dtypes,
patterns, lengths) are the pandera models' own, run by :mod:`._checks`; the rule on how a date
is written in a case file belongs to case files alone (:func:`._rules.check_precision`).

The order is the order of the messages: the build reports only the first problem of each
field, so a duplicate key is reported as such rather than as pandera's "must be unique".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import _rules, _timeline_rules
from ._checks import schema_failures
from ._rules import Locate, Report


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[dict[str, pd.DataFrame], Report, Locate], None]
    needs: tuple[str, ...] = ()  # tables it reads, besides the one being checked


def check_columns(frames: dict[str, pd.DataFrame], report: Report, locate: Locate) -> None:
    """Every column as its pandera model declares it: dtype, required, patterns, lengths."""
    for name, frame in frames.items():
        schema_failures(name, frame, lambda i, c, rule, v, name=name:
                        report(name, i, c, rule, value=v))


RULES: tuple[Rule, ...] = (
    Rule("primary keys are unique", _rules.check_primary_keys),
    Rule("references name a source and a case", _rules.check_references, ("sources", "cases")),
    Rule("columns follow the model", check_columns),
    Rule("codes are in the codebook", _rules.check_codes, ("codebook",)),
    Rule("text comes in both languages", _rules.check_pairs),
    Rule("a case ends after it starts", _rules.check_cases),
    Rule("timelines: seq, order, trigger, responses", _timeline_rules.check_timelines),
    Rule("viewpoints: proposition, stance, rationale", _rules.check_viewpoints),
)


def run_rules(frames: dict[str, pd.DataFrame], report: Report, locate: Locate, *,
              columns_only: bool = False) -> None:
    """Run every rule whose tables are in ``frames``, in the order of :data:`RULES`.

    ``columns_only``: a frame that lacks some of its table's columns gets the column rules
    alone (which name the missing columns); the others would read columns that are not there.
    """
    for rule in RULES:
        if columns_only and rule.check is not check_columns:
            continue
        if all(name in frames for name in rule.needs):
            rule.check(frames, report, locate)
