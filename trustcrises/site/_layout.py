"""The frame every page shares: head, header with the navigation and the language switch, and the
footer with the data version, the citation and the licence."""

from __future__ import annotations

from dataclasses import dataclass

from .. import _labels as L
from .._text import HAN
from ._data import SiteData
from ._html import Markup, el, esc, fill, join, relative
from ._words import other, word

CSS = "assets/site.css"
JS = "assets/site.js"


@dataclass(frozen=True)
class Page:
    """One page being written: its language and its path in the language's folder."""

    site: SiteData
    lang: str
    path: str

    @property
    def file(self) -> str:
        """The page's path from the site's root."""
        return f"{self.lang}/{self.path}"

    def href(self, target: str) -> str:
        """A link to ``target``, a page of the same language (``sources.html#x``)."""
        return relative(self.file, f"{self.lang}/{target}")

    def root(self, target: str) -> str:
        """A link to ``target``, a path from the site's root (``assets/site.css``)."""
        return relative(self.file, target)

    def w(self, key: str, **values: object) -> str:
        return word(self.lang, key, **values)

    def fill(self, key: str, **values: object) -> Markup:
        """The word ``key`` as HTML, with ``values`` (escaped unless Markup) filled in."""
        return fill(word(self.lang, key), **values)

    def code(self, field: str, value: str | None) -> str:
        label = self.site.code(self.lang, field, value)
        return L.text(self.lang, "unknown") if label is None else label

    def code_link(self, field: str, value: str | None) -> Markup:
        """A code's label, linked to its definition in the codebook."""
        if value is None:
            return esc(L.text(self.lang, "unknown"))
        return el("a", self.code(field, value),
                  href=self.href(f"codebook.html#{code_id(field, value)}"))

    def date(self, value: object, precision: str | None, time: str | None = None) -> Markup:
        """A date at its precision, in the page's language, as a ``<time>`` element."""
        from .._text import iso_at

        if value is None:
            return esc(L.MISSING)
        shown = L.date_text(self.lang, value, precision or "day")
        stamp = iso_at(value, precision)  # type: ignore[arg-type]
        if time:
            shown, stamp = f"{shown} {time}", f"{stamp}T{time}"
        return el("time", shown, datetime=stamp)

    def case_link(self, case_id: str) -> Markup:
        case = self.site.case_by_id[case_id]
        return el("a", case[f"title_{self.lang}"], href=self.href(case_path(case_id)))


def case_path(case_id: str) -> str:
    return f"cases/{case_id}.html"


def code_id(field: str, code: str) -> str:
    return f"code-{field}-{code}"


def source_id(source: str) -> str:
    return f"source-{source}"


def section(page: Page, key: str, heading: str, *content: object, level: int = 2) -> Markup:
    """A titled section, labelled by its heading for assistive technology."""
    ident = f"{key}-heading"
    return el("section", el(f"h{level}", heading, id=ident), *content, aria_labelledby=ident,
              id=key)


# ---------------------------------------------------------------------------------------------
# The citation and the licence


def in_language(text: str, lang: str) -> Markup:
    """Text from the data's description, marked as English on a Chinese page when it has no
    Chinese in it (and as Chinese on an English page when it has)."""
    own = "zh" if HAN.search(text) else "en"
    return esc(text) if own == lang else el("span", text, lang=L.HTML_LANG[own])


def citation(site: SiteData, lang: str) -> Markup:
    """How to cite the data: its contributors, title and version (and where it is)."""
    parts: list[object] = [in_language(", ".join(site.contributors()), lang)] \
        if site.contributors() else []
    parts += [in_language(site.title, lang), word(lang, "cite.version", version=site.version)]
    if not site.bundled:
        parts.append(word(lang, "cite.codebook"))
    if site.homepage:
        parts.append(el("a", site.homepage, href=site.homepage))
    sep, end = (", ", ".") if lang == "en" else ("，", "。")
    return Markup(join(parts, sep) + end)


def licence_names(site: SiteData, page: Page) -> Markup:
    names = []
    for lic in site.licences:
        title = lic.get("title") or lic["name"]
        link = lic.get("path") or ""
        label = el("abbr", lic["name"], title=title, lang="en") if title != lic["name"] \
            else esc(lic["name"])
        names.append(el("a", label, href=link, rel="license")
                     if link.startswith(("https://", "http://")) else label)
    return join(names, ", " if page.lang == "en" else "、")


def _footer(page: Page) -> Markup:
    site = page.site
    licence = page.fill("footer.licence", licences=licence_names(site, page)) if site.licences \
        else esc(page.w("footer.no_licence"))
    return el(
        "footer",
        el("p", page.w("footer.version", version=site.version, package=site.package_version)),
        el("p", page.fill("footer.cite", citation=citation(site, page.lang)),
           class_="citation"),
        el("p", licence, " ", el("a", page.w("footer.more"), href=page.href("about.html"))),
        class_="site-footer")


# ---------------------------------------------------------------------------------------------
# The document


def document(page: Page, title: str, main: Markup, nav: list[tuple[str, str]],
             *, page_class: str = "", style: str = "") -> str:
    """The whole page: ``main`` framed by the header (``nav``: path and label of each page in
    the navigation) and the footer; ``style``: the page's own CSS (its tables' look)."""
    lang, there = page.lang, other(page.lang)
    switch = relative(page.file, f"{there}/{page.path}")
    items = []
    for path, label in nav:
        items.append(el("li", el("a", label, href=page.href(path),
                                 aria_current="page" if path == page.path else None)))
    header = el(
        "header",
        el("p", el("a", page.site.name, href=page.href("index.html"), class_="site-name"), " ",
           el("span", page.w("version", version=page.site.version), class_="site-version"),
           class_="site-title"),
        el("nav", el("ul", *items), aria_label=page.w("nav.label"), class_="site-nav"),
        el("p", el("a", word(there, "lang.name"), href=switch, hreflang=L.HTML_LANG[there],
                   lang=L.HTML_LANG[there], rel="alternate", class_="lang-switch",
                   title=word(there, "lang.switch")), class_="lang"),
        class_="site-header")
    head = join([
        Markup('<meta charset="utf-8">'),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="generator", content=f"trustcrises {page.site.package_version}"),
        el("title", f"{title} · {page.site.name}"),
        el("link", rel="stylesheet", href=page.root(CSS)),
        el("link", rel="alternate", hreflang=L.HTML_LANG[there], href=switch),
        el("script", src=page.root(JS), defer=True),
        *([Markup(f"<style>\n{style}\n</style>")] if style else []),
    ], "\n")
    body = join([el("a", page.w("skip"), href="#main", class_="skip"), header,
                 el("main", main, id="main", tabindex="-1", class_=page_class or None),
                 _footer(page)], "\n")
    return (f'<!DOCTYPE html>\n<html lang="{L.HTML_LANG[lang]}" dir="ltr">\n<head>\n{head}\n'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")
