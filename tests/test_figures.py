"""The figures: what they draw is the data (checked against pandas), their files, their fonts.

matplotlib is optional: without it each figure says which extra to install, a test that runs
in every environment.
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from conftest import needs

import trustcrises as tc


def test_without_matplotlib_a_figure_names_the_extra(tmp_path):
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "import trustcrises as tc\n"
            "try:\n"
            "    tc.plot_strategies()\n"
            "except tc.RenderError as exc:\n"
            "    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == ("Figures need matplotlib, which is not installed: "
                           "pip install 'trustcrises[plot]'")


def test_importing_the_package_or_the_tables_loads_no_matplotlib(tmp_path):
    code = ("import sys, trustcrises as tc\n"
            "tc.crosstab('region'); tc.compare(fields=['company'])\n"
            "print('matplotlib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == "False"


mpl = pytest.importorskip("matplotlib", reason="matplotlib is not installed (the plot extra)")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_heat_map_counts_each_strategy_per_cluster():
    cases, events, book = tc.load_cases(), tc.load_events(), tc.load_codebook()
    responses = events[events["event_type"] == "response"].merge(cases[["case_id",
                                                                       "scct_cluster"]])
    expected = responses.groupby(["scct_cluster", "strategy"]).size()
    figure = tc.plot_strategies(lang="zh")
    axes = figure.axes[0]
    labels = dict(zip(zip(book["field"], book["code"]), book["label_zh"]))
    rows = [t.get_text() for t in axes.get_yticklabels()]
    columns = [t.get_text() for t in axes.get_xticklabels()]
    assert rows == [labels["scct_cluster", c] for c in ("victim", "accidental", "preventable")]
    cells = {(int(t.get_position()[1]), int(t.get_position()[0])): int(t.get_text())
             for t in axes.texts}
    for (cluster, strategy), n in expected.items():
        i, j = rows.index(labels["scct_cluster", cluster]), columns.index(
            labels["strategy", strategy])
        assert cells[i, j] == n, (cluster, strategy)
    assert sum(cells.values()) == int(expected.sum())


def test_response_times_draw_each_case_at_its_bounds():
    times = tc.response_times()
    figure = tc.plot_response_times("scct_cluster", which="first")
    axes = figure.axes[0]
    from matplotlib.collections import PathCollection

    dots = sorted(float(x) for c in axes.collections if isinstance(c, PathCollection)
                  for x, _ in c.get_offsets())
    from matplotlib.collections import LineCollection

    segments = sorted((float(seg[0][0]), float(seg[1][0])) for c in axes.collections
                      if isinstance(c, LineCollection) for seg in c.get_segments())
    chosen = times[times["first_min"].notna()]
    exact = chosen[chosen["first_min"] == chosen["first_max"]]
    ranged = chosen[chosen["first_min"] != chosen["first_max"]]
    assert dots == sorted(float(v) for v in exact["first_min"])
    assert segments == sorted((float(a), float(b)) for a, b in
                              zip(ranged["first_min"], ranged["first_max"]))
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels[0] == f"Victim cluster (n = {int((chosen['scct_cluster'] == 'victim').sum())})"


def test_timelines_mark_every_dated_event_and_ring_the_decisive_response():
    events = tc.load_events()
    ids = ["xiaomi-2026-kol", "starbucks-2018-philadelphia"]
    figure = tc.plot_timelines(ids)
    axes = figure.axes[0]
    from matplotlib.collections import PathCollection

    marks = [c for c in axes.collections if isinstance(c, PathCollection)]
    rings = [c for c in marks if c.get_sizes()[0] == 150]
    shown = events[events["case_id"].isin(ids) & (events["event_type"] != "background")]
    assert sum(len(c.get_offsets()) for c in marks if c not in rings) == len(shown)
    assert sum(len(c.get_offsets()) for c in rings) == int(shown["is_decisive"].sum())
    ring_rows = sorted(int(y) for c in rings for _, y in c.get_offsets())
    assert ring_rows == sorted(ids.index(c) for c in shown[shown["is_decisive"]]["case_id"])
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Xiaomi (2026)",
                                                             "Starbucks (2018)"]


def test_saving_writes_each_format_and_refuses_what_it_cannot(tmp_path):
    figure = tc.plot_strategies()
    for suffix in ("png", "svg", "pdf"):
        assert tc.save_figure(figure, tmp_path / f"f.{suffix}").stat().st_size > 1000
    png = (tmp_path / "f.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    phys = png.index(b"pHYs")
    per_metre = int.from_bytes(png[phys + 4:phys + 8], "big")
    assert round(per_metre * 0.0254) == 300
    assert "<text" not in (tmp_path / "f.svg").read_text()  # text drawn as outlines
    with pytest.raises(tc.OutputError, match=r"already exists\. Pass force=True"):
        tc.save_figure(figure, tmp_path / "f.png")
    with pytest.raises(tc.OutputError, match=r"^Cannot save a figure as 'f\.gif': use one of "
                                             r"the extensions \.png, \.svg, \.pdf\.$"):
        tc.save_figure(figure, tmp_path / "f.gif")


def test_pdf_embeds_its_fonts_and_gives_the_chinese_back(tmp_path):
    needs("pdffonts", "checking a PDF's fonts")
    figure = tc.plot_strategies(lang="zh")
    pdf = tc.save_figure(figure, tmp_path / "f.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line.split("Identity-H")[-1] or "yes" in line.split()[-5]
                         for line in fonts), fonts
    assert not any("Type 3" in line for line in fonts), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "各 SCCT 危机类型的回应策略" in text


def test_chinese_glyphs_are_drawn_whole(tmp_path):
    """The PNG (Agg) draws the glyphs as the PDF (poppler, from the embedded font) does."""
    needs("pdftoppm", "comparing a PNG with a rendering of the PDF")
    from test_export import glyph_differences, ink_box, pdf_to_grey, read_png

    from trustcrises.figures import _mpl

    with mpl.rc_context(_mpl.style("zh")):
        figure = mpl.pyplot.figure(figsize=(3, 1))
        figure.text(0.05, 0.3, "小米可乐", fontsize=30)
    figure._trustcrises_lang = "zh"
    png, pdf = tmp_path / "g.png", tmp_path / "g.pdf"
    tc.save_figure(figure, png)
    tc.save_figure(figure, pdf)
    _, _, drawn = read_png(png.read_bytes())
    _, _, reference = pdf_to_grey(pdf, 300)
    assert glyph_differences(drawn, reference) == []
    x0, y0, x1, y1 = ink_box(drawn)
    band = range(x0 + (x1 - x0) // 8 - 4, x0 + (x1 - x0) // 8 + 5)
    broken = [bytes(255 if x in band else v for x, v in enumerate(row)) for row in drawn]
    assert glyph_differences(broken, reference) != []


def test_a_chinese_figure_without_a_cjk_font_says_what_to_install(monkeypatch):
    from trustcrises.figures import _mpl

    monkeypatch.setattr(_mpl, "CJK_FONTS", ("No Such Font CJK",))
    with pytest.raises(tc.RenderError, match=r"^Chinese figures need a CJK font and none of "
                                             r"No Such Font CJK is installed: install a CJK "
                                             r"font: on Debian or Ubuntu `apt-get install "
                                             r"fonts-noto-cjk`"):
        tc.plot_strategies(lang="zh")
    assert isinstance(tc.plot_strategies(lang="en"), mpl.figure.Figure)


def test_figures_work_on_a_users_own_frames():
    cases, events = tc.load_cases(), tc.load_events()
    mine = cases[cases["selection"] == "seed_article"]
    figure = tc.plot_response_times("decade", cases=mine,
                                    events=events[events["case_id"].isin(mine["case_id"])])
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    decades = sorted({d.year // 10 * 10 for d in mine["start_date"]})
    assert [label.split(" (")[0] for label in labels] == [f"{d}s" for d in decades]
    assert "user-supplied data" in figure.texts[-1].get_text()
    assert pd.notna(figure)  # a Figure, not None
