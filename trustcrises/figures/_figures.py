"""Figures of the corpus: timelines on one axis, response times with their bounds, strategies.

Each function returns a matplotlib Figure drawn with the fonts of its language; save it with
``tc.save_figure`` (PNG at 300 dpi, SVG or PDF with the fonts embedded).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _labels as L
from .._text import period_end, width
from . import _mpl

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

#: Colours of the postures (Okabe-Ito: told apart by people with a colour-vision deficiency).
POSTURE_COLOURS = {"deny": "#D55E00", "diminish": "#E69F00", "rebuild": "#009E73",
                   "bolster": "#0072B2", "action": "#CC79A7", None: "#7f7f7f"}
#: Marker of each event type; responses are circles coloured by posture.
MARKERS = {"background": ".", "trigger": "D", "escalation": "^", "response": "o",
           "sanction": "s", "legal": "P", "outcome": "v"}
#: The ticks of the time axis, in days: an hour to five years, before and after the trigger.
TICKS = {1 / 24: "1h", 1: "1d", 7: "1w", 30: "1m", 365: "1y", 5 * 365: "5y"}
HOUR = 1 / 24


def svg_text(figure: Figure, *, tight: bool = False) -> str:
    """``figure`` as inline SVG for a web page: text stays text (set in the page's fonts),
    which is small and quick, and ids are the same every time; the figure is closed.
    ``tight``: crop to what is drawn (a second drawing), for text placed outside the figure."""
    import io

    lang = getattr(figure, "_trustcrises_lang", "en")
    matplotlib = _mpl.matplotlib()
    out = io.StringIO()
    rc = {**_mpl.style(lang), "svg.fonttype": "none", "svg.hashsalt": "trustcrises"}
    if not tight:
        rc["savefig.bbox"] = None  # the constrained layout fits it: one drawing
    with matplotlib.rc_context(rc):
        figure.savefig(out, format="svg", metadata={"Date": None})
    matplotlib.pyplot.close(figure)
    text = out.getvalue()
    return text[text.index("<svg"):]


def prefixed_ids(svg: str, prefix: str) -> str:
    """``svg`` with every id (and every reference to one) prefixed, so that several figures
    can sit in one page without two elements sharing an id."""
    import re

    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    if not ids:
        return svg

    def swap(match: re.Match) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)', swap, svg)
    return re.sub(r'((?:href="|url\()#)([^")]+)', swap, svg)


def _frames(data_dir: Any, cases: Any, events: Any, codebook: Any) -> Any:
    from ..tables._inputs import Inputs

    return Inputs(data_dir, cases=cases, events=events, codebook=codebook)


def _new_figure(lang: str, width: float, height: float) -> Figure:
    plt = _mpl.pyplot()
    with plt.rc_context(_mpl.style(lang)):
        figure = plt.figure(figsize=(width, height), layout="constrained")
    figure._trustcrises_lang = lang  # type: ignore[attr-defined]
    return figure


def _time_axis(axes: Any, lang: str, low: float, high: float) -> None:
    """A symmetric log axis of days: linear within an hour of the trigger, log beyond."""
    axes.set_xscale("symlog", linthresh=HOUR, linscale=1.0)
    ticks = [0.0] + [t for t in TICKS if t <= max(high, 1)] + \
        [-t for t in TICKS if -t >= min(low, 0) and t >= 1]
    ticks.sort()
    axes.set_xticks(ticks)
    axes.set_xticklabels([_tick(t, lang) for t in ticks])
    axes.xaxis.set_minor_locator(_NullLocator())
    axes.set_xlim(min(low, 0) * 1.3 - HOUR, max(high, 1) * 1.3)
    axes.grid(axis="x", color="#e0e0e0", linewidth=0.6)
    axes.set_axisbelow(True)


def _NullLocator() -> Any:  # noqa: N802 - a matplotlib class, imported late
    from matplotlib.ticker import NullLocator

    return NullLocator()


def _short(text: str, most: int) -> str:
    """``text`` cut to ``most`` columns (a CJK character is two), with an ellipsis."""
    if width(text) <= most:
        return text
    while width(text) > most - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _short_keeping_year(label: str, most: int) -> str:
    """A case's label cut to ``most`` columns, the company shortened before its year is."""
    import re

    found = re.search(r"[（(]\d{4}[)）]", label)
    if found is None or width(label) <= most:
        return _short(label, most)
    head, year, tail = label[:found.start()], found.group(0), label[found.end():]
    if tail:  # a title after the year, for cases that would read the same
        return _short(head.rstrip() + " " + year + tail, most) if width(head) < most // 2 \
            else _short(head, most // 2).rstrip("…").rstrip() + "… " + year + _short(
                tail, most - most // 2 - width(year) - 2)
    return _short(head, most - width(year) - 1).rstrip() + " " + year


def _tick(days: float, lang: str) -> str:
    if days == 0:
        return "0"
    sign = "−" if days < 0 else ""
    return sign + L.text(lang, f"tick.{TICKS[abs(days)]}")


def _offset(event: dict[str, Any], trigger: dict[str, Any]) -> tuple[float, float]:
    """The earliest and latest days since the trigger that the event's date may stand for."""
    start = dt.datetime.combine(trigger["date"], _time(trigger.get("time")))
    low = dt.datetime.combine(event["date"], _time(event.get("time")))
    high = dt.datetime.combine(period_end(event["date"], event["date_precision"]),
                               _time(event.get("time")))
    day = 86400
    return (low - start).total_seconds() / day, (high - start).total_seconds() / day


def _time(value: str | None) -> dt.time:
    return dt.time.fromisoformat(value) if value else dt.time(0, 0)


def plot_timelines(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> Figure:
    """Several cases' timelines on one axis of time since each trigger.

    The axis is linear within an hour of the trigger and logarithmic beyond, so a response
    within hours and an outcome years later fit on one figure. Events are marked by type,
    responses coloured by their SCCT posture, the decisive response ringed. A date known only
    to the month or year is drawn hollow, on a line across the days it may stand for.

    Parameters
    ----------
    case_ids
        The cases, top to bottom in the order given; every case by start date when None.
    lang
        ``"en"`` or ``"zh"``.
    cases, events, codebook, data_dir
        As for ``tc.compare``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    lang = L.check_lang(lang)  # type: ignore[assignment]
    data = _frames(data_dir, cases, events, codebook)
    return timelines_figure(data, case_ids, lang=lang)


def timelines_figure(data: Any, case_ids: list[str] | None = None, *, lang: str = "en",
                     note: bool = True) -> Figure:
    """``plot_timelines`` on frames already read (``data``: ``Inputs``); ``note``: print the
    source note under it (a page that credits its sources itself leaves it out)."""
    from ..tables._tables import _identified

    rows = data.pick(case_ids)
    book = data.codebook
    strategies = book[book["field"] == "strategy"]
    posture = dict(zip(strategies["code"], strategies["posture"]))
    labels = data.labels(lang)
    figure = _new_figure(lang, 9, 2.4 + 0.3 * len(rows))
    with _mpl.matplotlib().rc_context(_mpl.style(lang)):
        axes = figure.add_subplot()
        low, high = 0.0, 1.0
        marks = _Marks()
        for y, case in enumerate(rows):
            timeline = data.timeline(case["case_id"])
            triggers = [e for e in timeline if e["event_type"] == "trigger"]
            if not triggers:
                continue
            for event in timeline:
                if event["date"] is None or event["event_type"] == "background":
                    continue
                start, end = _offset(event, triggers[0])
                start = max(start, 0.0)  # nothing after the trigger happened before it
                if event is triggers[0]:  # the trigger is the origin, however coarse its date
                    start = end = 0.0
                low, high = min(low, start), max(high, end)
                marks.add(event, y, start, end, posture)
        marks.draw(axes)
        _time_axis(axes, lang, low, high)
        axes.set_yticks(range(len(rows)))
        axes.set_yticklabels([_short_keeping_year(label, 34) for label in
                              _identified(rows, lang, titled=False, year=True)])
        axes.set_ylim(len(rows) - 0.5, -0.5)
        axes.set_xlabel(L.text(lang, "fig.time_axis"))
        axes.set_title(L.text(lang, "fig.timelines.title"))
        _legend(axes, lang, labels, posture_used={posture.get(e["strategy"]) for c in rows
                                                  for e in data.timeline(c["case_id"])
                                                  if e["event_type"] == "response"})
        if note:  # top right: the legend takes the room below the axes
            axes.set_title(data.source_note(lang), loc="right", fontsize=7, color="#555555",
                           fontweight="normal")
    return figure


class _Marks:
    """The events of a timeline figure, gathered so that each look (marker, colour, filled or
    hollow) is drawn as one artist: quick to draw and to save, however many events."""

    def __init__(self) -> None:
        self.points: dict[tuple[str, str, bool, float], list[tuple[float, float]]] = {}
        self.spans: dict[str, list[list[tuple[float, float]]]] = {}
        self.rings: list[tuple[float, float]] = []

    def add(self, event: dict[str, Any], y: int, start: float, end: float,
            posture: dict[str, str]) -> None:
        kind = event["event_type"]
        colour = POSTURE_COLOURS.get(posture.get(event["strategy"])) if kind == "response" \
            else ("#1a1a1a" if kind == "trigger" else "#9a9a9a")
        exact = event["date_precision"] == "day"
        middle = start if exact else (start + end) / 2
        if not exact:
            self.spans.setdefault(colour, []).append([(start, y), (end, y)])
        size = 34 if kind in ("trigger", "response") else 22
        self.points.setdefault((MARKERS.get(kind, "o"), colour, exact, size), []).append(
            (middle, y))
        if event["is_decisive"] is True:
            self.rings.append((middle, y))

    def draw(self, axes: Any) -> None:
        from matplotlib.collections import LineCollection

        for colour, spans in self.spans.items():
            axes.add_collection(LineCollection(spans, colors=colour, linewidths=1.2,
                                               alpha=0.45, capstyle="butt", zorder=2))
        for (marker, colour, exact, size), points in self.points.items():
            axes.scatter([p[0] for p in points], [p[1] for p in points], marker=marker, s=size,
                         zorder=3, facecolors=colour if exact else "white", edgecolors=colour,
                         linewidths=1)
        if self.rings:
            axes.scatter([p[0] for p in self.rings], [p[1] for p in self.rings], marker="o",
                         s=150, facecolors="none", edgecolors="#1a1a1a", linewidths=1.4,
                         zorder=4)


def _legend(axes: Any, lang: str, labels: dict[tuple[str, str], str],
            posture_used: set) -> None:
    from matplotlib.lines import Line2D

    def handle(marker: str, colour: str, text: str, *, hollow: bool = False,
               size: float = 6) -> Line2D:
        return Line2D([], [], linestyle="none", marker=marker, markersize=size,
                      markerfacecolor="white" if hollow else colour,
                      markeredgecolor=colour, label=text)

    handles = [handle("D", "#1a1a1a", labels.get(("event_type", "trigger"), "trigger"))]
    for code in ("deny", "diminish", "rebuild", "bolster", "action"):
        if code in posture_used:
            handles.append(handle("o", POSTURE_COLOURS[code], L.text(
                lang, "fig.response_posture", posture=labels.get(("posture", code), code))))
    handles += [handle("o", "#1a1a1a", L.text(lang, "fig.decisive"), hollow=True, size=10),
                handle("^", "#9a9a9a", labels.get(("event_type", "escalation"), "")),
                handle("s", "#9a9a9a", L.text(lang, "fig.other_events")),
                handle("o", "#7f7f7f", L.text(lang, "fig.coarse_date"), hollow=True)]
    # below the axes, in room the constrained layout makes for it
    axes.figure.legend(handles=handles, loc="outside lower center", frameon=False,
                       fontsize=7.5, ncols=3)


def plot_response_times(
    by: str = "scct_cluster",
    *,
    which: str = "first",
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> Figure:
    """Days to the first (or decisive) response of every case, grouped by a case field.

    Each case is a dot where its days are exact, and a line across its bounds where a date is
    coarser than a day; each group's median is drawn as a band from the median of the lower
    bounds to that of the upper bounds (a line where they agree). Groups are labelled with the
    number of cases that responded.

    Parameters
    ----------
    by
        A case field, as for ``tc.response_time_summary``: ``scct_cluster``, ``region``,
        ``decade``, ``pressure_source``, ...
    which
        ``"first"`` or ``"decisive"``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..analysis._timing import check_grouping

    lang = L.check_lang(lang)  # type: ignore[assignment]
    by = check_grouping(by, which)
    return times_figure(_frames(data_dir, cases, events, codebook), by, which=which, lang=lang)


def times_figure(data: Any, by: str, *, which: str = "first", lang: str = "en") -> Figure:
    """``plot_response_times`` of checked arguments, on frames already read."""
    from ..analysis import _units as U
    from ..analysis._timing import summary_of, times_of

    times = times_of(data, lang=lang)
    summary = summary_of(data, by, which=which, lang=lang, times=times)
    groups = {c["case_id"]: c[by] for c in U.case_rows(data)}
    order = U.order(by, set(groups.values()), data)
    figure = _new_figure(lang, 7.5, 1.6 + 0.55 * len(order))
    with _mpl.matplotlib().rc_context(_mpl.style(lang)):
        axes = figure.add_subplot()
        high = 1.0
        for y, value in enumerate(order):
            chosen = times[times["case_id"].map(groups) .eq(value) if value is not None
                           else times["case_id"].map(groups).isna()]
            chosen = chosen[chosen[f"{which}_min"].notna()]
            dots, spans = [], []  # one artist each per group: quick to draw and to save
            for k, (low_, high_) in enumerate(zip(chosen[f"{which}_min"],
                                                 chosen[f"{which}_max"])):
                jitter = y + ((k % 7) - 3) * 0.06
                low_, high_ = float(low_), float(high_)
                high = max(high, high_)
                if low_ == high_:
                    dots.append((low_, jitter))
                else:
                    spans.append([(low_, jitter), (high_, jitter)])
            if dots:
                axes.scatter([d[0] for d in dots], [d[1] for d in dots], s=14, color="#0072B2",
                             alpha=0.8, zorder=3, linewidths=0)
            if spans:
                from matplotlib.collections import LineCollection

                axes.add_collection(LineCollection(spans, colors="#0072B2", alpha=0.6,
                                                   linewidths=1.4, zorder=3))
            row = summary.iloc[y]
            if not (row["median_min"] is None or row["median_min"] != row["median_min"]):
                lo, hi = float(row["median_min"]), float(row["median_max"])
                axes.fill_betweenx([y - 0.38, y + 0.38], lo, max(hi, lo), color="#E69F00",
                                   alpha=0.35, linewidth=0, zorder=1)
                axes.plot([lo, lo], [y - 0.38, y + 0.38], color="#B36B00", linewidth=1.6,
                          zorder=2)
                if hi != lo:
                    axes.plot([hi, hi], [y - 0.38, y + 0.38], color="#B36B00",
                              linewidth=1.6, zorder=2)
        _time_axis(axes, lang, 0, high)
        axes.set_xlim(-HOUR / 2, high * 1.3)
        axes.set_yticks(range(len(order)))
        axes.set_yticklabels([L.text(lang, "fig.group_n", group=label, n=int(n))
                              for label, n in zip(summary.index, summary["responded"])])
        axes.set_ylim(len(order) - 0.5, -0.5)
        axes.set_xlabel(L.text(lang, "fig.time_axis"))
        axes.set_title(L.text(lang, f"fig.times.title.{which}",
                              by=U.field_label(by, lang)))
        figure.text(0, 0, L.text(lang, "fig.times.note") + " " + data.source_note(lang),
                    fontsize=7, color="#555555", ha="left", va="top", wrap=True)
    return figure


def plot_strategies(
    *,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> Figure:
    """A heat map of the response strategies used in each SCCT cluster.

    Each cell counts the response events coded with the strategy in cases of the cluster;
    strategies are grouped by SCCT posture, from deny to rebuild, then bolster and action.

    Returns
    -------
    matplotlib.figure.Figure
    """
    lang = L.check_lang(lang)  # type: ignore[assignment]
    return strategies_figure(_frames(data_dir, cases, events, codebook), lang=lang)


def strategies_figure(data: Any, *, lang: str = "en") -> Figure:
    """``plot_strategies`` on frames already read."""
    from ..analysis._crosstab import counts_of

    counts = counts_of(data, "scct_cluster", "strategy", level="response", labels=False,
                       margins=False)
    book = data.codebook
    codes = book[book["field"] == "strategy"].sort_values("sort_order")
    rank = {"deny": 0, "diminish": 1, "rebuild": 2, "bolster": 3, "action": 4}
    codes = codes.assign(rank=codes["posture"].map(rank)).sort_values(["rank", "sort_order"],
                                                                      kind="stable")
    columns = [c for c in codes["code"]]
    clusters = [c for c in book[book["field"] == "scct_cluster"].sort_values("sort_order")["code"]]
    matrix = counts.reindex(index=clusters, columns=columns, fill_value=0).fillna(0)
    labels = data.labels(lang)
    figure = _new_figure(lang, 7.5, 3.2)
    with _mpl.matplotlib().rc_context(_mpl.style(lang)):
        axes = figure.add_subplot()
        values = matrix.to_numpy(dtype=float)
        # vector cells (not an embedded raster): crisp in SVG and PDF, and quick to save
        image = axes.pcolormesh(values, cmap="Blues", edgecolors="none")
        axes.set_xlim(0, values.shape[1])
        axes.set_ylim(values.shape[0], 0)
        top = values.max() if values.size else 0
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                n = int(values[i, j])
                axes.text(j + 0.5, i + 0.5, str(n), ha="center", va="center", fontsize=8,
                          color="white" if top and n > top * 0.6 else "#1a1a1a")
        axes.set_xticks([j + 0.5 for j in range(len(columns))])
        axes.set_xticklabels([labels.get(("strategy", c), c) for c in columns], rotation=40,
                             ha="right")
        axes.set_yticks([i + 0.5 for i in range(len(clusters))])
        axes.set_yticklabels([labels.get(("scct_cluster", c), c) for c in clusters])
        axes.spines[:].set_visible(False)
        axes.tick_params(length=0)
        axes.set_title(L.text(lang, "fig.strategies.title"))
        bar = figure.colorbar(image, ax=axes, shrink=0.8)
        bar.solids.set_rasterized(False)  # vector, like the cells: no embedded picture
        bar.set_label(L.text(lang, "fig.strategies.unit"))
        postures = codes["posture"].tolist()
        for j in range(1, len(postures)):
            if postures[j] != postures[j - 1]:
                axes.axvline(j, color="white", linewidth=2.5)
        figure.text(0, 0, data.source_note(lang), fontsize=7, color="#555555", ha="left",
                    va="top")
    return figure
