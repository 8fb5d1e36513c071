"""A case's facts as (column, label, value) rows, generated from the cases model.

One definition for every view of a case that lists its facts (``trustcrises show`` in the
terminal, a case's page in the website), so that they show the same facts with the same labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from . import _labels as L
from ._text import iso_at

# The case's columns that are not facts: its title, summary, dates (shown as the period), text
# sections and derived date bounds.
NOT_FACTS = frozenset({"case_id", "title_en", "title_zh", "summary_en", "summary_zh",
                       "start_date", "end_date", "date_precision", "article_role",
                       "identification", "decision_reversed", "start_earliest", "start_latest",
                       "end_earliest", "end_latest"})
#: The case's text sections, in the order a reader meets them.
SECTIONS = ("coding_rationale", "trigger", "response", "outcome", "note")


def studies_in_order(codings: Iterable[dict], sources: dict[str, dict]) -> list[dict]:
    """Published codings, oldest study first (undated studies last, then by source id): the
    one order in which every view of a case lists how studies coded it."""
    def published(row: dict) -> tuple[str, str]:
        found = sources.get(row["source_id"]) or {}
        return str(found.get("published") or "9999"), row["source_id"]

    return sorted(codings, key=published)


def iso_date(value: dt.date | None, precision: str) -> str:
    """A date at its precision ('2024-03'), or '?' when it is not known."""
    return "?" if value is None else iso_at(value, precision)


def case_facts(case: dict, lang: str, code: Callable[[str, str | None], str], *,
               when: Callable[[dt.date | None, str], str] = iso_date
               ) -> list[tuple[str, str, str]]:
    """``(column, label, shown value)`` for the company, the period and every fact column of
    the cases model, in model order.

    ``code(field, value)`` labels a code of the codebook list ``field``; ``when(date,
    precision)`` writes a date (ISO at its precision by default). The period's column is
    ``"period"``.
    """
    from ._catalog import TABLES
    from ._types import type_of

    schema = TABLES["cases"].model.to_schema()
    precision = case["date_precision"]
    end = when(case["end_date"], precision) if case["end_date"] else \
        L.text(lang, "period.ongoing" if case["status"] == "ongoing" else "period.not_dated")
    facts = [("company", L.text(lang, "col.company"), case[f"company_{lang}"]),
             ("period", L.text(lang, "col.period"),
              f"{when(case['start_date'], precision)} → {end}")]
    for name, column in schema.columns.items():
        if name in NOT_FACTS or name.endswith(("_en", "_zh")):
            continue
        value = case[name]
        codes = (column.metadata or {}).get("codes")
        if codes:
            shown = code(codes, value)
        elif type_of(column).name == "flag":
            shown = L.yes_no(lang, value)
        elif value is None:
            shown = L.text(lang, "unknown")
        else:
            shown = f"{value:,g}" if isinstance(value, float) else \
                f"{value:,}" if isinstance(value, int) else str(value)
        label = L.text(lang, f"col.{name}") if f"col.{name}" in L.TEXT[lang] else name
        if name.startswith("days_to_"):
            label = L.column_label(lang, name)
        facts.append((name, label, shown))
    return facts
