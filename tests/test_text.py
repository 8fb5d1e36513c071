"""The shared text helpers: Chinese characters, display width, wrapping, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from trustcrises._text import HAN, iso_at, pad, parse_date, period_end, units, width, wrap


def test_han_covers_the_supplementary_planes_and_not_kana_or_punctuation():
    assert HAN.search("𠀀") and HAN.search("小米") and HAN.search("㐀")
    assert not HAN.search("かな。，ABC")


def test_width_counts_chinese_as_two_columns():
    assert width("小米 Xiaomi") == 11
    assert pad("公司", 6) == "公司  " and pad("Company", 4) == "Company"


@pytest.mark.parametrize("text, columns, expected", [
    ("小米集团宣布将于明日召开发布会。", 14, ["小米集团宣布将", "于明日召开发布", "会。"]),
    ("小米集团宣布将于明日召开发会。", 14, ["小米集团宣布将", "于明日召开发会。"]),
    ("一二三四五六“七八”九", 12, ["一二三四五六", "“七八”九"]),
    ("一二三四五“七八”九", 12, ["一二三四五", "“七八”九"]),
    ("The quick brown fox jumps", 10, ["The quick", "brown fox", "jumps"]),
    ("a supercalifragilistic word", 8, ["a", "supercalifragilistic", "word"]),
    ("", 10, [""]),
])
def test_wrap_breaks_by_width_and_keeps_punctuation_with_its_neighbour(text, columns,
                                                                       expected):
    assert wrap(text, columns) == expected


def test_no_wrapped_line_starts_with_closing_or_ends_with_opening_punctuation():
    text = "这是一个很长的句子，用来测试换行规则。“引号里的话”也要正确处理（括号同理）。" * 3
    for columns in range(6, 40):
        lines = wrap(text, columns)
        assert "".join(lines) == text
        assert not any(line[0] in "。，）”" for line in lines[1:]), (columns, lines)
        assert not any(line[-1] in "（“" for line in lines), (columns, lines)
        # closing punctuation hangs past the margin: at most two marks, such as "）。"
        assert all(width(line) <= columns + 4 for line in lines)


def test_ascii_punctuation_after_a_chinese_character_stays_on_its_line():
    text = 'a cartoon video, "钉钉本钉，在线求饶", on Weibo (小米): done.'
    for columns in range(4, 50):
        lines = wrap(text, columns)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(HAN.match(before[-1]) and line[0] in ',")'
                       for before, line in zip(lines, lines[1:])), (columns, lines)
    # a mark after a space is a word of its own, free to begin a line
    assert wrap('ab "cd"', 3) == ["ab", '"cd"']


def test_wrap_indents_every_line():
    assert wrap("one two three", 9, "  ") == ["  one two", "  three"]


def test_units_are_words_and_single_characters():
    assert units("小米 SU7 Ultra") == ["小", "米", "SU7", "Ultra"]


@pytest.mark.parametrize("text, date, precision", [
    ("2024-03-05", dt.date(2024, 3, 5), "day"), ("2024-03", dt.date(2024, 3, 1), "month"),
    ("2024", dt.date(2024, 1, 1), "year"), (2024, dt.date(2024, 1, 1), "year")])
def test_dates_keep_their_precision(text, date, precision):
    assert parse_date(text) == (date, precision, None)
    assert iso_at(date, precision) == str(text)


def test_period_end():
    assert period_end(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)
    assert period_end(dt.date(2023, 12, 1), "month") == dt.date(2023, 12, 31)
    assert period_end(dt.date(2023, 1, 1), "year") == dt.date(2023, 12, 31)
    assert period_end(dt.date(2023, 5, 6), "day") == dt.date(2023, 5, 6)


@pytest.mark.parametrize("text, shown", [("很简单", "“很简单”"), ("“很简单。”", "“很简单。”"),
                                         ("「引号」", "「引号」"), ('"said"', '"said"'),
                                         ("“half", "“‘half”"),
                                         ("“abc” said x", "“‘abc’ said x”"),
                                         ("他说“好”。", "“他说‘好’。”")])
def test_quotes_are_wrapped_only_when_they_carry_no_marks_of_their_own(text, shown):
    from trustcrises._text import quoted

    assert quoted(text) == shown
