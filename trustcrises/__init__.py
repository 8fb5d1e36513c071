"""trustcrises: a sourced, bilingual dataset of corporate trust crises.

>>> import trustcrises as tc
>>> cases = tc.load_cases()            # one row per crisis
>>> events = tc.load_events()          # the dated, sourced timeline of every case

Importing the package reads no file and loads neither pandera nor great_tables: the data and
the heavier libraries load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ._errors import (
    CaseNotFoundError,
    DataIntegrityError,
    OutputError,
    RenderError,
    SourceFileError,
    TableNotFoundError,
    TrustCrisesError,
    ValidationError,
)
from ._version import __version__

_LAZY = {
    "build": "compiler._build",
    "compare": "tables._tables",
    "crosstab": "analysis._crosstab",
    "crosstab_table": "analysis._crosstab",
    "response_time_summary": "analysis._timing",
    "response_times": "analysis._timing",
    "scct_fit": "analysis._scct",
    "report": "findings._report",
    "response_matrix": "tables._tables",
    "save": "export._export",
    "save_figure": "figures._mpl",
    "timeline": "tables._tables",
    "list_tables": "data._load",
    "load": "data._load",
    "load_cases": "data._load",
    "load_codebook": "data._load",
    "load_codings": "data._load",
    "load_events": "data._load",
    "load_sources": "data._load",
    "load_viewpoints": "data._load",
    "path": "data._load",
    "plot_response_times": "figures._figures",
    "plot_strategies": "figures._figures",
    "plot_timelines": "figures._figures",
    "validate": "validation._validate",
}

__all__ = sorted([
    "CaseNotFoundError",
    "DataIntegrityError",
    "OutputError",
    "RenderError",
    "SourceFileError",
    "TableNotFoundError",
    "TrustCrisesError",
    "ValidationError",
    "__version__",
    *_LAZY,
])

if TYPE_CHECKING:  # pragma: no cover
    from .analysis._crosstab import crosstab, crosstab_table
    from .analysis._scct import scct_fit
    from .analysis._timing import response_time_summary, response_times
    from .compiler._build import build
    from .findings._report import report
    from .figures._figures import plot_response_times, plot_strategies, plot_timelines
    from .figures._mpl import save_figure
    from .export._export import save
    from .data._load import (
        list_tables,
        load,
        load_cases,
        load_codebook,
        load_codings,
        load_events,
        load_sources,
        load_viewpoints,
        path,
    )
    from .tables._tables import compare, response_matrix, timeline
    from .validation._validate import validate


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'trustcrises' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)
