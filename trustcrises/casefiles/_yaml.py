"""Reading case files: plain YAML data only, with the line of every key.

The loader accepts what people write by hand (a byte-order mark, Windows line endings, keys in
any order) and refuses what no case file needs: tags that build objects, anchors and aliases
(which is also what makes an alias bomb harmless), duplicate keys, files that are not UTF-8 or
are larger than ``MAX_BYTES``. Dates stay text: the build parses them against their precision.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .._errors import SourceFileError

MAX_BYTES = 1_000_000

try:  # the C parser is much faster; the constructor and resolver stay in Python
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class Located(dict):
    """A mapping that remembers the line of each key (1-based) and of itself."""

    line: int = 0
    lines: dict[str, int]


class YamlError(Exception):
    """A YAML problem at a line (and column, where known)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1 scalars, minus dates and the yes/no/on/off booleans."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 10:30 as the base-60 number 630; a time of day stays text (HH:MM).
_NO_SEXAGESIMAL = {
    "tag:yaml.org,2002:int": re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+)$""", re.X),
    "tag:yaml.org,2002:float": re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""", re.X),
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
}
for _first, _resolvers in _Resolver.yaml_implicit_resolvers.items():
    _Resolver.yaml_implicit_resolvers[_first] = [
        (tag, _NO_SEXAGESIMAL.get(tag, rx)) for tag, rx in _resolvers]
del _first, _resolvers

_ALLOWED = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq",
                                               "map")}


class _Constructor(yaml.constructor.SafeConstructor):
    yaml_constructors = {
        tag: fn for tag, fn in yaml.constructor.SafeConstructor.yaml_constructors.items()
        if tag in _ALLOWED
    }

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlError("anchors and aliases (&name, *name) are not allowed in case files; "
                            "write the value out in full", node.start_mark.line + 1,
                            node.start_mark.column + 1)
        return super().construct_object(node, deep=deep)

    def construct_undefined(self, node):  # noqa: ANN001
        raise YamlError(f"YAML tag {node.tag!r} is not allowed: case files hold plain text, "
                        "numbers, lists and mappings; remove the tag",
                        node.start_mark.line + 1, node.start_mark.column + 1)

    def construct_located_map(self, node):  # noqa: ANN001
        data = Located()
        data.line = node.start_mark.line + 1
        data.lines = {}
        yield data
        if not isinstance(node, yaml.MappingNode):
            raise YamlError("expected a mapping", node.start_mark.line + 1)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlError(f"keys must be text, got {key!r}", line,
                                key_node.start_mark.column + 1)
            if key in data:
                raise YamlError(f"duplicate key {key!r} (first at line {data.lines[key]})",
                                line, key_node.start_mark.column + 1)
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = line


_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_located_map)
_Constructor.add_constructor(None, _Constructor.construct_undefined)


class _Loader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def parse(text: str) -> object:
    """Parse one YAML document of plain data; raise YamlError with the line on failure."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "mapping values are not allowed" in what:
            what += ("; text that contains \": \" must be put in quotes, such as "
                     "title_en: \"Tylenol: the cyanide murders\"")
        raise YamlError(f"YAML syntax error: {what}", mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlError("YAML nesting is too deep") from None
    finally:
        loader.dispose()


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a byte-order mark is fine), at most MAX_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceFileError(f"{path}: the file is {size:,} bytes, over the limit of "
                                  f"{MAX_BYTES:,}; split it or shorten its text")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceFileError(f"{path}:{line}: the file is not UTF-8 (byte {exc.start}: "
                              f"{raw[exc.start:exc.start + 1]!r}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
