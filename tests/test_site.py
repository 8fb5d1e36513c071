"""The website (``trustcrises site -o DIR``): what it writes, read back as HTML without a browser.

The bundled data's site is built once; every page is parsed, every link followed to a file and
an id that exist, and every reference checked to stay inside the folder. A user's collection
(the fixture collection, built with ``trustcrises build``) and a case whose text is HTML get
sites of their own. ``test_site_browser.py`` drives a real browser over the same site.
"""

from __future__ import annotations

import importlib.util

import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from conftest import ROOT, concat, snapshot

import trustcrises as tc
from trustcrises import _labels as L
from trustcrises._models import QUOTE_MAX
from trustcrises._text import HAN, quoted
from trustcrises.cli._main import main
from trustcrises.site import _words as W
from trustcrises.site._build import PAGES, build_site
from trustcrises.site._data import SiteData

FIXTURE = Path(__file__).parent / "fixtures" / "collection"
EXAMPLE = "intel-1994-pentium-fdiv"
VERSION = str(__import__("trustcrises.data._load", fromlist=["descriptor"]).descriptor()[
    "version"])


# ---------------------------------------------------------------------------------------------
# Reading pages back


class Page(HTMLParser):
    """A page's elements, ids, links, headings and text, as the standard library parses it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str]] = []
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self.rows: list[tuple[dict[str, str], list[str]]] = []  # each row's attributes, cells
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_script = self._in_style = False
        self.feed(text)
        self.close()
        self.text = " ".join("".join(self.texts).split())

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            assert attributes["id"] not in self.ids, f"id {attributes['id']!r} twice"
            self.ids.add(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag]
        if tag == "tr":
            self.rows.append((attributes, []))
        if tag in ("td", "th"):
            self._cell = []
        self._in_script = tag == "script"
        self._in_style = tag == "style"  # neither is text the reader sees

    def handle_endtag(self, tag):
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading[1:]).split())))
            self._heading = None
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag in ("script", "style"):
            self._in_script = self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            return
        if self._in_script:
            self.scripts.append(data)
            return
        self.texts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag
                and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]


def pages_of(folder: Path) -> dict[str, Page]:
    return {str(p.relative_to(folder).as_posix()): Page(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.html"))}


def site_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["site", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", "-o", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return pages_of(site)


@pytest.fixture(scope="module")
def cases() -> list[str]:
    return sorted(tc.load_cases()["case_id"])


# ---------------------------------------------------------------------------------------------
# What is written


def test_the_command_writes_the_site_and_says_where(capsys, tmp_path):
    status, out, err = site_cli(capsys, "-o", str(tmp_path / "s"))
    count = 2 * (len(tc.load_cases()) + 6) + 1  # index, findings, sources, codebook, ...
    assert (status, err) == (0, "")
    assert out == (f"wrote {count} pages, in English and Chinese, to {tmp_path / 's'}\n"
                   f"open {tmp_path / 's' / 'index.html'} in a browser\n")


def test_every_page_in_both_languages_and_one_style_sheet_and_script(site, cases):
    files = sorted(str(p.relative_to(site).as_posix()) for p in site.rglob("*") if p.is_file())
    per_language = ["about.html", *[f"cases/{c}.html" for c in cases], "codebook.html",
                    "commentary.html", "findings.html", "index.html", "sources.html"]
    assert files == sorted(["index.html", "assets/site.css", "assets/site.js",
                            *[f"{lang}/{p}" for lang in ("en", "zh") for p in per_language]])


def test_pages_are_registered_once_each():
    paths = [spec.path for spec in PAGES]
    assert len(paths) == len(set(paths))
    assert paths[0] == "index.html" and "cases/{key}.html" in paths


# ---------------------------------------------------------------------------------------------
# Every page: language, landmarks, headings, tables


def _lang_of(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else "root"


def test_every_page_declares_its_language_and_has_the_landmarks(pages):
    for path, page in pages.items():
        lang = _lang_of(path)
        assert page.find("html")[0]["lang"] == {"en": "en", "zh": "zh-Hans", "root": "en"}[lang]
        assert len(page.find("main")) == 1 and page.find("main")[0]["id"] == "main", path
        assert len(page.find("h1")) == 1, path
        head = [t for t, _ in page.tags[:[t for t, _ in page.tags].index("body")]]
        assert head.count("title") == 1 and head.count("meta") >= 3, path
        if lang == "root":
            continue
        assert page.find("a", href="#main", class_="skip"), path
        assert len(page.find("header")) == 1 and len(page.find("footer")) == 1, path
        navs = [a.get("aria-label") for a in page.find("nav")]
        assert W.word(lang, "nav.label") in navs, path
        assert page.tags[0][0] == "html"


def test_headings_go_down_one_level_at_a_time(pages):
    for path, page in pages.items():
        levels = [level for level, _ in page.headings]
        assert levels[0] == 1, path
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (path, before, after)
        assert all(text for _, text in page.headings), path


def test_every_table_has_a_caption_and_scoped_headers(pages):
    for path, page in pages.items():
        tables = page.find("table")
        captions = page.find("caption")
        assert len(captions) == len(tables), path
        for tag, attrs in page.tags:
            if tag == "th":
                assert attrs.get("scope") in ("col", "row", "colgroup", "rowgroup"), (path, attrs)


def test_scrolling_regions_can_be_reached_by_keyboard_and_are_named(pages):
    for path, page in pages.items():
        for region in page.find("div", class_="scroll"):
            assert region["tabindex"] == "0" and region["role"] == "region", path
            assert region.get("aria-label") or region.get("aria-labelledby"), path


def test_every_page_shows_the_data_version_and_the_citation(pages):
    meta_title = "trustcrises: corporate trust crises, sourced, coded and bilingual"
    for path, page in pages.items():
        langs = ("en", "zh") if _lang_of(path) == "root" else (_lang_of(path),)
        for lang in langs:
            version = W.word(lang, "footer.version", version=VERSION, package=tc.__version__)
            cite = W.word(lang, "footer.cite", citation=meta_title + (
                f", data version {VERSION}." if lang == "en" else f"，数据版本 {VERSION}。"))
            assert version in page.text, (path, lang)
            assert cite in page.text, (path, lang)


def test_every_page_names_the_licence_and_links_to_what_may_not_be_reproduced(pages):
    for path, page in pages.items():
        if _lang_of(path) == "root":
            assert page.find("a", href="en/about.html") and page.find("a", href="zh/about.html")
            continue
        lang = _lang_of(path)
        assert page.find("a", rel="license", href="https://creativecommons.org/licenses/by/4.0/")
        assert W.word(lang, "footer.more") in page.text
        assert W.word(lang, "footer.licence", licences="CC-BY-4.0") in page.text


def test_the_licence_page_says_what_may_not_be_reproduced(pages):
    en, zh = pages["en/about.html"], pages["zh/about.html"]
    assert W.word("en", "about.reproduce.quotes", limit=QUOTE_MAX) in en.text
    assert W.word("zh", "about.reproduce.quotes", limit=QUOTE_MAX) in zh.text
    assert "does not allow reproduction" in en.text and "不允许转载" in zh.text
    assert "中国营销传播网" in en.text  # the seed article is referred to, by its publisher


# ---------------------------------------------------------------------------------------------
# Links and references


def _references(page: Page) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every attribute that names an address."""
    found = []
    for tag, attrs in page.tags:
        for name in ("href", "src", "action", "poster", "data", "srcset", "cite", "formaction"):
            if name in attrs:
                found.append((tag, name, attrs[name]))
    return found


def test_every_internal_link_resolves_to_a_file_and_an_id(site, pages):
    checked = 0
    for path, page in pages.items():
        for tag, name, value in _references(page):
            parts = urlsplit(value)
            if parts.scheme in ("http", "https"):
                continue
            assert parts.scheme == "" and not parts.netloc and not value.startswith("/"), \
                (path, value)
            target = (site / path).parent / unquote(parts.path) if parts.path else site / path
            target = target.resolve()
            assert target.is_file() and site.resolve() in target.parents, (path, value)
            if parts.fragment and target.suffix == ".html":
                there = pages[str(target.relative_to(site.resolve()).as_posix())]
                assert unquote(parts.fragment) in there.ids, (path, value)
            checked += 1
    assert checked > 10_000


def test_nothing_is_loaded_from_outside_the_folder(site, pages):
    """Only links the reader follows (``<a href>``) may leave the folder: no style sheet,
    script, font, image or frame from elsewhere, and no address in the style sheet or script."""
    for path, page in pages.items():
        for tag, name, value in _references(page):
            if urlsplit(value).scheme:
                assert (tag, name) == ("a", "href"), (path, tag, name, value)
                assert urlsplit(value).scheme in ("http", "https"), (path, value)
        assert [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed", "video",
                                                  "audio", "source", "base", "meta")
                and _.get("http-equiv")] == [], path
        assert [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed", "video",
                                                  "audio", "source", "base")] == [], path
        assert [a.get("id") for a in page.find("form")] in ([], ["filters"]), path
        assert [a["href"] for a in page.find("link", rel="stylesheet")] in (
            [], ["../assets/site.css"], ["../../assets/site.css"], ["assets/site.css"])
        assert all(a.get("src", "").endswith("assets/site.js") for a in page.find("script"))
        assert "".join(page.scripts).strip() == "", path  # no inline script
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    js = (site / "assets" / "site.js").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    for word in ("http:", "https:", "fetch(", "XMLHttpRequest", "import(", "sendBeacon",
                 "WebSocket", "eval(", "innerHTML"):
        assert word not in js, word


def test_no_inline_event_handler_or_script_address(pages):
    for path, page in pages.items():
        for tag, attrs in page.tags:
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            assert not [v for v in attrs.values() if "javascript:" in v.lower()], (path, tag)


def test_pages_parse_as_html5_without_errors(site):
    html5lib = pytest.importorskip("html5lib", reason="html5lib is the independent HTML5 "
                                   "parser (pip install html5lib)")
    for path in ["index.html", "en/index.html", f"zh/cases/{EXAMPLE}.html", "en/sources.html",
                 "zh/codebook.html", "en/commentary.html", "zh/about.html"]:
        parser = html5lib.HTMLParser(strict=True)
        parser.parse((site / path).read_text(encoding="utf-8"))  # raises on a parse error


# ---------------------------------------------------------------------------------------------
# Both languages


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(site, pages):
    for path, page in pages.items():
        lang = _lang_of(path)
        if lang == "root":
            continue
        there = {"en": "zh", "zh": "en"}[lang]
        (switch,) = page.find("a", class_="lang-switch")
        target = ((site / path).parent / switch["href"]).resolve()
        assert target == (site / there / path.split("/", 1)[1]).resolve(), path
        assert switch["hreflang"] == switch["lang"] == L.HTML_LANG[there]
        assert switch["rel"] == "alternate"
        assert [a["href"] for a in page.find("link", rel="alternate")] == [switch["href"]]


def test_chinese_pages_are_in_chinese_and_english_ones_in_english(pages):
    for path, page in pages.items():
        lang = _lang_of(path)
        if lang == "root":
            continue
        han = len(HAN.findall(page.text))
        if lang == "zh":
            assert han > len(page.text) * 0.1, path
        heading = page.headings[0][1]
        assert bool(HAN.search(heading)) == (lang == "zh"), (path, heading)


def test_text_in_the_other_language_is_marked_with_its_language(pages):
    """A Chinese quote on an English page (and the reverse) carries ``lang``, so that it is
    read and drawn in its own language."""
    page = pages["en/cases/xiaomi-2026-kol.html"]
    quotes = page.find("span", class_="quote")
    assert quotes and {q["lang"] for q in quotes} <= {"zh-Hans", "zh-Hant", "en"}
    assert {q["lang"] for q in quotes} & {"zh-Hans"}
    codebook = pages["en/codebook.html"]
    assert codebook.find("td", lang="zh-Hans") and codebook.find("td", lang="en")


def test_every_word_of_the_site_is_in_both_languages():
    assert set(W.WORDS["en"]) == set(W.WORDS["zh"])
    assert set(W.FIELDS["en"]) == set(W.FIELDS["zh"])
    assert set(W.LANGUAGES["en"]) == set(W.LANGUAGES["zh"]) >= set(tc.load_sources()["language"])
    for key in W.WORDS["zh"]:
        if key not in ("lang.name",):
            assert HAN.search(W.WORDS["zh"][key]), key
    for key, value in W.WORDS["en"].items():
        assert not HAN.search(value) or key == "lang.name", key
    clash = {k for k in W.WORDS["en"] if k in L.TEXT["en"]}
    assert clash == set()  # the tables' words are used as they are, never redefined


# ---------------------------------------------------------------------------------------------
# The index


def _rows(page: Page) -> list[dict[str, str]]:
    return [a for t, a in page.tags if t == "tr" and "data-search" in a]


def test_the_index_has_a_row_per_case_with_what_the_filters_read(pages, cases):
    frame = tc.load_cases()
    for lang in ("en", "zh"):
        page = pages[f"{lang}/index.html"]
        rows = _rows(page)
        assert sorted(r["id"] for r in rows) == cases
        by_id = frame.set_index("case_id")
        for row in rows:
            case = by_id.loc[row["id"]]
            assert row["data-region"] == case["region"]
            assert row["data-industry"] == case["industry"]
            assert row["data-cluster"] == (case["scct_cluster"] if case["scct_cluster"] is not
                                           None and case["scct_cluster"] == case["scct_cluster"]
                                           else "none")
            assert row["data-pressure"] == case["pressure_source"]
            assert row["data-outcome"] == case["decision_outcome"]
            assert row["data-decade"] == str(case["start_date"].year // 10 * 10)
            for text in (case[f"title_{lang}"], case[f"summary_{lang}"], case["company_en"],
                         case["company_zh"]):
                assert unicodedata.normalize("NFKC", text).lower() in row["data-search"]


def test_the_filters_offer_every_value_with_its_count(site, pages, cases):
    page = pages["en/index.html"]
    (form,) = page.find("form")
    assert form["id"] == "filters" and "hidden" in form  # the script shows it
    selects = [a["name"] for a in page.find("select")]
    assert selects == ["cluster", "region", "industry", "decade", "pressure", "outcome"]
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', html)
    assert options[0] == ("", "All") and len([o for o in options if o[0] == ""]) == 6
    counts = [int(re.search(r"\((\d+)\)$", label)[1]) for value, label in options if value]
    assert sum(counts) == 6 * len(cases)
    frame = tc.load_cases()
    victim = int((frame["scct_cluster"] == "victim").sum())
    eighties = int(frame["start_date"].map(lambda d: 1980 <= d.year < 1990).sum())
    china = int((frame["region"] == "CN").sum())
    for expected in [("victim", f"Victim cluster ({victim})"), ("1980", f"1980s ({eighties})"),
                     ("CN", f"Mainland China ({china})")]:
        assert expected in options
    assert page.find("input", type="search", name="q")


def test_the_index_is_the_comparison_table(pages):
    """The same rows, in the same order, with the same values as ``tc.compare``."""
    from trustcrises.export._content import content

    fields = ["company", "title", "year", "cause_category", "pressure_source", "responses",
              "days_to_first_response", "days_to_decisive_response", "decision_outcome"]
    for lang in ("en", "zh"):
        page = pages[f"{lang}/index.html"]
        (table,) = page.find("table", id="cases")
        heads = [a for a in page.find("th") if a.get("scope") == "col"]
        assert [h["data-sort"] for h in heads] == [
            "text", "date", "text", "text", "text", "text", "text", "text", "number",
            "number", "number", "text"]
        compared = content(tc.compare(lang=lang, fields=fields))
        rows = [cells for attrs, cells in page.rows if "data-search" in attrs]
        assert len(rows) == len(compared.rows)
        for cells, (company, title, year, cause, pressure, responses, first, decisive,
                    outcome) in zip(rows, compared.rows):
            assert cells[0] == f"{title} {company}"
            assert (cells[1], cells[4], cells[6], cells[7], cells[8], cells[9], cells[11]) == \
                (year, cause, pressure, responses, first, decisive, outcome)
        columns = [cells for attrs, cells in page.rows if "data-search" not in attrs][0]
        assert columns[8:10] == [L.column_label(lang, "days_to_first_response"),
                                 L.column_label(lang, "days_to_decisive_response")]
        assert len(page.find("svg", role="img")) == sum(1 for r in rows if r[9] != L.MISSING)


# ---------------------------------------------------------------------------------------------
# A case's page


def test_a_case_page_has_every_part_of_the_case(pages):
    events = tc.load_events().query("case_id == @EXAMPLE").sort_values("seq")
    case = tc.load_cases().set_index("case_id").loc[EXAMPLE]
    sources = tc.load_sources().set_index("source_id")
    for lang in ("en", "zh"):
        page = pages[f"{lang}/cases/{EXAMPLE}.html"]
        text = page.text
        for column in ("summary", "coding_rationale", "trigger", "response", "outcome"):
            assert " ".join(case[f"{column}_{lang}"].split()) in text, column
        if case[f"note_{lang}"] == case[f"note_{lang}"] and case[f"note_{lang}"] is not None:
            assert " ".join(case[f"note_{lang}"].split()) in text
        assert page.headings[0] == (1, case[f"title_{lang}"])
        sections = [a["id"] for a in page.find("section") if a.get("id")]
        figure = ["figure"] if importlib.util.find_spec("matplotlib") else []
        assert sections == ["summary", "facts", "story", "times", *figure, "timeline", "notes",
                            "sources", "address"]
        for _, e in events.iterrows():
            row = page.find("tr", id=f"event-{e['seq']}")
            assert row and ("decisive" in row[0].get("class", "")) == bool(e["is_decisive"])
            assert quoted(e["quote"]) in text
            assert " ".join(e[f"description_{lang}"].split()) in text
            assert page.find("a", href=f"../sources.html#source-{e['source_id']}")
            url = sources.loc[e["source_id"], "url"]
            if url == url and url is not None:
                assert page.find("a", href=url, rel="external noopener")
        assert W.word(lang, "case.times") in text
        assert f"{lang}/cases/{EXAMPLE}.html" in text and EXAMPLE in text


def test_response_times_give_the_bounds_or_say_they_cannot_be_derived(pages):
    times = tc.response_times().set_index("case_id")
    unknown = times[times["first_days"].isna() & times["decisive_days"].isna()]
    assert len(unknown)
    ranged = 0
    for case_id, row in unknown.iterrows():
        text = pages[f"en/cases/{case_id}.html"].text
        if pd.isna(row["first_min"]):
            assert W.word("en", "case.times.none") in text
        else:
            ranged += 1
            assert W.word("en", "case.times.range.first", low=int(row["first_min"]),
                          high=int(row["first_max"])) in text
    assert ranged


def test_codes_on_a_case_page_link_to_their_definition(pages):
    page = pages[f"zh/cases/{EXAMPLE}.html"]
    links = [a["href"] for a in page.find("a") if "codebook.html#" in a.get("href", "")]
    assert "../codebook.html#code-cause_category-technical_product_harm" in links
    assert "../codebook.html#code-strategy-corrective_action" in links


def test_quotes_are_short_and_the_seed_article_is_never_copied(pages, seed_text):
    quotes = set(tc.load_events()["quote"]) | set(tc.load_viewpoints()["quote"])
    assert max(len(q) for q in quotes) <= QUOTE_MAX
    title = tc.load_sources().set_index("source_id").loc["emkt-2026-xiaomi-fans", "title"]
    sentences = [s.strip() for s in re.split(r"[。！？\n]", seed_text)
                 if len(s.strip()) > 30 and s.strip() != title]  # the title is its reference
    assert len(sentences) > 20
    for path, page in pages.items():
        for sentence in sentences:
            assert sentence not in page.text, (path, sentence[:30])


# ---------------------------------------------------------------------------------------------
# Sources, codebook, commentary


def test_the_sources_page_lists_every_cited_source_with_the_cases_citing_it(pages):
    events, views, codings = tc.load_events(), tc.load_viewpoints(), tc.load_codings()
    cited = set(events["source_id"]) | set(views["source_id"]) | set(codings["source_id"])
    assert set(codings["source_id"]) - set(events["source_id"])  # studies cited by no event
    for lang in ("en", "zh"):
        page = pages[f"{lang}/sources.html"]
        entries = {a["id"] for a in page.find("li") if a.get("id", "").startswith("source-")}
        assert entries == {f"source-{s}" for s in cited}
        assert W.word(lang, "sources.lede", count=len(cited)) in page.text
    page = pages["en/sources.html"]
    assert page.find("a", href=f"cases/{EXAMPLE}.html")


def test_a_case_page_shows_how_published_studies_coded_it(pages, cases):
    codings = tc.load_codings()
    sources = tc.load_sources().set_index("source_id")
    coded = set(codings["case_id"])
    assert coded and set(cases) - coded
    for lang in ("en", "zh"):
        for case_id in cases:
            page = pages[f"{lang}/cases/{case_id}.html"]
            sections = [a["id"] for a in page.find("section") if a.get("id")]
            if case_id not in coded:
                assert "codings" not in sections, case_id
                continue
            assert sections[sections.index("codings") + 1] == "sources", case_id
            assert (2, W.word(lang, "case.codings")) in page.headings
            listed = [a["href"] for a in page.find("a")
                      if a.get("href", "").startswith("../sources.html#")]
            for _, c in codings[codings["case_id"] == case_id].iterrows():
                assert " ".join(c[f"summary_{lang}"].split()) in page.text
                assert quoted(c["quote"]) in page.text
                assert " ".join(sources.loc[c["source_id"], "title"].split()) in page.text
                note = c[f"note_{lang}"]
                said = W.word(lang, "case.codings.agrees") if pd.isna(note) else note
                assert " ".join(said.split()) in page.text
                # linked from the study's paragraph and from the list of sources cited
                assert listed.count(f"../sources.html#source-{c['source_id']}") == 2


def test_the_codebook_page_defines_every_code_in_both_languages(pages):
    book = tc.load_codebook()
    for lang in ("en", "zh"):
        page = pages[f"{lang}/codebook.html"]
        ids = {a["id"] for a in page.find("tr") if a.get("id")}
        assert ids == {f"code-{f}-{c}" for f, c in zip(book["field"], book["code"])}
        for column in ("label_en", "label_zh", "definition_en", "definition_zh"):
            for value in book[column].head(40):
                assert " ".join(value.split()) in page.text, (lang, value)


def test_the_commentary_page_has_every_claim_and_the_stances(pages):
    views = tc.load_viewpoints()
    book = tc.load_codebook().query("field == 'proposition'")
    for lang in ("en", "zh"):
        page = pages[f"{lang}/commentary.html"]
        assert {a["id"] for a in page.find("li") if a.get("id", "").startswith("view-")} == \
            {f"view-{v}" for v in views["viewpoint_id"]}
        for label in book[f"label_{lang}"]:
            assert (3, label) in page.headings
        for name in views[f"commentator_{lang}"].unique():
            assert (3, name) in page.headings
        stances = views.dropna(subset=["stance"])
        assert len(page.find("table", class_="stances")) == stances["proposition"].nunique()
        for claim in views[f"claim_{lang}"]:
            assert " ".join(claim.split()) in page.text
    assert pages["en/commentary.html"].headings[0] == (1, "The seed article's commentary")


# ---------------------------------------------------------------------------------------------
# A user's collection, and text that is HTML


@pytest.fixture(scope="module")
def own_build(tmp_path_factory) -> Path:
    from trustcrises.compiler._build import build

    out = tmp_path_factory.mktemp("own") / "build"
    build(FIXTURE, out)
    return out


def test_a_users_collection_gets_its_own_site(capsys, own_build, tmp_path):
    folder = tmp_path / "own-site"
    status, out, err = site_cli(capsys, "-o", str(folder), "--data-dir", str(own_build))
    assert (status, err) == (0, "")
    assert out.startswith("wrote 15 pages")  # 2 × (a case + 6 pages) and the root
    pages = pages_of(folder)
    assert sorted(p for p in pages if "/cases/" in p) == ["en/cases/acme-2024-recall.html",
                                                        "zh/cases/acme-2024-recall.html"]
    page = pages["en/cases/acme-2024-recall.html"]
    assert page.headings[0] == (1, "A fictional recall")
    assert "Cite as: A fictional collection for tests, data version 1.0.0, coded with the " \
           "codebook of the trustcrises dataset." in page.text
    assert "The collection's datapackage.json names no licence." in page.text
    assert "数据版本 1.0.0" in pages["zh/cases/acme-2024-recall.html"].text
    sources = pages["en/sources.html"]
    assert [a["id"] for a in sources.find("li") if a.get("id", "").startswith("source-")] == \
        ["source-acme-statement"]
    commentary = pages["en/commentary.html"]
    assert commentary.headings[0] == (1, "Commentary")  # no seed article among its sources
    assert [a.get("id") for a in commentary.find("li") if a.get("id")] == \
        ["view-acme-2024-recall-critic-1"]
    assert pages["en/index.html"].find("a", href="commentary.html")
    codebook = pages["en/codebook.html"]
    assert codebook.find("tr", id="code-industry-consumer_electronics")


def test_a_collection_without_commentary_has_no_commentary_page(own_build, tmp_path):
    data = SiteData(own_build)
    data.viewpoints = []
    result = build_site(tmp_path / "s", site=data)
    assert not (result.folder / "en" / "commentary.html").exists()
    page = Page((result.folder / "en" / "index.html").read_text(encoding="utf-8"))
    assert not page.find("a", href="commentary.html")
    assert page.find("a", href="cases/acme-2024-recall.html")


def _armed_frames(own_build: Path) -> dict:
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>\" onmouseover=\"x"
    frames = {name: tc.load(name, data_dir=own_build) for name in tc.list_tables()}
    cases = frames["cases"].copy()
    for column in ("company_en", "title_en", "summary_en", "note_en", "outcome_en"):
        cases[column] = f"Acme {attack}"
    for column in ("company_zh", "title_zh", "summary_zh", "note_zh", "outcome_zh"):
        cases[column] = f"阿克米{attack}"
    events = frames["events"].copy()
    events["description_en"] = f"Did {attack}"
    events["description_zh"] = f"经过{attack}"
    events["quote"] = "</span><script>alert(3)</script>"
    return {**frames, "cases": cases, "events": events}


def test_text_from_the_data_is_escaped_everywhere(own_build, tmp_path):
    data = SiteData(frames=_armed_frames(own_build), descriptor={"name": "armed",
                                                                 "version": "1"})
    folder = build_site(tmp_path / "armed", site=data).folder
    for path, page in pages_of(folder).items():
        scripts = page.find("script")
        assert all(s.get("src", "").endswith("assets/site.js") for s in scripts), path
        assert page.find("img") == [], path
        assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")], path
    text = (folder / "en" / "cases" / "acme-2024-recall.html").read_text(encoding="utf-8")
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" \
           "&quot; onmouseover=&quot;x" in text
    assert "&lt;/span&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in text


# ---------------------------------------------------------------------------------------------
# The output folder


def test_an_existing_site_is_replaced_only_with_force(capsys, tmp_path):
    folder = tmp_path / "s"
    assert site_cli(capsys, "-o", str(folder))[0] == 0
    (folder / "en" / "cases" / "stale.html").write_text("old", encoding="utf-8")
    before = snapshot(folder)
    status, out, err = site_cli(capsys, "-o", str(folder))
    assert (status, out) == (2, "")
    assert err == (f"trustcrises: error: {str(folder)!r} already holds a site. Pass --force to "
                   "replace it. (the site's folder is -o DIR)\n")
    assert snapshot(folder) == before
    assert site_cli(capsys, "-o", str(folder), "--force")[0] == 0
    assert not (folder / "en" / "cases" / "stale.html").exists()
    assert (folder / "en" / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary folder left behind


def test_a_folder_that_is_not_a_site_is_never_replaced(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    for extra in ([], ["--force"]):
        status, out, err = site_cli(capsys, "-o", str(folder), *extra)
        assert (status, out) == (2, "")
        assert err == (f"trustcrises: error: {str(folder)!r} is not empty and holds no site "
                       "written by trustcrises site: give a new or empty folder. (the site's "
                       "folder is -o DIR)\n")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_file_is_not_a_folder(capsys, tmp_path):
    file = tmp_path / "site.html"
    file.write_text("x", encoding="utf-8")
    status, out, err = site_cli(capsys, "-o", str(file))
    assert (status, out) == (2, "")
    assert err == (f"trustcrises: error: {str(file)!r} is a file, not a folder: give a folder "
                   "for the site. (the site's folder is -o DIR)\n")


def test_an_empty_folder_is_used_and_missing_parents_are_made(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    assert site_cli(capsys, "-o", str(tmp_path / "empty"))[0] == 0
    assert site_cli(capsys, "-o", str(tmp_path / "a" / "b" / "site"))[0] == 0
    assert (tmp_path / "a" / "b" / "site" / "zh" / "index.html").is_file()


def test_damaged_data_is_invalid_data_and_writes_nothing(capsys, own_build, tmp_path):
    path = own_build.parent / "damaged"
    import shutil

    shutil.copytree(own_build, path)
    (path / "cases.parquet").write_bytes(b"x" * 100)
    status, out, err = site_cli(capsys, "-o", str(tmp_path / "s"), "--data-dir", str(path))
    assert (status, out) == (1, "")
    assert err.startswith(f"trustcrises: error: {str(path / 'cases.parquet')!r} does not match "
                          "the sha256 recorded in datapackage.json")
    assert not (tmp_path / "s").exists()


def test_the_output_is_required(capsys):
    with pytest.raises(SystemExit) as info:
        main(["site"])
    assert info.value.code == 2
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err


def test_the_site_builds_without_an_optional_package_it_does_not_need(tmp_path):
    """A plain install builds the site: it needs no optional package but matplotlib, for the
    figures, where it is installed (great-tables, a dependency, draws the findings' tables)."""
    code = textwrap.dedent(f"""
        import sys
        from trustcrises.cli._main import main
        assert main(["site", "-o", {str(tmp_path / 's')!r}]) == 0
        heavy = sorted(m for m in ("polars", "duckdb", "selenium") if m in sys.modules)
        print(heavy)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_site_is_the_same_from_the_same_data(tmp_path):
    a = build_site(tmp_path / "a").folder
    b = build_site(tmp_path / "b").folder
    assert snapshot(a) == snapshot(b)


def _own_coding(frames: dict, **values: object) -> dict:
    """The frames of a collection with one published coding of its case, by a study of its
    own (``values`` change the coding)."""
    study = frames["sources"].iloc[[0]].assign(
        source_id="smith-2025-acme-study", kind="academic", title="Acme's recall & its apology",
        author="Jane Smith", publisher="Journal of Examples")
    coding = tc.load_codings().iloc[[0]].assign(
        case_id="acme-2024-recall", source_id="smith-2025-acme-study", scct_cluster="accidental",
        summary_en="Codes the recall as corrective action.", summary_zh="将召回编码为纠正措施。",
        quote="the recall was corrective action", note_en=None, note_zh=None)
    coding = coding.assign(**values)
    return {**frames, "sources": concat([frames["sources"], study]), "codings": coding}


def test_codings_of_ones_own_are_validated_escaped_and_shown(own_build, tmp_path):
    frames = {name: tc.load(name, data_dir=own_build) for name in tc.list_tables()}
    assert frames["codings"].empty
    attack = "<script>alert(1)</script>"
    data = SiteData(frames=_own_coding(frames, summary_en=f"Codes {attack}"),
                    descriptor={"name": "own", "version": "1"})
    folder = build_site(tmp_path / "s", site=data).folder
    text = (folder / "en" / "cases" / "acme-2024-recall.html").read_text(encoding="utf-8")
    assert "Codes &lt;script&gt;alert(1)&lt;/script&gt;" in text and attack not in text
    page = Page(text)
    assert "Acme's recall & its apology" in page.text and "Jane Smith" in page.text
    assert page.find("a", href="../codebook.html#code-scct_cluster-accidental")
    assert W.word("en", "case.codings.agrees") in page.text
    zh = Page((folder / "zh" / "cases" / "acme-2024-recall.html").read_text(encoding="utf-8"))
    assert "将召回编码为纠正措施。" in zh.text and "（Jane Smith，Journal of Examples" in zh.text
    sources = Page((folder / "en" / "sources.html").read_text(encoding="utf-8"))
    assert sources.find("li", id="source-smith-2025-acme-study")
    with pytest.raises(tc.ValidationError, match="scct_cluster"):
        SiteData(frames=_own_coding(frames, scct_cluster="lucky"))


def test_frames_of_ones_own_are_validated_and_shown(own_build):
    """Frames given to the site are checked like the tables' (a second viewpoint here)."""
    frames = {name: tc.load(name, data_dir=own_build) for name in tc.list_tables()}
    doubled = concat([frames["viewpoints"], frames["viewpoints"].assign(
        viewpoint_id="acme-2024-recall-critic-2")])
    data = SiteData(frames={**frames, "viewpoints": doubled})
    assert [v["viewpoint_id"] for v in data.viewpoints] == ["acme-2024-recall-critic-1",
                                                           "acme-2024-recall-critic-2"]
