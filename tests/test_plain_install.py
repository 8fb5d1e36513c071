"""What a plain install (no extras) must do: render every table without polars, never show a
traceback, and let a checkout's own data be edited from the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, snapshot

from trustcrises.cli._main import INTERNAL_ERROR, main

# Run in a child process in which `import polars` fails, whether or not polars is installed.
_NO_POLARS = textwrap.dedent("""
    import importlib.abc, sys

    class NoPolars(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "polars" or name.startswith("polars."):
                raise ModuleNotFoundError("No module named 'polars'", name=name)
            return None

    sys.meta_path.insert(0, NoPolars())
    sys.modules.pop("polars", None)
""")


def _run_without_polars(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _NO_POLARS + textwrap.dedent(code)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_tables_render_and_save_without_polars(tmp_path):
    result = _run_without_polars("""
        import trustcrises as tc
        for lang in ("en", "zh"):
            tables = {"compare": tc.compare(lang=lang),
                      "timeline": tc.timeline("xiaomi-2026-kol", lang=lang),
                      "matrix": tc.response_matrix(lang=lang, count=True)}
            for name, table in tables.items():
                assert "<svg" in table._repr_html_() or name != "compare", name
                for ext in ("html", "tex", "md", "csv"):
                    tc.save(table, f"{name}-{lang}.{ext}")
        assert "polars" not in sys.modules
        print("ok")
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert len(list(tmp_path.glob("*-??.*"))) == 24


@pytest.mark.browser
def test_pdf_and_png_render_without_polars(tmp_path, browser):
    result = _run_without_polars("""
        import trustcrises as tc
        for lang in ("en", "zh"):
            tc.save(tc.compare(lang=lang), f"compare-{lang}.pdf")
            tc.save(tc.compare(lang=lang), f"compare-{lang}.png")
        assert "polars" not in sys.modules
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "compare-en.pdf", "compare-en.png", "compare-zh.pdf", "compare-zh.png"]


def test_cli_commands_run_without_polars(tmp_path):
    result = _run_without_polars("""
        from trustcrises.cli._main import main
        for argv in (["compare"], ["compare", "--lang", "zh", "--format", "csv"],
                     ["timeline", "xiaomi-2026-kol", "--lang", "zh"], ["matrix", "--count"]):
            assert main(argv) == 0, argv
        assert "polars" not in sys.modules
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_prints_one_line_and_its_own_status(capsys, monkeypatch):
    import trustcrises.cli._main as cli

    def broken(args):
        raise ModuleNotFoundError("No module named 'polars'")

    monkeypatch.setitem(cli._COMMANDS, "list", broken)
    monkeypatch.delenv("TRUSTCRISES_DEBUG", raising=False)
    assert main(["list"]) == INTERNAL_ERROR == 3
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "trustcrises: internal error: ModuleNotFoundError: No module named 'polars'"
    assert "--debug" in lines[1] and "TRUSTCRISES_DEBUG=1" in lines[1]
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_debug_shows_the_traceback(how, monkeypatch):
    import trustcrises.cli._main as cli

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._COMMANDS, "list", broken)
    monkeypatch.delenv("TRUSTCRISES_DEBUG", raising=False)
    argv = ["list"]
    if how == "flag":
        argv = ["--debug", "list"]
    else:
        monkeypatch.setenv("TRUSTCRISES_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(argv)


def test_the_console_script_prints_no_traceback_for_an_internal_error(tmp_path):
    """The real entry point, in a child process, on a broken installation: one line, status 3."""
    code = ("import sys, trustcrises.data._load as load\n"
            "def broken(*a, **k): raise KeyError('cases.parquet')\n"
            "load.read_verified = broken\n"
            "import trustcrises.cli._terminal as show; show.read_verified = broken\n"
            "from trustcrises.cli._main import main\n"
            "sys.exit(main(['list']))\n")
    env = {k: v for k, v in os.environ.items() if k != "TRUSTCRISES_DEBUG"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("trustcrises: internal error: KeyError: 'cases.parquet'\n")
    assert "Traceback" not in result.stderr


@pytest.fixture
def checkout(tmp_path):
    """A copy of the checkout's data and metadata, as a user editing the data has it."""
    root = tmp_path / "checkout"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(ROOT / "DATASHEET.md", root / "DATASHEET.md")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    return root


def test_validate_and_build_find_the_checkout_from_its_root(checkout, monkeypatch, capsys):
    """An installed package run at a checkout's root edits that checkout's data."""
    import trustcrises._paths as paths

    monkeypatch.setattr(paths, "checkout_root", lambda: None)  # as when installed
    monkeypatch.chdir(checkout)
    assert main(["validate"]) == 0
    cases = len(list((checkout / "datasets" / "cases").glob("*.yaml")))
    assert capsys.readouterr().out.startswith(f"{checkout / 'datasets'}: valid ({cases} cases")
    assert main(["validate", "--source", "datasets"]) == 0
    assert capsys.readouterr().out.startswith(f"datasets: valid ({cases} cases")

    (checkout / "schemas" / "cases.schema.json").unlink()
    assert main(["build", "--source", "datasets"]) == 0
    out = capsys.readouterr().out
    assert (checkout / "schemas" / "cases.schema.json").is_file()
    assert not (checkout / "datasets" / "schemas").exists()
    assert f"written   {checkout / 'schemas' / 'cases.schema.json'}" in out
    assert f"unchanged {checkout / 'DATASHEET.md'}" in out

    monkeypatch.chdir(checkout / "datasets" / "cases")  # from a folder below the root, too
    before = snapshot(checkout)
    assert main(["build"]) == 0
    assert snapshot(checkout) == before


def test_validate_without_a_checkout_says_what_to_give(tmp_path, monkeypatch, capsys):
    import trustcrises._paths as paths

    monkeypatch.setattr(paths, "checkout_root", lambda: None)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert capsys.readouterr().err == (
        "trustcrises: error: No source folder given, and neither the package nor the current "
        "folder is a trustcrises checkout: give the folder that holds cases/*.yaml\n")


def test_validate_refuses_the_folder_given_twice(capsys, collection):
    assert main(["validate", str(collection), "--source", str(collection)]) == 2
    assert capsys.readouterr().err == (
        "trustcrises: error: Give the folder once: as DIR or as --source DIR, not both.\n")
