"""Plain-text views of the data for the terminal: ``list`` and ``show``.

These read the Parquet files with pyarrow alone, so the commands start without pandas.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .._errors import CaseNotFoundError
from .._problems import did_you_mean
from .._text import iso_at, wrap
from ..data._load import rows


def labels(data_dir: str | Path | None, lang: str) -> dict[tuple[str, str], str]:
    return {(r["field"], r["code"]): r[f"label_{lang}"] for r in rows("codebook", data_dir)}


def _year_span(case: dict) -> str:
    start, end = case["start_date"], case["end_date"]
    if end is None:
        return f"{start.year}–"
    return str(start.year) if end.year == start.year else f"{start.year}–{end.year}"


def list_text(data_dir: str | Path | None = None, lang: str = "en") -> str:
    cases = sorted(rows("cases", data_dir), key=lambda c: (c["start_date"], c["case_id"]))
    width = max((len(c["case_id"]) for c in cases), default=7)
    lines = [f"{'case_id':<{width}}  {'years':<9}  company · title"]
    for case in cases:
        lines.append(f"{case['case_id']:<{width}}  {_year_span(case):<9}  "
                     f"{case[f'company_{lang}']} · {case[f'title_{lang}']}")
    lines.append(f"{len(cases)} cases. Details: trustcrises show CASE_ID")
    return "\n".join(lines)


def _date(value: object, precision: str) -> str:
    return "?" if value is None else iso_at(value, precision)


def _columns() -> int:
    """The terminal's width (``COLUMNS`` first), at most 100 columns for reading comfort."""
    return min(shutil.get_terminal_size((96, 24)).columns, 100)


def _wrap(text: str, indent: str, width: int | None = None) -> str:
    """Wrap to the terminal's width, counting Chinese characters as two columns."""
    return "\n".join(wrap(text, width or _columns(), indent)).rstrip() or indent.rstrip()


def find_case(case_id: str, data_dir: str | Path | None = None) -> dict:
    cases = {c["case_id"]: c for c in rows("cases", data_dir)}
    if case_id not in cases:
        hint = did_you_mean(case_id, list(cases))
        raise CaseNotFoundError(f"Unknown case {case_id!r}. " + (f"{hint} " if hint else "")
                                + "See trustcrises list.")
    return cases[case_id]


_HEAD = {
    "en": ("Company", "Region", "Industry", "Period", "Cause", "SCCT cluster", "Pressure from",
           "Decision reversed", "Days to first response", "Days to decisive response",
           "Coding rationale", "Trigger", "Response", "Outcome", "Note", "Timeline", "Sources",
           "Viewpoints", "yes", "no", "unknown", "ongoing"),
    "zh": ("公司", "地区", "行业", "时间", "起因", "SCCT 危机类型", "压力来源", "决策是否被逆转",
           "首次回应天数", "决定性回应天数", "编码理由", "触发", "回应", "结果", "备注", "时间线",
           "来源", "评论观点", "是", "否", "未知", "持续中"),
}


def show_text(case_id: str, data_dir: str | Path | None = None, lang: str = "en") -> str:
    """Everything about one case: summary, coding, timeline with quotes, sources."""
    case = find_case(case_id, data_dir)
    label = labels(data_dir, lang)
    h = dict(zip(("company", "region", "industry", "period", "cause", "cluster", "pressure",
                  "reversed", "first", "decisive", "rationale", "trigger", "response",
                  "outcome", "note", "timeline", "sources", "viewpoints", "yes", "no",
                  "unknown", "ongoing"), _HEAD[lang]))
    events = sorted((e for e in rows("events", data_dir) if e["case_id"] == case_id),
                    key=lambda e: e["seq"])
    views = [v for v in rows("viewpoints", data_dir) if v["case_id"] == case_id]
    sources = {s["source_id"]: s for s in rows("sources", data_dir)}

    def code(field: str, value: str | None) -> str:
        return label.get((field, value), value) if value else h["unknown"]

    end = _date(case["end_date"], case["date_precision"]) if case["end_date"] else \
        h["ongoing"]
    reversed_ = {True: h["yes"], False: h["no"], None: h["unknown"]}[case["decision_reversed"]]
    days = [h["unknown"] if d is None else str(d) for d in
            (case["days_to_first_response"], case["days_to_decisive_response"])]
    out = [f"{case[f'title_{lang}']}  [{case_id}]", "",
           _wrap(case[f"summary_{lang}"], ""), ""]
    facts = [(h["company"], case[f"company_{lang}"]),
             (h["region"], code("region", case["region"])),
             (h["industry"], code("industry", case["industry"])),
             (h["period"], f"{_date(case['start_date'], case['date_precision'])} → {end}"),
             (h["cause"], code("cause_category", case["cause_category"])),
             (h["cluster"], code("scct_cluster", case["scct_cluster"])),
             (h["pressure"], code("pressure_source", case["pressure_source"])),
             (h["reversed"], reversed_), (h["first"], days[0]), (h["decisive"], days[1])]
    width = max(len(k) for k, _ in facts) + 2
    out += [f"{k + ':':<{width}}{v}" for k, v in facts]
    for key in ("rationale", "trigger", "response", "outcome", "note"):
        column = {"rationale": "coding_rationale"}.get(key, key)
        if case.get(f"{column}_{lang}"):
            out += ["", f"{h[key]}:", _wrap(case[f"{column}_{lang}"], "  ")]
    out += ["", f"{h['timeline']}:"]
    for event in events:
        kind = code("event_type", event["event_type"])
        if event["strategy"]:
            kind += f" · {code('strategy', event['strategy'])}"
        if event["is_decisive"]:
            kind += " ★"
        out.append(f"  {event['seq']:>2}. {_date(event['date'], event['date_precision']):<10}"
                   f"  {kind} — {event[f'actor_{lang}']}")
        out.append(_wrap(event[f"description_{lang}"], " " * 18))
        out.append(_wrap(f"“{event['quote']}” [{event['source_id']}]", " " * 18))
        if event.get(f"note_{lang}"):
            out.append(_wrap("! " + event[f"note_{lang}"], " " * 18))
    cited = sorted({e["source_id"] for e in events} | {v["source_id"] for v in views})
    out += ["", f"{h['sources']}:"]
    for source_id in cited:
        s = sources[source_id]
        when = s["published"].isoformat() if s["published"] else "n.d."
        out.append(f"  [{source_id}] {s['publisher']}, “{s['title']}”, {when}. "
                   f"{s['url'] or ''}".rstrip())
    if views:
        out += ["", f"{h['viewpoints']} ({len(views)}):"]
        for view in sorted(views, key=lambda v: v["viewpoint_id"]):
            stance = ""
            if view["stance"]:
                stance = (f" [{code('proposition', view['proposition'])}: "
                          f"{code('stance', view['stance'])}]")
            out.append(_wrap(f"{view[f'commentator_{lang}']} · {code('theme', view['theme'])}"
                             f"{stance}: {view[f'claim_{lang}']}", "  "))
            out.append(_wrap(f"“{view['quote']}” [{view['source_id']}]", "    "))
    return "\n".join(out)
