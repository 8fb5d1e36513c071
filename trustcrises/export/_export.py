"""Saving a table: HTML, PDF, PNG, LaTeX, Markdown and CSV with the same content.

Every format starts from the table's own HTML rendering (``GT.as_raw_html``), so a table a user
restyled saves as they see it. The text formats are written by ``_textformats`` (from what
``_content`` reads back out of that HTML), PDF and PNG by ``_chromium``; this module picks the
format and writes the file, atomically and never over an existing one unless asked to.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from ._chromium import PAGES, PRINT_SCALE, check_page, draw
from .._errors import OutputError
from ._textformats import to_text

if TYPE_CHECKING:
    import great_tables as gt

Format = Literal["html", "pdf", "png", "latex", "md", "csv"]
FORMATS: tuple[str, ...] = get_args(Format)
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".png": "png", ".tex": "latex",
              ".md": "md", ".markdown": "md", ".csv": "csv"}


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


def page_for(fmt: str, page: str | None) -> str | None:
    """``page`` checked against the format: PDF pages are fit, a4 or letter, a LaTeX
    document's paper a4 or letter; other formats have no pages."""
    if page is None:
        return "fit" if fmt == "pdf" else None
    check_page(page)
    if fmt == "latex" and page == "fit":
        raise ValueError("A LaTeX document is on a4 or letter paper; page 'fit' is for PDF.")
    if fmt not in ("pdf", "latex"):
        raise ValueError(f"Pages ({', '.join(PAGES)}) are for pdf and latex output, not "
                         f"{fmt}.")
    return page


def save(table: gt.GT, path: str | Path, fmt: str | None = None, *, lang: str | None = None,
         force: bool = False, scale: float = PRINT_SCALE, page: str | None = None) -> Path:
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
        PNG pixels per CSS pixel; the default, 300 / 96, is 300 dpi at the table's natural
        size, fit for print (2 is 192 dpi, enough for a screen).
    page
        For PDF: ``"fit"`` (the default: one page the size of the table), ``"a4"`` or
        ``"letter"`` (pages of that size with 1.5 cm margins, landscape for a wide table).
        For LaTeX: the document's paper, ``"a4"`` or ``"letter"`` (by default none is named,
        and LaTeX's own default, letter, applies).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    fmt = format_of(path, fmt)
    page = page_for(fmt, page)
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
            draw(table, tmp, fmt, scale=scale, page=page or "fit")
        else:
            text = to_text(table, fmt, lang=lang, paper=page)
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
            tmp.write_text(text, encoding=encoding, newline="")
        _place(tmp, path, force)
    except OSError as exc:
        raise OutputError(f"Cannot write {str(path)!r}: {exc.strerror or exc}.") from None
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return path
