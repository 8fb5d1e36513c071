"""The layout shows the stages, and imports run one way: from the outputs down to the models.

    kernel (_models, _catalog, _types, _text, _labels, …)   the data model and shared helpers
    casefiles/   case files -> rows          data/        the verified loaders
    validation/  the rules                   compiler/    rows -> validated, hashed tables
    tables/      comparison tables           analysis/    crosstabs, response times, SCCT fit
    figures/     matplotlib figures          export/      tables -> files
    findings/    the findings report         site/        the website
    cli/         the command line

An AST walk over every module checks each import against the contract below, lazy imports
inside functions included.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import trustcrises as tc

PACKAGE = Path(tc.__file__).parent
STAGES = ("casefiles", "data", "validation", "compiler", "tables", "analysis", "figures",
          "export", "findings", "site", "cli")
# What each stage may import, besides itself and the kernel.
ALLOWED = {
    "kernel": set(),
    "casefiles": set(),
    "data": set(),
    "validation": {"data"},
    "compiler": {"casefiles", "validation", "data"},
    "tables": {"data", "validation"},
    "analysis": {"data", "validation", "tables"},
    "figures": {"data", "validation", "tables", "analysis"},
    "findings": {"data", "validation", "tables", "analysis", "figures", "export"},
    "export": set(),
    "site": {"data", "tables", "analysis", "figures", "findings"},
    "cli": set(STAGES),
}


def _stage(module: str) -> str:
    """``trustcrises.tables._inputs`` -> ``tables``; a top-level module -> ``kernel``."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in STAGES else "kernel"


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(module: str, path: Path) -> list[tuple[int, str]]:
    """Every trustcrises module that ``module`` imports, as absolute names, with the line."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found += [(node.lineno, n) for n in names if n.startswith("trustcrises")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names
                      if a.name.startswith("trustcrises")]
    return found


def test_every_stage_is_a_subpackage_and_every_module_is_private():
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()) == \
        sorted(STAGES)
    for name, path in _modules():
        if path.name not in ("__init__.py", "__main__.py"):
            assert path.stem.startswith("_"), f"{name} should be private (start with _)"


def test_imports_run_one_way():
    wrong = []
    for module, path in _modules():
        if module in ("trustcrises", "trustcrises.__main__"):  # the surface and the entry point
            continue
        stage = _stage(module)
        allowed = {"kernel", stage, *ALLOWED[stage]}
        for line, target in _imports(module, path):
            if target != "trustcrises" and _stage(target) not in allowed:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {stage} imports "
                             f"{target} ({_stage(target)})")
    assert wrong == []


def test_only_the_command_line_uses_the_site():
    """The site is an output: it reads the tables and the data, and nothing but the command
    line builds it (not the public surface, so ``import trustcrises`` never loads it)."""
    assert [stage for stage, allowed in ALLOWED.items() if "site" in allowed] == ["cli"]
    assert [target for _, target in _imports("trustcrises", PACKAGE / "__init__.py")
            if _stage(target) == "site"] == []
    assert [module for module in tc._LAZY.values() if module.startswith("site.")] == []


def test_the_contract_catches_a_wrong_way_import(tmp_path):
    """The check itself can fail: a kernel module importing a stage is reported."""
    bad = tmp_path / "_bad.py"
    bad.write_text("from .tables._inputs import Inputs\n", encoding="utf-8")
    assert _imports("trustcrises._bad", bad) == [(1, "trustcrises.tables._inputs")]
    assert _stage("trustcrises.tables._inputs") not in {"kernel", *ALLOWED["kernel"]}


def test_no_subpackage_shadows_a_public_name():
    """Importing every module leaves the public names as they are (a subpackage called
    ``build`` would replace ``tc.build`` once imported)."""
    for info in pkgutil.walk_packages([str(PACKAGE)], "trustcrises."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name in tc.__all__:
        value = getattr(tc, name)
        assert not isinstance(value, type(tc)), f"tc.{name} is a module"
    assert not set(STAGES) & set(tc.__all__)


def test_dir_shows_only_the_public_surface():
    assert dir(tc) == sorted(tc.__all__)


@pytest.mark.parametrize("stage", STAGES)
def test_stage_packages_export_nothing(stage):
    """The public names live flat in ``trustcrises``; stage packages are only folders."""
    assert (PACKAGE / stage / "__init__.py").read_text(encoding="utf-8").strip() == ""
