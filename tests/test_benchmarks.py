"""The benchmarks' synthetic data: valid, varied from the real cases, never copies of one row.

Fast checks of ``benchmarks/generate.py`` only; the benchmarks themselves are not tests
(``python benchmarks/run.py``).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

import trustcrises as tc
from trustcrises.casefiles import _yaml
from trustcrises.compiler._compile import compile_folder
from trustcrises._types import dtypes

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("tc_bench_generate",
                                               ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

REAL = {c["case_id"]: c for c in generate.real_cases()}


def _base(case: dict) -> dict:
    return REAL[case["case_id"].split("-", 2)[2]]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_generated_collection_validates(tmp_path, seed):
    root = generate.write_collection(tmp_path / "c", 25, seed=seed)
    frames, package = compile_folder(root)
    assert len(frames["cases"]) == 25
    assert package["name"] == "synthetic"
    assert frames["cases"]["case_id"].is_unique
    assert frames["viewpoints"]["viewpoint_id"].is_unique
    assert len(frames["events"]) == sum(len(_base(c).get("events", []))
                                        for c in generate.synthetic_cases(25, seed=seed))


def test_case_files_read_back_as_written():
    for case in generate.synthetic_cases(40, seed=3):
        text = generate.dump_case(case)
        assert generate._plain(_yaml.parse(text)) == case
        assert text.splitlines()[1].startswith("case_id: ")  # block style, one key a line


def test_awkward_text_survives_the_writer():
    case = {"case_id": "x", "title_en": 'quote " back\\slash\ttab\u2028sep\x85nel #not-a-comment',
            "events": [{"seq": 1, "is_decisive": False, "note_en": None}], "viewpoints": []}
    assert generate._plain(_yaml.parse(generate.dump_case(case))) == case


def test_cases_are_varied_not_copied():
    n = 2 * len(REAL)  # every real case serves as a base, each about twice
    cases = list(generate.synthetic_cases(n, seed=4))
    assert len({c["case_id"] for c in cases}) == n
    assert len(set(Counter(c["case_id"].split("-", 2)[2] for c in cases))) == len(REAL)
    shifted = sum(c["start_date"] != _base(c)["start_date"] for c in cases)
    assert shifted >= 0.9 * n
    for field in ("summary_en", "trigger_zh", "outcome_en"):  # shuffled between cases
        assert sum(c[field] != _base(c)[field] for c in cases) >= n // 2, field
        assert len({c[field] for c in cases}) >= len(REAL) // 2, field
    bodies = {tuple(sorted((k, str(v)) for k, v in c.items() if k != "case_id"))
              for c in cases}
    assert len(bodies) == n


def test_dates_keep_their_precision():
    for case in generate.synthetic_cases(60, seed=5):
        base = _base(case)
        pairs = [(case["start_date"], base["start_date"])] + [
            (e["date"], b["date"]) for e, b in zip(case["events"], base["events"])]
        for new, old in pairs:
            assert len(str(new)) == len(str(old))
        assert case["events"][[e["event_type"] for e in case["events"]].index("trigger")][
            "date"] == case["start_date"]


def test_generation_is_deterministic():
    assert list(generate.synthetic_cases(5, seed=7)) == list(generate.synthetic_cases(5, seed=7))
    assert list(generate.synthetic_cases(5, seed=7)) != list(generate.synthetic_cases(5, seed=8))


def test_a_generated_frame_validates():
    frame = generate.case_frame(500, seed=1)
    assert tc.validate(frame, table="cases") is frame
    assert len(frame) == 500 and frame["case_id"].is_unique
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        c: str(t) for c, t in dtypes("cases").items()}
    real = tc.load_cases()
    assert not frame["start_date"].isin(set(real["start_date"])).all()
    assert frame["summary_en"].nunique() == real["summary_en"].nunique()
    mixed = frame["company_en"] + frame["summary_en"]
    assert mixed.nunique() > len(real)  # fields come from different cases


def test_frame_dates_stay_first_days_when_coarse():
    frame = generate.case_frame(300, seed=2)
    coarse = frame[frame["date_precision"] != "day"]
    assert len(coarse) > 0
    assert all(d.day == 1 for d in coarse["start_date"])
    ended = frame.dropna(subset=["end_date"])
    assert (ended["end_date"] >= ended["start_date"]).all()
