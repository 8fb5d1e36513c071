"""A table as LaTeX: a ``longtable`` that fits the line, and a document that compiles as it is.

How wide each column is
-----------------------
Every column is a ``p{}`` column (its text wraps), and the widths are shares of the line, so
the table is never wider than ``\\linewidth``, whatever the paper. The shares come from the
cells' text, the way a browser lays out an HTML table (CSS 2.1's automatic table layout):

1. Each piece of text is measured in ems of the table's font (:func:`ems`: a Chinese
   character is 1 em, a Latin letter about half of one).
2. Each column has a *least* width, its longest unbreakable piece (a Latin word, up to a
   hyphen, or one Chinese character; header words in bold), and a *natural* width, its
   longest cell on one line, counted up to ``LONG`` (24 ems: a cell longer than that wraps
   anyway, and a paragraph should not take the room of a column of short phrases). Headers
   wrap, so only their words count. A column whose
   natural width is at most ``SHORT`` (8 ems: a date, a year, a short label) is not wrapped:
   its least width is its natural one (unless that leaves the others no room).
3. On a line of ``room`` ems (the line less the space between columns):
   - if every column fits at its natural width, it gets that (the table is narrower than
     the line);
   - if even the least widths do not fit, each column gets its least width, scaled down
     to the line (long words may then stick out of their cells);
   - otherwise every column gets its least width, and the room left over is shared out in
     proportion to how much more each column would need to reach its natural width.
4. The width of column *i* is written as its share of the line:
   ``share × (\\linewidth − the space between the columns)``.

The room is that of the narrowest line the document of :func:`to_latex` has, on A4 or US
letter paper with its margins, in the ``\\small`` type of a 10pt document: on a wider line
every column grows in proportion.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

from .. import _labels as L
from .._text import HAN, NO_LINE_END, NO_LINE_START, units
from ._content import Content, content, language

if TYPE_CHECKING:
    import great_tables as gt

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


# -- measuring text ------------------------------------------------------------------------------

# Widths in ems of Latin Modern (the LaTeX default) and of the CJK fonts, rounded up, so that
# a measure errs on the wide side.
_NARROW = set("fijlrt.,:;'!|()[]`/ ") | {"‘", "’"}
_WIDE = set("mwMW@%") | {"—"}
_BOLD = 1.1  # bold is about a tenth wider


def ems(text: str, *, bold: bool = False) -> float:
    """How wide ``text`` is set on one line, in ems of its font: a Chinese (or other
    full-width) character is 1 em; Latin letters from 0.3 (i, l) to 1 (M, W), capitals 0.75,
    the rest 0.55."""
    total = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            total += 1.0
        elif ch in _NARROW:
            total += 0.3
        elif ch in _WIDE:
            total += 1.0
        elif ch.isupper():
            total += 0.75
        else:
            total += 0.55
    return total * (_BOLD if bold else 1.0)


def _pieces(text: str) -> list[str]:
    """The pieces a line may not break inside: words (up to a hyphen) and Chinese characters,
    with the punctuation that may not end or begin a line joined to its neighbour ("（天）")."""
    pieces: list[str] = []
    glue = False  # the last piece was opening punctuation: the next one joins it
    for unit in units(text):
        for part in re.findall(r"[^-]*-|[^-]+", unit):
            if pieces and (glue or part[0] in NO_LINE_START):
                pieces[-1] += part
            else:
                pieces.append(part)
            glue = part[-1] in NO_LINE_END
    return pieces


def _least(text: str, *, bold: bool = False) -> float:
    return max((ems(piece, bold=bold) for piece in _pieces(text)), default=0.0)


# -- the lines the document has ------------------------------------------------------------------

#: Paper sizes (width, height in mm, portrait) that the document may be printed on.
PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
#: The document's margins (mm): portrait for at most six columns, landscape for more.
MARGINS = {"portrait": 20.0, "landscape": 15.0}
_PT_PER_MM = 72.27 / 25.4
_EM = 9.04  # pt: an em of \small in a 10pt document (9pt), or in ctex's 10.5pt one (9.03pt)
_GAP = 2 * 6.0 / _EM  # ems between two columns: 2\tabcolsep, 6pt each
SHORT = 8.0  # ems: a column no wider than this (dates, years, short labels) is not wrapped
LONG = 24.0  # ems: a cell longer than this wraps anyway, and asks for no more width


def line_ems(orientation: str) -> float:
    """The narrowest line of the document on A4 or letter, in ems of the table's type."""
    widths = [(max(w, h) if orientation == "landscape" else min(w, h))
              - 2 * MARGINS[orientation] for w, h in PAPERS.values()]
    return min(widths) * _PT_PER_MM / _EM


def orientation(found: Content) -> str:
    return "landscape" if len(found.columns) > 6 else "portrait"


def column_shares(found: Content, line: float) -> list[float]:
    """Each column's share of the line less the space between the columns (module docstring).

    A year keeps its width and a long text takes the rest of a 20-em line; when everything
    fits, the table is narrower than the line:

    >>> [round(s, 3) for s in column_shares(
    ...     Content(columns=["Year", "Event"], rows=[["2026", "word " * 60]]), 20.0)]
    [0.127, 0.873]
    >>> [round(s, 3) for s in column_shares(
    ...     Content(columns=["Year", "Event"], rows=[["2026", "A short one"]]), 20.0)]
    [0.127, 0.281]
    """
    n = len(found.columns)
    least = [max([_least(found.columns[i], bold=True)] + [_least(r[i]) for r in found.rows])
             for i in range(n)]
    natural = [max([least[i]] + [min(ems(r[i]), LONG) for r in found.rows])
               for i in range(n)]
    room = line - _GAP * (n - 1)
    unwrapped = [hi if hi <= SHORT else lo for lo, hi in zip(least, natural)]
    if sum(unwrapped) <= room:
        least = unwrapped
    if sum(natural) <= room:
        widths = natural
    elif sum(least) >= room:
        widths = [w * room / sum(least) for w in least]
    else:
        spare = room - sum(least)
        wanted = sum(natural) - sum(least)
        widths = [lo + (hi - lo) * spare / wanted for lo, hi in zip(least, natural)]
    return [w / room for w in widths]


def _width(share: float, n: int, spanned: int = 1) -> str:
    """The width of ``spanned`` columns whose shares add up to ``share``, as a TeX dimension:
    the share of the line less the ``n - 1`` gaps, plus the gaps between the spanned ones.
    Rounded down, so that the columns never add up to more than the line."""
    share = math.floor(share * 10_000) / 10_000
    gaps = math.ceil(round((2 * (n - 1) * share - 2 * (spanned - 1)) * 10_000, 6)) / 10_000
    sign = "-" if gaps >= 0 else "+"
    return f"\\dimexpr {share:.4f}\\linewidth{sign}{abs(gaps):.4f}\\tabcolsep\\relax"


_RAGGED = {"left": r"\raggedright", "right": r"\raggedleft", "center": r"\centering"}


def _caption(c: Content, lang: str) -> str:
    """The title and subtitle as one caption; the subtitle's own colon (a timeline's
    "Xiaomi: dated events") is the only one, so no caption reads "title: Xiaomi: …"."""
    if not c.subtitle:
        return c.title
    title = c.title.rstrip()
    if title.endswith((".", "。", "!", "！", "?", "？", ":", "：")):
        title = title[:-1]
    return L.text(lang, "caption", title=title, subtitle=c.subtitle)


def latex_table(table: gt.GT, *, lang: str | None = None) -> str:
    """The table as a LaTeX ``longtable`` (booktabs rules) to paste into a document.

    It is exactly as wide as the line or narrower, its columns sized from their text (see
    the module's docstring). Needs ``\\usepackage{booktabs, longtable, array}``; Chinese text
    needs XeLaTeX or LuaLaTeX with ``ctex``. :func:`to_latex` gives a document that compiles as
    it is.
    """
    c = content(table)
    lang = language(c, lang)
    c = c.text_only()
    n = len(c.columns)
    shares = column_shares(c, line_ems(orientation(c)))
    # \hspace{0pt} lets TeX hyphenate a cell's first word, too.
    spec = [f">{{{_RAGGED[a]}\\arraybackslash\\hspace{{0pt}}}}p{{{_width(s, n)}}}"
            for a, s in zip(c.align, shares)]
    head = []
    for level in c.spanners:
        cells, rules, col = [], [], 0
        for label, start, stop in level:
            cells += [""] * (start - col)
            edges = ("@{}" if start == 0 else "", "@{}" if stop == n else "")
            width = _width(sum(shares[start:stop]), n, stop - start)
            cells.append(f"\\multicolumn{{{stop - start}}}{{{edges[0]}>{{\\centering"
                         f"\\arraybackslash}}p{{{width}}}{edges[1]}}}{{\\bfseries "
                         f"{_tex(label)}}}")
            rules.append(f"\\cmidrule(lr){{{start + 1}-{stop}}}")
            col = stop
        cells += [""] * (n - col)
        head.append(" & ".join(cells) + r" \\" + " " + "".join(rules))
    head.append(" & ".join(f"\\bfseries {_tex(h)}" for h in c.columns) + r" \\")
    caption = _caption(c, lang)
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


# Chinese in Noto CJK where it is installed: its text can be copied out of the PDF, which
# the Fandol fonts that ctex falls back to on Linux do not allow (they map no glyph back to its
# character). Named by PostScript name, which picks the simplified Chinese face of the font
# collection under both engines.
_NOTO_CJK = r"""% Chinese in Noto CJK where installed (its text can be copied out of the PDF);
% else in ctex's own fonts (Fandol on Linux, whose text cannot be).
\IfFontExistsTF{NotoSerifCJKsc-Regular}{%
  \setCJKmainfont[BoldFont=NotoSerifCJKsc-Bold]{NotoSerifCJKsc-Regular}%
  \setCJKsansfont[BoldFont=NotoSansCJKsc-Bold]{NotoSansCJKsc-Regular}}{}"""

# Latin text: Latin Modern, an outline font, under every engine (with pdfLaTeX and T1, LaTeX
# would otherwise fall back to bitmap fonts where cm-super is not installed), with each glyph
# mapped back to its character, so that the text can be copied out of the PDF.
_LATIN = r"""\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
  \input{glyphtounicode}\pdfgentounicode=1
\else
  \usepackage{fontspec}
\fi"""


def to_latex(table: gt.GT, *, lang: str | None = None, paper: str | None = None) -> str:
    """A LaTeX document holding :func:`latex_table`, ready to compile.

    Plain ASCII and Latin text compiles with pdfLaTeX, XeLaTeX or LuaLaTeX; a table with
    Chinese (or other text outside Latin-1) with XeLaTeX or LuaLaTeX, ``ctex`` providing the
    Chinese fonts. ``paper`` is ``"a4"`` or ``"letter"``; without it LaTeX's default (letter)
    applies.
    """
    found = content(table)
    lang = language(found, lang)
    body = latex_table(table, lang=lang)
    unicode = any(ord(ch) > 0xFF for ch in _TEX_RE.sub("", body))
    cjk = bool(HAN.search(body))
    if cjk:
        engine = "xelatex"
        ctex = (r"\usepackage[UTF8]{ctex}" if lang == "zh"
                else r"\usepackage[UTF8, scheme=plain]{ctex}")
        fonts = f"{ctex}\n{_NOTO_CJK}"
    elif unicode:
        engine, fonts = "xelatex", r"\usepackage{fontspec}"
    else:
        engine, fonts = "pdflatex", _LATIN
    side = orientation(found.text_only())
    geometry = (f"landscape, margin={MARGINS[side] / 10:g}cm" if side == "landscape"
                else f"margin={MARGINS[side] / 10:g}cm")
    paper_option = {None: "", "a4": "[a4paper]", "letter": "[letterpaper]"}[paper]
    others = "lualatex" if engine == "xelatex" else "xelatex or lualatex"
    return (
        f"% A table made by trustcrises. Compile with: {engine} FILE.tex\n"
        f"% ({others} works too). One run is enough: every column has a set width.\n"
        "% To use it in your own document, copy the longtable below and load booktabs,\n"
        "% longtable and array (Chinese text also needs XeLaTeX or LuaLaTeX with ctex).\n"
        f"\\documentclass{paper_option}{{article}}\n{fonts}\n"
        f"\\usepackage[{geometry}]{{geometry}}\n"
        "\\usepackage{booktabs}\n\\usepackage{longtable}\n\\usepackage{array}\n"
        "\\begin{document}\n" + body + "\\end{document}\n"
    )
