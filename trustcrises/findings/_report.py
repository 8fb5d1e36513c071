"""The findings report: the tables and figures of the corpus, assembled into one page.

``report`` computes every number from the data it is given (the bundled data, a folder built
with ``trustcrises build``, or a user's own frames) and writes a self-contained HTML page, or a
PDF printed from it by headless Chromium. Figures are inline SVG, so the page needs no other
file; without matplotlib the page is written without them and says so.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import _labels as L
from .._errors import OutputError, RenderError
from ._prose import prose

if TYPE_CHECKING:
    import pandas as pd

#: The case the source article calls the first of its kind.
SEED_CASE = "xiaomi-2026-kol"
#: Reversals before this year came before the web reached the public.
INTERNET_YEAR = 1995
Format = Literal["html", "pdf"]


def report(
    path: str | Path | None = None,
    *,
    lang: L.Lang = "en",
    force: bool = False,
    figures: bool = True,
    cases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    codebook: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> str:
    """The findings report as HTML; with ``path``, also written there (``.html`` or ``.pdf``).

    The report answers four questions from the data: how fast companies respond (by SCCT
    cluster, region and decade); which strategies they used and how often the strongest
    matched SCCT's recommendation; how often user pressure reversed a company decision, and
    since when; and what the collection says about findings of the research literature
    (stealing thunder, speed, apologies, sudden and smouldering crises), each with the number
    of cases it rests on.

    Parameters
    ----------
    path
        Where to write it: ``.html``, or ``.pdf`` (printed by headless Chromium). None: only
        return the HTML.
    lang
        ``"en"`` or ``"zh"``.
    force
        Overwrite ``path`` if it exists.
    figures
        Draw the figures (they need matplotlib, the ``plot`` extra; without it the report says
        they are left out).
    cases, events, codebook, data_dir
        As for ``tc.compare``: your own frames, or a folder built with ``trustcrises build``.

    Returns
    -------
    str
        The report's HTML.
    """
    lang = L.check_lang(lang)  # type: ignore[assignment]
    target, fmt = _target(path, force)
    page = _Page(lang, dict(cases=cases, events=events, codebook=codebook, data_dir=data_dir),
                 figures)
    text = page.render()
    if target is not None:
        _write(text, target, fmt)
    return text


def report_sections(data: Any, lang: str, meta: dict, *, figures: bool = True
                    ) -> tuple[str, str]:
    """The report's header and sections as HTML, and its tables' CSS for the page's head, on
    frames already read (``data``: the ``Inputs`` of a built folder or the bundled data), for
    a page that has its own frame."""
    own = dict(cases=None, events=None, codebook=None, data_dir=data.data_dir)
    page = _Page(lang, own, figures, data=data)
    body = "\n".join(page.sections(meta))
    return body, "\n".join(page.styles)




def _target(path: str | Path | None, force: bool) -> tuple[Path | None, str]:
    if path is None:
        return None, "html"
    target = Path(path)
    fmt = {".html": "html", ".htm": "html", ".pdf": "pdf"}.get(target.suffix.lower())
    if fmt is None:
        raise OutputError(f"Cannot write the report as {target.name!r}: use the extension "
                          f".html or .pdf.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {str(target)!r}: the folder {str(folder)!r} does not "
                          "exist.")
    if target.exists() and not force:
        raise OutputError(f"{str(target)!r} already exists. Pass --force (force=True) to "
                          "overwrite it.")
    return target, fmt


def _write(text: str, target: Path, fmt: str) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".trustcrises-", dir=folder))
    except OSError as exc:
        raise OutputError(f"Cannot write into {str(folder)!r}: {exc.strerror or exc}.") from None
    try:
        page = tmp / "report.html"
        page.write_text(text, encoding="utf-8")
        result = page
        if fmt == "pdf":
            result = tmp / "report.pdf"
            _print_pdf(page, result)
        os.replace(result, target)
    except OSError as exc:
        raise OutputError(f"Cannot write {str(target)!r}: {exc.strerror or exc}.") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _print_pdf(page: Path, pdf: Path) -> None:
    """Print ``page`` to ``pdf`` with headless Chromium, on A4 (the page's own @page size),
    with TrueType copies of its CFF fonts so that no font is embedded as Type 3."""
    from ..export._chromium import INSTALL, find_browser
    from ..export._devtools import Browser, DevToolsError
    from ..export._fonts import font_faces

    text = page.read_text(encoding="utf-8")
    faces = font_faces(text)
    if faces:
        page.write_text(text.replace("</head>", f"<style>{faces}</style>\n</head>", 1),
                        encoding="utf-8")
    browser = find_browser()
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    try:
        with Browser(browser, no_sandbox=as_root) as chromium:
            tab = chromium.tab(1240, 1754)
            tab.open(page.resolve().as_uri())
            data = tab.pdf(preferCSSPageSize=True, printBackground=True)
    except DevToolsError as exc:
        raise RenderError(f"Chromium ({browser}) could not print the report: {exc}. Check that "
                          f"`{browser} --headless --no-sandbox --dump-dom about:blank` runs, or "
                          f"install Chromium (Debian/Ubuntu: {INSTALL}).") from None
    except OSError as exc:
        raise RenderError(f"Chromium ({browser}) could not start: {exc}. Install Chromium "
                          f"(Debian/Ubuntu: {INSTALL}) or set CHROME_PATH.") from None
    pdf.write_bytes(data)


def _percent(part: int, whole: int) -> str:
    return f"{part / whole * 100:.0f}%" if whole else L.MISSING


def _days(lang: str, low: float, high: float) -> str:
    def number(v: float) -> str:
        return f"{v:g}"

    if low == high:
        return prose(lang, "day" if low == 1 else "days", n=number(low))
    return prose(lang, "range", low=number(low), high=number(high))


class _Page:
    """One report: the data read once, then each section."""

    def __init__(self, lang: str, own: dict[str, Any], figures: bool,
                 data: Any = None) -> None:
        from ..analysis import _units as U
        from ..analysis._timing import times_of
        from ..tables._inputs import Inputs

        self.lang, self.own, self.figures = lang, own, figures
        # read (and, for a user's frames, validate) once; every section works on these
        self.data = data if data is not None else Inputs(
            own["data_dir"], cases=own["cases"], events=own["events"], codebook=own["codebook"])
        self.cases = U.case_rows(self.data)
        self.responses = U.response_rows(self.data, self.cases)
        self.times = times_of(self.data, lang=lang)
        self.missing_figures = False
        self.styles: list[str] = []

    # -- pieces --------------------------------------------------------------------------

    def p(self, key: str, **values: object) -> str:
        return f"<p>{html.escape(prose(self.lang, key, **values))}</p>"

    def table(self, gt: Any) -> str:
        """A great-tables table, with its title as a caption for assistive technology (the
        table shows the title in its own heading)."""
        import re

        raw = gt.as_raw_html()
        # the table's own style goes in the page's head: a <style> in the body is not HTML
        self.styles += re.findall(r"<style>(.*?)</style>", raw, flags=re.S)
        raw = re.sub(r"<style>.*?</style>", "", raw, flags=re.S)
        title = gt._heading.title or ""
        raw = re.sub(r"(<table\b[^>]*>)", lambda m: m.group(1) + '<caption class="visually-'
                     f'hidden">{html.escape(str(title))}</caption>', raw, count=1)
        return f'<div class="table">{raw}</div>'

    def figure(self, draw: Any, alt: str) -> str:
        if not self.figures:
            return ""
        from .._errors import RenderError as _Render

        try:
            from ..figures._mpl import matplotlib

            matplotlib()
        except _Render:
            self.missing_figures = True
            return ""
        from ..figures._figures import prefixed_ids, svg_text

        self.figures_drawn = getattr(self, "figures_drawn", 0) + 1
        svg = prefixed_ids(svg_text(draw(), tight=True), f"figure{self.figures_drawn}")
        label = html.escape(alt, quote=True)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        return f'<figure class="figure">{svg}</figure>'

    # -- sections ------------------------------------------------------------------------

    def sections(self, meta: dict) -> list[str]:
        """The report's header and sections, without a page around them."""
        body = [self.header(meta), self.sample(), self.speed(), self.strategies(),
                self.pressure(), self.research()]
        if self.missing_figures:
            body.insert(1, f'<p class="note">'
                        f'{html.escape(prose(self.lang, "figures.missing"))}</p>')
        return body

    def render(self) -> str:
        from ..data._load import descriptor

        meta = descriptor(self.own["data_dir"])
        lang = self.lang
        body = self.sections(meta)
        body.append(self.footer(meta))
        title = html.escape(prose(lang, "title"))
        fonts = ", ".join(f'"{f}"' if " " in f else f for f in L.FONTS[lang])
        return (f'<!DOCTYPE html>\n<html lang="{L.HTML_LANG[lang]}">\n<head>\n'
                f'<meta charset="utf-8">\n<meta name="viewport" '
                f'content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
                f"<style>{_CSS.replace('FONTS', fonts)}\n{chr(10).join(self.styles)}</style>\n"
                "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n")

    def header(self, meta: dict) -> str:
        lang = self.lang
        collection = prose(lang, "collection.user" if self.data.user else "collection.bundled")
        line = prose(lang, "meta", n=len(self.cases), responses=len(self.responses),
                     collection=collection, version=meta.get("version", "?"),
                     built=dt.date.today().isoformat())
        return (f"<div class=\"report-head\"><h1>{html.escape(prose(lang, 'title'))}</h1>"
                f'<p class="meta">{html.escape(line)}</p>'
                f'<p class="caveat">{html.escape(prose(lang, "caveat"))}</p></div>')

    def sample(self) -> str:
        from ..analysis._crosstab import table_of

        lang = self.lang
        return (f'<section id="sample"><h2>{html.escape(prose(lang, "sample.h"))}</h2>'
                + self.table(table_of(self.data, "decade", "scct_cluster", lang=lang))
                + self.table(table_of(self.data, "region", "selection", lang=lang))
                + "</section>")

    def speed(self) -> str:
        from ..analysis import _units as U
        from ..analysis._timing import summary_of

        lang, times = self.lang, self.times
        chosen = times[times["first_min"].notna()]
        low = [int(v) for v in chosen["first_min"]]
        high = [int(v) for v in chosen["first_max"]]
        within = sum(1 for v in high if v <= 1)
        parts = [f'<section id="speed"><h2>{html.escape(prose(lang, "speed.h"))}</h2>']
        if low:
            parts.append(self.p("speed.lead", responded=len(low),
                                median=_days(lang, statistics.median(low),
                                             statistics.median(high)),
                                within_day=within, share=_percent(within, len(low))))
        from ..figures import _figures as F

        parts.append(self.figure(lambda: F.times_figure(self.data, "scct_cluster", lang=lang),
                                 prose(lang, "speed.h")))
        for by in ("scct_cluster", "region", "decade"):
            summary = summary_of(self.data, by, lang=lang, times=times)
            heading = prose(lang, "speed.by", by=U.field_label(by, lang))
            parts.append(f"<h3>{html.escape(heading)}</h3>"
                         + _frame_table(summary, lang, heading))
        return "".join(parts) + "</section>"

    def strategies(self) -> str:
        from ..analysis._crosstab import table_of
        from ..analysis._scct import fit_of

        lang = self.lang
        fit = fit_of(self.data, lang=lang)
        judged = fit[fit["fit"] != "not_coded"]
        count = judged["fit"].value_counts()
        parts = [f'<section id="strategies"><h2>{html.escape(prose(lang, "strategies.h"))}</h2>',
                 self.p("strategies.lead", responses=len(self.responses),
                        cases=len({r["case_id"] for r in self.responses}),
                        matched=int(count.get("matched", 0)), judged=len(judged),
                        share=_percent(int(count.get("matched", 0)), len(judged)),
                        beyond=int(count.get("beyond", 0)), short=int(count.get("short", 0)),
                        undetermined=int(count.get("undetermined", 0)),
                        mixed=int(fit["mixed"].sum()))]
        from ..figures import _figures as F

        parts.append(self.figure(lambda: F.strategies_figure(self.data, lang=lang),
                                 prose(lang, "strategies.h")))
        parts.append(self.table(table_of(self.data, "scct_cluster", "posture",
                                         level="response", share="row", lang=lang)))
        parts.append(f"<h3>{html.escape(prose(lang, 'strategies.fit'))}</h3>"
                     + _fit_table(fit, lang, self.data, prose(lang, "strategies.fit")))
        return "".join(parts) + "</section>"

    def pressure(self) -> str:
        from ..tables._tables import PRESSED, compare

        lang = self.lang
        pressed = sorted((c for c in self.cases if c["decision_outcome"] in PRESSED),
                         key=lambda c: (c["start_date"], c["case_id"]))
        parts = [f'<section id="pressure"><h2>{html.escape(prose(lang, "pressure.h"))}</h2>']
        if not pressed:
            return "".join(parts) + self.p("none") + "</section>"
        outcomes = [c["decision_outcome"] for c in pressed]
        reversals = [c for c in pressed if c["decision_outcome"] in ("reversed",
                                                                     "partially_reversed")]
        earliest = reversals[0] if reversals else None
        lead = prose(lang, "pressure.lead", pressed=len(pressed),
                     reversed=outcomes.count("reversed"),
                     partly=outcomes.count("partially_reversed"),
                     upheld=outcomes.count("upheld"),
                     earliest=earliest[f"title_{lang}"] if earliest else prose(lang, "none"),
                     earliest_year=earliest["start_date"].year if earliest else L.MISSING)
        seed = next((c for c in self.cases if c["case_id"] == SEED_CASE), None)
        if seed is not None:
            before = [c for c in reversals if c["start_date"] < seed["start_date"]
                      and c["case_id"] != SEED_CASE]
            lead += prose(lang, "pressure.before", before=len(before),
                          case=seed[f"company_{lang}"], year=seed["start_date"].year,
                          before_internet=sum(1 for c in before
                                              if c["start_date"].year < INTERNET_YEAR))
        parts.append(f"<p>{html.escape(lead)}</p>")
        table = compare([c["case_id"] for c in pressed], lang=lang,  # type: ignore[arg-type]
                        fields=["company", "year", "cause_category", "pressure_source",
                                "days_to_decisive_response", "decision_outcome"], **self.own)
        parts.append(f"<h3>{html.escape(prose(lang, 'pressure.table'))}</h3>"
                     + self.table(table))
        return "".join(parts) + "</section>"

    def research(self) -> str:
        lang, cases = self.lang, self.cases
        parts = [f'<section id="research"><h2>{html.escape(prose(lang, "research.h"))}</h2>',
                 self.p("research.lead")]
        known = [c for c in cases if c["self_disclosed"] is not None]
        yes = sum(1 for c in known if c["self_disclosed"])
        parts.append(f"<h3>{html.escape(prose(lang, 'thunder.h'))}</h3>" + self.p(
            "thunder", yes=yes, known=len(known), share=_percent(yes, len(known)),
            unknown=len(cases) - len(known)))
        chosen = self.times[self.times["first_min"].notna()]
        n = len(chosen)
        day = int((chosen["first_max"] <= 1).sum())
        week = int((chosen["first_max"] <= 7).sum())
        slow = int((chosen["first_min"] > 30).sum())
        parts.append(f"<h3>{html.escape(prose(lang, 'speed2.h'))}</h3>" + self.p(
            "speed2", day=day, week=week, slow=slow, responded=n, share=_percent(day, n)))
        apologised = {r["case_id"] for r in self.responses if r["strategy"] == "apology"}
        preventable = [c for c in cases if c["scct_cluster"] == "preventable"]
        other = [c for c in cases if c["scct_cluster"] in ("victim", "accidental")]
        p_yes = sum(1 for c in preventable if c["case_id"] in apologised)
        o_yes = sum(1 for c in other if c["case_id"] in apologised)
        parts.append(f"<h3>{html.escape(prose(lang, 'apology.h'))}</h3>" + self.p(
            "apology", preventable=p_yes, preventable_n=len(preventable),
            share_p=_percent(p_yes, len(preventable)), other=o_yes, other_n=len(other),
            share_o=_percent(o_yes, len(other))))
        onset = [c for c in cases if c["onset"] is not None]
        smouldering = sum(1 for c in onset if c["onset"] == "smouldering")
        parts.append(f"<h3>{html.escape(prose(lang, 'onset.h'))}</h3>" + self.p(
            "onset", smouldering=smouldering, known=len(onset),
            share=_percent(smouldering, len(onset))))
        return "".join(parts) + "</section>"

    def footer(self, meta: dict) -> str:
        title = meta.get("title", "trustcrises")
        citation = f"{title}, data version {meta.get('version', '?')}"
        licences = ", ".join(x.get("name", "") for x in meta.get("licenses", [])) or L.MISSING
        return (f"<footer><p>{html.escape(prose(self.lang, 'footer', citation=citation, license=licences))}"
                f"</p><p>{html.escape(self.data.source_note(self.lang))}</p></footer>")


def _frame_table(frame: pd.DataFrame, lang: str, caption: str) -> str:
    """A summary frame as a plain, accessible HTML table."""
    heads = [frame.index.name or "", *[L.text(lang, f"summary.{c}") for c in frame.columns]]
    rows = []
    for label, values in frame.iterrows():
        cells = [f'<th scope="row">{html.escape(str(label))}</th>']
        for value in values:
            shown = L.MISSING if value is None or value != value else (
                f"{value:g}" if isinstance(value, float) else str(value))
            cells.append(f'<td class="num">{html.escape(shown)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in heads)
    return (f'<div class="table"><table class="plain"><caption class="visually-hidden">'
            f"{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _fit_table(fit: pd.DataFrame, lang: str, data: Any, caption: str) -> str:
    """Cases by cluster and fit, as a plain HTML table."""
    import pandas as pd

    book = data.codebook
    clusters = book[book["field"] == "scct_cluster"].sort_values("sort_order")
    order = ["matched", "beyond", "short", "undetermined", "no_response"]
    frame = pd.DataFrame(
        {L.text(lang, f"fit.{f}"): [int(((fit["scct_cluster"] == c) & (fit["fit"] == f)).sum())
                                    for c in clusters["code"]] for f in order},
        index=pd.Index(clusters[f"label_{lang}"].tolist(), name=L.TEXT[lang]["col.scct_cluster"]))
    heads = [frame.index.name, *frame.columns]
    rows = "".join("<tr>" + f'<th scope="row">{html.escape(str(i))}</th>' + "".join(
        f'<td class="num">{v}</td>' for v in r) + "</tr>" for i, r in frame.iterrows())
    head = "".join(f'<th scope="col">{html.escape(str(h))}</th>' for h in heads)
    return (f'<div class="table"><table class="plain"><caption class="visually-hidden">'
            f"{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


_CSS = """
:root { color: #1a1a1a; background: #fff; }
body { font-family: FONTS; margin: 0; line-height: 1.6; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; border-top: 2px solid #1a1a1a;
     padding-top: .6rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .4rem; }
p { max-width: 46rem; }
html[lang|="zh"] p { line-break: strict; text-align: justify; }
.meta { color: #444; font-size: .9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; }
.caveat, .note { background: #f6f3ea; border-left: 4px solid #b36b00; padding: .6rem .8rem; }
.figure { margin: 1rem 0; }
.figure svg { max-width: 100%; height: auto; }
.table { overflow-x: auto; margin: .8rem 0; }
table.plain { border-collapse: collapse; font-size: .85rem; }
table.plain th, table.plain td { padding: .3rem .6rem; border-bottom: 1px solid #d9d9d9;
                                 text-align: left; }
table.plain thead th { border-bottom: 1px solid #1a1a1a; vertical-align: bottom; }
table.plain td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.plain tbody th { white-space: nowrap; }
html[lang|=zh] table.plain thead th { word-break: keep-all; }
footer { margin-top: 2.5rem; border-top: 1px solid #999; font-size: .85rem; color: #444; }
@page { size: A4; margin: 16mm; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; }
               .figure { break-inside: avoid; } }
"""
