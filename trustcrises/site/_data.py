"""What the site is made of: the six tables as rows, read once, and what the pages ask of them.

The tables come from the loaders (the bundled data, or a build's folder with ``data_dir``) or,
for tests and callers with frames of their own, from frames that are validated first; rows are
dicts with None for every missing value, as the comparison tables use them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._facts import studies_in_order
from .._version import __version__
from ..tables._inputs import Inputs, pick_cases, records

if TYPE_CHECKING:
    import pandas as pd

#: The kind of source that marks the article a collection grew from.
SEED_KIND = "seed_article"


class SiteData:
    """Every table's rows, grouped the ways the pages read them."""

    def __init__(self, data_dir: str | Path | None = None, *,
                 frames: dict[str, pd.DataFrame] | None = None,
                 descriptor: dict[str, Any] | None = None) -> None:
        from ..data._load import descriptor as read_descriptor
        from ..data._load import load

        given = dict(frames or {})
        views = given.pop("viewpoints", None)
        codings = given.pop("codings", None)
        self.inputs = Inputs(data_dir, cases=given.get("cases"), events=given.get("events"),
                             sources=given.get("sources"), codebook=given.get("codebook"))
        if views is None:
            views = load("viewpoints", data_dir=data_dir)
        else:
            views = Inputs._checked("viewpoints", views, self.inputs.codebook)
        if codings is None:
            codings = load("codings", data_dir=data_dir)
        else:
            codings = Inputs._checked("codings", codings, self.inputs.codebook)
        self.meta = descriptor if descriptor is not None else read_descriptor(data_dir)
        self.package_version = __version__
        self.cases = pick_cases(self.inputs.frames["cases"], None)  # by start date
        self.case_by_id = {c["case_id"]: c for c in self.cases}
        self.sources = {s["source_id"]: s for s in records(self.inputs.frames["sources"])}
        self.viewpoints = sorted(records(views), key=lambda v: v["viewpoint_id"])
        self.codings = records(codings)
        book = records(self.inputs.codebook)
        self.fields = list(dict.fromkeys(r["field"] for r in book))  # in the table's order
        self.codebook = sorted(book, key=lambda r: (r["sort_order"], r["code"]))

    # -- the data's own description ----------------------------------------------------------

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "?"))

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "trustcrises")

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.name)

    @property
    def bundled(self) -> bool:
        """Whether this is the trustcrises dataset itself (not a collection built on it)."""
        return self.name == "trustcrises"

    @property
    def licences(self) -> list[dict[str, str]]:
        return [lic for lic in self.meta.get("licenses", []) if lic.get("name")]

    @property
    def homepage(self) -> str | None:
        page = self.meta.get("homepage")
        return str(page).rstrip("/") if page else None

    def contributors(self) -> list[str]:
        return [str(c.get("title")) for c in self.meta.get("contributors", [])
                if isinstance(c, dict) and c.get("title")]

    # -- rows, grouped -----------------------------------------------------------------------

    def timeline(self, case_id: str) -> list[dict[str, Any]]:
        """A case's events in seq order."""
        return self.inputs.timeline(case_id)

    def labels(self, lang: str) -> dict[tuple[str, str], str]:
        return self._labels[lang]

    @cached_property
    def times(self) -> dict[str, dict[str, Any]]:
        """Each case's response times with their bounds (see ``tc.response_times``)."""
        from ..analysis._timing import times_of

        frame = times_of(self.inputs)
        return {row["case_id"]: row for row in records(frame)}

    @cached_property
    def _labels(self) -> dict[str, dict[tuple[str, str], str]]:
        return {lang: self.inputs.labels(lang) for lang in ("en", "zh")}

    def code(self, lang: str, field: str, value: str | None) -> str | None:
        """The label of a code in ``lang`` (the code itself where the codebook has none)."""
        return None if value is None else self._labels[lang].get((field, value), value)

    @cached_property
    def codes(self) -> dict[str, list[dict[str, Any]]]:
        """Each code list's rows, in display order."""
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.codebook:
            grouped[row["field"]].append(row)
        return {field: grouped[field] for field in self.fields}

    @cached_property
    def cited_by(self) -> dict[str, list[str]]:
        """Each source id with the cases that cite it (by an event, a viewpoint or a published
        coding), in the cases' order."""
        cited: dict[str, dict[str, None]] = defaultdict(dict)
        for case in self.cases:
            for event in self.timeline(case["case_id"]):
                cited[event["source_id"]][case["case_id"]] = None
        for row in [*self.viewpoints, *self.codings]:
            cited[row["source_id"]][row["case_id"]] = None
        order = {c["case_id"]: i for i, c in enumerate(self.cases)}
        return {s: sorted(ids, key=order.__getitem__) for s, ids in cited.items()}

    @cached_property
    def cited_sources(self) -> list[dict[str, Any]]:
        """The sources the data cites, by publisher and title."""
        return sorted((self.sources[s] for s in self.cited_by if s in self.sources),
                      key=lambda s: (s["publisher"].casefold(), s["title"].casefold(),
                                     s["source_id"]))

    def views_of(self, case_id: str) -> list[dict[str, Any]]:
        return [v for v in self.viewpoints if v["case_id"] == case_id]

    @cached_property
    def _codings_by_case(self) -> dict[str, list[dict[str, Any]]]:
        """Each case's published codings, oldest study first (grouped once for all cases)."""
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in studies_in_order(self.codings, self.sources):
            grouped[row["case_id"]].append(row)
        return grouped

    def codings_of(self, case_id: str) -> list[dict[str, Any]]:
        """The published codings of a case, oldest study first."""
        return self._codings_by_case.get(case_id, [])

    @cached_property
    def seed_sources(self) -> list[dict[str, Any]]:
        """The seed article(s) the commentary comes from."""
        ids = dict.fromkeys(v["source_id"] for v in self.viewpoints)
        return [self.sources[s] for s in ids
                if s in self.sources and self.sources[s]["kind"] == SEED_KIND]

    @cached_property
    def coded_columns(self) -> dict[str, str]:
        """Each coded column of the cases with its code list."""
        from .._catalog import TABLES

        columns = TABLES["cases"].model.to_schema().columns
        return {name: column.metadata["codes"] for name, column in columns.items()
                if (column.metadata or {}).get("codes")}

    @cached_property
    def code_use(self) -> dict[tuple[str, str], int]:
        """How many cases use each code of the cases' coded columns and each strategy."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for case in self.cases:
            for column, field in self.coded_columns.items():
                if case.get(column) is not None:
                    counts[(field, case[column])] += 1
            for strategy in dict.fromkeys(self.inputs.strategies(case["case_id"])):
                counts[("strategy", strategy)] += 1
        return dict(counts)
