"""The registry of tables, read by the loader, the build, the CLI, the docs and the tests.

Adding a table is one entry here plus its pandera model in ``_models``. This module imports
nothing heavy, so the loader and the CLI can use it without loading pandera.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._errors import TableNotFoundError
from ._problems import did_you_mean

if TYPE_CHECKING:
    import pandera.pandas as pa


@dataclass(frozen=True)
class ForeignKey:
    """Columns of one table that must match the primary key of another."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the dataset."""

    name: str
    model_name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())
    row: tuple[str, str] = ("row", "rows")  # what one row is, singular and plural

    def count(self, n: int) -> str:
        """``n`` rows in words: '1 case', '702 events', '415 codebook rows'."""
        return f"{n} {self.row[0] if n == 1 else self.row[1]}"

    @property
    def filename(self) -> str:
        return f"{self.name}.parquet"

    @property
    def model(self) -> type[pa.DataFrameModel]:
        """The pandera model (imports pandera on first use)."""
        from . import _models

        return getattr(_models, self.model_name)


def _fk(column: str, table: str) -> ForeignKey:
    return ForeignKey((column,), table, (column,))


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("cases", "Cases", "Cases", "One row per trust crisis: who, what, how it was "
              "coded, how the company responded and how it ended.", ("case_id",),
              row=("case", "cases")),
        Table("events", "Events", "Events", "The dated, sourced timeline of every case, "
              "with each response coded.", ("case_id", "seq"),
              (_fk("case_id", "cases"), _fk("source_id", "sources")), ("event", "events")),
        Table("sources", "Sources", "Sources", "Every source cited by an event, a "
              "viewpoint or a published coding.", ("source_id",), row=("source", "sources")),
        Table("viewpoints", "Viewpoints", "Viewpoints", "Expert commentary on the cases, "
              "with stances on contested propositions.", ("viewpoint_id",),
              (_fk("case_id", "cases"), _fk("source_id", "sources")),
              ("viewpoint", "viewpoints")),
        Table("codings", "Codings", "Published codings", "How published studies coded a "
              "case (its SCCT cluster or response strategies), with a short quote and where "
              "this dataset's coding differs.", ("case_id", "source_id"),
              (_fk("case_id", "cases"), _fk("source_id", "sources")),
              ("published coding", "published codings")),
        Table("codebook", "Codebook", "Codebook", "Every code used anywhere, with labels "
              "and definitions in Chinese and English.", ("field", "code"),
              row=("codebook row", "codebook rows")),
    )
}


def table(name: str) -> Table:
    """The catalog entry for ``name``, or a TableNotFoundError listing the valid names."""
    try:
        return TABLES[name]
    except (KeyError, TypeError):
        hint = did_you_mean(name, list(TABLES))
        raise TableNotFoundError(
            f"Unknown table {name!r}. " + (f"{hint} " if hint else "")
            + f"Valid tables: {', '.join(TABLES)}."
        ) from None
