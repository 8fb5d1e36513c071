"""Provenance and coverage of the bundled data: every rule a researcher relies on."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import trustcrises as tc

SEED_SOURCE = "emkt-2026-xiaomi-fans"
CASES = {
    "xiaomi-2026-kol": "primary",
    "coca-cola-1985-new-coke": "comparison",
    "starbucks-2018-philadelphia": "comparison",
    "letv-2016-funding-collapse": "mentioned",
    "zhuanzhuan-2023-inspection-reports": "mentioned",
    "jkopay-2025-asset-seizure": "mentioned",
    "xiaomi-2013-hunger-marketing": "mentioned",
    "xiaomi-2025-ac-energy-claim": "mentioned",
    "xiaomi-2025-su7-ultra-hood": "mentioned",
    "xiaomi-2025-takedown-complaints": "mentioned",
}
COMMENTATORS = {"董毅智", "郭涛", "刘俊斌", "曹磊"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def quotes() -> pd.DataFrame:
    events = tc.load_events()[["case_id", "source_id", "quote"]].assign(table="events")
    views = tc.load_viewpoints()[["case_id", "source_id", "quote"]].assign(table="viewpoints")
    return pd.concat([events, views], ignore_index=True)


def test_every_case_the_seed_article_names_is_present_with_its_role():
    """The seed article's ten cases are there with their roles; every other case is not from
    the seed article (no role)."""
    cases = tc.load_cases().set_index("case_id")
    roles = cases["article_role"].dropna()
    assert dict(roles) == CASES
    assert cases.loc[~cases.index.isin(list(CASES)), "article_role"].isna().all()


def test_every_case_has_a_trigger_and_at_least_one_coded_response():
    events = tc.load_events()
    for case_id in CASES:
        timeline = events[events["case_id"] == case_id]
        assert (timeline["event_type"] == "trigger").sum() == 1, case_id
        responses = timeline[timeline["event_type"] == "response"]
        assert len(responses) >= 1 and responses["strategy"].notna().all(), case_id


def test_every_event_and_viewpoint_has_a_resolving_source_and_a_quote(quotes):
    sources = set(tc.load_sources()["source_id"])
    assert quotes["source_id"].isin(sources).all()
    assert quotes["quote"].str.strip().str.len().min() > 0
    assert quotes["quote"].str.len().max() <= 80


def test_seed_quotes_appear_in_the_article_exactly(quotes, seed_text):
    article = _norm(seed_text)
    seeded = quotes[quotes["source_id"] == SEED_SOURCE]
    assert len(seeded) >= 30
    missing = [q for q in seeded["quote"] if _norm(q) not in article]
    assert missing == []


def test_seed_quotes_together_stay_under_a_third_of_the_article(quotes, seed_text):
    seeded = quotes[quotes["source_id"] == SEED_SOURCE]
    assert seeded["quote"].str.len().sum() < len(_norm(seed_text)) / 3


def test_claims_are_paraphrased_not_copied(seed_text):
    article = _norm(seed_text)
    views = tc.load_viewpoints()
    for claim in views["claim_zh"]:
        # no run of 25 characters of a claim is lifted from the article
        text = _norm(claim)
        runs = [text[i:i + 25] for i in range(max(len(text) - 24, 0))]
        assert not any(run in article for run in runs), claim


def test_sources_without_url_have_publisher_title_and_date():
    sources = tc.load_sources()
    no_url = sources[sources["url"].isna()]
    assert no_url["published"].notna().all()
    assert no_url["publisher"].notna().all() and no_url["title"].notna().all()


def test_commentary_covers_the_four_commentators():
    """The seed article's commentary is on the Xiaomi 2026 case, by its four commentators."""
    views = tc.load_viewpoints()
    views = views[views["source_id"] == SEED_SOURCE]
    assert set(views["commentator_zh"]) == COMMENTATORS
    assert (views["case_id"] == "xiaomi-2026-kol").all()
    for name in COMMENTATORS:
        assert (views["commentator_zh"] == name).sum() >= 4, name


def test_the_five_headline_problems_are_dongs_three_and_guos_two():
    views = tc.load_viewpoints().dropna(subset=["headline_problem"])
    numbered = views.sort_values("headline_problem")
    assert list(numbered["headline_problem"]) == [1, 2, 3, 4, 5]
    assert list(numbered["commentator_zh"]) == ["董毅智"] * 3 + ["郭涛"] * 2
    assert set(numbered["section"]) == {"core_problems"}


def test_stances_on_the_two_propositions():
    views = tc.load_viewpoints().dropna(subset=["stance"])
    stance = {key: set(group["stance"]) for key, group in
              views.groupby(["commentator_zh", "proposition"])}
    assert stance[("董毅智", "first_user_intervention")] == {"disputes"}
    assert stance[("郭涛", "first_user_intervention")] == {"disputes"}
    assert stance[("曹磊", "first_user_intervention")] == {"supports"}
    assert stance[("郭涛", "intervention_legitimate")] == {"supports"}
    assert stance[("董毅智", "intervention_legitimate")] == {"qualifies"}
    assert views["stance_rationale_en"].notna().all() and views["stance_rationale_zh"].notna(
    ).all()


def test_disagreements_are_recorded_in_notes():
    events = tc.load_events()
    coke = events[(events["case_id"] == "coca-cola-1985-new-coke") & events["is_decisive"]]
    assert len(coke) == 1
    assert "11" in coke["note_en"].iloc[0] and "Monitor" in coke["note_en"].iloc[0]
    su7 = events[(events["case_id"] == "xiaomi-2025-su7-ultra-hood")
                 & (events["date"].astype(str) == "2025-05-07")]
    assert su7["note_en"].str.contains("22 May|May 22").any()
    assert su7["note_zh"].str.contains("5月22日").any()


def test_uncertain_identifications_say_why():
    cases = tc.load_cases()
    uncertain = cases[cases["identification"] == "uncertain"]
    assert "zhuanzhuan-2023-inspection-reports" in set(uncertain["case_id"])
    assert uncertain["note_en"].notna().all() and uncertain["note_zh"].notna().all()


def test_response_times_are_derived_from_the_timeline():
    cases = tc.load_cases().set_index("case_id")
    assert cases.loc["xiaomi-2026-kol", "days_to_first_response"] == 0
    assert cases.loc["xiaomi-2026-kol", "days_to_decisive_response"] == 1
    assert cases.loc["coca-cola-1985-new-coke", "days_to_decisive_response"] in (78, 79)
    assert cases.loc["starbucks-2018-philadelphia", "days_to_first_response"] == 2


def test_every_coded_strategy_and_stance_has_a_rationale():
    events = tc.load_events()
    coded = events[events["strategy"].notna()]
    assert coded["strategy_rationale_en"].notna().all()
    assert coded["strategy_rationale_zh"].notna().all()
    cases = tc.load_cases()
    assert cases["coding_rationale_en"].notna().all()


def test_personnel_actions_say_whether_they_read_as_scapegoating():
    events = tc.load_events()
    personnel = events[events["strategy"] == "personnel_action"]
    assert len(personnel) >= 2
    assert personnel["strategy_rationale_en"].str.contains("scapegoat|shifting blame|"
                                                           "blame-shifting").all()
    assert personnel["strategy_rationale_zh"].str.contains("背锅|替罪|推卸|推离").all()


def test_nothing_from_shared_is_in_the_package():
    from trustcrises._paths import bundled_data_dir

    package = bundled_data_dir().parent
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".md"):
            assert "000_d9da6eba663cda0f" not in path.name


def test_every_bundled_source_is_cited():
    sources = set(tc.load_sources()["source_id"])
    cited = set(tc.load_events()["source_id"]) | set(tc.load_viewpoints()["source_id"]) | \
        set(tc.load_codings()["source_id"])
    assert sources - cited == set()


# ---------------------------------------------------------------------------------------------
# The corpus: what it holds, by why each case is in it


def _selected(selection: str) -> pd.DataFrame:
    cases = tc.load_cases()
    return cases[cases["selection"] == selection]


def test_the_canonical_crises_cover_every_cluster_and_the_chinese_market():
    canon = _selected("canonical")
    assert len(canon) >= 25
    assert (canon["region"] == "CN").sum() >= 10
    clusters = canon["scct_cluster"].value_counts()
    assert clusters.get("victim", 0) >= 4 and clusters.get("accidental", 0) >= 6
    assert clusters.get("preventable", 0) >= 1


def test_the_cases_of_users_pressing_a_decision_include_refusals_and_chinese_cases():
    pressed = _selected("user_pressure")
    assert len(pressed) >= 15
    assert (pressed["region"] == "CN").sum() >= 6
    assert (pressed["decision_outcome"] == "upheld").sum() >= 3
    assert set(pressed["decision_outcome"]) <= {"reversed", "partially_reversed", "upheld"}
    decades = set(pressed["start_date"].map(lambda d: d.year // 10 * 10))
    assert {2000, 2010, 2020} <= decades


def test_every_case_is_in_the_collection_for_a_reason():
    assert tc.load_cases()["selection"].notna().all()


def test_every_case_cites_at_least_two_publishers():
    events = tc.load_events().merge(tc.load_sources()[["source_id", "publisher"]],
                                    on="source_id")
    publishers = events.groupby("case_id")["publisher"].nunique()
    seed_only = {"jkopay-2025-asset-seizure"}  # the seed names no event; see its note
    assert publishers.drop(labels=list(seed_only), errors="ignore").min() >= 2, \
        publishers[publishers < 2]


def test_decision_reversed_agrees_with_the_outcome():
    cases = tc.load_cases()
    expected = cases["decision_outcome"].map({"reversed": True, "upheld": False})
    assert cases["decision_reversed"].astype(object).where(cases["decision_reversed"].notna(),
                                                          None).tolist() == \
        expected.astype(object).where(expected.notna(), None).tolist()


def test_every_code_in_use_has_both_labels_and_every_cause_its_cluster():
    book = tc.load_codebook()
    assert book[["label_en", "label_zh", "definition_en", "definition_zh"]].notna().all().all()
    causes = book[book["field"] == "cause_category"]
    assert causes["scct_cluster"].notna().all()
    regions = book.loc[book["field"] == "region", "code"]
    assert set(tc.load_cases()["region"]) <= set(regions)
    assert len(regions) >= 249 and regions.str.fullmatch("[A-Z]{2}").all()  # every ISO code


WORKING_FILES = re.compile(r"fact ?sheet|facts\.md|事实表|\baudit\b|\bthe project\b|本项目|"
                           r"项目事实|\.\./shared|breadth-research|reversal-candidates")


def test_published_codings_cite_studies_and_cover_canonical_cases():
    codings, sources, cases = tc.load_codings(), tc.load_sources(), tc.load_cases()
    kinds = dict(zip(sources["source_id"], sources["kind"]))
    assert {kinds[s] for s in codings["source_id"]} == {"academic"}
    coded = set(codings["case_id"])
    canonical = set(cases[cases["selection"] == "canonical"]["case_id"])
    assert len(coded & canonical) >= 15, sorted(coded)
    assert codings[["case_id", "source_id"]].drop_duplicates().shape[0] == len(codings)


def test_notes_cite_public_sources_not_working_files_and_name_no_column():
    """Readers cannot see our working files, and a note speaks to them in words, not keys."""
    from trustcrises._catalog import TABLES

    columns = {c for name in TABLES for c in TABLES[name].model.to_schema().columns
               if "_" in c}
    for name in ("cases", "events", "sources", "codings"):
        frame = tc.load(name)
        for column in ("note_en", "note_zh"):
            for text in frame[column].dropna():
                assert not WORKING_FILES.search(text), text
                named = {c for c in columns if re.search(rf"\b{c}\b", text)}
                assert not named, (named, text)
