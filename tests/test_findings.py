"""The findings report: every number it states is the data's, in either language, on any
collection; the page is self-contained; the PDF prints."""

from __future__ import annotations

import calendar
import html
import re
import statistics
import subprocess
import sys

import pandas as pd
import pytest
from conftest import EXAMPLE, needs

import trustcrises as tc


def text_of(page: str) -> str:
    """The page's visible text, tags and SVG drawings removed."""
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def english() -> str:
    return tc.report(figures=False)


def last_day(date, precision):
    if precision == "year":
        return date.replace(month=12, day=31)
    if precision == "month":
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


def first_response_bounds() -> list[tuple[int, int]]:
    events = tc.load_events()
    bounds = []
    for _, group in events.sort_values("seq").groupby("case_id"):
        trigger = group[group["event_type"] == "trigger"].iloc[0]
        responses = group[group["event_type"] == "response"]
        if responses.empty:
            continue
        first = responses.iloc[0]
        low = max(0, (first["date"] - last_day(trigger["date"],
                                                trigger["date_precision"])).days)
        high = max(0, (last_day(first["date"], first["date_precision"])
                       - trigger["date"]).days)
        bounds.append((low, high))
    return bounds


def test_speed_figures_are_computed_from_the_data(english):
    bounds = first_response_bounds()
    low = statistics.median(b[0] for b in bounds)
    high = statistics.median(b[1] for b in bounds)
    within = sum(1 for _, h in bounds if h <= 1)
    median = f"{low:g} day" if low == high == 1 else (
        f"{low:g} days" if low == high else f"{low:g} to {high:g} days")
    assert (f"Of {len(bounds)} cases with a dated first response, the median first response "
            f"came {median} after the trigger; {within} of them "
            f"({within / len(bounds) * 100:.0f}%) responded within a day for certain."
            ) in text_of(english)


def test_pressure_counts_and_the_earliest_reversal(english):
    cases = tc.load_cases().sort_values(["start_date", "case_id"])
    pressed = cases[cases["decision_outcome"].isin(["reversed", "partially_reversed",
                                                    "upheld"])]
    outcome = pressed["decision_outcome"].value_counts()
    reversals = pressed[pressed["decision_outcome"] != "upheld"]
    earliest = reversals.iloc[0]
    seed = cases.set_index("case_id").loc["xiaomi-2026-kol"]
    before = reversals[(reversals["start_date"] < seed["start_date"])]
    text = text_of(english)
    assert (f"{len(pressed)} cases record users or customers pressing a company's business "
            f"decision: it was reversed in {outcome['reversed']}, partly reversed in "
            f"{outcome['partially_reversed']} and upheld in {outcome['upheld']}. The earliest "
            f"reversal in the collection is {earliest['title_en']} "
            f"({earliest['start_date'].year}).") in text
    early = sum(1 for d in before["start_date"] if d.year < 1995)
    assert (f"{len(before)} of the reversals, in full or in part, came before "
            f"{seed['company_en']} (2026), the case the source article calls the first in "
            f"internet history; {early} of them before 1995.") in text


def test_scct_fit_and_the_research_findings_are_counted(english):
    fit = tc.scct_fit()
    judged = fit[fit["fit"] != "not_coded"]
    matched = int((judged["fit"] == "matched").sum())
    text = text_of(english)
    assert (f"{matched} of {len(judged)} cases ({matched / len(judged) * 100:.0f}%) used the "
            f"posture recommended") in text
    cases, events = tc.load_cases(), tc.load_events()
    known = cases["self_disclosed"].dropna()
    assert (f"the company broke the news itself in {int(known.sum())} of {len(known)} cases "
            f"where it is known") in text
    apologised = set(events[events["strategy"] == "apology"]["case_id"])
    preventable = cases[cases["scct_cluster"] == "preventable"]
    hits = int(preventable["case_id"].isin(apologised).sum())
    assert f"Here {hits} of {len(preventable)} preventable crises" in text
    onset = cases["onset"].dropna()
    assert f"{int((onset == 'smouldering').sum())} of {len(onset)} crises" in text


def test_chinese_report_reads_in_chinese():
    page = tc.report(lang="zh", figures=False)
    assert '<html lang="zh-Hans">' in page
    text = text_of(page)
    assert "数据集所揭示的：企业信任危机与企业的回应" in text
    assert "一、企业回应有多快？" in text and "三、用户施压多常使企业撤回决策？" in text
    assert "Of " not in text and "cases record" not in text


def test_the_page_is_self_contained(english):
    assert not re.search(r"<(script|link|img|iframe)\b", english)
    assert not re.search(r"""(src|href)=["']?https?:""", english)
    assert "@import" not in english and "url(" not in english


def test_a_users_collection_gets_its_own_numbers(built):
    page = tc.report(figures=False, data_dir=built)
    text = text_of(page)
    events = tc.load_events(data_dir=built)
    responses = int((events["event_type"] == "response").sum())
    assert f"Cases: 1. Response events: {responses}. Data: the trustcrises dataset" in text
    bundled = text_of(tc.report(figures=False))
    assert f"Cases: {len(tc.load_cases())}. " in bundled


def test_a_users_own_frames_are_reported_as_theirs():
    cases, events = tc.load_cases(), tc.load_events()
    mine = cases[cases["case_id"] == EXAMPLE]
    page = tc.report(figures=False, cases=mine, events=events[events["case_id"] == EXAMPLE])
    text = text_of(page)
    assert "a user-supplied collection coded with the trustcrises codebook" in text
    assert "Source: user-supplied data" in text


def test_without_matplotlib_the_report_says_its_figures_are_left_out(tmp_path):
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "import trustcrises as tc\n"
            "page = tc.report()\n"
            "print('class=\"figure\"' in page, 'they need matplotlib' in page)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout.split()
    assert out == ["False", "True"]


def test_with_matplotlib_the_figures_are_inline_svg():
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (the plot extra)")
    page = tc.report(lang="zh")
    assert page.count('<figure class="figure"><svg role="img"') == 2
    assert "they need matplotlib" not in page


def test_the_file_and_its_errors(tmp_path):
    target = tmp_path / "findings.html"
    page = tc.report(target, figures=False)
    assert target.read_text(encoding="utf-8") == page
    with pytest.raises(tc.OutputError, match=r"already exists\. Pass --force"):
        tc.report(target, figures=False)
    with pytest.raises(tc.OutputError, match=r"^Cannot write the report as 'r\.docx': use the "
                                             r"extension \.html or \.pdf\.$"):
        tc.report(tmp_path / "r.docx")
    assert list(tmp_path.iterdir()) == [target]  # nothing else was left behind


def test_the_command_writes_the_report(tmp_path):
    from trustcrises.cli._main import main

    assert main(["report", "--lang", "zh", "--no-figures", "-o",
                 str(tmp_path / "f.html")]) == 0
    assert "数据集所揭示的" in (tmp_path / "f.html").read_text(encoding="utf-8")
    assert main(["report", "-o", str(tmp_path / "f.html")]) == 2


@pytest.mark.browser
def test_pdf_prints_in_both_languages(tmp_path):
    needs("chromium", "printing the report")
    needs("pdftotext", "reading the PDF back")
    for lang, title in (("en", "What the corpus shows"), ("zh", "数据集所揭示的")):
        pdf = tmp_path / f"{lang}.pdf"
        tc.report(pdf, lang=lang, figures=False)
        assert pdf.read_bytes()[:5] == b"%PDF-"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert title in text
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and not [f for f in fonts if "Type 3" in f], fonts
        size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        assert "(A4)" in size


def test_row_labels_of_the_chinese_report_tables_stay_on_one_line(tmp_path):
    """In Chinese a label may break between any two characters: the tables' row labels
    (中国大陆, 1960年代) must not, however narrow the numbers leave their column."""
    needs("chromium", "printing the report")
    needs("pdftotext", "reading the PDF back")
    pdf = tmp_path / "zh.pdf"
    tc.report(pdf, lang="zh", figures=False)
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.splitlines()
    book = tc.load_codebook().set_index(["field", "code"])["label_zh"]
    cases = tc.load_cases()
    labels = {book[("region", r)] for r in cases["region"]} | \
        {f"{y // 10 * 10}年代" for y in pd.to_datetime(cases["start_date"]).dt.year}
    first = [line.split()[0] for line in lines if line.strip()]
    cut = [(token, label) for token in first for label in labels
           if token != label and len(token) >= 2 and label.startswith(token)]
    assert labels and not cut, cut  # e.g. 中国大 on one line, 陆 on the next
