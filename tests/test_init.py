"""The public surface and the cost of importing it."""

from __future__ import annotations

import subprocess
import sys

import trustcrises as tc

PUBLIC = {
    "CaseNotFoundError", "DataIntegrityError", "OutputError", "RenderError", "SourceFileError",
    "TableNotFoundError", "TrustCrisesError", "ValidationError", "__version__", "build",
    "compare", "crosstab", "crosstab_table", "list_tables", "load", "load_cases", "load_codebook", "load_codings", "load_events",
    "load_sources", "load_viewpoints", "path", "plot_response_times",
    "plot_strategies", "plot_timelines", "report", "response_matrix", "response_time_summary",
    "response_times", "save", "save_figure", "scct_fit", "timeline", "validate",
}


def test_all_is_exactly_the_public_surface():
    assert tc.__all__ == sorted(PUBLIC)
    for name in tc.__all__:
        assert getattr(tc, name) is not None


def test_unknown_attribute_raises_attribute_error():
    try:
        tc.load_everything  # noqa: B018
    except AttributeError as exc:
        assert str(exc) == "module 'trustcrises' has no attribute 'load_everything'"
    else:
        raise AssertionError("expected AttributeError")


def test_import_reads_no_file_and_loads_no_heavy_library(tmp_path):
    code = (
        "import builtins, io, sys\n"
        "opened = []\n"
        "real = io.open\n"
        "def spy(file, *a, **k):\n"
        "    opened.append(str(file)); return real(file, *a, **k)\n"
        "builtins.open = io.open = spy\n"
        "import trustcrises\n"
        "heavy = [m for m in ('pandas', 'pandera', 'great_tables', 'pyarrow', 'yaml')"
        " if m in sys.modules]\n"
        "print(repr((opened, heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    opened, heavy = eval(out)  # noqa: S307 - our own repr
    assert heavy == []
    assert [f for f in opened if not f.endswith((".py", ".pyc"))] == []


def test_errors_are_also_builtin_errors():
    assert issubclass(tc.CaseNotFoundError, LookupError)
    assert issubclass(tc.TableNotFoundError, LookupError)
    assert issubclass(tc.DataIntegrityError, ValueError)
    assert issubclass(tc.ValidationError, ValueError)
    assert issubclass(tc.OutputError, OSError)
    for name in PUBLIC:
        obj = getattr(tc, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, tc.TrustCrisesError)
