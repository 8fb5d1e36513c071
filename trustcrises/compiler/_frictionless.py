"""Frictionless Table Schemas generated from the pandera models."""

from __future__ import annotations

import pandas as pd

from .._catalog import TABLES
from .._types import type_of
from ..validation._rules import code_columns

def table_schema(name: str, codebook: pd.DataFrame) -> dict:
    """The Frictionless Table Schema of ``name``; code columns get the codebook's enums."""
    spec = TABLES[name]
    schema = spec.model.to_schema()
    coded = code_columns(name)
    codes = codebook.groupby("field", sort=False)["code"].apply(list).to_dict()
    fields = []
    for column_name, column in schema.columns.items():
        kind = type_of(column).frictionless
        field: dict = {"name": column_name, "type": kind, "description": column.description}
        if kind == "date":
            field["format"] = "%Y-%m-%d"
        constraints: dict = {}
        if not column.nullable:
            constraints["required"] = True
        if column.unique:
            constraints["unique"] = True
        for check in column.checks:
            stats = check.statistics
            if check.name == "str_matches":
                constraints["pattern"] = stats["pattern"].removeprefix("^").removesuffix("$")
            elif check.name == "str_length":
                if stats.get("max_value") is not None:
                    constraints["maxLength"] = stats["max_value"]
                if stats.get("min_value") is not None:
                    constraints["minLength"] = stats["min_value"]
            elif check.name == "greater_than_or_equal_to":
                constraints["minimum"] = stats["min_value"]
            elif check.name == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
        if column_name in coded:
            field["codebookField"] = coded[column_name]
            constraints.pop("pattern", None)
            constraints["enum"] = sorted(codes.get(coded[column_name], []))
        if (column.metadata or {}).get("derived"):
            field["derived"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    out: dict = {"fields": fields, "primaryKey": list(spec.primary_key),
                 "missingValues": [""]}
    if spec.foreign_keys:
        out["foreignKeys"] = [{"fields": list(fk.fields), "reference": {
            "resource": fk.table, "fields": list(fk.reference)}} for fk in spec.foreign_keys]
    return out
