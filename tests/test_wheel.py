"""The wheel: every data file in, nothing git ignores, no case sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT

from trustcrises._catalog import TABLES


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> list[str]:
    pytest.importorskip("hatchling")
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True)
    (wheel,) = out.glob("trustcrises-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_holds_every_table_schema_and_descriptor(wheel_names):
    for spec in TABLES.values():
        assert f"trustcrises/_data/datasets/{spec.filename}" in wheel_names
        assert f"trustcrises/_data/schemas/{spec.name}.schema.json" in wheel_names
    assert "trustcrises/_data/datasets/datapackage.json" in wheel_names
    assert "trustcrises/py.typed" in wheel_names
    assert {"trustcrises/site/assets/site.css", "trustcrises/site/assets/site.js"} <= \
        set(wheel_names)  # the website's style sheet and script


def test_wheel_holds_no_case_sources_but_the_worked_example_and_nothing_git_ignores(
        wheel_names):
    yaml = [n for n in wheel_names if n.endswith(".yaml")]
    assert yaml == ["trustcrises/_data/example/xiaomi-2026-kol.yaml"]
    assert not [n for n in wheel_names if n.endswith(".pyc") or "__pycache__" in n]
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    mapped = []
    for name in wheel_names:
        if name.startswith("trustcrises/_data/example/"):
            mapped.append("datasets/cases/" + name.rsplit("/", 1)[1])
        elif name.startswith("trustcrises/_data/"):
            mapped.append(name.removeprefix("trustcrises/_data/"))
        elif name.startswith("trustcrises/"):
            mapped.append(name)
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *mapped], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert ignored == []
