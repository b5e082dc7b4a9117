"""What the past changes to pages were, kept between builds in the Git folder, free of any site engine.

Telling a review or a keywords-only change from a change of the text needs Git
to read both versions of every changed page: at 5000 commits, most of the
history's cost. A commit's changes never change, so `git_history` keeps the
changes it found to be reviews or hidden in `handbook-change-kinds.json` in the
repository's Git folder, with the HEAD they were read at, and the next build
reads only the commits after that HEAD. A cache that is missing, unreadable, of
another docs folder or of another format is ignored, and one that cannot be
written is left out: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from handbook_engine.atomic_file import replace_atomically

FILE_NAME = "handbook-change-kinds.json"
FORMAT = 1


def load(path: Path, docs: str) -> tuple[str | None, dict[tuple[str, str], str]]:
    """The HEAD the cache was made at and its kinds by (commit, path); (None, {}) when there is no usable cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("docs") != docs or not isinstance(data.get("head"), str):
            return None, {}
        return data["head"], {(commit, page): kind for commit, page, kind in data["kinds"]}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None, {}


def save(path: Path, docs: str, head: str, kinds: Mapping[tuple[str, str], str]) -> None:
    """Write the cache in one rename; a Git folder that cannot be written is no error."""
    text = json.dumps({"format": FORMAT, "docs": docs, "head": head,
                       "kinds": sorted([commit, page, kind] for (commit, page), kind in kinds.items())})
    with contextlib.suppress(OSError):
        replace_atomically(path, text)
