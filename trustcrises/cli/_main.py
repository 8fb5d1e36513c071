"""The ``trustcrises`` command: a thin layer over the Python API.

Exit status: 0 success, 1 invalid data, 2 usage error (unknown case, bad option, missing path),
3 internal error (a bug: one line on standard error; ``--debug`` or ``TRUSTCRISES_DEBUG=1``
shows the traceback). Each library exception carries its own status.
Heavy libraries are imported inside each command, so ``--help`` starts fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
import os
import sys
from collections.abc import Sequence

from ._table_commands import register_table_commands
from .._errors import TableNotFoundError, TrustCrisesError
from .._version import __version__

_EPILOG = """examples:
  trustcrises list
  trustcrises show xiaomi-2026-kol --lang zh
  trustcrises validate my-cases/
  trustcrises build --source my-cases/ --out my-build/
  trustcrises report --lang zh -o findings.html
  trustcrises site -o site/

exit status: 0 success, 1 invalid data, 2 usage error, 3 internal error
(run again with --debug to see its traceback)
"""

INTERNAL_ERROR = 3
# The library speaks of folders; the command line adds which option names them.
_HINTS = {
    ("build", "OutputError"): "the output folder is --out DIR",
    ("new", "OutputError"): "the collection folder is --source DIR",
    ("site", "OutputError"): "the site's folder is -o DIR",
    **{(command, "CaseNotFoundError"): "trustcrises list shows every case"
       for command in ("show", "compare", "timeline", "matrix")},
}
_REPORT = ("This is a bug in trustcrises {version}. Run the command again with --debug (or "
           "TRUSTCRISES_DEBUG=1) to see the full traceback, and report it to the trustcrises "
           "authors with that traceback and the command you ran.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trustcrises", epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A sourced, bilingual dataset of corporate trust crises.")
    parser.add_argument("--version", action="version", version=f"trustcrises {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="on an internal error, show the full Python traceback")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def data_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", metavar="DIR", help="a dataset built with `trustcrises "
                       "build --out DIR` (default: the bundled data)")

    def lang(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=("en", "zh"), default="en", help="language (en, zh)")

    p = sub.add_parser("list", help="the cases, one line each")
    lang(p)
    data_dir(p)
    p = sub.add_parser("show", help="everything about one case: summary, timeline, sources")
    p.add_argument("case_id", metavar="CASE_ID")
    p.add_argument("--viewpoints", metavar="N", default="10", type=_count_or_all,
                   help="how many viewpoints to print: a number, or all (default 10)")
    lang(p)
    data_dir(p)
    p = sub.add_parser("tables", help="the tables and their Parquet files")
    data_dir(p)
    p = sub.add_parser("codes", help="the codebook: valid codes with their labels")
    p.add_argument("field", nargs="?", metavar="FIELD", help="one code list, e.g. strategy")
    lang(p)
    data_dir(p)
    p = sub.add_parser("validate", help="check a folder of case files and list every problem")
    p.add_argument("source", nargs="?", metavar="DIR",
                   help="folder holding cases/*.yaml (default: the checkout's datasets/)")
    p.add_argument("--source", dest="source_option", metavar="DIR",
                   help="the same folder, as in `trustcrises build --source DIR`")
    p = sub.add_parser("build", help="compile case files into Parquet, schemas and "
                       "datapackage.json")
    p.add_argument("--source", metavar="DIR", help="folder holding cases/*.yaml "
                   "(default: the checkout's datasets/)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: the source folder)")
    p.add_argument("--schemas", metavar="DIR", help="folder for the table schemas (default: "
                   "the checkout's schemas/, or OUT/schemas)")
    p = sub.add_parser("new", help="write a commented template case file to fill in")
    p.add_argument("case_id", metavar="CASE_ID", nargs="?",
                   help="the new case's id, e.g. acme-2024-recall")
    p.add_argument("--example", action="store_true", help="also write the worked example "
                   "(a complete bundled case) into DIR/examples/, to read beside the template")
    p.add_argument("--source", metavar="DIR", default=".",
                   help="collection folder (default: the current folder)")
    p = sub.add_parser("report", help="the findings report: tables and figures of the whole "
                       "collection, as HTML or PDF")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="where to write it: a .html or .pdf file")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument("--no-figures", action="store_true",
                   help="leave the figures out (they need the plot extra)")
    lang(p)
    data_dir(p)
    p = sub.add_parser("site", help="write a website of the cases, in English and Chinese, "
                       "that works offline")
    p.add_argument("-o", "--output", metavar="DIR", required=True,
                   help="the folder to write the site into: new or empty, or a site written "
                   "before (replaced with --force)")
    p.add_argument("--force", action="store_true", help="replace the site already in DIR")
    data_dir(p)
    _COMMANDS.update(register_table_commands(sub))
    return parser


def _count_or_all(value: str) -> int | None:
    if value == "all":
        return None
    if value.isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(f"expected a number or all, not {value!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    debug = args.debug or os.environ.get("TRUSTCRISES_DEBUG", "") not in ("", "0")
    try:
        return _COMMANDS[args.command](args)
    except TrustCrisesError as exc:
        hint = _HINTS.get((args.command, type(exc).__name__))
        print(f"trustcrises: error: {exc}" + (f" ({hint})" if hint else ""), file=sys.stderr)
        return exc.exit_status
    except BrokenPipeError:  # pragma: no cover - e.g. `trustcrises list | head`
        return 0
    except KeyboardInterrupt:
        print("trustcrises: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        first = str(exc).strip().splitlines()
        print(f"trustcrises: internal error: {type(exc).__name__}"
              + (f": {first[0]}" if first else ""), file=sys.stderr)
        print(_REPORT.format(version=__version__), file=sys.stderr)
        return INTERNAL_ERROR


def _list(args: argparse.Namespace) -> int:
    from ._terminal import list_text

    print(list_text(args.data_dir, args.lang))
    return 0


def _show(args: argparse.Namespace) -> int:
    from ._terminal import show_text

    print(show_text(args.case_id, args.data_dir, args.lang, viewpoints=args.viewpoints))
    return 0


def _tables(args: argparse.Namespace) -> int:
    from .._catalog import TABLES
    from ..data._load import path

    for name, spec in TABLES.items():
        print(f"{name:<11} {path(name, data_dir=args.data_dir)}\n{'':<11} {spec.description}")
    return 0


def _codes(args: argparse.Namespace) -> int:
    from ..data._load import rows

    book = rows("codebook", args.data_dir)
    fields = list(dict.fromkeys(r["field"] for r in book))
    if args.field and args.field not in fields:
        from .._problems import did_you_mean

        hint = did_you_mean(args.field, fields)
        raise TableNotFoundError(f"Unknown code list {args.field!r}. "
                                 + (f"{hint} " if hint else "")
                                 + f"Code lists: {', '.join(fields)}.")
    from .. import _labels as L
    from ._terminal import wrapped

    lang = args.lang
    labels = {(r["field"], r["code"]): r[f"label_{lang}"] for r in book}
    for field in [args.field] if args.field else fields:
        print(f"{field}:")
        for r in sorted((r for r in book if r["field"] == field), key=lambda r: r["sort_order"]):
            print(f"  {r['code']:<24} {r[f'label_{lang}']}")
            if not args.field:  # every list at once: codes and labels only
                continue
            detail = r[f"definition_{lang}"]
            for column in ("posture", "benoit", "scct_cluster"):
                if r.get(column):
                    name = L.text(lang, f"col.{column}")
                    value = labels.get((column, r[column]), r[column])
                    detail += f"{name}：{value}。" if lang == "zh" else f" {name}: {value}."
            print(wrapped(detail, " " * 27))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from ..compiler._build import default_source
    from ..compiler._compile import compile_folder
    from .._errors import SourceFileError

    if args.source is not None and args.source_option is not None:
        raise SourceFileError("Give the folder once: as DIR or as --source DIR, not both.")
    given = args.source if args.source is not None else args.source_option
    source = given if given is not None else default_source()
    frames, _ = compile_folder(source)
    from .._catalog import TABLES

    counts = ", ".join(TABLES[n].count(len(f)) for n, f in frames.items())
    print(f"{source}: valid ({counts})")
    return 0


def _build(args: argparse.Namespace) -> int:
    from ..compiler._build import build

    result = build(args.source, args.out, args.schemas)
    from .._catalog import TABLES

    counts = ", ".join(TABLES[t].count(n) for t, n in result.counts.items())
    print(f"Built {counts}.")
    for output in result.outputs:
        state = "written" if output in result.changed else "unchanged"
        print(f"  {state:<9} {output}")
    from .._paths import bundled_data_dir

    if result.checkout is not None and \
            (result.checkout / "datasets").resolve() != bundled_data_dir().resolve():
        print(f"The installed package still reads its own copy of the data: read this build "
              f"with --data-dir {result.outputs[0].parent}, or install the checkout again "
              f"(pip install .).")
    return 0


def _new(args: argparse.Namespace) -> int:
    from ..casefiles._template import write_example, write_template
    from ..data._load import rows

    if args.example:
        path = write_example(args.source)
        print(f"wrote {path}: a complete case file with every field, to read beside your own; "
              "it sits outside cases/, so it is not built as one of your cases")
        if args.case_id is None:
            return 0
    elif args.case_id is None:
        raise TrustCrisesError("Give the new case's id (e.g. trustcrises new acme-2024-recall), "
                               "or --example for the worked example.")
    taken = frozenset(case["case_id"] for case in rows("cases"))
    written = write_template(args.case_id, args.source, rows("codebook"), taken)
    for path in written:
        print(f"wrote {path}")
    print(f"Fill in {written[-1]}, then run: trustcrises validate {args.source}")
    print("Codes of your own (an industry, a cause, ...) go in "
          f"{Path(args.source) / 'codebook.yaml'}, under the field's name: see "
          "`trustcrises codes FIELD` for the codes there are.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from ..findings._report import report

    page = report(args.output, lang=args.lang, force=args.force, figures=not args.no_figures,
                  data_dir=args.data_dir)
    if not args.no_figures and 'class="figure"' not in page:
        print("trustcrises: note: the figures are left out: they need matplotlib "
              "(pip install 'trustcrises[plot]')", file=sys.stderr)
    print(f"wrote {args.output}")
    return 0


def _site(args: argparse.Namespace) -> int:
    from ..site._build import build_site

    result = build_site(args.output, data_dir=args.data_dir, force=args.force)
    print(f"wrote {result.pages} pages, in English and Chinese, to {result.folder}")
    print(f"open {result.index} in a browser")
    return 0


_COMMANDS = {"list": _list, "report": _report, "show": _show, "tables": _tables,
             "codes": _codes, "validate": _validate, "build": _build, "new": _new,
             "site": _site}
