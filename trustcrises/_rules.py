"""Rules that span rows and tables: codes, keys, timelines, pairs of languages."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pandas as pd

from ._catalog import TABLES
from ._frames import period_end
from ._problems import did_you_mean

Report = Callable[..., None]  # report(table, index, column, rule, *, value=, suggestion=)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


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


def check_codes(frames: dict[str, pd.DataFrame], report: Report) -> None:
    book = frames["codebook"]
    valid: dict[str, set[str]] = defaultdict(set)
    for field, code in zip(book["field"], book["code"]):
        if _present(field) and _present(code):
            valid[field].add(code)
    for table, frame in frames.items():
        for column, field in code_columns(table).items():
            for index, value in frame[column].items():
                if not _present(value) or value in valid[field]:
                    continue
                choices = valid[field]
                hint = did_you_mean(value, choices) or (
                    f"Valid codes: {', '.join(sorted(choices))}." if choices else
                    f"The codebook has no codes for {field!r}; add them to codebook.yaml.")
                report(table, index, column, f"is not a valid {field} code in the codebook",
                       value=value, suggestion=hint)
    for index, row in book.iterrows():
        if row["field"] == "strategy" and not (_present(row["posture"])
                                               and _present(row["benoit"])):
            report("codebook", index, "posture", "every strategy code needs a posture and a "
                   "benoit category")


def check_keys(frames: dict[str, pd.DataFrame], origins: dict, report: Report) -> None:
    """Duplicate keys (naming where the first one is) and references to sources and cases."""
    for name, spec in TABLES.items():
        frame = frames[name]
        seen: dict[tuple, int] = {}
        for index, key in enumerate(zip(*(frame[c] for c in spec.primary_key))):
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
        for index, value in frame["source_id"].items():
            if _present(value) and value not in sources:
                report(name, index, "source_id", "refers to a source that is not in "
                       "sources.yaml", value=value,
                       suggestion=did_you_mean(value, sources) or "Add it to sources.yaml.")
        for index, value in frame["case_id"].items():
            if _present(value) and value not in cases:
                report(name, index, "case_id", "refers to a case that is not defined",
                       value=value, suggestion=did_you_mean(value, cases))


def check_pairs(frames: dict[str, pd.DataFrame], report: Report) -> None:
    """Both languages filled wherever one is; Chinese text has Chinese, English has Latin."""
    for table, frame in frames.items():
        for en, zh in pairs(table, frame):
            for index, (a, b) in enumerate(zip(frame[en], frame[zh])):
                if _present(a) != _present(b):
                    missing, other = (zh, en) if _present(a) else (en, zh)
                    report(table, index, other, f"is filled but {missing} is missing; write "
                           "both languages or neither")
                if _text(b) and not _CJK.search(b):
                    report(table, index, zh, "must be written in Chinese (it has no Chinese "
                           "characters)", value=b)
                if _text(a) and not _LATIN.search(a):
                    report(table, index, en, "must be written in English (it has no Latin "
                           "letters)", value=a)


def check_precision(rows: dict[str, list[dict]], report: Report) -> None:
    """Each date is written at the precision its row declares."""
    for table, date_columns in (("cases", ("start_date", "end_date")), ("events", ("date",))):
        for index, row in enumerate(rows[table]):
            declared = row.get("date_precision")
            for column in date_columns:
                written = row.get("_precision", {}).get(column)
                if written and declared in ("day", "month", "year") and written != declared:
                    report(table, index, column, f"is written to the {written} but "
                           f"date_precision is {declared!r}; make them agree",
                           value=_shown(row, column))


def _shown(row: dict, column: str) -> str:
    date, precision = row[column], row["_precision"][column]
    return date.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]


def check_cases(frames: dict[str, pd.DataFrame], report: Report) -> None:
    cases = frames["cases"]
    for index, row in cases.iterrows():
        start, end = row["start_date"], row["end_date"]
        if _present(start) and _present(end) and end < start:
            report("cases", index, "end_date", f"is before start_date {start.isoformat()}",
                   value=end.isoformat())


def check_timelines(frames: dict[str, pd.DataFrame], report: Report) -> None:
    """seq runs 1..n, dates follow seq, the trigger comes first, responses are coded."""
    events, cases = frames["events"], frames["cases"]
    starts = {r.case_id: r.start_date for r in cases.itertuples() if _present(r.case_id)}
    for case_id, group in events.groupby("case_id", sort=False):
        _check_seq(group, report)
        ordered = group[group["seq"].notna()].sort_values("seq", kind="stable")
        triggers = ordered[ordered["event_type"] == "trigger"]
        if len(triggers) != 1:
            index = int(group.index[0])
            report("events", index, "event_type", f"a case needs exactly one trigger event; "
                   f"{case_id!r} has {len(triggers)}")
        main = ordered[ordered["event_type"] != "background"]
        if len(triggers) == 1 and len(main) and main.index[0] != triggers.index[0]:
            report("events", int(main.index[0]), "event_type", "comes before the trigger: "
                   "only background events may precede it; reorder seq or change the type",
                   value=main.iloc[0]["event_type"])
        _check_dates(ordered, starts.get(case_id), report)
        _check_responses(group, report)


def _check_seq(group: pd.DataFrame, report: Report) -> None:
    seqs = [int(s) for s in group["seq"] if _present(s)]
    seen: set[int] = set()
    for index, value in group["seq"].items():
        if _present(value) and int(value) in seen:
            report("events", index, "seq", "is used twice in this case; number the events "
                   "1, 2, 3, ... without repeats", value=int(value))
        elif _present(value):
            seen.add(int(value))
    expected = set(range(1, len(group) + 1))
    complete = len(seqs) == len(group)  # a missing or invalid seq is reported on its own
    if complete and len(seqs) == len(set(seqs)) and set(seqs) != expected:
        gaps = sorted(expected - set(seqs))
        index = int(group.index[0])
        report("events", index, "seq", f"must run 1..{len(group)} without gaps; missing "
               f"{', '.join(map(str, gaps))}", value=sorted(seqs))


def _check_dates(ordered: pd.DataFrame, start: object, report: Report) -> None:
    latest_start = None
    trigger_start = None
    for index, row in ordered.iterrows():
        date, precision = row["date"], row["date_precision"]
        if not _present(date) or precision not in ("day", "month", "year"):
            continue
        end = period_end(date, precision)
        main = row["event_type"] not in ("trigger", "background")
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
        if row["event_type"] == "trigger":
            trigger_start = date
            if _present(start) and date != start:
                report("events", index, "date", f"the trigger's date must equal the case's "
                       f"start_date {start.isoformat()}", value=date.isoformat())


def _check_responses(group: pd.DataFrame, report: Report) -> None:
    decisive = 0
    for index, row in group.iterrows():
        is_response = row["event_type"] == "response"
        if is_response and not _present(row["strategy"]):
            report("events", index, "strategy", "a response event needs a strategy code",
                   suggestion="See the strategy codes with `trustcrises codes strategy`.")
        if not is_response and _present(row["strategy"]) and _present(row["event_type"]):
            report("events", index, "strategy", f"only response events take a strategy; "
                   f"this event's type is {row['event_type']!r}", value=row["strategy"])
        if _present(row["strategy"]) and not _present(row["strategy_rationale_en"]) \
                and not _present(row["strategy_rationale_zh"]):
            report("events", index, "strategy_rationale_en", "a coded strategy needs a "
                   "one-line rationale in both languages")
        if row["is_decisive"] is True:
            decisive += 1
            if not is_response:
                report("events", index, "is_decisive", "only a response can be decisive",
                       value=True)
            elif decisive > 1:
                report("events", index, "is_decisive", "a case has at most one decisive "
                       "response", value=True)


def check_viewpoints(frames: dict[str, pd.DataFrame], report: Report) -> None:
    for index, row in frames["viewpoints"].iterrows():
        has_p, has_s = _present(row["proposition"]), _present(row["stance"])
        if has_p != has_s:
            missing = "stance" if has_p else "proposition"
            report("viewpoints", index, missing, "proposition and stance go together; set "
                   "both or neither")
        if has_s and not _present(row["stance_rationale_en"]) \
                and not _present(row["stance_rationale_zh"]):
            report("viewpoints", index, "stance_rationale_en", "a coded stance needs a "
                   "one-line rationale in both languages")
