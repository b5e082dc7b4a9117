"""When each page's text changed, from Git: one `git log` per build, free of any site engine.

One `git log --name-status` over the pages in the docs folder gives every commit that
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
could be front matter are confirmed by comparing the two versions of the file
(`change_kinds`).

The history is read again only when HEAD moves: static-i18n builds once per
language and `mkdocs serve` rebuilds at every save, and all of them share it.
Without a Git work tree, or in a shallow clone (whose history stops at a
cut-off commit, so the dates would be wrong), there is no history and
`History.missing` says why.

The record readers see may start later than the repository (`extra.review.history_since`,
`Since`): a day, before which every commit is left out, or a commit, which is left
out with every commit it contains (an adopted handbook leaves out the engine's
history this way). Left out means not there: no change, no date, no note.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from handbook_engine.history import change_kinds
from handbook_engine.pages import front_matter
from handbook_engine.history import kinds_cache
from handbook_engine.history.change_kinds import TEXT
from handbook_engine.history.page_changes import Change, Commit, History, Version, newest_first
from handbook_engine.yaml_source import shown

LEAVE_OUT = "[skip history]"
# The log's fields per commit: hash, commit time (Unix seconds), author, subject,
# trailers (one "key: value" a line), body; then, with --name-status -z, a status
# and one or two paths per changed file.
LOG_FORMAT = "%H%x00%ct%x00%an%x00%s%x00%(trailers:only,unfold)%x00%b"
FIELDS = 6
COMMIT = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
STATUS = re.compile(rb"\n?([ACDMRTUXB])([0-9]*)")
# Settings of a user's or the system's Git configuration that would change what `git log` prints.
# The pages only: the docs folder's other files (the handbook's own check data in checks/, images) are no text readers are told of.
PAGES = "*.md"
GIT_OPTIONS = ("-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8", "-c", "core.quotePath=false")



# Where the record starts: None (the whole history), a day or a commit's hash.
Since = dt.date | str | None


class HistoryError(Exception):
    """Why there is no history: Git is missing, the folder is not in a work tree, the clone is shallow, ..."""


class SinceError(HistoryError):
    """The commit the record starts at is not in this clone: a mistake in the settings, not a missing history."""


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


def latest(history: History, paths: Sequence[str], limit: int) -> list[tuple[Commit, tuple[int, ...]]]:
    """The newest `limit` commits that changed the text of any of the files `paths`, newest first, each with
    the indexes (in `paths`) of the files whose text it changed."""
    touched: dict[Commit, list[int]] = {}
    for index, path in enumerate(paths):
        for change in history.text_changes(path):
            touched.setdefault(change.commit, []).append(index)
    ordered = sorted(touched.items(), key=lambda item: newest_first(item[0]))
    return [(commit, tuple(indexes)) for commit, indexes in ordered[:limit]]


def read(docs_dir: Path, timezone: str, since: Since = None) -> History:
    """The history of the files under `docs_dir` from `since` on: one `git rev-parse`, and `git log` when HEAD
    moved. Raise SinceError when `since` is a commit this clone does not have."""
    try:
        shallow, head = _head(docs_dir)
        version, changes = _read_at(str(docs_dir), head, shallow, timezone, since)
    except SinceError:
        raise
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
def _read_at(docs_dir: str, head: str, shallow: bool, timezone: str, since: Since) -> tuple[Version, dict[str, tuple[Change, ...]]]:
    """The version and, unless the clone is shallow, every file's changes: the same for the same HEAD."""
    zone = ZoneInfo(timezone)
    seconds = _git(Path(docs_dir), ["log", "-1", "--format=%ct", head]).stdout.strip()
    if not seconds.isdigit():
        raise HistoryError(f"git log printed something unexpected for HEAD: {shown(seconds)}")
    version = Version(head, dt.datetime.fromtimestamp(int(seconds), zone))
    if shallow:
        return version, {}
    folder = Path(docs_dir)
    before = _left_out(folder, since)
    cache = _kinds_cache_file(folder)
    cached_head, known = kinds_cache.load(cache, docs_dir) if cache else (None, {})
    if cached_head is not None and cached_head != head and not _is_ancestor(folder, cached_head, head):
        cached_head, known = None, {}  # history was rewritten: read it all
    # The patches cost the most (Git reads both versions of every changed page): only the commits the
    # cache does not hold, read while the list of changes is read and parsed, on the machine's other core.
    patches = None if cached_head == head else _start_git(folder, [
        "log", "--format=%x00%H", "-p", "-U0", "--full-index", "--no-color", "--no-ext-diff", "--no-textconv",
        "--no-renames", "--diff-filter=M", "--relative", f"{cached_head}..{head}" if cached_head else head, *before, "--", PAGES])
    try:
        output = _git(folder, ["log", "-z", f"--format={LOG_FORMAT}", "--name-status", "-M", "--relative", head, *before, "--", PAGES]).stdout
    except BaseException:
        if patches is not None:
            patches.kill()
            patches.communicate()
        raise
    kinds = dict(known)
    if patches is not None:
        kinds.update(_kinds(folder, change_kinds.candidates(_finished(patches, "log"))))
        if cache:
            kinds_cache.save(cache, docs_dir, head, kinds)
    return version, from_day(parse_log(output, zone, kinds), since)


def _left_out(folder: Path, since: Since) -> list[str]:
    """The revisions that leave out a starting commit and what it contains (`^commit`); raise SinceError."""
    if not isinstance(since, str):
        return []
    if _git(folder, ["cat-file", "-e", f"{since}^{{commit}}"], check=False).returncode != 0:
        raise SinceError(f"{since!r} is not a commit of this clone; expected the hash of a commit on the published "
                         f"branch (git log --oneline shows them), or a day as YYYY-MM-DD")
    return [f"^{since}"]


def from_day(changes: Mapping[str, tuple[Change, ...]], since: Since) -> dict[str, tuple[Change, ...]]:
    """Each file's changes on or after the day `since` (all of them when `since` is no day); files left without any are left out."""
    if not isinstance(since, dt.date):
        return dict(changes)
    kept = {path: tuple(change for change in found if change.commit.day >= since) for path, found in changes.items()}
    return {path: found for path, found in kept.items() if found}


def pages_at(docs_dir: Path, commit: str) -> dict[str, str]:
    """The pages in the docs folder at `commit` (paths relative to it) and their blobs' ids: one `git ls-tree`.
    Raise HistoryError when this clone lacks the commit."""
    output = _git(docs_dir, ["ls-tree", "-r", "-z", commit]).stdout  # paths relative to the docs folder, under it only
    found = {}
    for entry in filter(None, output.split(b"\0")):
        header, _, path = entry.partition(b"\t")
        _, kind, blob = header.split(b" ")
        if kind == b"blob" and path.endswith(b".md"):  # the pages (PAGES)
            found[path.decode("utf-8", "replace")] = blob.decode("ascii")
    return found


def blobs(docs_dir: Path, ids: Sequence[str]) -> dict[str, bytes]:
    """The contents of the blobs `ids`, by id: one `git cat-file`."""
    if not ids:
        return {}
    return parse_blobs(_git(docs_dir, ["cat-file", "--batch"], stdin=("\n".join(sorted(set(ids))) + "\n").encode("ascii")).stdout)


def _kinds_cache_file(folder: Path) -> Path | None:
    result = _git(folder, ["rev-parse", "--path-format=absolute", "--git-common-dir"], check=False)
    common = result.stdout.decode("utf-8", "replace").strip()
    return Path(common) / kinds_cache.FILE_NAME if result.returncode == 0 and common else None


def _is_ancestor(folder: Path, older: str, newer: str) -> bool:
    return _git(folder, ["merge-base", "--is-ancestor", older, newer], check=False).returncode == 0


def _kinds(folder: Path, found: Mapping[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The changes among `found` that are reviews or hidden, from the two versions of each file: one `git cat-file`."""
    if not found:
        return {}
    contents = blobs(folder, [blob for pair in found.values() for blob in pair])
    kinds = {}
    for key, (old, new) in found.items():
        kind = change_kinds.kind_of_change(front_matter.decode(contents.get(old, b""))[0], front_matter.decode(contents.get(new, b""))[0])
        if kind != TEXT:
            kinds[key] = kind
    return kinds


def commits_since(docs_dir: Path, since: str | None, head: str, timezone: str, record_since: Since = None) -> tuple[Commit, ...] | None:
    """The commits (of any file) after `since` up to `head`, newest first: all of its history when `since` is None,
    none when `head` is `since` or older, and None when this clone does not know `since`; never one before
    `record_since` (`extra.review.history_since`)."""
    try:
        return _commits_between(str(docs_dir), since, head, timezone, record_since)
    except HistoryError:
        return None


@functools.lru_cache(maxsize=4)
def _commits_between(docs_dir: str, since: str | None, head: str, timezone: str, record_since: Since) -> tuple[Commit, ...]:
    folder = Path(docs_dir)
    if since is not None and _git(folder, ["cat-file", "-e", f"{since}^{{commit}}"], check=False).returncode != 0:
        raise HistoryError(f"{since} is not in this clone")
    return tuple(_logged_commits(folder, f"{since}..{head}" if since else head, timezone, record_since))


def commits_giving(docs_dir: Path, trailer: str, head: str, timezone: str, record_since: Since = None) -> tuple[Commit, ...]:
    """The commits (of any file) up to `head` whose message gives the trailer `trailer` (any case), newest first;
    never one before `record_since`. Git picks them by a line of the message; the trailers confirm it."""
    found = _logged_commits(docs_dir, head, timezone, record_since, "--regexp-ignore-case", f"--grep=^{trailer}:")
    return tuple(commit for commit in found if commit.trailer(trailer) is not None)


def _logged_commits(folder: Path, revisions: str, timezone: str, record_since: Since, *options: str) -> list[Commit]:
    """The commits of `git log revisions` (with `options`), newest first; never one before `record_since`."""
    output = _git(folder, ["log", "-z", f"--format={LOG_FORMAT}", *options, revisions, *_left_out(folder, record_since)]).stdout
    return [commit for commit in parse_commits(output, ZoneInfo(timezone)) if not isinstance(record_since, dt.date) or commit.day >= record_since]


def files_at(docs_dir: Path, commit: str) -> set[str]:
    """The paths of the pages under `docs_dir` in `commit`, relative to it (which pages a version held)."""
    output = _git(docs_dir, ["ls-tree", "-r", "-z", "--name-only", commit]).stdout  # relative to docs_dir
    return {name for name in map(os.fsdecode, output.split(b"\0")) if name.endswith(PAGES.lstrip("*"))}


def file_at(docs_dir: Path, commit: str, path: str) -> bytes:
    """The file `path` (relative to `docs_dir`) as `commit` has it: a removed page's last text."""
    return _git(docs_dir, ["cat-file", "blob", f"{commit}:./{path}"]).stdout


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


def _start_git(folder: Path, arguments: list[str]) -> subprocess.Popen:
    """Git started in the background; `_finished` collects what it printed."""
    try:
        return subprocess.Popen(["git", *GIT_OPTIONS, *arguments], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise HistoryError("git is not installed") from None
    except OSError as error:
        raise HistoryError(f"git could not be run: {error}") from None


def _finished(process: subprocess.Popen, command: str) -> bytes:
    try:
        output, errors = process.communicate(timeout=300)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise HistoryError(f"git could not be run: {error}") from None
    if process.returncode != 0:
        raise HistoryError(f"git {command} failed: {_first_line(errors)}")
    return output


def _first_line(text: bytes) -> str:
    lines = text.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


HISTORY_VARIABLE = "HANDBOOK_HISTORY"
READ_GIT = "git"
OFF = "off"
SWITCHED_OFF = f"{HISTORY_VARIABLE}={OFF}"


def read_as_configured(docs_dir: Path, timezone: str, environ: Mapping[str, str], since: Since = None) -> History:
    """The history from `since` on, or none when HANDBOOK_HISTORY=off builds without it on purpose (`missing` then
    says so); raise ValueError for any other value than git (the default) or off, SinceError as `read` does."""
    choice = environ.get(HISTORY_VARIABLE, "").strip()
    if choice == OFF:
        return History(missing=SWITCHED_OFF)
    if choice not in ("", READ_GIT):
        raise ValueError(f"{HISTORY_VARIABLE}={choice!r}: expected '{READ_GIT}' (read the history from Git, the default) or '{OFF}'")
    return read(docs_dir, timezone, since)
