"""What a change to a page is to its readers, from the page's two versions, free of any site engine.

A change whose only difference to a page is its `last_reviewed` value is a
review (REVIEW), not a change of the text; one that changes nothing a reader
sees (only `keywords` or `search` in the front matter) is hidden (HIDDEN);
anything else is TEXT. `git_history` reads one `git log -p -U0` of the
modified files; `candidates` picks the few changes whose lines could all be
such front matter, and `kind_of_change` confirms each from the two versions.
"""

from __future__ import annotations

import os
import re

from handbook_engine.pages import front_matter

# What a change to a page is to its readers.
TEXT = "text"
REVIEW = "review"
HIDDEN = "hidden"
REVIEW_KEY = "last_reviewed"
# Front matter that no reader sees on the page: search keywords and boosts.
INVISIBLE_KEYS = frozenset({"keywords", "search"})
# A changed line that may be front matter of a review or a hidden change: a
# key line of those keys, or an indented line (a list item of keywords).
DIFF_START = re.compile(rb"^diff --git ", re.MULTILINE)
MAYBE_FRONT_MATTER = re.compile(rb"(?:(?:last_reviewed|keywords|search)[ \t]*:|[ \t]).*|", re.DOTALL)


def candidates(patches: bytes) -> dict[tuple[str, str], tuple[str, str]]:
    """The modifications that may be reviews or hidden changes, from `git log --format=%x00%H -p -U0 --full-index`:
    those whose changed lines could all be such front matter, by (commit, path), with the old and new blob."""
    found = {}
    for chunk in patches.split(b"\0")[1:]:
        commit, _, patch = chunk.partition(b"\n")
        for diff in DIFF_START.split(patch)[1:]:
            lines = diff.split(b"\n")
            blobs = next((line[len(b"index "):].split(b" ")[0] for line in lines if line.startswith(b"index ")), b"")
            path = next((line[len(b"+++ b/"):] for line in lines if line.startswith(b"+++ b/")), None)
            old, dots, new = blobs.partition(b"..")
            changed = [line[1:] for line in lines[1:] if line[:1] in (b"+", b"-") and not line.startswith((b"+++ ", b"--- "))]
            if path is None or not dots or not changed or not all(MAYBE_FRONT_MATTER.fullmatch(line) for line in changed):
                continue
            found[(commit.strip().decode("ascii"), os.fsdecode(path))] = (old.decode("ascii"), new.decode("ascii"))
    return found


def kind_of_change(old: str, new: str) -> str:
    """What a change from the text `old` to `new` of a page is to its readers."""
    before, after = front_matter.parse(old), front_matter.parse(new)
    if before.problems or after.problems or _body(old, before) != _body(new, after):
        return TEXT
    missing = object()
    changed = {key for key in before.data.keys() | after.data.keys() if before.data.get(key, missing) != after.data.get(key, missing)}
    if changed == {REVIEW_KEY}:
        return REVIEW
    return HIDDEN if changed <= INVISIBLE_KEYS else TEXT


def _body(text: str, matter: front_matter.FrontMatter) -> list[str]:
    return text.splitlines()[matter.body_line - 1:]
