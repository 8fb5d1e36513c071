"""The README's pictures are drawn by the commands printed beside them, and its Python examples
run as written."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _script():
    spec = importlib.util.spec_from_file_location("render", ROOT / "scripts" /
                                                  "render_readme_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_picture_is_drawn_by_a_command_the_readme_shows():
    script = _script()
    pictures = set(re.findall(r"\]\((docs/img/[\w-]+\.png)\)", README))
    drawn = set()
    for line in [*script.COMMANDS, *script.FIGURES]:
        shown = line.format(out="docs/img")
        assert shown in README, f"the README does not show: {shown}"
        drawn |= set(re.findall(r"docs/img/[\w-]+\.png", shown))
    site = {p for p in pictures if "site-" in p}  # drawn by scripts/render_site_images.py
    assert pictures - site == drawn


def test_the_date_idiom_the_readme_gives_works():
    import datetime as dt

    import trustcrises as tc

    events = tc.load_events()
    recent = events[events.date_earliest >= dt.date(2025, 1, 1)]
    assert len(recent) and all(d >= dt.date(2025, 1, 1) for d in recent["date_earliest"])
    assert "compare them with\n`datetime.date`, not with a string" in README
    with pytest.raises(TypeError):
        events[events.date >= "2025-01-01"]


def test_the_first_command_shows_a_comparison(capsys):
    from trustcrises.cli._main import main

    first = re.search(r"```bash\n(pip install \. && trustcrises [^\n]+)\n```", README).group(1)
    argv = first.split("&& trustcrises ")[1].split()
    assert argv[0] == "compare"
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("**Corporate trust crises compared**")
