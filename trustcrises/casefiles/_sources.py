"""Reading a folder of case files into rows, with where each value came from.

Layout of a source folder::

    package.yaml      dataset metadata (optional for a user's collection)
    codebook.yaml     field -> list of codes (optional when extending the bundled data)
    sources.yaml      sources: [...] (optional when extending the bundled data)
    cases/*.yaml      one case per file: the case, its events, its viewpoints and the
                      published studies that coded it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import _yaml
from .._catalog import TABLES
from .._errors import SourceFileError
from .._text import parse_date
from .._types import column_types, columns
from .._models import SLUG
from .._problems import Problem, did_you_mean


@dataclass
class Origin:
    """Where a row came from: file, the row's line, each key's line, its case, and for events
    and viewpoints its position in the file's list (1-based)."""

    file: str
    line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)
    case: str | None = None
    position: int | None = None

    def at(self, column: str | None) -> int | None:
        return self.lines.get(column, self.line) if column else self.line


@dataclass
class Collection:
    """Rows of every table read from a source folder, and the problems found on the way."""

    root: Path
    package: dict
    rows: dict[str, list[dict]]
    origins: dict[str, list[Origin]]
    problems: list[Problem]
    flagged: set[tuple[str, int, str]] = field(default_factory=set)

    def add(self, table: str, row: dict, origin: Origin) -> int:
        self.rows[table].append(row)
        self.origins[table].append(origin)
        return len(self.rows[table]) - 1

    def problem(self, table: str, index: int | None, column: str | None, rule: str, *,
                value: object = None, suggestion: str | None = None) -> None:
        origin = self.origins[table][index] if index is not None else Origin(file="")
        if index is not None and column:
            self.flagged.add((table, index, column))
        self.problems.append(Problem(origin.file, origin.at(column), origin.case,
                                     _label(table, index, column, self), value, rule,
                                     suggestion))


def _label(table: str, index: int | None, column: str | None, coll: Collection) -> str:
    if index is None:
        return column or ""
    origin = coll.origins[table][index]
    if table in _CHILDREN and origin.case is not None:
        prefix = f"{table}[{origin.position}]"
        return f"{prefix}.{column}" if column else prefix
    if table in ("sources", "codebook"):
        key = coll.rows[table][index].get("source_id" if table == "sources" else "code")
        prefix = f"{table}[{key!r}]" if isinstance(key, str) else f"{table}[{index + 1}]"
        return f"{prefix}.{column}" if column else prefix
    return column or ""


_CHILDREN = {"events": "events", "viewpoints": "viewpoints", "codings": "codings"}


def read_folder(root: Path) -> Collection:
    """Read every file of a source folder; problems are collected, not raised.

    Raises SourceFileError only when the folder itself is unusable (missing, not a folder,
    no case files).
    """
    root = Path(root)
    if not root.exists():
        raise SourceFileError(f"Source folder {str(root)!r} does not exist; give a folder "
                              "that holds cases/*.yaml (create one with `trustcrises new`)")
    if not root.is_dir():
        raise SourceFileError(f"Source {str(root)!r} is not a folder; give the folder that "
                              "holds cases/*.yaml")
    files = sorted((root / "cases").glob("*.yaml")) + sorted((root / "cases").glob("*.yml"))
    if not files:
        raise SourceFileError(f"No case files in {str(root / 'cases')!r}: add one with "
                              "`trustcrises new CASE_ID --source " + str(root) + "`")
    coll = Collection(root, {}, {t: [] for t in TABLES}, {t: [] for t in TABLES}, [])
    coll.package = _read_package(root, coll)
    _read_codebook(root / "codebook.yaml", coll)
    _read_sources(root / "sources.yaml", coll)
    for path in files:
        _read_case(path, coll)
    return coll


def _document(path: Path, coll: Collection, *, required: bool) -> object:
    rel = _rel(path, coll.root)
    if not path.exists():
        if required:
            coll.problems.append(Problem(rel, None, None, "", None, "the file is missing"))
        return None
    try:
        text = _yaml.read_text(path)
    except SourceFileError as exc:
        message = str(exc).split(": ", 1)[1] if ": " in str(exc) else str(exc)
        line = None
        head = str(exc).split(": ", 1)[0]
        if head.rsplit(":", 1)[-1].isdigit():
            line = int(head.rsplit(":", 1)[-1])
        coll.problems.append(Problem(rel, line, None, "", None, message))
        return None
    if not text.strip():
        coll.problems.append(Problem(rel, None, None, "", None,
                                     "the file is empty; fill it in or delete it"))
        return None
    try:
        return _yaml.parse(text)
    except _yaml.YamlError as exc:
        where = f" (column {exc.column})" if exc.column else ""
        coll.problems.append(Problem(rel, exc.line, None, "", None, exc.message + where))
        return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _read_package(root: Path, coll: Collection) -> dict:
    path = root / "package.yaml"
    if not path.exists():
        return {"name": root.resolve().name.lower() or "collection", "version": "0.0.0",
                "extends": "trustcrises"}
    data = _document(path, coll, required=True)
    if not isinstance(data, dict):
        if data is not None:
            coll.problems.append(Problem("package.yaml", None, None, "", None,
                                         "must be a mapping of metadata (name, version, ...)"))
        return {}
    return dict(data)


def _read_codebook(path: Path, coll: Collection) -> None:
    data = _document(path, coll, required=coll.package.get("extends") is None)
    if data is None:
        return
    rel = _rel(path, coll.root)
    if not isinstance(data, dict):
        coll.problems.append(Problem(rel, None, None, "", None,
                                     "must map each field to a list of codes"))
        return
    for field_name, entries in data.items():
        if not isinstance(entries, list):
            coll.problems.append(Problem(rel, data.lines.get(field_name), None, field_name,
                                         None, "must be a list of codes"))
            continue
        for order, entry in enumerate(entries):
            _read_row("codebook", entry, coll, rel, None, fixed={"field": field_name,
                                                                   "sort_order": order})


def _read_sources(path: Path, coll: Collection) -> None:
    data = _document(path, coll, required=coll.package.get("extends") is None)
    if data is None:
        return
    rel = _rel(path, coll.root)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        coll.problems.append(Problem(rel, None, None, "", None,
                                     "must hold `sources:` followed by a list of sources"))
        return
    for entry in data["sources"]:
        _read_row("sources", entry, coll, rel, None)


def _read_case(path: Path, coll: Collection) -> None:
    data = _document(path, coll, required=True)
    if data is None:
        return
    rel = _rel(path, coll.root)
    if not isinstance(data, dict):
        coll.problems.append(Problem(rel, None, None, "", None, "a case file must be a "
                                     "mapping of fields (case_id: ..., events: [...])"))
        return
    case_id = data.get("case_id") if isinstance(data.get("case_id"), str) else None
    case = _yaml.Located({k: v for k, v in data.items() if k not in _CHILDREN})
    case.line = data.line
    case.lines = {k: v for k, v in data.lines.items() if k not in _CHILDREN}
    index = _read_row("cases", case, coll, rel, case_id)
    if case_id and re.fullmatch(SLUG, case_id) and path.stem != case_id:
        coll.problem("cases", index, "case_id", f"the file name must match the case id: "
                     f"rename {path.name} to {case_id}.yaml", value=case_id)
    for key, table in _CHILDREN.items():
        entries = data.get(key)
        if entries is None:
            if key == "events":
                coll.problem("cases", index, None, "`events:` is missing: a case needs at "
                             "least its trigger event")
            continue
        if not isinstance(entries, list):
            coll.problems.append(Problem(rel, data.lines.get(key), case_id, key, None,
                                         "must be a list"))
            continue
        for position, entry in enumerate(entries, 1):
            child = _read_row(table, entry, coll, rel, case_id, fixed={"case_id": case_id},
                              position=position)
            coll.flagged.add((table, child, "case_id"))  # reported on the case itself


def _read_row(table: str, entry: object, coll: Collection, rel: str, case_id: str | None,
              *, fixed: dict | None = None, position: int | None = None) -> int:
    fixed = fixed or {}
    line = getattr(entry, "line", None)
    lines = dict(getattr(entry, "lines", {}))
    index = coll.add(table, {}, Origin(rel, line, lines, case_id, position))
    if not isinstance(entry, dict):
        coll.problem(table, index, None, "must be a mapping of fields", value=entry)
        coll.rows[table][index] = dict(fixed)
        return index
    expected = _expected(table) - set(fixed)
    row: dict = dict(fixed)
    for key, value in entry.items():
        if key not in expected:
            if key in _derived(table):
                coll.problem(table, index, key, "is derived by the build; remove it")
                continue
            hint = did_you_mean(key, expected | set(_CHILDREN) if table == "cases" else
                                expected, n=1)
            known = f"Known fields: {', '.join(sorted(expected))}."
            coll.problem(table, index, key, f"unknown field {key!r}", suggestion=hint or known)
            continue
        row[key] = _convert(table, key, value, coll, index, row)
    coll.rows[table][index] = row
    return index


@cache
def _expected(table: str) -> frozenset[str]:
    """The fields a row of ``table`` may be written with (every column but derived ones)."""
    return frozenset(columns(table)) - _derived(table)


@cache
def _derived(table: str) -> frozenset[str]:
    schema = TABLES[table].model.to_schema()
    return frozenset(n for n, c in schema.columns.items() if (c.metadata or {}).get("derived"))


def _convert(table: str, key: str, value: object, coll: Collection, index: int,
             row: dict) -> object:
    """The value in its column's type, or None with a problem recorded."""
    if value is None:
        return None
    kind = column_types(table)[key].name
    if kind == "date":
        date, precision, error = parse_date(value)
        if error:
            coll.problem(table, index, key, error, value=value)
            return None
        row.setdefault("_precision", {})[key] = precision
        return date
    if kind == "flag":
        if isinstance(value, bool):
            return value
        coll.problem(table, index, key, "must be true or false", value=value)
        return None
    if kind == "count":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        coll.problem(table, index, key, "must be a whole number", value=value)
        return None
    if isinstance(value, str):
        return value
    what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) \
        else "a number" if isinstance(value, (int, float)) else type(value).__name__
    coll.problem(table, index, key, f"must be text, not {what}"
                 + ("; put it in quotes" if isinstance(value, (int, float, bool)) else ""),
                 value=value)
    return None
