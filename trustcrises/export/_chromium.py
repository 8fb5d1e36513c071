"""Drawing a table as PDF or PNG in a headless Chromium.

Each drawing starts its own headless Chromium (:mod:`._devtools`: a process this package owns,
spoken to over a pipe), loads the table's HTML from a temporary file, and asks the browser for
a PDF or a screenshot of the table; nothing about the process it runs in is changed. As root
(containers, CI) Chromium is started with ``--no-sandbox``, without which it refuses to run.

- PDF, ``page="fit"``: one page the size of the table, with 5 CSS pixels of white around it.
- PDF, ``page="a4"`` or ``"letter"``: the table on pages of that size with 1.5 cm margins,
  turned to landscape when it is wider than a portrait page's text, and scaled down when it is
  wider than a landscape page's text; a long table runs on over pages, its header repeated
  and its notes at the end.
- PNG: the table scaled up in CSS (``zoom``) and photographed at one pixel per CSS pixel, so
  every glyph is rasterised at its final size (changing the device scale factor after the page
  has loaded can draw Chinese glyphs with strokes missing).

PDFs embed their fonts, none as Type 3: see :mod:`._fonts`.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from .._errors import RenderError
from .._text import HAN
from ._content import Content, content
from ._devtools import Browser, DevToolsError, Tab
from ._fonts import font_faces

if TYPE_CHECKING:
    import great_tables as gt

PRINT_SCALE = 300 / 96  # PNG pixels per CSS pixel: 300 dpi, fit for print

Page = Literal["fit", "a4", "letter"]
PAGES: tuple[str, ...] = get_args(Page)
#: Portrait paper sizes, in inches.
PAPER = {"a4": (210 / 25.4, 297 / 25.4), "letter": (8.5, 11.0)}
MARGIN = 1.5 / 2.54  # inches on every side of an A4 or letter page
CSS_PX = 96  # CSS pixels per inch

INSTALL = "apt-get install chromium fonts-noto-cjk"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Where Chrome and Chromium are installed on macOS, when they are not on the PATH.
_KNOWN_PLACES = ("/usr/bin/chromium",
                 "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                 "/Applications/Chromium.app/Contents/MacOS/Chromium")
# The layout width (CSS pixels) a table is first drawn at, and the white around it.
_VIEWPORT = (992, 744)
_EXPAND = 5


def find_browser() -> str:
    """The Chromium (or Chrome) to draw with: ``CHROME_PATH``, the PATH, or a known place."""
    env = os.environ.get("CHROME_PATH")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env
        raise RenderError(f"CHROME_PATH is set to {env!r}, which is not an executable file. "
                          "Point it at Chromium or Chrome, or unset it to use the one on the "
                          f"PATH (Debian/Ubuntu: {INSTALL}).")
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES:
        if os.path.isfile(place):
            return place
    raise RenderError("PDF and PNG need a Chromium or Chrome browser, and none was found. "
                      f"Install one (Debian/Ubuntu: {INSTALL}) or set CHROME_PATH to its "
                      "executable.")


def check_page(page: str) -> str:
    if page not in PAGES:
        raise ValueError(f"Unknown page {page!r}. Pages: {', '.join(PAGES)}.")
    return page


def _check_fonts(found: Content) -> None:
    """Refuse to draw Chinese text with no Chinese font installed (it would print as boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None or not HAN.search(found.all_text()):
        return
    try:
        result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return
    if result.returncode == 0 and not result.stdout.strip():
        raise RenderError("The table has Chinese text but no font with Chinese glyphs is "
                          "installed, so it would print as empty boxes. Install one "
                          f"(Debian/Ubuntu: {INSTALL}).")


def _with_dpi(png: bytes, scale: float) -> bytes:
    """The PNG with a pHYs chunk saying how many pixels make an inch (96 CSS px × scale)."""
    if b"pHYs" in png[:64] or png[:8] != b"\x89PNG\r\n\x1a\n":
        return png
    per_metre = round(96 * scale / 0.0254)
    body = struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = (struct.pack(">I", len(body)) + b"pHYs" + body
             + struct.pack(">I", zlib.crc32(b"pHYs" + body) & 0xFFFFFFFF))
    end_of_ihdr = 8 + 8 + 13 + 4
    return png[:end_of_ihdr] + chunk + png[end_of_ihdr:]


def _page_html(table_html: str, style: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<style>{style}</style>\n'
            f"</head>\n<body>\n{table_html}\n</body>\n</html>\n")


_BOUNDS = ("(() => { const r = document.querySelector('table').getBoundingClientRect();"
           " return [r.x, r.y, r.width, r.height]; })()")


def _table_bounds(tab: Tab) -> tuple[float, float, float, float]:
    """Where the table is (x, y, width, height), laid out at its natural width.

    A table as wide as the viewport may have been squeezed into it: it is measured again in
    a very wide viewport, and kept there unless it grew with it (a table that fills any width
    it is given is drawn at the first width).
    """
    first = tab.width
    bounds = tab.evaluate(_BOUNDS)
    if bounds is None:
        raise DevToolsError("the page has no table")
    if bounds[2] >= first - 1:
        tab.viewport(16384, tab.height)
        bounds = tab.evaluate(_BOUNDS)
        if bounds[2] >= first * 2:
            tab.viewport(first, tab.height)
            bounds = tab.evaluate(_BOUNDS)
    return tuple(bounds)  # type: ignore[return-value]


def _fitted_pdf(tab: Tab) -> bytes:
    """One page the size of the table, with ``_EXPAND`` CSS pixels of white around it."""
    x, y, width, height = _table_bounds(tab)
    tab.evaluate(
        "(() => { const s = document.createElement('style'); s.textContent = `@media print {"
        " body * { visibility: hidden !important; }"
        " table, table * { visibility: visible !important; }"
        f" table {{ position: fixed !important; left: {_EXPAND}px !important;"
        f" top: {_EXPAND}px !important; margin: 0 !important; }}"
        " @page { margin: 0; } }`; document.head.appendChild(s); return true; })()")
    return tab.pdf(paperWidth=max((width + 2 * _EXPAND) / CSS_PX, 0.1),
                   paperHeight=max((height + 2 * _EXPAND) / CSS_PX, 0.1),
                   marginTop=0, marginBottom=0, marginLeft=0, marginRight=0, scale=1)


def _paged_pdf(tab: Tab, page: str) -> bytes:
    """The table on A4 or letter pages: portrait if it fits the text width, else landscape,
    scaled down (never up) to the text width when it is wider still."""
    _, _, width, _ = _table_bounds(tab)
    short, long = PAPER[page]
    text_width = (short - 2 * MARGIN) * CSS_PX
    landscape = width > text_width
    if landscape:
        short, long = long, short
        text_width = (short - 2 * MARGIN) * CSS_PX
    scale = max(min(1.0, text_width / (width + 1)), 0.1)  # a pixel to spare for rounding
    # The header repeats on every page; the notes (in the table's foot) come once, at the end.
    tab.evaluate("(() => { const s = document.createElement('style');"
                 " s.textContent = '@media print { html, body { margin: 0 !important; }"
                 " tfoot { display: table-row-group !important; } }';"
                 " document.head.appendChild(s); return true; })()")
    return tab.pdf(paperWidth=short, paperHeight=long, marginTop=MARGIN, marginBottom=MARGIN,
                   marginLeft=MARGIN, marginRight=MARGIN, scale=scale)


def draw(table: gt.GT, file: Path, fmt: str, *, scale: float = PRINT_SCALE,
         page: str = "fit") -> None:
    """Draw ``table`` into ``file`` as PDF (vector, on ``page``) or PNG (``scale`` pixels per
    CSS pixel)."""
    _check_fonts(content(table))
    check_page(page)
    browser = find_browser()
    if fmt == "png":
        if not 1 <= scale <= 6:
            raise ValueError(f"scale must be between 1 and 6, not {scale!r}")
        # Scaled in CSS, so every glyph is rasterised at its final size; the viewport is
        # scaled too, so the table is laid out as it is for the PDF.
        html = _page_html(table.opt_css(f".gt_table {{ zoom: {scale:g}; }}").as_raw_html())
        viewport = (round(_VIEWPORT[0] * scale), round(_VIEWPORT[1] * scale))
    else:
        raw = table.as_raw_html()
        html = _page_html(raw, font_faces(raw))
        viewport = _VIEWPORT
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    with tempfile.TemporaryDirectory(prefix="trustcrises-page-") as tmp:
        source = Path(tmp) / "table.html"
        source.write_text(html, encoding="utf-8")
        try:
            with Browser(browser, no_sandbox=as_root) as chromium:
                tab = chromium.tab(*viewport)
                tab.open(source.as_uri())
                if fmt == "png":
                    x, y, width, height = _table_bounds(tab)
                    expand = round(_EXPAND * scale)
                    data = _with_dpi(tab.screenshot({
                        "x": max(x - expand, 0), "y": max(y - expand, 0),
                        "width": width + 2 * expand, "height": height + 2 * expand}), scale)
                elif page == "fit":
                    data = _fitted_pdf(tab)
                else:
                    data = _paged_pdf(tab, page)
        except DevToolsError as exc:
            raise RenderError(
                f"Chromium ({browser}) could not draw the table: {exc}. Check that "
                f"`{browser} --headless --no-sandbox --dump-dom about:blank` runs, or install "
                f"Chromium (Debian/Ubuntu: {INSTALL}).") from None
        except OSError as exc:
            raise RenderError(f"Chromium ({browser}) could not start: {exc}. Install Chromium "
                              f"(Debian/Ubuntu: {INSTALL}) or set CHROME_PATH.") from None
    file.write_bytes(data)
