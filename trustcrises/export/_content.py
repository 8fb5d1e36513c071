"""What a rendered table says, read back from its HTML as plain text.

Every saved format starts from the table's own HTML rendering (``GT.as_raw_html``), so a table a
user restyled saves as they see it. :func:`content` reads that HTML back: the title, spanners,
column labels, cells and notes, and which columns hold only pictures (the response-timing bars),
which have no text form.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from .. import _labels as L
from .._errors import RenderError
from .._text import HAN

if TYPE_CHECKING:
    import great_tables as gt



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

    def groups(self, i: int) -> list[str]:
        """The spanner labels above column ``i``, the outermost first."""
        return [label for level in self.spanners for label, start, stop in level
                if start <= i < stop and label]

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


def language(found: Content, lang: str | None) -> str:
    """``lang`` checked, or the table's language: Chinese when its headings are."""
    if lang is not None:
        return L.check_lang(lang)
    heads = " ".join([found.title, found.subtitle, *found.columns])
    return "zh" if HAN.search(heads) else "en"
