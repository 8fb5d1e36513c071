"""matplotlib, set up for the figures: imported on first use, fonts for both languages, saving.

matplotlib is optional (``pip install 'trustcrises[plot]'``); without it every figure raises a
``RenderError`` that names the extra. Chinese text needs a CJK font: the first installed one of
``CJK_FONTS`` is used, or the error names the package to install.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import OutputError, RenderError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: CJK fonts, in order of preference: TrueType faces first, since a PDF embeds them as
#: TrueType, then the OpenType ones most systems have.
CJK_FONTS = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC",
             "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "Heiti SC")
LATIN_FONTS = ("DejaVu Sans",)
INSTALL_FONT = ("install a CJK font: on Debian or Ubuntu `apt-get install fonts-noto-cjk`, on "
                "Fedora `dnf install google-noto-sans-cjk-fonts`; macOS and Windows have one")
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DPI = 300


def matplotlib() -> Any:
    """The ``matplotlib`` module, or a RenderError naming the extra that installs it."""
    try:
        import matplotlib
    except ImportError:
        raise RenderError("Figures need matplotlib, which is not installed: "
                          "pip install 'trustcrises[plot]'") from None
    return matplotlib


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg backend (no window), or a RenderError naming the extra."""
    module = matplotlib()
    module.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def font_family(lang: str) -> list[str]:
    """The font families for ``lang``: for Chinese an installed CJK font, else a RenderError."""
    from matplotlib import font_manager

    cjk = _installed(font_manager)
    if not cjk:  # installed after matplotlib built its font list: add them by file
        for path in font_manager.findSystemFonts():
            if any(hint in Path(path).name.lower() for hint in _FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        cjk = _installed(font_manager)
    if lang == "zh" and not cjk:
        raise RenderError(f"Chinese figures need a CJK font and none of {', '.join(CJK_FONTS)} "
                          f"is installed: {INSTALL_FONT}.")
    return [*LATIN_FONTS, *cjk[:1]] if lang == "en" else [*cjk[:1], *LATIN_FONTS]


_FILE_HINTS = ("cjk", "wqy", "sourcehan", "notosanssc", "msyh", "simhei", "pingfang")


def _installed(font_manager: Any) -> list[str]:
    names = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in names]


def style(lang: str) -> dict[str, Any]:
    """rc settings for a figure in ``lang``: fonts, sizes, and fonts embedded when saved."""
    return {"font.family": "sans-serif", "font.sans-serif": font_family(lang),
            "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold",
            "axes.titlelocation": "left", "axes.spines.top": False,
            "axes.spines.right": False, "axes.unicode_minus": False,
            "pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path",
            "savefig.bbox": "tight", "savefig.dpi": DPI}


def save_figure(figure: Figure, path: str | Path, *, force: bool = False) -> Path:
    """Save ``figure`` as PNG (300 dpi), SVG or PDF, by the file's extension.

    Text is embedded: as TrueType fonts in PDF, as outlines in SVG, so the file looks the same
    on a machine without the fonts.

    Parameters
    ----------
    figure
        A figure from ``tc.plot_timelines``, ``tc.plot_response_times`` or
        ``tc.plot_strategies`` (or any matplotlib figure).
    path
        Where to write; ``.png``, ``.svg`` or ``.pdf``.
    force
        Overwrite the file if it exists.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise OutputError(f"Cannot save a figure as {target.name!r}: use one of the "
                          f"extensions {', '.join(FORMATS)}.")
    if target.exists() and not force:
        raise OutputError(f"{str(target)!r} already exists. Pass force=True to overwrite it.")
    if not target.parent.is_dir():
        raise OutputError(f"The folder {str(target.parent)!r} does not exist: create it first.")
    lang = getattr(figure, "_trustcrises_lang", "en")
    with matplotlib().rc_context(style(lang)):
        figure.savefig(target, format=fmt, dpi=DPI,
                       metadata={"Creator": "trustcrises"} if fmt != "png" else None)
    return target
