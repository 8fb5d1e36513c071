"""The text formats of a table: a standalone HTML page, Markdown, CSV and LaTeX.

The page holds the table's own HTML rendering. Markdown, CSV and LaTeX hold its
:func:`~trustcrises.export._content.content` (the same title, spanners, column labels, cells and notes)
with every piece of text escaped for its format. Pictures in cells have no text form; those
columns are left out, and the numbers beside them carry the same information.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from .. import _labels as L
from .._text import HAN, units, wrap
from .._text import width as _weight
from ._content import Content, content

if TYPE_CHECKING:
    import great_tables as gt


def _lang(found: Content, lang: str | None) -> str:
    if lang is not None:
        return L.check_lang(lang)
    heads = " ".join([found.title, found.subtitle, *found.columns])
    return "zh" if HAN.search(heads) else "en"


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


# Only what Markdown would read as markup is escaped, so "Johnson & Johnson" stays as it is:
# an ampersand that would start an entity (&copy;), and a < that would open a tag.
_MD_ENTITY_OR_TAG = re.compile(r"&(?=#?[A-Za-z0-9]+;)|<(?=[A-Za-z/!?])")


def _md(text: str) -> str:
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_ENTITY_OR_TAG.sub(lambda m: "\\" + m.group(0), text)


def grouped_columns(found: Content, lang: str) -> list[str]:
    """The column labels with the spanners above them: "Crisis: Cause", "危机：起因".

    Markdown and CSV have a single header row, so each label carries its groups (outermost
    first), as the spanners in the HTML table do; a column under no spanner keeps its label.
    """
    labels = []
    for i, column in enumerate(found.columns):
        for group in reversed(found.groups(i)):
            column = L.text(lang, "with_group", group=group, column=column)
        labels.append(column)
    return labels


def to_markdown(table: gt.GT, *, lang: str | None = None) -> str:
    """A GitHub-flavoured Markdown table; every piece of text is escaped, none is markup.

    The header carries the column groups: :func:`grouped_columns`.
    """
    found = content(table)
    lang = _lang(found, lang)
    c = found.text_only()
    rule = {"left": ":--", "right": "--:", "center": ":-:"}
    out = []
    if c.title:
        out += [f"**{_md(c.title)}**", ""]
    if c.subtitle:
        out += [_md(c.subtitle), ""]
    out.append("| " + " | ".join(_md(h) for h in grouped_columns(c, lang)) + " |")
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


def to_csv(table: gt.GT, *, lang: str | None = None) -> str:
    """The cells under one header row of column labels, as CSV text.

    The header carries the column groups, as in Markdown: :func:`grouped_columns`.
    """
    found = content(table)
    lang = _lang(found, lang)
    c = found.text_only()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(h) for h in grouped_columns(c, lang)])
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
    heads = [wrap(h, max(longest[i], 8)) if short[i] else [h] for i, h in enumerate(c.columns)]
    fixed = sum(max(longest[i], *(_weight(x) for x in heads[i])) / 2 + pad
                for i in range(n) if short[i])
    share = {i: min(max(sum(_weight(r[i]) for r in c.rows) / max(len(c.rows), 1), 10), 120)
             for i in range(n) if not short[i]}
    room = max(line - fixed - pad * len(share), 10.0)
    width = {i: room * share[i] / sum(share.values()) for i in share}
    least = {i: max(_weight(w) for text in [c.columns[i], *(r[i] for r in c.rows)]
                    for w in units(text) or [""]) / 2 + 0.5 for i in share}
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


def to_latex(table: gt.GT, *, lang: str | None = None, paper: str | None = None) -> str:
    """A LaTeX document holding :func:`latex_table`, ready to compile.

    Plain ASCII and Latin text compiles with pdfLaTeX; a table with Chinese (or other text
    outside Latin-1) asks for XeLaTeX, with ``ctex`` providing the Chinese fonts.
    """
    found = content(table)
    lang = _lang(found, lang)
    body = latex_table(table, lang=lang)
    wide = len(found.text_only().columns) > 6
    unicode = any(ord(ch) > 0xFF for ch in _TEX_RE.sub("", body))
    cjk = bool(HAN.search(body))
    if cjk:
        engine = "xelatex"
        fonts = (r"\usepackage[UTF8]{ctex}" if lang == "zh"
                 else r"\usepackage[UTF8, scheme=plain]{ctex}")
    elif unicode:
        engine, fonts = "xelatex", r"\usepackage{fontspec}"
    else:
        engine, fonts = "pdflatex", "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}"
    geometry = "landscape, margin=1.5cm" if wide else "margin=2cm"
    paper_option = {None: "", "a4": "[a4paper]", "letter": "[letterpaper]"}[paper]
    return (
        f"% A table made by trustcrises. Compile with: {engine} FILE.tex\n"
        "% To use it in your own document, copy the longtable below and load booktabs,\n"
        "% longtable and array (Chinese text also needs XeLaTeX with ctex or xeCJK).\n"
        f"\\documentclass{paper_option}{{article}}\n{fonts}\n\\usepackage[{geometry}]{{geometry}}\n"
        "\\usepackage{booktabs}\n\\usepackage{longtable}\n\\usepackage{array}\n"
        "\\begin{document}\n" + body + "\\end{document}\n"
    )


def to_text(table: gt.GT, fmt: str, *, lang: str | None = None,
            paper: str | None = None) -> str:
    """The table as text in ``fmt`` (html, latex, md or csv); ``paper`` is LaTeX's."""
    writers: dict[str, Callable[[], str]] = {
        "html": lambda: to_html(table, lang=lang),
        "latex": lambda: to_latex(table, lang=lang, paper=paper),
        "md": lambda: to_markdown(table, lang=lang), "csv": lambda: to_csv(table, lang=lang)}
    if fmt not in writers:
        raise ValueError(f"{fmt!r} is not a text format; text formats: {', '.join(writers)}.")
    return writers[fmt]()
