"""TrueType copies of a table's PostScript-outline fonts, so that its PDF has no Type 3 font.

Chromium's PDF embeds a TrueType font as a CID TrueType font, but draws the glyphs of an
OpenType font with PostScript (CFF) outlines as Type 3 fonts, which journals' PDF checks
reject. Debian's Noto Sans CJK, the first Chinese font of the tables, is such a font. So before
a table is printed, :func:`font_faces` looks up each family of the page's font stacks with
fontconfig; for a family installed with CFF outlines it makes a TrueType copy of just the
glyphs the page uses (fontTools: subset, then each cubic outline turned into quadratic ones)
and returns ``@font-face`` rules that serve the copy under the family's own name, regular and
bold. The table looks the same; its PDF embeds CID TrueType fonts only. Families that are not
installed, generic families and TrueType fonts are left as they are.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import shutil
import subprocess
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# CSS weight -> fontconfig weight of the faces a table uses: regular and bold.
_WEIGHTS = {400: 80, 700: 200}
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math",
            "emoji", "fangsong", "inherit", "initial", "unset", "revert", "ui-serif",
            "ui-sans-serif", "ui-monospace", "ui-rounded"}
_FAMILIES = re.compile(r"font-family\s*:\s*([^;}{<>]+)", re.I)


def families(html: str) -> list[str]:
    """The font families the page's CSS names, in order, without generic families."""
    found: list[str] = []
    for stack in _FAMILIES.findall(unescape(html)):
        for name in stack.replace("!important", "").split(","):
            name = name.strip().strip("'\"").strip()
            if name and name.lower() not in _GENERIC and name not in found:
                found.append(name)
    return found


def _installed(family: str, weight: int) -> tuple[str, int, str] | None:
    """The file, index in it and outline format of ``family`` at ``weight`` (fontconfig's
    weight), or None when that family is not installed (fontconfig offers a stand-in)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        result = subprocess.run(
            [fc_match, "--format", "%{family}\n%{file}\n%{index}\n%{fontformat}\n%{weight}",
             f"{family}:weight={weight}"], capture_output=True, text=True, timeout=30,
            check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = result.stdout.split("\n")
    if result.returncode != 0 or len(lines) < 5:
        return None
    names, file, index, outline, found_weight = lines[:5]
    if family.lower() not in {n.strip().lower() for n in names.split(",")}:
        return None
    if found_weight.strip().isdigit() and abs(int(found_weight) - weight) > 40:
        return None  # no face of this weight: the browser would fake it (and draw Type 3)
    return file, int(index or 0), outline


@functools.lru_cache(maxsize=8)
def truetype(file: str, index: int, text: str) -> bytes:
    """A TrueType font with the glyphs of ``text`` from the CFF font ``file`` (at ``index``
    of a collection): the subset first, then its cubic outlines made quadratic. The last few
    are kept, for a table saved more than once."""
    from fontTools.ttLib import TTFont

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return _quadratic(font, text)
    finally:
        font.close()


def _quadratic(font: TTFont, text: str) -> bytes:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    options = subset.Options()
    options.notdef_outline = True
    # Kerning only: the glyph substitutions (vertical forms, other locales' and ligature
    # glyphs) would double the glyphs to convert and barely change a table's Chinese and
    # Latin text.
    options.layout_features = ["kern"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(None)
        # A cubic curve becomes quadratic ones within 1 unit (of 1000 per em) of it;
        # TrueType outlines run the other way round.
        outlines[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    metrics = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        glyph.recalcBounds(glyf)
        metrics[name] = (metrics[name][0], getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for key in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                "maxComponentElements"):
        setattr(maxp, key, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names: text is read through the cmap
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\0\1\0\0"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_faces(html: str) -> str:
    """``@font-face`` rules serving TrueType copies of the page's CFF fonts (or "")."""
    text = "".join(sorted(set(unescape(re.sub(r"<[^>]*>", " ", html))) - {"\n", "\r"}))
    rules = []
    for family in families(html):
        for css_weight, weight in _WEIGHTS.items():
            found = _installed(family, weight)
            if found is None or found[2] != "CFF":
                continue
            data = base64.b64encode(truetype(found[0], found[1], text)).decode("ascii")
            name = family.replace("\\", "\\\\").replace("'", "\\'")
            rules.append(f"@font-face {{ font-family: '{name}'; font-weight: {css_weight}; "
                         f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}")
    return "\n".join(rules)
