"""The build: deterministic, complete, atomic, and in sync with the committed data."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import DATASETS, ROOT, snapshot

import trustcrises as tc
from trustcrises.compiler._build import build
from trustcrises._catalog import TABLES

OUTPUTS = [t.filename for t in TABLES.values()] + ["datapackage.json"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """The bundled sources rebuilt into a temporary folder."""
    out = tmp_path_factory.mktemp("rebuilt")
    build(DATASETS, out)
    return out


def _writer(path: Path) -> str:
    return pq.ParquetFile(path).metadata.created_by


def _differs(what: str) -> str:
    return (f"{what} differs from a fresh build of the case files. If this change is intended "
            "(you edited the case files, the codebook or what the build derives), run "
            "`trustcrises build` and commit the result; if not, the build has changed: find "
            "out why before rebuilding, or the regression is committed with it")


@pytest.mark.parametrize("name", list(TABLES))
def test_committed_parquet_holds_what_the_sources_say(rebuilt, name):
    committed = pq.read_table(DATASETS / TABLES[name].filename)
    fresh = pq.read_table(rebuilt / TABLES[name].filename)
    assert committed.schema.equals(fresh.schema, check_metadata=True)
    assert committed.equals(fresh), _differs(f"datasets/{name}.parquet")


@pytest.mark.parametrize("name", list(TABLES))
def test_committed_schemas_are_identical_to_a_rebuild(rebuilt, name):
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    fresh = (rebuilt / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == fresh, _differs(f"schemas/{name}.schema.json")


def test_committed_files_are_byte_identical_to_a_rebuild(rebuilt):
    """Parquet records its writer's version, so bytes compare only under the same pyarrow;
    the contents are compared above under any version."""
    if _writer(DATASETS / "cases.parquet") != _writer(rebuilt / "cases.parquet"):
        pytest.skip("the committed Parquet was written by another pyarrow version "
                    f"({_writer(DATASETS / 'cases.parquet')}); contents are compared above")
    for filename in OUTPUTS:
        assert (DATASETS / filename).read_bytes() == (rebuilt / filename).read_bytes(), \
            _differs(f"datasets/{filename}")


def test_two_builds_are_byte_identical(collection, tmp_path):
    build(collection, tmp_path / "a")
    build(collection, tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_rows_are_sorted_by_primary_key(built):
    for name, spec in TABLES.items():
        frame = tc.load(name, data_dir=built)
        keys = ["field", "sort_order", "code"] if name == "codebook" else \
            list(spec.primary_key)  # the codebook: each code list in its display order
        assert frame[keys].equals(frame.sort_values(keys)[keys].reset_index(drop=True)), name


def test_datapackage_describes_every_resource(built):
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "trustcrises"
    import yaml

    package = yaml.safe_load((DATASETS / "package.yaml").read_text(encoding="utf-8"))
    assert descriptor["version"] == str(package["version"])
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert [r["name"] for r in descriptor["resources"]] == list(TABLES)
    for resource in descriptor["resources"]:
        data = (built / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"].startswith("sha256:") and len(resource["hash"]) == 71
        schema = json.loads((built / "schemas" / f"{resource['name']}.schema.json").read_text())
        assert resource["schema"] == schema


def test_schemas_carry_types_constraints_enums_and_keys(built):
    events = json.loads((built / "schemas" / "events.schema.json").read_text())
    fields = {f["name"]: f for f in events["fields"]}
    assert events["primaryKey"] == ["case_id", "seq"]
    assert {"fields": ["source_id"], "reference": {"resource": "sources",
                                                    "fields": ["source_id"]}} \
        in events["foreignKeys"]
    assert fields["date"]["type"] == "date"
    assert fields["is_decisive"]["type"] == "boolean"
    assert fields["seq"]["constraints"] == {"required": True, "minimum": 1}
    assert fields["quote"]["constraints"]["maxLength"] == 80
    assert "apology" in fields["strategy"]["constraints"]["enum"]
    assert "required" not in fields["strategy"]["constraints"]
    for field in events["fields"]:
        assert field["description"]


def test_a_failed_build_writes_nothing(collection, built):
    before = snapshot(built)
    case = collection / "cases" / "xiaomi-2026-kol.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("region: CN", "region: China"),
                    encoding="utf-8")
    with pytest.raises(tc.ValidationError):
        build(collection, built)
    assert snapshot(built) == before


def test_unchanged_files_are_not_rewritten(collection, built):
    """Outputs whose bytes would not change keep their modification time (the lock file is
    not an output: some filelock versions touch it on every build)."""
    from trustcrises._catalog import TABLES
    from trustcrises.compiler._build import LOCK_FILE

    def stamps() -> dict:
        return {p: p.stat().st_mtime_ns for p in built.rglob("*")
                if p.is_file() and p.name != LOCK_FILE}

    stamp = stamps()
    result = build(collection, built)
    assert result.changed == ()
    assert stamp == stamps() and len(stamp) == 2 * len(TABLES) + 1  # Parquet, schema, package


def _build_worker(args):
    source, out = args
    build(source, out)


def test_concurrent_builds_never_mix_their_files(collection, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(collection, other)
    case = other / "cases" / "xiaomi-2026-kol.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "company_en: Xiaomi", "company_en: Xiaomi Corporation"), encoding="utf-8")
    out = tmp_path / "out"
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        pool.map(_build_worker, [(collection, out), (other, out)] * 3)
    for name in TABLES:  # every file matches the descriptor written with it
        tc.load(name, data_dir=out)


def test_a_second_build_waits_for_the_lock(collection, tmp_path):
    """While one build holds the output folder's lock, another writes nothing; it finishes
    once the lock is released."""
    import threading

    from filelock import FileLock

    from trustcrises.compiler._build import LOCK_FILE

    out = tmp_path / "out"
    out.mkdir()
    held = FileLock(out / LOCK_FILE)
    held.acquire()
    done = threading.Event()
    worker = threading.Thread(target=lambda: (build(collection, out), done.set()))
    try:
        worker.start()
        assert not done.wait(3), "the build did not wait for the lock"
        assert [p for p in out.rglob("*") if p.is_file()] == [out / LOCK_FILE]
    finally:
        held.release()
    worker.join(120)
    assert done.is_set()
    for name in TABLES:
        tc.load(name, data_dir=out)


@pytest.mark.parametrize("which", ["bundled", "built"])
def test_frictionless_accepts_the_package(which, request):
    """Frictionless reads Parquet through ``to_pandas()``: the pandas metadata the build
    stores must bring back nullable integers, or every null count fails as a float NaN.
    Only ``byte-count`` is skipped: Frictionless cannot count a Parquet source's bytes."""
    frictionless = pytest.importorskip("frictionless")
    folder = tc.path("cases").parent if which == "bundled" else request.getfixturevalue("built")
    report = frictionless.validate(str(folder / "datapackage.json"), skip_errors=["byte-count"])
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_parquet_files_restore_declared_types_through_plain_pandas():
    """A reader without our type map (``pd.read_parquet``) gets the declared dtypes too."""
    import pandas as pd

    for name in TABLES:
        plain = pd.read_parquet(tc.path(name))
        assert {c: str(t) for c, t in plain.dtypes.items()} == {
            c: str(t) for c, t in tc.load(name).dtypes.items()}, name


@pytest.mark.parametrize("doc, section", [("DATASHEET.md", "columns"),
                                          ("DATASHEET.md", "composition"),
                                          ("DATASHEET.md", "claim"), ("README.md", "claim")])
def test_generated_sections_say_what_the_data_says(doc, section):
    """The column docs, the corpus counts and the claim paragraph are written by the build
    from the models and the data; each is checked against a fresh computation."""
    from trustcrises.compiler import _datasheet as D
    from trustcrises.compiler._compile import compile_folder

    frames, _ = compile_folder(DATASETS)
    body = {"columns": D.columns_markdown, "composition": lambda: D.composition_markdown(frames),
            "claim": lambda: D.claim_markdown(frames)}[section]()
    start, end = D._markers(section)
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert start in text and end in text, f"{doc} has no {section} section"
    found = text.split(start, 1)[1].split(end, 1)[0]
    assert found.strip() == body.strip(), _differs(f"The {section} section of {doc}")
    if section == "columns":
        for name in TABLES:
            assert f"### `{name}`" in found


def test_the_claim_counts_follow_from_the_cases():
    """The paragraph's numbers, recomputed here by other means."""
    from trustcrises.compiler._datasheet import USERS

    cases = tc.load_cases()
    start = cases.loc[cases["article_role"] == "primary", "start_date"].iloc[0]
    before = cases[(cases["start_date"] < start) & cases["pressure_source"].isin(USERS)]
    gave = before["decision_outcome"].isin(["reversed", "partially_reversed"]).sum()
    held = (before["decision_outcome"] == "upheld").sum()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"the collection holds {gave} cases in which" in text
    assert f"In {held} other such cases the company held its position" in text
    assert f"本数据集收录了 {gave} 个" in text


def test_citation_names_the_data_version():
    import yaml

    package = yaml.safe_load((DATASETS / "package.yaml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["version"]) == str(package["version"])
    assert json.loads((DATASETS / "datapackage.json").read_text())["version"] == str(
        package["version"])


def test_the_package_description_counts_what_the_data_holds():
    from trustcrises.data._load import descriptor

    cases = tc.load_cases()
    by = cases["selection"].value_counts()
    text = descriptor()["description"]
    assert (f"{len(cases)} cases (the {by['seed_article']} cases of the article the dataset "
            f"grew from, {by['canonical']} canonical crises") in text
    assert f"{by['user_pressure']} cases of users pressing" in text
    assert f"{len(tc.load_codings())} codings of the cases by published studies" in text
    assert f"{len(cases)} 个案例" in text and "{" not in text


def _build_refused(collection, *edits: tuple[str, str]) -> tuple[str, list]:
    """Make each ``(old, new)`` edit once in the Xiaomi case file, build, and return the edited
    text and the problems the build was refused with."""
    case = collection / "cases" / "xiaomi-2026-kol.yaml"
    text = case.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    case.write_text(text, encoding="utf-8")
    with pytest.raises(tc.ValidationError) as caught:
        tc.build(collection, collection.parent / "out")
    return text, caught.value.problems


def test_problems_are_listed_in_the_order_of_their_lines(collection):
    """Within a file, by line: a bad code on line 11 before a bad code in an event further
    down, though 'events[...]' sorts before 'industry'."""
    text, found = _build_refused(
        collection, ("industry: consumer_electronics", "industry: electronics"),
        ("    strategy: excuse", "    strategy: excuses"))
    problems = [(p.line, p.field, p.rule) for p in found]
    assert problems == [
        (11, "industry", "is not a valid industry code in the codebook"),
        (text.splitlines().index("    strategy: excuses") + 1, "events[11].strategy",
         "is not a valid strategy code in the codebook")]


def test_a_duplicate_key_points_at_the_line_of_the_first_key(collection):
    """Where the first event wrote seq below its date, "already defined at" names seq's line."""
    text, found = _build_refused(
        collection, ("  - seq: 2\n    date: 2025-09\n", "  - date: 2025-09\n    seq: 2\n"),
        ("  - seq: 3\n", "  - seq: 2\n"))
    first = text.splitlines().index("    seq: 2") + 1
    assert "duplicate case_id/seq 'xiaomi-2026-kol/2': already defined at " \
           f"cases/xiaomi-2026-kol.yaml:{first}" in [p.rule for p in found]
