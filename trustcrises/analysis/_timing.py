"""How long companies took to respond, with the bounds that coarse dates leave.

A date known only to the month (or year) stands for every day of that month (or year), so the
days from a trigger to a response are an interval: at least the days from the trigger's last
possible day to the response's first, at most the days from the trigger's first possible day
to the response's last. Where both dates have a day the interval is one number. A summary
over a group gives the median of the lower bounds and the median of the upper bounds, which
bracket the median the exact dates would give.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import _labels as L
from .._text import period_end
from . import _units as U

if TYPE_CHECKING:
    import pandas as pd

Which = Literal["first", "decisive"]
WHICH: tuple[str, ...] = ("first", "decisive")


def response_times(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Days from each case's trigger to its first and its decisive response, with bounds.

    Returns
    -------
    pandas.DataFrame
        One row per case, by start date: ``case_id``, ``case`` (the company and year, in
        ``lang``), ``scct_cluster``, ``region``, ``decade``; for the first response and for
        the decisive one, ``{which}_days`` (exact, when both dates have a day), ``{which}_min``
        and ``{which}_max`` (the bounds, whatever the precision) and ``{which}_precision``
        (the coarser of the two dates' precisions); and ``first_hours`` where the trigger and
        the first response both have a local time. Null where the case has no such response.

    Examples
    --------
    >>> import trustcrises as tc
    >>> times = tc.response_times()
    >>> bool((times["first_min"] <= times["first_max"]).dropna().all())
    True
    """
    from ..tables._inputs import Inputs

    lang = L.check_lang(lang)  # type: ignore[assignment]
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook)
    return times_of(data, case_ids, lang=lang)


def times_of(data: Any, case_ids: list[str] | None = None, *, lang: str = "en"
             ) -> pd.DataFrame:
    """``response_times`` on frames already read (``data``: ``Inputs``)."""
    import pandas as pd

    chosen = {r["case_id"] for r in data.pick(case_ids)}
    rows = []
    for case in sorted(U.case_rows(data), key=lambda r: (r["start_date"], r["case_id"])):
        if case["case_id"] not in chosen:
            continue
        timeline = data.timeline(case["case_id"])
        triggers = [e for e in timeline if e["event_type"] == "trigger"]
        responses = [e for e in timeline if e["event_type"] == "response"]
        decisive = [e for e in responses if e["is_decisive"] is True]
        row: dict[str, Any] = {
            "case_id": case["case_id"],
            "case": L.text(lang, "case.label", company=case[f"company_{lang}"],
                           year=case["start_date"].year),
            "scct_cluster": case["scct_cluster"], "region": case["region"],
            "decade": case["decade"]}
        trigger = triggers[0] if len(triggers) == 1 else None
        for which, chosen_events in (("first", responses), ("decisive", decisive)):
            row.update(_interval(which, trigger, chosen_events[0] if chosen_events else None))
        row["first_hours"] = case.get("hours_to_first_response")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for column in _COLUMNS:
        if column.endswith(("_days", "_min", "_max")) or column == "decade":
            frame[column] = frame[column].astype("Int64")
    frame["first_hours"] = frame["first_hours"].astype("Float64")
    for column in ("case_id", "case", "scct_cluster", "region", "first_precision",
                   "decisive_precision"):
        frame[column] = frame[column].astype("string")
    return frame


_COLUMNS = ["case_id", "case", "scct_cluster", "region", "decade",
            "first_days", "first_min", "first_max", "first_precision",
            "decisive_days", "decisive_min", "decisive_max", "decisive_precision",
            "first_hours"]
_COARSER = {"day": 0, "month": 1, "year": 2}


def _interval(which: str, trigger: dict | None, response: dict | None) -> dict[str, Any]:
    """The exact days, the bounds and the precision from ``trigger`` to ``response``."""
    empty = {f"{which}_days": None, f"{which}_min": None, f"{which}_max": None,
             f"{which}_precision": None}
    if trigger is None or response is None:
        return empty
    if trigger["date"] is None or response["date"] is None:
        return empty
    low = max(0, (response["date"] - period_end(trigger["date"], trigger["date_precision"])).days)
    high = max(0, (period_end(response["date"], response["date_precision"])
                   - trigger["date"]).days)
    precision = max(trigger["date_precision"], response["date_precision"],
                    key=_COARSER.__getitem__)
    exact = (response["date"] - trigger["date"]).days if precision == "day" else None
    return {f"{which}_days": exact, f"{which}_min": low, f"{which}_max": high,
            f"{which}_precision": precision}


def response_time_summary(
    by: str = "scct_cluster",
    *,
    which: Which = "first",
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Response times summarised by a case field (cluster, region, decade, ...).

    Parameters
    ----------
    by
        A case-level field, as for :func:`crosstab` (``scct_cluster``, ``region``,
        ``decade``, ``pressure_source``, ...).
    which
        ``"first"`` or ``"decisive"`` response.

    Returns
    -------
    pandas.DataFrame
        One row per value of ``by`` (labelled in ``lang``), in the codebook's order:
        ``cases`` (cases in the group), ``responded`` (those with such a response),
        ``exact`` (those whose days are exact), ``median_min`` and ``median_max`` (the medians
        of the lower and of the upper bounds: the median lies between them), ``fastest``
        (the least lower bound) and ``slowest`` (the greatest upper bound).

    Examples
    --------
    >>> import trustcrises as tc
    >>> summary = tc.response_time_summary("decade")
    >>> bool((summary["median_min"] <= summary["median_max"]).dropna().all())
    True
    """
    from ..tables._inputs import Inputs

    lang = L.check_lang(lang)  # type: ignore[assignment]
    by = check_grouping(by, which)
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook)
    return summary_of(data, by, which=which, lang=lang)


def check_grouping(by: object, which: object) -> str:
    """``by`` when it is a case field and ``which`` a response; else a ValueError that says
    what to pass."""
    by = U.check_field(by, "case", argument="by")
    if which not in WHICH:
        raise ValueError(f"Unknown response {which!r}. Valid: {', '.join(WHICH)}.")
    return by


def summary_of(data: Any, by: str, *, which: str = "first", lang: str = "en",
               times: pd.DataFrame | None = None) -> pd.DataFrame:
    """``response_time_summary`` on frames already read (``times``: their response times,
    when the caller has them)."""
    import pandas as pd

    times = times_of(data, lang=lang) if times is None else times
    groups = {c["case_id"]: c[by] for c in U.case_rows(data)}
    words = data.labels(lang)
    rows = []
    for value in U.order(by, set(groups.values()), data):
        ids = [c for c, v in groups.items() if v == value]
        chosen = times[times["case_id"].isin(ids)]
        low = [int(v) for v in chosen[f"{which}_min"].dropna()]
        high = [int(v) for v in chosen[f"{which}_max"].dropna()]
        rows.append({
            U.field_label(by, lang): U.label(by, value, lang, words),
            "cases": len(ids), "responded": len(low),
            "exact": int(chosen[f"{which}_days"].notna().sum()),
            "median_min": statistics.median(low) if low else None,
            "median_max": statistics.median(high) if high else None,
            "fastest": min(low) if low else None, "slowest": max(high) if high else None})
    frame = pd.DataFrame(rows)
    for column in ("cases", "responded", "exact", "fastest", "slowest"):
        frame[column] = frame[column].astype("Int64")
    for column in ("median_min", "median_max"):
        frame[column] = frame[column].astype("Float64")
    frame.attrs.update(which=which, by=by, n=int(frame["responded"].sum()))
    return frame.set_index(U.field_label(by, lang))
