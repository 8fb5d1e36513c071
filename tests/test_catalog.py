"""The catalog of tables."""

from __future__ import annotations

import pytest

import trustcrises as tc
from trustcrises._catalog import TABLES, table


def test_list_tables_matches_catalog():
    assert tc.list_tables() == list(TABLES) == ["cases", "events", "sources", "viewpoints",
                                                "codings", "codebook"]


def test_unknown_table_names_valid_ones():
    with pytest.raises(tc.TableNotFoundError) as info:
        table("case")
    assert str(info.value) == ("Unknown table 'case'. Did you mean 'cases'? Valid tables: "
                               "cases, events, sources, viewpoints, codings, codebook.")


@pytest.mark.parametrize("name", list(TABLES))
def test_keys_are_model_columns(name):
    spec = TABLES[name]
    columns = set(spec.model.to_schema().columns)
    assert set(spec.primary_key) <= columns
    for fk in spec.foreign_keys:
        assert set(fk.fields) <= columns
        assert set(fk.reference) <= set(TABLES[fk.table].model.to_schema().columns)


def test_each_table_counts_its_rows_in_words():
    assert [TABLES[n].count(1) for n in ("cases", "codebook")] == ["1 case", "1 codebook row"]
    assert [TABLES[n].count(2) for n in ("events", "codings")] == ["2 events",
                                                                    "2 published codings"]
    assert all(t.row != ("row", "rows") for t in TABLES.values())
