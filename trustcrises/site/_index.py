"""The index: the comparison table of every case, with filters, sorting and a search box.

The table is ``tc.compare``'s (the same values, labels and timing bars, from the same code), as
HTML of the site's own so that it can link each case and carry what the filters read. Without
JavaScript it is a plain, complete table; ``site.js`` adds the filters (written here, hidden
until the script shows them), sorting and search.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .. import _labels as L
from ..tables._inputs import records
from ..tables._tables import _compare_frame, _timing_bar
from ._html import Markup, el, join
from ._layout import Page, case_path

#: The compare fields the index shows, in compare's order (the title is the link to the case).
COMPARE = ["company", "title", "year", "cause_category", "pressure_source", "responses",
           "days_to_first_response", "days_to_decisive_response", "response_timing",
           "decision_outcome"]

#: The index's columns: (key, source, sort type). ``compare``: a value of compare's table;
#: ``code``: a code of the case labelled from the codebook.
COLUMNS: list[tuple[str, str, str]] = [
    ("title", "compare", "text"),
    ("year", "compare", "date"),
    ("region", "code", "text"),
    ("industry", "code", "text"),
    ("cause_category", "compare", "text"),
    ("scct_cluster", "code", "text"),
    ("pressure_source", "compare", "text"),
    ("responses", "compare", "text"),
    ("days_to_first_response", "compare", "number"),
    ("days_to_decisive_response", "compare", "number"),
    ("response_timing", "compare", "number"),
    ("decision_outcome", "compare", "text"),
]

#: The filters: (name in the page, the case's column or "decade", its label's key).
FILTERS: list[tuple[str, str, str]] = [
    ("cluster", "scct_cluster", "col.scct_cluster"),
    ("region", "region", "col.region"),
    ("industry", "industry", "col.industry"),
    ("decade", "decade", "filter.decade"),
    ("pressure", "pressure_source", "col.pressure_source"),
    ("outcome", "decision_outcome", "col.decision_outcome"),
]
NONE = "none"  # the filter value of a case whose code is not known


def _decade(case: dict[str, Any]) -> str:
    return str(case["start_date"].year // 10 * 10)


def _value(case: dict[str, Any], column: str) -> str:
    if column == "decade":
        return _decade(case)
    value = case[column]
    return NONE if value is None else str(value)


def _searchable(*texts: str | None) -> str:
    """What the search box matches: the texts, normalised as the script normalises a query."""
    return unicodedata.normalize("NFKC", " ".join(t for t in texts if t)).lower()


def _filters(page: Page) -> Markup:
    """The filter form, hidden until the script shows it (it does nothing without one)."""
    site, lang = page.site, page.lang
    controls = []
    for name, column, label_key in FILTERS:
        counts: dict[str, int] = {}
        for case in site.cases:
            value = _value(case, column)
            counts[value] = counts.get(value, 0) + 1
        if column == "decade":
            order = sorted(counts)
            labels = {d: L.text(page.lang, "decade", decade=d) for d in order}
        else:
            listed = [r["code"] for r in site.codes.get(column, [])]
            order = [c for c in listed if c in counts] + sorted(
                c for c in counts if c not in listed and c != NONE)
            order += [NONE] if NONE in counts else []
            labels = {c: L.text(lang, "unknown") if c == NONE else page.code(column, c)
                      for c in order}
        options = [el("option", page.w("filter.any"), value="")]
        options += [el("option", f"{labels[v]} ({counts[v]})", value=v) for v in order]
        ident = f"filter-{name}"
        controls.append(el("div", el("label", page.w(label_key), for_=ident),
                           el("select", *options, id=ident, name=name), class_="filter"))
    controls.append(el("div", el("label", page.w("filter.search"), for_="filter-q"),
                       el("input", type="search", id="filter-q", name="q", autocomplete="off"),
                       class_="filter filter-search"))
    controls.append(el("div", el("button", page.w("filter.reset"), type="reset"),
                       class_="filter filter-reset"))
    total = len(site.cases)
    return el(
        "form",
        el("fieldset", el("legend", page.w("filter.legend")), *controls),
        el("p", page.w("filter.count", shown=total, total=total), id="filter-count",
           role="status", aria_live="polite",
           data_template=page.w("filter.count", shown="{shown}", total="{total}"),
           data_none=page.w("filter.none")),
        id="filters", class_="filters", hidden=True, role="search",
        aria_label=page.w("filter.legend"))


def _cell(page: Page, key: str, row: dict[str, Any], case: dict[str, Any],
          longest: float) -> Markup:
    """The cell of column ``key``: what it shows, and (``data-value``) what it sorts by."""
    lang, css = page.lang, f"col-{key}"
    if key == "title":
        link = el("a", row["title"], href=page.href(case_path(case["case_id"])))
        return el("th", link, " ", el("span", row["company"], class_="company"), scope="row",
                  data_value=row["title"], class_=css)
    if key == "year":
        return el("td", row["year"], data_value=case["start_date"].isoformat(),
                  class_=f"{css} num")
    if key in ("region", "industry", "scct_cluster"):
        value = case[key]
        shown = L.MISSING if value is None else page.code(key, value)
        return el("td", shown, data_value="" if value is None else shown, class_=css)
    if key == "response_timing":
        days = case["days_to_decisive_response"]
        bar = Markup(_timing_bar(float("nan") if days is None else float(days), longest, lang))
        return el("td", bar, data_value="" if days is None else days, class_=f"{css} bar")
    value = row[key]
    return el("td", L.MISSING if value is None else value,
              data_value="" if value is None else value,
              class_=f"{css} num" if key.startswith("days_to_") else css)


def index_page(page: Page) -> tuple[str, Markup]:
    site, lang = page.site, page.lang
    frame = _compare_frame(site.cases, site.inputs, lang, COMPARE)
    rows = records(frame)
    known = [c["days_to_decisive_response"] for c in site.cases
             if c["days_to_decisive_response"] is not None]
    longest = float(max(known)) if known else 0.0
    heads = []
    for key, _, kind in COLUMNS:
        label = page.w("index.title_column") if key == "title" else L.column_label(lang, key)
        heads.append(el("th", label, scope="col", data_sort=kind,
                        aria_sort="ascending" if key == "year" else None,
                        class_=f"col-{key} num" if kind in ("number", "date")
                        else f"col-{key}"))
    body = []
    for case, row in zip(site.cases, rows):
        cells = [_cell(page, key, row, case, longest) for key, _, _ in COLUMNS]
        data = {f"data_{name}": _value(case, column) for name, column, _ in FILTERS}
        search = _searchable(case[f"title_{lang}"], case[f"summary_{lang}"],
                             case["company_en"], case["company_zh"], case["case_id"])
        body.append(el("tr", *cells, id=case["case_id"], data_search=search, **data))
    caption = el("caption", page.w("index.caption"), " ",
                 el("span", page.w("index.caption.sort"), class_="js-only", hidden=True))
    table = el("table", caption, el("thead", el("tr", *heads)), el("tbody", *body),
               id="cases", class_="cases", data_sortable="true",
               data_ascending=page.w("sort.ascending"),
               data_descending=page.w("sort.descending"))
    notes = [L.text(lang, "note.days", missing=L.MISSING)]
    if known:
        notes.append(L.text(lang, "note.timing", longest=L.text(
            lang, "count.day" if longest == 1 else "count.days", n=int(longest))))
    count = len(site.cases)
    noun = page.w("index.case" if count == 1 else "index.cases")
    title = L.text(lang, "compare.title")
    main = join([
        el("h1", title),
        el("p", L.compare_subtitle(lang, COMPARE) + (". " if lang == "en" else "。")
           + page.w("index.lede", count=count, cases=noun), class_="lede"),
        _filters(page),
        el("div", table, class_="scroll", tabindex="0", role="region",
           aria_label=title),
        el("div", *[el("p", n) for n in notes], class_="table-notes"),
    ], "\n")
    return title, main

