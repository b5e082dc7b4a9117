"""YAML front matter of a Markdown page: read it, and change one value in place.

The block between the `---` fences is read by the project's one YAML reader
(`yaml_source`), which also gives every key's line for `path:line:` messages
and reports a key given twice. A page that is not UTF-8 is read with the
unreadable bytes replaced, so its review data still counts, and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook_engine import yaml_source
from handbook_engine.pages.review_rules import Problem

FENCE = re.compile(r"---[ \t]*\r?\n?")
CLOSING_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?\n?")
FIELD = "front matter"
ENCODING = "encoding"
BOM = "\ufeff"


@dataclass
class FrontMatter:
    """The parsed block: its data, where each key stands, where the body starts, and what is wrong."""

    data: dict = field(default_factory=dict)
    key_lines: dict[object, int] = field(default_factory=dict)
    body_line: int = 1
    problems: tuple[Problem, ...] = ()

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the opening fence when the key is missing."""
        return self.key_lines.get(key, 1)


def parse(text: str) -> FrontMatter:
    """Parse the front matter at the top of a page's text."""
    lines = text.removeprefix(BOM).splitlines(keepends=True)
    if not lines or not FENCE.fullmatch(lines[0]):
        return FrontMatter(problems=(Problem(
            FIELD, "missing; expected the page to start with a '---' line, then title, description, owner and last_reviewed, then '---'", 1,
        ),))
    closing = next((index for index, line in enumerate(lines[1:], start=1) if CLOSING_FENCE.fullmatch(line)), None)
    if closing is None:
        return FrontMatter(problems=(Problem(FIELD, "the opening '---' has no closing '---' line", 1),))
    matter = FrontMatter(body_line=closing + 2)
    try:
        document = yaml_source.load("".join(lines[1:closing]), first_line=2)
    except yaml_source.YamlError as error:
        matter.problems = (Problem(FIELD, f"not valid YAML ({error.reason}); expected 'key: value' lines", error.line),)
        return matter
    if document.data is None:
        return matter
    if not isinstance(document.data, dict):
        matter.problems = (Problem(FIELD, f"{yaml_source.described(document.data)}; expected 'key: value' lines", 2),)
        return matter
    matter.data = document.data
    matter.key_lines = {path[0]: line for path, line in document.lines.items() if len(path) == 1}
    matter.problems = tuple(
        Problem(
            yaml_source.key_name(duplicate.path),
            f"{duplicate.where}; keep the one that is meant and delete the other",
            duplicate.second_line,
        )
        for duplicate in document.duplicates
    )
    return matter


def decode(raw: bytes) -> tuple[str, Problem | None]:
    """A page's bytes as text; unreadable bytes are replaced and reported with their line."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return raw.decode("utf-8", errors="replace"), Problem(
            ENCODING, f"byte 0x{byte:02x} is not UTF-8 text ({error.reason}); save the page as UTF-8", line,
        )


def read(path: Path) -> FrontMatter:
    """Read the front matter of the page at `path`."""
    text, problem = decode(path.read_bytes())
    matter = parse(text)
    if problem:
        matter.problems = (problem, *matter.problems)
    return matter


def set_value(text: str, key: str, value: str) -> str:
    """Return `text` with the top-level `key` set to `value`, every other character kept.

    The old value's quoting and any comment after it stay as they were; a key
    that is missing is added as the block's last line, with the file's line ending.
    """
    matter = parse(text)
    if matter.body_line == 1:
        raise ValueError(matter.problems[0].message)
    twice = [problem for problem in matter.problems if problem.field == key]
    if twice:
        raise ValueError(f"'{key}' is {twice[0].message}")
    head = len(BOM) if text.startswith(BOM) else 0
    lines = text[head:].splitlines(keepends=True)
    start = head + len(lines[0])
    block = "".join(lines[1:matter.body_line - 2])
    span = yaml_source.value_span(block, key, first_line=2)
    if span is None:
        ending = "\r\n" if lines[0].endswith("\r\n") else "\n"
        return text[: start + len(block)] + f"{key}: {value}{ending}" + text[start + len(block):]
    begin, end, quote = span
    space = ""
    if begin == end:
        # An empty value stands right after the colon: put a space between them,
        # in place of the spaces that end the line, if any.
        space = " " if block[begin - 1:begin] == ":" else ""
        rest = block[end:]
        blanks = len(rest) - len(rest.lstrip(" \t"))
        if rest[blanks:blanks + 1] in ("\r", "\n", ""):
            end += blanks
    return text[: start + begin] + f"{space}{quote}{value}{quote}" + text[start + end:]
