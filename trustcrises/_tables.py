"""Comparison tables as great-tables ``GT`` objects: ``compare``, ``timeline``, ``response_matrix``.

Everything that turns rows into a table lives here: which rows and columns, their labels (from
``_labels`` and the codebook), spanners, notes, fonts and styling. Reading and writing files is
``_export``'s job. Case text is data: it goes into cells as plain text, which great-tables
escapes; nothing here passes it through ``md()``, ``html()`` or ``fmt_markdown()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _labels as L
from ._errors import CaseNotFoundError
from ._problems import did_you_mean

if TYPE_CHECKING:
    import great_tables as gt
    import pandas as pd

__all__ = ["compare", "response_matrix", "timeline"]

_WIDTHS = {"company": "96px", "title": "200px", "year": "52px", "cause_category": "104px",
           "trigger": "210px",
           "pressure_source": "100px", "responses": "170px", "days_to_first_response": "76px",
           "days_to_decisive_response": "76px", "response_timing": "96px", "outcome": "230px",
           "decision_reversed": "76px",
           "date": "104px", "event_type": "76px", "strategy": "104px", "decisive": "58px",
           "actor": "130px", "description": "250px", "source": "150px", "quote": "190px"}
_DAYS = ("days_to_first_response", "days_to_decisive_response")
_TIMING_ALT = "response timing alt"  # hidden column: a space keeps it apart from any field
_CASE = "case label"                 # the row label column of the matrix


# ---------------------------------------------------------------------------------------------
# Inputs


class _Data:
    """The frames a table is made from: the bundled ones, or a user's own after validation."""

    def __init__(self, data_dir: str | Path | None, **given: pd.DataFrame | None) -> None:
        from ._load import load

        self.data_dir = data_dir
        self.user = any(given.get(n) is not None for n in ("cases", "events"))
        book = given.pop("codebook", None)
        self.codebook = self._checked("codebook", book, None) if book is not None \
            else load("codebook", data_dir=data_dir)
        self.frames: dict[str, pd.DataFrame] = {}
        for name, frame in given.items():
            self.frames[name] = (self._checked(name, frame, self.codebook) if frame is not None
                                 else load(name, data_dir=data_dir))

    @staticmethod
    def _checked(name: str, frame: object, codebook: pd.DataFrame | None) -> pd.DataFrame:
        import pandas as pd

        from ._validate import validate

        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name}= takes a pandas DataFrame (such as tc.load_{name}()), "
                            f"not {type(frame).__name__}")
        return validate(frame, table=name, codebook=codebook)

    def labels(self, lang: str) -> dict[tuple[str, str], str]:
        book = self.codebook
        return dict(zip(zip(book["field"], book["code"]), book[f"label_{lang}"]))

    def source_note(self, lang: str) -> str:
        from ._load import descriptor

        meta = descriptor(self.data_dir)
        version = str(meta.get("version", "?"))
        if self.user:
            return L.text(lang, "source.user", version=version)
        names = [lic.get("name") for lic in meta.get("licenses", []) if lic.get("name")]
        license_ = L.text(lang, "source.license", license=", ".join(names)) if names else ""
        return L.text(lang, "source.dataset", version=version, license=license_)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (never mutates ``frame``)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _pick_cases(cases: pd.DataFrame, case_ids: object) -> list[dict[str, Any]]:
    """The rows of ``case_ids`` in the order given, or every case by start date."""
    rows = _records(cases)
    if case_ids is None:
        return sorted(rows, key=lambda r: (r["start_date"], r["case_id"]))
    if isinstance(case_ids, str):
        case_ids = [case_ids]
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        raise ValueError("case_ids is empty: pass None for every case, or one or more case ids.")
    by_id = {r["case_id"]: r for r in rows}
    for case_id in wanted:
        if case_id not in by_id:
            raise _unknown_case(case_id, list(by_id))
    return [by_id[c] for c in wanted]


def _unknown_case(case_id: object, valid: list[str]) -> CaseNotFoundError:
    hint = did_you_mean(case_id, valid)
    return CaseNotFoundError(f"Unknown case {case_id!r}. " + (f"{hint} " if hint else "")
                             + f"Valid case ids: {', '.join(sorted(valid))}.")


def _events_of(events: pd.DataFrame, case_id: str) -> list[dict[str, Any]]:
    rows = [r for r in _records(events) if r["case_id"] == case_id]
    return sorted(rows, key=lambda r: r["seq"])


def _date(lang: str, value: Any, precision: str) -> str:
    if value is None:
        return L.MISSING
    key = {"day": "date.day", "month": "date.month"}.get(precision, "date.year")
    return L.text(lang, key, y=value.year, m=value.month, d=value.day)


def _yes_no(lang: str, value: object) -> str:
    return L.text(lang, {True: "yes", False: "no"}.get(value, "unknown"))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Styling shared by every table


def _style(table: gt.GT, lang: str) -> gt.GT:
    from great_tables import loc, style

    return (
        table.opt_table_font(font=L.FONTS[lang], add=False)
        .opt_align_table_header(align="left")
        .tab_options(
            table_font_size="13px", table_font_color="#1a1a1a",
            heading_title_font_size="17px", heading_title_font_weight="bold",
            heading_subtitle_font_size="13px", heading_padding="4px",
            heading_border_bottom_color="#1a1a1a", heading_border_bottom_width="1px",
            table_border_top_color="#1a1a1a", table_border_top_width="2px",
            table_border_bottom_color="#1a1a1a", table_border_bottom_width="2px",
            column_labels_font_weight="bold", column_labels_font_size="12px",
            column_labels_border_top_color="#1a1a1a", column_labels_border_top_width="1px",
            column_labels_border_bottom_color="#1a1a1a",
            column_labels_border_bottom_width="1px",
            table_body_hlines_color="#d9d9d9", table_body_border_bottom_color="#1a1a1a",
            data_row_padding="5px", source_notes_font_size="11px",
            source_notes_padding="3px",
        )
        .tab_style(style=style.css("vertical-align: top; line-height: 1.4;"),
                   locations=loc.body())
        .tab_style(style=style.css("vertical-align: bottom;"), locations=loc.column_labels())
        .tab_style(style=style.text(weight="bold"), locations=loc.title())
    )


def _spanners(table: gt.GT, lang: str, fields: list[str], groups: dict[str, str]) -> gt.GT:
    for group in dict.fromkeys(groups[f] for f in fields):
        members = [f for f in fields if groups[f] == group]
        table = table.tab_spanner(label=L.text(lang, f"spanner.{group}"), columns=members,
                                  id=f"spanner-{group}")
    return table


# ---------------------------------------------------------------------------------------------
# compare()


def compare(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    fields: list[str] | None = None,
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> gt.GT:
    """A table comparing crises: one row per case, ready for a paper, a slide or a page.

    Columns (``fields``, in this order): ``company``, ``title`` (only when asked for),
    ``year``, ``cause_category``,
    ``trigger``, ``pressure_source`` (who applied the pressure), ``responses`` (strategy labels
    in the order used), ``days_to_first_response``, ``days_to_decisive_response``,
    ``response_timing`` (a bar of the days to the decisive response, on one scale for all
    rows), ``outcome`` and ``decision_reversed``, grouped under spanners, with a title, a
    subtitle and a source note citing the dataset and its version.

    Parameters
    ----------
    case_ids
        The cases, one row each in the order given; every case by start date when None.
    lang
        ``"en"`` or ``"zh"``: every label, header and text in that language.
    fields
        The columns to show, a subset of the names above (shown in the order above).
    cases, events, codebook
        Your own frames (checked with ``tc.validate`` first); the bundled tables when None.
    data_dir
        A folder written by ``trustcrises build`` to read instead of the bundled data.

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
    from great_tables import GT, from_column, nanoplot_options

    lang = L.check_lang(lang)  # type: ignore[assignment]
    chosen = L.check_fields(fields) if fields is not None else list(L.COMPARE_DEFAULT)
    chosen = [f for f in L.COMPARE_FIELDS if f in chosen]
    data = _Data(data_dir, cases=cases, events=events, codebook=codebook)
    rows = _pick_cases(data.frames["cases"], case_ids)
    frame = _compare_frame(rows, data, lang, chosen)

    table = GT(frame)
    table = _spanners(table, lang, chosen, L.COMPARE_FIELDS)
    table = (table.tab_header(title=L.text(lang, "compare.title"),
                              subtitle=L.text(lang, "compare.subtitle"))
             .cols_label(cases={f: L.column_label(lang, f) for f in chosen})
             .cols_width(cases={f: _WIDTHS[f] for f in chosen}))
    days = [f for f in _DAYS if f in chosen]
    if days:
        table = table.fmt_integer(columns=days, use_seps=False).cols_align("right", days)
    if "year" in chosen:
        table = table.cols_align("right", "year")
    if "decision_reversed" in chosen:
        table = table.cols_align("center", "decision_reversed")
    if "response_timing" in chosen:
        table = (table.fmt_nanoplot(
                    "response_timing", plot_type="bar", plot_height="1.3em",
                    alt=from_column(_TIMING_ALT),
                    options=nanoplot_options(data_bar_fill_color="#3a6ea5",
                                             data_bar_stroke_color="#2a5080"))
                 .cols_hide(_TIMING_ALT)
                 .sub_missing(columns="response_timing", missing_text=""))
    table = table.sub_missing(columns=[f for f in chosen if f != "response_timing"],
                              missing_text=L.MISSING)
    table = table.tab_source_note(data.source_note(lang))
    if days or "response_timing" in chosen:
        table = table.tab_source_note(L.text(lang, "note.days", missing=L.MISSING))
    return _style(table, lang)


def _compare_frame(rows: list[dict[str, Any]], data: _Data, lang: str, chosen: list[str]
                   ) -> pd.DataFrame:
    import pandas as pd

    label = data.labels(lang)
    events = data.frames["events"]
    sep = L.text(lang, "responses.sep")

    def responses(case_id: str) -> str | None:
        used = [e["strategy"] for e in _events_of(events, case_id)
                if e["event_type"] == "response" and e["strategy"] is not None]
        names = [label.get(("strategy", s), s) for s in dict.fromkeys(used)]
        return sep.join(names) if names else None

    def code(field: str, value: str | None) -> str | None:
        return None if value is None else label.get((field, value), value)

    columns: dict[str, Any] = {
        "company": [r[f"company_{lang}"] for r in rows],
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
        "decision_reversed": [_yes_no(lang, r["decision_reversed"]) for r in rows],
    }
    frame = pd.DataFrame({f: columns[f] for f in chosen})
    for f in chosen:
        if f not in _DAYS and f != "response_timing":
            frame[f] = frame[f].astype(object)
    if "response_timing" in chosen:
        frame["response_timing"] = frame["response_timing"].astype("float64")
        frame[_TIMING_ALT] = [
            "" if r["days_to_decisive_response"] is None
            else L.text(lang, "timing.alt", days=r["days_to_decisive_response"]) for r in rows]
    return frame


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
) -> gt.GT:
    """A case's dated events: date (at its precision), type, strategy, actor, what happened,
    source and quote, with the decisive response marked.

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
    data = _Data(data_dir, cases=cases, events=events, sources=sources, codebook=codebook)
    (case,) = _pick_cases(data.frames["cases"], [case_id])
    label = data.labels(lang)
    publisher = {r["source_id"]: r["publisher"] for r in _records(data.frames["sources"])}
    rows = _events_of(data.frames["events"], case_id)

    def code(field: str, value: str | None) -> str:
        return "" if value is None else label.get((field, value), value)

    frame = pd.DataFrame({
        "date": [_date(lang, e["date"], e["date_precision"]) for e in rows],
        "event_type": [code("event_type", e["event_type"]) for e in rows],
        "strategy": [code("strategy", e["strategy"]) for e in rows],
        "decisive": [L.DECISIVE if e["is_decisive"] else "" for e in rows],
        "actor": [e[f"actor_{lang}"] for e in rows],
        "description": [e[f"description_{lang}"] for e in rows],
        "source": [f"{publisher[e['source_id']]} [{e['source_id']}]"
                   if e["source_id"] in publisher else f"[{e['source_id']}]" for e in rows],
        "quote": [f"“{e['quote']}”" for e in rows],
    }, dtype=object)
    fields = list(L.TIMELINE_FIELDS)
    table = GT(frame)
    table = _spanners(table, lang, fields, L.TIMELINE_FIELDS)
    table = (table.tab_header(title=case[f"title_{lang}"],
                              subtitle=L.text(lang, "timeline.subtitle",
                                              company=case[f"company_{lang}"]))
             .cols_label(cases={f: L.column_label(lang, f) for f in fields})
             .cols_width(cases={f: _WIDTHS[f] for f in fields})
             .cols_align("center", "decisive")
             .tab_source_note(data.source_note(lang))
             .tab_source_note(L.text(lang, "note.decisive", mark=L.DECISIVE))
             .tab_source_note(L.text(lang, "note.quote")))
    decisive = [i for i, e in enumerate(rows) if e["is_decisive"]]
    if decisive:
        table = table.tab_style(style=[style.fill(color="#eef3f9"), style.text(weight="bold")],
                                locations=loc.body(rows=decisive))
    return _style(table, lang)


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
    data = _Data(data_dir, cases=cases, events=events, codebook=codebook)
    rows = _pick_cases(data.frames["cases"], case_ids)
    book = _records(data.codebook)
    label = data.labels(lang)
    posture_order = {r["code"]: r["sort_order"] for r in book if r["field"] == "posture"}
    strategies = sorted((r for r in book if r["field"] == "strategy"),
                        key=lambda r: (r["posture"] is None,
                                       posture_order.get(r["posture"], len(posture_order)),
                                       r["sort_order"]))
    codes = [r["code"] for r in strategies]
    events = data.frames["events"]

    matrix: dict[str, list[str]] = {
        _CASE: [L.text(lang, "case.label", company=r[f"company_{lang}"],
                       year=r["start_date"].year) for r in rows]}
    for code in codes:
        matrix[code] = []
    for r in rows:
        used = [e["strategy"] for e in _events_of(events, r["case_id"])
                if e["event_type"] == "response" and e["strategy"] is not None]
        for code in codes:
            n = used.count(code)
            matrix[code].append((str(n) if count else L.USED) if n else "")
    table = GT(pd.DataFrame(matrix, dtype=object))
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
             .cols_width(cases={_CASE: "170px", **{c: "74px" for c in codes}})
             .cols_align("center", codes)
             .tab_source_note(data.source_note(lang)))
    return _style(table, lang)
