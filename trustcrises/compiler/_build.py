"""``trustcrises build``: validate everything, then write every output or nothing.

Outputs are serialised in memory first. Only when all of them exist are they written, into a
temporary folder beside their targets, and moved into place one by one, datapackage.json last.
Builds into the same folder take turns (an exclusive lock on the folder), so two at once never
leave a mix of their files. A file whose bytes would not change is left untouched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .._catalog import TABLES
from ._compile import compile_folder
from .._errors import OutputError, SourceFileError
from .._types import column_types
from ..data._load import DESCRIPTOR
from .._paths import source_checkout
from ._frictionless import table_schema

@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: every output path, and those whose bytes changed."""

    outputs: tuple[Path, ...]
    changed: tuple[Path, ...]
    counts: dict[str, int]
    checkout: Path | None = None  # the checkout whose own datasets/ was built in place


def default_source() -> Path:
    """The checkout's ``datasets/`` (see :func:`source_checkout`)."""
    root = source_checkout()
    if root is None:
        raise SourceFileError("No source folder given, and neither the package nor the current "
                              "folder is a trustcrises checkout: give the folder that holds "
                              "cases/*.yaml")
    return root / "datasets"


def _checkout_of(source_dir: Path) -> Path | None:
    """The checkout whose own ``datasets/`` folder ``source_dir`` is, if it is one."""
    root = source_checkout()
    if root is not None and source_dir.resolve() == (root / "datasets").resolve():
        return root
    return None


def parquet_bytes(name: str, frame: pd.DataFrame, version: str) -> bytes:
    """Deterministic Parquet: fixed types, compression and metadata, no timestamps."""

    schema = TABLES[name].model.to_schema()
    kinds = column_types(name)
    fields = [pa.field(c, kind.arrow(), nullable=bool(schema.columns[c].nullable),
                       metadata={"description": schema.columns[c].description or ""})
              for c, kind in kinds.items()]
    arrow_schema = pa.schema(fields, metadata={"trustcrises.table": name,
                                               "trustcrises.data_version": version,
                                               "pandas": _pandas_metadata(name)})
    arrays = [pa.array(frame[c].to_numpy(dtype=object, na_value=None), type=f.type)
              for c, f in zip(kinds, fields)]
    table = pa.Table.from_arrays(arrays, schema=arrow_schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", compression_level=9,
                   use_dictionary=True, write_statistics=True, store_schema=True)
    return buffer.getvalue()


def _pandas_metadata(name: str) -> str:
    """pandas' Parquet metadata for the table, written from the declared types alone.

    It names no library version, so the bytes do not change with the installed pandas.
    """
    columns = [{"name": c, "field_name": c, "pandas_type": kind.pandas_metadata[0],
                "numpy_type": kind.pandas_metadata[1], "metadata": None}
               for c, kind in column_types(name).items()]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns},
                      separators=(",", ":"))


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_outputs(frames: dict[str, pd.DataFrame], package: dict) -> tuple[dict, dict]:
    """``({filename: bytes} for the data folder, {filename: bytes} for schemas/)``."""
    version = str(package.get("version", "0.0.0"))
    data: dict[str, bytes] = {}
    schemas: dict[str, bytes] = {}
    resources = []
    for name, spec in TABLES.items():
        blob = parquet_bytes(name, frames[name], version)
        data[spec.filename] = blob
        schema = table_schema(name, frames["codebook"])
        schemas[f"{name}.schema.json"] = _json(schema)
        resources.append({
            "name": name, "path": spec.filename, "title": spec.title,
            "description": spec.description, "profile": "tabular-data-resource",
            "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "bytes": len(blob), "hash": "sha256:" + hashlib.sha256(blob).hexdigest(),
            "schema": schema,
        })
    keys = ("name", "title", "description", "version", "homepage", "licenses", "sources",
            "contributors", "keywords", "extends")
    meta = {k: package[k] for k in keys if package.get(k) is not None}
    if isinstance(meta.get("description"), str):
        meta["description"] = _counted(meta["description"], frames)
    meta.setdefault("name", "collection")
    meta["version"] = version
    data[DESCRIPTOR] = _json({"profile": "tabular-data-package", **meta,
                              "resources": resources})
    return data, schemas


def _counted(text: str, frames: dict[str, pd.DataFrame]) -> str:
    """``text`` with {cases}, {codings} and {SELECTION} (cases collected for that reason)
    replaced by counts from the data, so that a description never states a stale number."""
    counts = {"cases": len(frames["cases"]), "codings": len(frames["codings"]),
              **frames["cases"]["selection"].value_counts().to_dict()}
    for key, value in counts.items():
        text = text.replace("{" + str(key) + "}", str(value))
    return text


def build(source: str | Path | None = None, out: str | Path | None = None,
          schemas: str | Path | None = None) -> BuildResult:
    """Compile the case files in ``source`` into Parquet, schemas and datapackage.json.

    Nothing is written unless every file validates. ``source`` defaults to the checkout's
    ``datasets/``, ``out`` to ``source``. Building a checkout's own ``datasets/`` in place
    (named or by default) also writes its ``schemas/`` and the column section of its
    ``DATASHEET.md``; any other build writes its schemas to ``OUT/schemas``.
    """
    source_dir = Path(source) if source is not None else default_source()
    out_dir = source_dir if out is None else Path(out)
    checkout = _checkout_of(source_dir) if out is None else None
    if schemas is not None:
        schema_dir = Path(schemas)
    elif checkout is not None:
        schema_dir = checkout / "schemas"
    else:
        schema_dir = out_dir / "schemas"
    _check_writable(out_dir)
    frames, package = compile_folder(source_dir)
    data, schema_files = render_outputs(frames, package)
    changed = _write_all([(schema_dir, schema_files), (out_dir, data)], lock=out_dir)
    outputs = tuple(out_dir / f for f in data) + tuple(schema_dir / f for f in schema_files)
    if checkout is not None and schemas is None:  # the checkout's own data card and README
        from ._datasheet import (
            claim_markdown,
            columns_markdown,
            composition_markdown,
            update_generated,
        )

        claim = claim_markdown(frames)
        for doc, sections in (("DATASHEET.md", {"columns": columns_markdown(),
                                                "composition": composition_markdown(frames),
                                                "claim": claim}),
                              ("README.md", {"composition": composition_markdown(frames),
                                             "claim": claim})):
            if (checkout / doc).exists():
                if update_generated(checkout / doc, sections):
                    changed.append(checkout / doc)
                outputs += (checkout / doc,)
    return BuildResult(outputs, tuple(changed), {n: len(f) for n, f in frames.items()},
                       checkout)


def _check_writable(folder: Path) -> None:
    """Fail early, before any work, when the output cannot be written."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise OutputError(f"Output {str(probe)!r} is a file, not a folder; choose a folder "
                          "for the output")
    try:
        handle, name = tempfile.mkstemp(prefix=".trustcrises-probe-", dir=probe)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        raise OutputError(f"Output folder {str(probe)!r} is not writable "
                          f"({exc.strerror or exc}); choose another output folder or fix "
                          "its permissions") from None


LOCK_FILE = ".trustcrises-build.lock"


def _write_all(groups: list[tuple[Path, dict[str, bytes]]], *, lock: Path) -> list[Path]:
    """Write every group of files, or none; return the paths whose bytes changed.

    An exclusive lock on ``lock/.trustcrises-build.lock`` (filelock: POSIX and Windows) makes
    a second build into the same folder wait until the first has finished.
    """
    from filelock import FileLock

    try:
        for folder, _ in groups:
            folder.mkdir(parents=True, exist_ok=True)
        exclusive = FileLock(lock / LOCK_FILE)
        exclusive.acquire()
    except OSError as exc:
        raise OutputError(f"Cannot create or open the output folder {str(lock)!r} "
                          f"({exc.strerror or exc}); choose another output folder") from None
    staged: list[tuple[Path, Path]] = []
    temps: list[Path] = []
    try:
        for folder, files in groups:
            todo = {n: b for n, b in files.items() if _differs(folder / n, b)}
            if not todo:
                continue
            temp = Path(tempfile.mkdtemp(prefix=".trustcrises-build-", dir=folder))
            temps.append(temp)
            for filename, blob in todo.items():
                with open(temp / filename, "wb") as fh:
                    fh.write(blob)
                    fh.flush()
                    os.fsync(fh.fileno())
                staged.append((temp / filename, folder / filename))
        for temp_path, final in staged:
            os.replace(temp_path, final)
    except OSError as exc:
        raise OutputError(f"Writing the build output failed ({exc.strerror or exc}); the "
                          "previous output was left as it was") from None
    finally:
        for temp in temps:
            shutil.rmtree(temp, ignore_errors=True)
        exclusive.release()
    return [final for _, final in staged]


def _differs(target: Path, blob: bytes) -> bool:
    try:
        return target.read_bytes() != blob
    except OSError:
        return True
