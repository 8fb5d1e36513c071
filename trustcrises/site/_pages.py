"""The site's reference pages: the sources, the codebook, the commentary, the licence and
citation, and the bilingual page at the site's root."""

from __future__ import annotations

from typing import Any

from .. import _labels as L
from .._models import QUOTE_MAX
from .._text import quoted
from ._html import Markup, el, esc, fill, join
from ._layout import (
    Page,
    citation,
    code_id,
    in_language,
    licence_names,
    section,
    source_id,
)
from ._words import field_label, language_name, other, word


# ---------------------------------------------------------------------------------------------
# Sources


def source_entry(page: Page, source: dict[str, Any], *, heading: bool = True) -> Markup:
    """One source: publisher, title, date, kind, language, address, note and the cases citing
    it."""
    lang = page.lang
    when = page.date(source["published"], source["published_precision"]) \
        if source["published"] else esc(L.text(lang, "no_date"))
    head = el("h2" if heading else "p", source["publisher"], class_="publisher")
    ref = el("p", el("cite", source["title"], lang=source["language"]), " · ", when)
    details = [el("dt", page.w("sources.kind")), el("dd", page.code("source_kind",
                                                                     source["kind"]))]
    if source["author"]:
        details += [el("dt", page.w("sources.author")), el("dd", source["author"])]
    details += [el("dt", page.w("sources.language")),
                el("dd", language_name(lang, source["language"]))]
    address = el("a", source["url"], href=source["url"], rel="external noopener",
                 class_="url") if source["url"] else esc(page.w("sources.no_url"))
    parts: list[object] = [head, ref, el("dl", *details, class_="inline"), el("p", address)]
    if source[f"note_{lang}"]:
        parts.append(el("p", source[f"note_{lang}"], class_="note"))
    cases = page.site.cited_by.get(source["source_id"], [])
    if cases:
        links = join([el("li", page.case_link(c)) for c in cases])
        parts.append(el("p", page.w("sources.cited_by"), L.text(lang, "label_sep"),
                        class_="cited-by-label"))
        parts.append(el("ul", links, class_="cited-by"))
    return el("li", el("article", *parts, el("p", el("code", source["source_id"]),
                                              class_="small")),
              id=source_id(source["source_id"]))


def sources_page(page: Page) -> tuple[str, Markup]:
    cited = page.site.cited_sources
    title = page.w("sources.title")
    main = join([el("h1", title),
                 el("p", page.w("sources.lede", count=len(cited)), class_="lede"),
                 el("ol", *[source_entry(page, s) for s in cited], class_="sources")], "\n")
    return title, main


# ---------------------------------------------------------------------------------------------
# Codebook


def _meaning(row: dict[str, Any], lang: str) -> Markup:
    return el("td", el("strong", row[f"label_{lang}"]), el("br"), row[f"definition_{lang}"],
              lang=L.HTML_LANG[lang])


def codebook_page(page: Page) -> tuple[str, Markup]:
    site, lang = page.site, page.lang
    codes = site.codes
    langs = [lang, other(lang)]
    contents = el("nav", el("h2", page.w("codebook.contents"), id="contents-heading"),
                  el("ul", *[el("li", el("a", field_label(lang, f), href=f"#field-{f}"),
                                " ", el("code", f)) for f in codes], class_="columns"),
                  aria_labelledby="contents-heading", class_="contents")
    sections = []
    for field, rows in codes.items():
        related = [c for c in ("posture", "benoit", "scct_cluster")
                   if any(r[c] for r in rows)]
        referenced = any(r["reference"] for r in rows)
        counted = field in site.coded_columns.values() or field == "strategy"
        heads = [page.w("codebook.code"), *[word(x, "lang.name") for x in langs],
                 *[L.text(lang, f"col.{c}") for c in related],
                 *([page.w("codebook.reference")] if referenced else []),
                 *([page.w("codebook.used")] if counted else [])]
        body = []
        for r in rows:
            cells = [el("th", el("code", r["code"]), scope="row"),
                     *[_meaning(r, x) for x in langs]]
            cells += [el("td", page.code_link(c, r[c]) if r[c] else "") for c in related]
            if referenced:
                cells.append(el("td", r["reference"] or "", class_="small"))
            if counted:
                cells.append(el("td", site.code_use.get((field, r["code"]), 0), class_="num"))
            body.append(el("tr", *cells, id=code_id(field, r["code"])))
        table = el("table", el("caption", field_label(lang, field), " ", el("code", field),
                               class_="visually-hidden"),
                   el("thead", el("tr", *[el("th", h, scope="col") for h in heads])),
                   el("tbody", *body), class_="codes")
        sections.append(el("section", el("h2", field_label(lang, field), id=f"field-{field}"),
                           el("div", table, class_="scroll", tabindex="0", role="region",
                              aria_label=field_label(lang, field)),
                           aria_labelledby=f"field-{field}"))
    title = page.w("codebook.title")
    lede = page.w("codebook.lede", lists=len(codes), codes=sum(len(r) for r in codes.values()))
    return title, join([el("h1", title), el("p", lede, class_="lede"), contents, *sections],
                       "\n")


# ---------------------------------------------------------------------------------------------
# Commentary


def has_commentary(site: Any) -> bool:
    return bool(site.viewpoints)


def _article(page: Page, source: dict[str, Any]) -> Markup:
    """A reference to the article the commentary comes from, linked where it has an address."""
    lang = page.lang
    when = page.date(source["published"], source["published_precision"]) \
        if source["published"] else esc(L.text(lang, "no_date"))
    entry = el("a", source["publisher"],
               href=page.href(f"sources.html#{source_id(source['source_id'])}"))
    sep = ", " if lang == "en" else "，"
    title = el("cite", source["title"], lang=source["language"])
    parts = [entry, sep, join(["《", title, "》"]) if lang == "zh" else title, sep, when]
    if source["url"]:
        parts += [" (" if lang == "en" else "（",
                  el("a", source["url"], href=source["url"], rel="external noopener"),
                  ")" if lang == "en" else "）"]
    return join(parts)


def commentary_page(page: Page) -> tuple[str, Markup]:
    site, lang = page.site, page.lang
    views = site.viewpoints
    seed = site.seed_sources
    title = page.w("commentary.title.seed" if seed else "commentary.title")
    people = list(dict.fromkeys(v["commentator_en"] for v in views))
    parts: list[object] = [el("h1", title), el("p", page.w(
        "commentary.lede", count=len(views), people=len(people)), class_="lede")]
    for source in seed:
        parts.append(el("p", page.fill("commentary.article", source=_article(page, source))))
    several = len({v["case_id"] for v in views}) > 1
    sep = L.text(lang, "label_sep")

    # stances on each proposition
    stances = []
    for prop in site.codes.get("proposition", []):
        taken = [v for v in views if v["proposition"] == prop["code"]]
        heads = [page.w("commentary.commentator"), page.w("commentary.stance"),
                 page.w("commentary.claim"), page.w("commentary.why")]
        rows = [el("tr",
                   el("th", v[f"commentator_{lang}"], scope="row"),
                   el("td", page.code_link("stance", v["stance"])),
                   el("td", el("p", v[f"claim_{lang}"]),
                      el("p", _view_quote(page, v), class_="small")),
                   el("td", v[f"stance_rationale_{lang}"] or L.MISSING))
                for v in taken]
        body = el("table", el("caption", prop[f"label_{lang}"]),
                  el("thead", el("tr", *[el("th", h, scope="col") for h in heads])),
                  el("tbody", *rows), class_="stances") if rows \
            else el("p", page.w("commentary.no_stance"))
        ident = f"proposition-{prop['code']}"
        stances.append(el("section", el("h3", prop[f"label_{lang}"], id=ident),
                          el("p", prop[f"definition_{lang}"]),
                          el("div", body, class_="scroll", tabindex="0", role="region",
                             aria_labelledby=ident) if rows else body,
                          aria_labelledby=ident))
    if stances:
        parts.append(section(page, "stances", page.w("commentary.stances"), *stances))

    # every commentator's claims
    people_sections = []
    for n, person in enumerate(people, 1):
        theirs = [v for v in views if v["commentator_en"] == person]
        first = theirs[0]
        claims = []
        for v in theirs:
            tags = [page.code_link("theme", v["theme"]), " · ",
                    page.code_link("section", v["section"])]
            if v["headline_problem"] is not None:
                tags += [" · ", page.w("commentary.problem", n=v["headline_problem"])]
            if v["stance"]:
                tags += [" · ", page.code_link("proposition", v["proposition"]), sep,
                         page.code_link("stance", v["stance"])]
            if several:
                tags += [" · ", page.fill("commentary.on", case=page.case_link(v["case_id"]))]
            claims.append(el("li", el("p", join(tags), class_="tags"),
                             el("p", v[f"claim_{lang}"]),
                             el("p", _view_quote(page, v), class_="small"),
                             id=f"view-{v['viewpoint_id']}"))
        ident = f"commentator-{n}"
        people_sections.append(el(
            "section", el("h3", first[f"commentator_{lang}"], id=ident),
            el("p", first[f"affiliation_{lang}"], class_="affiliation"),
            el("ol", *claims, class_="claims"), aria_labelledby=ident))
    parts.append(section(page, "people", page.w("commentary.people"), *people_sections))
    return title, join(parts, "\n")


def _view_quote(page: Page, view: dict[str, Any]) -> Markup:
    found = page.site.sources.get(view["source_id"])
    quote = el("span", quoted(view["quote"]), lang=found["language"] if found else None,
               class_="quote")
    if found is None:
        return quote
    return join([quote, " — ", el("a", found["publisher"],
                                  href=page.href(f"sources.html#{source_id(view['source_id'])}"))])


# ---------------------------------------------------------------------------------------------
# Licence and citation


def about_page(page: Page) -> tuple[str, Markup]:
    site, lang = page.site, page.lang
    count = len(site.cases)
    noun = page.w("index.case" if count == 1 else "index.cases")
    parts: list[object] = [el("h1", page.w("about.title"))]
    parts.append(section(page, "data", page.w("about.data"), el("p", page.fill(
        "about.data.text", title=in_language(site.title, lang), version=site.version,
        count=count, cases=noun)),
        el("p", page.w("about.site", package=site.package_version))))
    parts.append(section(page, "cite", page.w("about.cite"), el("p", page.w("about.cite.text")),
                         el("p", citation(site, lang), class_="citation"),
                         el("p", page.w("about.cite.case"))))
    licence = [el("p", licence_names(site, page))] if site.licences else \
        [el("p", page.w("about.licence.none"))]
    for lic in site.licences:
        if lic.get("title"):
            licence.append(el("p", in_language(lic["title"], lang), class_="small"))
    parts.append(section(page, "licence", page.w("about.licence"), *licence))
    reproduce: list[object] = [el("p", page.w("about.reproduce.quotes", limit=QUOTE_MAX))]
    for source in site.seed_sources:
        reproduce.append(el("p", page.fill("about.reproduce.seed",
                                           source=_article(page, source))))
    parts.append(section(page, "reproduce", page.w("about.reproduce"), *reproduce))
    return page.w("about.title"), join(parts, "\n")


# ---------------------------------------------------------------------------------------------
# The findings report, in the site's frame


def findings_page(page: Page) -> tuple[str, Markup, str]:
    """The findings report's sections (numbers computed now, from the site's data), with its
    tables' CSS for the page's head."""
    from ..findings._prose import prose
    from ..findings._report import report_sections

    body, style = report_sections(page.site.inputs, page.lang, page.site.meta)
    return (prose(page.lang, "title"), Markup(f'<div class="findings">\n{body}\n</div>'),
            style)


# ---------------------------------------------------------------------------------------------
# The root: both languages on one page


def root_page(site: Any) -> str:
    """``index.html`` at the site's root: a door to each language, in both."""
    from ._layout import CSS, JS

    blocks = []
    for lang in ("en", "zh"):
        blocks.append(el(
            "section",
            el("h2", word(lang, "root.title"), id=f"root-{lang}"),
            el("p", el("a", word(lang, "root.enter"), href=f"{lang}/index.html",
                       hreflang=L.HTML_LANG[lang], class_="door")),
            el("p", word(lang, "footer.version", version=site.version,
                         package=site.package_version)),
            el("p", fill(word(lang, "footer.cite"), citation=citation(site, lang)),
               class_="citation"),
            el("p", el("a", word(lang, "footer.more"), href=f"{lang}/about.html")),
            lang=L.HTML_LANG[lang], aria_labelledby=f"root-{lang}", class_="door-block"))
    title = f"{word('en', 'root.title')} · {word('zh', 'root.title')}"
    head = join([Markup('<meta charset="utf-8">'),
                 el("meta", name="viewport", content="width=device-width, initial-scale=1"),
                 el("meta", name="generator", content=f"trustcrises {site.package_version}"),
                 el("title", f"{site.name} · {title}"),
                 el("link", rel="stylesheet", href=CSS),
                 el("script", src=JS, defer=True)], "\n")
    subtitle = el("span", word("en", "root.title"), " · ",
                  el("span", word("zh", "root.title"), lang=L.HTML_LANG["zh"]),
                  class_="subtitle")
    main = el("main", el("h1", site.name, " ", subtitle),
              *blocks, id="main", class_="root")
    return (f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n{head}\n</head>\n<body>\n'
            f"{main}\n</body>\n</html>\n")
