"""tc.validate on a user's own frames."""

from __future__ import annotations

import pytest

import trustcrises as tc


def test_valid_frames_pass_unchanged():
    for name in tc.list_tables():
        frame = tc.load(name)
        assert tc.validate(frame, table=name) is frame


def test_every_failure_is_reported_at_once():
    events = tc.load_events()
    bad = events.copy()
    bad.loc[0, "quote"] = "x" * 81
    bad.loc[1, "event_type"] = "respnse"
    bad.loc[2, "actor_zh"] = "Lei Jun"
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(bad, table="events")
    rules = [(p.field, p.rule, p.suggestion) for p in info.value.problems]
    assert ("row 0, column 'quote'", "must be at most 80 characters (it has 81); shorten it",
            None) in rules
    assert ("row 1, column 'event_type'", "is not a valid event_type code in the codebook",
            "Did you mean 'response'?") in rules
    assert ("row 2, column 'actor_zh'", "must be written in Chinese (it has no Chinese "
            "characters)", None) in rules
    assert str(info.value).startswith(f"{len(rules)} problems in the events frame:\n  row 0")


def test_missing_and_extra_columns():
    cases = tc.load_cases().drop(columns=["region"]).assign(colour="red")
    with pytest.raises(tc.ValidationError) as info:
        tc.validate(cases, table="cases")
    fields = {(p.field, p.rule) for p in info.value.problems}
    assert ("table, column 'region'", "is missing") in fields
    assert ("table, column 'colour'", "is not a column of this table") in fields


def test_input_frame_is_not_changed():
    cases = tc.load_cases()
    before = cases.copy(deep=True)
    tc.validate(cases, table="cases")
    assert cases.equals(before)


def test_not_a_frame():
    with pytest.raises(TypeError, match="validate\\(\\) takes a pandas DataFrame, not list"):
        tc.validate([], table="cases")


def test_a_frame_loaded_from_a_build_is_checked_against_its_own_codebook(collection, tmp_path):
    """The README's own step: a code the collection added validates where it was built."""
    book = collection / "codebook.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace(
        "\nindustry:\n", "\nindustry:\n  - code: shipping\n    label_en: Shipping\n"
        "    label_zh: 航运\n    definition_en: Shipping lines.\n"
        "    definition_zh: 航运公司。\n", 1), encoding="utf-8")
    case = collection / "cases" / "xiaomi-2026-kol.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "industry: consumer_electronics", "industry: shipping"), encoding="utf-8")
    out = tmp_path / "my-build"
    tc.build(collection, out)
    mine = tc.load_cases(data_dir=out)
    assert tc.validate(mine, table="cases") is mine
    with pytest.raises(tc.ValidationError) as caught:  # against the bundled codebook alone
        tc.validate(mine, table="cases", codebook=tc.load_codebook())
    assert [p.rule for p in caught.value.problems] == [
        "is not a valid industry code in the codebook"]


def test_problems_are_listed_table_first_then_in_row_order():
    """Problems of the whole table first, then row by row: row 2 before row 10."""
    events = tc.load_events().drop(columns=["actor_en"])
    for row in (10, 2, 0):
        events.loc[row, "quote"] = "x" * 81
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(events, table="events")
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("table, column 'actor_en'", "is missing")] + [
        (f"row {row}, column 'quote'", "must be at most 80 characters (it has 81); shorten it")
        for row in (0, 2, 10)]


@pytest.mark.parametrize("table, column", [("events", "date"), ("cases", "start_date"),
                                           ("viewpoints", "stance")])
def test_a_frame_without_a_column_a_rule_reads_is_told_what_is_missing(table, column):
    """The rules across columns need every column; without one, the column rules alone run."""
    frame = tc.load(table).drop(columns=[column])
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(frame, table=table)
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        (f"table, column {column!r}", "is missing")]
