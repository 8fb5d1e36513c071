"""Plain-text views of the data for the terminal: ``list`` and ``show``.

These read the Parquet files with pyarrow alone, so the commands start without pandas.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import _labels as L
from .._problems import unknown_case
from .._facts import SECTIONS, case_facts, iso_date, studies_in_order
from .._text import iso_at, pad, quoted, width, wrap
from ..data._load import rows


def labels(data_dir: str | Path | None, lang: str) -> dict[tuple[str, str], str]:
    return {(r["field"], r["code"]): r[f"label_{lang}"] for r in rows("codebook", data_dir)}


def _year_span(case: dict) -> str:
    """'2013', '2013–2014', '2013–' (ongoing) or '2013–?' (ended, end not dated)."""
    start, end = case["start_date"], case["end_date"]
    if end is None:
        return f"{start.year}–" if case.get("status") == "ongoing" else f"{start.year}–?"
    return str(start.year) if end.year == start.year else f"{start.year}–{end.year}"


def list_text(data_dir: str | Path | None = None, lang: str = "en") -> str:
    cases = sorted(rows("cases", data_dir), key=lambda c: (c["start_date"], c["case_id"]))
    ids = max([width(c["case_id"]) for c in cases] + [width(L.text(lang, "col.case"))])
    years = max([width(_year_span(c)) for c in cases] + [width(L.text(lang, "col.years"))])
    head = (f"{pad(L.text(lang, 'col.case'), ids)}  {pad(L.text(lang, 'col.years'), years)}  "
            f"{L.text(lang, 'col.company')} · {L.text(lang, 'col.title')}")
    lines = [head]
    for case in cases:
        lines.append(f"{pad(case['case_id'], ids)}  {pad(_year_span(case), years)}  "
                     f"{case[f'company_{lang}']} · {case[f'title_{lang}']}")
    noun = L.text(lang, "list.case" if len(cases) == 1 else "list.cases")
    lines.append(L.text(lang, "list.footer", count=len(cases), cases=noun))
    return "\n".join(lines)


def _columns() -> int:
    """The terminal's width (``COLUMNS`` first), at most 100 columns for reading comfort."""
    return min(shutil.get_terminal_size((96, 24)).columns, 100)


def wrapped(text: str, indent: str, width: int | None = None) -> str:
    """Wrap to the terminal's width, counting Chinese characters as two columns."""
    return "\n".join(wrap(text, width or _columns(), indent)).rstrip() or indent.rstrip()


def find_case(case_id: str, data_dir: str | Path | None = None) -> dict:
    cases = {c["case_id"]: c for c in rows("cases", data_dir)}
    if case_id not in cases:
        raise unknown_case(case_id, list(cases))
    return cases[case_id]


def show_text(case_id: str, data_dir: str | Path | None = None, lang: str = "en", *,
              viewpoints: int | None = 10) -> str:
    """Everything about one case: summary, coding, timeline with quotes, how published studies
    coded it, sources and commentary.

    ``viewpoints``: how many viewpoints to print (None: all).
    """
    case = find_case(case_id, data_dir)
    label = labels(data_dir, lang)
    unknown = L.text(lang, "unknown")
    events = sorted((e for e in rows("events", data_dir) if e["case_id"] == case_id),
                    key=lambda e: e["seq"])
    views = sorted((v for v in rows("viewpoints", data_dir) if v["case_id"] == case_id),
                   key=lambda v: v["viewpoint_id"])
    sources = {s["source_id"]: s for s in rows("sources", data_dir)}
    codings = studies_in_order((c for c in rows("codings", data_dir) if c["case_id"] == case_id),
                               sources)
    sep = L.text(lang, "label_sep")

    def code(field: str, value: str | None) -> str:
        return label.get((field, value), value) if value else unknown

    def heading(key: str) -> str:
        return L.text(lang, f"col.{key}") + sep.rstrip()

    def counted(key: str, count: int) -> str:
        return L.text(lang, "with_unit", label=L.text(lang, key), unit=count) + sep.rstrip()

    out = [f"{case[f'title_{lang}']}  [{case_id}]", "", wrapped(case[f"summary_{lang}"], ""), ""]
    facts = [(label, shown) for _, label, shown in case_facts(case, lang, code)]
    room = max(width(k) for k, _ in facts) + width(sep)
    out += [wrapped(v, " " * room).replace(" " * room, pad(k + sep, room), 1) for k, v in facts]
    for key in SECTIONS:
        if case.get(f"{key}_{lang}"):
            out += ["", heading(key), wrapped(case[f"{key}_{lang}"], "  ")]
    out += ["", heading("timeline")]
    for event in events:
        kind = code("event_type", event["event_type"])
        if event["strategy"]:
            kind += f" · {code('strategy', event['strategy'])}"
        if event["channel"]:
            kind += f" · {code('channel', event['channel'])}"
        if event["is_decisive"]:
            kind += f" {L.DECISIVE}"
        when = iso_date(event["date"], event["date_precision"])
        if event.get("time"):
            when += f" {event['time']}"
        out.append(f"  {event['seq']:>2}. {pad(when, 16)}  {kind} — {event[f'actor_{lang}']}")
        out.append(wrapped(event[f"description_{lang}"], " " * 6))
        out.append(wrapped(quoted(event["quote"]) + f" [{event['source_id']}]", " " * 6))
        if event.get(f"note_{lang}"):
            out.append(wrapped("! " + event[f"note_{lang}"], " " * 6))
    if any(e["is_decisive"] for e in events):
        out += ["", L.text(lang, "show.decisive")]
    if codings:
        out += ["", counted("show.codings", len(codings))]
        for coding in codings:
            cluster = f" [{code('scct_cluster', coding['scct_cluster'])}]" \
                if coding["scct_cluster"] else ""
            out.append(wrapped(f"[{coding['source_id']}]{cluster} {coding[f'summary_{lang}']}",
                               "  "))
            out.append(wrapped(quoted(coding["quote"]), "    "))
            differs = coding[f"note_{lang}"]
            out.append(wrapped(f"{L.text(lang, 'show.codings.differs')}{sep}{differs}" if differs
                               else L.text(lang, "show.codings.agrees"), "    "))
    cited = sorted({e["source_id"] for e in events} | {v["source_id"] for v in views}
                   | {c["source_id"] for c in codings})
    out += ["", heading("sources")]
    for source_id in cited:
        s = sources[source_id]
        when = iso_at(s["published"], s.get("published_precision")) if s["published"] else \
            L.text(lang, "no_date")
        entry = f"[{source_id}] {s['publisher']}, {quoted(s['title'])}, {when}"
        entry += "" if entry.endswith((".", "。")) else "."
        out.append(wrapped(entry + (f" {s['url']}" if s["url"] else ""), "  "))
        if s.get(f"note_{lang}"):
            out.append(wrapped(s[f"note_{lang}"], " " * 6))
    if views:
        shown = views if viewpoints is None else views[:viewpoints]
        out += ["", counted("col.viewpoints", len(views))]
        for view in shown:
            stance = ""
            if view["stance"]:
                stance = (f" [{code('proposition', view['proposition'])}{sep}"
                          f"{code('stance', view['stance'])}]")
            out.append(wrapped(f"{view[f'commentator_{lang}']} · {code('theme', view['theme'])}"
                             f"{stance}{sep}{view[f'claim_{lang}']}", "  "))
            out.append(wrapped(quoted(view["quote"]) + f" [{view['source_id']}]", "    "))
        if len(shown) < len(views):
            out.append("  " + L.text(lang, "show.more_viewpoints",
                                     count=len(views) - len(shown), case_id=case_id))
    return "\n".join(out)

