"""The table commands: trustcrises compare, timeline and matrix."""

from __future__ import annotations

import csv
import io
import re
import struct
import subprocess
import sys

import pytest
from test_cli import run
from test_export import pdf_text
from test_tables import EXAMPLE, build_example

from trustcrises.cli._main import main


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_example(tmp_path_factory.mktemp("cli")))


def test_compare_prints_markdown_by_default(capsys, data_dir):
    status, out, err = run(capsys, "compare", "--data-dir", data_dir)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "**Corporate trust crises compared**"
    assert lines[4].startswith("| Case: Company | Case: Year | Crisis: Cause | "
                               "Crisis: Trigger | Crisis: Pressure from |")
    assert any(line.startswith("| Xiaomi | 2026 |") for line in lines)


def test_compare_in_chinese_as_csv_with_chosen_fields(capsys, data_dir):
    status, out, _ = run(capsys, "compare", EXAMPLE, "--lang", "zh", "--format", "csv",
                         "--fields", "company,year", "--fields", "outcome", "--data-dir",
                         data_dir)
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["案例：公司", "案例：年份", "结局：结果"]
    assert rows[1][:2] == ["小米", "2026"]


def test_compare_html_to_stdout_is_a_page(capsys, data_dir):
    status, out, _ = run(capsys, "compare", "--format", "html", "--lang", "zh", "--data-dir",
                         data_dir)
    assert status == 0
    assert out.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')


@pytest.mark.parametrize("suffix, start", [(".md", "**"), (".csv", "Case: Company,"),
                                           (".html", "<!DOCTYPE html>"), (".tex", "% A table")])
def test_output_format_comes_from_the_extension(capsys, data_dir, tmp_path, suffix, start):
    target = tmp_path / f"table{suffix}"
    status, out, err = run(capsys, "compare", "-o", str(target), "--data-dir", data_dir)
    assert (status, out, err) == (0, f"wrote {target}\n", "")
    assert target.read_text(encoding="utf-8-sig").startswith(start)


def test_existing_file_needs_force(capsys, data_dir, tmp_path):
    target = tmp_path / "t.md"
    target.write_text("keep", encoding="utf-8")
    status, out, err = run(capsys, "compare", "-o", str(target), "--data-dir", data_dir)
    assert (status, out) == (2, "")
    assert err == f"trustcrises: error: {str(target)!r} already exists. Pass --force to " \
                  "overwrite it.\n"
    assert target.read_text(encoding="utf-8") == "keep"
    status, _, _ = run(capsys, "compare", "-o", str(target), "--force", "--data-dir", data_dir)
    assert status == 0 and target.read_text(encoding="utf-8").startswith("**")


def test_unknown_extension_is_a_usage_error(capsys, data_dir, tmp_path):
    status, out, err = run(capsys, "compare", "-o", str(tmp_path / "t.docx"), "--data-dir",
                           data_dir)
    assert (status, out) == (2, "")
    assert err == (f"trustcrises: error: Cannot tell the format from the file name "
                   f"{str(tmp_path / 't.docx')!r}: use one of the extensions .html, .htm, .pdf, "
                   ".png, .tex, .md, .markdown, .csv, or --format (html, pdf, png, latex, md, "
                   "csv).\n")
    assert not (tmp_path / "t.docx").exists()


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_pictures_need_a_file(capsys, data_dir, fmt):
    status, out, err = run(capsys, "compare", "--format", fmt, "--data-dir", data_dir)
    assert (status, out) == (2, "")
    assert err == f"trustcrises: error: --format {fmt} writes a file: give one with -o FILE.\n"


def test_unknown_case_is_a_usage_error(capsys, data_dir):
    status, out, err = run(capsys, "compare", "xiaomi-2026", "--data-dir", data_dir)
    assert (status, out) == (2, "")
    assert err == ("trustcrises: error: Unknown case 'xiaomi-2026'. Did you mean "
                   "'xiaomi-2026-kol'? Valid case ids: xiaomi-2026-kol. (trustcrises list "
                   "shows every case)\n")


def test_unknown_field_is_a_usage_error(capsys, data_dir):
    with pytest.raises(SystemExit) as info:
        main(["compare", "--fields", "company,outcom", "--data-dir", data_dir])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "trustcrises compare: error: argument --fields: Unknown field 'outcom'. Did you mean "
        "'outcome'? Valid fields: company, title, year, cause_category, trigger, "
        "pressure_source, "
        "responses, days_to_first_response, days_to_decisive_response, response_timing, "
        "outcome, decision_outcome.")


def test_unknown_language_is_a_usage_error(capsys, data_dir):
    with pytest.raises(SystemExit) as info:
        main(["compare", "--lang", "fr", "--data-dir", data_dir])
    assert info.value.code == 2
    assert "argument --lang: invalid choice: 'fr'" in capsys.readouterr().err


def test_timeline_and_matrix(capsys, data_dir):
    status, out, _ = run(capsys, "timeline", EXAMPLE, "--lang", "zh", "--data-dir", data_dir)
    assert status == 0
    assert ("| 事件：日期 | 事件：类型 | 事件：策略 | 事件：决定性 | 行为与内容：行为者 | "
            "行为与内容：经过 | 证据：来源 | 证据：引文 |") in out
    status, out, _ = run(capsys, "matrix", "--count", "--format", "csv", "--data-dir", data_dir)
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["Case", "Deny: Attack the accuser", "Deny: Denial"]
    assert rows[1][0] == "Xiaomi (2026)" and "2" in rows[1]


def test_table_command_help_does_not_import_pandas():
    code = ("import sys\nfrom trustcrises.cli._main import main\n"
            "try:\n    main(['compare', '--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('pandas', 'pyarrow', 'pandera', 'great_tables') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "trustcrises compare --lang zh -o table.html" in out
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.browser
def test_compare_to_pdf_and_png_from_the_command_line(capsys, browser, data_dir, tmp_path):
    for suffix in (".pdf", ".png"):
        target = tmp_path / f"table{suffix}"
        status, out, err = run(capsys, "compare", "--lang", "zh", "-o", str(target),
                               "--data-dir", data_dir)
        assert (status, out, err) == (0, f"wrote {target}\n", "")
    assert "企业信任危机比较" in pdf_text(tmp_path / "table.pdf")
    png = (tmp_path / "table.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 1500 and height > 300  # drawn at twice the table's size, for print


@pytest.mark.parametrize("args, message", [
    (["--page", "a4"], "--page is for pdf and latex output, not md."),
    (["--page", "letter", "--format", "png", "-o", "t.png"],
     "--page is for pdf and latex output, not png."),
    (["--page", "fit", "--format", "latex"],
     "--page fit is for pdf: a LaTeX document is on a4 or letter paper.")])
def test_a_page_for_a_format_without_pages_is_a_usage_error(capsys, data_dir, args, message):
    status, out, err = run(capsys, "compare", *args, "--data-dir", data_dir)
    assert (status, out, err) == (2, "", f"trustcrises: error: {message}\n")


def test_page_names_the_latex_documents_paper(capsys, data_dir):
    status, out, _ = run(capsys, "compare", "--format", "latex", "--page", "a4", "--data-dir",
                         data_dir)
    assert status == 0 and "\\documentclass[a4paper]{article}" in out


@pytest.mark.browser
def test_compare_to_a4_and_letter_pdf_from_the_command_line(capsys, browser, data_dir,
                                                            tmp_path):
    from test_export import pdf_info

    for page, name, size in (("a4", "A4", (842, 595)), ("letter", "letter", (792, 612))):
        target = tmp_path / f"{page}.pdf"
        status, out, err = run(capsys, "compare", "--page", page, "-o", str(target),
                               "--data-dir", data_dir)
        assert (status, out, err) == (0, f"wrote {target}\n", "")
        width, height, named = re.fullmatch(r"([\d.]+) x ([\d.]+) pts \((\w+)\)",
                                            pdf_info(target)["Page size"]).groups()
        assert named == name  # and landscape, for the table is wide
        assert (float(width), float(height)) == pytest.approx(size, abs=1)
