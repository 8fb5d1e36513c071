"""LaTeX: the longtable fits the line on A4 and US letter, under XeLaTeX and LuaLaTeX, and its
PDF gives its text back (Chinese too), in embedded fonts none of which is Type 3.

The compiling tests need XeLaTeX, LuaLaTeX (with luatexja, for ctex) and poppler; without them
they skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import needs
from test_export import assert_fonts_embedded_and_not_type3, pdf_info, pdf_text, words_outside
from test_tables import EXAMPLE
from test_tables import data_dir as data_dir  # a fixture: the example case, built
from test_tables import frames as frames  # a fixture: the example, slow and payload cases

import trustcrises as tc
from trustcrises import _labels as L
from trustcrises._text import units, width
from trustcrises.export import _latex as X
from trustcrises.export._content import Content, content

INSTALL = ("apt-get install texlive-xetex texlive-luatex texlive-latex-recommended "
           "texlive-lang-chinese texlive-lang-japanese lmodern")


def _engine(engine: str) -> str:
    """The engine's path; a skip (a failure under CI) when it, or ctex's LuaTeX half, is
    missing."""
    path = needs(engine, f"it compiles the LaTeX ({INSTALL})")
    if engine == "lualatex" and not subprocess.run(
            ["kpsewhich", "luatexja.sty"], capture_output=True, text=True).stdout.strip():
        message = f"luatexja is not installed (ctex needs it under LuaLaTeX; {INSTALL})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test: {message}")
        pytest.skip(message)
    return path


def compile_latex(document: str, folder: Path, engine: str) -> str:
    """Compile ``document`` in ``folder`` (a second run only if LaTeX asks for one); the log."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.tex").write_text(document, encoding="utf-8")
    for _ in range(2):
        run = subprocess.run([_engine(engine), "-interaction=nonstopmode", "-halt-on-error",
                              "t.tex"], cwd=folder, capture_output=True, text=True,
                             timeout=600, check=False)
        assert run.returncode == 0, run.stdout[-3000:]
        log = (folder / "t.log").read_text(encoding="utf-8", errors="replace")
        if "Rerun" not in log:
            return log
    raise AssertionError("LaTeX still asks for another run after two")


def _widest_timeline() -> str:
    """The case whose timeline is hardest to fit: the longest words, column by column."""
    def hardest(case_id: str) -> int:
        found = content(tc.timeline(case_id, lang="en")).text_only()
        return sum(max((width(u) for cell in [found.columns[i], *(r[i] for r in found.rows)]
                        for u in units(cell)), default=0) for i in range(len(found.columns)))

    return max(tc.load_cases()["case_id"], key=hardest)


@pytest.fixture(scope="module")
def wide_tables() -> dict[str, object]:
    """The bundled compare table and the widest bundled timeline, in both languages."""
    case_id = _widest_timeline()
    return {f"{kind}-{lang}": (tc.compare(lang=lang) if kind == "compare"
                               else tc.timeline(case_id, lang=lang))
            for kind in ("compare", "timeline") for lang in ("en", "zh")}


PAGES = {"a4": (841.89, 595.28), "letter": (792, 612)}  # landscape, in points


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", ["compare-en", "compare-zh", "timeline-en", "timeline-zh"])
def test_latex_tables_fit_the_line_on_a4_and_letter(wide_tables, tmp_path, engine, paper,
                                                    name):
    table = wide_tables[name]
    document = X.to_latex(table, paper=paper)
    assert "landscape, margin=1.5cm" in document  # these tables have more than six columns
    log = compile_latex(document, tmp_path, engine)
    assert re.findall(r"Overfull \\hbox.*", log) == []
    pdf = tmp_path / "t.pdf"
    size = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(pdf)["Page size"]).groups()
    assert tuple(float(v) for v in size) == pytest.approx(PAGES[paper], abs=1)
    assert words_outside(pdf, 1.5 / 2.54 * 72, top_and_bottom=False) == []  # nor the margins
    squeezed = "".join(pdf_text(pdf).split())  # the text comes back, Chinese too
    found = content(table)
    assert found.title.replace(" ", "") in squeezed and found.columns[0] in squeezed
    assert_fonts_embedded_and_not_type3(pdf, math=True)


@pytest.mark.parametrize("engine", ["pdflatex", "xelatex", "lualatex"])
def test_a_latin_only_document_compiles_with_every_engine(frames, tmp_path, engine):
    table = tc.compare([EXAMPLE], fields=["company", "year", "outcome"], cases=frames["cases"],
                       events=frames["events"])
    document = X.to_latex(table, paper="a4")
    assert document.startswith("% A table made by trustcrises. Compile with: pdflatex FILE.tex\n")
    log = compile_latex(document, tmp_path, engine)
    assert "Overfull \\hbox" not in log
    assert "Xiaomi" in pdf_text(tmp_path / "t.pdf")
    assert pdf_info(tmp_path / "t.pdf")["Page size"].endswith("(A4)")
    assert_fonts_embedded_and_not_type3(tmp_path / "t.pdf", math=True)


def test_chinese_is_set_in_noto_cjk_where_installed_so_it_can_be_copied(frames):
    table = tc.timeline(EXAMPLE, lang="zh", cases=frames["cases"], events=frames["events"])
    document = X.to_latex(table)
    assert "\\usepackage[UTF8]{ctex}\n" + X._NOTO_CJK + "\n" in document
    assert "\\IfFontExistsTF{NotoSerifCJKsc-Regular}{" in X._NOTO_CJK


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_caption_has_one_colon_only(frames, lang):
    """A timeline's subtitle names the company with a colon ("Xiaomi: dated events"); the
    caption joins it to the title with a full stop, not a second colon."""
    table = tc.timeline(EXAMPLE, lang=lang, cases=frames["cases"], events=frames["events"])
    found = content(table)
    caption = re.search(r"\\caption\{(.*)\}\\\\", X.latex_table(table)).group(1)
    joined = {"en": f"{found.title}. {found.subtitle}", "zh": f"{found.title}。{found.subtitle}"}
    assert caption == X._tex(joined[lang])
    assert len(re.findall("[:：]", caption)) == 1


def test_a_title_that_ends_in_a_stop_is_not_stopped_twice():
    found = Content(title="Tylenol, 1982.", subtitle="Johnson & Johnson: dated events")
    assert X._caption(found, "en") == "Tylenol, 1982. Johnson & Johnson: dated events"
    assert X._caption(Content(title="标题：", subtitle="小米：事件"), "zh") == "标题。小米：事件"


def test_column_widths_come_from_the_text():
    """Short columns keep their text on one line; long ones share the rest; all fit."""
    found = Content(columns=["Year", "Company", "What happened"], align=["right"] * 3,
                    rows=[["2026", "Xiaomi", "word " * 200], ["1985", "Coca-Cola", "x"]])
    line = 30.0
    shares = X.column_shares(found, line)
    room = line - X._GAP * 2
    assert sum(shares) == pytest.approx(1)
    # short columns are never wrapped: as wide as their longest cell (or bold header)
    assert shares[0] * room == pytest.approx(X.ems("Year", bold=True))
    assert shares[1] * room == pytest.approx(X.ems("Coca-Cola"))
    # When everything fits, each column is as wide as its longest cell, and no wider.
    few = Content(columns=["a", "b"], rows=[["short", "also short"]])
    assert [s * (line - X._GAP) for s in X.column_shares(few, line)] == pytest.approx(
        [X.ems("short"), X.ems("also short")])
    # The widths are written as shares of the line, rounded down.
    assert X._width(0.33339, 3) == r"\dimexpr 0.3333\linewidth-1.3332\tabcolsep\relax"
    assert X._width(0.5, 3, spanned=2) == r"\dimexpr 0.5000\linewidth-0.0000\tabcolsep\relax"
    assert X._width(0.1, 3, spanned=2) == r"\dimexpr 0.1000\linewidth+1.6000\tabcolsep\relax"


def test_pieces_keep_chinese_punctuation_with_its_neighbour():
    assert X._pieces("首次回应（天）") == ["首", "次", "回", "应", "（天）"]
    assert X._pieces("2000-02-07 “米粉”") == ["2000-", "02-", "07", "“米", "粉”"]


def test_the_line_is_the_narrower_of_a4_and_letter():
    mm = 72.27 / 25.4 / X._EM
    assert X.line_ems("landscape") == pytest.approx((279.4 - 30) * mm)  # letter is narrower
    assert X.line_ems("portrait") == pytest.approx((210 - 40) * mm)  # A4 is narrower
