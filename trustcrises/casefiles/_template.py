"""``trustcrises new``: a commented template case file, and the collection around it."""

from __future__ import annotations

import re
from pathlib import Path

from .._errors import OutputError, SourceFileError

_PACKAGE = """\
# Metadata of this collection, written into datapackage.json by `trustcrises build`.
name: {name}
title: {name}
version: 0.1.0
# Use the bundled codebook and sources as well as your own (delete the line to stand alone).
extends: trustcrises
"""

_SOURCES = """\
# Sources cited by your events and viewpoints. The bundled sources can be cited too.
# Each: source_id (slug), kind (code), title, publisher, author, url, published (YYYY-MM-DD),
# language (zh-Hans, zh-Hant, en, ...), and optionally note_en / note_zh.
sources: []
"""

_CASE = """\
# Case file for {case_id}. Fill in every field, then run: trustcrises validate {folder}
# Text fields come in pairs: _en in English, _zh in Chinese; write both.
# Dates: YYYY-MM-DD, YYYY-MM or YYYY, matching date_precision.

case_id: {case_id}
company_en: ""
company_zh: ""
region: ""                # {region}
industry: ""              # {industry}
title_en: ""
title_zh: ""
summary_en: ""
summary_zh: ""
start_date: ""            # the trigger's date
end_date: null            # null while ongoing
date_precision: day       # {date_precision}
cause_category: ""        # {cause_category}
scct_cluster: ""          # {scct_cluster}
coding_rationale_en: ""   # one line: why this cause and cluster
coding_rationale_zh: ""
pressure_source: ""       # {pressure_source}
trigger_en: ""
trigger_zh: ""
response_en: ""
response_zh: ""
outcome_en: ""
outcome_zh: ""
decision_reversed: null   # true, false, or null when there was no such decision
article_role: mentioned   # {article_role}
identification: certain   # {identification}
note_en: null             # gaps, uncertainties, disagreements between sources
note_zh: null

events:                   # the timeline in date order; seq runs 1, 2, 3, ...
  - seq: 1
    date: ""
    date_precision: day
    event_type: trigger     # {event_type}
    is_decisive: false      # true for the one response that settled the crisis
    actor_en: ""
    actor_zh: ""
    description_en: ""
    description_zh: ""
    source_id: ""           # a source_id from sources.yaml (yours or the bundled ones)
    quote: ""               # verbatim from the source, at most 80 characters
    # A response event also needs: strategy ({strategy}),
    # strategy_rationale_en and strategy_rationale_zh. Optional: note_en, note_zh.

viewpoints: []            # expert commentary; see the bundled cases for the fields
"""


def write_template(case_id: str, folder: str | Path, codebook: list[dict]) -> list[Path]:
    """Write ``cases/CASE_ID.yaml`` (and package.yaml, sources.yaml if missing).

    ``codebook`` holds the codebook's rows (as dicts), whose codes the template lists.
    """
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id):
        raise SourceFileError(f"Case id {case_id!r} must be a lowercase slug such as "
                              "'acme-2024-recall' (a-z, 0-9, single hyphens)")
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{str(root)!r} is a file, not a folder; give a folder for the "
                          "collection")
    target = root / "cases" / f"{case_id}.yaml"
    if target.exists():
        raise OutputError(f"{str(target)!r} already exists; edit it, or choose another "
                          "case id")
    codes = _code_hints(codebook)
    files = []
    name = re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-") or "my-cases"
    for path, text in ((root / "package.yaml", _PACKAGE.format(name=name)),
                       (root / "sources.yaml", _SOURCES)):
        if not path.exists():
            files.append((path, text))
    files.append((target, _CASE.format(case_id=case_id, folder=folder, **codes)))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for path, text in files:
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
    except OSError as exc:
        raise OutputError(f"Cannot write to {str(root)!r} ({exc.strerror or exc}); choose "
                          "another folder for the collection") from None
    return [path for path, _ in files]


def _code_hints(codebook: list[dict]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for row in sorted(codebook, key=lambda r: r["sort_order"]):
        out.setdefault(row["field"], []).append(row["code"])
    return {field: ", ".join(codes) for field, codes in out.items()}
