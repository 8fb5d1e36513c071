"""Text helpers shared by every output: Chinese characters, display width, wrapping, dates.

One definition each, so that the rule "must be written in Chinese", the language a table is
detected in, the terminal's columns and the LaTeX column widths agree.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: Han characters (CJK Unified Ideographs, Extension A, compatibility ideographs and the
#: supplementary planes' Extensions B and later): what makes a text Chinese.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_CLASS}]")
#: Punctuation that may not begin a line in Chinese typography (行首禁则).
NO_LINE_START = "。，、；：？！）」』】》〉’”…—·％‰〕｝］"
#: Punctuation that may not end a line.
NO_LINE_END = "（「『【《〈‘“〔｛［"
#: ASCII punctuation that may not begin a line where it follows a Chinese character directly
#: (English text quoting Chinese: ``"在线求饶",``).
NO_LINE_START_ASCII = ",.;:!?)]}\"'%"


def char_width(char: str) -> int:
    """Terminal columns (or half-ems) a character takes: two for wide and full-width ones."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Display width of ``text``: a Chinese character counts as two letters."""
    return sum(map(char_width, text))


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` display columns (``str.ljust`` by width)."""
    return text + " " * max(columns - width(text), 0)


_TOKEN = re.compile(r"\s+|[^\s\u1100-\uffff\U00020000-\U0003ffff]+|.", re.S)


def units(text: str) -> list[str]:
    """The pieces a line may break between: Latin words and single Chinese characters."""
    return [token for token in _TOKEN.findall(text) if not token.isspace()]


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``columns`` display columns, each starting with ``indent``.

    Breaks between Latin words and between Chinese characters; a line never begins with
    closing punctuation (。，」…) or ends with opening punctuation (「“（), which move with
    their neighbour, so a line may run one character over. A word longer than the line is
    kept whole.
    """
    room = max(columns - width(indent), 1)
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        fits = width(line.rstrip() + token) <= room if line.endswith(" ") or not line else \
            width(line + token) <= room
        if fits or not line:
            line += token
        elif token[0] in NO_LINE_START or \
                (token[0] in NO_LINE_START_ASCII and not line.endswith(" ")):
            line += token  # closing punctuation stays on the line it closes
        else:
            carry = ""
            while line and line[-1] in NO_LINE_END:  # opening punctuation goes down too
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = carry + token
    if line or not lines:
        lines.append(line.rstrip())
    return [indent + line for line in lines]


def parse_date(value: object) -> tuple[dt.date | None, str | None, str | None]:
    """``(date, precision, error)`` for 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'.

    A month or year is stored as its first day, with its precision beside it.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.date):
        return value, "day", None
    if not isinstance(value, str):
        return None, None, "must be a date written YYYY-MM-DD, YYYY-MM or YYYY"
    parts = value.strip().split("-")
    shapes = {1: (4,), 2: (4, 2), 3: (4, 2, 2)}
    if len(parts) not in shapes or tuple(len(p) for p in parts) != shapes[len(parts)] \
            or not all(p.isdigit() for p in parts):
        return None, None, "must be a date written YYYY-MM-DD, YYYY-MM or YYYY"
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        date = dt.date(*numbers)
    except ValueError as exc:
        return None, None, f"is not a real date ({exc})"
    return date, ("year", "month", "day")[len(parts) - 1], None


def period_end(date: dt.date, precision: str) -> dt.date:
    """The last day a date of this precision may stand for."""
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date


def iso_at(date: dt.date, precision: str | None) -> str:
    """The date written at its precision: '2024', '2024-03' or '2024-03-01'."""
    return date.isoformat()[: {"year": 4, "month": 7}.get(precision or "day", 10)]


def quoted(text: str) -> str:
    """Text in quotation marks, unless it already opens and closes with its own; double
    quotation marks inside become single ones (“‘Yes’ he said”), as nested quotes are
    written in English and in Chinese, so that no mark is doubled."""
    text = text.strip()
    if len(text) >= 2 and text[0] in "“「『\"'‘" and text[-1] in "”」』\"'’":
        return text
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"
