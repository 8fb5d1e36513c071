"""One problem found in the data, with everything a user needs to fix it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field as _field


@dataclass(frozen=True)
class Problem:
    """Where a rule is broken, by what value, and how to fix it."""

    file: str = ""
    line: int | None = None
    case: str | None = None
    field: str = ""
    value: object = _field(default=None, hash=False)
    rule: str = ""
    suggestion: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (where, f"case {self.case!r}" if self.case else "", self.field) if p]
        text = f"{': '.join(parts)}: " if parts else ""
        text += self.rule
        if self.value is not None:
            text += f" (got {self.value!r})"
        if self.suggestion:
            text += f". {self.suggestion}"
        return text


def close_codes(value: object, choices: list[str] | set[str], *, n: int = 3) -> list[str]:
    """The codes ``value`` is probably a misspelling of, word by word.

    A code is close when each of its words (split at ``_`` and ``-``) is spelled like a word of
    the other, or when one's words are all among the other's (``electronics`` and
    ``consumer_electronics``). Sharing one word is not enough: ``product_tampering`` is not a
    ``product_change``, however alike they look.
    """
    if not isinstance(value, str) or not value:
        return []

    def words(text: str) -> list[str]:
        return [w for w in text.lower().replace("-", "_").split("_") if w]

    def alike(a: str, b: str) -> bool:
        return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.75

    mine = words(value)
    scored = []
    for choice in sorted(choices):
        theirs = words(choice)
        if not mine or not theirs:
            continue
        spelled = len(mine) == len(theirs) and all(alike(a, b) for a, b in zip(mine, theirs))
        subset = set(mine) <= set(theirs) or set(theirs) <= set(mine)
        if spelled or subset:
            scored.append((-difflib.SequenceMatcher(None, value, choice).ratio(), choice))
    return [choice for _, choice in sorted(scored)[:n]]


def did_you_mean(value: object, choices: list[str] | set[str], *, n: int = 3) -> str | None:
    """``Did you mean 'x'?`` for the nearest valid choices, or None."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, sorted(choices), n=n, cutoff=0.6)
    if not close:
        return None
    return "Did you mean " + " or ".join(repr(c) for c in close) + "?"


def unknown_case(case_id: object, valid: list[str]) -> Exception:
    """The one error for a case id that is not in the data: the nearest ids, and the valid
    ones where there are few (``tc.load_cases()`` where there are many)."""
    from ._errors import CaseNotFoundError

    hint = did_you_mean(case_id, valid)
    listed = f"Valid case ids: {', '.join(sorted(valid))}." if len(valid) <= 12 else \
        f"tc.load_cases() lists all {len(valid)} case ids."
    return CaseNotFoundError(f"Unknown case {case_id!r}. " + (f"{hint} " if hint else "")
                             + listed)
