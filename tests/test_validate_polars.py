"""tc.validate on Polars frames (pandera's Polars backend), and the regular expressions that
run the models' patterns in Arrow and Polars with the meaning Python's ``re`` gives them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trustcrises as tc
from trustcrises.validation._checks import polars_schema, portable, str_matches
from trustcrises._types import TYPES

STRING = TYPES["text"].pandas()
from trustcrises._models import CODE, LANGUAGE, NOT_BLANK, REGION, SLUG, URL

PATTERNS = [NOT_BLANK, SLUG, URL, LANGUAGE, CODE, REGION, r"^[A-Za-z0-9_-]+$",
            r"^[a-z0-9_]+$"]
# Characters where the engines differ: Python's white space (\x1c-\x1f are white space to re
# but not to Unicode), newlines (re's $ also matches before a final one), CJK.
ALPHABET = list("aAzZ09-_:/.?#$ \n\t\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u200b中文é") + [
    "http://", "https://", "zh-Hans", "CN", "en-US", "-x"]


@pytest.fixture
def pl():
    return pytest.importorskip("polars")


def _problems(frame, table):
    try:
        tc.validate(frame, table=table)
    except tc.ValidationError as exc:
        return [str(p) for p in exc.problems]
    return []


def _polars(frame):
    import polars
    import pyarrow as pa

    return polars.from_arrow(pa.Table.from_pandas(frame, preserve_index=False))


@pytest.mark.parametrize("name", tc.list_tables())
def test_valid_polars_frames_pass_unchanged(pl, name):
    frame = pl.read_parquet(tc.path(name))
    assert tc.validate(frame, table=name) is frame


def _break(name):
    frame = tc.load(name)
    text = [c for c in frame.columns if str(frame[c].dtype) == "string"]
    zh = [c for c in text if c.endswith("_zh")]
    for row, column in enumerate(text[:4]):
        frame.loc[row, column] = [" padded", "", "x" * 81, "bogus value"][row]
    if zh:
        frame.loc[4, zh[0]] = "English only"
    if name == "events":
        frame.loc[5, "event_type"] = "respnse"
        frame.loc[6, "seq"] = 0
        frame.loc[7, "date"] = None
        frame.loc[8, "is_decisive"] = True
    if name == "cases":
        frame.loc[5, "region"] = "usa"
        frame.loc[6, "end_date"] = frame.loc[6, "start_date"].replace(year=1900)
        frame.loc[7, "case_id"] = frame.loc[8, "case_id"]
    if name == "viewpoints":
        frame.loc[5, "stance"] = None
        frame.loc[6, "headline_problem"] = 9
    return frame


@pytest.mark.parametrize("name", tc.list_tables())
def test_a_broken_polars_frame_gets_the_same_problems_as_pandas(pl, name):
    frame = _break(name)
    expected = _problems(frame, name)
    assert len(expected) >= 4
    assert _problems(_polars(frame), name) == expected


def test_polars_problems_read_as_the_pandas_ones(pl):
    events = _polars(_break("events"))
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(events, table="events")
    rules = {(p.field, p.rule) for p in info.value.problems}
    assert ("row 5, column 'event_type'", "is not a valid event_type code in the codebook") \
        in rules
    assert ("row 6, column 'seq'", "must be at least 1") in rules
    assert ("row 7, column 'date'", "is required") in rules
    assert str(info.value).startswith(f"{len(info.value.problems)} problems in the events "
                                      "frame:\n  row 0")


def test_missing_and_extra_columns_in_polars(pl):
    cases = pl.read_parquet(tc.path("cases")).drop("region").with_columns(colour=pl.lit("red"))
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(cases, table="cases")
    fields = {(p.field, p.rule) for p in info.value.problems}
    assert ("table, column 'region'", "is missing") in fields
    assert ("table, column 'colour'", "is not a column of this table") in fields


def test_a_wrong_dtype_is_named(pl):
    events = pl.read_parquet(tc.path("events")).with_columns(pl.col("seq").cast(pl.String))
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(events, table="events")
    assert ("table, column 'seq'", "must have dtype Int64") in {
        (p.field, p.rule) for p in info.value.problems}


def test_a_polars_frame_is_not_converted_to_pandas(pl, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("converted to pandas")

    monkeypatch.setattr(pl.DataFrame, "to_pandas", refuse)
    frame = _polars(_break("viewpoints"))
    with pytest.raises(tc.ValidationError):
        tc.validate(frame, table="viewpoints")


def test_a_polars_codebook_is_accepted(pl):
    cases = pl.read_parquet(tc.path("cases"))
    codebook = pl.read_parquet(tc.path("codebook")).filter(pl.col("field") != "industry")
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(cases, table="cases", codebook=codebook)
    assert {p.rule for p in info.value.problems} == {
        "is not a valid industry code in the codebook"}
    assert info.value.problems[0].suggestion == (
        "If none fits, add your own code to the collection's codebook.yaml, under `industry:`, "
        "with code, label_en, label_zh, definition_en and definition_zh (`trustcrises codes "
        "industry` lists the codes with their meanings)")


def test_polars_is_imported_only_for_a_polars_frame():
    code = ("import sys, trustcrises as tc\n"
            "tc.validate(tc.load_cases(), table='cases')\n"
            "print('polars' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_missing_polars_backend_is_explained(pl, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandera.polars", None)
    polars_schema.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"^Validating a Polars frame needs pandera's "
                           r"Polars backend: pip install 'pandera\[polars\]'"):
            tc.validate(pl.read_parquet(tc.path("cases")), table="cases")
    finally:
        polars_schema.cache_clear()


def test_other_objects_are_still_refused():
    with pytest.raises(TypeError, match="validate\\(\\) takes a pandas DataFrame, not dict"):
        tc.validate({"case_id": []}, table="cases")


# The models' patterns, run by Arrow (RE2) and Polars (Rust) -----------------------------------


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.lists(st.sampled_from(ALPHABET), max_size=7).map("".join),
                       min_size=1, max_size=40))
def test_portable_patterns_mean_what_re_means(pattern, values):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    expected = [re.match(pattern, v) is not None for v in values]
    arrow = pc.match_substring_regex(pa.array(values), portable(pattern)).to_pylist()
    assert arrow == expected
    for dtype in (STRING, pd.StringDtype("python"), object):  # Arrow, Arrow, then re
        series = pd.Series(values, dtype=dtype)
        assert str_matches(pattern)(series).tolist() == expected
    try:
        import polars
    except ImportError:
        return
    assert polars.Series(values).str.contains(portable(pattern)).to_list() == expected


def test_the_fast_check_leaves_missing_values_to_nullable():
    import pandas as pd

    series = pd.Series(["ok", None, " no"], dtype=STRING)
    assert str_matches(NOT_BLANK)(series).tolist() == [True, False, False]


def test_polars_schema_has_the_models_columns_and_dtypes(pl):
    for name in tc.list_tables():
        frame = pl.read_parquet(tc.path(name))
        schema = polars_schema(name)
        assert list(schema.columns) == frame.columns
        assert {c: schema.columns[c].dtype.type for c in frame.columns} == dict(frame.schema)
