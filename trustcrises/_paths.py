"""Where the bundled data lives: the installed copy first, the checkout second."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The source checkout this package was imported from, or None when installed."""
    root = _PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / "datasets").is_dir():
        return root
    return None


def _is_checkout(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    if not (pyproject.is_file() and (folder / "datasets" / "cases").is_dir()):
        return False
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return 'name = "trustcrises"' in text


def source_checkout() -> Path | None:
    """The checkout whose case files ``validate`` and ``build`` edit by default.

    The one this package was imported from; else, for an installed package, the current
    folder or the nearest folder above it that is a trustcrises checkout.
    """
    root = checkout_root()
    if root is not None:
        return root
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if _is_checkout(folder)), None)


def bundled_data_dir() -> Path:
    """The folder holding the bundled Parquet files and datapackage.json."""
    installed = _PACKAGE / "_data" / "datasets"
    if installed.is_dir():
        return installed
    root = checkout_root()
    if root is not None:
        return root / "datasets"
    return installed  # missing: the loader reports it with what to do


def bundled_schemas_dir() -> Path:
    """The folder holding the generated Frictionless table schemas."""
    installed = _PACKAGE / "_data" / "schemas"
    if installed.is_dir():
        return installed
    root = checkout_root()
    return (root / "schemas") if root is not None else installed


EXAMPLE_CASE = "xiaomi-2026-kol"


def example_case() -> Path:
    """The worked example case file: the installed copy first, the checkout's second."""
    installed = _PACKAGE / "_data" / "example" / f"{EXAMPLE_CASE}.yaml"
    if installed.is_file():
        return installed
    root = checkout_root()
    if root is not None:
        return root / "datasets" / "cases" / f"{EXAMPLE_CASE}.yaml"
    return installed
