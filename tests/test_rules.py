"""Every rule across rows and tables, broken on purpose, through both ways in.

Each rule is broken once in a case file (``trustcrises validate`` must exit 1 and print the
exact message, on the right line) and once in a frame (``tc.validate`` must report the exact
rule on the right row). A rule deleted from the registry fails both.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import concat

import trustcrises as tc
from trustcrises.cli._main import main
from trustcrises.validation._registry import RULES

FIXTURE = Path(__file__).parent / "fixtures" / "collection"
CASE = "cases/acme-2024-recall.yaml"
WHERE = "cases/acme-2024-recall.yaml:{line}: case 'acme-2024-recall': "
# A third event, so that order, trigger and decisiveness rules have something to break.
THIRD = """  - seq: 3
    date: 2024-03-03
    date_precision: day
    event_type: escalation
    is_decisive: false
    actor_en: Reporters
    actor_zh: 记者
    description_en: Reporters ask about the fault.
    description_zh: 记者询问故障。
    source_id: acme-statement
    quote: reporters asked
"""


def line_of(text: str, anchor: str, nth: int = 1) -> int:
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line == anchor]
    assert len(numbers) >= nth, f"{anchor!r} is not in the case file {nth} time(s)"
    return numbers[nth - 1]


def edits(*pairs: tuple[str, str]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for old, new in pairs:
            assert old in text, f"{old!r} not in the case file"
            text = text.replace(old, new, 1)
        return text
    return edit


def third(*pairs: tuple[str, str]) -> tuple[str, str]:
    """Edits inside the third event only."""
    changed = THIRD
    for old, new in pairs:
        assert old in changed, old
        changed = changed.replace(old, new, 1)
    return (THIRD, changed)


# (rule id, edit of the case file, anchor line and message of `trustcrises validate`,
#  edit of the frames, table, row and rule that `tc.validate` reports)
RULE_CASES = [
    ("events-in-date-order",
     edits(third(("date: 2024-03-03", "date: 2024-03-01"))),
     ("    date: 2024-03-01", 2, "events[3].date: is earlier than an event before it in seq "
      "order (2024-03-02); order events by date (got '2024-03-01')"),
     lambda f: _set(f, "events", 2, date=_day("2024-03-01")), "events", 2,
     "is earlier than an event before it in seq order (2024-03-02); order events by date"),
    ("only-background-before-the-trigger-in-seq",
     edits(("    event_type: trigger", "    event_type: escalation"),
           third(("event_type: escalation", "event_type: trigger"),
                 ("date: 2024-03-03", "date: 2024-03-01"))),
     ("    event_type: escalation", 1, "events[1].event_type: comes before the trigger: only "
      "background events may precede it; reorder seq or change the type (got 'escalation')"),
     lambda f: _set(_set(f, "events", 0, event_type="escalation"), "events", 2,
                    event_type="trigger", date=_day("2024-03-01")), "events", 0,
     "comes before the trigger: only background events may precede it; reorder seq or change "
     "the type"),
    ("no-event-before-the-trigger-by-date",
     edits(("start_date: 2024-03-01", "start_date: 2024-02-01"),
           third(("date: 2024-03-03", "date: 2024-02-15"))),
     ("    date: 2024-02-15", 1, "events[3].date: is before the trigger (got '2024-02-15')"),
     lambda f: _set(_set(f, "events", 2, date=_day("2024-02-15")), "cases", 0,
                    start_date=_day("2024-02-01")), "events", 2,
     "is before the trigger"),
    ("trigger-on-the-start-date",
     edits(("start_date: 2024-03-01", "start_date: 2024-02-01")),
     ("    date: 2024-03-01", 1, "events[1].date: the trigger's date must equal the case's "
      "start_date 2024-02-01 (got '2024-03-01')"),
     lambda f: _set(f, "cases", 0, start_date=_day("2024-02-01")), "events", 0,
     "the trigger's date must equal the case's start_date 2024-02-01"),
    ("at-most-one-decisive-response",
     edits(third(("event_type: escalation\n    is_decisive: false",
                  "event_type: response\n    strategy: apology\n"
                  "    strategy_rationale_en: It apologises again.\n"
                  "    strategy_rationale_zh: 再次道歉。\n    is_decisive: true"))),
     ("    is_decisive: true", 2, "events[3].is_decisive: a case has at most one decisive "
      "response (got True)"),
     lambda f: _set(f, "events", 2, event_type="response", strategy="apology",
                    strategy_rationale_en="It apologises again.",
                    strategy_rationale_zh="再次道歉。", is_decisive=True), "events", 2,
     "a case has at most one decisive response"),
    ("a-seq-is-used-once",
     edits(third(("  - seq: 3", "  - seq: 2"))),
     ("  - seq: 2", 2, "events[3].seq: duplicate case_id/seq 'acme-2024-recall/2': already "
      "defined at cases/acme-2024-recall.yaml:{first}"),
     lambda f: _set(f, "events", 2, seq=2), "events", 2,
     "is used twice in this case; number the events 1, 2, 3, ... without repeats"),
    ("a-coded-strategy-needs-its-rationale",
     edits(("    strategy_rationale_en: The company takes responsibility.\n", ""),
           ("    strategy_rationale_zh: 公司承担责任。\n", "")),
     ("  - seq: 2", 1, "events[2].strategy_rationale_en: a coded strategy needs a "
      "one-line rationale in both languages"),
     lambda f: _set(f, "events", 1, strategy_rationale_en=None, strategy_rationale_zh=None),
     "events", 1, "a coded strategy needs a one-line rationale in both languages"),
    ("a-time-needs-a-day",
     edits(third(("date: 2024-03-03\n    date_precision: day",
                  "date: 2024-03\n    date_precision: month\n    time: \"10:00\""))),
     ('    time: "10:00"', 1, "events[3].time: a time of day needs a date to the day, but "
      "date_precision is 'month' (got '10:00')"),
     lambda f: _set(f, "events", 2, date_precision="month", time="10:00"), "events", 2,
     "a time of day needs a date to the day, but date_precision is 'month'"),
    ("a-response-after-the-trigger-s-time",
     edits(("    date: 2024-03-01\n    date_precision: day\n",
            "    date: 2024-03-01\n    date_precision: day\n    time: \"12:00\"\n"),
           ("    date: 2024-03-02\n    date_precision: day\n",
            "    date: 2024-03-01\n    date_precision: day\n    time: \"09:00\"\n")),
     ('    time: "09:00"', 1, "events[2].time: is before the trigger's time 12:00 on the same "
      "day; give both times in the crisis's time zone (got '09:00')"),
     lambda f: _set(_set(f, "events", 0, time="12:00"), "events", 1, date=_day("2024-03-01"),
                    time="09:00"), "events", 1,
     "is before the trigger's time 12:00 on the same day; give both times in the crisis's "
     "time zone"),
    ("an-ongoing-crisis-has-no-end-date",
     edits(("status: ended", "status: ongoing")),
     ("status: ongoing", 1, "status: is 'ongoing' but the case has an end_date; set status to "
      "'ended' or remove the end_date (got 'ongoing')"),
     lambda f: _set(f, "cases", 0, status="ongoing"), "cases", 0,
     "is 'ongoing' but the case has an end_date; set status to 'ended' or remove the end_date"),
    ("a-coded-stance-needs-its-rationale",
     edits(("    claim_zh: 召回很迅速。\n", "    claim_zh: 召回很迅速。\n"
            "    proposition: first_user_intervention\n    stance: supports\n")),
     ("  - viewpoint_id: acme-2024-recall-critic-1", 1, "viewpoints[1].stance_rationale_en: a "
      "coded stance needs a one-line rationale in both languages"),
     lambda f: _set(f, "viewpoints", 0, proposition="first_user_intervention",
                    stance="supports"), "viewpoints", 0,
     "a coded stance needs a one-line rationale in both languages"),
]


def _day(text: str) -> object:
    import datetime as dt

    return dt.date.fromisoformat(text)


def _set(frames: dict[str, pd.DataFrame], table: str, row: int, **values) -> dict:
    frame = frames[table].copy()
    for column, value in values.items():
        frame.loc[row, column] = value
    return {**frames, table: frame}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "source"
    shutil.copytree(FIXTURE, root)
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("viewpoints:\n", THIRD + "viewpoints:\n", 1), encoding="utf-8")
    return root


@pytest.fixture
def frames(source: Path, tmp_path: Path) -> dict[str, pd.DataFrame]:
    """The fixture collection (with its third event), built and loaded."""
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--out", str(out)]) == 0
    return {name: tc.load(name, data_dir=out) for name in ("cases", "events", "viewpoints")}


def test_the_fixture_is_valid(source, capsys):
    assert main(["validate", str(source)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("edit, where", [(c[1], c[2]) for c in RULE_CASES],
                         ids=[c[0] for c in RULE_CASES])
def test_a_broken_rule_is_reported_by_trustcrises_validate(source, capsys, edit, where):
    case = source / CASE
    text = edit(case.read_text(encoding="utf-8"))
    case.write_text(text, encoding="utf-8")
    anchor, nth, message = where
    first = line_of(text, anchor)
    expected = WHERE.format(line=line_of(text, anchor, nth)) + message.format(first=first)
    capsys.readouterr()
    assert main(["validate", str(source)]) == 1
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()]
    assert expected in lines, "\n".join(lines)


@pytest.mark.parametrize("where, edit, table, row, rule", [(c[2], *c[3:]) for c in RULE_CASES],
                         ids=[c[0] for c in RULE_CASES])
def test_a_broken_rule_is_reported_by_tc_validate(frames, where, edit, table, row, rule):
    """The same rule, column and offending value as `trustcrises validate` reports."""
    broken = edit(frames)
    kwargs = {"cases": broken["cases"]} if table == "events" else {}
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken[table], table=table, **kwargs)
    column = re.match(r"(?:\w+\[\d+\]\.)?(\w+): ", where[2]).group(1)
    got = re.search(r" \(got (.+)\)$", where[2])
    found = [(p.field, p.rule, repr(p.value)) for p in caught.value.problems]
    expected = (f"row {row!r}, column {column!r}", rule, got.group(1) if got else "None")
    if table == "events" and rule.startswith("is used twice"):
        expected = (f"row {row!r}, column 'seq'", rule, "2")  # the build reports the key
    assert expected in found, found


def test_events_are_checked_against_their_case_only_when_cases_are_given(frames):
    """Without ``cases``, an event before its case's start date is not something
    ``tc.validate`` can see; with them, it is."""
    broken = _set(frames, "cases", 0, start_date=_day("2024-03-02"))
    tc.validate(broken["events"], table="events")
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["events"], table="events", cases=broken["cases"])
    assert ("row 0, column 'date'", "the trigger's date must equal the case's start_date "
            "2024-03-02") in [(p.field, p.rule) for p in caught.value.problems]


def test_a_duplicate_codebook_row_is_refused_by_tc_validate():
    book = tc.load_codebook()
    row = book.index[(book["field"] == "strategy") & (book["code"] == "apology")][0]
    doubled = concat([book, book.loc[[row]]])
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(doubled, table="codebook")
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        (f"row {len(book)}, column 'code'",
         f"duplicate field/code 'strategy/apology': already defined at row {row}")]


def test_a_duplicate_case_is_refused_by_tc_validate():
    cases = tc.load_cases()
    doubled = concat([cases, cases.iloc[[0]]])
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(doubled, table="cases")
    assert (f"row {len(cases)}, column 'case_id'",
            f"duplicate case_id {cases.case_id[0]!r}: already defined at row 0") in \
        [(p.field, p.rule) for p in caught.value.problems]


def test_a_strategy_code_needs_its_posture_and_benoit_category(source, capsys):
    """In a collection's own codebook, and in a codebook frame."""
    (source / "codebook.yaml").write_text(
        "strategy:\n  - code: shrug\n    label_en: Shrug\n    label_zh: 耸肩\n"
        "    definition_en: Says nothing of substance.\n    definition_zh: 不置可否。\n",
        encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    assert "codebook.yaml:2: codebook['shrug'].posture: every strategy code needs a " \
           "posture and a benoit category" in [l.strip() for l in capsys.readouterr().err.splitlines()]
    book = tc.load_codebook()
    row = book.index[(book["field"] == "strategy") & (book["code"] == "apology")][0]
    book.loc[row, "benoit"] = None
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(book, table="codebook")
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        (f"row {row}, column 'posture'", "every strategy code needs a posture and a benoit "
         "category")]


def test_every_registered_rule_is_broken_by_some_test():
    """A new rule in the registry needs its own entry above."""
    assert [rule.name for rule in RULES] == [
        "primary keys are unique", "references name a source and a case",
        "columns follow the model", "codes are in the codebook",
        "text comes in both languages", "a case ends after it starts",
        "timelines: seq, order, trigger, responses",
        "viewpoints: proposition, stance, rationale"]


def test_a_problem_found_while_reading_is_reported_once_in_an_extended_collection(
        source, capsys):
    """A collection that extends the bundled data gets the bundled sources put before its own;
    a field already reported while reading (a number for a language tag) must not be reported
    again by the column rules ("is required") on the shifted row."""
    path = source / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en", "language: 5"),
                    encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()
             if ".language:" in line]
    assert lines == [f"sources.yaml:{line_of(path.read_text(encoding='utf-8'), '    language: 5')}"
                     ": sources[1].language: must be text, not a number; put it "
                     "in quotes (got 5)"]


def test_every_missing_seq_is_named(frames):
    """seq 1, 4, 5 for three events: both gaps are listed."""
    broken = _set(_set(frames, "events", 1, seq=4), "events", 2, seq=5)
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["events"], table="events")
    assert ("row 0, column 'seq'", "must run 1..3 without gaps; missing 2, 3", "[1, 4, 5]") in [
        (p.field, p.rule, repr(p.value)) for p in caught.value.problems]


def test_a_trigger_before_the_start_date_is_told_once(frames):
    """The trigger is compared with the start date by its own rule, not by the rule for
    events that precede the trigger."""
    broken = _set(frames, "cases", 0, start_date=_day("2024-03-05"), end_date=_day("2024-03-10"))
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["events"], table="events", cases=broken["cases"])
    trigger = [p.rule for p in caught.value.problems if p.field.startswith("row 0,")]
    assert trigger == ["the trigger's date must equal the case's start_date 2024-03-05"]


def test_an_event_without_a_date_does_not_stop_the_checks_of_later_events(frames):
    broken = _set(_set(frames, "events", 1, date=None), "events", 2, date=_day("2024-02-20"))
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["events"], table="events", cases=broken["cases"])
    assert ("row 2, column 'date'", "is before the case's start_date 2024-03-01; only "
            "background events may precede it") in [(p.field, p.rule)
                                                     for p in caught.value.problems]


def test_dates_are_checked_against_the_latest_date_before_them(frames):
    """After 10 March, a month-precision March and then 5 March: the 5th is out of order,
    though it is later than the month's first day."""
    events = frames["events"]
    events = concat([events, events.iloc[[2]]])
    events.loc[3, "seq"] = 4
    events.loc[3, "date"] = _day("2024-03-05")
    events.loc[1, "date"] = _day("2024-03-10")
    events.loc[2, "date"] = _day("2024-03-01")
    events.loc[2, "date_precision"] = "month"
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(events, table="events", cases=frames["cases"])
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        ("row 3, column 'date'", "is earlier than an event before it in seq order "
         "(2024-03-10); order events by date")]


def test_a_response_at_the_trigger_s_own_minute_is_allowed(frames):
    broken = _set(_set(frames, "events", 0, time="12:00"), "events", 1,
                  date=_day("2024-03-01"), time="12:00")
    assert tc.validate(broken["events"], table="events", cases=broken["cases"]) is \
        broken["events"]


@pytest.mark.parametrize("missing", ["strategy_rationale_en", "strategy_rationale_zh"])
def test_a_rationale_in_one_language_is_a_missing_translation_not_a_missing_rationale(
        frames, missing):
    broken = _set(frames, "events", 1, **{missing: None})
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["events"], table="events")
    rules = [p.rule for p in caught.value.problems]
    other = ({"strategy_rationale_en", "strategy_rationale_zh"} - {missing}).pop()
    assert rules == [f"is filled but {missing} is missing; write both languages or neither"]
    assert [p.field for p in caught.value.problems] == [f"row 1, column {other!r}"]


def test_a_timeline_is_read_in_seq_order_whatever_the_row_order(frames):
    """Rows may come in any order; the rules follow seq."""
    shuffled = frames["events"].iloc[::-1]
    assert tc.validate(shuffled, table="events", cases=frames["cases"]) is shuffled


CODING = """codings:
  - source_id: {source}
    scct_cluster: {cluster}
    summary_en: The study codes the recall as corrective action.
    summary_zh: 该研究将召回编码为纠正措施。
    quote: the recall was corrective action
    note_en: null
    note_zh: null
"""


def test_a_published_coding_is_built_into_its_table(source, tmp_path):
    case = source / CASE
    case.write_text(case.read_text(encoding="utf-8") + CODING.format(
        source="acme-statement", cluster="accidental"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--source", str(source), "--out", str(out)]) == 0
    codings = tc.load_codings(data_dir=out)
    assert codings[["case_id", "source_id", "scct_cluster"]].values.tolist() == [
        ["acme-2024-recall", "acme-statement", "accidental"]]
    assert codings["quote"].tolist() == ["the recall was corrective action"]


@pytest.mark.parametrize("source_id, cluster, message", [
    ("acme-statment", "accidental", "codings[1].source_id: refers to a source that is not in "
                                    "sources.yaml (got 'acme-statment'). Did you mean "
                                    "'acme-statement'?"),
    ("acme-statement", "accidental-ish", "codings[1].scct_cluster: "),
])
def test_a_broken_coding_is_reported_on_its_line(source, capsys, source_id, cluster, message):
    case = source / CASE
    text = case.read_text(encoding="utf-8") + CODING.format(source=source_id, cluster=cluster)
    case.write_text(text, encoding="utf-8")
    anchor = f"  - source_id: {source_id}" if source_id != "acme-statement" else \
        f"    scct_cluster: {cluster}"
    capsys.readouterr()
    assert main(["validate", str(source)]) == 1
    err = [line.strip() for line in capsys.readouterr().err.splitlines()]
    head = WHERE.format(line=line_of(text, anchor)) + message
    assert any(line.startswith(head) for line in err), "\n".join(err)


def _viewpoint_source_reported(source, capsys, source_id: str) -> tuple[str, list[str]]:
    """Name ``source_id`` as the viewpoint's source, validate, and return the line it is on
    (with the location prefix) and the lines of the report."""
    case = source / CASE
    text = case.read_text(encoding="utf-8").replace(
        "    quote: the recall was quick\n    source_id: acme-statement",
        f"    quote: the recall was quick\n    source_id: {source_id}")
    case.write_text(text, encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()]
    return WHERE.format(line=line_of(text, f"    source_id: {source_id}")), lines


def test_a_viewpoint_naming_an_unknown_source_is_reported(source, capsys):
    where, lines = _viewpoint_source_reported(source, capsys, "acme-statment")
    assert where + \
        "viewpoints[1].source_id: refers to a source that is not in sources.yaml (got " \
        "'acme-statment'). Did you mean 'acme-statement'?" in lines, "\n".join(lines)


def test_a_frame_of_python_objects_gets_the_same_problems(frames):
    """A user's frame of ``object`` columns takes each rule's row-by-row path, with the same
    rules, rows and values as the declared dtypes get."""
    events = frames["events"].astype(object)
    events.loc[0, "actor_zh"] = "Acme"
    events.loc[1, "actor_en"] = "公司"
    events.loc[1, "event_type"] = "respnse"
    cases = frames["cases"].astype(object)
    cases.loc[0, "end_date"] = _day("2024-01-01")
    found = {}
    for name, frame in (("events", events), ("cases", cases)):
        with pytest.raises(tc.ValidationError) as caught:
            tc.validate(frame, table=name)
        found[name] = [(p.field, p.rule, p.value, p.suggestion) for p in caught.value.problems
                       if not p.rule.startswith("must have dtype")]
    assert found["events"] == [
        ("row 0, column 'actor_zh'", "must be written in Chinese (it has no Chinese "
         "characters)", "Acme", None),
        ("row 1, column 'actor_en'", "must be written in English (it has no Latin letters)",
         "公司", None),
        ("row 1, column 'event_type'", "is not a valid event_type code in the codebook",
         "respnse", "Did you mean 'response'?"),
        ("row 1, column 'is_decisive'", "only a response can be decisive", True, None),
        ("row 1, column 'strategy'", "only response events take a strategy; this event's "
         "type is 'respnse'", "apology", None)]
    assert found["cases"] == [
        ("row 0, column 'end_date'", "is before start_date 2024-03-01", "2024-01-01", None)]


def test_a_source_like_none_in_sources_yaml_is_to_be_added_there(source, capsys):
    where, lines = _viewpoint_source_reported(source, capsys, "zzqx-9")
    assert where + \
        "viewpoints[1].source_id: refers to a source that is not in sources.yaml (got " \
        "'zzqx-9'). Add it to sources.yaml." in lines, "\n".join(lines)


def test_a_code_close_to_several_offers_each():
    cases = tc.load_cases().head(1).copy()
    cases.loc[0, "cause_category"] = "product"
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(cases, table="cases")
    assert [(p.field, p.rule, p.value, p.suggestion) for p in caught.value.problems] == [
        ("row 0, column 'cause_category'", "is not a valid cause_category code in the codebook",
         "product", "Did you mean 'product_change' or 'product_tampering' or "
         "'technical_product_harm'?")]


def test_a_codebook_row_without_a_code_is_no_valid_code():
    """A code list with a gap (which the codebook's own rules report) still lists its codes."""
    book = tc.load_codebook()
    book.loc[(book["field"] == "cause_category") & (book["code"] != "rumor"), "code"] = None
    cases = tc.load_cases().head(1).copy()
    cases.loc[0, "cause_category"] = "sabotage"
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(cases, table="cases", codebook=book)
    assert [(p.field, p.rule, p.suggestion) for p in caught.value.problems] == [
        ("row 0, column 'cause_category'", "is not a valid cause_category code in the codebook",
         "Valid codes: rumor. If none fits, add your own code to the collection's "
         "codebook.yaml, under `cause_category:`, with code, label_en, label_zh, definition_en "
         "and definition_zh (`trustcrises codes cause_category` lists the codes with their "
         "meanings)")]


@pytest.mark.parametrize("column, was, written, unit", [
    ("start_date", "2024-03-01", "2024-03", "month"), ("end_date", "2024-03-10", "2024", "year")])
def test_a_case_date_is_written_at_its_declared_precision(source, capsys, column, was, written,
                                                          unit):
    case = source / CASE
    text = case.read_text(encoding="utf-8").replace(f"{column}: {was}", f"{column}: {written}")
    case.write_text(text, encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()]
    assert WHERE.format(line=line_of(text, f"{column}: {written}")) + \
        f"{column}: is written to the {unit} but date_precision is 'day'; make them agree " \
        f"(got '{written}')" in lines, "\n".join(lines)


def test_an_event_without_a_date_is_told_the_date_is_required(source, capsys):
    case = source / CASE
    text = case.read_text(encoding="utf-8").replace("    date: 2024-03-02", "    date: null")
    case.write_text(text, encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()]
    assert WHERE.format(line=line_of(text, "    date: null")) + "events[2].date: is required" \
        in lines, "\n".join(lines)


@pytest.mark.parametrize("dtype", [None, object], ids=["declared", "object"])
def test_a_case_may_end_on_the_day_it_starts(frames, dtype):
    cases = frames["cases"] if dtype is None else frames["cases"].astype(dtype)
    cases.loc[0, "end_date"] = cases.loc[0, "start_date"]
    problems = []
    try:
        tc.validate(cases, table="cases")
    except tc.ValidationError as exc:
        problems = [p.rule for p in exc.problems if not p.rule.startswith("must have dtype")]
    assert problems == []


@pytest.mark.parametrize("given, missing", [("proposition", "stance"), ("stance", "proposition")])
def test_a_proposition_and_a_stance_go_together(frames, given, missing):
    values = {"proposition": "first_user_intervention", "stance": "supports",
              "stance_rationale_en": "The critic says so.", "stance_rationale_zh": "评论者这样说。"}
    broken = _set(frames, "viewpoints", 0, **{k: v for k, v in values.items() if k != missing})
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(broken["viewpoints"], table="viewpoints")
    assert [(p.field, p.rule) for p in caught.value.problems] == [
        (f"row 0, column {missing!r}", "proposition and stance go together; set both or neither")]


def test_a_row_without_its_key_does_not_stop_the_search_for_duplicates():
    cases = tc.load_cases()
    doubled = concat([cases, cases.iloc[[1]]])
    doubled.loc[0, "case_id"] = None
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(doubled, table="cases")
    assert (f"row {len(cases)}, column 'case_id'",
            f"duplicate case_id {cases.case_id[1]!r}: already defined at row 1") in \
        [(p.field, p.rule) for p in caught.value.problems]
