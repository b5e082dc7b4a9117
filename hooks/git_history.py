"""When each page's text changed, from Git: one `git log` per build, free of any site engine.

One `git log --name-status` over the docs folder gives every commit that
changed a page there, with the files it changed. It is parsed here into a
list of changes per file (paths relative to the docs folder, as MkDocs names
pages), newest first. A rename continues the file's history under its new
name; a rename that leaves the text as it was is not a change of the text.
Merge commits list no files, so a page's changes are the commits that made
them. Dates are the commit dates, as calendar days in the handbook's time
zone.

A commit whose message contains LEAVE_OUT (`[skip history]`, typed in the
commit box of the Git server's web editor) still counts for when the text
last changed, but is left out of the lists readers see: the page's change
history, What's new and the feeds.

The history is read again only when HEAD moves: static-i18n builds once per
language and `mkdocs serve` rebuilds at every save, and all of them share it.
Without a Git work tree, or in a shallow clone (whose history stops at a
cut-off commit, so the dates would be wrong), there is no history and
`History.missing` says why.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

LEAVE_OUT = "[skip history]"
SHORT = 7
# The log's fields per commit: hash, commit time (Unix seconds), subject, body;
# then, with --name-status -z, a status and one or two paths per changed file.
LOG_FORMAT = "%H%x00%ct%x00%s%x00%b"
COMMIT = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
STATUS = re.compile(rb"\n?([ACDMRTUXB])([0-9]*)")
# Settings of a user's or the system's Git configuration that would change what `git log` prints.
GIT_OPTIONS = ("-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8")


class HistoryError(Exception):
    """Why there is no history: Git is missing, the folder is not in a work tree, the clone is shallow, ..."""


@dataclass(frozen=True)
class Version:
    """A commit: the one the site is built from, or (as a Change) one that changed a page."""

    commit: str
    time: dt.datetime  # in the handbook's time zone

    @property
    def short(self) -> str:
        return self.commit[:SHORT]

    @property
    def day(self) -> dt.date:
        return self.time.date()


@dataclass(frozen=True)
class Change(Version):
    """One commit's change to one page's file."""

    subject: str = ""
    left_out: bool = False
    order: int = 0  # the commit's place in the log, 0 for the newest: orders changes made in the same second


@dataclass(frozen=True)
class History:
    """The version built and each file's changes, newest first; or why there are none."""

    version: Version | None = None
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    missing: str | None = None

    def last_changed(self, path: str) -> dt.date | None:
        """The day the file's text last changed, left-out changes included."""
        changes = self.changes.get(path)
        return changes[0].day if changes else None

    def listed(self, path: str) -> tuple[Change, ...]:
        """The file's changes that readers see."""
        return tuple(change for change in self.changes.get(path, ()) if not change.left_out)


def newest_first(change: Change) -> tuple:
    return (-change.time.timestamp(), change.order)


def is_left_out(message: str) -> bool:
    return LEAVE_OUT in message.casefold()


def parse_log(output: bytes, zone: ZoneInfo) -> dict[str, tuple[Change, ...]]:
    """Each file's changes from the output of `git log -z --format=LOG_FORMAT --name-status`; raise HistoryError."""
    tokens = output.split(b"\0")
    changes: dict[str, list[Change]] = {}
    continues_as: dict[str, str] = {}  # an older name of a file -> its name now
    index = order = 0
    while index < len(tokens) and tokens[index]:
        if not COMMIT.fullmatch(tokens[index]) or index + 4 > len(tokens) or not tokens[index + 1].isdigit():
            raise HistoryError(f"git log printed something unexpected: {shown(tokens[index])}")
        subject, body = (token.decode("utf-8", "replace") for token in tokens[index + 2:index + 4])
        made = dt.datetime.fromtimestamp(int(tokens[index + 1]), zone)
        change = Change(tokens[index].decode("ascii"), made, subject, is_left_out(subject + "\n" + body), order)
        index += 4
        order += 1
        while index < len(tokens) and (status := STATUS.fullmatch(tokens[index])):
            kind, similarity = status.groups()
            count = 2 if kind in b"RC" else 1
            paths = [os.fsdecode(token) for token in tokens[index + 1:index + 1 + count]]
            if len(paths) < count or not all(paths):
                raise HistoryError(f"git log printed a file status without its path: {shown(tokens[index])}")
            index += 1 + count
            path = continues_as.get(paths[-1], paths[-1])
            if kind == b"R":
                continues_as[paths[0]] = path
                if similarity == b"100":  # moved, not changed
                    continue
            changes.setdefault(path, []).append(change)
    if index < len(tokens) - 1:  # only the empty token after the last NUL may remain
        raise HistoryError(f"git log printed something unexpected: {shown(tokens[index])}")
    return {path: tuple(sorted(found, key=newest_first)) for path, found in changes.items()}


def latest(history: History, paths: Sequence[str], limit: int) -> list[tuple[int, Change]]:
    """The newest `limit` changes readers see across the files `paths`, as (index in `paths`, change), newest first."""
    found = [(index, change) for index, path in enumerate(paths) for change in history.listed(path)]
    found.sort(key=lambda item: (*newest_first(item[1]), item[0]))
    return found[:limit]


def read(docs_dir: Path, timezone: str) -> History:
    """The history of the files under `docs_dir`: one `git rev-parse`, and `git log` when HEAD moved."""
    try:
        shallow, head = _head(docs_dir)
        version, changes = _read_at(str(docs_dir), head, shallow, timezone)
    except HistoryError as error:
        return History(missing=str(error))
    if shallow:
        return History(version=version, missing="this is a shallow clone: its history stops at a cut-off commit, so the dates would be wrong")
    return History(version, changes)


def _head(docs_dir: Path) -> tuple[bool, str]:
    """Whether the clone is shallow, and HEAD's commit; raise HistoryError when there is no history at all."""
    result = _git(docs_dir, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "HEAD"], check=False)
    lines = result.stdout.decode("utf-8", "replace").split()
    if result.returncode == 0 and len(lines) == 3:
        return lines[1] == "true", lines[2]
    if lines[:1] == ["true"]:
        raise HistoryError("the Git repository has no commits yet")
    if lines[:1] == ["false"] or b"not a git repository" in result.stderr:
        raise HistoryError(f"{docs_dir} is not in a Git work tree")
    raise HistoryError(f"git rev-parse failed: {_first_line(result.stderr)}")


@functools.lru_cache(maxsize=4)
def _read_at(docs_dir: str, head: str, shallow: bool, timezone: str) -> tuple[Version, dict[str, tuple[Change, ...]]]:
    """The version and, unless the clone is shallow, every file's changes: the same for the same HEAD."""
    zone = ZoneInfo(timezone)
    seconds = _git(Path(docs_dir), ["log", "-1", "--format=%ct", head]).stdout.strip()
    if not seconds.isdigit():
        raise HistoryError(f"git log printed something unexpected for HEAD: {shown(seconds)}")
    version = Version(head, dt.datetime.fromtimestamp(int(seconds), zone))
    if shallow:
        return version, {}
    output = _git(Path(docs_dir), ["log", "-z", f"--format={LOG_FORMAT}", "--name-status", "-M", "--relative", head, "--", "."]).stdout
    return version, parse_log(output, zone)


def _git(folder: Path, arguments: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", *GIT_OPTIONS, *arguments], cwd=folder, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise HistoryError("git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise HistoryError(f"git could not be run: {error}") from None
    if check and result.returncode != 0:
        raise HistoryError(f"git {arguments[0]} failed: {_first_line(result.stderr)}")
    return result


def _first_line(text: bytes) -> str:
    lines = text.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


def shown(token: bytes, limit: int = 60) -> str:
    text = repr(token.decode("utf-8", "replace"))
    return text if len(text) <= limit else text[: limit - 3] + "..."
