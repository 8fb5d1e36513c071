"""Saving a table: HTML, PDF, PNG, LaTeX, Markdown and CSV with the same content.

Every format starts from the table's own HTML rendering (``GT.as_raw_html``), so a table a user
restyled saves as they see it. The text formats (Markdown, CSV, LaTeX) are read back from that
HTML: the same title, spanners, column labels, cells and notes, each escaped for its format.
Pictures in cells (the response-timing bars) have no text form; those columns are left out of the
text formats, whose numbers carry the same information.

PDF and PNG are drawn by great-tables' own saver (``GT.gtsave``) in a headless Chromium. As root,
Chromium needs ``--no-sandbox``, which ``gtsave`` cannot pass, so it is given a temporary wrapper
script through ``CHROME_PATH``. PNG is drawn with the table scaled up in CSS at ``zoom=1``:
changing the device scale factor after the page has loaded (``gtsave``'s default ``zoom=2``) can
draw Chinese glyphs with strokes missing.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import _labels as L
from ._errors import OutputError, RenderError

if TYPE_CHECKING:
    import great_tables as gt

Format = Literal["html", "pdf", "png", "latex", "md", "csv"]
FORMATS: tuple[str, ...] = ("html", "pdf", "png", "latex", "md", "csv")
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".png": "png", ".tex": "latex",
              ".md": "md", ".markdown": "md", ".csv": "csv"}
INSTALL = "apt-get install chromium fonts-noto-cjk"
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]")


def format_of(path: str | Path | None, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` when given, else the one the file's extension names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"Unknown format {fmt!r}. Formats: {', '.join(FORMATS)}.")
        return fmt
    suffix = Path(path).suffix.lower() if path is not None else ""
    if suffix not in EXTENSIONS:
        raise ValueError(f"Cannot tell the format from the file name {str(path)!r}: give one "
                         f"of the extensions {', '.join(EXTENSIONS)} or a format "
                         f"({', '.join(FORMATS)}).")
    return EXTENSIONS[suffix]


# ---------------------------------------------------------------------------------------------
# The content of a rendered table


@dataclass
class Content:
    """What a table says, as plain text: the same in every format."""

    title: str = ""
    subtitle: str = ""
    columns: list[str] = field(default_factory=list)
    align: list[str] = field(default_factory=list)
    spanners: list[list[tuple[str, int, int]]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pictures: set[int] = field(default_factory=set)

    def text_only(self) -> Content:
        """The content without the columns that only hold pictures."""
        keep = [i for i in range(len(self.columns)) if i not in self.pictures]
        index = {old: new for new, old in enumerate(keep)}
        spanners = []
        for level in self.spanners:
            kept = []
            for label, start, stop in level:
                inside = [index[i] for i in range(start, stop) if i in index]
                if inside:
                    kept.append((label, inside[0], inside[-1] + 1))
            spanners.append(kept)
        return replace(self, columns=[self.columns[i] for i in keep],
                       align=[self.align[i] for i in keep], spanners=spanners,
                       rows=[[row[i] for i in keep] for row in self.rows], pictures=set())

    def all_text(self) -> str:
        return "\n".join([self.title, self.subtitle, *self.columns, *self.notes,
                          *(label for level in self.spanners for label, _, _ in level),
                          *(cell for row in self.rows for cell in row)])


class _Reader(HTMLParser):
    """Reads the title, headers, body cells and notes of a great-tables HTML table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.content = Content()
        self.section = ""
        self.header_rows: list[list[dict]] = []
        self.body_rows: list[list[dict]] = []
        self.row: list[dict] | None = None
        self.cell: dict | None = None
        self.skip = 0  # inside <svg> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        if tag in ("svg", "style", "script"):
            self.skip += 1
            if self.cell is not None and tag == "svg":
                self.cell["picture"] = True
            return
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = {"text": [], "classes": classes, "picture": False,
                         "rowspan": int(a.get("rowspan") or 1),
                         "colspan": int(a.get("colspan") or 1)}
        elif tag == "br" and self.cell is not None:
            self.cell["text"].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.cell["text"] = " ".join("".join(self.cell["text"]).split())
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._row_done(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell["text"].append(data)

    def _row_done(self, row: list[dict]) -> None:
        c = self.content
        for cell in row:
            if "gt_title" in cell["classes"]:
                c.title = cell["text"]
                return
            if "gt_subtitle" in cell["classes"]:
                c.subtitle = cell["text"]
                return
            if cell["classes"] & {"gt_sourcenote", "gt_footnote"}:
                if cell["text"]:
                    c.notes.append(cell["text"])
                return
        if self.section == "thead":
            self.header_rows.append(row)
        elif self.section == "tbody" and row:
            self.body_rows.append(row)

    def finish(self) -> Content:
        c = self.content
        grid: dict[tuple[int, int], dict] = {}
        for r, row in enumerate(self.header_rows):
            col = 0
            for cell in row:
                while (r, col) in grid:
                    col += 1
                for dr in range(cell["rowspan"]):
                    for dc in range(cell["colspan"]):
                        grid[(r + dr, col + dc)] = cell
                col += cell["colspan"]
        bottom = len(self.header_rows) - 1
        width = max((col + 1 for (r, col) in grid if r == bottom), default=0)
        labels = [grid.get((bottom, i), {"text": "", "classes": set()}) for i in range(width)]
        c.columns = [cell["text"] for cell in labels]
        c.align = [next((s for s in ("right", "center") if f"gt_{s}" in cell["classes"]),
                        "left") for cell in labels]
        for r in range(bottom):
            level: list[tuple[str, int, int]] = []
            i = 0
            while i < width:
                cell = grid.get((r, i))
                j = i + 1
                while j < width and grid.get((r, j)) is cell:
                    j += 1
                if cell is not None and cell is not labels[i]:
                    level.append((cell["text"], i, j))
                i = j
            if level:
                c.spanners.append(level)
        for row in self.body_rows:
            if len(row) == 1 and row[0]["colspan"] > 1:  # a row group heading
                c.rows.append([row[0]["text"]] + [""] * (width - 1))
                continue
            c.rows.append([cell["text"] for cell in row] + [""] * (width - len(row)))
        for i in range(width):
            cells = [row[i] for row in self.body_rows if i < len(row)]
            if any(cell["picture"] for cell in cells) and all(
                    cell["picture"] or not cell["text"] for cell in cells):
                c.pictures.add(i)
        return c


def content(table: gt.GT) -> Content:
    """The text of ``table``'s HTML rendering: title, spanners, labels, cells, notes."""
    html = table.as_raw_html()
    if "<table" not in html:
        raise RenderError("This table renders without an HTML <table> (an interactive table?), "
                          "so it cannot be saved in this format.")
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.finish()


def _lang(found: Content, lang: str | None) -> str:
    if lang is not None:
        return L.check_lang(lang)
    heads = " ".join([found.title, found.subtitle, *found.columns])
    return "zh" if _CJK.search(heads) else "en"


# ---------------------------------------------------------------------------------------------
# Text formats


def to_html(table: gt.GT, *, lang: str | None = None) -> str:
    """A standalone HTML page holding the table (no scripts may run in it)."""
    found = content(table)
    lang = _lang(found, lang)
    title = found.title or "trustcrises"
    fonts = ", ".join(f"'{f}'" if " " in f else f for f in L.FONTS[lang])
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{L.HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline' https:; font-src data: https:; img-src data: https:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>body {{ margin: 24px; background: #fff; font-family: {fonts}; }}</style>\n"
        f"</head>\n<body>\n{table.as_raw_html()}\n</body>\n</html>\n"
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(table: gt.GT) -> str:
    """A GitHub-flavoured Markdown table; every piece of text is escaped, none is markup."""
    c = content(table).text_only()
    rule = {"left": ":--", "right": "--:", "center": ":-:"}
    out = []
    if c.title:
        out += [f"**{_md(c.title)}**", ""]
    if c.subtitle:
        out += [_md(c.subtitle), ""]
    out.append("| " + " | ".join(_md(h) for h in c.columns) + " |")
    out.append("| " + " | ".join(rule[a] for a in c.align) + " |")
    out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in c.rows]
    for note in c.notes:
        out += ["", _md(note)]
    return "\n".join(out) + "\n"


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _csv_cell(text: str) -> str:
    # A cell that starts like a formula is run by spreadsheets: make it plain text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text


def to_csv(table: gt.GT) -> str:
    """The cells under one header row of column labels, as CSV text."""
    c = content(table).text_only()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(h) for h in c.columns])
    writer.writerows([[_csv_cell(cell) for cell in row] for row in c.rows])
    return buffer.getvalue()


_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
        "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
        "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
        '"': r"\textquotedbl{}", L.USED: r"\textbullet{}", L.DECISIVE: r"$\star$",
        "`": r"\textasciigrave{}", "—": "---", "–": "--", "“": "``", "”": "''", "‘": "`",
        "’": "'", "\u00a0": "~", "-": "-{}"}
# A hyphen is kept apart from the next one only, so that "--" stays two hyphens.
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX if k != "-") + "|-(?=-)")


def _tex(text: str) -> str:
    return _TEX_RE.sub(lambda m: _TEX[m.group(0)], " ".join(text.split()))


def _weight(text: str) -> int:
    """Width of ``text`` in half-ems: a CJK character is about twice as wide as a letter."""
    return sum(2 if _CJK.match(ch) else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    cjk = r"[\u2e80-\u9fff\uff00-\uffef][\uff00-\uffef\u3000-\u303f]?"
    return re.findall(cjk + r"|[^\s\u2e80-\u9fff]+", text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of about ``width`` half-ems, broken between words or CJK characters."""
    lines: list[str] = []
    for token in _tokens(text):
        cjk = bool(_CJK.match(token))
        if lines and _weight(lines[-1]) + _weight(token) + (0 if cjk else 1) <= width:
            joiner = "" if cjk or _CJK.match(lines[-1][-1]) else " "
            lines[-1] += joiner + token
        else:
            lines.append(token)
    return lines or [""]


def latex_table(table: gt.GT, *, lang: str | None = None) -> str:
    """The table as a LaTeX ``longtable`` (booktabs rules) to paste into a document.

    Needs ``\\usepackage{booktabs, longtable, array}``; Chinese text needs XeLaTeX with
    ``ctex`` (or ``xeCJK``). :func:`to_latex` gives a document that compiles as it is.
    """
    c = content(table)
    lang = _lang(c, lang)
    c = c.text_only()
    n = len(c.columns)
    line = 84.0 if n > 6 else 53.0  # \linewidth in ems of \small: A4 landscape or portrait
    pad = 1.33                      # 2\tabcolsep in ems of \small
    longest = [max((_weight(r[i]) for r in c.rows), default=0) for i in range(n)]
    short = [longest[i] <= 20 for i in range(n)]
    heads = [_wrap(h, max(longest[i], 8)) if short[i] else [h] for i, h in enumerate(c.columns)]
    fixed = sum(max(longest[i], *(_weight(x) for x in heads[i])) / 2 + pad
                for i in range(n) if short[i])
    share = {i: min(max(sum(_weight(r[i]) for r in c.rows) / max(len(c.rows), 1), 10), 120)
             for i in range(n) if not short[i]}
    room = max(line - fixed - pad * len(share), 10.0)
    width = {i: room * share[i] / sum(share.values()) for i in share}
    least = {i: max(_weight(w) for text in [c.columns[i], *(r[i] for r in c.rows)]
                    for w in _tokens(text) or [""]) / 2 + 0.5 for i in share}
    for i in share:
        width[i] = max(width[i], least[i])
    over = sum(width.values()) - room
    spare = sum(width[i] - least[i] for i in share)
    if over > 0 and spare > 0:
        for i in share:
            width[i] -= over * (width[i] - least[i]) / spare
    ragged = {"left": r"\raggedright", "right": r"\raggedleft", "center": r"\centering"}
    spec = []
    for i, a in enumerate(c.align):
        if short[i]:
            spec.append(a[0])
        else:
            fraction = (width[i] + pad) / line
            spec.append(f">{{{ragged[a]}\\arraybackslash}}"
                        f"p{{\\dimexpr {fraction:.3f}\\linewidth-2\\tabcolsep\\relax}}")

    def head_cell(i: int) -> str:
        if len(heads[i]) == 1:
            return f"\\bfseries {_tex(heads[i][0])}"
        stacked = r"\\".join(_tex(x) for x in heads[i])
        return (f"\\bfseries\\begin{{tabular}}[b]{{@{{}}{c.align[i][0]}@{{}}}}{stacked}"
                r"\end{tabular}")

    head = []
    for level in c.spanners:
        cells, rules, col = [], [], 0
        for label, start, stop in level:
            cells += [""] * (start - col)
            cells.append(f"\\multicolumn{{{stop - start}}}{{c}}{{\\bfseries {_tex(label)}}}")
            rules.append(f"\\cmidrule(lr){{{start + 1}-{stop}}}")
            col = stop
        cells += [""] * (n - col)
        head.append(" & ".join(cells) + r" \\" + " " + "".join(rules))
    head.append(" & ".join(head_cell(i) for i in range(n)) + r" \\")
    caption = L.text(lang, "caption", title=c.title, subtitle=c.subtitle) if c.subtitle \
        else c.title
    out = [r"{\small", r"\setlength{\LTcapwidth}{\linewidth}",
           f"\\begin{{longtable}}{{@{{}}{''.join(spec)}@{{}}}}"]
    if caption:
        out.append(f"\\caption{{{_tex(caption)}}}\\\\")
    out += [r"\toprule", *head, r"\midrule", r"\endfirsthead",
            r"\toprule", *head, r"\midrule", r"\endhead",
            r"\bottomrule", r"\endfoot", r"\bottomrule", r"\endlastfoot",
            *(" & ".join(_tex(cell) for cell in row) + r" \\" for row in c.rows),
            r"\end{longtable}"]
    out += [f"\\par\\noindent{{\\footnotesize {_tex(note)}\\par}}" for note in c.notes]
    out.append("}")
    return "\n".join(out) + "\n"


def to_latex(table: gt.GT, *, lang: str | None = None) -> str:
    """A LaTeX document holding :func:`latex_table`, ready to compile.

    Plain ASCII and Latin text compiles with pdfLaTeX; a table with Chinese (or other text
    outside Latin-1) asks for XeLaTeX, with ``ctex`` providing the Chinese fonts.
    """
    found = content(table)
    lang = _lang(found, lang)
    body = latex_table(table, lang=lang)
    wide = len(found.text_only().columns) > 6
    unicode = any(ord(ch) > 0xFF for ch in _TEX_RE.sub("", body))
    cjk = bool(_CJK.search(body))
    if cjk:
        engine = "xelatex"
        fonts = (r"\usepackage[UTF8]{ctex}" if lang == "zh"
                 else r"\usepackage[UTF8, scheme=plain]{ctex}")
    elif unicode:
        engine, fonts = "xelatex", r"\usepackage{fontspec}"
    else:
        engine, fonts = "pdflatex", "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}"
    geometry = "landscape, margin=1.5cm" if wide else "margin=2cm"
    return (
        f"% A table made by trustcrises. Compile with: {engine} FILE.tex\n"
        "% To use it in your own document, copy the longtable below and load booktabs,\n"
        "% longtable and array (Chinese text also needs XeLaTeX with ctex or xeCJK).\n"
        f"\\documentclass{{article}}\n{fonts}\n\\usepackage[{geometry}]{{geometry}}\n"
        "\\usepackage{booktabs}\n\\usepackage{longtable}\n\\usepackage{array}\n"
        "\\begin{document}\n" + body + "\\end{document}\n"
    )


def to_text(table: gt.GT, fmt: str, *, lang: str | None = None) -> str:
    """The table as text in ``fmt`` (html, latex, md or csv)."""
    writers: dict[str, Callable[[], str]] = {
        "html": lambda: to_html(table, lang=lang), "latex": lambda: to_latex(table, lang=lang),
        "md": lambda: to_markdown(table), "csv": lambda: to_csv(table)}
    if fmt not in writers:
        raise ValueError(f"{fmt!r} is not a text format; text formats: {', '.join(writers)}.")
    return writers[fmt]()


# ---------------------------------------------------------------------------------------------
# Chromium: PDF and PNG

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
    if fc_list is None or not _CJK.search(found.all_text()):
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


def draw(table: gt.GT, file: Path, fmt: str, *, scale: float = 2.0) -> None:
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


# ---------------------------------------------------------------------------------------------
# Files


def _place(tmp: Path, path: Path, force: bool) -> None:
    """Move ``tmp`` to ``path``: atomically, and never over an existing file unless ``force``."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputError(f"{str(path)!r} already exists. Pass --force (force=True) to "
                          "overwrite it.") from None
    except OSError:  # no hard links on this file system
        if path.exists():
            raise OutputError(f"{str(path)!r} already exists. Pass --force (force=True) to "
                              "overwrite it.") from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def save(table: gt.GT, path: str | Path, fmt: str | None = None, *, lang: str | None = None,
         force: bool = False, scale: float = 2.0) -> Path:
    """Save ``table`` to ``path`` as html, pdf, png, latex, md or csv.

    Parameters
    ----------
    table
        A ``GT``, such as ``tc.compare()``; it is not changed.
    path
        The file to write; its extension gives the format when ``fmt`` is None.
    fmt
        One of ``html``, ``pdf``, ``png``, ``latex``, ``md``, ``csv``.
    lang
        ``en`` or ``zh``, for the page's language; found from the headers when None.
    force
        Overwrite an existing file (otherwise an ``OutputError``).
    scale
        PNG pixels per CSS pixel (2 is 192 dpi at the table's natural size).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    fmt = format_of(path, fmt)
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {str(path)!r}: the folder {str(folder)!r} does not "
                          "exist.")
    if path.exists() and not force:
        raise OutputError(f"{str(path)!r} already exists. Pass --force (force=True) to "
                          "overwrite it.")
    try:
        tmp_dir = Path(tempfile.mkdtemp(prefix=".trustcrises-", dir=folder))
    except OSError as exc:
        raise OutputError(f"Cannot write into {str(folder)!r}: {exc.strerror or exc}.") from None
    try:
        tmp = tmp_dir / f"table{path.suffix or '.' + fmt}"
        if fmt in ("pdf", "png"):
            if fmt == "png" and tmp.suffix.lower() != ".png":
                tmp = tmp.with_suffix(".png")
            if fmt == "pdf" and tmp.suffix.lower() != ".pdf":
                tmp = tmp.with_suffix(".pdf")
            draw(table, tmp, fmt, scale=scale)
        else:
            text = to_text(table, fmt, lang=lang)
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
            tmp.write_text(text, encoding=encoding, newline="")
        _place(tmp, path, force)
    except OSError as exc:
        raise OutputError(f"Cannot write {str(path)!r}: {exc.strerror or exc}.") from None
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return path
