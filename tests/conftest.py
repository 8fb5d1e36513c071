"""Shared fixtures: the checkout, the seed article, and small collections to break."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_d9da6eba663cda0f.txt"
EXAMPLE = "xiaomi-2026-kol"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        why = f"the seed article is not at {SEED}; its publisher does not allow copies"
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the quotes against the seed article: {why}")
        pytest.skip(why)
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A valid collection: the bundled codebook and sources and the worked example case."""
    root = tmp_path / "collection"
    (root / "cases").mkdir(parents=True)
    for name in ("package.yaml", "codebook.yaml", "sources.yaml"):
        shutil.copy(DATASETS / name, root / name)
    shutil.copy(DATASETS / "cases" / f"{EXAMPLE}.yaml", root / "cases" / f"{EXAMPLE}.yaml")
    return root


@pytest.fixture
def built(collection: Path, tmp_path: Path) -> Path:
    """The example collection built into its own output folder."""
    from trustcrises.compiler._build import build

    out = tmp_path / "built"
    build(collection, out)
    return out


def concat(frames: list) -> object:
    """``pd.concat`` of table frames, quiet about pandas 2.2's warning on all-null columns
    (a coming change in how their dtype is chosen; every frame here has the declared dtypes)."""
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The behavior of DataFrame concatenation with empty",
                                FutureWarning)
        return pd.concat(frames, ignore_index=True)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the sha256 of its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def needs(tool: str, why: str) -> str:
    """The path of ``tool``; a skip (a failure under CI) when it is missing."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed ({why}; apt-get install chromium fonts-noto-cjk " \
                  "poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test: {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser() -> str:
    """The Chromium that draws PDF and PNG; a skip (a failure under CI) when there is none."""
    from trustcrises.export import _chromium as C
    from trustcrises._errors import RenderError

    try:
        found = C.find_browser()
    except RenderError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {exc}")
        pytest.skip(f"no Chromium to draw with: {exc}")
    needs("pdftoppm", "it reads the PDFs back")
    needs("pdftotext", "it reads the PDFs back")
    return found
