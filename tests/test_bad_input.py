"""Bad input of every kind: a clear message, the right exit status, and nothing written.

Each entry breaks a valid fictional collection in one way, runs ``trustcrises build`` into a
folder that already holds a good build, and checks the exact message, the exit status, and that
every file of that folder is byte-identical afterwards.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import snapshot

from trustcrises.cli._main import main

FIXTURE = Path(__file__).parent / "fixtures" / "collection"
CASE = "cases/acme-2024-recall.yaml"
WHERE = "cases/acme-2024-recall.yaml:{line}: case 'acme-2024-recall': "


def replace(old: str, new: str, *, file: str = CASE, count: int = 1):
    def mutate(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return mutate


def write(file: str, data: bytes):
    def mutate(root: Path) -> None:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_bytes(data)
    return mutate


def line_of(text: str, anchor: str, nth: int = 1) -> int:
    """The number of the ``nth`` line of ``text`` that reads ``anchor``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line == anchor]
    assert len(numbers) >= nth, f"{anchor!r} is not in the case file {nth} time(s)"
    return numbers[nth - 1]


def at(anchor: str, rest: str, *, nth: int = 1):
    """The message expected on the line of the (broken) case file that reads ``anchor``
    (its ``nth`` such line), so that no line number is written by hand."""
    return lambda text: WHERE.format(line=line_of(text, anchor, nth)) + rest


BOMB = "\n".join(['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]"
    for i in range(1, 10)]).encode()

# (id, mutation, one line the message must contain exactly)
CORPUS = [
    ("missing-required-field", replace("company_zh: 阿克米公司\n", ""),
     at('case_id: acme-2024-recall', "company_zh: is required")),
    ("wrong-type-number-for-text", replace("company_en: Acme Corp", "company_en: 1985"),
     at('company_en: 1985', "company_en: must be text, not a number; put it in quotes (got 1985)")),
    ("wrong-type-text-for-number", replace("  - seq: 2", "  - seq: two"),
     at('  - seq: two', "events[2].seq: must be a whole number (got 'two')")),
    ("wrong-type-text-for-flag", replace("is_decisive: true", "is_decisive: \"yes\""),
     at('    is_decisive: "yes"', "events[2].is_decisive: must be true or false (got 'yes')")),
    ("wrong-type-list-for-text", replace("title_en: A fictional recall", "title_en: [a, b]"),
     at('title_en: [a, b]', "title_en: must be text, not a list (got ['a', 'b'])")),
    ("unknown-field", replace("company_en: Acme Corp", "compnay_en: Acme Corp"),
     at('compnay_en: Acme Corp', "compnay_en: unknown field 'compnay_en'. Did you mean 'company_en'?")),
    ("unknown-event-field", replace("    strategy: apology", "    strategie: apology"),
     at('    strategie: apology', "events[2].strategie: unknown field 'strategie'. Did you mean 'strategy'?")),
    ("derived-field-typed-by-hand", replace("decision_outcome: no_decision",
                                            "decision_outcome: no_decision\n"
                                            "days_to_first_response: 1"),
     at('days_to_first_response: 1', "days_to_first_response: is derived by the build; remove it")),
    ("bad-code", replace("industry: consumer_electronics", "industry: electronics"),
     at('industry: electronics', "industry: is not a valid industry code in the codebook (got 'electronics'). "
        "Did you mean 'consumer_electronics'?")),
    ("bad-strategy-code", replace("strategy: apology", "strategy: apologise"),
     at('    strategy: apologise', "events[2].strategy: is not a valid strategy code in the codebook (got "
        "'apologise'). Did you mean 'apology'?")),
    ("bad-region", replace("region: US", "region: usa"),
     at('region: usa', "region: must be an ISO 3166-1 alpha-2 code in capitals, such as CN or US "
        "(got 'usa')")),
    ("impossible-date", replace("start_date: 2024-03-01", "start_date: 2024-02-30"),
     at('start_date: 2024-02-30', "start_date: is not a real date (day is out of range for month) "
        "(got '2024-02-30')")),
    ("malformed-date", replace("end_date: 2024-03-10", "end_date: 10/03/2024"),
     at('end_date: 10/03/2024', "end_date: must be a date written YYYY-MM-DD, YYYY-MM or YYYY "
        "(got '10/03/2024')")),
    ("date-with-wrong-precision", replace("    date: 2024-03-02", "    date: 2024-03"),
     at('    date: 2024-03', "events[2].date: is written to the month but date_precision is 'day'; make "
        "them agree (got '2024-03')")),
    ("end-before-start", replace("end_date: 2024-03-10", "end_date: 2024-02-10"),
     at('end_date: 2024-02-10', "end_date: is before start_date 2024-03-01 (got '2024-02-10')")),
    ("event-before-trigger", replace("    date: 2024-03-02", "    date: 2024-02-20"),
     at('    date: 2024-02-20', "events[2].date: is before the case's start_date 2024-03-01; only background "
        "events may precede it (got '2024-02-20')")),
    ("null-event-type", replace("    event_type: trigger", "    event_type: null"),
     at('    event_type: null', "events[1].event_type: is required")),
    ("null-date-precision", replace("    date_precision: day", "    date_precision: null"),
     at('    date_precision: null', "events[1].date_precision: is required")),
    ("trigger-not-first", replace("    event_type: trigger", "    event_type: escalation"),
     at('    event_type: escalation', "events[1].event_type: a case needs exactly one trigger event; 'acme-2024-recall' "
        "has 0")),
    ("duplicate-seq", replace("  - seq: 2", "  - seq: 1"),
     lambda text: at("  - seq: 1", "events[2].seq: duplicate case_id/seq 'acme-2024-recall/1': "
                     "already defined at cases/acme-2024-recall.yaml:"
                     f"{line_of(text, '  - seq: 1')}", nth=2)(text)),
    ("non-contiguous-seq", replace("  - seq: 2", "  - seq: 3"),
     at('  - seq: 1', "events[1].seq: must run 1..2 without gaps; missing 2 (got [1, 3])")),
    ("dangling-source", replace("    source_id: acme-statement\n    quote: we apologise",
                                "    source_id: acme-statment\n    quote: we apologise"),
     at('    source_id: acme-statment', "events[2].source_id: refers to a source that is not in sources.yaml (got "
        "'acme-statment'). Did you mean 'acme-statement'?")),
    ("strategy-on-non-response", replace("    event_type: trigger",
                                         "    event_type: trigger\n    strategy: denial"),
     at('    strategy: denial', "events[1].strategy: only response events take a strategy; this event's type is "
        "'trigger' (got 'denial')")),
    ("response-without-strategy", replace("    strategy: apology\n", ""),
     at('  - seq: 2', "events[2].strategy: a response event needs a strategy code. See the strategy "
        "codes with `trustcrises codes strategy`.")),
    ("empty-chinese", replace("title_zh: 虚构的召回事件", "title_zh: \"\""),
     at('title_zh: ""', "title_zh: is empty; fill it in")),
    ("whitespace-only-english", replace("summary_en: A fictional company recalls a fictional "
                                        "product.", "summary_en: \"   \""),
     at('summary_en: "   "', "summary_en: is empty; fill it in")),
    ("english-in-chinese-field", replace("title_zh: 虚构的召回事件", "title_zh: A recall"),
     at('title_zh: A recall', "title_zh: must be written in Chinese (it has no Chinese characters) "
        "(got 'A recall')")),
    ("half-filled-pair", replace("identification: certain",
                                 "identification: certain\nnote_en: Only in English."),
     at('note_en: Only in English.', "note_en: is filled but note_zh is missing; write both languages or neither")),
    ("quote-too-long", replace("quote: we apologise", "quote: " + "x" * 81),
     at('    quote: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', "events[2].quote: must be at most 80 characters (it has 81); shorten it "
        f"(got '{'x' * 81}')")),
    ("invalid-url", replace("url: https://example.com/acme/recall", "url: example.com/recall",
                            file="sources.yaml"),
     "sources.yaml:6: sources['acme-statement'].url: must be a web address starting with "
     "http:// or https:// (got 'example.com/recall')"),
    ("bad-language-tag", replace("language: en", "language: English", file="sources.yaml"),
     "sources.yaml:8: sources['acme-statement'].language: must be a BCP 47 language tag such "
     "as zh-Hans, zh-Hant or en (got 'English')"),
    ("bad-source-kind", replace("kind: company", "kind: press", file="sources.yaml"),
     "sources.yaml:3: sources['acme-statement'].kind: is not a valid source_kind code in the "
     "codebook (got 'press'). Valid codes: academic, commentary, company, court, "
     "encyclopedia, news, regulator, repost, seed_article. If none fits, add your own code to "
     "the collection's codebook.yaml, under `source_kind:`, with code, label_en, label_zh, "
     "definition_en and definition_zh (`trustcrises codes source_kind` lists the codes with "
     "their meanings)"),
    ("duplicate-source-of-bundled", replace("source_id: acme-statement",
                                            "source_id: emkt-2026-xiaomi-fans",
                                            file="sources.yaml"),
     "sources.yaml:2: sources['emkt-2026-xiaomi-fans'].source_id: duplicate source_id "
     "'emkt-2026-xiaomi-fans': already defined at the bundled data"),
    ("duplicate-case-id-across-files", lambda root: shutil.copy(
        root / CASE, root / "cases" / "acme-2024-recall-copy.yaml"),
     "cases/acme-2024-recall.yaml:2: case 'acme-2024-recall': case_id: duplicate case_id "
     "'acme-2024-recall': already defined at cases/acme-2024-recall-copy.yaml:2"),
    ("file-name-differs-from-case-id", replace("case_id: acme-2024-recall",
                                               "case_id: acme-2024-recal"),
     "cases/acme-2024-recall.yaml:2: case 'acme-2024-recal': case_id: the file name must "
     "match the case id: rename acme-2024-recall.yaml to acme-2024-recal.yaml "
     "(got 'acme-2024-recal')"),
    ("bad-case-id", replace("case_id: acme-2024-recall", "case_id: Acme_2024"),
     "cases/acme-2024-recall.yaml:2: case 'Acme_2024': case_id: must be a lowercase slug "
     "such as 'xiaomi-2026-kol' (a-z, 0-9, single hyphens) (got 'Acme_2024')"),
    ("two-decisive-responses", replace("    is_decisive: false\n    actor_en: Customers",
                                       "    is_decisive: true\n    actor_en: Customers"),
     at('    is_decisive: true', "events[1].is_decisive: only a response can be decisive (got True)")),
    ("headline-problem-out-of-range", replace("    section: lead",
                                              "    section: lead\n    headline_problem: 7"),
     at('    headline_problem: 7', "viewpoints[1].headline_problem: must be at most 5 (got 7)")),
    ("stance-without-proposition", replace("    section: lead",
                                           "    section: lead\n    stance: supports"),
     at('  - viewpoint_id: acme-2024-recall-critic-1', "viewpoints[1].proposition: proposition and stance go together; set both or "
        "neither")),
    ("events-not-a-list", replace("events:\n  - seq: 1", "events: none\nunused:\n  - seq: 1"),
     at("events: none", "events: must be a list")),
    ("case-file-not-a-mapping", write(CASE, b"- just\n- a list\n"),
     "cases/acme-2024-recall.yaml: a case file must be a mapping of fields (case_id: ..., "
     "events: [...])"),
    ("colon-in-unquoted-text", replace("title_en: A fictional recall",
                                       "title_en: Tylenol: the cyanide murders"),
     "cases/acme-2024-recall.yaml:7: YAML syntax error: mapping values are not allowed in this "
     "context; "
     "text that contains \": \" must be put in quotes, such as title_en: \"Tylenol: the "
     "cyanide murders\" (column 18)"),
    ("yaml-syntax-error", replace("title_en: A fictional recall", "title_en: [A fictional"),
     "cases/acme-2024-recall.yaml:8: YAML syntax error: while parsing a flow sequence did "
     "not find expected ',' or ']' (column 9)"),
    ("yaml-duplicate-key", replace("region: US", "region: US\nregion: CN"),
     "cases/acme-2024-recall.yaml:6: duplicate key 'region' (first at line 5) (column 1)"),
    ("yaml-object-tag", replace("title_en: A fictional recall",
                                "title_en: !!python/object/apply:os.system [echo hacked]"),
     "cases/acme-2024-recall.yaml:7: YAML tag 'tag:yaml.org,2002:python/object/apply:"
     "os.system' is not allowed: case files hold plain text, numbers, lists and mappings; "
     "remove the tag (column 11)"),
    ("yaml-alias-bomb", write(CASE, BOMB),
     "cases/acme-2024-recall.yaml:1: anchors and aliases (&name, *name) are not allowed in "
     "case files; write the value out in full (column 4)"),
    ("not-utf8", write(CASE, "case_id: acme-2024-recall\ncompany_zh: 阿克米\n".encode("gbk")),
     "cases/acme-2024-recall.yaml:2: the file is not UTF-8 (byte 38: b'\\xb0'); save it as "
     "UTF-8"),
    ("file-over-size-limit", write(CASE, b"# " + b"x" * 1_000_001 + b"\n"),
     "cases/acme-2024-recall.yaml: the file is 1,000,004 bytes, over the limit of 1,000,000; "
     "split it or shorten its text"),
    ("empty-file", write(CASE, b"  \n"),
     "cases/acme-2024-recall.yaml: the file is empty; fill it in or delete it"),
    ("bad-codebook-entry", replace("  - code: CN\n", "  - code: CN\n    colour: red\n",
                                   file="codebook.yaml"),
     None),  # replaced below: the fixture extends the bundled codebook
]
CORPUS = [entry for entry in CORPUS if entry[2] is not None]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "source"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def out(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    assert main(["build", "--source", str(source), "--out", str(folder)]) == 0
    return folder


@pytest.mark.parametrize("mutate, expected", [e[1:] for e in CORPUS],
                         ids=[e[0] for e in CORPUS])
def test_bad_input_is_explained_and_nothing_is_written(source, out, capsys, mutate, expected):
    capsys.readouterr()
    before = snapshot(out)
    mutate(source)
    if callable(expected):
        expected = expected((source / CASE).read_text(encoding="utf-8"))
    status = main(["build", "--source", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    lines = [line.strip() for line in err.splitlines()]
    assert lines[0].startswith("trustcrises: error: ") and "problem" in lines[0]
    assert expected in lines, err
    assert snapshot(out) == before
    assert main(["validate", str(source)]) == 1
    assert expected in [line.strip() for line in capsys.readouterr().err.splitlines()]


def test_corpus_is_large_enough():
    assert len(CORPUS) + len(USAGE) >= 40


# Problems with the folder itself: exit status 2 and one message.
USAGE = [
    ("path-does-not-exist", lambda root, tmp: tmp / "nowhere", None,
     "trustcrises: error: Source folder '{src}' does not exist; give a folder that holds "
     "cases/*.yaml (create one with `trustcrises new`)"),
    ("path-is-a-file", lambda root, tmp: root / "package.yaml", None,
     "trustcrises: error: Source '{src}' is not a folder; give the folder that holds "
     "cases/*.yaml"),
    ("folder-with-no-cases", lambda root, tmp: (shutil.rmtree(root / "cases"), root)[1], None,
     "trustcrises: error: No case files in '{src}/cases': add one with `trustcrises new "
     "CASE_ID --source {src}`"),
    ("output-is-a-file", lambda root, tmp: root, lambda tmp: tmp / "out" / "cases.parquet",
     "trustcrises: error: Output '{dst}' is a file, not a folder; choose a folder for the "
     "output (the output folder is --out DIR)"),
    ("output-not-writable", lambda root, tmp: root, lambda tmp: _read_only(tmp),
     "trustcrises: error: Output folder '{probe}' is not writable ({why}); choose another "
     "output folder or fix its permissions (the output folder is --out DIR)"),
]


def _read_only(tmp: Path) -> Path:
    if os.geteuid() == 0:  # root writes anywhere a permission bit forbids; /sys refuses it
        return Path("/sys/trustcrises-out")
    folder = tmp / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "out"


@pytest.mark.parametrize("choose_source, choose_out, expected", [e[1:] for e in USAGE],
                         ids=[e[0] for e in USAGE])
def test_unusable_folders_are_usage_errors(source, out, tmp_path, capsys, choose_source,
                                           choose_out, expected):
    capsys.readouterr()
    before = snapshot(out)
    src = choose_source(source, tmp_path)
    dst = choose_out(tmp_path) if choose_out else out
    status = main(["build", "--source", str(src), "--out", str(dst)])
    err = capsys.readouterr().err.strip()
    probe = dst.parent
    why = "Permission denied"
    assert status == 2
    assert err == expected.format(src=src, dst=dst, probe=probe, why=why)
    assert snapshot(out) == before


@pytest.mark.parametrize("mutate", [
    write(CASE, b"\xef\xbb\xbf" + (FIXTURE / CASE).read_bytes()),
    write(CASE, (FIXTURE / CASE).read_bytes().replace(b"\n", b"\r\n")),
    write(CASE, (FIXTURE / CASE).read_bytes().replace(b"\n", b"   \n")),
    write(CASE, b"\n".join(reversed((FIXTURE / CASE).read_bytes().split(b"\nevents:")[0]
                                    .split(b"\n")[1:]))
          + b"\nevents:" + (FIXTURE / CASE).read_bytes().split(b"\nevents:")[1]),
], ids=["byte-order-mark", "windows-line-endings", "trailing-spaces", "keys-in-any-order"])
def test_unusual_but_fine_input_is_accepted(source, tmp_path, mutate, built_reference):
    mutate(source)
    out = tmp_path / "unusual"
    assert main(["build", "--source", str(source), "--out", str(out)]) == 0
    assert snapshot(out) == built_reference


@pytest.fixture
def built_reference(tmp_path: Path) -> dict:
    folder = tmp_path / "reference"
    assert main(["build", "--source", str(FIXTURE), "--out", str(folder)]) == 0
    return snapshot(folder)
