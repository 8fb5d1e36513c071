"""Writing HTML with the standard library: escaping, elements and relative links.

Everything that comes from the data goes through ``esc`` (or ``el``, which escapes its text and
attributes); only ``Markup``, HTML this package wrote itself, passes through as it is.
"""

from __future__ import annotations

import html
import posixpath

__all__ = ["Markup", "el", "esc", "fill", "join", "relative"]


class Markup(str):
    """Text that is already HTML, written by this package (never text from the data)."""

    __slots__ = ()


def esc(value: object) -> Markup:
    """``value`` as HTML text: escaped, unless it already is ``Markup``."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def _attributes(attrs: dict[str, object]) -> str:
    out = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(out)


_VOID = frozenset({"meta", "link", "br", "input", "img", "hr"})


def el(tag: str, *content: object, **attrs: object) -> Markup:
    """The element ``tag`` holding ``content`` (escaped unless ``Markup``), with ``attrs``.

    An attribute name's trailing ``_`` is dropped (``class_``) and ``_`` becomes ``-``
    (``aria_label``, ``data_cluster``); None and False leave the attribute out, True writes it
    bare.

    >>> el("a", "R&D", href="x.html", class_="case")
    '<a href="x.html" class="case">R&amp;D</a>'
    """
    start = f"<{tag}{_attributes(attrs)}>"
    if tag in _VOID:
        return Markup(start)
    return Markup(start + "".join(esc(c) for c in content if c is not None) + f"</{tag}>")


def join(parts: object, sep: str = "") -> Markup:
    """``parts`` (escaped unless ``Markup``) joined by ``sep`` (HTML)."""
    return Markup(sep.join(esc(p) for p in parts))  # type: ignore[union-attr]


def fill(template: str, **values: object) -> Markup:
    """A template of text with ``{name}`` slots: the text escaped, each value escaped unless it
    is ``Markup`` (a link, a code)."""
    return Markup(esc(template).format(**{k: esc(v) for k, v in values.items()}))


def relative(here: str, target: str) -> str:
    """The link from the page at ``here`` to ``target`` (both paths from the site's root).

    >>> relative("en/cases/a.html", "en/index.html")
    '../index.html'
    >>> relative("en/index.html", "en/index.html#x")
    'index.html#x'
    """
    path, _, fragment = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(here) or ".")
    return link + (f"#{fragment}" if fragment else "")
