"""Shared fixtures: the checkout, the seed article, and small collections to break."""

from __future__ import annotations

import hashlib
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
        pytest.skip(f"the seed article is not at {SEED} (only CI and development have it)")
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
    from trustcrises._build import build

    out = tmp_path / "built"
    build(collection, out)
    return out


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the sha256 of its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
