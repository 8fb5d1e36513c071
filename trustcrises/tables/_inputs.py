"""The rows a comparison table is made from: the bundled tables, or a user's own frames.

A user's frames are checked with ``validate`` first. Rows come out as dicts with None for every
missing value, cases in the order asked for (an unknown case id is a ``CaseNotFoundError`` that
lists the valid ones), events in their order within a case.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _labels as L
from .._problems import unknown_case

if TYPE_CHECKING:
    import pandas as pd


class Inputs:
    """The frames a table is made from: the bundled ones, a built collection (``data_dir``),
    or a user's own frames after validation; with ``with_bundled``, a collection's cases
    beside the bundled ones."""

    def __init__(self, data_dir: str | Path | None, *, with_bundled: bool = False,
                 **given: pd.DataFrame | None) -> None:
        from ..data._load import descriptor, load

        self.data_dir = data_dir
        self._timelines: dict[str, list[dict[str, Any]]] | None = None
        self._records: dict[str, list[dict[str, Any]]] = {}
        self.user = any(given.get(n) is not None for n in ("cases", "events"))
        self.meta = descriptor(data_dir) if data_dir is not None and not self.user else {}
        self.bundled = descriptor(None)
        book = given.pop("codebook", None)
        self.codebook = self._checked("codebook", book, None) if book is not None \
            else load("codebook", data_dir=data_dir)
        self.frames: dict[str, pd.DataFrame] = {}
        for name, frame in given.items():
            self.frames[name] = (self._checked(name, frame, self.codebook) if frame is not None
                                 else load(name, data_dir=data_dir))
        own = self.frames.get("cases")
        self.own_ids = set(own["case_id"]) if own is not None else set()
        self.with_bundled = with_bundled and (data_dir is not None or self.user)
        if self.with_bundled:
            self._add_bundled()

    def _add_bundled(self) -> None:
        """Put the bundled cases, their events and the sources they cite beside the user's."""
        import pandas as pd

        from ..data._load import load

        for name, frame in list(self.frames.items()):
            key = {"cases": "case_id", "events": "case_id", "sources": "source_id"}.get(name)
            if key is None:
                continue
            bundled = load(name)
            have = set(frame[key]) if name == "sources" else self.own_ids
            extra = bundled[~bundled[key].isin(list(have))]
            if len(extra):
                with warnings.catch_warnings():  # pandas 2.2: all-null columns in concat
                    warnings.filterwarnings("ignore", category=FutureWarning)
                    self.frames[name] = pd.concat([frame, extra], ignore_index=True)

    def pick(self, case_ids: object) -> list[dict[str, Any]]:
        """The rows of ``case_ids`` (see ``pick_cases``); a bundled case asked of a collection
        that does not hold it is a CaseNotFoundError that says how to include it."""
        if isinstance(case_ids, str):
            case_ids = [case_ids]
        for case_id in case_ids or []:
            if isinstance(case_id, str) and case_id not in set(self.frames["cases"]["case_id"]) \
                    and self.is_bundled_case(case_id):
                from .._errors import CaseNotFoundError

                raise CaseNotFoundError(
                    f"{case_id!r} is a bundled case, not one of this collection's: include "
                    f"the bundled cases to show it beside your own (with_bundled=True; on the "
                    f"command line, --with-bundled).")
        rows = pick_cases(self.frames["cases"], case_ids, self.records("cases"))
        if case_ids is None and self.with_bundled:  # own cases first, then the bundled ones
            rows.sort(key=lambda r: r["case_id"] not in self.own_ids)
        return rows

    def records(self, name: str) -> list[dict[str, Any]]:
        """The rows of a frame as dicts (made once: the frames do not change). Callers must
        not change them: copy a row before adding to it."""
        if name not in self._records:
            self._records[name] = records(self.frames[name] if name != "codebook"
                                          else self.codebook)
        return self._records[name]

    def is_bundled_case(self, case_id: str) -> bool:
        """Whether ``case_id`` is a bundled case this collection does not hold."""
        if self.data_dir is None and not self.user:
            return False
        from ..data._load import load

        return case_id not in self.own_ids and case_id in set(load("cases")["case_id"])

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
            for row in self.records("events"):
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

    def source_note(self, lang: str, case_ids: list[str] | None = None) -> str:
        """Who the rows come from: each collection that contributed one of ``case_ids`` (every
        case when None), with its own title and version."""
        shown = set(case_ids) if case_ids is not None else None
        own = self.own_ids if shown is None else self.own_ids & shown
        from_bundled = not (self.user or self.data_dir is not None) or (
            self.with_bundled and (shown is None or bool(shown - self.own_ids)))
        version = str(self.bundled.get("version", "?"))
        parts = []
        if self.user and own:
            parts.append(L.text(lang, "source.part.user", version=version))
        elif self.data_dir is not None and own:
            meta = self.meta
            if meta.get("name") == "trustcrises":  # a rebuilt copy of the bundled data
                from_bundled, version = True, str(meta.get("version", version))
            else:
                parts.append(L.text(lang, "source.part.collection",
                                    title=meta.get("title") or meta.get("name", "?"),
                                    version=meta.get("version", "?")))
        if from_bundled:
            names = [lic.get("name") for lic in self.bundled.get("licenses", [])
                     if lic.get("name")]
            license_ = L.text(lang, "source.license", license=", ".join(names)) if names \
                else ""
            parts.append(L.text(lang, "source.part.dataset", version=version, license=license_))
        return L.text(lang, "source.note", parts=L.text(lang, "source.join").join(parts))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None for every missing value (never mutates ``frame``)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def pick_cases(cases: pd.DataFrame, case_ids: object,
               rows: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The rows of ``case_ids`` in the order given, or every case by start date (``rows``:
    the cases as dicts, when the caller has them already)."""
    rows = records(cases) if rows is None else rows
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
