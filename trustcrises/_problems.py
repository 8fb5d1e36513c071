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


def did_you_mean(value: object, choices: list[str] | set[str], *, n: int = 3) -> str | None:
    """``Did you mean 'x'?`` for the nearest valid choices, or None."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, sorted(choices), n=n, cutoff=0.6)
    if not close:
        return None
    return "Did you mean " + " or ".join(repr(c) for c in close) + "?"
