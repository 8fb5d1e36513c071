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
