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

Each commit carries its notes to readers: the subject is the note in the
default language, and a Git trailer named after another language's code
(`en: Rules on private accounts tightened`, in the commit's description)
is that language's note; Git itself finds the trailers. A change whose only
difference to a page is its `last_reviewed` value is a review, not a change
of the text; one that changes nothing a reader sees (only `keywords` or
`search` in the front matter) is hidden. Which is which is read from one
`git log -p -U0` of the modified files, and only the few changes whose lines
could be front matter are confirmed by comparing the two versions of the file.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import front_matter

LEAVE_OUT = "[skip history]"
SHORT = 7
# The log's fields per commit: hash, commit time (Unix seconds), author, subject,
# trailers (one "key: value" a line), body; then, with --name-status -z, a status
# and one or two paths per changed file.
LOG_FORMAT = "%H%x00%ct%x00%an%x00%s%x00%(trailers:only,unfold)%x00%b"
FIELDS = 6
COMMIT = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
STATUS = re.compile(rb"\n?([ACDMRTUXB])([0-9]*)")
# Settings of a user's or the system's Git configuration that would change what `git log` prints.
GIT_OPTIONS = ("-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8", "-c", "core.quotePath=false")

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


class HistoryError(Exception):
    """Why there is no history: Git is missing, the folder is not in a work tree, the clone is shallow, ..."""


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


def is_left_out(message: str) -> bool:
    return LEAVE_OUT in message.casefold()


def parse_trailers(text: str) -> tuple[tuple[str, str], ...]:
    """`git log`'s `%(trailers:only,unfold)`: one `key: value` a line."""
    found = []
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip() and value.strip():
            found.append((key.strip().casefold(), value.strip()))
    return tuple(found)


def parse_log(output: bytes, zone: ZoneInfo, kinds: Mapping[tuple[str, str], str] | None = None) -> dict[str, tuple[Change, ...]]:
    """Each file's changes from the output of `git log -z --format=LOG_FORMAT --name-status`; raise HistoryError.
    `kinds` gives the changes that are not TEXT, by (commit, the file's path in that commit)."""
    kinds = kinds or {}
    changes: dict[str, list[Change]] = {}
    continues_as: dict[str, str] = {}  # an older name of a file -> its name now
    for commit, files in _entries(output, zone):
        for kind, similarity, paths in files:
            path = continues_as.get(paths[-1], paths[-1])
            if kind == b"R":
                continues_as[paths[0]] = path
                if similarity == b"100":  # moved, not changed
                    continue
            changes.setdefault(path, []).append(Change(commit, kinds.get((commit.commit, paths[-1]), TEXT)))
    return {path: tuple(sorted(found, key=lambda change: newest_first(change.commit))) for path, found in changes.items()}


def parse_commits(output: bytes, zone: ZoneInfo) -> list[Commit]:
    """The commits of `git log -z --format=LOG_FORMAT` (no file list), newest first; raise HistoryError."""
    return [commit for commit, _ in _entries(output, zone)]


def _entries(output: bytes, zone: ZoneInfo) -> Iterator[tuple[Commit, list[tuple[bytes, bytes, list[str]]]]]:
    """Each commit of the log with its files' status, similarity and path(s)."""
    tokens = output.split(b"\0")
    index = order = 0
    while index < len(tokens) and tokens[index]:
        if not COMMIT.fullmatch(tokens[index]) or index + FIELDS > len(tokens) or not tokens[index + 1].isdigit():
            raise HistoryError(f"git log printed something unexpected: {shown(tokens[index])}")
        author, subject, trailers, body = (token.decode("utf-8", "replace") for token in tokens[index + 2:index + FIELDS])
        commit = Commit(tokens[index].decode("ascii"), dt.datetime.fromtimestamp(int(tokens[index + 1]), zone),
                        subject, author, parse_trailers(trailers), is_left_out(subject + "\n" + body), order)
        index += FIELDS
        order += 1
        files = []
        while index < len(tokens) and (status := STATUS.fullmatch(tokens[index])):
            kind, similarity = status.groups()
            count = 2 if kind in b"RC" else 1
            paths = [os.fsdecode(token) for token in tokens[index + 1:index + 1 + count]]
            if len(paths) < count or not all(paths):
                raise HistoryError(f"git log printed a file status without its path: {shown(tokens[index])}")
            index += 1 + count
            files.append((kind, similarity, paths))
        yield commit, files
    if index < len(tokens) - 1:  # only the empty token after the last NUL may remain
        raise HistoryError(f"git log printed something unexpected: {shown(tokens[index])}")


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


def parse_blobs(output: bytes) -> dict[str, bytes]:
    """The blobs printed by `git cat-file --batch`, by id."""
    blobs, index = {}, 0
    while index < len(output):
        header_end = output.index(b"\n", index)
        name, kind, size = (output[index:header_end].split(b" ") + [b"", b""])[:3]
        if kind != b"blob" or not size.isdigit():
            raise HistoryError(f"git cat-file printed something unexpected: {shown(output[index:header_end])}")
        start = header_end + 1
        blobs[name.decode("ascii")] = output[start:start + int(size)]
        index = start + int(size) + 1
    return blobs


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


def latest(history: History, paths: Sequence[str], limit: int) -> list[tuple[Commit, tuple[int, ...]]]:
    """The newest `limit` commits that changed the text of any of the files `paths`, newest first, each with
    the indexes (in `paths`) of the files whose text it changed."""
    touched: dict[Commit, list[int]] = {}
    for index, path in enumerate(paths):
        for change in history.text_changes(path):
            touched.setdefault(change.commit, []).append(index)
    ordered = sorted(touched.items(), key=lambda item: newest_first(item[0]))
    return [(commit, tuple(indexes)) for commit, indexes in ordered[:limit]]


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
    folder = Path(docs_dir)
    output = _git(folder, ["log", "-z", f"--format={LOG_FORMAT}", "--name-status", "-M", "--relative", head, "--", "."]).stdout
    patches = _git(folder, ["log", "--format=%x00%H", "-p", "-U0", "--full-index", "--no-color", "--no-ext-diff", "--no-textconv",
                            "--no-renames", "--diff-filter=M", "--relative", head, "--", "."]).stdout
    return version, parse_log(output, zone, _kinds(folder, candidates(patches)))


def _kinds(folder: Path, found: Mapping[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The changes among `found` that are reviews or hidden, from the two versions of each file: one `git cat-file`."""
    if not found:
        return {}
    names = sorted({blob for pair in found.values() for blob in pair})
    blobs = parse_blobs(_git(folder, ["cat-file", "--batch"], stdin=("\n".join(names) + "\n").encode("ascii")).stdout)
    kinds = {}
    for key, (old, new) in found.items():
        kind = kind_of_change(front_matter.decode(blobs.get(old, b""))[0], front_matter.decode(blobs.get(new, b""))[0])
        if kind != TEXT:
            kinds[key] = kind
    return kinds


def commits_since(docs_dir: Path, since: str | None, head: str, timezone: str) -> tuple[Commit, ...] | None:
    """The commits (of any file) after `since` up to `head`, newest first: all of its history when `since` is None,
    none when `head` is `since` or older, and None when this clone does not know `since`."""
    try:
        return _commits_between(str(docs_dir), since, head, timezone)
    except HistoryError:
        return None


@functools.lru_cache(maxsize=4)
def _commits_between(docs_dir: str, since: str | None, head: str, timezone: str) -> tuple[Commit, ...]:
    folder = Path(docs_dir)
    if since is not None and _git(folder, ["cat-file", "-e", f"{since}^{{commit}}"], check=False).returncode != 0:
        raise HistoryError(f"{since} is not in this clone")
    output = _git(folder, ["log", "-z", f"--format={LOG_FORMAT}", f"{since}..{head}" if since else head]).stdout
    return tuple(parse_commits(output, ZoneInfo(timezone)))


def _git(folder: Path, arguments: list[str], *, check: bool = True, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", *GIT_OPTIONS, *arguments], cwd=folder, input=stdin, capture_output=True, timeout=300)
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
