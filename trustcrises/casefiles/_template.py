"""``trustcrises new``: a commented template case file, and the collection around it."""

from __future__ import annotations

import re
from pathlib import Path

from .._errors import OutputError, SourceFileError

_PACKAGE = """\
# Metadata of this collection, written into datapackage.json by `trustcrises build`.
name: {name}
title: {name}
version: 0.1.0
# Use the bundled codebook and sources as well as your own (delete the line to stand alone).
extends: trustcrises
"""

_SOURCES = """\
# Sources cited by your events and viewpoints. The bundled sources can be cited too.
# Each: source_id (slug), kind (code), title, publisher, author, url, published (YYYY-MM-DD),
# language (zh-Hans, zh-Hant, en, ...), and optionally note_en / note_zh.
sources: []
"""

_HEADER = """\
# Case file for {case_id}. Fill it in, then run: trustcrises validate {folder}
# Text fields come in pairs: _en in English, _zh in Chinese; write both. Text with ": " in it
# goes in quotes. Dates: YYYY-MM-DD, YYYY-MM or YYYY, matching date_precision. null: not known.
# `trustcrises codes FIELD` lists a code list with each code's meaning; codes of your own go in
# this collection's codebook.yaml, under the field's name (code, label_en, label_zh,
# definition_en, definition_zh). A complete case to read beside this one, every field filled in:
# trustcrises new --example --source {folder}

"""
# Fields that only the seed article's cases use: not asked for in a new case.
_SEED_ONLY = {"article_role", "identification"}
# Values a new case starts with, where a blank would not do.
_START = {"date_precision": "day", "status": "ended", "event_type": "trigger",
          "is_decisive": "false", "seq": "1"}
# Event fields a trigger does not take; the template lists them in a comment instead.
_RESPONSE_ONLY = ("strategy", "strategy_rationale_en", "strategy_rationale_zh")


def _fields(table: str, codes: dict[str, str], indent: str, *, skip: set[str] = frozenset(),
            first: str = "") -> list[str]:
    """One ``key: value  # description`` line per column a user writes, from the model."""
    from .._catalog import TABLES

    lines = []
    for name, column in TABLES[table].model.to_schema().columns.items():
        metadata = column.metadata or {}
        if metadata.get("derived") or name in skip:
            continue
        value = _START.get(name, "null" if column.nullable else '""')
        if name == "case_id" and table == "cases":
            value = "{case_id}"
        hint = column.description or ""
        if metadata.get("codes") and metadata["codes"] in codes:
            hint += f" Codes: {codes[metadata['codes']]}."
        prefix = first if not lines and first else indent
        lines.append(f"{prefix}{name}: {value}  # {hint}".rstrip())
    return lines


def _case_text(case_id: str, folder: str | Path, codes: dict[str, str]) -> str:
    from .._catalog import TABLES

    viewpoint_fields, coding_fields = (
        ", ".join(n for n in TABLES[t].model.to_schema().columns if n != "case_id")
        for t in ("viewpoints", "codings"))
    lines = _fields("cases", codes, "", skip=_SEED_ONLY)
    lines += ["", "events:  # the timeline in date order; seq runs 1, 2, 3, ..."]
    lines += _fields("events", codes, "    ", skip={"case_id", *_RESPONSE_ONLY},
                     first="  - ")
    lines += ["    # A response event also takes: strategy (Codes: "
              f"{codes.get('strategy', '')}), strategy_rationale_en and strategy_rationale_zh.",
              "", f"viewpoints: []  # commentary, optional; each with {viewpoint_fields}",
              f"codings: []  # published studies that coded the case, optional; each with "
              f"{coding_fields}"]
    text = _HEADER + "\n".join(lines) + "\n"
    return text.replace("{case_id}", case_id).replace("{folder}", str(folder))


def write_template(case_id: str, folder: str | Path, codebook: list[dict],
                   taken: frozenset[str] = frozenset()) -> list[Path]:
    """Write ``cases/CASE_ID.yaml`` (and package.yaml, sources.yaml if missing).

    ``codebook`` holds the codebook's rows (as dicts), whose codes the template lists;
    ``taken`` the case ids of the bundled data, which a collection extending it cannot reuse.
    """
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id):
        raise SourceFileError(f"Case id {case_id!r} must be a lowercase slug such as "
                              "'acme-2024-recall' (a-z, 0-9, single hyphens)")
    if case_id in taken:
        raise SourceFileError(f"Case id {case_id!r} is already a bundled case, and a "
                              "collection that extends the bundled data cannot define it "
                              "again; choose another id, such as "
                              f"{case_id + '-mine'!r}")
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{str(root)!r} is a file, not a folder; give a folder for the "
                          "collection")
    target = root / "cases" / f"{case_id}.yaml"
    if target.exists():
        raise OutputError(f"{str(target)!r} already exists; edit it, or choose another "
                          "case id")
    codes = _code_hints(codebook)
    files = []
    name = re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-") or "my-cases"
    for path, text in ((root / "package.yaml", _PACKAGE.format(name=name)),
                       (root / "sources.yaml", _SOURCES)):
        if not path.exists():
            files.append((path, text))
    files.append((target, _case_text(case_id, folder, codes)))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for path, text in files:
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
    except OSError as exc:
        raise OutputError(f"Cannot write to {str(root)!r} ({exc.strerror or exc}); choose "
                          "another folder for the collection") from None
    return [path for path, _ in files]


def _code_hints(codebook: list[dict]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for row in sorted(codebook, key=lambda r: r["sort_order"]):
        out.setdefault(row["field"], []).append(row["code"])
    return {field: ", ".join(codes) if len(codes) <= 12 else
            ", ".join(codes[:12]) + f", ... ({len(codes)} in all)" for field, codes in out.items()}


def write_example(folder: str | Path) -> Path:
    """Copy the worked example case into ``folder``/examples/ (outside cases/, so that it is
    read as an example and not built as one of the collection's cases)."""
    from .._paths import EXAMPLE_CASE, example_case

    source = example_case()
    if not source.is_file():
        raise OutputError(f"The worked example is not installed with this copy of trustcrises "
                          f"(looked for {str(source)!r}); reinstall the package.")
    target = Path(folder) / "examples" / f"{EXAMPLE_CASE}.yaml"
    if target.exists():
        raise OutputError(f"{str(target)!r} already exists; the example is there to read.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    except OSError as exc:
        raise OutputError(f"Cannot write {str(target)!r}: {exc.strerror or exc}.") from None
    return target
