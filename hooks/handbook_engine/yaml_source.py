"""YAML text read by PyYAML once, with the line of every key: the project's one YAML reader.

Front matter, mkdocs.yml and the label files are all read here. The parser's
own node positions give each key's line for `path:line:` messages, and a key
that appears twice in one mapping is reported with both lines (PyYAML itself
keeps the last one silently). Dates stay text: an impossible date like
2026-02-30 is then reported on its own field instead of failing the whole text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KeyPath = tuple  # ("extra", "review", "timezone"); a list item by its index


class TextLoader(_Base):
    """Safe YAML, fast where libyaml is present, with dates left as text."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping."""

    path: KeyPath
    first_line: int
    second_line: int

    @property
    def where(self) -> str:
        return f"given twice, on lines {self.first_line} and {self.second_line}"


@dataclass(frozen=True)
class Document:
    """The data of a YAML text and where each of its keys stands."""

    data: object = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()

    def line_of(self, path: KeyPath, default: int = 1) -> int:
        """The line of the key at `path`, else of its nearest parent that has one, else `default`."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return default


class SourceError(ValueError):
    """A problem in one of the project's YAML files, shown as `path:line: field: message`."""

    def __init__(self, path: object, line: int, field: str, message: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {message}")
        self.path = path
        self.line = line
        self.field = field
        self.message = message


class SettingError(ValueError):
    """A wrong value in mkdocs.yml: the dotted key (like 'extra.review.timezone') and what is wrong."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


class Errors(ValueError):
    """Every SettingError or SourceError found in one reading, at once: one a line, so that an editor fixes them
    all in one go."""

    def __init__(self, errors: Iterable[ValueError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class YamlError(ValueError):
    """Text that is not valid YAML: what is wrong and on which line."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def load(text: str, *, first_line: int = 1, loader: type = TextLoader) -> Document:
    """Read `text`, whose first line is line `first_line` of its file; raise YamlError."""
    with _parser(text, first_line, loader) as parser:
        root = parser.get_single_node()
        if root is None:
            return Document()
        lines, duplicates = _positions(root, first_line)
        return Document(parser.construct_document(root), lines, duplicates)


def compose(text: str, *, first_line: int = 1, loader: type = TextLoader) -> yaml.Node | None:
    """The node tree of `text`, with each node's position, for edits that keep every other byte; raise YamlError."""
    with _parser(text, first_line, loader) as parser:
        return parser.get_single_node()


@contextlib.contextmanager
def _parser(text: str, first_line: int, loader: type) -> Iterator[yaml.BaseLoader]:
    """A parser of `text` whose errors come out as YamlError naming the line of the file."""
    try:
        parser = loader(text)
    except UnicodeEncodeError as error:  # a lone surrogate, from text that was not decoded from bytes
        raise YamlError(f"not valid text ({error.reason})", first_line) from None
    try:
        yield parser
    except yaml.YAMLError as error:
        raise _error(error, text, first_line) from None
    except RecursionError:
        raise YamlError("nested too deeply", first_line) from None
    finally:
        parser.dispose()


def _error(error: yaml.YAMLError, text: str, first_line: int) -> YamlError:
    """PyYAML's error as what is wrong, on one line, and the line of the file it is on."""
    if isinstance(error, yaml.MarkedYAMLError):
        # An unclosed bracket is reported where YAML gave up; the context mark is where it opened.
        mark = error.context_mark or error.problem_mark
        return YamlError(_one_line(error.problem or error.context or "not valid YAML"), mark.line + first_line if mark else first_line)
    if isinstance(error, yaml.reader.ReaderError):
        character = ord(error.character) if isinstance(error.character, str) else error.character
        return YamlError(f"character #x{character:04x}: {error.reason}", text.count("\n", 0, error.position) + first_line)
    return YamlError(_one_line(str(error).splitlines()[0]), first_line)


def last_line(node: yaml.Node) -> int:
    """The (0-based) line a node's text ends on; a block collection's own end mark may lie past comments below it."""
    while isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and node.value and node.flow_style is not True:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node.end_mark.line


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _positions(root: yaml.Node, first_line: int) -> tuple[dict[KeyPath, int], tuple[Duplicate, ...]]:
    """The line of every mapping key and every list item below `root`, and the keys given twice."""
    lines: dict[KeyPath, int] = {}
    duplicates = []
    seen_nodes = set()  # an alias repeats a node; walk it once
    stack: list[tuple[KeyPath, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + first_line
                if path + (key.value,) in lines and key.value != "<<":
                    duplicates.append(Duplicate(path + (key.value,), lines[path + (key.value,)], line))
                    continue
                lines[path + (key.value,)] = line
                stack.append((path + (key.value,), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + first_line
                stack.append((path + (index,), item))
    return lines, tuple(sorted(duplicates, key=lambda duplicate: duplicate.second_line))


def value_span(text: str, key: str, *, first_line: int = 1, loader: type = TextLoader) -> tuple[int, int, str] | None:
    """Where the value of the top-level `key` stands in `text`: (start, end, quote or '').

    None when the key is missing; raise ValueError when its value is not a
    scalar on one line that can be replaced in place.
    """
    parser = loader(text)
    try:
        root = parser.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise ValueError(f"not valid YAML ({error.problem})") from None
    finally:
        parser.dispose()
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            if not isinstance(value, yaml.ScalarNode) or value.style not in (None, "", "'", '"') \
                    or value.start_mark.line != value.end_mark.line:
                raise ValueError(f"line {key_node.start_mark.line + first_line}: '{key}' is not a plain one-line value; change it by hand")
            return value.start_mark.index, value.end_mark.index, value.style or ""
    return None


def kind_of(value: object) -> str:
    """What a YAML value is, in an editor's words: 'a number', 'text', 'a list'."""
    for types, kind in KINDS:
        if isinstance(value, types):
            return kind
    return "a value of an unknown kind"


KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a yes/no value"),
    (dt.datetime, "a date and time"),
    ((int, float), "a number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a mapping of 'key: value' lines"),
    (type(None), "empty"),
)


def shown(value: object, limit: int = 60) -> str:
    """A value as the editor wrote it, shortened: 123, 'HR', true, [...]; bytes (a tool's output) as text."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, bytes):
        text = repr(value.decode("utf-8", "replace"))
    elif isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "null"
    else:
        text = _flow(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def key_name(path: KeyPath | object) -> str:
    """A key (or key path) as messages name it: 'owner', 'search.boost'; an odd key quoted, on one line."""
    parts = path if isinstance(path, tuple) else (path,)
    return ".".join(str(part) if PLAIN_KEY.fullmatch(str(part)) else shown(part) for part in parts)


PLAIN_KEY = re.compile(r"[\w-]+")


def described(value: object) -> str:
    """'123 is a number', "'HR' is text", 'the value is empty'."""
    if value is None or isinstance(value, str) and not value.strip():
        return "the value is empty"
    return f"{shown(value)} is {kind_of(value)}"


def _flow(value: object) -> str:
    """A list or mapping in YAML's flow style, on one line."""
    try:
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 16).removesuffix("...\n")
    except (yaml.YAMLError, RecursionError):
        text = repr(value)
    return _one_line(text)

