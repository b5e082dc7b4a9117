"""The CODEOWNERS file: who must approve a change to which file, as GitHub and GitLab read it.

Each page's files, in every language, belong to the Git handles of the page's
owners (`extra.review.owners` in mkdocs.yml); the engine's files (the list in
pyproject.toml, `engine_files`) and everything else (mkdocs.yml, the check
data, the notes) to `extra.review.maintainer`. The last matching line wins on
both hosts, so the maintainer's catch-all comes first. A page whose owners
have no handle stays with the maintainer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.review_rules import ReviewSettings

FILE_NAME = "CODEOWNERS"
HEADER = """\
# Who must approve a change; GitHub and GitLab both read this file.
# Written by `python scripts/handbook.py codeowners` from mkdocs.yml
# (extra.review.owners and maintainer) and each page's owner. `check` fails
# when it is out of date: do not edit it by hand, run the command again.
"""
# Characters CODEOWNERS reads as syntax in a path.
SPECIAL = re.compile(r"([\s#\\])")


def expected(records: Iterable[PageRecord], settings: ReviewSettings, docs_prefix: str, engine: Sequence[str] = ()) -> str:
    """The file's text. `docs_prefix` is the docs folder relative to the repository root, like 'docs';
    `engine` the engine's files and folders (pyproject.toml's list)."""
    handles = {owner.name: owner.git for owner in settings.owners if owner.git}
    maintainer = settings.maintainer or ""
    lines = [HEADER, "# The organisation's settings and notes: mkdocs.yml, docs/checks/, README.md, CONTRIBUTING.md, ...",
             f"* {maintainer}".rstrip(), ""]
    if engine:
        lines += ["# The engine's files (pyproject.toml, [tool.handbook-engine] files): make update-engine replaces them.",
                  *(f"/{_escaped(entry)} {maintainer}".rstrip() for entry in engine), ""]
    lines.append("# Pages, in every language, by their owners.")
    for record in sorted(records, key=lambda record: record.path):
        owners = [handles[name] for name in record.review.owners if name in handles]
        if owners:
            lines.append(f"/{_escaped(f'{docs_prefix}/{record.path}')} {' '.join(dict.fromkeys(owners))}")
    return "\n".join(lines) + "\n"


def difference(path: Path, wanted: str) -> tuple[int, str] | None:
    """Where the file at `path` differs from `wanted`: (line, what is wrong); None when it is the same."""
    if not path.is_file():
        return 1, "missing"
    present = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    for number, (line, want) in enumerate(zip(present, wanted.splitlines()), start=1):
        if line != want:
            return number, f"out of date: expected {want!r}"
    if len(present) != len(wanted.splitlines()):
        number = min(len(present), len(wanted.splitlines())) + 1
        return number, "out of date: " + ("a line is missing here" if len(present) < len(wanted.splitlines()) else "this line is not expected")
    return None


def docs_prefix(docs_dir: Path, root: Path) -> str:
    return Path(os.path.relpath(docs_dir, root)).as_posix()


def _escaped(path: str) -> str:
    return SPECIAL.sub(r"\\\1", path)
