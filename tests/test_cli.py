"""The command line: list, show, codes, tables, validate, build, new."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import snapshot

import trustcrises as tc
from trustcrises._text import width
from trustcrises.cli._main import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_prints_one_line_per_case(capsys, built):
    status, out, err = run(capsys, "list", "--data-dir", str(built))
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Case", "Years", "Company", "·", "Title"]
    assert lines[1].startswith("xiaomi-2026-kol  2026")
    assert lines[-1] == "1 case. Details: trustcrises show CASE_ID"


def test_list_in_chinese(capsys, built):
    status, out, _ = run(capsys, "list", "--lang", "zh", "--data-dir", str(built))
    assert status == 0
    assert "小米 · 小米拟与“反米”博主合作引发米粉信任危机" in out
    lines = out.splitlines()
    assert lines[0].split() == ["案例", "年份", "公司", "·", "标题"]
    assert lines[-1] == "共 1 个案例。详情：trustcrises show 案例编号"


def test_show_prints_summary_timeline_quotes_and_sources(capsys, built):
    status, out, _ = run(capsys, "show", "xiaomi-2026-kol", "--data-dir", str(built))
    assert status == 0
    assert out.startswith("Xiaomi's planned deal with a fan-baiting blogger  [xiaomi-2026-kol]")
    assert "\nFirst response (days):         0\n" in out
    assert "\nDecision:                      Reversed\n" in out
    assert "Timeline:" in out and "Sources:" in out
    assert ("   8. 2026-01-06        Response · Personnel action · Statement ★ — Xiaomi "
            "spokesperson") in out
    assert "★ the decisive response" in out
    assert "[guancha-2026-01-07-xiaomi] 观察者网, “小米发布处罚声明”, 2026-01-07. " \
           "https://www.guancha.cn/politics/2026_01_07_802985.shtml" in " ".join(out.split())


def test_show_in_chinese_uses_codebook_labels(capsys, built):
    status, out, _ = run(capsys, "show", "xiaomi-2026-kol", "--lang", "zh", "--data-dir",
                         str(built))
    assert status == 0
    assert re.search(r"\n起因：\s+合作对象选择\n", out) and "人事处理" in out
    assert re.search(r"\n状态：\s+已结束\n", out)
    facts = [line for line in out.splitlines() if re.match(r"^[^ ]+：\s", line)]
    starts = {width(line[:line.index("：") + 1]) + len(line[line.index("：") + 1:]) -
              len(line[line.index("：") + 1:].lstrip()) for line in facts}
    assert len(starts) == 1, facts  # the values line up, counting Chinese as two columns


def test_show_prints_how_published_studies_coded_the_case(capsys):
    codings = tc.load_codings()
    sources = tc.load_sources().set_index("source_id")
    case_id = codings["case_id"].value_counts().index[0]  # a case with more than one study
    mine = codings[codings["case_id"] == case_id]
    assert len(mine) > 1
    for lang, head in (("en", "Published codings (%d):"), ("zh", "已发表研究的编码（%d）：")):
        status, out, _ = run(capsys, "show", case_id, "--lang", lang)
        assert status == 0
        lines = out.splitlines()
        assert head % len(mine) in lines
        def bare(text: str) -> str:  # wrapping breaks Chinese lines anywhere
            return re.sub(r"\s+", "", text)

        block = bare(out[out.index(head % len(mine)):])
        for _, c in mine.iterrows():
            assert bare(f"[{c['source_id']}] {c[f'summary_{lang}']}") in block
            assert bare(f"“{c['quote']}”") in block
            differs = bare(str(c[f"note_{lang}"]))
            assert differs in block
            # the study is listed among the sources, with its title
            assert bare(f"[{c['source_id']}] {sources.loc[c['source_id'], 'publisher']}, "
                        f"“{sources.loc[c['source_id'], 'title']}”") in bare(out)
    uncoded = sorted(set(tc.load_cases()["case_id"]) - set(codings["case_id"]))[0]
    assert "Published codings" not in run(capsys, "show", uncoded)[1]


def test_show_groups_the_digits_of_counts(capsys):
    cases = tc.load_cases()
    big = cases[cases["fatalities"].fillna(0) >= 1000].iloc[0]
    n = int(big["fatalities"])
    for lang, label in (("en", "Deaths:"), ("zh", "死亡人数：")):
        out = run(capsys, "show", big["case_id"], "--lang", lang)[1]
        assert re.search(rf"^{label}\s+{n:,}$", out, re.M), out[:2000]


def test_show_unknown_case_is_a_usage_error(capsys, built):
    status, out, err = run(capsys, "show", "xiaomi-2026", "--data-dir", str(built))
    assert (status, out) == (2, "")
    assert err == ("trustcrises: error: Unknown case 'xiaomi-2026'. Did you mean "
                   "'xiaomi-2026-kol'? Valid case ids: xiaomi-2026-kol. (trustcrises list "
                   "shows every case)\n")


@pytest.mark.parametrize("command", [["list"], ["show", "xiaomi-2026-kol"], ["compare"],
                                     ["codes", "strategy"]])
def test_a_damaged_data_file_is_invalid_data(capsys, built, command):
    """Exit status 1 (invalid data), one line saying which file and how to restore it."""
    path = built / "cases.parquet"
    path.write_bytes(path.read_bytes()[:-100] + b"x" * 100)
    if command[0] == "codes":
        path = built / "codebook.parquet"
        path.write_bytes(path.read_bytes()[:-100] + b"x" * 100)
    status, out, err = run(capsys, *command, "--data-dir", str(built))
    assert (status, out) == (1, "")
    assert err == (f"trustcrises: error: {str(path)!r} does not match the sha256 recorded in "
                   "datapackage.json: it is truncated, altered or from another build. Rebuild "
                   f"it with `trustcrises build --out {built}`.\n")


def test_bad_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["list", "--lang", "fr"])
    assert info.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_codes_lists_a_code_list(capsys):
    status, out, _ = run(capsys, "codes", "scct_cluster", "--lang", "zh")
    assert status == 0
    lines = out.splitlines()
    assert [line for line in lines if not line.startswith(" " * 27)] == [
        "scct_cluster:", f"  {'victim':<24} 受害型", f"  {'accidental':<24} 意外型",
        f"  {'preventable':<24} 可预防型"]


def test_codes_of_one_list_explain_each_code(capsys):
    """What a student needs to tell excuse from justification: definition, posture, Benoit."""
    status, out, _ = run(capsys, "codes", "strategy")
    assert status == 0
    text = " ".join(out.split())
    book = tc.load_codebook().set_index(["field", "code"])
    for code in ("excuse", "justification"):
        row = book.loc[("strategy", code)]
        posture = book.loc[("posture", row["posture"]), "label_en"]
        benoit = book.loc[("benoit", row["benoit"]), "label_en"]
        assert (f"{code} {row['label_en']} {row['definition_en']} SCCT posture: {posture}. "
                f"Benoit category: {benoit}.") in text
    status, out, _ = run(capsys, "codes", "cause_category", "--lang", "zh")
    assert "SCCT危机类型：受害型。" in "".join(out.split())


def test_codes_unknown_list(capsys):
    status, _, err = run(capsys, "codes", "strategies")
    assert status == 2
    assert err.startswith("trustcrises: error: Unknown code list 'strategies'. Did you mean "
                          "'strategy' or 'status'? Code lists: article_role, benoit, cause_category,"), err


def test_validate_clean_folder(capsys, collection):
    status, out, _ = run(capsys, "validate", str(collection))
    assert status == 0
    events = (collection / "cases" / "xiaomi-2026-kol.yaml").read_text(
        encoding="utf-8").count("\n  - seq: ")
    assert out.startswith(f"{collection}: valid (1 case, {events} events,")


def test_validate_reports_every_problem_with_file_and_line(capsys, collection):
    case = collection / "cases" / "xiaomi-2026-kol.yaml"
    text = case.read_text(encoding="utf-8")
    text = text.replace("region: CN", "region: cn").replace("strategy: apology",
                                                            "strategy: apolgy", 1)
    case.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "validate", str(collection))
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"trustcrises: error: 2 problems in the case files in '{collection}':"
    numbered = text.splitlines()
    region = numbered.index("region: cn") + 1
    wrong = next(n for n, line in enumerate(numbered, 1) if line.endswith("strategy: apolgy"))
    event = sum(line.startswith("  - seq: ") for line in numbered[:wrong])
    assert lines[1] == (f"  cases/xiaomi-2026-kol.yaml:{region}: case 'xiaomi-2026-kol': "
                        "region: must be an ISO 3166-1 alpha-2 code in capitals, such as CN "
                        "or US (got 'cn')")
    assert lines[2] == (f"  cases/xiaomi-2026-kol.yaml:{wrong}: case 'xiaomi-2026-kol': "
                        f"events[{event}].strategy: is not a valid strategy code in the "
                        "codebook (got 'apolgy'). Did you mean 'apology'?")


def test_build_leaves_nothing_changed_on_error(capsys, collection, built):
    before = snapshot(built)
    case = collection / "cases" / "xiaomi-2026-kol.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("seq: 2\n", "seq: 3\n", 1),
                    encoding="utf-8")
    status, _, err = run(capsys, "build", "--source", str(collection), "--out", str(built))
    assert status == 1
    assert ("events[3].seq: duplicate case_id/seq 'xiaomi-2026-kol/3': already defined at "
            "cases/xiaomi-2026-kol.yaml:") in err
    assert snapshot(built) == before


def test_build_reports_what_it_wrote(capsys, collection, tmp_path):
    status, out, _ = run(capsys, "build", "--source", str(collection), "--out",
                         str(tmp_path / "o"))
    assert status == 0
    built_line = out.splitlines()[0]
    events = (collection / "cases" / "xiaomi-2026-kol.yaml").read_text(
        encoding="utf-8").count("\n  - seq: ")
    assert built_line.startswith(f"Built 1 case, {events} events, ") and \
        built_line.endswith(" codebook rows.")
    assert f"  written   {tmp_path / 'o' / 'cases.parquet'}" in out


def test_new_writes_a_template_that_validate_explains(capsys, tmp_path):
    folder = tmp_path / "mine"
    status, out, _ = run(capsys, "new", "acme-2024-recall", "--source", str(folder))
    assert status == 0
    assert (folder / "cases" / "acme-2024-recall.yaml").is_file()
    assert (folder / "package.yaml").is_file() and (folder / "sources.yaml").is_file()
    status, _, err = run(capsys, "validate", str(folder))
    assert status == 1
    template = (folder / "cases" / "acme-2024-recall.yaml").read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(template.splitlines(), 1)
                if text.startswith("company_en: "))
    assert (f"cases/acme-2024-recall.yaml:{line}: case 'acme-2024-recall': company_en: is "
            "empty; fill it in") in err
    assert "article_role" not in template and "decision_reversed" not in template
    status, _, err = run(capsys, "new", "acme-2024-recall", "--source", str(folder))
    assert status == 2
    assert "already exists; edit it, or choose another case id" in err


def test_new_refuses_a_bad_case_id(capsys, tmp_path):
    status, _, err = run(capsys, "new", "Acme 2024", "--source", str(tmp_path))
    assert status == 2
    assert err == ("trustcrises: error: Case id 'Acme 2024' must be a lowercase slug such "
                   "as 'acme-2024-recall' (a-z, 0-9, single hyphens)\n")


def test_help_does_not_import_pandas():
    code = ("import sys\nfrom trustcrises.cli._main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('pandas', 'pyarrow', 'pandera', 'great_tables') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_list_does_not_import_pandas():
    code = ("import sys\nfrom trustcrises.cli._main import main\nmain(['list'])\n"
            "print([m for m in ('pandas', 'pandera', 'great_tables') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "trustcrises", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("trustcrises ")


def test_new_refuses_a_bundled_case_id(capsys, tmp_path):
    status, out, err = run(capsys, "new", "xiaomi-2026-kol", "--source", str(tmp_path / "m"))
    assert (status, out) == (2, "")
    assert err == ("trustcrises: error: Case id 'xiaomi-2026-kol' is already a bundled case, "
                   "and a collection that extends the bundled data cannot define it again; "
                   "choose another id, such as 'xiaomi-2026-kol-mine'\n")
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("lang, undated", [("en", "n.d."), ("zh", "无日期")])
def test_an_undated_source_is_said_so_once(capsys, lang, undated):
    """A source without a date prints "n.d." (无日期), never "n.d..", in either language."""
    sources = tc.load_sources()
    source_id = sources.loc[sources["published"].isna(), "source_id"].iloc[0]
    events = tc.load_events()
    case_id = events.loc[events["source_id"] == source_id, "case_id"].iloc[0]
    status, out, _ = run(capsys, "show", case_id, "--lang", lang)
    heading = {"en": "\nSources:\n", "zh": "\n来源：\n"}[lang]
    listed = " ".join(out.split(heading, 1)[1].split())
    assert status == 0
    entry = listed.split(f"[{source_id}]", 1)[1].split(" [", 1)[0]
    closed = undated if undated.endswith(".") else f"{undated}."
    assert f", {closed}" in entry, entry
    assert "n.d.." not in out


def test_new_example_writes_the_worked_example_beside_the_cases(tmp_path, capsys):
    from trustcrises._paths import example_case

    folder = tmp_path / "mine"
    assert main(["new", "--example", "acme-2025-recall", "--source", str(folder)]) == 0
    example = folder / "examples" / "xiaomi-2026-kol.yaml"
    assert example.read_bytes() == example_case().read_bytes()
    assert "xiaomi-2026-kol" not in {p.stem for p in (folder / "cases").iterdir()}
    assert "trustcrises new --example --source" in (
        folder / "cases" / "acme-2025-recall.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "--example", "--source", str(folder)]) == 2
    assert "already exists; the example is there to read" in capsys.readouterr().err
    assert main(["new", "--source", str(folder)]) == 2
    assert capsys.readouterr().err.startswith("trustcrises: error: Give the new case's id")
