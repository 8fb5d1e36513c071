"""Loading: fresh frames, declared dtypes, and refusal of damaged files."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import trustcrises as tc
from trustcrises._catalog import TABLES
from trustcrises._types import dtypes


@pytest.mark.parametrize("name", list(TABLES))
def test_loaded_dtypes_are_the_declared_ones(name):
    frame = tc.load(name)
    assert list(frame.columns) == list(dtypes(name))
    for column, dtype in dtypes(name).items():
        assert frame[column].dtype == dtype, column
    assert isinstance(frame.index, pd.RangeIndex)
    TABLES[name].model.validate(frame)


def test_named_loaders_match_load():
    for name in TABLES:
        named = getattr(tc, f"load_{name}")()
        pd.testing.assert_frame_equal(named, tc.load(name))


def test_each_call_returns_a_fresh_frame():
    first = tc.load_cases()
    first.loc[0, "company_en"] = "changed"
    assert tc.load_cases().loc[0, "company_en"] != "changed"


def test_dates_are_dates_and_flags_nullable_booleans():
    cases = tc.load_cases()
    assert cases["start_date"].iloc[0].__class__.__name__ == "date"
    assert str(cases["decision_reversed"].dtype) == "boolean"


def test_path_points_at_the_parquet_file():
    assert tc.path("events").name == "events.parquet"
    assert tc.path("events").is_file()


def test_data_dir_loads_a_dataset_built_elsewhere(built):
    cases = tc.load_cases(data_dir=built)
    assert list(cases["case_id"]) == ["xiaomi-2026-kol"]
    assert tc.path("cases", data_dir=built) == built / "cases.parquet"


def _damaged(built, tmp_path, how):
    folder = tmp_path / "damaged"
    shutil.copytree(built, folder)
    target = folder / "cases.parquet"
    data = bytearray(target.read_bytes())
    if how == "truncated":
        target.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "flipped":
        data[len(data) // 3] ^= 0x01
        target.write_bytes(bytes(data))
    elif how == "swapped":
        shutil.copy(folder / "events.parquet", target)
    elif how == "missing":
        target.unlink()
    return folder


@pytest.mark.parametrize("how, why", [
    ("truncated", "it is truncated, altered or from another build"),
    ("flipped", "it is truncated, altered or from another build"),
    ("swapped", "it is the file of table 'events'"),
])
def test_damaged_file_is_refused_with_how_to_restore(built, tmp_path, how, why):
    folder = _damaged(built, tmp_path, how)
    with pytest.raises(tc.DataIntegrityError) as info:
        tc.load_cases(data_dir=folder)
    assert str(info.value) == (
        f"'{folder / 'cases.parquet'}' does not match the sha256 recorded in "
        f"datapackage.json: {why}. Rebuild it with `trustcrises build --out {folder}`.")


def test_missing_file_is_refused(built, tmp_path):
    folder = _damaged(built, tmp_path, "missing")
    with pytest.raises(tc.DataIntegrityError, match=r"cases.parquet cannot be read from .* "
                       r"\(No such file or directory\)\. Rebuild it with"):
        tc.load_cases(data_dir=folder)


def test_missing_descriptor_is_refused(built):
    (built / "datapackage.json").unlink()
    with pytest.raises(tc.DataIntegrityError) as info:
        tc.load_events(data_dir=built)
    assert str(info.value) == (f"datapackage.json not found in '{built}'. Rebuild it with "
                               f"`trustcrises build --out {built}`.")


def test_unreadable_parquet_with_matching_hash_is_refused(built):
    import hashlib

    (built / "cases.parquet").write_bytes(b"not parquet")
    descriptor = json.loads((built / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == "cases":
            resource["hash"] = "sha256:" + hashlib.sha256(b"not parquet").hexdigest()
    (built / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(tc.DataIntegrityError, match="is not a readable Parquet file"):
        tc.load_cases(data_dir=built)


def test_unknown_table_is_a_lookup_error():
    with pytest.raises(LookupError, match="Unknown table 'event'. Did you mean 'events'?"):
        tc.load("event")


def test_loading_imports_neither_pandera_nor_great_tables(tmp_path):
    import subprocess
    import sys

    code = ("import sys, trustcrises as tc\n"
            "for name in tc.list_tables():\n    tc.load(name)\n"
            "print([m for m in ('pandera', 'great_tables') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == "[]"
