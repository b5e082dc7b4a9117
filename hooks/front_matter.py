"""YAML front matter of a Markdown page: read it, and change one value in place.

Reading stops at the closing fence, so tools that look at thousands of pages
never read a page body. Dates stay strings here, so that an impossible date
like 2026-02-30 is reported on its own field instead of breaking the whole
block, and the line of every top-level key is kept for `path:line:` messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from review_rules import Problem

FENCE = re.compile(r"---[ \t]*\r?\n?")
CLOSING_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?\n?")
TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
MAX_LINES = 500
# Block scalars, flow collections, anchors, aliases and tags may run over several lines.
MULTI_LINE_STARTS = tuple("|>[{&*!")
FIELD = "front matter"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML, fast where libyaml is present, with dates left as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """The parsed block: its data, where each key stands, and where the body starts."""

    data: dict = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    problem: Problem | None = None

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the opening fence when the key is missing."""
        return self.key_lines.get(key, 1)


def parse(lines: list[str]) -> FrontMatter:
    """Parse the front matter at the top of `lines` (a page's first lines, endings kept)."""
    if not lines or not FENCE.fullmatch(lines[0].lstrip("\ufeff")):
        return FrontMatter(problem=Problem(
            FIELD, "missing; expected the page to start with a '---' line, then title, description, owner and last_reviewed, then '---'", 1,
        ))
    for index, line in enumerate(lines[1:], start=1):
        if CLOSING_FENCE.fullmatch(line):
            block = lines[1:index]
            break
    else:
        return FrontMatter(problem=Problem(FIELD, "the opening '---' has no closing '---' line", 1))

    matter = FrontMatter(body_line=index + 2)
    simple = _simple_mapping(block)
    if simple is not None:
        matter.data, matter.key_lines = simple
        return matter
    try:
        data = yaml.load("".join(block), Loader=_Loader)
    except yaml.YAMLError as error:
        # An unclosed bracket is reported where YAML gave up; the context mark is where it opened.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or str(error)
        matter.problem = Problem(FIELD, f"not valid YAML ({reason}); expected 'key: value' lines", line)
        return matter
    if data is None:
        data = {}
    if not isinstance(data, dict):
        matter.problem = Problem(FIELD, "is not a list of 'key: value' lines", 2)
        return matter
    matter.data = data
    for number, line in enumerate(block, start=2):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            matter.key_lines.setdefault(match.group(1), number)
    return matter


# One `key: value` line whose value YAML reads as a plain scalar, a quoted string
# without escapes, then an optional comment. Anything else goes to the YAML parser.
SIMPLE_LINE = re.compile(
    r"""(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]+"""
    r"""(?:"(?P<double>[^"\\]*)"|'(?P<single>(?:[^']|'')*)'|(?P<plain>[^\s'"#&*!|>%@`{}\[\],?:-](?:[^#:\r\n]*[^\s#:])?))"""
    r"""(?:[ \t]+\#[^\r\n]*)?[ \t]*\r?\n?"""
)
SKIPPED_LINE = re.compile(r"[ \t]*(?:\#[^\r\n]*)?\r?\n?")


def _simple_mapping(block: list[str]) -> tuple[dict, dict[str, int]] | None:
    """The block read without the YAML parser when every line is a simple `key: value`.

    Front matter is nearly always this simple, and the YAML parser costs most of
    the time of a `check` over thousands of pages. Values are resolved as YAML
    would: a plain value that YAML would read as anything but text or a plain
    decimal number sends the whole block to the parser.
    """
    data: dict = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(block, start=2):
        match = SIMPLE_LINE.fullmatch(line)
        if match is None:
            if SKIPPED_LINE.fullmatch(line):
                continue
            return None
        if match["double"] is not None:
            value = match["double"]
        elif match["single"] is not None:
            value = match["single"].replace("''", "'")
        else:
            value = _plain_scalar(match["plain"])
            if value is None:
                return None
        data[match["key"]] = value
        key_lines.setdefault(match["key"], number)
    return data, key_lines


def _plain_scalar(text: str) -> str | int | None:
    """Text or a decimal number, as YAML reads it; None when YAML would read something else."""
    for tag, pattern in _Loader.yaml_implicit_resolvers.get(text[0], []):
        if pattern.match(text):
            return int(text) if tag == "tag:yaml.org,2002:int" and DECIMAL.fullmatch(text) else None
    return text


DECIMAL = re.compile(r"[1-9][0-9]*|0")


def read(path: Path) -> FrontMatter:
    """Read only the front matter of the page at `path`."""
    lines: list[str] = []
    # Line by line in binary: a text file would decode a whole buffer of the body.
    with open(path, "rb") as page:
        for raw in page:
            try:
                line = raw.decode("utf-8-sig" if not lines else "utf-8")
            except UnicodeDecodeError as error:
                return FrontMatter(problem=Problem(FIELD, f"not UTF-8 text ({error.reason}); save the page as UTF-8", len(lines) + 1))
            lines.append(line)
            if len(lines) > 1 and CLOSING_FENCE.fullmatch(line):
                break
            if len(lines) == 1 and not FENCE.fullmatch(line) or len(lines) >= MAX_LINES:
                break
    return parse(lines)


def set_value(text: str, key: str, value: str) -> str:
    """Return `text` with the top-level `key` set to `value`, every other character kept.

    The old value's quoting and any comment after it stay as they were; a key
    that is missing is added as the block's last line, with the file's line ending.
    """
    lines = text.splitlines(keepends=True)
    matter = parse(lines)
    if matter.problem and matter.body_line == 1:
        raise ValueError(matter.problem.message)
    closing = matter.body_line - 2
    pattern = re.compile(
        rf"(?P<head>{re.escape(key)}[ \t]*:[ \t]*)(?P<quote>['\"]?)(?P<value>[^'\"#\r\n]*?)(?P=quote)(?P<tail>[ \t]*(?:#.*)?\r?\n?)"
    )
    for index in range(1, closing):
        key_match = TOP_LEVEL_KEY.match(lines[index])
        if not key_match or key_match.group(1) != key:
            continue
        match = pattern.fullmatch(lines[index])
        continued = index + 1 < closing and lines[index + 1][:1] in (" ", "\t")
        if not match or continued or match["value"][:1] in MULTI_LINE_STARTS:
            raise ValueError(f"line {index + 1}: '{key}' is not a plain one-line value; change it by hand")
        head = match["head"] if match["head"][-1] in " \t" else match["head"] + " "
        lines[index] = f"{head}{match['quote']}{value}{match['quote']}{match['tail']}"
        return "".join(lines)
    ending = "\r\n" if lines[0].endswith("\r\n") else "\n"
    lines.insert(closing, f"{key}: {value}{ending}")
    return "".join(lines)
