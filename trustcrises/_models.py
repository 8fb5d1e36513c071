"""The five tables as pandera models: the single source of truth for columns.

Every column declares its dtype, its constraints and a description. Column
metadata marks the columns whose values are codes from the codebook
(``{"codes": FIELD}``) and the columns the build derives (``{"derived": True}``).
The Frictionless schemas, the data card and the validator are generated from
these models.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.typing import Series

Text = Series[pd.StringDtype("pyarrow")]
Date = Series[Annotated[pd.ArrowDtype, pyarrow.date32()]]
Flag = Series[pd.BooleanDtype]
Count = Series[pd.Int64Dtype]
Number = Series[pd.Float64Dtype]

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NOT_BLANK = r"^\S(.*\S)?$"  # no leading or trailing white space, not empty
URL = r"^https?://[^\s/$.?#][^\s]*$"
LANGUAGE = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
TICKER = r"^[A-Z]+:[A-Z0-9][A-Z0-9.\-]*$"
QUOTE_MAX = 80


def _text(description: str, *, nullable: bool = False, max_length: int | None = None,
         pattern: str = NOT_BLANK, **kwargs) -> object:
    """A string column that is never blank when present."""
    length = (1, max_length) if max_length else None
    return pa.Field(description=description, nullable=nullable, str_matches=pattern,
                    str_length=length, **kwargs)


CODE = r"^[a-z0-9_-]+$"
REGION = r"^[A-Z]{2}$"


def _code(field: str, description: str, *, nullable: bool = False,
          pattern: str = CODE) -> object:
    """A column whose values are codes of ``field`` in the codebook."""
    return pa.Field(description=description, nullable=nullable, str_matches=pattern,
                    metadata={"codes": field})


def _derived(description: str, *, codes: str | None = None, **kwargs: object) -> object:
    """A column computed by the build, never typed by hand (``codes``: its code list)."""
    metadata: dict = {"derived": True}
    if codes:
        metadata["codes"] = codes
    return pa.Field(description=description, nullable=True, metadata=metadata, **kwargs)


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True
        ordered = False
        coerce = False


class Cases(_Strict):
    """One row per trust crisis."""

    case_id: Text = _text("Stable identifier of the case, a lowercase slug.", pattern=SLUG,
                         unique=True)
    company_en: Text = _text("Company at the centre of the crisis, in English.")
    company_zh: Text = _text("Company at the centre of the crisis, in Chinese.")
    region: Text = _code("region", "Where the crisis played out: ISO 3166-1 alpha-2 code.",
                         pattern=REGION)
    industry: Text = _code("industry", "Industry of the company.")
    ticker: Text = _text("The company's listed security at the time of the crisis, as "
                         "EXCHANGE:SYMBOL (NYSE:JNJ, HKEX:1810); null when it was not listed or "
                         "no source gives the listing.", nullable=True, pattern=TICKER)
    title_en: Text = _text("Short title of the crisis, in English.")
    title_zh: Text = _text("Short title of the crisis, in Chinese.")
    summary_en: Text = _text("Summary of the crisis in a few sentences, in English.")
    summary_zh: Text = _text("Summary of the crisis in a few sentences, in Chinese.")
    start_date: Date = pa.Field(description="Date of the triggering event (first day of the "
                                "period when date_precision is month or year).")
    end_date: Date = pa.Field(nullable=True, description="Date the crisis ended, if it has; "
                              "null when it is ongoing or no source dates its end.")
    date_precision: Text = _code("date_precision", "Precision of start_date and end_date.")
    status: Text = _code("status", "Whether the crisis has ended or is ongoing; an ended crisis "
                         "may have no end_date when no source dates its end.")
    onset: Text = _code("onset", "Whether the crisis broke suddenly or smouldered in public "
                        "before it peaked.", nullable=True)
    cause_category: Text = _code("cause_category", "What caused the crisis.")
    scct_cluster: Text = _code("scct_cluster", "Crisis cluster after Coombs' SCCT: how much "
                              "responsibility stakeholders attribute to the company.",
                              nullable=True)
    coding_rationale_en: Text = _text("One-line reason for the cause and cluster codes, in "
                                     "English.")
    coding_rationale_zh: Text = _text("One-line reason for the cause and cluster codes, in "
                                     "Chinese.")
    self_disclosed: Flag = pa.Field(nullable=True, description="Whether the company broke the "
                                    "news itself before any third party (stealing thunder); "
                                    "null when the sources do not settle it.")
    victims: Text = _code("victims", "The main group harmed.", nullable=True)
    fatalities: Count = pa.Field(nullable=True, ge=0, description="Deaths attributed to the "
                                 "crisis, as a source counts them; null when no source gives "
                                 "a count.")
    injuries: Count = pa.Field(nullable=True, ge=0, description="People injured or made ill, "
                               "as a source counts them; null when no source gives a count.")
    prior_crisis: Flag = pa.Field(nullable=True, description="Whether a similar crisis hit the "
                                  "same company in the five years before; null when not "
                                  "established.")
    pressure_source: Text = _code("pressure_source", "Who forced the company to act.")
    trigger_en: Text = _text("What set the crisis off, in English.")
    trigger_zh: Text = _text("What set the crisis off, in Chinese.")
    response_en: Text = _text("How the company responded, in English.")
    response_zh: Text = _text("How the company responded, in Chinese.")
    outcome_en: Text = _text("How the crisis ended or where it stands, in English.")
    outcome_zh: Text = _text("How the crisis ended or where it stands, in Chinese.")
    decision_outcome: Text = _code("decision_outcome", "What became of the business decision "
                                   "that users or the public pressed: reversed, partially "
                                   "reversed, upheld, no such decision, or unknown.")
    selection: Text = _code("selection", "Why the case is in the collection: named by the "
                            "seed article, a crisis that research and teaching return to, or a "
                            "case of users pressing a company's decision; null for a user's own "
                            "case.", nullable=True)
    article_role: Text = _code("article_role", "How the seed article uses the case; null for "
                               "a case that is not from the seed article.", nullable=True)
    identification: Text = _code("identification", "Whether it is certain which event the seed "
                                 "article refers to; null for a case that is not from it.",
                                 nullable=True)
    note_en: Text = _text("Known gaps, uncertainties and disagreements, in English.",
                         nullable=True)
    note_zh: Text = _text("Known gaps, uncertainties and disagreements, in Chinese.",
                         nullable=True)
    decision_reversed: Flag = _derived("Whether the decision was reversed: true when "
                                       "decision_outcome is reversed, false when upheld, null "
                                       "otherwise (partially reversed, no decision, unknown).")
    start_earliest: Date = _derived("The earliest day start_date may stand for (start_date "
                                    "itself).")
    start_latest: Date = _derived("The latest day start_date may stand for: the last day of "
                                  "its month or year at month or year precision.")
    end_earliest: Date = _derived("The earliest day end_date may stand for; null without an "
                                  "end_date.")
    end_latest: Date = _derived("The latest day end_date may stand for; null without an "
                                "end_date.")
    days_to_first_response: Count = _derived("Days from the trigger to the company's first "
                                             "response event; null when either date is "
                                             "coarser than a day or there is no response.",
                                             ge=0)
    days_to_decisive_response: Count = _derived("Days from the trigger to the first decisive "
                                                "response event; null when either date is "
                                                "coarser than a day or none is decisive.", ge=0)
    hours_to_first_response: Number = _derived("Hours from the trigger to the first response "
                                               "when both have a day and a local time; null "
                                               "otherwise.", ge=0)


class Events(_Strict):
    """The dated timeline of every case."""

    case_id: Text = _text("The case this event belongs to.", pattern=SLUG)
    seq: Count = pa.Field(ge=1, description="Position of the event in its case's timeline, "
                          "1..n in date order.")
    date: Date = pa.Field(description="Date of the event (first day of the period when "
                          "date_precision is month or year).")
    date_precision: Text = _code("date_precision", "Precision of date.")
    time: Text = _text("Time of day as HH:MM, where a source gives it, in the time zone where "
                       "the crisis played out (one zone for the whole case).", nullable=True,
                       pattern=TIME)
    event_type: Text = _code("event_type", "Kind of event.")
    channel: Text = _code("channel", "How a trigger became public or a response was made "
                          "(statement, social media, press conference, ...).", nullable=True)
    strategy: Text = _code("strategy", "Response strategy (SCCT, plus corrective and personnel "
                          "action); set for response events only.", nullable=True)
    strategy_rationale_en: Text = _text("One-line reason for the strategy code, in English.",
                                       nullable=True)
    strategy_rationale_zh: Text = _text("One-line reason for the strategy code, in Chinese.",
                                       nullable=True)
    is_decisive: Flag = pa.Field(description="Whether this response is the one that settled "
                                 "the crisis (or its main pressure); false for other events.")
    actor_en: Text = _text("Who acted, in English.")
    actor_zh: Text = _text("Who acted, in Chinese.")
    description_en: Text = _text("What happened, in English.")
    description_zh: Text = _text("What happened, in Chinese.")
    source_id: Text = _text("The source that supports the event.", pattern=SLUG)
    quote: Text = _text(f"Short verbatim text from the source (at most {QUOTE_MAX} characters), "
                       "in the source's language.", max_length=QUOTE_MAX)
    note_en: Text = _text("Disagreements between sources and other caveats, in English.",
                         nullable=True)
    note_zh: Text = _text("Disagreements between sources and other caveats, in Chinese.",
                         nullable=True)
    date_earliest: Date = _derived("The earliest day date may stand for (date itself).")
    date_latest: Date = _derived("The latest day date may stand for: the last day of its month "
                                 "or year at month or year precision.")


class Sources(_Strict):
    """Every source cited by an event or a viewpoint."""

    source_id: Text = _text("Stable identifier of the source, a lowercase slug.", pattern=SLUG,
                           unique=True)
    kind: Text = _code("source_kind", "Kind of source.")
    title: Text = _text("Title of the page or document, in its own language.")
    publisher: Text = _text("Who published it.")
    author: Text = _text("Author, where the source names one.", nullable=True)
    url: Text = _text("Address of the page; null only when none exists.", nullable=True,
                     pattern=URL)
    published: Date = pa.Field(nullable=True, description="Publication date (first day of "
                               "the period when published_precision is month or year); null "
                               "when the source carries none.")
    language: Text = _text("Language of the source (BCP 47, e.g. zh-Hans, zh-Hant, en).",
                          pattern=LANGUAGE)
    note_en: Text = _text("Caveats about the source (a mirror copy, a scrambled page), in "
                         "English.", nullable=True)
    note_zh: Text = _text("Caveats about the source, in Chinese.", nullable=True)
    published_precision: Text = _derived("Precision of published, from how it is written "
                                         "(YYYY-MM-DD, YYYY-MM or YYYY); null without a date.",
                                         codes="date_precision")


class Viewpoints(_Strict):
    """Expert commentary on the cases."""

    viewpoint_id: Text = _text("Stable identifier of the viewpoint, a lowercase slug.",
                              pattern=SLUG, unique=True)
    case_id: Text = _text("The case the commentary is about.", pattern=SLUG)
    commentator_en: Text = _text("Who made the claim, in English.")
    commentator_zh: Text = _text("Who made the claim, in Chinese.")
    affiliation_en: Text = _text("The commentator's affiliation as the source gives it, in "
                                "English.")
    affiliation_zh: Text = _text("The commentator's affiliation as the source gives it, in "
                                "Chinese.")
    section: Text = _code("section", "The part of the source the claim sits in.")
    theme: Text = _code("theme", "What the claim is about.")
    headline_problem: Count = pa.Field(nullable=True, ge=1, le=5, description="Which of the "
                                       "five core problems promised by the seed article's "
                                       "section heading this claim is; null for other claims.")
    claim_en: Text = _text("The claim in our own words, in English.")
    claim_zh: Text = _text("The claim in our own words, in Chinese.")
    quote: Text = _text(f"Short verbatim text from the source (at most {QUOTE_MAX} characters).",
                       max_length=QUOTE_MAX)
    source_id: Text = _text("The source of the claim.", pattern=SLUG)
    proposition: Text = _code("proposition", "Contested proposition the claim takes a side on.",
                             nullable=True)
    stance: Text = _code("stance", "The claim's stance on the proposition.", nullable=True)
    stance_rationale_en: Text = _text("One-line reason for the stance code, in English.",
                                     nullable=True)
    stance_rationale_zh: Text = _text("One-line reason for the stance code, in Chinese.",
                                     nullable=True)


class Codings(_Strict):
    """One row per published study that coded a case: how it coded it, and where we differ."""

    case_id: Text = _text("The case the study codes.", pattern=SLUG)
    source_id: Text = _text("The study, in the sources table (kind academic).", pattern=SLUG)
    scct_cluster: Text = _code("scct_cluster", "The SCCT cluster the study assigns; null when "
                               "it assigns none.", nullable=True)
    summary_en: Text = _text("The study's coding of the case (cluster, crisis type or response "
                             "strategies) in our own words, in English.")
    summary_zh: Text = _text("The study's coding of the case in our own words, in Chinese.")
    quote: Text = _text(f"Short verbatim text from the study that shows its coding (at most "
                        f"{QUOTE_MAX} characters).", max_length=QUOTE_MAX)
    note_en: Text = _text("Where this dataset's coding of the case differs from the study's, "
                          "and why, in English; null when they agree.", nullable=True)
    note_zh: Text = _text("Where this dataset's coding differs from the study's, and why, in "
                          "Chinese; null when they agree.", nullable=True)


class Codebook(_Strict):
    """Every code used anywhere, with labels and definitions in both languages."""

    field: Text = _text("The code list (a coded column, or a list such as posture).",
                       pattern=r"^[a-z0-9_]+$")
    code: Text = _text("The code itself, as stored in coded columns.",
                       pattern=r"^[A-Za-z0-9_-]+$")
    label_en: Text = _text("Label shown in English tables.")
    label_zh: Text = _text("Label shown in Chinese tables.")
    definition_en: Text = _text("What the code means, in English.")
    definition_zh: Text = _text("What the code means, in Chinese.")
    reference: Text = _text("Where the code comes from (a publication or standard).",
                           nullable=True)
    posture: Text = _code("posture", "For a strategy: its SCCT posture.", nullable=True)
    benoit: Text = _code("benoit", "For a strategy: the nearest Benoit image-repair category.",
                        nullable=True)
    scct_cluster: Text = _code("scct_cluster", "For a cause: the SCCT cluster it usually "
                               "implies (Coombs' crisis types).", nullable=True)
    sort_order: Count = pa.Field(ge=0, description="Display order within the field.")
