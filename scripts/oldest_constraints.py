"""Print pip constraints pinning every runtime dependency to the lowest version pyproject allows.

    python scripts/oldest_constraints.py > oldest.txt
    pip install -c oldest.txt '.[test]' && python -m pytest

This is the "oldest" test environment: a lower bound in pyproject.toml is a promise that the
suite passes with exactly that version.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib


def lowest_pins(pyproject: Path) -> list[str]:
    """``name==version`` for every ``name>=version`` runtime dependency."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for requirement in dependencies:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\[\]-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*", requirement)
        if match is None:
            raise SystemExit(f"cannot pin {requirement!r}: give it a lower bound written NAME>=X")
        name = re.sub(r"\[.*\]", "", match.group(1))
        pins.append(f"{name}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    print("\n".join(lowest_pins(root / "pyproject.toml")))
