"""Suggestions for a misspelt code: close in spelling and in meaning, or none at all."""

from __future__ import annotations

import pytest

import trustcrises as tc
from trustcrises._problems import close_codes


@pytest.mark.parametrize("written, expected", [
    ("apologise", ["apology"]), ("apolgy", ["apology"]), ("justfication", ["justification"]),
    ("electronics", ["consumer_electronics"]), ("product_tamper", ["product_tampering"]),
    ("tampering", ["product_tampering"]),
    # alike in spelling only: a poisoning is not a product change
    ("product_tampering", []), ("poisoning", []),
    # a word of several codes: each is offered
    ("product", ["product_change", "product_tampering"])])
def test_close_codes_are_close_in_meaning(written, expected):
    codes = ["apology", "justification", "consumer_electronics", "product_change",
             "product_tampering", "partner_choice"]
    choices = [c for c in codes if c != written]
    assert sorted(close_codes(written, choices)) == expected


def test_no_suggestion_lists_the_codes_and_says_how_to_add_one():
    cases = tc.load_cases().head(1).copy()
    cases.loc[0, "cause_category"] = "sabotage"
    with pytest.raises(tc.ValidationError) as caught:
        tc.validate(cases, table="cases")
    suggestion = caught.value.problems[0].suggestion
    assert suggestion.startswith("Valid codes: ")
    assert "product_tampering" in suggestion
    assert suggestion.endswith("If none fits, add your own code to the collection's "
                               "codebook.yaml, under `cause_category:`, with code, label_en, "
                               "label_zh, definition_en and definition_zh (`trustcrises codes "
                               "cause_category` lists the codes with their meanings)")
