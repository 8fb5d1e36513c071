"""The comparison tables: compare, timeline, response_matrix, and the labels they print.

Tables are checked through their rendered HTML (``_content.content`` reads title, spanners,
column labels, cells and notes back from it), never against whole-HTML snapshots. The data is the
worked example case built into a temporary folder, plus small cases made here from it, so the
tests do not depend on which other cases the dataset holds.
"""

from __future__ import annotations

import copy
import math
import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

import pytest
from conftest import concat

import trustcrises as tc
from trustcrises import _labels as L
from trustcrises._text import quoted
from trustcrises.data import _load
from trustcrises.export._content import content

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "xiaomi-2026-kol"
SLOW = "slow-1985-reformulation"
PAYLOAD = "payload-2020-case"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '[click](javascript:alert(1)) <a href="javascript:alert(1)">x</a>'
QUOTES = "\" onmouseover=\"alert(1)\" ' onfocus='alert(1)' x=\""
TEX = r"\ & % $ # _ { } ~ ^"
MARKDOWN = "*bold* `code` | pipe"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


# ---------------------------------------------------------------------------------------------
# Data shared with test_export and test_cli_tables


def build_example(folder: Path) -> Path:
    """The worked example case built into ``folder``/out; returns that folder."""
    from trustcrises.compiler._build import build

    source = folder / "collection"
    (source / "cases").mkdir(parents=True)
    for name in ("package.yaml", "codebook.yaml", "sources.yaml"):
        shutil.copy(ROOT / "datasets" / name, source / name)
    shutil.copy(ROOT / "datasets" / "cases" / f"{EXAMPLE}.yaml", source / "cases")
    out = folder / "out"
    build(source, out)
    return out


def _dates(template: pd.Series, values: list[dt.date | None]) -> pd.array:
    return pd.array(values, dtype=template.dtype)


def make_case(cases: pd.DataFrame, events: pd.DataFrame, case_id: str, *, start: dt.date,
              steps: list[tuple[dt.date, str, str | None, bool]], first: int | None,
              decisive: int | None, **text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A new case (and its events) shaped like the example: ``steps`` are (date, event type,
    strategy, is decisive); ``text`` overrides columns of both tables by name."""
    case = cases[cases["case_id"] == EXAMPLE].reset_index(drop=True).copy()
    case["case_id"] = case_id
    case["start_date"] = _dates(case["start_date"], [start])
    case["end_date"] = _dates(case["end_date"], [steps[-1][0]])
    case["days_to_first_response"] = pd.array([first], dtype="Int64")
    case["days_to_decisive_response"] = pd.array([decisive], dtype="Int64")
    template = events[events["case_id"] == EXAMPLE].head(1)
    rows = pd.concat([template] * len(steps), ignore_index=True)
    rows["case_id"] = case_id
    rows["seq"] = pd.array(range(1, len(steps) + 1), dtype="Int64")
    rows["date"] = _dates(rows["date"], [s[0] for s in steps])
    rows["date_precision"] = "day"
    rows["event_type"] = [s[1] for s in steps]
    rows["strategy"] = pd.array([s[2] for s in steps], dtype=rows["strategy"].dtype)
    for lang in ("en", "zh"):
        rows[f"strategy_rationale_{lang}"] = pd.array(
            [("Coded for the test." if lang == "en" else "测试用编码。") if s[2] else None
             for s in steps], dtype=rows["strategy"].dtype)
    rows["is_decisive"] = pd.array([s[3] for s in steps], dtype="boolean")
    rows[["note_en", "note_zh"]] = pd.NA
    for column, value in text.items():
        for frame in (case, rows):
            if column in frame.columns:
                frame[column] = value
    return case, rows


def slow_case(cases: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A case that took 78 days to its decisive response."""
    day = dt.date(1985, 4, 23)
    return make_case(
        cases, events, SLOW, start=day, first=17, decisive=78,
        steps=[(day, "trigger", None, False),
               (day + dt.timedelta(days=17), "response", "justification", False),
               (day + dt.timedelta(days=78), "response", "corrective_action", True)],
        company_en="Slowco", company_zh="慢公司", cause_category="product_change",
        decision_outcome="upheld", decision_reversed=pd.array([False], dtype="boolean"))


def payload_case(cases: pd.DataFrame, events: pd.DataFrame
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A case whose text is HTML, script, Markdown, LaTeX and spreadsheet-formula payloads."""
    day = dt.date(2020, 3, 2)
    return make_case(
        cases, events, PAYLOAD, start=day, first=0, decisive=3,
        steps=[(day, "trigger", None, False), (day, "response", "apology", False),
               (day + dt.timedelta(days=3), "response", "corrective_action", True)],
        company_en=f"{FORMULA} {SCRIPT}", company_zh=f"恶意公司{SCRIPT}",
        title_en=f"Title {SCRIPT} {TEX}", title_zh=f"标题{SCRIPT}{TEX}",
        trigger_en=f"Trigger {IMG} {LINK}", trigger_zh=f"触发{IMG}{LINK}",
        outcome_en=f"Outcome {QUOTES} {TEX} {MARKDOWN}", outcome_zh=f"结果{QUOTES}{TEX}{MARKDOWN}",
        actor_en=f"Actor {IMG}", actor_zh=f"行为者{IMG}",
        description_en=f"Did {SCRIPT} {TEX}", description_zh=f"经过{SCRIPT}{TEX}",
        quote=QUOTES[:40])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="module")
def frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The example case, the slow case and the payload case, with the bundled codebook."""
    cases, events = tc.load_cases(data_dir=data_dir), tc.load_events(data_dir=data_dir)
    slow, slow_events = slow_case(cases, events)
    bad, bad_events = payload_case(cases, events)
    return {"cases": concat([cases, slow, bad]),
            "events": concat([events, slow_events, bad_events]),
            "codebook": tc.load_codebook(data_dir=data_dir),
            "sources": tc.load_sources(data_dir=data_dir)}


def labels(frames: dict[str, pd.DataFrame], field: str, lang: str) -> dict[str, str]:
    book = frames["codebook"]
    rows = book[book["field"] == field]
    return dict(zip(rows["code"], rows[f"label_{lang}"]))


# ---------------------------------------------------------------------------------------------
# compare()


def test_compare_columns_spanners_title_and_notes_in_english(data_dir):
    found = content(tc.compare(data_dir=data_dir))
    assert found.title == "Corporate trust crises compared"
    assert found.subtitle == ("What kind of crisis it was, what set each crisis off, who "
                              "applied the pressure, how fast the company responded, and how "
                              "it ended")
    assert found.columns == ["Company", "Year", "Cause", "Trigger", "Pressure from",
                             "Strategies, in order", "First response (days)",
                             "Decisive response (days)", "Time to decisive response",
                             "Outcome", "Decision"]
    assert found.spanners == [[("Case", 0, 2), ("Crisis", 2, 5), ("Response", 5, 9),
                               ("Resolution", 9, 11)]]
    version = _load.descriptor(data_dir)["version"]
    assert found.notes == [
        f"Source: trustcrises dataset, data version {version}, CC-BY-4.0.",
        "Days are counted from the trigger; 0 means the same day. — not known (a date coarser "
        "than a day, or no such response).",
        "Bars: days to the decisive response on a logarithmic scale, with faint marks at 1, 10, "
        "100 and 1,000 days; the longest bar is 1 day."]


def test_compare_in_chinese_has_chinese_headers_and_codebook_labels(data_dir, frames):
    found = content(tc.compare([EXAMPLE], lang="zh", data_dir=data_dir))
    assert found.title == "企业信任危机比较"
    assert found.columns == ["公司", "年份", "起因", "触发事件", "施压方", "回应策略（按先后）",
                             "首次回应（天）", "决定性回应（天）", "决定性回应用时", "结果",
                             "决策结局"]
    assert [s[0] for s in found.spanners[0]] == ["案例", "危机", "回应", "结局"]
    case = frames["cases"].set_index("case_id").loc[EXAMPLE]
    row = dict(zip(found.columns, found.rows[0]))
    assert row["公司"] == case["company_zh"]
    assert row["起因"] == labels(frames, "cause_category", "zh")[case["cause_category"]]
    assert row["施压方"] == labels(frames, "pressure_source", "zh")[case["pressure_source"]]
    assert row["结果"] == case["outcome_zh"]
    assert row["决策结局"] == labels(frames, "decision_outcome", "zh")[case["decision_outcome"]]


def test_compare_responses_are_strategy_labels_in_seq_order_without_repeats(data_dir, frames):
    events = frames["events"]
    mine = events[(events["case_id"] == EXAMPLE) & (events["event_type"] == "response")]
    codes = list(dict.fromkeys(mine.sort_values("seq")["strategy"].dropna()))
    assert len(codes) < mine["strategy"].notna().sum()  # the example repeats a strategy
    for lang, sep in (("en", "; "), ("zh", "、")):
        found = content(tc.compare([EXAMPLE], lang=lang, data_dir=data_dir,
                                   fields=["responses"]))
        names = labels(frames, "strategy", lang)
        assert found.rows == [[sep.join(names[c] for c in codes)]]


def test_compare_rows_follow_the_given_order_or_start_date(frames):
    given = [EXAMPLE, SLOW, PAYLOAD]
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    found = content(tc.compare(given, fields=["company", "year"], **kwargs))
    assert [r[1] for r in found.rows] == ["2026", "1985", "2020"]
    every = content(tc.compare(fields=["year"], **kwargs))
    assert [r[0] for r in every.rows] == ["1985", "2020", "2026"]


def test_compare_days_missing_values_and_reversal(frames):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    found = content(tc.compare([SLOW, EXAMPLE], fields=[
        "days_to_first_response", "days_to_decisive_response", "decision_outcome"], **kwargs))
    cases = frames["cases"].set_index("case_id")
    example = [str(cases.loc[EXAMPLE, c]) for c in ("days_to_first_response",
                                                    "days_to_decisive_response")]
    assert found.rows == [["17", "78", "Upheld"], [*example, "Reversed"]]
    no_days = cases.loc[[EXAMPLE]].reset_index()
    no_days["days_to_decisive_response"] = pd.array([None], dtype="Int64")
    found = content(tc.compare(fields=["days_to_decisive_response"], cases=no_days,
                               events=frames["events"], codebook=frames["codebook"]))
    assert found.rows == [["—"]]


class _Bars(HTMLParser):
    """The timing bars: each row's accessible label and bar width."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.bars.append({"label": a.get("aria-label"), "widths": []})
        elif tag == "rect" and self.bars and a.get("fill") not in (None, "transparent"):
            self.bars[-1]["widths"].append(float(a["width"]))


@pytest.mark.parametrize("lang, text", [("en", "Decisive response after {} days"),
                                        ("zh", "{} 天后作出决定性回应")])
def test_compare_draws_response_timing_on_one_scale(frames, lang, text):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    table = tc.compare([SLOW, EXAMPLE], lang=lang, fields=["company", "response_timing"],
                       **kwargs)
    bars = _Bars()
    bars.feed(table.as_raw_html())
    days = int(frames["cases"].set_index("case_id").loc[EXAMPLE, "days_to_decisive_response"])
    assert [b["label"] for b in bars.bars] == [text.format(78), text.format(days)]
    slow, fast = (max(b["widths"]) for b in bars.bars)
    assert slow == pytest.approx(100)  # the longest fills the cell; the scale is logarithmic
    assert fast == pytest.approx(max(100 * math.log1p(days) / math.log1p(78), 1.0))
    assert content(table).pictures == {1}


def test_compare_fields_come_in_the_order_given(data_dir):
    found = content(tc.compare([EXAMPLE], fields=["outcome", "company", "outcome"],
                               data_dir=data_dir))
    assert found.columns == ["Outcome", "Company"]
    assert found.spanners == [[("Resolution", 0, 1), ("Case", 1, 2)]]
    assert found.subtitle == "How it ended"
    split = content(tc.compare([EXAMPLE], fields=["company", "outcome", "year"],
                               data_dir=data_dir))
    assert split.spanners == [[("Case", 0, 1), ("Resolution", 1, 2), ("Case", 2, 3)]]


@pytest.mark.parametrize("lang, fields, subtitle", [
    ("en", ["company", "year"], "One row per case"),
    ("en", ["company", "pressure_source", "decision_outcome"],
     "Who applied the pressure and how it ended"),
    ("en", ["responses", "response_timing"], "How fast the company responded"),
    ("en", ["responses"], "How the company responded"),
    ("zh", ["company", "trigger"], "危机因何而起"),
    ("zh", ["trigger", "pressure_source", "days_to_first_response"],
     "危机因何而起、由谁施压，以及企业回应的速度"),
])
def test_compare_subtitle_says_what_the_chosen_columns_tell(data_dir, lang, fields, subtitle):
    found = content(tc.compare([EXAMPLE], lang=lang, fields=fields, data_dir=data_dir))
    assert found.subtitle == subtitle


def test_compare_shows_the_case_title_only_when_asked(data_dir, frames):
    assert "Title" not in content(tc.compare([EXAMPLE], data_dir=data_dir)).columns
    found = content(tc.compare([EXAMPLE], lang="zh", fields=["title", "company"],
                               data_dir=data_dir))
    case = frames["cases"].set_index("case_id").loc[EXAMPLE]
    assert found.columns == ["标题", "公司"]
    assert found.rows == [[case["title_zh"], case["company_zh"]]]


def test_compare_unknown_field_lists_the_valid_ones(data_dir):
    with pytest.raises(ValueError) as info:
        tc.compare(fields=["company", "outcom"], data_dir=data_dir)
    assert str(info.value) == (
        "Unknown field 'outcom'. Did you mean 'outcome'? Valid fields: company, title, year, "
        "cause_category, trigger, pressure_source, responses, days_to_first_response, "
        "days_to_decisive_response, response_timing, outcome, decision_outcome.")
    with pytest.raises(ValueError, match=r"^fields is empty\. Valid fields: company, "):
        tc.compare(fields=[], data_dir=data_dir)
    with pytest.raises(TypeError, match="^fields must be a list of field names, not str"):
        tc.compare(fields="company", data_dir=data_dir)


@pytest.mark.parametrize("helper", [tc.compare, tc.response_matrix,
                                    lambda **kw: tc.timeline(EXAMPLE, **kw)])
def test_unknown_language_lists_the_valid_ones(data_dir, helper):
    with pytest.raises(ValueError) as info:
        helper(lang="zh-CN", data_dir=data_dir)
    assert str(info.value) == ("Unknown language 'zh-CN'. Did you mean 'zh'? Valid languages: "
                               "en, zh.")


@pytest.mark.parametrize("helper", [tc.compare, tc.response_matrix,
                                    lambda ids, **kw: tc.timeline(ids[0], **kw)])
def test_unknown_case_lists_the_valid_ones(data_dir, helper):
    with pytest.raises(tc.CaseNotFoundError) as info:
        helper(["xiaomi-2026"], data_dir=data_dir)
    assert str(info.value) == ("Unknown case 'xiaomi-2026'. Did you mean 'xiaomi-2026-kol'? "
                               "Valid case ids: xiaomi-2026-kol.")


def test_unknown_case_among_many_points_to_the_list():
    with pytest.raises(tc.CaseNotFoundError) as info:
        tc.compare(["xiaomi-2026"])
    assert str(info.value) == ("Unknown case 'xiaomi-2026'. Did you mean 'xiaomi-2026-kol' or "
                               "'xiaomi-2021-new-logo'? tc.load_cases() lists all "
                               f"{len(tc.load_cases())} case ids.")


def test_empty_case_list_is_an_error(data_dir):
    with pytest.raises(ValueError, match=r"^case_ids is empty: pass None for every case"):
        tc.compare([], data_dir=data_dir)


def test_helpers_never_mutate_their_inputs(frames):
    given = {k: frames[k] for k in ("cases", "events", "codebook")}
    before = copy.deepcopy(given)
    tc.compare([PAYLOAD, EXAMPLE], lang="zh", **given)
    tc.response_matrix(count=True, **given)
    tc.timeline(PAYLOAD, sources=frames["sources"], **given)
    for name, frame in given.items():
        pd.testing.assert_frame_equal(frame, before[name])
        assert frame.attrs == before[name].attrs


def test_user_frames_are_validated_first(frames):
    bad = frames["cases"].assign(region="China")
    with pytest.raises(tc.ValidationError) as info:
        tc.compare(cases=bad, events=frames["events"], codebook=frames["codebook"])
    assert "problems in the cases frame" in str(info.value)
    with pytest.raises(TypeError, match=r"^cases= takes a pandas DataFrame"):
        tc.compare(cases=[{"case_id": EXAMPLE}])


def test_source_note_says_when_the_data_is_the_users_own(frames, data_dir):
    version = _load.descriptor(data_dir)["version"]
    found = content(tc.compare(fields=["company"], lang="zh", data_dir=data_dir,
                               cases=frames["cases"], events=frames["events"]))
    assert found.notes == [f"资料来源：用户提供的数据，按 trustcrises 数据集的编码表编码（数据版本 "
                           f"{version}）。"]


# ---------------------------------------------------------------------------------------------
# One language per table


def _data_text(frames: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """Every piece of case text a table in ``lang`` may show, longest first."""
    values: set[str] = set()
    for name in ("cases", "events", "sources"):
        frame = frames[name]
        for column in frame.columns:
            if column.endswith(f"_{lang}") or column in ("quote", "publisher", "source_id"):
                values |= {str(v) for v in frame[column].dropna()}
    return sorted(values, key=len, reverse=True)


def _leftover(text: str, data: list[str]) -> str:
    """``text`` without the data's own strings (a quote also as the table prints it)."""
    for value in sorted({*data, *(quoted(v) for v in data)}, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def _tables(frames, lang):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    yield tc.compare(lang=lang, **kwargs)
    yield tc.response_matrix(lang=lang, **kwargs)
    yield tc.response_matrix(lang=lang, count=True, **kwargs)
    for case_id in (EXAMPLE, SLOW):
        yield tc.timeline(case_id, lang=lang, sources=frames["sources"], **kwargs)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.labels += [v for k, v in attrs if k in ("aria-label", "alt", "title") and v]


def test_chinese_tables_have_no_english_left(frames):
    data = _data_text(frames, "zh")
    for table in _tables(frames, "zh"):
        words = re.findall(r"[A-Za-z]+", _leftover(content(table).all_text(), data))
        assert set(words) <= {"trustcrises", "CC", "BY"}, words
        attributes = _Attributes()
        attributes.feed(table.as_raw_html())
        assert not [a for a in attributes.labels if re.search("[A-Za-z]", a)]


def test_english_tables_have_no_chinese_left(frames):
    data = _data_text(frames, "en")
    for table in _tables(frames, "en"):
        assert not CJK.findall(_leftover(content(table).all_text(), data))
        attributes = _Attributes()
        attributes.feed(table.as_raw_html())
        assert not [a for a in attributes.labels if CJK.search(a)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_use_a_font_stack_with_cjk_fonts(data_dir, lang):
    html = tc.compare([EXAMPLE], lang=lang, data_dir=data_dir).as_raw_html()
    stack = re.search(r"font-family: ([^;]*'Noto Sans CJK SC'[^;]*);", html).group(1)
    assert stack.endswith("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
                          "'Microsoft YaHei', sans-serif")
    if lang == "zh":
        assert stack.startswith("'Noto Sans CJK SC'")


def test_labels_exist_in_both_languages():
    assert L.TEXT["en"].keys() == L.TEXT["zh"].keys()
    for field in [*L.COMPARE_FIELDS, *L.TIMELINE_FIELDS]:
        assert L.column_label("en", field) and CJK.search(L.column_label("zh", field))
    assert not any(CJK.search(v) for v in L.TEXT["en"].values())
    assert all(CJK.search(v) for k, v in L.TEXT["zh"].items()
               if not k.startswith(("date.", "responses.", "with_unit", "case.label",
                                    "source.license", "caption")))


# ---------------------------------------------------------------------------------------------
# timeline()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_timeline_rows_are_the_dated_events_with_sources(data_dir, frames, lang):
    found = content(tc.timeline(EXAMPLE, lang=lang, data_dir=data_dir))
    assert found.columns == [L.column_label(lang, f) for f in L.TIMELINE_FIELDS]
    assert [s[0] for s in found.spanners[0]] == [L.TEXT[lang][f"spanner.{g}"]
                                                 for g in ("event", "what", "evidence")]
    events = frames["events"]
    events = events[events["case_id"] == EXAMPLE].sort_values("seq")
    publishers = dict(zip(frames["sources"]["source_id"], frames["sources"]["publisher"]))
    types, strategies = labels(frames, "event_type", lang), labels(frames, "strategy", lang)
    assert len(found.rows) == len(events)
    for row, event in zip(found.rows, events.itertuples()):
        date, kind, strategy, decisive, actor, description, source, quote = row
        channels = labels(frames, "channel", lang)
        assert kind == types[event.event_type] + (
            f" · {channels[event.channel]}" if pd.notna(event.channel) else "")
        assert strategy == (strategies[event.strategy] if pd.notna(event.strategy) else "")
        assert decisive == ("★" if event.is_decisive else "")
        assert actor == getattr(event, f"actor_{lang}")
        assert description.startswith(getattr(event, f"description_{lang}"))  # + note mark
        assert source == f"{publishers[event.source_id]} [{event.source_id}]"
        assert quote == quoted(event.quote) and not quote.startswith("““")
        d = event.date
        assert date == {("en", "day"): f"{d:%Y-%m-%d}", ("en", "month"): f"{d:%Y-%m}",
                        ("en", "year"): f"{d:%Y}", ("zh", "day"): f"{d.year}年{d.month}月{d.day}日",
                        ("zh", "month"): f"{d.year}年{d.month}月",
                        ("zh", "year"): f"{d.year}年"}[(lang, event.date_precision)]
    assert any(r[3] == "★" for r in found.rows)
    assert found.notes[1] == L.text(lang, "note.decisive", mark="★")


def test_timeline_title_is_the_case_title(data_dir, frames):
    case = frames["cases"].set_index("case_id").loc[EXAMPLE]
    found = content(tc.timeline(EXAMPLE, lang="zh", data_dir=data_dir))
    assert found.title == case["title_zh"]
    assert found.subtitle == f"{case['company_zh']}：按日期排列的事件及其来源"


# ---------------------------------------------------------------------------------------------
# response_matrix()


def _strategies_by_posture(frames):
    book = frames["codebook"]
    postures = book[book["field"] == "posture"].sort_values("sort_order")["code"].tolist()
    strategies = book[book["field"] == "strategy"].sort_values("sort_order")
    return [(p, strategies[strategies["posture"] == p]["code"].tolist()) for p in postures]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_matrix_columns_are_strategies_grouped_by_posture_in_codebook_order(frames, lang):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    found = content(tc.response_matrix([EXAMPLE, SLOW], lang=lang, **kwargs))
    groups = _strategies_by_posture(frames)
    names, postures = labels(frames, "strategy", lang), labels(frames, "posture", lang)
    assert found.columns == [L.TEXT[lang]["col.case"], *(names[c] for _, codes in groups
                                                        for c in codes)]
    spans, start = [], 1
    for posture, codes in groups:
        spans.append((postures[posture], start, start + len(codes)))
        start += len(codes)
    assert found.spanners == [spans]
    assert [g for g, _ in groups] == ["deny", "diminish", "rebuild", "bolster", "action"]


def test_matrix_marks_or_counts_the_strategies_each_case_used(frames):
    kwargs = {k: frames[k] for k in ("cases", "events", "codebook")}
    codes = [c for _, group in _strategies_by_posture(frames) for c in group]
    events = frames["events"]
    mine = events[(events["case_id"] == EXAMPLE) & (events["event_type"] == "response")]
    used = mine["strategy"].value_counts().to_dict()
    marks = content(tc.response_matrix([EXAMPLE, SLOW], **kwargs))
    counts = content(tc.response_matrix([EXAMPLE], count=True, **kwargs))
    assert marks.rows[0][1:] == ["●" if c in used else "" for c in codes]
    assert marks.rows[1][1:] == ["●" if c in ("justification", "corrective_action") else ""
                                 for c in codes]
    assert counts.rows[0][1:] == [str(used[c]) if c in used else "" for c in codes]
    year = frames["cases"].set_index("case_id").loc[EXAMPLE, "start_date"].year
    assert marks.rows[0][0] == f"Xiaomi ({year})"
    assert marks.subtitle.startswith("● the company used the strategy at least once")


def test_timeline_shows_the_time_of_day_and_the_channel_and_no_doubled_quotes():
    found = content(tc.timeline("haidilao-2017-kitchen-rats"))
    rows = {tuple(r[:2]) for r in found.rows}
    assert ("2017-08-25 17:16", "Response · Social media") in rows
    assert ("2017-08-25", "Trigger · News report") in rows
    zh = content(tc.timeline("haidilao-2017-kitchen-rats", lang="zh"))
    assert any(r[0] == "2017年8月25日 17:16" for r in zh.rows)
    assert not any(cell.startswith("““") for row in found.rows + zh.rows for cell in row)


@pytest.mark.parametrize("build", [lambda ids: tc.compare(ids),
                                   lambda ids: tc.response_matrix(ids)])
def test_cell_styles_do_not_grow_with_the_rows(build):
    """great-tables matches every cell against every cell style, so a style per cell makes
    rendering quadratic; the house look is one CSS rule, and only a handful of rows (the
    decisive response of a timeline) get styles of their own."""
    ids = list(tc.load_cases()["case_id"])
    assert len(build(ids[:2])._styles) == len(build(ids)._styles)


def test_compare_groups_events_once_not_per_case(monkeypatch):
    """Each case's events come from one grouping of the events table (linear in cases)."""
    from trustcrises.tables import _inputs

    calls = []
    records = _inputs.records
    monkeypatch.setattr(_inputs, "records", lambda frame: calls.append(len(frame)) or
                        records(frame))
    tc.compare(fields=["company", "responses"])
    assert calls.count(len(tc.load_events())) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_row_label_identifies_its_case(lang):
    """Five Xiaomi cases: each row of the default comparison and of the matrix tells which."""
    compare = content(tc.compare(lang=lang))
    companies = [row[0] for row in compare.rows]
    assert len(set(companies)) == len(companies)
    matrix = content(tc.response_matrix(lang=lang))
    labels = [row[0] for row in matrix.rows]
    assert len(set(labels)) == len(labels)
    titled = content(tc.compare(lang=lang, fields=["company", "title"]))
    assert [row[0] for row in titled.rows].count(
        "Xiaomi" if lang == "en" else "小米") >= 4  # the title column tells them apart


@pytest.mark.parametrize("lang, mark, line", [("en", " [{n}]", "[{n}] {note}"),
                                              ("zh", "［{n}］", "［{n}］{note}")])
def test_timeline_numbers_each_events_note_and_prints_it_below(lang, mark, line):
    case_id = "coca-cola-1985-new-coke"
    events = tc.load_events()
    timeline = events[events["case_id"] == case_id].sort_values("seq")
    notes = list(dict.fromkeys(timeline[f"note_{lang}"].dropna()))
    assert len(notes) >= 2
    found = content(tc.timeline(case_id, lang=lang))
    description = found.columns.index(L.column_label(lang, "description"))
    for row, (_, event) in zip(found.rows, timeline.iterrows()):
        note = event[f"note_{lang}"]
        expected = event[f"description_{lang}"] + (
            mark.format(n=notes.index(note) + 1) if isinstance(note, str) else "")
        assert row[description] == expected
    for n, note in enumerate(notes, 1):
        assert line.format(n=n, note=note) in found.notes


# ---------------------------------------------------------------------------------------------
# a user's collection beside the bundled cases, and who is credited


EXAMPLE_OWN = "acme-2024-recall"


@pytest.fixture(scope="module")
def acme_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional test collection (it extends the bundled data), built."""
    from trustcrises.compiler._build import build

    out = tmp_path_factory.mktemp("acme") / "out"
    build(ROOT / "tests" / "fixtures" / "collection", out)
    return out


def test_a_collection_is_credited_with_its_own_title_and_version(acme_dir):
    import json

    package = json.loads((acme_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["extends"] == "trustcrises"
    found = content(tc.compare(fields=["company"], data_dir=acme_dir))
    assert found.notes[0] == f"Source: {package['title']}, version {package['version']}."
    assert "trustcrises dataset" not in found.notes[0]


def test_own_and_bundled_cases_in_one_call_credit_each_collection(acme_dir):
    bundled = tc.load_cases()
    version = json_version()
    both = content(tc.compare([EXAMPLE_OWN, "coca-cola-1985-new-coke"], fields=["company"],
                              data_dir=acme_dir, with_bundled=True))
    assert both.rows == [["Acme Corp"], [bundled.set_index("case_id").loc[
        "coca-cola-1985-new-coke", "company_en"]]]
    assert both.notes[0] == ("Source: A fictional collection for tests, version 1.0.0; "
                             f"trustcrises dataset, data version {version}, CC-BY-4.0.")
    only_bundled = content(tc.compare(["coca-cola-1985-new-coke"], fields=["company"],
                                      data_dir=acme_dir, with_bundled=True, lang="zh"))
    assert only_bundled.notes[0] == f"资料来源：trustcrises 数据集，数据版本 {version}，CC-BY-4.0。"
    every = content(tc.compare(fields=["company"], data_dir=acme_dir, with_bundled=True))
    assert len(every.rows) == len(bundled) + 1 and every.rows[0] == ["Acme Corp"]


def test_a_bundled_case_asked_of_a_collection_says_how_to_include_it(acme_dir):
    with pytest.raises(tc.CaseNotFoundError, match=r"^'coca-cola-1985-new-coke' is a bundled "
                       r"case, not one of this collection's: include the bundled cases"):
        tc.compare([EXAMPLE_OWN, "coca-cola-1985-new-coke"], data_dir=acme_dir)
    timeline = content(tc.timeline("coca-cola-1985-new-coke", data_dir=acme_dir,
                                   with_bundled=True))
    assert timeline.notes[0].startswith("Source: trustcrises dataset")


def test_the_command_shows_own_and_bundled_cases_together(acme_dir, capsys):
    from trustcrises.cli._main import main

    argv = ["compare", EXAMPLE_OWN, "coca-cola-1985-new-coke", "--data-dir", str(acme_dir),
            "--fields", "company,year"]
    assert main(argv) == 2
    assert "--with-bundled" in capsys.readouterr().err
    assert main([*argv, "--with-bundled"]) == 0
    out = capsys.readouterr().out
    assert "| Acme Corp | 2024 |" in out and "| 1985 |" in out
    assert "A fictional collection for tests, version 1.0.0; trustcrises dataset" in out


def json_version() -> str:
    from trustcrises.data._load import descriptor

    return str(descriptor()["version"])


# ---------------------------------------------------------------------------------------------
# nothing cut: measured in a real browser

_MEASURE = """<script>
const cut = [];
for (const cell of document.querySelectorAll("th, td")) {
  if (cell.scrollWidth > cell.clientWidth + 1) cut.push(cell.textContent.trim());
}
const out = document.createElement("pre");
out.id = "cut";
out.textContent = JSON.stringify(cut);
document.body.appendChild(out);
</script></body>"""


def cut_cells(browser: str, table, tmp_path: Path) -> list[str]:
    """The headers and cells whose text is wider than their column, in headless Chromium."""
    import json
    import os
    import subprocess

    page = tmp_path / "table.html"
    tc.save(table, page, force=True)
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",  # lets it run
                  page.read_text(encoding="utf-8"))
    page.write_text(text.replace("</body>", _MEASURE, 1), encoding="utf-8")
    flags = ["--headless", "--disable-gpu", "--dump-dom", f"--user-data-dir={tmp_path / 'p'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    dom = subprocess.run([browser, *flags, page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    found = re.search(r'<pre id="cut">(.*?)</pre>', dom, flags=re.S)
    assert found, dom[:500]
    return json.loads(html_unescape(found.group(1)))


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("make", ["matrix", "matrix_count", "compare", "timeline", "crosstab"])
def test_no_header_or_cell_is_cut(browser, tmp_path, lang, make):
    table = {"matrix": lambda: tc.response_matrix(lang=lang),
             "matrix_count": lambda: tc.response_matrix(lang=lang, count=True),
             "compare": lambda: tc.compare(lang=lang),
             "timeline": lambda: tc.timeline("coca-cola-1985-new-coke", lang=lang),
             "crosstab": lambda: tc.crosstab_table("scct_cluster", "strategy",
                                                   level="response", lang=lang,
                                                   share="row")}[make]()
    assert cut_cells(browser, table, tmp_path) == []


@pytest.mark.browser
def test_the_measure_sees_a_cut_header(browser, tmp_path):
    from trustcrises.tables import _tables

    table = tc.response_matrix(["xiaomi-2026-kol"]).cols_width(cases={"justification": "40px"})
    assert "Justification" in cut_cells(browser, table, tmp_path)
    assert _tables.header_width("Justification") != "40px"


def test_the_slide_preset_picks_its_columns_and_refuses_fields_beside_it():
    found = content(tc.compare(selection="seed_article", preset="slide"))
    assert found.columns == [L.column_label("en", f) for f in (
        "company", "year", "cause_category", "pressure_source", "response_timing",
        "decision_outcome")]
    with pytest.raises(ValueError, match=r"^A preset chooses the columns itself"):
        tc.compare(preset="slide", fields=["company"])
    with pytest.raises(ValueError, match=r"^Unknown preset 'poster'\. Valid presets: slide\.$"):
        tc.compare(preset="poster")


@pytest.mark.browser
def test_the_slide_preset_is_wider_than_tall(browser, tmp_path):
    import struct

    from trustcrises.cli._main import main

    target = tmp_path / "slide.png"
    assert main(["compare", "--selection", "seed_article", "--preset", "slide", "-o",
                 str(target)]) == 0
    width, height = struct.unpack(">II", target.read_bytes()[16:24])
    assert width > height and 1200 <= width <= 2400, (width, height)
    assert main(["compare", "--preset", "slide", "--fields", "company"]) == 2
