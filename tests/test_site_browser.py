"""The website in a real browser: headless Chromium driven by Selenium through Debian's
chromium-driver, over the site of the bundled data opened from ``file://``.

It filters, sorts and searches the index, switches the language, follows every internal link
(none broken), checks that no request leaves the site's folder, runs axe-core in the page (no
serious or critical violation), prints a page with the print style sheet, and checks that the
screenshots draw Chinese glyphs whole.

Needs selenium (``pip install selenium``), chromedriver (``apt-get install chromium-driver``),
axe-core (``npm install axe-core``; found in ``node_modules/`` of the checkout or at
``$AXE_CORE``) and poppler's pdftoppm and pdftotext. Each test skips, naming what is missing;
under CI (``CI`` set) in an environment with selenium, which is where ``.ci/run`` installs all of
them, a missing one fails instead.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, needs
from test_export import glyph_profile, ink_box, pdf_text, pdf_to_grey, read_png

import trustcrises as tc
from trustcrises.cli._main import main

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install selenium): it drives "
    "the browser for the site's tests")

AXE = "axe-core is not installed (npm install axe-core in the checkout, or set AXE_CORE to " \
      "its axe.min.js): it checks the site's accessibility in the browser"
EXAMPLE = "xiaomi-2026-kol"


def _missing(message: str) -> None:
    """Skip, or under CI (where .ci/run installs everything with selenium) fail."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the site's browser tests: {message}")
    pytest.skip(message)


def axe_source() -> str:
    candidates = [os.environ.get("AXE_CORE"), ROOT / "node_modules" / "axe-core" / "axe.min.js"]
    for path in candidates:
        if path and Path(path).is_file():
            return Path(path).read_text(encoding="utf-8")
    _missing(AXE)
    raise AssertionError  # not reached


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser") / "site"
    assert main(["site", "-o", str(folder)]) == 0
    return folder.resolve()


@pytest.fixture(scope="module")
def driver():
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    from trustcrises._errors import RenderError
    from trustcrises.export._chromium import find_browser

    chromedriver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if chromedriver is None:
        _missing("chromedriver is not installed (apt-get install chromium-driver): Selenium "
                 "drives Chromium through it")
    try:
        chromium = find_browser()
    except RenderError as exc:
        _missing(f"no Chromium to drive: {exc}")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--force-device-scale-factor=2",
                     "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--lang=en-GB"):
        options.add_argument(argument)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:  # the driver is given: Selenium Manager never looks one up online
        browser = webdriver.Chrome(service=Service(executable_path=chromedriver),
                                   options=options)
    except WebDriverException as exc:
        pytest.fail(f"chromedriver ({chromedriver}) could not start Chromium ({chromium}): "
                    f"{str(exc).strip().splitlines()[0]}")
    browser.set_script_timeout(120)
    browser.execute_cdp_cmd("Network.enable", {})
    # Nothing may leave the folder; should something try, it is blocked and still logged.
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*",
                                                                "ws://*", "wss://*"]})
    yield browser
    browser.quit()


def requests(driver) -> list[str]:
    """Every address the browser asked for since the last call."""
    asked = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            asked.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            asked.append(message["params"]["url"])
    return asked


def open_page(driver, site: Path, path: str) -> None:
    driver.get((site / path).as_uri())
    assert driver.execute_script(
        "return document.querySelector('meta[name=generator]') !== null"), path


def visible_rows(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#cases tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.id)")


def settled(driver, condition) -> None:
    """Wait for ``condition`` (the page reacts to some events after they return)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(condition)


def column(driver, index: int) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#cases tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.cells[arguments[0]].getAttribute('data-value'))",
        index)


# ---------------------------------------------------------------------------------------------
# The index: filters, search, sorting


def test_filters_narrow_the_table_and_say_how_many(driver, site):
    from selenium.webdriver.support.ui import Select

    cases = tc.load_cases()
    open_page(driver, site, "en/index.html")
    assert driver.find_element("id", "filters").is_displayed()
    assert len(visible_rows(driver)) == len(cases)
    Select(driver.find_element("id", "filter-cluster")).select_by_value("preventable")
    preventable = set(cases.loc[cases["scct_cluster"] == "preventable", "case_id"])
    assert set(visible_rows(driver)) == preventable
    assert driver.find_element("id", "filter-count").text == \
        f"{len(preventable)} of {len(cases)} cases shown."
    Select(driver.find_element("id", "filter-region")).select_by_value("CN")
    both = set(cases.loc[(cases["scct_cluster"] == "preventable") & (cases["region"] == "CN"),
                         "case_id"])
    assert set(visible_rows(driver)) == both and both
    assert urlsplit(driver.current_url).fragment == "cluster=preventable&region=CN"
    Select(driver.find_element("id", "filter-outcome")).select_by_value("upheld")
    Select(driver.find_element("id", "filter-decade")).select_by_value("1980")
    assert visible_rows(driver) == []
    assert driver.find_element("id", "filter-count").text == \
        "No case matches: change a filter or the search."
    driver.find_element("css selector", "#filters button[type=reset]").click()
    settled(driver, lambda d: len(visible_rows(d)) == len(cases))  # after the form resets
    assert urlsplit(driver.current_url).fragment == ""


def test_each_filter_matches_the_data(driver, site):
    from selenium.webdriver.support.ui import Select

    cases = tc.load_cases()
    open_page(driver, site, "zh/index.html")
    columns = {"cluster": "scct_cluster", "industry": "industry", "pressure": "pressure_source",
               "outcome": "decision_outcome"}
    for name, column_name in columns.items():
        select = Select(driver.find_element("id", f"filter-{name}"))
        value = select.options[1].get_attribute("value")
        select.select_by_value(value)
        expected = set(cases.loc[cases[column_name] == value, "case_id"])
        assert set(visible_rows(driver)) == expected, name
        select.select_by_value("")
    assert len(visible_rows(driver)) == len(cases)


def test_search_matches_titles_and_summaries_in_the_pages_language(driver, site):
    cases = tc.load_cases()
    for lang, query in (("en", "logo"), ("zh", "标志"), ("en", "APOLOGISED  Customers")):
        open_page(driver, site, f"{lang}/index.html")
        box = driver.find_element("id", "filter-q")
        box.send_keys(query)
        terms = unicodedata.normalize("NFKC", query).lower().split()

        def matches(row) -> bool:
            text = unicodedata.normalize("NFKC", " ".join(
                [row[f"title_{lang}"], row[f"summary_{lang}"], row["company_en"],
                 row["company_zh"], row["case_id"]])).lower()
            return all(t in text for t in terms)

        expected = {r["case_id"] for _, r in cases.iterrows() if matches(r)}
        assert set(visible_rows(driver)) == expected and expected, (lang, query)


def test_columns_sort_both_ways_with_unknown_values_last(driver, site):
    open_page(driver, site, "en/index.html")
    heads = driver.find_elements("css selector", "#cases thead th")
    decisive = 9
    button = heads[decisive].find_element("css selector", "button.sort")
    assert button.text == "Decisive response (days)"
    button.click()
    values = column(driver, decisive)
    known = [int(v) for v in values if v]
    assert known == sorted(known) and values[len(known):] == [""] * (len(values) - len(known))
    assert heads[decisive].get_attribute("aria-sort") == "ascending"
    assert heads[1].get_attribute("aria-sort") is None
    button.click()
    values = column(driver, decisive)
    known = [int(v) for v in values if v]
    assert known == sorted(known, reverse=True) and values[-1] == ""
    assert heads[decisive].get_attribute("aria-sort") == "descending"
    heads[0].find_element("css selector", "button.sort").click()
    titles = column(driver, 0)
    assert driver.execute_script(
        "const c = new Intl.Collator('en', {numeric: true});"
        "return arguments[0].every((t, i, a) => i === 0 || c.compare(a[i - 1], t) <= 0)", titles)
    heads[1].find_element("css selector", "button.sort").click()
    assert column(driver, 1) == sorted(column(driver, 1))


def test_the_keyboard_reaches_the_content_and_sorts(driver, site):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, site, "en/index.html")
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.is_displayed()
    active.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main"
    button = driver.find_elements("css selector", "#cases thead th button.sort")[8]
    button.send_keys(Keys.ENTER)  # a button: Enter (and Space) press it
    known = [int(v) for v in column(driver, 8) if v]
    assert known == sorted(known)


def test_without_javascript_every_case_is_listed_and_the_filters_stay_hidden(driver, site):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(driver, site, "en/index.html")
        assert not driver.find_element("id", "filters").is_displayed()
        assert len(visible_rows(driver)) == len(tc.load_cases())
        open_page(driver, site, f"zh/cases/{EXAMPLE}.html")
        assert driver.find_element("css selector", "table.timeline").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


# ---------------------------------------------------------------------------------------------
# Languages


def test_the_language_switch_keeps_the_page_and_the_filters(driver, site):
    from selenium.webdriver.support.ui import Select

    open_page(driver, site, f"en/cases/{EXAMPLE}.html")
    driver.find_element("css selector", "a.lang-switch").click()
    assert driver.current_url == (site / "zh" / "cases" / f"{EXAMPLE}.html").as_uri()
    assert driver.execute_script("return document.documentElement.lang") == "zh-Hans"
    driver.find_element("css selector", "a.lang-switch").click()
    assert driver.current_url == (site / "en" / "cases" / f"{EXAMPLE}.html").as_uri()

    open_page(driver, site, "en/index.html")
    Select(driver.find_element("id", "filter-pressure")).select_by_value("fans")
    shown = visible_rows(driver)
    driver.find_element("css selector", "a.lang-switch").click()
    assert urlsplit(driver.current_url).path.endswith("/zh/index.html")
    assert visible_rows(driver) == shown
    assert Select(driver.find_element("id", "filter-pressure")).first_selected_option \
        .get_attribute("value") == "fans"
    assert driver.find_element("id", "filter-count").text == \
        f"显示 {len(shown)} 个案例，共 {len(tc.load_cases())} 个。"


# ---------------------------------------------------------------------------------------------
# Every link, and nothing from elsewhere


def test_every_internal_link_opens_a_page_and_no_request_leaves_the_folder(driver, site):
    """From the root, follow every link inside the folder, opening each page once: each link
    opens one of the site's pages, each fragment names an element there, and every request the
    browser makes, for every page, is for a file inside the folder."""
    inside = site.as_uri() + "/"
    requests(driver)  # forget what came before
    todo, ids = [inside + "index.html"], {}
    wanted: dict[str, set[str]] = {}
    asked: list[str] = []
    while todo:
        url = todo.pop()
        if url in ids:
            continue
        driver.get(url)
        assert driver.execute_script(
            "return document.querySelector('meta[name=generator]') !== null"), url
        found = driver.execute_script(
            "return [Array.from(document.querySelectorAll('a[href]')).map(a => a.href),"
            " Array.from(document.querySelectorAll('[id]')).map(e => e.id)]")
        ids[url] = set(found[1])
        for href in found[0]:
            if not href.startswith("file:"):
                assert urlsplit(href).scheme in ("http", "https"), (url, href)
                continue
            assert href.startswith(inside), (url, href)
            page, _, fragment = href.partition("#")
            wanted.setdefault(page, set()).update([unquote(fragment)] if fragment else [])
            todo.append(page)
        asked += requests(driver)
    assert len(ids) == len(list(site.rglob("*.html")))
    assert sum(len(f) for f in wanted.values()) > 1_000
    missing = {page: sorted(f - ids[page]) for page, f in wanted.items() if f - ids[page]}
    assert missing == {}
    outside = sorted({a for a in asked if not a.startswith(inside)})
    assert outside == []
    assert {a.rsplit("/", 1)[-1] for a in asked if "/assets/" in a} == {"site.css", "site.js"}
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


# ---------------------------------------------------------------------------------------------
# Accessibility


AXE_PAGES = ["index.html", "en/index.html", "zh/index.html", f"en/cases/{EXAMPLE}.html",
             f"zh/cases/{EXAMPLE}.html", "zh/cases/intel-1994-pentium-fdiv.html",
             "en/sources.html", "zh/codebook.html", "en/commentary.html", "zh/commentary.html",
             "en/about.html", "en/findings.html", "zh/findings.html"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_or_critical_accessibility_violation(driver, site, path):
    source = axe_source()
    open_page(driver, site, path)
    driver.execute_script(source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))}))"
        ".catch(e => done({error: String(e)}));")
    assert "error" not in result, result
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


# ---------------------------------------------------------------------------------------------
# Printing and pictures


def test_a_case_prints_without_navigation_and_with_its_sources_addresses(driver, site,
                                                                          tmp_path):
    from selenium.webdriver.common.print_page_options import PrintOptions

    needs("pdftotext", "it reads the printed page back")
    open_page(driver, site, "en/cases/intel-1994-pentium-fdiv.html")
    options = PrintOptions()
    options.background = False
    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(base64.b64decode(driver.print_page(options)))
    text = " ".join(pdf_text(pdf).split())
    assert "Intel's Pentium division flaw and its replacement policy" in text
    assert "Skip to the content" not in text and "中文" not in text
    assert "Cite as:" in text
    squeezed = text.replace(" ", "")
    assert "<https://" in squeezed  # each source's address, printed after its link


_PROBE = """
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const found = node.data.match(/[\\u4e00-\\u9fff]{2,4}/);
  if (found) {
    const range = document.createRange();
    range.setStart(node, found.index);
    range.setEnd(node, found.index + found[0].length);
    const probe = document.createElement("span");
    range.surroundContents(probe);
    return probe;
  }
}
return null;
"""


def _reference(driver, element, tmp_path: Path) -> list[bytes]:
    """The element's text drawn alone, in its computed font, through Chromium's PDF (the path
    that draws CJK whole) and read back at the screenshot's two pixels per CSS pixel."""
    from selenium.webdriver.common.print_page_options import PrintOptions

    style = driver.execute_script(
        "const s = getComputedStyle(arguments[0]);"
        "return {text: arguments[0].textContent, lang: arguments[0].closest('[lang]')"
        ".getAttribute('lang'), css: ['font-family', 'font-size', 'font-weight', 'font-style',"
        " 'letter-spacing', 'text-autospace', 'font-feature-settings', 'color']"
        ".map(p => p + ': ' + s.getPropertyValue(p)).join('; ')}", element)
    page = tmp_path / "reference.html"
    css = escape(f"{style['css']}; white-space: nowrap")
    page.write_text(
        f'<!DOCTYPE html><html lang="{escape(style["lang"])}"><meta charset="utf-8">'
        f'<body style="margin: 20px"><span style="{css}">{escape(style["text"])}</span>'
        "</body></html>", encoding="utf-8")
    driver.get(page.as_uri())
    options = PrintOptions()
    options.page_width, options.page_height = 20, 5  # cm: one line, never wrapped
    options.margin_top = options.margin_bottom = options.margin_left = options.margin_right = 0
    options.shrink_to_fit = False
    pdf = tmp_path / "reference.pdf"
    pdf.write_bytes(base64.b64decode(driver.print_page(options)))
    return pdf_to_grey(pdf, 192)[2]


def glyph_problems(drawn: list[bytes], reference: list[bytes], glyphs: int) -> list[str]:
    """How a drawing of ``glyphs`` characters differs from a reference drawing of them: the
    ink's box, its amount, and its share in each quarter by quarter of a glyph (a missing stroke
    empties part of a glyph; the two rasterisers' own differences stay well below that)."""
    problems = []
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = ink_box(drawn), ink_box(reference)
    for name, a, b in (("width", ax1 - ax0, bx1 - bx0), ("height", ay1 - ay0, by1 - by0)):
        if abs(a - b) > max(3, 0.05 * b):
            problems.append(f"ink {name} {a} against {b}")
    ink_a, grid_a = glyph_profile(drawn, (4, 4 * glyphs))
    ink_b, grid_b = glyph_profile(reference, (4, 4 * glyphs))
    if abs(ink_a - ink_b) > 0.12 * ink_b:
        problems.append(f"{ink_a} ink pixels against {ink_b}")
    worst = max(abs(a - b) for a, b in zip(grid_a, grid_b))
    if worst > 0.2:
        problems.append(f"ink differs by {worst:.2f} in part of a glyph")
    return problems


@pytest.mark.parametrize("path, selector", [
    (f"zh/cases/{EXAMPLE}.html", "h1"),
    ("zh/index.html", "h1"),
    (f"en/cases/{EXAMPLE}.html", "a.lang-switch"),
    ("en/index.html", "a.lang-switch"),
])
def test_screenshots_draw_chinese_glyphs_whole(driver, site, tmp_path, path, selector):
    """Chinese characters in a screenshot of a page, in either language, match the same
    characters drawn through the PDF path stroke for stroke, and the comparison sees a missing
    stroke. The first run of up to four Chinese characters of the element is compared, so that
    one glyph is a large share of what is compared."""
    needs("pdftoppm", "it draws the reference from a PDF")
    open_page(driver, site, path)
    probe = driver.execute_script(_PROBE, driver.find_element("css selector", selector))
    assert probe is not None, f"no Chinese text in {selector}"
    glyphs = len(probe.text)
    _, _, drawn = read_png(probe.screenshot_as_png)
    reference = _reference(driver, probe, tmp_path)
    assert glyph_problems(drawn, reference, glyphs) == []
    x0, y0, x1, y1 = ink_box(drawn)
    for part in (8, 3):  # wipe a band through the first glyph, then through another
        band = range(x0 + (x1 - x0) // part - 3, x0 + (x1 - x0) // part + 4)
        broken = [bytes(255 if x in band else v for x, v in enumerate(row)) for row in drawn]
        assert glyph_problems(broken, reference, glyphs) != [], part


def test_the_readme_pictures_script_draws_both_languages(site, tmp_path):
    """``scripts/render_site_images.py`` writes a case page in each language as PNG."""
    needs("pdftoppm", "the pictures are checked like the screenshots")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "render_site_images.py"), "--out",
         str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for lang in ("en", "zh"):
        width, height, rows = read_png((tmp_path / f"site-case-{lang}.png").read_bytes())
        assert (width, height) == (2400, 1800)
        x0, y0, x1, y1 = ink_box(rows)
        assert x1 - x0 > width * 0.5 and y1 - y0 > height * 0.5
