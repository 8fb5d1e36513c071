"""Drawing a table as PDF or PNG in a headless Chromium.

PDF and PNG are drawn by great-tables' own saver (``GT.gtsave``) in a headless Chromium. As root,
Chromium needs ``--no-sandbox``, which ``gtsave`` cannot pass, so it is given a temporary wrapper
script through ``CHROME_PATH``. PNG is drawn with the table scaled up in CSS at ``zoom=1``:
changing the device scale factor after the page has loaded (``gtsave``'s default ``zoom=2``) can
draw Chinese glyphs with strokes missing.
"""

from __future__ import annotations

import gc
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import warnings
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from .._text import HAN
from ._content import Content, content
from .._errors import RenderError

if TYPE_CHECKING:
    import great_tables as gt

PRINT_SCALE = 300 / 96  # PNG pixels per CSS pixel: 300 dpi, fit for print

INSTALL = "apt-get install chromium fonts-noto-cjk"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_FLAGS = ("--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--no-default-browser-check")
_LOCK = threading.Lock()


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
    if os.path.isfile("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    try:
        import nokap._browser

        return nokap._browser.find_chrome()  # the usual places on macOS and Windows
    except Exception:
        raise RenderError("PDF and PNG need a Chromium or Chrome browser, and none was found. "
                          f"Install one (Debian/Ubuntu: {INSTALL}) or set CHROME_PATH to its "
                          "executable.") from None


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


def _gtsave(table: gt.GT, file: Path, **options: float) -> None:
    """``table.gtsave(file)`` with a Chromium that starts (as root: with ``--no-sandbox``)."""
    import nokap

    browser = find_browser()
    with _LOCK, tempfile.TemporaryDirectory(prefix="trustcrises-chromium-") as tmp:
        path = browser
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            import shlex

            path = os.path.join(tmp, "chromium")
            with open(path, "w", encoding="utf-8") as script:
                script.write(f"#!/bin/sh\nexec {shlex.quote(browser)} {' '.join(_FLAGS)} "
                             '"$@"\n')
            os.chmod(path, 0o700)
        before = os.environ.get("CHROME_PATH")
        os.environ["CHROME_PATH"] = path
        failure = None
        # nokap leaves the pipes of the browsers it ends (or that fail to start) to the garbage
        # collector: close what can be reached and keep the rest from warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            _close_nokap()
            try:
                table.gtsave(file, **options)
            except nokap.NokapError as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() \
                    else type(exc).__name__
                failure = (f"Chromium ({browser}) could not draw the table: {reason}. Check "
                           f"that `{browser} --headless --no-sandbox --dump-dom about:blank` "
                           f"runs, or install Chromium (Debian/Ubuntu: {INSTALL}).")
            except OSError as exc:
                failure = (f"Chromium ({browser}) could not start: {exc}. Install Chromium "
                           f"(Debian/Ubuntu: {INSTALL}) or set CHROME_PATH.")
            finally:
                _close_nokap()
                if before is None:
                    os.environ.pop("CHROME_PATH", None)
                else:
                    os.environ["CHROME_PATH"] = before
            gc.collect()
        if failure:
            raise RenderError(failure)


def _close_nokap() -> None:
    """End nokap's browser (started with this call's CHROME_PATH) and close its pipes."""
    import nokap
    import nokap._api

    process = getattr(nokap._api._browser, "_process", None)
    nokap.close()
    for stream in (getattr(process, "stderr", None), getattr(process, "stdout", None)):
        if stream is not None:
            stream.close()


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


def draw(table: gt.GT, file: Path, fmt: str, *, scale: float = PRINT_SCALE) -> None:
    """Draw ``table`` into ``file`` as PDF (vector) or PNG (``scale`` pixels per CSS pixel)."""
    _check_fonts(content(table))
    if fmt == "pdf":
        _gtsave(table, file)
        return
    if not 1 <= scale <= 6:
        raise ValueError(f"scale must be between 1 and 6, not {scale!r}")
    # Scaled in CSS and drawn at zoom=1, so every glyph is rasterised at its final size; the
    # viewport is scaled too, so the table is laid out as it is for the PDF.
    _gtsave(table.opt_css(f".gt_table {{ zoom: {scale:g}; }}"), file, zoom=1,
            expand=round(5 * scale), vwidth=round(992 * scale), vheight=round(744 * scale))
    file.write_bytes(_with_dpi(file.read_bytes(), scale))
