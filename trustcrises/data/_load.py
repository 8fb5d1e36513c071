"""Loading the tables: each call reads the Parquet file, checks its hash, returns a fresh frame."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .._catalog import TABLES, table
from .._errors import DataIntegrityError
from .._paths import bundled_data_dir

if TYPE_CHECKING:
    import pandas as pd

DESCRIPTOR = "datapackage.json"
#: The ``DataFrame.attrs`` key naming the build a frame was loaded from.
DATA_DIR_ATTR = "trustcrises.data_dir"


def _folder(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else bundled_data_dir()


def _restore_hint(data_dir: str | Path | None) -> str:
    if data_dir is None:
        return ("Reinstall trustcrises (pip install --force-reinstall trustcrises) or, in a "
                "checkout, rebuild with `trustcrises build`.")
    return f"Rebuild it with `trustcrises build --out {data_dir}`."


def descriptor(data_dir: str | Path | None = None) -> dict:
    """The parsed datapackage.json of a dataset folder."""
    path = _folder(data_dir) / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(f"{DESCRIPTOR} not found in {str(path.parent)!r}. "
                                 + _restore_hint(data_dir)) from None
    except (OSError, ValueError) as exc:
        raise DataIntegrityError(f"{str(path)!r} cannot be read ({exc}). "
                                 + _restore_hint(data_dir)) from None


def path(name: str, *, data_dir: str | Path | None = None) -> Path:
    """The Parquet file of table ``name``, for DuckDB, Polars, R and other tools.

    Examples
    --------
    >>> import trustcrises as tc
    >>> tc.path("cases").name
    'cases.parquet'
    """
    return _folder(data_dir) / table(name).filename


def list_tables() -> list[str]:
    """The names of the tables, in catalog order.

    Examples
    --------
    >>> import trustcrises as tc
    >>> tc.list_tables()
    ['cases', 'events', 'sources', 'viewpoints', 'codings', 'codebook']
    """
    return list(TABLES)


def read_verified(name: str, data_dir: str | Path | None = None) -> bytes:
    """The bytes of a table's file after checking them against datapackage.json."""
    spec = table(name)
    file = path(name, data_dir=data_dir)
    resources = {r.get("name"): r for r in descriptor(data_dir).get("resources", [])}
    if name not in resources:
        raise DataIntegrityError(f"{DESCRIPTOR} in {str(file.parent)!r} lists no resource "
                                 f"{name!r}. " + _restore_hint(data_dir))
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataIntegrityError(f"{spec.filename} cannot be read from {str(file.parent)!r} "
                                 f"({exc.strerror or exc}). " + _restore_hint(data_dir)) from None
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    if digest != resources[name].get("hash"):
        other = [n for n, r in resources.items() if r.get("hash") == digest and n != name]
        why = (f"it is the file of table {other[0]!r}" if other else
               "it is truncated, altered or from another build")
        raise DataIntegrityError(f"{str(file)!r} does not match the sha256 recorded in "
                                 f"{DESCRIPTOR}: {why}. " + _restore_hint(data_dir))
    return data


def load(name: str, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load table ``name`` as a new DataFrame with the declared dtypes.

    Parameters
    ----------
    name
        One of :func:`list_tables`.
    data_dir
        A folder written by ``trustcrises build``; the bundled data when None.

    Examples
    --------
    >>> import trustcrises as tc
    >>> tc.load("codebook").columns[:3].tolist()
    ['field', 'code', 'label_en']
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .._types import arrow_to_pandas_type

    data = read_verified(name, data_dir)
    try:
        arrow_table = pq.ParquetFile(pa.BufferReader(data)).read()
    except (pa.ArrowException, OSError) as exc:
        raise DataIntegrityError(f"{str(path(name, data_dir=data_dir))!r} is not a readable "
                                 f"Parquet file ({exc}). " + _restore_hint(data_dir)) from None
    frame = arrow_table.to_pandas(types_mapper=arrow_to_pandas_type)
    if data_dir is not None:  # so tc.validate checks it against its own build's codebook
        frame.attrs[DATA_DIR_ATTR] = str(data_dir)
    return frame


def load_cases(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per crisis (see ``load``).

    Examples
    --------
    >>> import trustcrises as tc
    >>> "xiaomi-2026-kol" in set(tc.load_cases()["case_id"])
    True
    """
    return load("cases", data_dir=data_dir)


def load_events(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The dated, sourced timeline of every case (see ``load``)."""
    return load("events", data_dir=data_dir)


def load_sources(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every source cited by an event or a viewpoint (see ``load``)."""
    return load("sources", data_dir=data_dir)


def load_viewpoints(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Expert commentary on the cases (see ``load``)."""
    return load("viewpoints", data_dir=data_dir)


def load_codings(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """How published studies coded the cases, and where this dataset differs (see ``load``)."""
    return load("codings", data_dir=data_dir)


def load_codebook(*, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every code with its Chinese and English labels and definitions (see ``load``)."""
    return load("codebook", data_dir=data_dir)


def rows(name: str, data_dir: str | Path | None = None) -> list[dict]:
    """The rows of a table as dicts, after the same integrity check as ``load``, without pandas
    (so that ``list``, ``show``, ``codes`` and ``new`` start fast)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    # use_threads=False: a threaded read can abort the process at exit (apache/arrow#34314)
    table = pq.ParquetFile(pa.BufferReader(read_verified(name, data_dir))).read(use_threads=False)
    return table.to_pylist()
