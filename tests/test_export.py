"""Saving tables: every format carries the same content, escapes case text, and PDF and PNG
are drawn by a real Chromium with whole Chinese glyphs.

Tests marked ``browser`` need Chromium (and poppler's pdftoppm/pdftotext to read PDFs back);
without them they skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from great_tables import GT
from conftest import concat, needs
from test_tables import EXAMPLE, FORMULA, IMG, PAYLOAD, QUOTES, SCRIPT, SLOW, TEX, payload_case
from test_tables import data_dir as data_dir  # a fixture: the example case, built
from test_tables import frames as frames  # a fixture: the example, slow and payload cases

import trustcrises as tc
from trustcrises.export import _chromium as C
from trustcrises.export import _export as X
from trustcrises import _labels as L
from trustcrises._text import NO_LINE_END
from trustcrises.export import _textformats as T
from trustcrises.export._content import content
from trustcrises._errors import OutputError, RenderError


@pytest.fixture(scope="module")
def tables(frames: dict[str, pd.DataFrame]) -> dict[str, GT]:
    """Every kind of table, in both languages, each showing the payload case."""
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    made = {}
    for lang in ("en", "zh"):
        made[f"compare-{lang}"] = tc.compare([PAYLOAD, SLOW, EXAMPLE], lang=lang, **kwargs)
        made[f"timeline-{lang}"] = tc.timeline(PAYLOAD, lang=lang, sources=frames["sources"],
                                               **kwargs)
        made[f"matrix-{lang}"] = tc.response_matrix([PAYLOAD, EXAMPLE], lang=lang, **kwargs)
    return made




# ---------------------------------------------------------------------------------------------
# Reading what was written


class Elements(HTMLParser):
    """Every element and attribute of an HTML document, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.cells: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "tr":
            self.cells.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_no_markup_from_data(html: str) -> None:
    """No script or image element, no event handler, no javascript: link."""
    found = elements(html)
    tags = [t for t, _ in found.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in found.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not [v for v in attrs.values() if "javascript:" in v.lower()], (tag, attrs)


def markdown_html(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders Markdown")
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and grey rows (0 black .. 255 white) of an 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert depth == 8 and interlace == 0
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * ch
    prev, rows = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for x in range(ch, stride):
                line[x] = (line[x] + line[x - ch]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:
            for x in range(stride):
                left = line[x - ch] if x >= ch else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - ch] if x >= ch else 0
                b, c = prev[x], (prev[x - ch] if x >= ch else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[0::ch]) if ch < 3 else bytes(
            (r * 299 + g * 587 + b * 114) // 1000
            for r, g, b in zip(line[0::ch], line[1::ch], line[2::ch])))
        prev = line
    return width, height, rows


def read_pgm(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of a binary PGM (what ``pdftoppm -gray`` writes)."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    return width, height, [pixels[y * width:(y + 1) * width] for y in range(height)]


def pdf_to_grey(pdf: Path, dpi: int) -> tuple[int, int, list[bytes]]:
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", str(pdf), str(out)],
                   check=True, timeout=60)
    return read_pgm(out.with_suffix(".pgm").read_bytes())


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def ink_box(rows: list[bytes], threshold: int = 160) -> tuple[int, int, int, int]:
    ys = [y for y, row in enumerate(rows) if min(row) < threshold]
    xs = [x for row in rows for x, v in enumerate(row) if v < threshold]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def glyph_profile(rows: list[bytes], grid: tuple[int, int] = (8, 32)) -> tuple[int, list[float]]:
    """Ink pixels inside the ink's bounding box and the share of ink in each grid cell."""
    x0, y0, x1, y1 = ink_box(rows)
    gy, gx = grid
    cells = [[0, 0] for _ in range(gy * gx)]
    ink = 0
    for y in range(y0, y1):
        row = rows[y]
        for x in range(x0, x1):
            cell = cells[min((y - y0) * gy // (y1 - y0), gy - 1) * gx
                         + min((x - x0) * gx // (x1 - x0), gx - 1)]
            cell[1] += 1
            if row[x] < 160:
                cell[0] += 1
                ink += 1
    return ink, [a / b if b else 0.0 for a, b in cells]


def glyph_differences(drawn: list[bytes], reference: list[bytes]) -> list[str]:
    """How a drawing of glyphs differs from a reference drawing of the same glyphs."""
    problems = []
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = ink_box(drawn), ink_box(reference)
    for name, a, b in (("width", ax1 - ax0, bx1 - bx0), ("height", ay1 - ay0, by1 - by0)):
        if abs(a - b) > max(3, 0.05 * b):
            problems.append(f"ink {name} {a} against {b}")
    ink_a, grid_a = glyph_profile(drawn)
    ink_b, grid_b = glyph_profile(reference)
    if abs(ink_a - ink_b) > 0.12 * ink_b:
        problems.append(f"{ink_a} ink pixels against {ink_b}")
    worst = max(abs(a - b) for a, b in zip(grid_a, grid_b))
    if worst > 0.25:
        problems.append(f"ink differs by {worst:.2f} in part of the glyphs")
    return problems


# ---------------------------------------------------------------------------------------------
# Formats and files


def test_format_comes_from_the_extension_or_is_given():
    assert X.format_of("t.HTML") == "html" and X.format_of("t.tex") == "latex"
    assert X.format_of("t.docx", "md") == "md"
    with pytest.raises(ValueError) as info:
        X.format_of("t.docx")
    assert str(info.value) == (
        "Cannot tell the format from the file name 't.docx': give one of the extensions .html, "
        ".htm, .pdf, .png, .tex, .md, .markdown, .csv or a format (html, pdf, png, latex, md, "
        "csv).")
    with pytest.raises(ValueError, match=r"^Unknown format 'docx'\. Formats: html, pdf"):
        X.format_of("t.md", "docx")


def test_save_refuses_to_overwrite_without_force(frames, tmp_path):
    table = tc.compare([EXAMPLE], fields=["company"], cases=frames["cases"],
                       events=frames["events"])
    path = X.save(table, tmp_path / "t.md")
    path.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        X.save(table, path)
    assert str(info.value) == (f"{str(path)!r} already exists. Pass --force (force=True) to "
                               "overwrite it.")
    assert path.read_text(encoding="utf-8") == "old"
    X.save(table, path, force=True)
    assert path.read_text(encoding="utf-8").startswith("**Corporate trust crises compared**")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md"]  # no temporary files left
    with pytest.raises(OutputError, match="the folder .* does not exist"):
        X.save(table, tmp_path / "missing" / "t.md")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_is_a_standalone_page_in_the_tables_language(frames, tmp_path, lang):
    table = tc.compare([EXAMPLE, SLOW], lang=lang, cases=frames["cases"],
                       events=frames["events"])
    html = X.save(table, tmp_path / "t.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n")
    found = elements(html)
    tags = dict(found.tags)
    assert tags["html"]["lang"] == L.HTML_LANG[lang]
    metas = [a for t, a in found.tags if t == "meta"]
    assert {"charset": "utf-8"} in metas
    policy = [a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy[0].startswith("default-src 'none';") and "script-src" not in policy[0]
    title = unescape(re.search(r"<title>(.*?)</title>", html).group(1))
    assert title == content(table).title


@pytest.mark.parametrize("name", ["compare-en", "compare-zh", "timeline-zh", "matrix-en"])
def test_markdown_and_csv_carry_the_same_content_as_the_table(tables, name):
    table = tables[name]
    found = content(table).text_only()
    header = T.grouped_columns(found, name.rsplit("-", 1)[1])
    html = markdown_html(T.to_markdown(table))
    cells = [row for row in elements(html).cells if row]
    assert cells == [header, *found.rows]
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
    assert [elements(p).text and "".join(elements(p).text) for p in paragraphs] == [
        found.title, found.subtitle, *found.notes]
    read = list(csv.reader(io.StringIO(T.to_csv(table))))
    unguarded = [[c[1:] if c.startswith("'=") else c for c in row] for row in read]
    assert unguarded == [header, *found.rows]


@pytest.mark.parametrize("lang, groups, header", [
    ("en", ["Case", "Resolution"], ["Case: Company", "Case: Year", "Resolution: Outcome"]),
    ("zh", ["案例", "结局"], ["案例：公司", "案例：年份", "结局：结果"])])
def test_markdown_and_csv_headers_carry_the_column_groups(frames, lang, groups, header):
    """The spanners the HTML table shows above its labels are in the one header row."""
    table = tc.compare([EXAMPLE], lang=lang, fields=["company", "year", "outcome"],
                       cases=frames["cases"], events=frames["events"])
    assert [label for label, _, _ in content(table).spanners[0]] == groups
    lines = T.to_markdown(table).splitlines()
    assert lines[4] == "| " + " | ".join(header) + " |"
    assert next(csv.reader(io.StringIO(T.to_csv(table)))) == header


def test_a_column_under_no_group_keeps_its_label_and_groups_nest(tables):
    matrix = next(csv.reader(io.StringIO(T.to_csv(tables["matrix-en"]))))
    assert matrix[:2] == ["Case", "Deny: Attack the accuser"]
    nested = (GT(pd.DataFrame({"a": ["1"], "b": ["2"], "c": ["3"]}))
              .tab_spanner("Inner", columns=["b", "c"], id="inner")
              .tab_spanner("Outer", spanners=["inner"]))
    assert next(csv.reader(io.StringIO(T.to_csv(nested)))) == [
        "a", "Outer: Inner: b", "Outer: Inner: c"]
    assert T.to_markdown(nested, lang="zh").splitlines()[0] == \
        "| a | Outer：Inner：b | Outer：Inner：c |"


def test_text_formats_leave_out_only_the_picture_column(tables):
    table = tables["compare-en"]
    found = content(table)
    assert found.columns[found.pictures.pop()] == "Time to decisive response"
    assert "Time to decisive response" not in T.to_markdown(table)
    assert "Time to decisive response" not in T.to_csv(table)
    assert "Time to decisive response" not in T.to_latex(table)


def test_csv_cells_that_look_like_formulas_are_made_text():
    assert T._csv_cell(FORMULA) == "'" + FORMULA
    assert T._csv_cell("@SUM(A1)") == "'@SUM(A1)" and T._csv_cell("-5") == "-5"
    assert T._csv_cell("—") == "—"


def test_latex_escapes_every_special_character():
    assert T._tex(TEX) == (r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} "
                           r"\textasciicircum{}")
    assert T._tex("a -- b — c “d” <e> |f| ● ★") == (
        r"a -{}- b --- c ``d'' \textless{}e\textgreater{} \textbar{}f\textbar{} \textbullet{} "
        r"$\star$")


def test_latex_document_says_which_engine_and_packages(frames):
    english = tc.compare([SLOW], fields=["company", "year", "days_to_decisive_response"],
                         cases=frames["cases"], events=frames["events"])
    chinese = tc.compare([SLOW], lang="zh", cases=frames["cases"], events=frames["events"])
    assert T.to_latex(english).startswith("% A table made by trustcrises. Compile with: "
                                          "pdflatex FILE.tex\n")
    document = T.to_latex(chinese)
    assert document.startswith("% A table made by trustcrises. Compile with: xelatex FILE.tex\n")
    assert "\\usepackage[UTF8]{ctex}" in document and "\\begin{longtable}" in document


@pytest.mark.parametrize("name", ["compare-en", "compare-zh", "timeline-en", "matrix-zh"])
def test_latex_compiles_and_prints_the_text(tables, tmp_path, name):
    table = tables[name]
    document = T.to_latex(table)
    engine = re.match(r"% .*Compile with: (\w+)", document).group(1)
    needs(engine, "it compiles the LaTeX (apt-get install texlive-xetex "
          "texlive-latex-recommended texlive-lang-chinese)")
    needs("pdftotext", "it reads the PDF back")
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    text = pdf_text(tmp_path / "t.pdf")
    if name.startswith(("compare", "timeline")):  # the payload's LaTeX specials print as text
        assert set(TEX.split()) <= set(text), set(TEX.split()) - set(text)
    assert content(table).columns[0] in text


# ---------------------------------------------------------------------------------------------
# Safety: case text is data in every format


def test_case_text_never_becomes_markup(tables):
    for name, table in tables.items():
        page = T.to_html(table)
        assert_no_markup_from_data(page)
        shown = "".join(elements(page).text)
        assert SCRIPT in shown or name.startswith("matrix"), name
        assert_no_markup_from_data(markdown_html(T.to_markdown(table)))
        assert "<a" not in markdown_html(T.to_markdown(table))
        found = content(table).text_only()
        read = list(csv.reader(io.StringIO(T.to_csv(table))))
        assert [[c[1:] if c.startswith("'=") else c for c in r] for r in read[1:]] == found.rows
        latex = T.latex_table(table)
        for cell in (c for row in found.rows for c in row):
            assert T._tex(cell) in latex
        assert "<script>" not in latex and "\\{ \\}" in latex or name.startswith("matrix")
    compare = tables["compare-en"]
    assert IMG.replace("<", "\\<") in T.to_markdown(compare)  # a tag, escaped as text

    assert QUOTES.replace('"', "&quot;") not in T.to_markdown(compare)  # quotes stay quotes


@pytest.mark.parametrize("text, markdown", [
    ("Johnson & Johnson", "Johnson & Johnson"), ("H&M", "H&M"), ("a &copy; b", "a \\&copy; b"),
    ("x < y > z", "x < y > z"), ("<b>bold</b>", "\\<b>bold\\</b>"), ("a|b*c", "a\\|b\\*c")])
def test_markdown_escapes_only_what_would_be_markup(text, markdown):
    assert T._md(text) == markdown


# ---------------------------------------------------------------------------------------------
# Chromium


def test_missing_browser_says_what_to_install(monkeypatch):
    monkeypatch.delenv("CHROME_PATH", raising=False)
    monkeypatch.setattr(C.shutil, "which", lambda name: None)
    monkeypatch.setattr(C.os.path, "isfile", lambda path: False)
    with pytest.raises(RenderError) as info:
        C.find_browser()
    assert str(info.value) == (
        "PDF and PNG need a Chromium or Chrome browser, and none was found. Install one "
        "(Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or set CHROME_PATH to its "
        "executable.")


def test_chrome_path_that_is_not_a_program_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "nothing"))
    with pytest.raises(RenderError) as info:
        C.find_browser()
    assert str(info.value) == (
        f"CHROME_PATH is set to {str(tmp_path / 'nothing')!r}, which is not an executable "
        "file. Point it at Chromium or Chrome, or unset it to use the one on the PATH "
        "(Debian/Ubuntu: apt-get install chromium fonts-noto-cjk).")


def test_browser_that_cannot_start_says_what_to_do(monkeypatch, tmp_path, frames):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("CHROME_PATH", str(broken))
    table = tc.compare([EXAMPLE], fields=["company"], cases=frames["cases"],
                       events=frames["events"])
    with pytest.raises(RenderError) as info:
        X.save(table, tmp_path / "t.pdf")
    assert str(info.value).startswith(f"Chromium ({broken}) could not draw the table: ")
    assert str(info.value).endswith("or install Chromium (Debian/Ubuntu: apt-get install "
                                    "chromium fonts-noto-cjk).")
    assert not (tmp_path / "t.pdf").exists()
    assert os.environ["CHROME_PATH"] == str(broken)


def test_chinese_without_a_chinese_font_is_refused(monkeypatch, tmp_path, frames):
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) is not installed")
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir>'
        f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))
    table = tc.compare([EXAMPLE], lang="zh", fields=["company"], cases=frames["cases"],
                       events=frames["events"])
    with pytest.raises(RenderError) as info:
        X.save(table, tmp_path / "t.png")
    assert str(info.value) == (
        "The table has Chinese text but no font with Chinese glyphs is installed, so it would "
        "print as empty boxes. Install one (Debian/Ubuntu: apt-get install chromium "
        "fonts-noto-cjk).")


def test_png_says_its_resolution():
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(17) + b"IEND"
    marked = C._with_dpi(png, 2)
    assert marked[33:54] == (struct.pack(">I", 9) + b"pHYs" + struct.pack(">IIB", 7559, 7559, 1)
                             + marked[50:54])
    assert C._with_dpi(marked, 2) == marked


def _headless(browser: str, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-dev-shm-usage"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    return subprocess.run([browser, *flags, *args], capture_output=True, timeout=120,
                          check=False)


@pytest.mark.browser
def test_html_tables_in_a_real_browser(browser, frames, tmp_path):
    """Every table opens in headless Chromium; no payload runs; the screenshot has a table."""
    armed = payload_case(frames["cases"], frames["events"])
    attack = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">" \
             "<script>document.body.setAttribute('data-pwned','2')</script>"
    cases = concat([frames["cases"], armed[0].assign(
        case_id="armed-2020-case", company_en=f"Armed {attack}", company_zh=f"武装{attack}")])
    events = concat([frames["events"], armed[1].assign(case_id="armed-2020-case")])
    for lang in ("en", "zh"):
        for kind, table in (
                ("compare", tc.compare(["armed-2020-case", EXAMPLE], lang=lang, cases=cases,
                                       events=events)),
                ("timeline", tc.timeline("armed-2020-case", lang=lang, cases=cases,
                                         events=events)),
                ("matrix", tc.response_matrix(lang=lang, cases=cases, events=events))):
            page = X.save(table, tmp_path / f"{kind}-{lang}.html")
            dom = _headless(browser, "--dump-dom", page.as_uri()).stdout.decode()
            assert "<table" in dom and "data-pwned" not in dom.split("<body", 1)[1].split(
                ">", 1)[0]
            assert "&lt;script&gt;document.body" in dom or kind == "matrix"
            if kind != "compare":
                continue
            shot = tmp_path / f"{kind}-{lang}.png"
            _headless(browser, f"--screenshot={shot}", "--window-size=1400,1000",
                      "--force-device-scale-factor=0.5", page.as_uri())
            width, height, rows = read_png(shot.read_bytes())
            x0, y0, x1, y1 = ink_box(rows)
            assert (x1 - x0) > width * 0.3 and (y1 - y0) > 40, (kind, lang, (x0, y0, x1, y1))


@pytest.mark.browser
def test_pdf_is_vector_text_with_every_label_and_the_payload_as_text(browser, frames, tmp_path):
    table = tc.compare([PAYLOAD, SLOW, EXAMPLE], lang="zh", cases=frames["cases"],
                       events=frames["events"])
    pdf = X.save(table, tmp_path / "t.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = " ".join(pdf_text(pdf).split())
    found = content(table)
    for label in [found.title, *found.columns[:4], "小米", "慢公司", "资料来源"]:
        assert label in text
    squeezed = text.replace(" ", "")  # cells wrap, so pdftotext breaks their text apart
    assert "<imgsrc=xonerror=alert(1)>" in squeezed and "<script>" in squeezed
    width, height, rows = pdf_to_grey(pdf, 24)
    assert width > 200 and height > 100 and min(min(r) for r in rows) < 100


@pytest.mark.browser
def test_png_draws_chinese_glyphs_whole(browser, tmp_path):
    """The PNG path draws 小米 like the PDF (a trusted vector path) does, stroke for stroke."""
    table = (GT(pd.DataFrame({"x": ["小米可乐"]}))
             .opt_table_font(font=L.FONTS["zh"], add=False)
             .tab_options(table_font_size="40px", column_labels_hidden=True,
                          table_border_top_style="hidden", table_border_bottom_style="hidden",
                          table_body_hlines_style="hidden",
                          table_body_border_bottom_style="hidden"))
    png = X.save(table, tmp_path / "g.png", scale=2)
    pdf = X.save(table, tmp_path / "g.pdf")
    _, _, drawn = read_png(png.read_bytes())
    _, _, reference = pdf_to_grey(pdf, 192)  # 2 pixels per CSS pixel, like the PNG
    assert glyph_differences(drawn, reference) == []
    # The check sees a missing stroke: wipe a band through the middle of 小 and compare again.
    x0, y0, x1, y1 = ink_box(drawn)
    band = range(x0 + (x1 - x0) // 8 - 3, x0 + (x1 - x0) // 8 + 4)
    broken = [bytes(255 if x in band else v for x, v in enumerate(row)) for row in drawn]
    assert glyph_differences(broken, reference) != []


@pytest.mark.browser
def test_png_of_a_wide_table_is_whole_and_at_twice_the_pdf_size(browser, tmp_path):
    wide = pd.DataFrame({f"c{i}": [f"列{i} col {i}"] for i in range(14)})
    table = (GT(wide).opt_table_font(font=L.FONTS["zh"], add=False)
             .cols_width(cases={f"c{i}": "90px" for i in range(14)}))
    png = X.save(table, tmp_path / "w.png", scale=2)
    pdf = X.save(table, tmp_path / "w.pdf")
    width, height, rows = read_png(png.read_bytes())
    pdf_width, pdf_height, _ = pdf_to_grey(pdf, 192)
    assert abs(width - pdf_width) <= 24 and abs(height - pdf_height) <= 24
    x0, _, x1, _ = ink_box(rows)
    assert x1 > width * 0.9, "the right of the table is missing"
    assert png.read_bytes()[37:41] == b"pHYs"


@pytest.mark.browser
def test_png_is_drawn_at_300_dpi_by_default(browser, tmp_path):
    table = GT(pd.DataFrame({"x": ["小米", "Coca-Cola"]}))
    png = X.save(table, tmp_path / "print.png").read_bytes()
    small = X.save(table, tmp_path / "screen.png", scale=2).read_bytes()
    assert png[37:41] == b"pHYs"
    per_metre = int.from_bytes(png[41:45], "big")
    assert round(per_metre * 0.0254) == 300
    assert read_png(png)[0] > read_png(small)[0] * 1.4


# ---------------------------------------------------------------------------------------------
# Drawing leaves the process alone, and pages


def test_export_reaches_into_no_other_packages_private_modules():
    """The export stage uses other packages' public names only (no ``pkg._internal``)."""
    import ast

    def private(name: str) -> bool:
        return any(p.startswith("_") and not p.startswith("__") for p in name.split("."))

    folder = Path(C.__file__).parent
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    imported.add((alias.asname or alias.name).split(".")[0])
                    if private(alias.name):
                        found.append(f"{path.name}:{node.lineno} import {alias.name}")
            elif isinstance(node, ast.ImportFrom) and not node.level:
                if private(node.module or ""):
                    found.append(f"{path.name}:{node.lineno} from {node.module} import")
                found += [f"{path.name}:{node.lineno} from {node.module} import {a.name}"
                          for a in node.names if private(a.name)]
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and isinstance(node.value, ast.Name)
                    and node.value.id in imported - {"os", "sys"}):
                found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    assert found == []


class _WatchedEnviron(dict):
    """A stand-in for ``os.environ`` that remembers every change made to it."""

    def __init__(self, real):
        super().__init__(real)
        self.changes = []

    def __setitem__(self, key, value):
        self.changes.append(("set", key))
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self.changes.append(("delete", key))
        super().__delitem__(key)

    def pop(self, key, *default):
        self.changes.append(("delete", key))
        return super().pop(key, *default)

    def copy(self):
        return dict(self)


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_drawing_changes_no_environment_variable_and_leaves_no_browser(
        browser, frames, tmp_path, monkeypatch, fmt):
    table = tc.compare([EXAMPLE], fields=["company", "year"], cases=frames["cases"],
                       events=frames["events"])
    watched = _WatchedEnviron(os.environ)
    monkeypatch.setattr(os, "environ", watched)
    from trustcrises.export import _devtools as D

    started = []
    spawn = os.posix_spawn

    def remember(*args, **kwargs):
        started.append(spawn(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(D.os, "posix_spawn", remember)
    X.save(table, tmp_path / f"t.{fmt}")
    assert watched.changes == []
    assert len(started) == 1  # one browser, of its own, for this drawing
    with pytest.raises(ChildProcessError):  # ended and reaped
        os.waitpid(started[0], os.WNOHANG)
    if Path("/proc/self/stat").exists():  # and nothing of its process group runs on
        for _ in range(100):  # killed helpers may take a moment to become zombies
            if not _running_in_group(started[0]):
                break
            time.sleep(0.1)
        assert _running_in_group(started[0]) == []


def _running_in_group(group: int) -> list[str]:
    """The processes of process group ``group`` that are not yet dead (Linux /proc)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] not in "ZX":
            running.append(stat.parent.name)
    return running


def pdf_info(pdf: Path) -> dict[str, str]:
    needs("pdfinfo", "it reads the PDF's pages")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines()
                                              if ":" in line)}


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """Each font of the PDF as pdffonts lists it: name, type, embedded (emb), ToUnicode."""
    needs("pdffonts", "it lists the PDF's fonts")
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True,
                           timeout=60).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        # name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
        *head, emb, sub, uni, _, _ = line.split()
        fonts.append({"name": head[0], "type": " ".join(head[1:-1]), "emb": emb, "uni": uni})
    return fonts


def assert_fonts_embedded_and_not_type3(pdf: Path, *, math: bool = False) -> None:
    """Every font embedded, none Type 3, and each maps its glyphs back to characters (so the
    text can be copied out), but for TeX's math fonts where ``math`` (a star in a note)."""
    fonts = pdf_fonts(pdf)
    assert fonts, "the PDF has no fonts"
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["uni"] == "yes" or (math and re.search(r"\+CM(MI|SY)\d+$", font["name"])), \
            font
        assert font["type"] in ("CID TrueType", "TrueType", "CID Type 0C", "Type 1C",
                                "CID Type 0", "Type 1"), font


def words_outside(pdf: Path, margin: float, *, top_and_bottom: bool = True) -> list[str]:
    """The words that ``pdftotext -bbox`` places outside the page less ``margin`` points (or
    only to its left and right: a LaTeX page has its page number below the text)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    outside = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html,
                           flags=re.S):
        width, height = float(page[0]), float(page[1])
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"(.*?)</word>", page[2]):
            # Chinese typesetting puts the blank half of an opening bracket (its ink is on
            # the right) into the margin at the start of a line.
            left = margin - (10 if unescape(word)[:1] in NO_LINE_END else 1)
            if (float(x0) < left or float(x1) > width - margin + 1 or top_and_bottom
                    and (float(y0) < margin - 1 or float(y1) > height - margin + 1)):
                outside.append(unescape(word))
    return outside


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page, size", [("a4", (595.28, 841.89)), ("letter", (612, 792)),
                                        ("fit", None)])
def test_pdf_pages_are_a4_letter_or_the_tables_size_with_true_fonts(
        browser, frames, tmp_path, lang, page, size):
    kwargs = {k: frames[k] for k in ("cases", "events")}
    wide = tc.compare([PAYLOAD, SLOW, EXAMPLE], lang=lang, **kwargs)
    narrow = tc.compare([EXAMPLE, SLOW], lang=lang, fields=["company", "year"], **kwargs)
    for table, turned in ((wide, True), (narrow, False)):
        pdf = X.save(table, tmp_path / f"{turned}.pdf", page=page)
        info = pdf_info(pdf)
        width, height = (float(v) for v in re.match(r"([\d.]+) x ([\d.]+) pts",
                                                    info["Page size"]).groups())
        if size is None:  # one page, the table's size and 5 CSS pixels (3.75 pt) around it
            assert info["Pages"] == "1"
            drawn = pdf_to_grey(pdf, 72)[2]
            x0, y0, x1, y1 = ink_box(drawn)
            assert x0 <= 6 and y0 <= 6 and width - x1 <= 7 and height - y1 <= 7
        else:
            assert (width, height) == pytest.approx(size[::-1] if turned else size, abs=1)
            assert words_outside(pdf, 1.5 / 2.54 * 72) == []  # the table is inside the margins
        text = " ".join(pdf_text(pdf).split())
        found = content(table)
        for label in (found.title, found.columns[0], found.rows[-1][0]):
            assert label in text
        assert_fonts_embedded_and_not_type3(pdf)


@pytest.mark.parametrize("fmt, page, message", [
    ("md", "a4", "Pages (fit, a4, letter) are for pdf and latex output, not md."),
    ("png", "fit", "Pages (fit, a4, letter) are for pdf and latex output, not png."),
    ("latex", "fit", "A LaTeX document is on a4 or letter paper; page 'fit' is for PDF."),
    ("pdf", "a5", "Unknown page 'a5'. Pages: fit, a4, letter.")])
def test_a_page_that_does_not_fit_the_format_is_refused(frames, tmp_path, fmt, page, message):
    table = tc.compare([EXAMPLE], fields=["company"], cases=frames["cases"],
                       events=frames["events"])
    with pytest.raises(ValueError) as info:
        X.save(table, tmp_path / "t", fmt, page=page)
    assert str(info.value) == message
    assert list(tmp_path.iterdir()) == []


def test_pdf_fonts_are_served_as_truetype_copies_of_cff_fonts():
    from trustcrises.export import _fonts as F

    page = ("<style>#t .gt_table { font-family: 'Noto Sans CJK SC', \"Some Font\", "
            "sans-serif !important; }</style><table><td>小米 Xiaomi &amp;</td></table>")
    assert F.families(page) == ["Noto Sans CJK SC", "Some Font"]
    if F._installed("Noto Sans CJK SC", 80) is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run this test: Noto Sans CJK SC is not installed "
                        "(apt-get install fonts-noto-cjk)")
        pytest.skip("Noto Sans CJK SC is not installed (apt-get install fonts-noto-cjk)")
    from fontTools.ttLib import TTFont

    rules = F.font_faces(page)
    faces = re.findall(r"@font-face \{ font-family: 'Noto Sans CJK SC'; font-weight: (\d+); "
                       r"src: url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\) "
                       r"format\('truetype'\); \}", rules)
    assert [weight for weight, _ in faces] == ["400", "700"]  # "Some Font" is not installed
    import base64

    for _, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert "glyf" in font and "CFF " not in font
        cmap = font.getBestCmap()
        assert {ord(c) for c in "小米Xiaomi&"} <= set(cmap)
        assert len(font.getGlyphOrder()) < 40  # only what the page uses
        assert font["glyf"][cmap[ord("米")]].numberOfContours > 0
