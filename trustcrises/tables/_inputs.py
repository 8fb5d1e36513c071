"""The rows a comparison table is made from: the bundled tables, or a user's own frames.

A user's frames are checked with ``validate`` first. Rows come out as dicts with None for every
missing value, cases in the order asked for (an unknown case id is a ``CaseNotFoundError`` that
lists the valid ones), events in their order within a case.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _labels as L
from .._problems import unknown_case

if TYPE_CHECKING:
    import pandas as pd


class Inputs:
    """The frames a table is made from: the bundled ones, or a user's own after validation."""

    def __init__(self, data_dir: str | Path | None, **given: pd.DataFrame | None) -> None:
        from ..data._load import load

        self.data_dir = data_dir
        self._timelines: dict[str, list[dict[str, Any]]] | None = None
        self.user = any(given.get(n) is not None for n in ("cases", "events"))
        book = given.pop("codebook", None)
        self.codebook = self._checked("codebook", book, None) if book is not None \
            else load("codebook", data_dir=data_dir)
        self.frames: dict[str, pd.DataFrame] = {}
        for name, frame in given.items():
            self.frames[name] = (self._checked(name, frame, self.codebook) if frame is not None
                                 else load(name, data_dir=data_dir))

    @staticmethod
    def _checked(name: str, frame: object, codebook: pd.DataFrame | None) -> pd.DataFrame:
        import pandas as pd

        from ..validation._validate import validate

        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name}= takes a pandas DataFrame (such as tc.load_{name}()), "
                            f"not {type(frame).__name__}")
        return validate(frame, table=name, codebook=codebook)

    def timeline(self, case_id: str) -> list[dict[str, Any]]:
        """A case's events as dicts, in seq order (grouped once for all cases: linear)."""
        if self._timelines is None:
            grouped: dict[str, list[dict[str, Any]]] = {}
            for row in records(self.frames["events"]):
                grouped.setdefault(row["case_id"], []).append(row)
            self._timelines = {c: sorted(rows, key=lambda r: r["seq"])
                               for c, rows in grouped.items()}
        return self._timelines.get(case_id, [])

    def strategies(self, case_id: str) -> list[str]:
        """The strategy of each of a case's response events, in order (repeats kept)."""
        return [e["strategy"] for e in self.timeline(case_id)
                if e["event_type"] == "response" and e["strategy"] is not None]

    def labels(self, lang: str) -> dict[tuple[str, str], str]:
        book = self.codebook
        return dict(zip(zip(book["field"], book["code"]), book[f"label_{lang}"]))

    def source_note(self, lang: str) -> str:
        from ..data._load import descriptor

        meta = descriptor(self.data_dir)
        version = str(meta.get("version", "?"))
        if self.user:
            return L.text(lang, "source.user", version=version)
        names = [lic.get("name") for lic in meta.get("licenses", []) if lic.get("name")]
        license_ = L.text(lang, "source.license", license=", ".join(names)) if names else ""
        return L.text(lang, "source.dataset", version=version, license=license_)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (never mutates ``frame``)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def pick_cases(cases: pd.DataFrame, case_ids: object) -> list[dict[str, Any]]:
    """The rows of ``case_ids`` in the order given, or every case by start date."""
    rows = records(cases)
    if case_ids is None:
        return sorted(rows, key=lambda r: (r["start_date"], r["case_id"]))
    if isinstance(case_ids, str):
        case_ids = [case_ids]
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        raise ValueError("case_ids is empty: pass None for every case, or one or more case ids.")
    by_id = {r["case_id"]: r for r in rows}
    for case_id in wanted:
        if case_id not in by_id:
            raise unknown_case(case_id, list(by_id))
    return [by_id[c] for c in wanted]
