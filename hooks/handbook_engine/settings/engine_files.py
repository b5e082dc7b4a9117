"""Which files of the repository are the engine's: one list, `[tool.handbook-engine] files` in pyproject.toml.

`make update-engine` makes exactly these files equal to another engine version's, and CODEOWNERS gives
them to `extra.review.maintainer`. Every other file is the organisation's: mkdocs.yml, docs/ (the pages
and docs/checks/), CODEOWNERS, README.md, CONTRIBUTING.md. An entry ending in '/' is a folder with
everything under it, so a file an organisation adds there is the engine's too (and goes when the
engine does not have it): an organisation keeps its own files outside the engine's folders.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from handbook_engine.yaml_source import SourceError

FILE = "pyproject.toml"
FIELD = "tool.handbook-engine.files"
EXPECTED = 'expected the engine\'s files and folders (a folder ends in /), like files = ["hooks/", "Makefile"]'


def parse(text: str, shown: str | Path = FILE) -> tuple[str, ...]:
    """The list in pyproject.toml's text; raise SourceError naming the file when it is missing or malformed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SourceError(shown, 1, FIELD, f"not valid TOML ({error})") from None
    files = data.get("tool", {}).get("handbook-engine", {}).get("files")
    if files is None:
        raise SourceError(shown, 1, FIELD, f"missing; {EXPECTED}")
    if not isinstance(files, list) or not files or not all(_is_relative(entry) for entry in files):
        raise SourceError(shown, 1, FIELD, f"{files!r}: {EXPECTED}, each relative to the repository's root")
    return tuple(files)


def read(root: Path) -> tuple[str, ...]:
    """The list of the repository at `root`; () when it has no pyproject.toml (a handbook copied without its engine)."""
    path = root / FILE
    if not path.is_file():
        return ()
    return parse(path.read_bytes().decode("utf-8", "replace"), FILE)


def is_engine_file(path: str, entries: Iterable[str]) -> bool:
    """Whether `path` (relative to the root, '/'-separated) is one of `entries` or under one of its folders."""
    return any(path == entry or entry.endswith("/") and path.startswith(entry) for entry in entries)


def _is_relative(entry: object) -> bool:
    return (isinstance(entry, str) and entry.strip() == entry and entry not in ("", "/", "./")
            and not entry.startswith("/") and ".." not in entry.split("/"))
