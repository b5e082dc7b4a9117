"""What the page history holds: the commit built, the commits that changed pages, and each page's changes.

`git_history` reads them from Git; the hooks and `pending_version` read them
here, free of any site engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from handbook_engine.history.change_kinds import HIDDEN, TEXT

# The length of a commit's short hash, as readers see it.
SHORT = 7


@dataclass(frozen=True)
class Version:
    """A commit: the one the site is built from, or (as a Commit) one that changed a page."""

    commit: str
    time: dt.datetime  # in the handbook's time zone

    @property
    def short(self) -> str:
        return self.commit[:SHORT]

    @property
    def day(self) -> dt.date:
        return self.time.date()


@dataclass(frozen=True)
class Note:
    """A change note as a reader sees it: the text and the language it is written in."""

    text: str
    language: str


@dataclass(frozen=True)
class Commit(Version):
    """A commit that changed pages: its author, subject and trailers."""

    subject: str = ""
    author: str = ""
    trailers: tuple[tuple[str, str], ...] = ()  # (key in lower case, value), in the message's order
    left_out: bool = False
    order: int = 0  # the commit's place in the log, 0 for the newest: orders commits made in the same second

    def trailer(self, key: str) -> str | None:
        """The last value of the trailer `key` (any case), as Git would use it."""
        values = [value for name, value in self.trailers if name == key.casefold()]
        return values[-1] if values else None

    def note(self, language: str, default: str) -> Note:
        """The note in `language`: the subject in the default language, else the trailer named after
        the language; where the commit has none, the default language's note, marked as such."""
        if language != default and (own := self.trailer(language)):
            return Note(own, language)
        return Note(self.subject, default)


@dataclass(frozen=True)
class Change:
    """One commit's change to one page's file, and what it is to readers: TEXT, REVIEW or HIDDEN."""

    commit: Commit
    kind: str = TEXT

    @property
    def listed(self) -> bool:
        """Shown in the page's change list: text changes and reviews, unless the commit is left out."""
        return self.kind != HIDDEN and not self.commit.left_out


@dataclass(frozen=True)
class History:
    """The version built and each file's changes, newest first; or why there are none."""

    version: Version | None = None
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    missing: str | None = None

    def last_changed(self, path: str) -> dt.date | None:
        """The day the file's text last changed, left-out changes included, reviews and hidden changes not."""
        return next((change.commit.day for change in self.changes.get(path, ()) if change.kind == TEXT), None)

    def listed(self, path: str) -> tuple[Change, ...]:
        """The file's changes that its page lists: text changes and reviews."""
        return tuple(change for change in self.changes.get(path, ()) if change.listed)

    def text_changes(self, path: str) -> tuple[Change, ...]:
        """The file's changes of the text that readers are told of: What's new, the feeds, versions."""
        return tuple(change for change in self.changes.get(path, ()) if change.kind == TEXT and not change.commit.left_out)


def newest_first(commit: Commit) -> tuple:
    return (-commit.time.timestamp(), commit.order)
