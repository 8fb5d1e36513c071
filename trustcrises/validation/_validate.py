"""``tc.validate``: check any frame, such as a user's own, against a table's rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._catalog import table as _table
from .._errors import ValidationError
from .._problems import Problem

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl


def validate(frame: pd.DataFrame | pl.DataFrame, *, table: str,
             codebook: pd.DataFrame | pl.DataFrame | None = None,
             cases: pd.DataFrame | pl.DataFrame | None = None,
             ) -> pd.DataFrame | pl.DataFrame:
    """Check ``frame`` against the rules of ``table`` and report every failure at once.

    Checks columns, dtypes and constraints (from the pandera model), then every rule the build
    runs that this one frame can show: unique keys, codes (against ``codebook``; by default
    the codebook of the build the frame was loaded from with ``data_dir=``, else the bundled
    one), both languages of each text pair, and the rules of the table (for events,
    the timeline rules within each case; pass ``cases`` to check events against their case's
    start date as well). Returns the frame unchanged when it is valid.

    ``frame`` may also be a Polars DataFrame, for collections too big for pandas: it is checked
    where it is, by pandera's Polars backend (``pip install 'pandera[polars]'``) and the same
    rules, with the same messages; rows are named by position. Polars is imported only then.

    Raises
    ------
    ValidationError
        Listing every problem, each with its row, column, value and what to fix.

    Examples
    --------
    >>> import trustcrises as tc
    >>> cases = tc.load_cases()
    >>> tc.validate(cases, table="cases") is cases
    True
    >>> bad = cases.assign(region="China")
    >>> try:
    ...     tc.validate(bad, table="cases")
    ... except tc.ValidationError as exc:
    ...     for problem in exc.problems[:2]:
    ...         print(problem.field, "|", problem.rule)
    row 0, column 'region' | is not a valid region code in the codebook
    row 0, column 'region' | must be an ISO 3166-1 alpha-2 code in capitals, such as CN or US
    """
    import pandas as pd

    from ._registry import run_rules
    from ._columns import is_polars
    from ..data._load import DATA_DIR_ATTR, load

    spec = _table(table)
    polars = is_polars(frame) and type(frame).__name__ == "DataFrame"
    if not polars and not isinstance(frame, pd.DataFrame):
        raise TypeError(f"validate() takes a pandas DataFrame, not {type(frame).__name__}")
    if polars:  # no index: rows are named by position
        labels: Sequence = range(frame.height)
        work = frame
    else:
        labels = frame.index
        work = frame.reset_index(drop=True)
    problems: set[tuple[int, Problem]] = set()

    def report(name: str, index: int | None, column: str | None, rule: str, *,
               value: object = None, suggestion: str | None = None) -> None:
        if name != spec.name:
            return
        where = f"row {_label(labels, index)!r}" if index is not None and index < len(labels) \
            else "table"
        field = f"{where}, column {column!r}" if column else where
        problems.add((-1 if index is None else index,
                      Problem(field=field, value=value, rule=rule, suggestion=suggestion)))

    complete = set(spec.model.to_schema().columns) <= set(work.columns)
    frames = {spec.name: work}
    if complete and spec.name != "codebook":
        # a frame loaded from a build is checked against that build's codebook
        built = getattr(frame, "attrs", {}).get(DATA_DIR_ATTR) if not polars else None
        frames["codebook"] = codebook if codebook is not None else load("codebook",
                                                                        data_dir=built)
    if complete and cases is not None and spec.name == "events":
        frames["cases"] = cases

    def locate(name: str, index: int, column: str) -> str:
        return f"row {_label(labels, index)!r}"

    run_rules(frames, report, locate, columns_only=not complete)
    if problems:
        ordered = [p for _, p in sorted(problems, key=lambda item: (item[0], item[1].field,
                                                                     item[1].rule))]
        raise ValidationError(ordered, what=f"the {spec.name} frame")
    return frame


def _label(labels: Sequence, index: int) -> object:
    """The label of row ``index`` as iterating the index gives it (Python scalars)."""
    if isinstance(labels, range):
        return labels[index]
    return labels[index:index + 1].tolist()[0]

