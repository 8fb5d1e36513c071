"""The pandera models: strict, typed, described, and consistent with the codebook."""

from __future__ import annotations

import pytest

import trustcrises as tc
from trustcrises._catalog import TABLES
from trustcrises.validation._rules import code_columns


@pytest.mark.parametrize("name", list(TABLES))
def test_every_column_is_described_and_the_model_is_strict(name):
    schema = TABLES[name].model.to_schema()
    assert schema.strict is True
    for column_name, column in schema.columns.items():
        assert column.description and len(column.description) > 10, column_name


@pytest.mark.parametrize("name", list(TABLES))
def test_every_coded_column_has_codes_in_the_codebook(name):
    book = tc.load_codebook()
    fields = set(book["field"])
    for column, field in code_columns(name).items():
        assert field in fields, f"{name}.{column} uses codebook field {field!r}, which is empty"


def test_every_text_pair_is_complete():
    for name, spec in TABLES.items():
        columns = set(spec.model.to_schema().columns)
        for column in columns:
            if column.endswith("_en"):
                assert column[:-3] + "_zh" in columns, f"{name}.{column} has no Chinese twin"
            if column.endswith("_zh"):
                assert column[:-3] + "_en" in columns, f"{name}.{column} has no English twin"
