"""Property tests: valid collections round-trip without loss; single corruptions never pass."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trustcrises as tc
from trustcrises.compiler._compile import compile_folder

FIXTURE = Path(__file__).parent / "fixtures" / "collection"
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

CODES = tc.load_codebook().groupby("field")["code"].apply(list).to_dict()
LATIN = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ,.'-;:()&<>\"%$#_{}"),
                min_size=1, max_size=60).map(lambda s: "A" + s.strip() + "z")
HAN = st.text(alphabet=st.sampled_from("危机信任公司用户回应道歉品牌米粉召回，。“”（）《》"),
              min_size=1, max_size=40).map(lambda s: "中" + s.strip() + "文")


@st.composite
def collections(draw):
    start = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 1, 1)))
    steps = draw(st.lists(st.integers(0, 400), min_size=1, max_size=5))
    dates = [start]
    for step in steps:
        dates.append(dates[-1] + dt.timedelta(days=step))
    decisive = draw(st.integers(0, len(steps) - 1))
    events = [{"seq": 1, "date": start.isoformat(), "date_precision": "day",
               "event_type": "trigger", "is_decisive": False, "actor_en": draw(LATIN),
               "actor_zh": draw(HAN), "description_en": draw(LATIN),
               "description_zh": draw(HAN), "source_id": "acme-statement",
               "quote": draw(LATIN)[:80]}]
    for i, date in enumerate(dates[1:]):
        events.append({"seq": i + 2, "date": date.isoformat(), "date_precision": "day",
                       "event_type": "response",
                       "strategy": draw(st.sampled_from(CODES["strategy"])),
                       "strategy_rationale_en": draw(LATIN), "strategy_rationale_zh": draw(HAN),
                       "is_decisive": i == decisive, "actor_en": draw(LATIN),
                       "actor_zh": draw(HAN), "description_en": draw(LATIN),
                       "description_zh": draw(HAN), "source_id": "acme-statement",
                       "quote": draw(LATIN)[:80]})
    case = {"case_id": "acme-2024-recall", "company_en": draw(LATIN), "company_zh": draw(HAN),
            "region": draw(st.sampled_from(CODES["region"])),
            "industry": draw(st.sampled_from(CODES["industry"])),
            "title_en": draw(LATIN), "title_zh": draw(HAN), "summary_en": draw(LATIN),
            "summary_zh": draw(HAN), "start_date": start.isoformat(),
            "end_date": dates[-1].isoformat(), "date_precision": "day",
            "cause_category": draw(st.sampled_from(CODES["cause_category"])),
            "scct_cluster": draw(st.sampled_from(CODES["scct_cluster"] + [None])),
            "coding_rationale_en": draw(LATIN), "coding_rationale_zh": draw(HAN),
            "pressure_source": draw(st.sampled_from(CODES["pressure_source"])),
            "trigger_en": draw(LATIN), "trigger_zh": draw(HAN), "response_en": draw(LATIN),
            "response_zh": draw(HAN), "outcome_en": draw(LATIN), "outcome_zh": draw(HAN),
            "decision_outcome": draw(st.sampled_from(CODES["decision_outcome"])),
            "status": "ended",
            "onset": draw(st.sampled_from(CODES["onset"] + [None])),
            "victims": draw(st.sampled_from(CODES["victims"] + [None])),
            "fatalities": draw(st.sampled_from([None, 0, 3])),
            "prior_crisis": draw(st.sampled_from([True, False, None])),
            "article_role": draw(st.sampled_from(CODES["article_role"] + [None])),
            "identification": draw(st.sampled_from(["certain", None])),
            "events": events, "viewpoints": []}
    return case


def _write(case: dict) -> Path:
    root = Path(tempfile.mkdtemp(prefix="tc-prop-"))
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    (root / "cases" / "acme-2024-recall.yaml").write_text(
        yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@SETTINGS
@given(collections())
def test_valid_collections_round_trip_without_loss(case):
    root = _write(case)
    try:
        out = root / "out"
        tc.build(root, out)
        cases = tc.load_cases(data_dir=out)
        events = tc.load_events(data_dir=out)
    finally:
        shutil.rmtree(root)
    row = cases.iloc[0]
    for key, value in case.items():
        if key in ("events", "viewpoints"):
            continue
        got = row[key]
        if isinstance(got, dt.date):
            got = got.isoformat()
        assert (value is None and pd.isna(got)) or got == value, key
    assert len(events) == len(case["events"])
    for expected, (_, got) in zip(case["events"], events.iterrows()):
        for key, value in expected.items():
            stored = got[key]
            stored = stored.isoformat() if isinstance(stored, dt.date) else stored
            assert stored == value, key
    first = (dt.date.fromisoformat(case["events"][1]["date"])
             - dt.date.fromisoformat(case["start_date"])).days
    assert row["days_to_first_response"] == first


CODE_FIELDS = {"region", "industry", "date_precision", "cause_category", "scct_cluster",
               "pressure_source", "article_role", "identification", "event_type", "strategy",
               "decision_outcome", "status", "onset", "victims"}
DATE_FIELDS = {"start_date", "end_date", "date"}


def corruptions(key: str) -> dict:
    """Ways to break ``key`` that its rules must always catch."""
    broken = {"blank": "  ", "list": ["a", "b"], "mapping": {"a": 1}}
    if key in CODE_FIELDS:
        broken |= {"unknown code": "no_such_code", "number": 7}
    elif key in DATE_FIELDS:
        broken |= {"impossible date": "2023-02-30", "not a date": "soon"}
    elif key == "seq":
        broken = {"text": "first", "zero": 0, "negative": -1}
    elif key == "fatalities":
        broken = {"text": "many", "negative": -1, "list": [1]}
    elif key == "prior_crisis":
        broken = {"text": "yes", "number": 1, "list": [True]}
    elif key == "quote":
        broken |= {"too long": "x" * 81, "number": 7}
    elif key.endswith("_zh"):
        broken |= {"no Chinese": "only English here", "number": 7}
    elif key.endswith("_en"):
        broken |= {"no English": "只有中文", "number": 7}
    elif key == "source_id":
        broken |= {"dangling": "no-such-source"}
    return broken


@SETTINGS
@given(collections(), st.data())
def test_single_field_corruptions_are_always_rejected(case, data):
    target = data.draw(st.sampled_from(["case", "event"]))
    record = case if target == "case" else data.draw(st.sampled_from(case["events"]))
    keys = sorted(k for k, v in record.items() if v is not None and k not in (
        "events", "viewpoints", "case_id", "decision_reversed", "is_decisive"))
    key = data.draw(st.sampled_from(keys))
    options = corruptions(key)
    how = data.draw(st.sampled_from(sorted(options)))
    record[key] = options[how]
    root = _write(case)
    try:
        with pytest.raises(tc.ValidationError) as info:
            compile_folder(root)
    finally:
        shutil.rmtree(root)
    assert any(key in p.field for p in info.value.problems), (key, how, str(info.value))
