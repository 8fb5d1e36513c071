"""The Parquet files are the interchange: the README's DuckDB and Polars queries give what
pandas gives. DuckDB and Polars are test-only dependencies; each test skips without its tool."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import trustcrises as tc

README = Path(__file__).resolve().parent.parent / "README.md"

# The query of the README's "Scale beyond one machine" section, in each tool: cases per cause,
# and in how many of them outside pressure reversed a decision.
SQL = """\
SELECT cause_category,
       count(*) AS cases,
       count(*) FILTER (WHERE decision_reversed) AS reversed
FROM '{path}'
GROUP BY cause_category
ORDER BY cases DESC, cause_category"""

POLARS = """\
(pl.read_parquet(tc.path("cases"))
   .group_by("cause_category")
   .agg(cases=pl.len(), reversed=pl.col("decision_reversed").sum())
   .sort(["cases", "cause_category"], descending=[True, False]))"""

# The README's first example: every case with its response time, oldest first.
SQL_TIMES = "SELECT company_en, days_to_first_response FROM read_parquet($path) " \
            "ORDER BY start_date, case_id"


def _pandas_counts() -> list[tuple]:
    cases = tc.load_cases()
    counts = (cases.groupby("cause_category")
              .agg(cases=("case_id", "size"), reversed=("decision_reversed", "sum"))
              .reset_index()
              .sort_values(["cases", "cause_category"], ascending=[False, True]))
    return [(c, int(n), int(r)) for c, n, r in counts.itertuples(index=False, name=None)]


def _pandas_times() -> list[tuple]:
    cases = tc.load_cases().sort_values(["start_date", "case_id"])
    days = cases["days_to_first_response"].astype(object).where(lambda s: s.notna(), None)
    return [(c, d if d is None else int(d)) for c, d in zip(cases["company_en"], days)]


def test_duckdb_query_matches_pandas():
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(SQL.format(path=tc.path("cases"))).fetchall()  # as the README writes it
    assert rows == _pandas_counts()
    assert sum(n for _, n, _ in rows) == len(tc.load_cases())


def test_duckdb_reads_types_as_declared():
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.execute(SQL_TIMES, {"path": str(tc.path("cases"))}).fetchall()
    assert [(c, None if d is None else int(d)) for c, d in rows] == _pandas_times()
    described = duckdb.execute("DESCRIBE SELECT * FROM read_parquet($path)",
                               {"path": str(tc.path("cases"))}).fetchall()
    types = {row[0]: row[1] for row in described}
    assert (types["start_date"], types["decision_reversed"],
            types["days_to_first_response"]) == ("DATE", "BOOLEAN", "BIGINT")


def test_polars_query_matches_pandas():
    pl = pytest.importorskip("polars")
    result = eval(POLARS, {"pl": pl, "tc": tc})
    assert result.rows() == _pandas_counts()


def test_polars_reads_the_same_values_as_pandas():
    pl = pytest.importorskip("polars")
    for name in tc.list_tables():
        frame = pl.read_parquet(tc.path(name))
        expected = tc.load(name).astype(object).where(lambda f: f.notna(), None)
        assert frame.columns == list(expected.columns), name
        assert frame.rows() == list(expected.itertuples(index=False, name=None)), name


def test_readme_shows_these_queries():
    text = README.read_text(encoding="utf-8")
    if "## Scale beyond one machine" not in text:
        pytest.skip("the README has no 'Scale beyond one machine' section yet")
    section = text.split("## Scale beyond one machine", 1)[1].split("\n## ", 1)[0]
    flat = re.sub(r"\s+", " ", section)
    for snippet in ("count(*) FILTER (WHERE decision_reversed) AS reversed",
                    "GROUP BY cause_category", "ORDER BY cases DESC, cause_category",
                    'agg(cases=pl.len(), reversed=pl.col("decision_reversed").sum())',
                    'sort(["cases", "cause_category"], descending=[True, False])',
                    "arrow::read_parquet"):
        assert snippet in flat, snippet
