"""Counts and shares of two coded fields, at the case or the response level.

``crosstab`` returns the numbers as a labelled DataFrame; ``crosstab_table`` renders them like
the other comparison tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import _labels as L
from . import _units as U

if TYPE_CHECKING:
    import great_tables as gt
    import pandas as pd

Share = Literal["row", "column", "all"]
SHARES: tuple[str, ...] = ("row", "column", "all")


def crosstab(
    rows: str,
    columns: str | None = None,
    *,
    level: U.Level = "case",
    share: Share | None = None,
    lang: L.Lang = "en",
    margins: bool = True,
    labels: bool = True,
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """How many cases (or response events) fall in each pair of values of two coded fields.

    Parameters
    ----------
    rows, columns
        Field names. At the case level: ``region``, ``industry``, ``cause_category``,
        ``scct_cluster``, ``pressure_source``, ``decision_outcome``, ``status``, ``onset``,
        ``victims``, ``selection``, ``self_disclosed``, ``prior_crisis`` and ``decade`` (of the
        trigger). At the response level also ``strategy``, ``posture`` (SCCT), ``benoit`` and
        ``channel``. With ``columns=None``, one column of counts.
    level
        ``"case"``: each case counts once. ``"response"``: each response event counts once,
        with its case's fields.
    share
        None for counts; ``"row"``, ``"column"`` or ``"all"`` for the share (0 to 1) of the
        row's, the column's or the grand total.
    lang
        ``"en"`` or ``"zh"``: the labels of the codes and of the totals.
    margins
        Add a total row and column.
    labels
        Label the values with the codebook's words (False: the codes themselves; a missing
        value is then None).
    cases, events, codebook
        Your own frames (checked with ``tc.validate`` first); the bundled tables when None.
    data_dir
        A folder written by ``trustcrises build`` to read instead of the bundled data.

    Returns
    -------
    pandas.DataFrame
        Values of ``rows`` down, values of ``columns`` across, in the codebook's order, a value
        that is not known last. ``frame.attrs`` holds ``n`` (the cases or responses counted)
        and ``level``.

    Examples
    --------
    >>> import trustcrises as tc
    >>> table = tc.crosstab("scct_cluster", "posture", level="response")
    >>> int(table.loc["Total", "Total"]) == table.attrs["n"]
    True
    """
    from ..tables._inputs import Inputs

    lang, level, rows, columns = _checked(lang, level, rows, columns, share)
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook)
    return counts_of(data, rows, columns, level=level, share=share, lang=lang,
                     margins=margins, labels=labels)


def _checked(lang: object, level: object, rows: object, columns: object,
             share: object) -> tuple[str, str, str, str | None]:
    """The arguments, checked: a ValueError that says what to pass for any that is not valid."""
    lang = L.check_lang(lang)
    level = U.check_level(level)
    rows = U.check_field(rows, level, argument="rows")
    if columns is not None:
        columns = U.check_field(columns, level, argument="columns")
    if share is not None and share not in SHARES:
        raise ValueError(f"Unknown share {share!r}. Valid shares: {', '.join(SHARES)}, or None "
                         f"for counts.")
    return lang, level, rows, columns  # type: ignore[return-value]


def counts_of(data: Any, rows: str, columns: str | None, *, level: str = "case",
              share: str | None = None, lang: str = "en", margins: bool = True,
              labels: bool = True) -> pd.DataFrame:
    """``crosstab`` of checked arguments, on frames already read (``data``: ``Inputs``)."""
    import pandas as pd

    units = _units(data, level)
    row_values = U.order(rows, {u[rows] for u in units}, data)
    col_values = U.order(columns, {u[columns] for u in units}, data) if columns else [None]
    counts = {(r, c): 0 for r in row_values for c in col_values}
    for unit in units:
        counts[unit[rows], unit[columns] if columns else None] += 1
    frame = pd.DataFrame([[counts[r, c] for c in col_values] for r in row_values],
                         dtype="Int64")
    total = L.text(lang, "total")
    if margins:
        frame[len(col_values)] = frame.sum(axis=1).astype("Int64")
        frame.loc[len(row_values)] = frame.sum(axis=0).astype("Int64")
    if share is not None:
        frame = _shares(frame, share, margins)
    names = _names(data, lang, labels)
    frame.index = pd.Index(
        [names(rows, v) for v in row_values] + ([total] if margins else []),
        name=U.field_label(rows, lang) if labels else rows)
    across = [names(columns, v) for v in col_values] if columns else \
        [L.text(lang, "count.label" if share is None else "share.label")]
    if margins and columns:
        across.append(total)
    elif margins:
        frame = frame.drop(columns=frame.columns[-1])
    frame.columns = pd.Index(across, name=(U.field_label(columns, lang) if labels else columns)
                             if columns else None)
    frame.attrs.update(n=len(units), level=level)
    return frame


def _units(data: Any, level: str) -> list[dict[str, Any]]:
    cases = U.case_rows(data)
    return cases if level == "case" else U.response_rows(data, cases)


def _names(data: Any, lang: str, labels: bool) -> Any:
    words = data.labels(lang)
    if labels:
        return lambda field, value: U.label(field, value, lang, words)
    return lambda field, value: value


def _shares(frame: pd.DataFrame, share: str, margins: bool) -> pd.DataFrame:
    """``frame``'s counts as shares of the row, the column or the grand total."""
    counts = frame.astype("Float64")
    if not margins:
        base = {"row": counts.sum(axis=1), "column": counts.sum(axis=0),
                "all": counts.to_numpy().sum()}[share]
    else:
        base = {"row": counts.iloc[:, -1], "column": counts.iloc[-1, :],
                "all": counts.iloc[-1, -1]}[share]
    if share == "row":
        result = counts.div(base, axis=0)
    elif share == "column":
        result = counts.div(base, axis=1)
    else:
        result = counts / base
    values = result.astype("float64").to_numpy()
    return type(frame)(values, index=frame.index, columns=frame.columns).astype("Float64")


def crosstab_table(
    rows: str,
    columns: str | None = None,
    *,
    level: U.Level = "case",
    share: Share | None = None,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> gt.GT:
    """``crosstab`` as a table for a paper or a slide: counts, with the share in brackets.

    Takes the arguments of :func:`crosstab`. Each cell shows the count, and with ``share``
    its share of the row, the column or the grand total as a percentage; a title names the
    two fields, and notes say what was counted and how many.

    Examples
    --------
    >>> import trustcrises as tc
    >>> table = tc.crosstab_table("decade", "decision_outcome", share="row", lang="zh")
    >>> type(table).__name__
    'GT'
    """
    from ..tables._inputs import Inputs

    lang, level, rows, columns = _checked(lang, level, rows, columns, share)
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook)
    return table_of(data, rows, columns, level=level, share=share, lang=lang)


def table_of(data: Any, rows: str, columns: str | None, *, level: str = "case",
             share: str | None = None, lang: str = "en") -> gt.GT:
    """``crosstab_table`` of checked arguments, on frames already read."""
    from great_tables import GT, loc, style

    from ..tables._styling import styled

    counts = counts_of(data, rows, columns, level=level, lang=lang)
    shares = counts_of(data, rows, columns, level=level, share=share, lang=lang) \
        if share is not None else None
    shown = counts.astype(object).copy()
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            n = int(counts.iat[i, j])
            shown.iat[i, j] = (L.text(lang, "count.share", n=n, pct=_percent(shares.iat[i, j]))
                               if shares is not None else str(n))
    frame = shown.reset_index()
    first = str(frame.columns[0])
    frame.columns = [str(c) for c in frame.columns]
    row_name = U.field_label(rows, lang)
    title = (L.text(lang, "crosstab.title", rows=row_name, columns=U.field_label(columns, lang))
             if columns else L.text(lang, "crosstab.title.one", rows=row_name))
    unit = L.text(lang, f"unit.{counts.attrs['level']}s")
    ident = "-".join(["trustcrises-crosstab", rows, *([columns] if columns else []), level])
    table = (GT(frame, id=ident.replace("_", "-"), rowname_col=first)
             .tab_header(title=title,
                         subtitle=L.text(lang, f"crosstab.subtitle.{share or 'count'}",
                                         n=counts.attrs["n"], unit=unit))
             .tab_stubhead(label=row_name)
             .cols_align("right", [c for c in frame.columns if c != first]))
    total = L.text(lang, "total")
    if total in list(frame[first]):
        table = table.tab_style(style=style.text(weight="bold"), locations=[
            loc.body(rows=[len(frame) - 1]), loc.stub(rows=[len(frame) - 1])])
    table = table.tab_source_note(data.source_note(lang))
    if counts.attrs["level"] == "response":
        table = table.tab_source_note(L.text(lang, "crosstab.note.response"))
    return styled(table, lang)


def _percent(value: object) -> str:
    if value is None or value != value:
        return L.MISSING
    return f"{float(value) * 100:.0f}%"  # type: ignore[arg-type]
