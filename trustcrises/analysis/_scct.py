"""Whether each case's responses match what SCCT recommends for its crisis.

Situational Crisis Communication Theory matches the response to the responsibility that
stakeholders attribute: the more responsibility, the more accommodating the response
(Coombs 2007, whose guidelines are the rules below; Ma and Zhan's 2016 meta-analysis of SCCT
calls this "matching"). The postures run from the least to the most accommodating: deny,
diminish, rebuild. Bolstering may supplement any response, and corrective or personnel
action is not a posture of its own in SCCT, so neither counts towards the match.

Every rule is one entry in ``RULES``, with its citation; a case's result names the rule that
applied and says why. The prior reputation, which SCCT also weighs, is not coded in the data:
the rules are applied as if it were neutral, and every result says so. Where the crisis
history is not known, the result is given for both histories and is ``undetermined`` when
they differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _labels as L
from . import _units as U

if TYPE_CHECKING:
    import pandas as pd

COOMBS_2007 = ("Coombs, W. T. (2007). Protecting organization reputations during a crisis: "
               "the development and application of situational crisis communication theory. "
               "Corporate Reputation Review, 10(3), 163-176. "
               "https://doi.org/10.1057/palgrave.crr.1550049")

#: The postures SCCT orders by how much they accommodate the victims; the others supplement.
LEVEL = {"deny": 1, "diminish": 2, "rebuild": 3}
#: Causes for which SCCT recommends denial where possible.
DENIABLE = ("rumor", "challenge")


@dataclass(frozen=True)
class Rule:
    """One SCCT guideline: when it applies and the posture it recommends."""

    id: str
    guideline: int              # its number in Coombs (2007)
    recommended: str | None     # the posture; None: information alone can be enough
    en: str
    zh: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("victim_first", 1, None,
         "a victim crisis with no history of similar crises: instructing and adjusting "
         "information alone can be enough",
         "受害型危机且此前无类似危机：仅提供指导和调适信息即可"),
    Rule("victim_history", 3, "diminish",
         "a victim crisis with a history of similar crises: diminish",
         "受害型危机且此前有类似危机：淡化型"),
    Rule("accidental_first", 4, "diminish",
         "an accidental crisis with no history of similar crises: diminish",
         "意外型危机且此前无类似危机：淡化型"),
    Rule("accidental_history", 5, "rebuild",
         "an accidental crisis with a history of similar crises: rebuild",
         "意外型危机且此前有类似危机：重建型"),
    Rule("preventable", 6, "rebuild",
         "a preventable crisis: rebuild",
         "可预防型危机：重建型"),
    Rule("deniable", 7, "deny",
         "a rumour or a challenge: deny, where possible",
         "谣言或挑战型危机：尽可能采用否认型"),
)}
#: Mixing deny with diminish or rebuild erodes the response (guideline 8).
MIXING_GUIDELINE = 8
#: Victimage belongs to the victim cluster only (guideline 10).
VICTIMAGE_GUIDELINE = 10

FITS = ("matched", "beyond", "short", "undetermined", "no_response", "not_coded")


def rule_for(cluster: str | None, cause: str | None, history: bool | None) -> Rule | None:
    """The guideline for a crisis of ``cluster`` and ``cause``, with or without a history."""
    if cause in DENIABLE:
        return RULES["deniable"]
    if cluster == "preventable":
        return RULES["preventable"]
    if cluster in ("victim", "accidental"):
        return RULES[f"{cluster}_{'history' if history else 'first'}"]
    return None


def judge(rule: Rule, strongest: int) -> str:
    """``matched``, ``beyond`` (more accommodating than recommended) or ``short``;
    ``strongest`` 0: no deny, diminish or rebuild response, which is enough where information
    alone can be (guideline 1)."""
    wanted = LEVEL[rule.recommended] if rule.recommended else None
    if wanted is None:  # information alone can be enough: only rebuild goes beyond it
        return "beyond" if strongest == LEVEL["rebuild"] else "matched"
    if strongest == wanted:
        return "matched"
    return "beyond" if strongest > wanted else "short"


def scct_fit(
    case_ids: list[str] | None = None,
    *,
    lang: L.Lang = "en",
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Whether each case's responses match SCCT's recommendation for its crisis.

    The strongest posture a case used (deny < diminish < rebuild) is compared with the
    posture the guideline for its cluster, cause and crisis history recommends
    (``trustcrises.analysis.RULES``, after Coombs 2007).

    Returns
    -------
    pandas.DataFrame
        One row per case, by start date: ``case_id``, ``case``, ``scct_cluster``,
        ``cause_category``, ``prior_crisis``; ``guideline`` (its number in Coombs 2007) and
        ``recommended`` (a posture code; null where information alone can be enough); both
        null where the crisis history is not recorded and the two guidelines differ (the
        reason names both);
        ``postures`` (the postures used, in order, labelled); ``strongest`` (a posture code);
        ``fit``: ``matched``, ``beyond`` (more accommodating than recommended), ``short``
        (less), ``undetermined`` (depends on a crisis history the data does not record),
        ``no_response`` (no deny, diminish or rebuild response where one is recommended;
        where information alone can be enough, none is ``matched``) or ``not_coded`` (no
        cluster); ``mixed`` (deny mixed with diminish or rebuild, against guideline 8);
        ``victimage_outside_victim`` (against guideline 10); and ``reason``, in ``lang``.

    Examples
    --------
    >>> import trustcrises as tc
    >>> fit = tc.scct_fit()
    >>> sanlu = fit.set_index("case_id").loc["sanlu-2008-melamine"]
    >>> int(sanlu["guideline"]), str(sanlu["fit"])
    (6, 'matched')
    """
    from ..tables._inputs import Inputs

    lang = L.check_lang(lang)  # type: ignore[assignment]
    data = Inputs(data_dir, cases=cases, events=events, codebook=codebook)
    return fit_of(data, case_ids, lang=lang)


def fit_of(data: Any, case_ids: list[str] | None = None, *, lang: str = "en") -> pd.DataFrame:
    """``scct_fit`` on frames already read (``data``: ``Inputs``)."""
    import pandas as pd

    chosen = {r["case_id"] for r in data.pick(case_ids)}
    all_cases = U.case_rows(data)
    responses: dict[str, list[dict[str, Any]]] = {}
    for response in U.response_rows(data, all_cases):
        responses.setdefault(response["case_id"], []).append(response)
    words = data.labels(lang)
    rows = []
    for case in sorted(all_cases, key=lambda r: (r["start_date"], r["case_id"])):
        if case["case_id"] in chosen:
            rows.append(_fit(case, responses.get(case["case_id"], []), lang, words))
    frame = pd.DataFrame(rows, columns=list(_EMPTY))
    for column in ("mixed", "victimage_outside_victim", "prior_crisis"):
        frame[column] = frame[column].astype("boolean")
    frame["guideline"] = frame["guideline"].astype("Int64")
    for column in frame.columns:
        if column not in ("mixed", "victimage_outside_victim", "prior_crisis", "guideline"):
            frame[column] = frame[column].astype("string")
    return frame


_EMPTY = dict.fromkeys(["case_id", "case", "scct_cluster", "cause_category", "prior_crisis",
                        "guideline", "recommended", "postures", "strongest", "fit", "mixed",
                        "victimage_outside_victim", "reason"])


def _fit(case: dict[str, Any], responses: list[dict[str, Any]], lang: str,
         words: dict[tuple[str, str], str]) -> dict[str, Any]:
    postures = [r["posture"] for r in responses if r["posture"]]
    levels = [LEVEL[p] for p in postures if p in LEVEL]
    strongest = max(levels) if levels else None
    row = dict(_EMPTY, case_id=case["case_id"],
               case=L.text(lang, "case.label", company=case[f"company_{lang}"],
                           year=case["start_date"].year),
               scct_cluster=case["scct_cluster"], cause_category=case["cause_category"],
               prior_crisis=case["prior_crisis"],
               postures=L.text(lang, "responses.sep").join(
                   words.get(("posture", p), p) for p in dict.fromkeys(postures)) or None,
               strongest=next((p for p, v in LEVEL.items() if v == strongest), None),
               mixed=1 in levels and any(v > 1 for v in levels),
               victimage_outside_victim=(case["scct_cluster"] != "victim" and any(
                   r["strategy"] == "victimage" for r in responses)))
    cluster, cause, history = case["scct_cluster"], case["cause_category"], case["prior_crisis"]
    if rule_for(cluster, cause, False) is None:
        return dict(row, fit="not_coded", reason=L.text(lang, "fit.reason.not_coded"))
    histories = [history] if history is not None else [False, True]
    rules = list(dict.fromkeys(rule_for(cluster, cause, h) for h in histories))
    rule = rules[0] if len(rules) == 1 else None
    shown = rule or rule_for(cluster, cause, False)
    assert shown is not None
    row.update(guideline=shown.guideline if rule else None,
               recommended=shown.recommended if rule else None)
    rule_text = L.text(lang, "responses.sep").join(
        L.text(lang, "fit.guideline", n=r.guideline, text=getattr(r, lang)) for r in rules)
    if strongest is None and any(r.recommended for r in rules):
        if all(r.recommended for r in rules):
            return dict(row, fit="no_response",
                        reason=L.text(lang, "fit.reason.no_response", rules=rule_text))
        return dict(row, fit="undetermined", reason=L.text(
            lang, "fit.reason.undetermined", rules=rule_text,
            strongest=L.text(lang, "fit.none_used")))
    verdicts = {judge(r, strongest or 0) for r in rules}
    fit = verdicts.pop() if len(verdicts) == 1 else "undetermined"
    used = words.get(("posture", row["strongest"]), row["strongest"]) if strongest else \
        L.text(lang, "fit.none_used")
    key = "fit.reason.undetermined" if fit == "undetermined" else f"fit.reason.{fit}"
    reason = L.text(lang, key, rules=rule_text, strongest=used)
    if history is None and fit != "undetermined":
        reason += L.text(lang, "fit.reason.history_unknown")
    reason += L.text(lang, "fit.reason.reputation")
    return dict(row, fit=fit, reason=reason)
