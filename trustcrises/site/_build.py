"""``trustcrises site -o DIR``: the whole site, in both languages, written at once or not at all.

The site is the pages of ``PAGES`` in each language (``DIR/en/…``, ``DIR/zh/…``), a bilingual
page at ``DIR/index.html``, and one style sheet and one script in ``DIR/assets/``. Every link is
relative and every page a ``.html`` file, so the folder works from ``file://`` and from any
static host; nothing is loaded from elsewhere.

Adding a page is one function returning its title and the HTML of its ``<main>``, and one entry
in ``PAGES``. The pages are made in memory, written into a temporary folder beside ``DIR`` and
moved into place, so a failed build leaves ``DIR`` as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import _labels as L
from .._errors import OutputError
from ._case import case_page
from ._data import SiteData
from ._html import Markup
from ._index import index_page
from ._layout import CSS, JS, Page, document
from ._pages import (
    about_page,
    codebook_page,
    commentary_page,
    findings_page,
    has_commentary,
    root_page,
    sources_page,
)
from ._words import word

ASSETS = Path(__file__).resolve().parent / "assets"
GENERATOR = '<meta name="generator" content="trustcrises'


@dataclass(frozen=True)
class PageSpec:
    """One page of the site in each language, or one per key (a page per case).

    ``render(page)`` (``render(page, key)`` with ``keys``) returns the page's title and the HTML
    of its ``<main>`` (and, as a third item, CSS of its own for the head); ``nav`` names its entry in the navigation (a word key, or a function of
    the data giving one); ``when`` leaves the page out for data that has nothing to show on it.
    """

    path: str
    render: Callable[..., tuple[str, Markup]]
    nav: str | Callable[[SiteData], str] | None = None
    keys: Callable[[SiteData], list[str]] | None = None
    when: Callable[[SiteData], bool] | None = None


def _case_ids(site: SiteData) -> list[str]:
    return [c["case_id"] for c in site.cases]


def _commentary_nav(site: SiteData) -> str:
    return "nav.commentary.seed" if site.seed_sources else "nav.commentary"


#: Every page of the site, in the order of the navigation.
PAGES: list[PageSpec] = [
    PageSpec("index.html", index_page, nav="nav.index"),
    PageSpec("cases/{key}.html", case_page, keys=_case_ids),
    PageSpec("findings.html", findings_page, nav="nav.findings"),
    PageSpec("sources.html", sources_page, nav="nav.sources"),
    PageSpec("codebook.html", codebook_page, nav="nav.codebook"),
    PageSpec("commentary.html", commentary_page, nav=_commentary_nav, when=has_commentary),
    PageSpec("about.html", about_page, nav="nav.about"),
]


#: Latin fonts common on each system, tried after the tables' own Latin fonts and before the
#: CJK fonts, so that English text never falls to a CJK font's full-width punctuation.
LATIN = ["Segoe UI", "Roboto", "Noto Sans", "Liberation Sans", "DejaVu Sans"]


def _stylesheet() -> str:
    """The style sheet, its font stacks taken from the tables' (one definition of each)."""
    def stack(fonts: list[str]) -> str:
        return ", ".join(f'"{f}"' if " " in f else f for f in fonts)

    cjk = [f for f in L.FONTS["zh"] if f != "sans-serif"]
    latin = [f for f in L.FONTS["en"] if f not in cjk and f != "sans-serif"]
    fonts = (f":root {{\n  --font-en: {stack([*latin, *LATIN, *cjk, 'sans-serif'])};\n"
             f"  --font-zh: {stack(L.FONTS['zh'])};\n}}\n")
    return fonts + (ASSETS / "site.css").read_text(encoding="utf-8")


def render_site(site: SiteData) -> dict[str, str]:
    """Every file of the site, by its path from the site's root."""
    pages = [spec for spec in PAGES if spec.when is None or spec.when(site)]
    files: dict[str, str] = {"index.html": root_page(site), CSS: _stylesheet(),
                             JS: (ASSETS / "site.js").read_text(encoding="utf-8")}
    for lang in L.LANGS:
        nav = []
        for spec in pages:
            if spec.nav is not None:
                key = spec.nav(site) if callable(spec.nav) else spec.nav
                nav.append((spec.path, word(lang, key)))
        for spec in pages:
            for key in spec.keys(site) if spec.keys else [None]:
                path = spec.path.format(key=key) if key is not None else spec.path
                page = Page(site, lang, path)
                made = spec.render(page, key) if key is not None else spec.render(page)
                title, main, style = (*made, "") if len(made) == 2 else made
                files[page.file] = document(page, title, main, nav, style=style)
    return files


@dataclass(frozen=True)
class SiteResult:
    """What was written: the site's folder and its number of pages."""

    folder: Path
    pages: int

    @property
    def index(self) -> Path:
        return self.folder / "index.html"


def _is_site(folder: Path) -> bool:
    try:
        with open(folder / "index.html", encoding="utf-8") as fh:
            return GENERATOR in fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False


def _check_output(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{str(out)!r} is a file, not a folder: give a folder for the site.")
    if out.is_dir() and any(out.iterdir()):
        if not _is_site(out):
            raise OutputError(f"{str(out)!r} is not empty and holds no site written by "
                              "trustcrises site: give a new or empty folder.")
        if not force:
            raise OutputError(f"{str(out)!r} already holds a site. Pass --force to replace "
                              "it.")


def build_site(out: str | Path, *, data_dir: str | Path | None = None, force: bool = False,
               site: SiteData | None = None) -> SiteResult:
    """Write the site of the bundled data (or of ``data_dir``, or of ``site``) into ``out``.

    ``out`` must be new or empty, or hold a site this function wrote (replaced only with
    ``force``). Nothing is written unless every page was made.
    """
    out = Path(out)
    _check_output(out, force)
    files = render_site(site if site is not None else SiteData(data_dir))
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-site-", dir=parent))
    except OSError as exc:
        raise OutputError(f"Cannot write the site into {str(parent)!r}: "
                          f"{exc.strerror or exc}.") from None
    old = None
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        staging.chmod(0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=parent))
            os.replace(out, old / "site")
        os.replace(staging, out)
    except OSError as exc:
        if old is not None and (old / "site").exists() and not out.exists():
            os.replace(old / "site", out)  # put the previous site back
        raise OutputError(f"Cannot write the site to {str(out)!r}: {exc.strerror or exc}; "
                          "the folder was left as it was.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return SiteResult(out, sum(1 for n in files if n.endswith(".html")))
