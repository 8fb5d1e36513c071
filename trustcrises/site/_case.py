"""A case's page: summary, coding with its rationale, response times, the dated timeline with
each quote and its source, notes on disagreements, commentary, how published studies coded the
case, sources and its address.

The page is the sections of ``CASE_SECTIONS`` in order: adding a section (a figure, say) is
one function taking the page and the case and returning its HTML (or None to leave it out),
and one entry in that list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import _labels as L
from .._facts import SECTIONS, case_facts
from .._text import quoted
from ..tables._tables import _timing_bar
from ._html import Markup, el, esc, join
from ._layout import Page, case_path, section, source_id
from ._words import other, word

Case = dict[str, Any]

#: The facts that have a section of their own (response times) rather than a line in the list.
_TIMES = ("days_to_first_response", "days_to_decisive_response", "hours_to_first_response")


def _summary(page: Page, case: Case) -> Markup:
    return section(page, "summary", page.w("case.summary"), el("p", case[f"summary_{page.lang}"]))


def _facts(page: Page, case: Case) -> Markup:
    lang = page.lang
    coded = page.site.coded_columns
    items = []
    for column, label, shown in case_facts(
            case, lang, page.code, when=lambda d, p: L.date_text(lang, d, p)):
        if column in _TIMES:
            continue
        field = coded.get(column)
        value = page.code_link(field, case[column]) if field and case[column] is not None \
            else esc(shown)
        items += [el("dt", label), el("dd", value)]
    rationale = el("section", el("h3", L.text(lang, "col.coding_rationale"), id="rationale"),
                   el("p", case[f"coding_rationale_{lang}"]), aria_labelledby="rationale")
    return section(page, "facts", page.w("case.facts"), el("dl", *items, class_="facts"),
                   rationale)


def _story(page: Page, case: Case) -> Markup:
    lang = page.lang
    parts = []
    for key in SECTIONS:
        if key in ("coding_rationale", "note") or not case.get(f"{key}_{lang}"):
            continue
        parts.append(el("h3", L.text(lang, f"col.{key}")))
        parts.append(el("p", case[f"{key}_{lang}"]))
    return section(page, "story", page.w("case.story"), *parts)


def _times(page: Page, case: Case) -> Markup:
    lang = page.lang
    items = []
    for column in ("days_to_first_response", "days_to_decisive_response"):
        value = case[column]
        items += [el("dt", L.column_label(lang, column)),
                  el("dd", L.MISSING if value is None else value)]
    known = [c["days_to_decisive_response"] for c in page.site.cases
             if c["days_to_decisive_response"] is not None]
    parts: list[object] = [el("dl", *items, class_="facts times")]
    days = case["days_to_decisive_response"]
    if days is not None:
        longest = max(known)
        parts.append(el("div", Markup(_timing_bar(float(days), float(longest), lang)),
                        class_="bar"))
        parts.append(el("p", L.text(lang, "note.timing", longest=L.text(
            lang, "count.day" if longest == 1 else "count.days", n=longest)), class_="small"))
    if case["hours_to_first_response"] is not None:
        parts.append(el("p", page.w("case.times.hours",
                                    hours=f"{case['hours_to_first_response']:g}")))
    bounds = page.site.times.get(case["case_id"], {})
    for which in ("first", "decisive"):
        low, high = bounds.get(f"{which}_min"), bounds.get(f"{which}_max")
        if low is not None and low != high:  # a date coarser than a day: say what is known
            parts.append(el("p", page.w(f"case.times.range.{which}", low=low, high=high)))
    if case["days_to_first_response"] is None and days is None and \
            bounds.get("first_min") is None:
        parts.append(el("p", page.w("case.times.none")))
    parts.append(el("p", L.text(lang, "note.days", missing=L.MISSING), class_="small"))
    return section(page, "times", page.w("case.times"), *parts)


def _figure(page: Page, case: Case) -> Markup | None:
    """The case's timeline as a figure, where matplotlib (the plot extra) is installed."""
    from .._errors import RenderError
    from ..figures._figures import prefixed_ids, svg_text, timelines_figure

    try:
        svg = svg_text(timelines_figure(page.site.inputs, [case["case_id"]], lang=page.lang,
                                        note=False))
    except RenderError:  # no matplotlib, or no CJK font: the timeline table below says it all
        return None
    svg = prefixed_ids(svg, "timeline")
    label = page.w("case.figure.alt", title=case[f"title_{page.lang}"])
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)
    return section(page, "figure", page.w("case.figure"), el("figure", Markup(svg),
                                                              class_="figure"))


def _source_ref(page: Page, source: str) -> Markup:
    """The source of a quote: its publisher, linked to its entry, and its original page."""
    found = page.site.sources.get(source)
    if found is None:
        return el("span", f"[{source}]", class_="source")
    entry = el("a", found["publisher"], href=page.href(f"sources.html#{source_id(source)}"))
    if not found["url"]:
        return el("span", entry, class_="source")
    original = el("a", page.w("case.original"),
                  el("span", f" ({found['publisher']})", class_="visually-hidden"),
                  href=found["url"], rel="external noopener")
    return el("span", entry, " · ", original, class_="source")


def _quote(page: Page, text: str, source: str) -> Markup:
    found = page.site.sources.get(source)
    lang = found["language"] if found else None
    return el("span", quoted(text), lang=lang, class_="quote")


def _timeline(page: Page, case: Case) -> Markup:
    lang = page.lang
    events = page.site.timeline(case["case_id"])
    heads = [page.w("case.seq"), L.text(lang, "col.date"), L.text(lang, "col.event_type"),
             L.text(lang, "col.strategy"), L.text(lang, "col.actor"),
             L.text(lang, "col.description"), page.w("case.quote_source")]
    rows = []
    for e in events:
        kind = page.code_link("event_type", e["event_type"])
        if e["channel"]:
            kind = join([kind, " · ", page.code_link("channel", e["channel"])])
        strategy: list[object] = []
        if e["strategy"]:
            strategy.append(page.code_link("strategy", e["strategy"]))
            if e[f"strategy_rationale_{lang}"]:
                strategy.append(el("span", e[f"strategy_rationale_{lang}"], class_="rationale"))
        if e["is_decisive"]:
            strategy.append(el("strong", f"{L.DECISIVE} {page.w('case.decisive')}",
                               class_="decisive-mark"))
        what: list[object] = [el("p", e[f"description_{lang}"])]
        if e[f"note_{lang}"]:
            what.append(el("p", el("strong", L.text(lang, "col.note")),
                           L.text(lang, "label_sep"), e[f"note_{lang}"], class_="note"))
        rows.append(el(
            "tr",
            el("td", e["seq"], class_="num"),
            el("td", page.date(e["date"], e["date_precision"], e["time"]), class_="date"),
            el("td", kind), el("td", *strategy), el("td", e[f"actor_{lang}"]),
            el("td", *what),
            el("td", _quote(page, e["quote"], e["source_id"]), " ",
               _source_ref(page, e["source_id"])),
            id=f"event-{e['seq']}", class_="decisive" if e["is_decisive"] else None))
    table = el("table", el("caption", page.w("case.timeline.caption")),
               el("thead", el("tr", *[el("th", h, scope="col") for h in heads])),
               el("tbody", *rows), class_="timeline")
    notes = [el("p", L.text(lang, "note.decisive", mark=L.DECISIVE), class_="small"),
             el("p", L.text(lang, "note.quote"), class_="small")]
    return section(page, "timeline", L.text(lang, "col.timeline"),
                   el("div", table, class_="scroll", tabindex="0", role="region",
                      aria_label=L.text(lang, "col.timeline")), *notes)


def _notes(page: Page, case: Case) -> Markup:
    lang = page.lang
    parts: list[object] = [el("p", case[f"note_{lang}"] or page.w("case.notes.none"))]
    noted = [e["seq"] for e in page.site.timeline(case["case_id"]) if e[f"note_{lang}"]]
    if noted:
        links = join([el("a", n, href=f"#event-{n}") for n in noted],
                     ", " if lang == "en" else "、")
        parts.append(el("p", page.fill("case.notes.events", events=links)))
    return section(page, "notes", page.w("case.notes"), *parts)


def _commentary(page: Page, case: Case) -> Markup | None:
    views = page.site.views_of(case["case_id"])
    if not views:
        return None
    title = page.w("nav.commentary.seed" if page.site.seed_sources else "nav.commentary")
    link = el("a", title, href=page.href("commentary.html"))
    return section(page, "commentary", page.w("case.commentary"),
                   el("p", page.fill("case.commentary.count", count=len(views), link=link)))


def _studies(page: Page, case: Case) -> Markup | None:
    """How published studies coded the case, each with a quote, and where our coding differs."""
    codings = page.site.codings_of(case["case_id"])
    if not codings:
        return None
    lang = page.lang
    items = []
    for coding in codings:
        found = page.site.sources.get(coding["source_id"]) or {}
        head: list[object] = [el("cite", found.get("title") or coding["source_id"],
                                 lang=found.get("language"))]
        byline = [x for x in (found.get("author"), found.get("publisher")) if x]
        if found.get("published"):
            byline.append(page.date(found["published"], found["published_precision"]))
        if byline:
            zh = lang == "zh"
            head.append(el("span", "（" if zh else " (", join(byline, "，" if zh else ", "),
                           "）" if zh else ")", class_="byline"))
        parts: list[object] = [el("h3", *head), el("p", coding[f"summary_{lang}"])]
        if coding["scct_cluster"]:
            parts.append(el("p", el("strong", page.w("case.codings.cluster")),
                            L.text(lang, "label_sep"),
                            page.code_link("scct_cluster", coding["scct_cluster"])))
        parts.append(el("p", _quote(page, coding["quote"], coding["source_id"]), " ",
                        _source_ref(page, coding["source_id"]), class_="cited-quote"))
        differs = coding[f"note_{lang}"]
        parts.append(el("p", el("strong", page.w("case.codings.differs")),
                        L.text(lang, "label_sep"), differs, class_="note") if differs
                     else el("p", page.w("case.codings.agrees"), class_="note"))
        items.append(el("li", *parts))
    return section(page, "codings", page.w("case.codings"),
                   el("p", page.w("case.codings.lede")),
                   el("ol", *items, class_="codings"))


def _sources(page: Page, case: Case) -> Markup:
    cited = dict.fromkeys([e["source_id"] for e in page.site.timeline(case["case_id"])]
                          + [v["source_id"] for v in page.site.views_of(case["case_id"])]
                          + [c["source_id"] for c in page.site.codings_of(case["case_id"])])
    items = []
    for source in cited:
        found = page.site.sources.get(source)
        if found is None:
            continue
        when = page.date(found["published"], found["published_precision"]) \
            if found["published"] else esc(L.text(page.lang, "no_date"))
        items.append(el("li", el("a", found["publisher"],
                                 href=page.href(f"sources.html#{source_id(source)}")),
                        ", ", el("cite", found["title"], lang=found["language"]), ", ", when))
    return section(page, "sources", page.w("case.sources"), el("ul", *items, class_="cited"))


def _address(page: Page, case: Case) -> Markup:
    here = f"{page.lang}/{case_path(case['case_id'])}"
    there = f"{other(page.lang)}/{case_path(case['case_id'])}"
    parts = [el("p", page.fill("case.address.text", path=el("code", here),
                               other=el("a", el("code", there), href=page.root(there),
                                        hreflang=L.HTML_LANG[other(page.lang)]),
                               case_id=el("code", case["case_id"])))]
    if page.site.homepage:
        url = f"{page.site.homepage}/{here}"
        parts.append(el("p", page.fill("case.address.url", url=el("a", url, href=url))))
    return section(page, "address", page.w("case.address"), *parts)


#: The sections of a case's page, in order.
CASE_SECTIONS: list[Callable[[Page, Case], Markup | None]] = [
    _summary, _facts, _story, _times, _figure, _timeline, _notes, _commentary, _studies,
    _sources, _address,
]


def case_page(page: Page, case_id: str) -> tuple[str, Markup]:
    case = page.site.case_by_id[case_id]
    lang = page.lang
    title = case[f"title_{lang}"]
    lede = join([esc(case[f"company_{lang}"]), " · ",
                 page.date(case["start_date"], case["date_precision"]), " · ",
                 el("code", case["case_id"])])
    crumbs = el("nav", el("a", page.w("case.all"), href=page.href(f"index.html#{case_id}")),
                aria_label=word(lang, "case.all"), class_="crumbs")
    parts = [crumbs, el("h1", title), el("p", lede, class_="lede")]
    parts += [s for s in (make(page, case) for make in CASE_SECTIONS) if s is not None]
    return title, join(parts, "\n")
