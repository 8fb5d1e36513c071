"""Comparison tables as great-tables ``GT`` objects: ``compare``, ``timeline``, ``response_matrix``.

Each builder decides which rows and columns its table shows, their labels (from ``_labels`` and
the codebook), spanners and notes. The rows come from ``_inputs``, the look every table shares
(fonts, rules, widths) from ``_styling``; writing a table to a file is ``_export``'s job. Case
text is data: it goes into cells as plain text, which great-tables escapes; nothing here passes
it through ``md()``, ``html()`` or ``fmt_markdown()``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import _labels as L
from .._errors import CaseNotFoundError
from .._text import HAN, quoted
from ._inputs import Inputs
from ._styling import WIDTHS, styled, with_spanners

if TYPE_CHECKING:
    import great_tables as gt
    import pandas as pd

__all__ = ["compare", "response_matrix", "timeline"]

_DAYS = ("days_to_first_response", "days_to_decisive_response")
#: The decision outcomes of a case in which users or the public pressed a business decision.
PRESSED = ("reversed", "partially_reversed", "upheld")
#: Named looks of compare(): its columns, and the widths that differ from the usual ones.
PRESETS: dict[str, tuple[list[str], dict[str, str]]] = {
    "slide": (["company", "year", "cause_category", "pressure_source", "response_timing",
               "decision_outcome"],
              {"company": "330px", "cause_category": "150px", "pressure_source": "150px",
               "response_timing": "130px", "decision_outcome": "120px"}),
}
_CASE = "case label"                 # the row label column of the matrix


# ---------------------------------------------------------------------------------------------
# compare()


def compare(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    fields: list[str] | None = None,
    selection: str | None = None,
    pressed: bool = False,
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
    with_bundled: bool = False,
    preset: Literal["slide"] | None = None,
) -> gt.GT:
    """A table comparing crises: one row per case, ready for a paper, a slide or a page.

    Columns (``fields``, in this order): ``company``, ``title`` (only when asked for),
    ``year``, ``cause_category``,
    ``trigger``, ``pressure_source`` (who applied the pressure), ``responses`` (strategy labels
    in the order used), ``days_to_first_response``, ``days_to_decisive_response``,
    ``response_timing`` (a bar of the days to the decisive response, on one scale for all
    rows), ``outcome`` and ``decision_outcome`` (what became of the decision users pressed:
    reversed, partly reversed, upheld, ...), grouped under spanners, with a title, a
    subtitle and a source note citing the dataset and its version.

    Parameters
    ----------
    case_ids
        The cases, one row each in the order given; every case by start date when None.
    lang
        ``"en"`` or ``"zh"``: every label, header and text in that language.
    fields
        The columns to show, in the order given (by default all but ``title``, in the order
        above); neighbouring columns of one group share a spanner, and the subtitle says
        what the chosen columns tell.
    selection
        Only the cases in the collection for this reason: ``"seed_article"``,
        ``"canonical"`` or ``"user_pressure"`` (users pressing a company's decision).
    pressed
        Only the cases in which a business decision was pressed: its outcome is reversed,
        partly reversed or upheld (every selection, the seed article's cases included).
    cases, events, codebook
        Your own frames (checked with ``tc.validate`` first); the bundled tables when None.
    data_dir
        A folder written by ``trustcrises build`` to read instead of the bundled data.
    with_bundled
        With ``data_dir`` (or your own frames), also take the bundled cases, so that your
        cases and the bundled ones can be compared in one table; with no ``case_ids``, your
        cases come first. The source note credits each collection that gave a row.
    preset
        ``"slide"``: the columns that read on a slide (company, year, cause, who pressed, the
        timing bar and the decision), laid out wide rather than tall; ``fields`` may not be
        given with it.

    Returns
    -------
    great_tables.GT
        Restyle it as you like, then save it with ``trustcrises.save`` or ``GT.gtsave``.

    Raises
    ------
    CaseNotFoundError
        For an unknown case id (the message lists the valid ones).
    ValueError
        For an unknown field or language (the message lists the valid ones).

    Examples
    --------
    >>> import trustcrises as tc
    >>> table = tc.compare(["xiaomi-2026-kol"], lang="zh", fields=["company", "outcome"])
    >>> type(table).__name__
    'GT'
    """
    from great_tables import GT

    lang = L.check_lang(lang)  # type: ignore[assignment]
    widths = dict(WIDTHS)
    if preset is not None:
        if preset not in PRESETS:
            raise ValueError(f"Unknown preset {preset!r}. Valid presets: "
                             f"{', '.join(PRESETS)}.")
        if fields is not None:
            raise ValueError("A preset chooses the columns itself: give preset or fields, "
                             "not both.")
        fields, wide = PRESETS[preset]
        widths.update(wide)
    chosen = L.check_fields(fields) if fields is not None else list(L.COMPARE_DEFAULT)
    # the user's order; by default, the display order
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook,
                  with_bundled=with_bundled)
    rows = data.pick(case_ids)
    if selection is not None:
        valid = sorted({r["selection"] for r in rows if r["selection"]})
        rows = [r for r in rows if r["selection"] == selection]
        if not rows:
            raise CaseNotFoundError(f"No case has selection {selection!r}. Valid "
                                    f"selections: {', '.join(valid)}.")
    if pressed:
        rows = [r for r in rows if r["decision_outcome"] in PRESSED]
    frame = _compare_frame(rows, data, lang, chosen)

    table = GT(frame, id="trustcrises-compare")
    table = with_spanners(table, lang, chosen, L.COMPARE_FIELDS)
    table = (table.tab_header(title=L.text(lang, "compare.title"),
                              subtitle=L.compare_subtitle(lang, chosen))
             .cols_label(cases={f: L.column_label(lang, f) for f in chosen})
             .cols_width(cases={f: _fitted(f, frame[f], widths) for f in chosen}))
    days = [f for f in _DAYS if f in chosen]
    if days:
        table = table.fmt_integer(columns=days, use_seps=False).cols_align("right", days)
    if "year" in chosen:
        table = table.cols_align("right", "year")
    if "decision_outcome" in chosen:
        table = table.cols_align("center", "decision_outcome")
    if "response_timing" in chosen:
        longest = frame["response_timing"].max()
        table = (table.fmt(lambda days: _timing_bar(days, longest, lang),
                           columns="response_timing")
                 .sub_missing(columns="response_timing", missing_text=""))
    table = table.sub_missing(columns=[f for f in chosen if f != "response_timing"],
                              missing_text=L.MISSING)
    table = table.tab_source_note(data.source_note(lang, [r["case_id"] for r in rows]))
    if days or "response_timing" in chosen:
        table = table.tab_source_note(L.text(lang, "note.days", missing=L.MISSING))
    if "response_timing" in chosen and frame["response_timing"].notna().any():
        longest = int(frame["response_timing"].max())
        table = table.tab_source_note(L.text(lang, "note.timing", longest=L.text(
            lang, "count.day" if longest == 1 else "count.days", n=longest)))
    return styled(table, lang)


def _compare_frame(rows: list[dict[str, Any]], data: Inputs, lang: str, chosen: list[str]
                   ) -> pd.DataFrame:
    import pandas as pd

    label = data.labels(lang)
    sep = L.text(lang, "responses.sep")

    def responses(case_id: str) -> str | None:
        used = data.strategies(case_id)
        names = [label.get(("strategy", s), s) for s in dict.fromkeys(used)]
        return sep.join(names) if names else None

    def code(field: str, value: str | None) -> str | None:
        return None if value is None else label.get((field, value), value)

    columns: dict[str, Any] = {
        "company": _identified(rows, lang, "title" in chosen),
        "title": [r[f"title_{lang}"] for r in rows],
        "year": [str(r["start_date"].year) for r in rows],
        "cause_category": [code("cause_category", r["cause_category"]) for r in rows],
        "trigger": [r[f"trigger_{lang}"] for r in rows],
        "pressure_source": [code("pressure_source", r["pressure_source"]) for r in rows],
        "responses": [responses(r["case_id"]) for r in rows],
        "days_to_first_response": pd.array([r["days_to_first_response"] for r in rows],
                                           dtype="Int64"),
        "days_to_decisive_response": pd.array([r["days_to_decisive_response"] for r in rows],
                                              dtype="Int64"),
        "response_timing": [float("nan") if r["days_to_decisive_response"] is None
                            else float(r["days_to_decisive_response"]) for r in rows],
        "outcome": [r[f"outcome_{lang}"] for r in rows],
        "decision_outcome": [code("decision_outcome", r["decision_outcome"]) for r in rows],
    }
    frame = pd.DataFrame({f: columns[f] for f in chosen})
    for f in chosen:
        if f not in _DAYS and f != "response_timing":
            frame[f] = frame[f].astype(object)
    if "response_timing" in chosen:
        frame["response_timing"] = frame["response_timing"].astype("float64")
    return frame


def _identified(rows: list[dict[str, Any]], lang: str, titled: bool, *,
                year: bool = False) -> list[str]:
    """Row labels that tell the cases apart: the company (with the year, for the matrix),
    and, where two rows would read the same and no title column is shown, the case's title."""
    def base(r: dict[str, Any]) -> str:
        company = r[f"company_{lang}"]
        return L.text(lang, "case.label", company=company, year=r["start_date"].year) \
            if year else company

    labels = [base(r) for r in rows]
    if titled:
        return labels
    repeated = {x for x in labels if labels.count(x) > 1}
    return [L.text(lang, "case.titled", label=x, title=r[f"title_{lang}"]) if x in repeated
            else x for x, r in zip(labels, rows)]


def _timing_bar(days: float, longest: float, lang: str) -> str:
    """An inline SVG bar of ``days`` on a logarithmic scale whose full width is ``longest``
    days, with faint marks at 1, 10, 100 and 1,000 days, so that a one-day response and a
    two-year one both show.

    Drawn here rather than with great-tables' ``fmt_nanoplot``, which imports polars even for
    pandas frames (great-tables 1.1.0), so that a plain install renders the bar.
    """
    if days != days:  # NaN: no decisive response; sub_missing leaves the cell empty
        return ""
    label = L.text(lang, "timing.alt", days=int(days))
    width = max(timing_width(days, longest), 1.0)  # a same-day response still shows
    marks = "".join(
        f'<line x1="{x:.4g}" y1="0" x2="{x:.4g}" y2="10" stroke="#c8c8c8" stroke-width="0.5" '
        f'vector-effect="non-scaling-stroke"/>'
        for x in (timing_width(d, longest) for d in (1, 10, 100, 1000) if d <= longest))
    return (f'<svg role="img" aria-label="{label}" viewBox="0 0 100 10" width="100%" '
            f'height="1.3em" preserveAspectRatio="none" style="display:block">'
            f"<title>{label}</title>{marks}"
            f'<rect x="0" y="1" width="{width:.10g}" height="8" fill="#3a6ea5" '
            f'stroke="#2a5080" stroke-width="0.5" vector-effect="non-scaling-stroke"/></svg>')


#: Width of the widest Latin letter of the bold 12 px header font, and a cell's padding.
_HEADER_LETTER, _HEADER_PADDING, _HEADER_MIN = 8.0, 14, 74


def _fitted(field: str, values: pd.Series, widths: dict[str, str] = WIDTHS) -> str:
    """The column's width, widened (up to twice) for its longest unbreakable word."""
    base = int(widths[field].removesuffix("px"))
    if field not in ("company", "title"):
        return widths[field]
    words = [w for v in values.dropna() for w in re.split(r"\s+", str(v))
             if w and not HAN.search(w)]
    longest = max((len(w) for w in words), default=0)
    return f"{min(2 * base, max(base, round(longest * 7.6 + 14)))}px"


def header_width(label: str) -> str:
    """A column wide enough for the longest word of its header, so that no header is cut:
    headers wrap between words (and between Chinese characters), never inside a word."""
    words = [w for w in re.split(r"\s+", label) if w and not HAN.search(w)]
    longest = max((len(w) for w in words), default=0)
    return f"{max(_HEADER_MIN, round(longest * _HEADER_LETTER + _HEADER_PADDING))}px"


def timing_width(days: float, longest: float) -> float:
    """Where ``days`` falls on the bar's logarithmic scale, 0 to 100."""
    return 0.0 if longest <= 0 else 100 * math.log1p(days) / math.log1p(longest)


# ---------------------------------------------------------------------------------------------
# timeline()


def timeline(
    case_id: str,
    *,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
    with_bundled: bool = False,
) -> gt.GT:
    """A case's dated events: date (at its precision), type, strategy, actor, what happened,
    source and quote, with the decisive response marked and each event's note (where sources
    disagree, for example) numbered in the description and printed below the table.

    Parameters are as for :func:`compare`; ``sources`` gives the publishers of the sources.

    Examples
    --------
    >>> import trustcrises as tc
    >>> type(tc.timeline("xiaomi-2026-kol", lang="zh")).__name__
    'GT'
    """
    import pandas as pd
    from great_tables import GT, loc, style

    lang = L.check_lang(lang)  # type: ignore[assignment]
    if not isinstance(case_id, str):
        raise TypeError(f"case_id must be a string, not {type(case_id).__name__}")
    data = Inputs(data_dir, cases=cases, events=events, sources=sources, codebook=codebook,
                  with_bundled=with_bundled)
    (case,) = data.pick([case_id])
    label = data.labels(lang)
    publisher = {r["source_id"]: r["publisher"] for r in data.records("sources")}
    rows = data.timeline(case_id)

    def code(field: str, value: str | None) -> str:
        return "" if value is None else label.get((field, value), value)

    # each event's note (where sources disagree), numbered and printed below the table
    notes = list(dict.fromkeys(e[f"note_{lang}"] for e in rows if e[f"note_{lang}"]))
    frame = pd.DataFrame({
        "date": [L.date_text(lang, e["date"], e["date_precision"])
                 + (f" {e['time']}" if e["time"] else "") for e in rows],
        "event_type": [code("event_type", e["event_type"])
                       + (f" · {code('channel', e['channel'])}" if e["channel"] else "")
                       for e in rows],
        "strategy": [code("strategy", e["strategy"]) for e in rows],
        "decisive": [L.DECISIVE if e["is_decisive"] else "" for e in rows],
        "actor": [e[f"actor_{lang}"] for e in rows],
        "description": [e[f"description_{lang}"] + (
            L.text(lang, "note.mark", n=notes.index(e[f"note_{lang}"]) + 1)
            if e[f"note_{lang}"] else "") for e in rows],
        "source": [f"{publisher[e['source_id']]} [{e['source_id']}]"
                   if e["source_id"] in publisher else f"[{e['source_id']}]" for e in rows],
        "quote": [quoted(e["quote"]) for e in rows],
    }, dtype=object)
    fields = list(L.TIMELINE_FIELDS)
    table = GT(frame, id="trustcrises-timeline")
    table = with_spanners(table, lang, fields, L.TIMELINE_FIELDS)
    table = (table.tab_header(title=case[f"title_{lang}"],
                              subtitle=L.text(lang, "timeline.subtitle",
                                              company=case[f"company_{lang}"]))
             .cols_label(cases={f: L.column_label(lang, f) for f in fields})
             .cols_width(cases={f: WIDTHS[f] for f in fields})
             .cols_align("center", "decisive")
             .tab_source_note(data.source_note(lang, [case_id]))
             .tab_source_note(L.text(lang, "note.decisive", mark=L.DECISIVE))
             .tab_source_note(L.text(lang, "note.quote")))
    for number, note in enumerate(notes, 1):
        table = table.tab_source_note(L.text(lang, "note.numbered", n=number, note=note))
    decisive = [i for i, e in enumerate(rows) if e["is_decisive"]]
    if decisive:
        table = table.tab_style(style=[style.fill(color="#eef3f9"), style.text(weight="bold")],
                                locations=loc.body(rows=decisive))
    return styled(table, lang)


# ---------------------------------------------------------------------------------------------
# response_matrix()


def response_matrix(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    count: bool = False,
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
    with_bundled: bool = False,
) -> gt.GT:
    """Cases × response strategies: ● where a case used a strategy (its number of response
    events with ``count=True``), the strategies grouped by posture under spanners, in codebook
    order (deny, diminish, rebuild, bolster, then corrective and personnel action).

    Parameters are as for :func:`compare`.

    Examples
    --------
    >>> import trustcrises as tc
    >>> type(tc.response_matrix(["xiaomi-2026-kol"])).__name__
    'GT'
    """
    import pandas as pd
    from great_tables import GT

    lang = L.check_lang(lang)  # type: ignore[assignment]
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook,
                  with_bundled=with_bundled)
    rows = data.pick(case_ids)
    book = data.records("codebook")
    label = data.labels(lang)
    posture_order = {r["code"]: r["sort_order"] for r in book if r["field"] == "posture"}
    strategies = sorted((r for r in book if r["field"] == "strategy"),
                        key=lambda r: (r["posture"] is None,
                                       posture_order.get(r["posture"], len(posture_order)),
                                       r["sort_order"]))
    codes = [r["code"] for r in strategies]

    matrix: dict[str, list[str]] = {
        _CASE: _identified(rows, lang, False, year=True)}
    for code in codes:
        matrix[code] = []
    for r in rows:
        used = data.strategies(r["case_id"])
        for code in codes:
            n = used.count(code)
            matrix[code].append((str(n) if count else L.USED) if n else "")
    table = GT(pd.DataFrame(matrix, dtype=object), id="trustcrises-matrix")
    for posture in dict.fromkeys(r["posture"] for r in strategies if r["posture"] is not None):
        table = table.tab_spanner(label=label.get(("posture", posture), posture),
                                  columns=[r["code"] for r in strategies
                                           if r["posture"] == posture],
                                  id=f"posture-{posture}")
    subtitle = "matrix.subtitle.count" if count else "matrix.subtitle.used"
    table = (table.tab_header(title=L.text(lang, "matrix.title"),
                              subtitle=L.text(lang, subtitle, mark=L.USED))
             .cols_label(cases={_CASE: L.text(lang, "col.case"),
                                **{c: label.get(("strategy", c), c) for c in codes}})
             .cols_width(cases={_CASE: "170px", **{
                 c: header_width(label.get(("strategy", c), c)) for c in codes}})
             .cols_align("center", codes)
             .tab_source_note(data.source_note(lang, [r["case_id"] for r in rows])))
    return styled(table, lang)
