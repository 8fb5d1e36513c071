"""The table commands of the CLI: compare, timeline, matrix, crosstab (argparse only, imports
nothing heavy).

Each writes its table to ``-o FILE`` in the format the extension names (or ``--format``), or
prints it (Markdown by default) when no file is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .. import _labels as L
from .._errors import OutputError, TrustCrisesError
from ..analysis import _units as U

_FORMATS = ("html", "pdf", "png", "latex", "md", "csv")

#: PNG pixels per CSS pixel of each preset of compare (a slide is shown on a screen).
PRESET_SCALE = {"slide": 2.0}

_EPILOG = {
    "compare": """examples:
  trustcrises compare --lang zh -o table.html
  trustcrises compare xiaomi-2026-kol coca-cola-1985-new-coke -o table.pdf
  trustcrises compare --page a4 -o table.pdf
  trustcrises compare --fields company,year,outcome --format csv
  trustcrises compare --selection seed_article --preset slide -o slide.png
  trustcrises compare my-case xiaomi-2026-kol --data-dir my-build --with-bundled
""",
    "timeline": """examples:
  trustcrises timeline xiaomi-2026-kol --lang zh -o timeline.png
""",
    "crosstab": """examples:
  trustcrises crosstab scct_cluster posture --level response --share row
  trustcrises crosstab decade decision_outcome --lang zh -o outcomes.png
  trustcrises crosstab region --format csv
""",
    "matrix": """examples:
  trustcrises matrix --lang zh -o matrix.pdf
  trustcrises matrix --count --format md
""",
}


def _fields(text: str) -> list[str]:
    """``--fields a,b,c``: each name checked against the fields of ``compare``."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    try:
        return L.check_fields(names)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=L.LANGS, default="en", help="language (en, zh)")
    p.add_argument("--format", choices=_FORMATS, metavar="FORMAT",
                   help=f"{', '.join(_FORMATS)} (default: from the extension of -o, else md)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the table here (default: print it; pdf and png need a file)")
    p.add_argument("--page", choices=("fit", "a4", "letter"), metavar="PAGE",
                   help="pdf: fit (one page the size of the table, the default), a4 or letter "
                   "(landscape for a wide table); latex: the document's paper, a4 or letter")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument("--data-dir", metavar="DIR", help="a dataset built with `trustcrises build "
                   "--out DIR` (default: the bundled data)")


def _bundled(p: argparse.ArgumentParser) -> None:
    p.add_argument("--with-bundled", action="store_true", help="with --data-dir: show the "
                   "bundled cases beside your own (name any of them as CASE_ID)")


def register_table_commands(sub: argparse._SubParsersAction
                            ) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the table commands to ``sub``; return command name -> handler."""
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("compare", help="a table comparing cases, one row each",
                       epilog=_EPILOG["compare"], formatter_class=raw)
    p.add_argument("case_ids", nargs="*", metavar="CASE_ID",
                   help="cases in the order to show (default: every case, by start date)")
    p.add_argument("--fields", type=_fields, action="extend", metavar="F,F,...",
                   help="columns to show, in this order, comma-separated: "
                   + ", ".join(L.COMPARE_FIELDS))
    p.add_argument("--selection", metavar="CODE", help="only the cases in the collection for "
                   "this reason: seed_article, canonical or user_pressure (users pressing a "
                   "company's decision)")
    p.add_argument("--pressed", action="store_true", help="only the cases in which a business "
                   "decision was pressed (reversed, partly reversed or upheld)")
    p.add_argument("--preset", choices=tuple(PRESET_SCALE), help="slide: the columns that read "
                   "on a slide (company, year, cause, who pressed, timing, decision), wide "
                   "rather than tall, and a PNG at screen resolution")
    _options(p)
    _bundled(p)
    p = sub.add_parser("timeline", help="a table of one case's dated, sourced events",
                       epilog=_EPILOG["timeline"], formatter_class=raw)
    p.add_argument("case_id", metavar="CASE_ID")
    _options(p)
    _bundled(p)
    p = sub.add_parser("matrix", help="a table of cases by the response strategies they used",
                       epilog=_EPILOG["matrix"], formatter_class=raw)
    p.add_argument("case_ids", nargs="*", metavar="CASE_ID",
                   help="cases in the order to show (default: every case, by start date)")
    p.add_argument("--count", action="store_true",
                   help="show how many response events used each strategy instead of ●")
    _options(p)
    _bundled(p)
    p = sub.add_parser("crosstab", help="counts (and shares) of cases or responses by two "
                       "coded fields", epilog=_EPILOG["crosstab"], formatter_class=raw)
    p.add_argument("rows", metavar="ROWS", help=f"a field: {', '.join(U.RESPONSE_FIELDS)} "
                   "(the last four at --level response only)")
    p.add_argument("columns", metavar="COLUMNS", nargs="?", help="a second field (default: "
                   "one column of counts)")
    p.add_argument("--level", choices=U.LEVELS, default="case", help="count cases (default) "
                   "or response events")
    p.add_argument("--share", choices=("row", "column", "all"), help="also show each count's "
                   "share of its row, its column or the whole")
    _options(p)
    return {"compare": _compare, "timeline": _timeline, "matrix": _matrix,
            "crosstab": _crosstab}


def _format(args: argparse.Namespace) -> str:
    """The format to write, checked before any table is made."""
    from pathlib import Path

    if args.format is not None:
        fmt = args.format
    elif args.output is not None:
        from ..export._export import EXTENSIONS

        suffix = Path(args.output).suffix.lower()
        if suffix not in EXTENSIONS:
            raise OutputError(f"Cannot tell the format from the file name {args.output!r}: "
                              f"use one of the extensions {', '.join(EXTENSIONS)}, or "
                              f"--format ({', '.join(_FORMATS)}).")
        fmt = EXTENSIONS[suffix]
    else:
        fmt = "md"
    if args.output is None and fmt in ("pdf", "png"):
        raise OutputError(f"--format {fmt} writes a file: give one with -o FILE.")
    if args.page is not None and fmt not in ("pdf", "latex"):
        raise OutputError(f"--page is for pdf and latex output, not {fmt}.")
    if args.page == "fit" and fmt == "latex":
        raise OutputError("--page fit is for pdf: a LaTeX document is on a4 or letter paper.")
    if args.output is not None and not args.force and Path(args.output).exists():
        raise OutputError(f"{args.output!r} already exists. Pass --force to overwrite it.")
    return fmt


def _emit(table: object, args: argparse.Namespace, fmt: str, *,
          scale: float | None = None) -> int:
    from ..export._export import save
    from ..export._textformats import to_text

    if args.output is None:
        sys.stdout.write(to_text(table, fmt, lang=args.lang,  # type: ignore[arg-type]
                                 paper=args.page))
        return 0
    extra = {"scale": scale} if scale is not None and fmt == "png" else {}
    path = save(table, args.output, fmt, lang=args.lang, force=args.force,  # type: ignore[arg-type]
                page=args.page, **extra)
    print(f"wrote {path}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from ..tables._tables import compare

    fmt = _format(args)
    if args.preset is not None and args.fields is not None:
        raise TrustCrisesError("--preset chooses the columns itself: give --preset or "
                               "--fields, not both.")
    table = compare(args.case_ids or None, lang=args.lang, fields=args.fields,
                    selection=args.selection, pressed=args.pressed, data_dir=args.data_dir,
                    with_bundled=args.with_bundled, preset=args.preset)
    return _emit(table, args, fmt, scale=PRESET_SCALE.get(args.preset))


def _timeline(args: argparse.Namespace) -> int:
    from ..tables._tables import timeline

    fmt = _format(args)
    return _emit(timeline(args.case_id, lang=args.lang, data_dir=args.data_dir,
                          with_bundled=args.with_bundled), args, fmt)


def _matrix(args: argparse.Namespace) -> int:
    from ..tables._tables import response_matrix

    fmt = _format(args)
    table = response_matrix(args.case_ids or None, lang=args.lang, count=args.count,
                            data_dir=args.data_dir, with_bundled=args.with_bundled)
    return _emit(table, args, fmt)


def _crosstab(args: argparse.Namespace) -> int:
    from ..analysis._crosstab import crosstab_table

    for name in ("rows", "columns"):
        field = getattr(args, name)
        if field is None:
            continue
        if args.level == "case" and field in U.RESPONSE_CODES:
            raise TrustCrisesError(f"{field!r} is a field of a response, not of a case: pass "
                                   f"--level response to count response events.")
        try:
            U.check_field(field, args.level, argument=name.upper())
        except ValueError as exc:
            raise TrustCrisesError(str(exc)) from None
    fmt = _format(args)
    table = crosstab_table(args.rows, args.columns, level=args.level, share=args.share,
                           lang=args.lang, data_dir=args.data_dir)
    return _emit(table, args, fmt)
