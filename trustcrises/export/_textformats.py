"""The text formats of a table: a standalone HTML page, Markdown, CSV and LaTeX.

The page holds the table's own HTML rendering. Markdown, CSV and LaTeX (:mod:`._latex`) hold
its :func:`~trustcrises.export._content.content` (the same title, spanners, column labels,
cells and notes) with every piece of text escaped for its format. Pictures in cells have no
text form; those columns are left out, and the numbers beside them carry the same information.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from .. import _labels as L
from ._content import Content, content, language
from ._latex import _tex, latex_table, to_latex  # noqa: F401 (LaTeX is a text format too)

if TYPE_CHECKING:
    import great_tables as gt


def to_html(table: gt.GT, *, lang: str | None = None) -> str:
    """A standalone HTML page holding the table (no scripts may run in it)."""
    found = content(table)
    lang = language(found, lang)
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
    lang = language(found, lang)
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
    lang = language(found, lang)
    c = found.text_only()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(h) for h in grouped_columns(c, lang)])
    writer.writerows([[_csv_cell(cell) for cell in row] for row in c.rows])
    return buffer.getvalue()


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
