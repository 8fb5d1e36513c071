"""The analysis helpers: crosstab, response times and SCCT fit.

Every number is checked against a computation written here, independently of the package:
pandas group-bys over the loaded tables, and calendar arithmetic for the bounds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics

import pandas as pd
import pytest
from conftest import EXAMPLE, concat

import trustcrises as tc
from trustcrises._labels import TEXT


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return tc.load_cases()


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return tc.load_events()


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    return tc.load_codebook()


def label(book: pd.DataFrame, field: str, code: str, lang: str = "en") -> str:
    row = book[(book["field"] == field) & (book["code"] == code)]
    assert len(row) == 1, (field, code)
    return str(row[f"label_{lang}"].iloc[0])


# ---------------------------------------------------------------------------------------------
# crosstab


@pytest.mark.parametrize("rows, columns", [("scct_cluster", "onset"),
                                           ("region", "decision_outcome"),
                                           ("pressure_source", "selection")])
def test_case_crosstab_counts_match_a_groupby(cases, book, rows, columns):
    table = tc.crosstab(rows, columns, labels=False)
    expected = cases.groupby([rows, columns], dropna=False).size()
    for (r, c), n in expected.items():
        r = None if pd.isna(r) else r
        c = None if pd.isna(c) else c
        assert table.loc[r, c] == n, (r, c)
    inner = table.drop(index="Total", columns="Total")
    assert int(inner.to_numpy().sum()) == len(cases) == table.attrs["n"]
    assert int(table.loc["Total", "Total"]) == len(cases)
    # every cell not in the group-by is zero
    assert int(inner.to_numpy().sum()) == int(expected.sum())


def test_response_crosstab_counts_response_events_with_their_posture(cases, events, book):
    strategies = book[book["field"] == "strategy"][["code", "posture"]]
    responses = events[events["event_type"] == "response"].merge(
        strategies, left_on="strategy", right_on="code", how="left").merge(
        cases[["case_id", "scct_cluster"]], on="case_id")
    expected = responses.groupby(["scct_cluster", "posture"]).size()
    table = tc.crosstab("scct_cluster", "posture", level="response")
    for (cluster, posture), n in expected.items():
        assert table.loc[label(book, "scct_cluster", cluster),
                         label(book, "posture", posture)] == n
    assert table.attrs == {"n": len(responses), "level": "response"}
    assert table.index.name == "SCCT cluster" and table.columns.name == "SCCT posture"


def test_decades_are_the_trigger_year_rounded_down(cases):
    table = tc.crosstab("decade", labels=False, margins=False)
    years = pd.Series([d.year // 10 * 10 for d in cases["start_date"]])
    assert table.iloc[:, 0].to_dict() == years.value_counts().sort_index().to_dict()
    assert list(table.index) == sorted(table.index)
    zh = tc.crosstab("decade", lang="zh", margins=False)
    assert [f"{d}年代" for d in table.index] == list(zh.index)


def test_labels_follow_the_codebook_order_in_either_language(book):
    zh = tc.crosstab("scct_cluster", "onset", lang="zh")
    clusters = book[book["field"] == "scct_cluster"].sort_values("sort_order")
    assert list(zh.index) == [*clusters["label_zh"], "合计"]
    assert zh.index.name == TEXT["zh"]["col.scct_cluster"]


def test_flags_read_yes_no_and_unknown_last(cases):
    table = tc.crosstab("prior_crisis", margins=False)
    assert list(table.index) == ["Yes", "No", "Unknown"]
    assert table.loc["Unknown", "Count"] == int(cases["prior_crisis"].isna().sum())


@pytest.mark.parametrize("share, axis", [("row", 1), ("column", 0)])
def test_shares_of_rows_and_columns_add_up_to_one(share, axis):
    table = tc.crosstab("decade", "decision_outcome", share=share, margins=False)
    sums = table.sum(axis=axis)
    assert all(abs(s - 1) < 1e-9 for s in sums)
    counts = tc.crosstab("decade", "decision_outcome", margins=False)
    base = counts.sum(axis=axis)
    first = counts.index[0], counts.columns[0]
    expected = counts.loc[first] / (base[first[0]] if share == "row" else base[first[1]])
    assert table.loc[first] == pytest.approx(expected)


def test_share_of_all_with_margins_is_one_in_the_corner():
    table = tc.crosstab("onset", "status", share="all")
    assert table.loc["Total", "Total"] == 1
    inner = table.drop(index="Total", columns="Total")
    assert inner.to_numpy().sum() == pytest.approx(1)


def test_a_users_own_frames_are_counted(cases, events):
    mine = cases[cases["selection"] == "seed_article"]
    table = tc.crosstab("selection", cases=mine, events=events[events["case_id"].isin(
        mine["case_id"])])
    assert table.attrs["n"] == len(mine) == 10
    assert table.loc["Total", "Count"] == 10 and len(table) == 2


@pytest.mark.parametrize("kwargs, message", [
    (dict(rows="strategy"), r"^rows='strategy' is a field of a response, not of a case: pass "
                            r"level='response' to count response events\.$"),
    (dict(rows="scct_clustr"), r"^Unknown rows field 'scct_clustr'\. Did you mean "
                               r"'scct_cluster'\? Valid fields at the case level: region, "),
    (dict(rows="region", level="event"), r"^Unknown level 'event'\. Valid levels: case, "
                                         r"response"),
    (dict(rows="region", share="rows"), r"^Unknown share 'rows'\. Valid shares: row, column, "
                                        r"all, or None for counts\.$"),
    (dict(rows="region", lang="fr"), r"^Unknown language 'fr'\."),
])
def test_bad_arguments_say_what_to_pass(kwargs, message):
    with pytest.raises(ValueError, match=message):
        tc.crosstab(**kwargs)


def test_crosstab_table_shows_counts_and_shares(book):
    from trustcrises.export._content import content

    found = content(tc.crosstab_table("scct_cluster", "posture", level="response",
                                      share="row", lang="zh"))
    counts = tc.crosstab("scct_cluster", "posture", level="response", lang="zh")
    shares = tc.crosstab("scct_cluster", "posture", level="response", lang="zh", share="row")
    cell = counts.index[0], counts.columns[0]
    text = f"{int(counts.loc[cell])}（{shares.loc[cell] * 100:.0f}%）"
    assert found.rows[0][:2] == [cell[0], text]
    assert found.rows[-1][0] == "合计" and found.rows[-1][-1].startswith(
        str(counts.attrs["n"]))
    assert found.title == f"{counts.index.name}与{counts.columns.name}交叉分布"
    assert found.columns == [counts.index.name, *counts.columns]
    assert "每个回应事件计一次，并沿用其所属案例的各项编码。" in found.notes


# ---------------------------------------------------------------------------------------------
# response times


def _last_day(date: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date


def test_exact_days_agree_with_the_build(cases):
    times = tc.response_times().set_index("case_id")
    built = cases.set_index("case_id")
    for which in ("first", "decisive"):
        ours = times[f"{which}_days"]
        theirs = built.loc[ours.index, f"days_to_{which}_response"]
        assert ours.fillna(-1).tolist() == theirs.fillna(-1).tolist(), which


def test_bounds_contain_the_exact_days_and_widen_with_precision(events):
    times = tc.response_times().set_index("case_id")
    responses = events[events["event_type"] == "response"].sort_values(["case_id", "seq"])
    triggers = events[events["event_type"] == "trigger"].set_index("case_id")
    checked = 0
    for case_id, group in responses.groupby("case_id"):
        first = group.iloc[0]
        trigger = triggers.loc[case_id]
        low = max(0, (first["date"] - _last_day(trigger["date"], trigger["date_precision"])).days)
        high = max(0, (_last_day(first["date"], first["date_precision"]) - trigger["date"]).days)
        assert (times.loc[case_id, "first_min"], times.loc[case_id, "first_max"]) == (low, high)
        if "day" == first["date_precision"] == trigger["date_precision"]:
            assert low == high == times.loc[case_id, "first_days"]
        else:
            assert pd.isna(times.loc[case_id, "first_days"])
            checked += 1
    assert checked > 0, "no coarse date was exercised"


def test_a_case_without_responses_has_no_times(cases, events):
    mine = cases[cases["case_id"] == EXAMPLE]
    only = events[(events["case_id"] == EXAMPLE) & (events["event_type"] != "response")]
    times = tc.response_times(cases=mine, events=only)
    assert times[["first_days", "first_min", "decisive_max"]].isna().all(axis=None)


def test_summary_medians_bracket_the_group(cases):
    times = tc.response_times()
    summary = tc.response_time_summary("scct_cluster", which="decisive")
    for cluster, group in times.groupby("scct_cluster"):
        low = group["decisive_min"].dropna().astype(int).tolist()
        high = group["decisive_max"].dropna().astype(int).tolist()
        row = summary.loc[tc.crosstab("scct_cluster", margins=False).index[
            ["victim", "accidental", "preventable"].index(cluster)]]
        assert row["cases"] == (cases["scct_cluster"] == cluster).sum()
        assert row["responded"] == len(low)
        assert row["median_min"] == statistics.median(low)
        assert row["median_max"] == statistics.median(high)
        assert (row["fastest"], row["slowest"]) == (min(low), max(high))
    assert summary.attrs["which"] == "decisive"


def test_summary_by_a_response_field_is_refused():
    with pytest.raises(ValueError, match=r"^by='posture' is a field of a response"):
        tc.response_time_summary("posture")


# ---------------------------------------------------------------------------------------------
# SCCT fit


def synthetic(cases, events, case_id, *, cluster, cause, history, strategies):
    """The example case recoded: its trigger, and one response per strategy, in order."""
    case = cases[cases["case_id"] == EXAMPLE].copy()
    case["case_id"] = case_id
    case["scct_cluster"], case["cause_category"] = cluster, cause
    case["prior_crisis"] = pd.array([history], dtype="boolean")
    timeline = events[events["case_id"] == EXAMPLE]
    trigger = timeline[timeline["event_type"] == "trigger"].copy()
    trigger["seq"] = 1
    template = timeline[(timeline["event_type"] == "response")
                        & timeline["strategy"].notna()].iloc[[0]]
    rows = [trigger]
    for i, code in enumerate(strategies):
        response = template.copy()
        response["seq"] = 2 + i
        response["strategy"] = code
        response["is_decisive"] = False
        rows.append(response)
    timeline = concat(rows)
    timeline["case_id"] = case_id
    return case, timeline


CASES = [
    # id, cluster, cause, history, strategies, fit, guideline
    ("p-rebuild", "preventable", "organizational_misdeed", False, ["denial", "apology"],
     "matched", 6),
    ("p-deny", "preventable", "organizational_misdeed", None, ["denial"], "short", 6),
    ("a-first-diminish", "accidental", "technical_accident", False, ["excuse"], "matched", 4),
    ("a-first-rebuild", "accidental", "technical_accident", False, ["apology"], "beyond", 4),
    ("a-history-diminish", "accidental", "technical_accident", True, ["excuse"], "short", 5),
    ("a-unknown-diminish", "accidental", "technical_accident", None, ["excuse"],
     "undetermined", None),
    ("a-unknown-rebuild", "accidental", "technical_accident", None, ["compensation"],
     "undetermined", None),
    ("a-unknown-deny", "accidental", "technical_accident", None, ["denial"], "short", None),
    ("v-first-deny", "victim", "product_tampering", False, ["denial"], "matched", 1),
    ("v-first-rebuild", "victim", "product_tampering", False, ["apology"], "beyond", 1),
    ("v-history-deny", "victim", "product_tampering", True, ["denial"], "short", 3),
    ("rumour-deny", "victim", "rumor", None, ["denial"], "matched", 7),
    ("challenge-rebuild", "accidental", "challenge", True, ["apology"], "beyond", 7),
    ("only-bolster", "preventable", "pricing", False, ["reminder", "corrective_action"],
     "no_response", 6),
    ("v-first-action-only", "victim", "product_tampering", False, ["corrective_action"],
     "matched", 1),
    ("v-unknown-action-only", "victim", "product_tampering", None, ["corrective_action"],
     "undetermined", None),
]


@pytest.fixture(scope="module")
def fitted(cases, events):
    made = [synthetic(cases, events, cid, cluster=cl, cause=ca, history=h, strategies=s)
            for cid, cl, ca, h, s, _, _ in CASES]
    return tc.scct_fit(cases=concat([m[0] for m in made]),
                       events=concat([m[1] for m in made])).set_index("case_id")


@pytest.mark.parametrize("case_id, fit, guideline", [(c[0], c[5], c[6]) for c in CASES])
def test_each_guideline_gives_its_verdict(fitted, case_id, fit, guideline):
    row = fitted.loc[case_id]
    assert row["fit"] == fit
    assert (None if pd.isna(row["guideline"]) else row["guideline"]) == guideline


def test_the_reason_names_the_rule_and_what_was_used(fitted):
    assert fitted.loc["p-deny", "reason"] == (
        "Recommended: guideline 6, a preventable crisis: rebuild. The strongest posture used "
        "was Deny, less accommodating than recommended. This holds with or without an earlier "
        "similar crisis, which is not recorded. The prior reputation is not coded and is taken "
        "as neutral.")
    assert fitted.loc["a-unknown-diminish", "reason"].startswith(
        "Whether a similar crisis came before is not recorded, and the guidelines differ: "
        "guideline 4, an accidental crisis with no history of similar crises: diminish; "
        "guideline 5, an accidental crisis with a history of similar crises: rebuild.")


def test_mixing_deny_with_rebuild_and_victimage_outside_the_victim_cluster_are_flagged(
        cases, events):
    made = [synthetic(cases, events, "mixed", cluster="preventable", cause="pricing",
                      history=False, strategies=["denial", "apology"]),
            synthetic(cases, events, "victimage", cluster="accidental",
                      cause="technical_accident", history=False,
                      strategies=["victimage", "excuse"]),
            synthetic(cases, events, "victim-victimage", cluster="victim",
                      cause="product_tampering", history=False, strategies=["victimage"])]
    fit = tc.scct_fit(cases=concat([m[0] for m in made]),
                      events=concat([m[1] for m in made])).set_index("case_id")
    order = ["mixed", "victimage", "victim-victimage"]
    assert fit.loc[order, "mixed"].tolist() == [True, False, False]
    assert fit.loc[order, "victimage_outside_victim"].tolist() == [False, True, False]
    assert fit.loc["victim-victimage", "fit"] == "matched"  # bolster only: information enough


def test_bundled_fit_uses_each_case_strongest_posture(cases, events, book):
    fit = tc.scct_fit().set_index("case_id")
    posture = dict(zip(book[book["field"] == "strategy"]["code"],
                       book[book["field"] == "strategy"]["posture"]))
    order = {"deny": 1, "diminish": 2, "rebuild": 3}
    for case_id, group in events[events["event_type"] == "response"].groupby("case_id"):
        levels = [order[posture[s]] for s in group["strategy"].dropna() if posture[s] in order]
        expected = max(levels) if levels else None
        got = fit.loc[case_id, "strongest"]
        assert (order[got] if not pd.isna(got) else None) == expected, case_id
    assert len(fit) == len(cases)
    zh = tc.scct_fit(lang="zh")
    assert zh["reason"].str.contains("建议：准则").sum() + (zh["fit"] == "not_coded").sum() \
        + (zh["fit"] == "undetermined").sum() == len(cases)
