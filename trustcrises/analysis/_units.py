"""The units an analysis counts: cases, or the response events of cases, with their fields.

Every field an analysis can group by is named here once: the case's coded fields, two flags,
the decade of the trigger, and for a response its strategy, that strategy's SCCT posture and
Benoit category (from the codebook) and its channel. Values are codes; ``label`` turns one
into the words of the codebook (or of the shared vocabulary) in either language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .. import _labels as L
from .._problems import did_you_mean

if TYPE_CHECKING:
    import pandas as pd

    from ..tables._inputs import Inputs

Level = Literal["case", "response"]
LEVELS: tuple[str, ...] = ("case", "response")

#: Fields of a case, coded from the codebook field of the same name.
CASE_CODES = ("region", "industry", "cause_category", "scct_cluster", "pressure_source",
              "decision_outcome", "status", "onset", "victims", "selection")
#: Fields of a case that are yes / no / not known.
FLAGS = ("self_disclosed", "prior_crisis")
#: Fields of a response event: its strategy, the strategy's posture and Benoit category.
RESPONSE_CODES = ("strategy", "posture", "benoit", "channel")
CASE_FIELDS = (*CASE_CODES, *FLAGS, "decade")
RESPONSE_FIELDS = (*CASE_FIELDS, *RESPONSE_CODES)


def check_level(level: object) -> str:
    if level in LEVELS:
        return str(level)
    raise ValueError(f"Unknown level {level!r}. Valid levels: {', '.join(LEVELS)} (count "
                     f"cases, or the response events of cases).")


def check_field(field: object, level: str, *, argument: str) -> str:
    """``field`` when the ``level`` has it; else a ValueError that says what to pass."""
    valid = CASE_FIELDS if level == "case" else RESPONSE_FIELDS
    if field in valid:
        return str(field)
    if level == "case" and field in RESPONSE_CODES:
        raise ValueError(f"{argument}={field!r} is a field of a response, not of a case: pass "
                         f"level='response' to count response events.")
    hint = did_you_mean(field, list(valid)) if isinstance(field, str) else None
    raise ValueError(f"Unknown {argument} field {field!r}. " + (f"{hint} " if hint else "")
                     + f"Valid fields at the {level} level: {', '.join(valid)}.")


def decade(year: int | None) -> int | None:
    return None if year is None else year // 10 * 10


def case_rows(data: Inputs) -> list[dict[str, Any]]:
    """One dict per case, with its decade (made once per ``data``)."""
    cached = getattr(data, "_case_rows", None)
    if cached is None:
        cached = [dict(row, decade=decade(row["start_date"].year if row["start_date"]
                                          else None)) for row in data.records("cases")]
        data._case_rows = cached  # type: ignore[attr-defined]
    return cached


def response_rows(data: Inputs, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dict per response event, carrying its case's fields, posture and Benoit category."""
    book = data.codebook
    strategies = book[book["field"] == "strategy"]
    posture = dict(zip(strategies["code"], strategies["posture"]))
    benoit = dict(zip(strategies["code"], strategies["benoit"]))
    rows = []
    for case in cases:
        for event in data.timeline(case["case_id"]):
            if event["event_type"] != "response":
                continue
            code = event["strategy"]
            rows.append({**case, "seq": event["seq"], "strategy": code,
                         "posture": _known(posture.get(code)), "benoit": _known(benoit.get(code)),
                         "channel": event["channel"]})
    return rows


def _known(value: object) -> object:
    return None if value is None or value != value else value  # NaN from the codebook frame


def order(field: str, values: set, data: Inputs) -> list:
    """``values`` in display order: the codebook's order, decades ascending, yes before no;
    a missing value last."""
    known = [v for v in values if v is not None]
    if field == "decade":
        known.sort()
    elif field in FLAGS:
        known.sort(key=lambda v: not v)
    else:
        book = data.codebook
        codes = book[book["field"] == field]
        rank = dict(zip(codes["code"], codes["sort_order"]))
        known.sort(key=lambda v: (rank.get(v, len(rank)), str(v)))
    return known + ([None] if None in values else [])


def label(field: str, value: object, lang: str, labels: dict[tuple[str, str], str]) -> str:
    """The words for a value of ``field``: the codebook's label, a decade, yes/no/unknown."""
    if value is None:
        return L.text(lang, "unknown")
    if field in FLAGS:
        return L.yes_no(lang, value)
    if field == "decade":
        return L.text(lang, "decade", decade=value)
    return labels.get((field, str(value)), str(value))


def field_label(field: str, lang: str) -> str:
    """The header of a field."""
    return L.TEXT[lang][f"col.{field}"]


def frame_of(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows)
