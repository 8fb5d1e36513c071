"""Exceptions raised by trustcrises.

    TrustCrisesError
     ├── CaseNotFoundError      (also LookupError)
     ├── TableNotFoundError     (also LookupError)
     ├── DataIntegrityError     (also ValueError)
     ├── ValidationError        (also ValueError)
     ├── SourceFileError        (also ValueError)
     ├── OutputError            (also OSError)
     └── RenderError            (also RuntimeError)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._problems import Problem


class TrustCrisesError(Exception):
    """Base class of every error trustcrises raises.

    ``exit_status`` is what the command line exits with for it: 1 for data that is invalid or
    damaged, 2 for a usage error (an unknown name, a bad path or option).
    """

    exit_status = 2


class CaseNotFoundError(TrustCrisesError, LookupError):
    """A case id that is not in the dataset."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


class TableNotFoundError(TrustCrisesError, LookupError):
    """A table name that is not in the catalog."""

    def __str__(self) -> str:
        return str(self.args[0])


class DataIntegrityError(TrustCrisesError, ValueError):
    """A data file that is missing, unreadable or does not match its recorded hash."""

    exit_status = 1


class ValidationError(TrustCrisesError, ValueError):
    """Data that breaks the rules; ``problems`` lists every failure found."""

    exit_status = 1

    def __init__(self, problems: list[Problem], *, what: str = "the data") -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in {what}:"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class SourceFileError(TrustCrisesError, ValueError):
    """A source folder or file that cannot be read as case data."""


class OutputError(TrustCrisesError, OSError):
    """An output folder or file that cannot be written."""

    def __str__(self) -> str:
        return str(self.args[0])


class RenderError(TrustCrisesError, RuntimeError):
    """A table that cannot be rendered in the requested format."""
