"""Atomic publishing of the built handbook: complete releases side by side, one symlink switch.

    DIR/releases/<UTC time>-<commit>/  verified sites, newest last by name
    DIR/current -> releases/<name>     what the web server serves
    DIR/releases/.staging-<name>/      a build in progress
    DIR/.publish.lock                  one publisher at a time

A site is built into a staging folder, verified, renamed into place and only
then made current by replacing the `current` symlink in one rename.

A preview of a merge request is published the same way into
`DIR/previews/.<name>/`, and served at `DIR/previews/<name>`, a symlink to its
`current`. A failed
build or verification, or a publisher killed at any moment, leaves `current`
on the previous release, complete; what it left behind is cleared by the next
publish. Old releases are renamed away before they are deleted, so a rollback
never lands on a half-deleted one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from handbook_engine.atomic_file import sync_folder

CURRENT = "current"
RELEASES = "releases"
STAGING_PREFIX = ".staging-"
TRASH_PREFIX = ".trash-"
LOCK = ".publish.lock"
PREVIEWS = "previews"
PDF_HEADER = b"%PDF-"


class PublishError(Exception):
    """Publishing stopped; `current` was not changed."""


@contextlib.contextmanager
def publish_lock(target: Path) -> Iterator[None]:
    """Hold the publish lock of `target`; a second publisher waits for the first."""
    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def releases(target: Path) -> list[str]:
    """The complete releases, oldest first."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    return sorted(entry.name for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith("."))


def current(target: Path) -> str | None:
    """The name of the release `current` points at, if any."""
    link = target / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


def verify(site: Path, required: Iterable[str]) -> list[str]:
    """What is missing or broken in a built site: required files, readable JSON and XML, PDFs that start as one."""
    problems = []
    for name in required:
        path = site / name
        if not path.is_file() or path.stat().st_size == 0:
            problems.append(f"{name}: missing or empty")
        elif name.endswith(".json"):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                problems.append(f"{name}: not valid JSON ({error})")
        elif name.endswith(".xml"):
            try:
                ElementTree.parse(path)
            except ElementTree.ParseError as error:
                problems.append(f"{name}: not valid XML ({error})")
        elif name.endswith(".pdf") and not path.read_bytes().startswith(PDF_HEADER):
            problems.append(f"{name}: not a PDF")
    return problems


def publish(target: Path, name: str, build: Callable[[Path], bool], required: Iterable[str], keep: int,
            before_switch: Callable[[Path], None] | None = None) -> str:
    """Build, verify and switch to a new release; return its name. `before_switch` gets the verified site
    (still under the lock, before it is current) and raises PublishError to stop."""
    with publish_lock(target):
        _clear_leftovers(target)
        name = _free_name(target, name)
        staging = target / RELEASES / f"{STAGING_PREFIX}{name}"
        staging.parent.mkdir(parents=True, exist_ok=True)
        try:
            # mkdocs build --strict writes the site before it reports failure:
            # a failed build is thrown away, never published.
            if not build(staging):
                raise PublishError("the build failed")
            problems = verify(staging, required)
            if problems:
                raise PublishError("the built site is incomplete: " + "; ".join(problems))
            if before_switch is not None:
                before_switch(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_tree(staging)
        os.rename(staging, target / RELEASES / name)
        switch(target, name)
        prune(target, keep)
        return name


def rollback(target: Path) -> str:
    """Switch `current` back to the release before it; return that release's name."""
    with publish_lock(target):
        names = releases(target)
        now = current(target)
        older = [name for name in names if now is None or name < now]
        if not older:
            raise PublishError(f"no release before {now or 'the current one'} to roll back to")
        switch(target, older[-1])
        return older[-1]


def switch(target: Path, name: str) -> None:
    """Point `current` at the release `name` in one atomic rename."""
    temporary = target / f".{CURRENT}.new"
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(Path(RELEASES, name), temporary)
    os.replace(temporary, target / CURRENT)
    sync_folder(target)


def prune(target: Path, keep: int) -> list[str]:
    """Delete all but the newest `keep` releases (never the current one); return what went."""
    names = releases(target)
    now = current(target)
    doomed = [name for name in names[: max(len(names) - keep, 0)] if name != now]
    for name in doomed:
        trash = target / RELEASES / f"{TRASH_PREFIX}{name}"
        os.rename(target / RELEASES / name, trash)
        shutil.rmtree(trash)
    return doomed


def _clear_leftovers(target: Path) -> None:
    """Staging and trash folders of a publisher that was killed (we hold the lock, so none is running)."""
    folder = target / RELEASES
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.startswith((STAGING_PREFIX, TRASH_PREFIX)):
                shutil.rmtree(entry, ignore_errors=True)


def _free_name(target: Path, name: str) -> str:
    taken = set(releases(target))
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}.{number}"
    return candidate


def _fsync_tree(folder: Path) -> None:
    """Flush the release to disk before it can become current."""
    for directory, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(directory, name), "rb") as handle:
                os.fsync(handle.fileno())
        sync_folder(Path(directory))


def preview_target(target: Path, name: str) -> Path:
    """Where the releases of the preview `name` are kept (a publish target of its own)."""
    return target / PREVIEWS / f".{name}"


def link_preview(target: Path, name: str) -> Path:
    """Make `DIR/previews/<name>` point at the preview's current release; return the link."""
    link = target / PREVIEWS / name
    if not link.is_symlink():
        temporary = target / PREVIEWS / f".{name}.link"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(Path(f".{name}", CURRENT), temporary)
        os.replace(temporary, link)
        sync_folder(link.parent)
    return link


def remove_preview(target: Path, name: str) -> bool:
    """Take the preview `name` offline and delete it; False when there was none."""
    folder = preview_target(target, name)
    link = target / PREVIEWS / name
    if not folder.exists() and not link.is_symlink():
        return False
    with publish_lock(folder):
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        trash = folder.with_name(f"{TRASH_PREFIX}{name}")
        os.rename(folder, trash)
    shutil.rmtree(trash)
    return True
