"""Reading case files: plain data only, with lines for every key."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from trustcrises import SourceFileError
from trustcrises.casefiles._yaml import MAX_BYTES, YamlError, parse, read_text


def test_keys_remember_their_lines():
    data = parse("a: 1\nb:\n  - c: x\n    d: y\n")
    assert data.lines == {"a": 1, "b": 2}
    assert data["b"][0].lines == {"c": 3, "d": 4}


def test_dates_stay_text_and_only_true_false_are_booleans():
    assert parse("d: 2026-01-05\nr: NO\nb: yes\nt: true\n") == {
        "d": "2026-01-05", "r": "NO", "b": "yes", "t": True}


@pytest.mark.parametrize("text, message, line", [
    ("a: !!python/object/apply:os.system [echo hi]\n",
     "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: case files "
     "hold plain text, numbers, lists and mappings; remove the tag", 1),
    ("a: !!binary aGk=\n", "YAML tag 'tag:yaml.org,2002:binary' is not allowed: case files "
     "hold plain text, numbers, lists and mappings; remove the tag", 1),
    ("a: &x [1]\nb: *x\n", "anchors and aliases (&name, *name) are not allowed in case "
     "files; write the value out in full", 1),
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first at line 1)", 3),
    ("a: [1, 2\nb: 3\n", "YAML syntax error: while parsing a flow sequence did not find "
     "expected ',' or ']'", 2),
])
def test_refused_yaml(text, message, line):
    with pytest.raises(YamlError) as info:
        parse(text)
    assert info.value.message == message
    assert info.value.line == line


def test_alias_bomb_is_refused_fast_in_bounded_memory():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlError, match="anchors and aliases"):
        parse("\n".join(lines))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000
    assert elapsed < 5  # a generous bound: expanding the bomb would take hours


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two  \r\n")
    assert parse(read_text(path)) == {"a": 1, "b": "two"}


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\nb: 小米\n".encode("gb18030"))
    with pytest.raises(SourceFileError) as info:
        read_text(path)
    assert str(info.value) == (f"{path}:2: the file is not UTF-8 (byte 10: b'\\xc3'); save it "
                               "as UTF-8")


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(SourceFileError) as info:
        read_text(path)
    assert str(info.value) == (f"{path}: the file is {MAX_BYTES + 4:,} bytes, over the limit "
                               f"of {MAX_BYTES:,}; split it or shorten its text")


def test_a_time_of_day_stays_text():
    """YAML 1.1 would read 10:30 as the base-60 number 630."""
    from trustcrises.casefiles._yaml import parse

    assert dict(parse("time: 10:30\nn: 12\nx: 1.5\nh: 0x1A\n")) == {
        "time": "10:30", "n": 12, "x": 1.5, "h": 26}
