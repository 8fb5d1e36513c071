"""The HTML reader behind every text export, checked against an independent HTML5 parser.

Markdown, CSV and LaTeX are written from what :func:`content` reads out of a table's HTML, and
the exporters' own tests compare them with ``content`` too; so ``content`` itself is compared
here with what html5lib (a reference implementation of the HTML5 parsing algorithm) finds in
the same HTML, for every kind of table in both languages.
"""

from __future__ import annotations

import re

import pytest
from test_tables import EXAMPLE, PAYLOAD, SLOW
from test_tables import data_dir as data_dir  # a fixture: the example case, built
from test_tables import frames as frames  # a fixture: the example, slow and payload cases

import trustcrises as tc
from trustcrises.export._content import content

html5lib = pytest.importorskip("html5lib", reason="html5lib is the independent HTML parser "
                               "(pip install '.[full]')")
NS = "{http://www.w3.org/1999/xhtml}"


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _read(html: str) -> dict:
    """Title, column labels, body cells and source notes, as html5lib parses them."""
    root = html5lib.parse(html)
    found = {"title": "", "columns": [], "rows": [], "notes": []}
    for element in root.iter():
        classes = _classes(element)
        if "gt_title" in classes:
            found["title"] = _text(element)
        elif element.tag == f"{NS}th" and "gt_col_heading" in classes:
            found["columns"].append(_text(element))
        elif "gt_sourcenote" in classes:
            found["notes"].append(_text(element))
    for body in root.iter(f"{NS}tbody"):
        for row in body.iter(f"{NS}tr"):
            found["rows"].append([_text(cell) for cell in row if cell.tag in
                                  (f"{NS}td", f"{NS}th")])
    return found


@pytest.fixture(scope="module")
def tables(frames):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    made = {}
    for lang in ("en", "zh"):
        made[f"compare-{lang}"] = tc.compare([PAYLOAD, SLOW, EXAMPLE], lang=lang, **kwargs)
        made[f"timeline-{lang}"] = tc.timeline(EXAMPLE, lang=lang, sources=frames["sources"],
                                               **kwargs)
        made[f"matrix-{lang}"] = tc.response_matrix([PAYLOAD, EXAMPLE], lang=lang,
                                                    count=True, **kwargs)
    return made


@pytest.mark.parametrize("kind", [f"{t}-{lang}" for t in ("compare", "timeline", "matrix")
                                  for lang in ("en", "zh")])
def test_content_reads_what_an_html5_parser_reads(tables, kind):
    table = tables[kind]
    ours = content(table)
    theirs = _read(table.as_raw_html())
    assert ours.title == theirs["title"]
    assert ours.columns == theirs["columns"]
    assert ours.notes == theirs["notes"]
    assert len(ours.rows) == len(theirs["rows"]) > 0
    text = [i for i in range(len(ours.columns)) if i not in ours.pictures]
    for mine, reference in zip(ours.rows, theirs["rows"]):
        # a row label (stub) is a <th> in great-tables' HTML, a first cell for us
        assert [mine[i] for i in text] == [reference[i] for i in text]


def test_the_reference_reader_sees_escaped_markup_as_text(tables):
    """The payload case's markup is text to both readers, never elements."""
    theirs = _read(tables["compare-en"].as_raw_html())
    assert any("<script>" in cell for row in theirs["rows"] for cell in row)
