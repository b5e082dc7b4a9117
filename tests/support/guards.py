"""Two rules of the test suite, watched while the tests run rather than trusted (tests/README.md, "Guards").

1. The engine's tests never read this repository's handbook (its docs/ and mkdocs.yml): they build the
   fixture handbooks of tests/fixtures/ or handbooks they write in tmp_path, so that HR can change the
   handbook freely. Only the handbook's own checks (tests/handbook/) read it.
2. A test starts a build, a browser, a server or `make` only through a fixture that declares it
   (tests/tiers.py): the fixture's marker puts the test in the slow tier.
3. No test writes into the engine's own files (hooks/, overrides/), which a fixture handbook links to.

One audit hook (`sys.addaudithook`) sees every file the test process opens, lists, copies or links,
and every process it starts. `Watch.reached` says what a test did that the rules forbid; the
project's conftest.py turns that into a failed test or a failed collection, naming the path or the
command. Processes the tests start are watched by what they are started with: a subprocess that
reads the handbook by default (the tool without --config, make or mkdocs in the repository) counts
as reading it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handbook_engine import REPOSITORY

# This repository's handbook: the organisation's settings and its pages (with their check data).
HANDBOOK_FILES = (REPOSITORY / "mkdocs.yml",)
HANDBOOK_FOLDERS = (REPOSITORY / "docs",)
# The engine's files that fixture handbooks link to; a test writes copies, never these.
ENGINE_FOLDERS = (REPOSITORY / "hooks", REPOSITORY / "overrides")
# What a started process is, by the marker of the fixture that may start it (tests/tiers.py).
BUILD, BROWSER, MAKE, WEB_SERVER, PREVIEW_SERVER = "build", "browser", "make", "web_server", "preview_server"
ENGINES = ("mkdocs", "properdocs")
WRITING = ("w", "a", "x", "+")


def _under(path: str, folders: Sequence[Path]) -> bool:
    return any(path == str(folder) or path.startswith(str(folder) + os.sep) for folder in folders)


def reads_the_handbook(path: str) -> bool:
    """Whether `path` (absolute and normalised) is the repository's mkdocs.yml or under its docs/."""
    return path in map(str, HANDBOOK_FILES) or _under(path, HANDBOOK_FOLDERS)


def _absolute(path: object) -> str | None:
    if isinstance(path, int) or path is None:
        return None
    try:
        text = os.fsdecode(os.fspath(path))
    except TypeError:
        return None
    return os.path.normpath(os.path.join(os.getcwd(), text))


def _engine(args: Sequence[str]) -> bool:
    """Whether `args` run MkDocs or ProperDocs (`python -m mkdocs ...`, or its own program)."""
    module = args[args.index("-m") + 1] if "-m" in args[:-1] else Path(args[0]).name
    return module in ENGINES


def _runs_the_tool(args: Sequence[str]) -> bool:
    """Whether `args` run the editors' tool (`python .../scripts/handbook.py ...`), not merely name its file."""
    return len(args) > 1 and Path(args[0]).name.startswith("python") and args[1].endswith(os.path.join("scripts", "handbook.py"))


def process_kind(args: Sequence[str]) -> str | None:
    """What starting `args` starts, as the marker of the fixture that may (None: nothing slow)."""
    if not args:
        return None
    program = Path(args[0]).name
    if program == "make":
        return MAKE
    if program == "nginx":
        return WEB_SERVER
    if program.startswith("chromium") or "run-driver" in args:  # Playwright's driver, which starts chromium
        return BROWSER
    if _engine(args):
        return PREVIEW_SERVER if "serve" in args else BUILD
    if _runs_the_tool(args) and {"publish", "preview"} & set(args):
        return BUILD
    return None


def process_reads_the_handbook(args: Sequence[str], cwd: str | None) -> str | None:
    """The handbook path a started process reads (by its arguments, or by default), or None."""
    here = _absolute(cwd) if cwd is not None else os.getcwd()
    for arg in args:  # a path given whole (a relative one depends on options like git's -C: its default is below)
        path = os.path.normpath(arg) if os.path.isabs(arg) else None
        if path and reads_the_handbook(path):
            return path
    program = Path(args[0]).name if args else ""
    in_repository = here == str(REPOSITORY)
    if program == "make" and ("-C" in args and _absolute(args[args.index("-C") + 1]) == str(REPOSITORY) or in_repository and "-C" not in args):
        return f"{REPOSITORY}/mkdocs.yml (make in the repository)"
    if _runs_the_tool(args) and "--config" not in args:
        return f"{REPOSITORY}/mkdocs.yml (the tool's default --config)"
    if _engine(args) and in_repository and "-f" not in args and "--config-file" not in args:
        return f"{REPOSITORY}/mkdocs.yml (mkdocs in the repository)"
    return None


@dataclass
class Watch:
    """Who is running now (a test, or a module being collected) and what it may do; what it did that it may not."""

    who: str | None = None
    may_read_the_handbook: bool = False
    may_start: frozenset[str] = frozenset()
    reached: list[str] = field(default_factory=list)

    def start(self, who: str, *, may_read_the_handbook: bool, may_start: frozenset[str]) -> None:
        self.who, self.may_read_the_handbook, self.may_start, self.reached = who, may_read_the_handbook, may_start, []

    def stop(self) -> list[str]:
        """What the one watched did that it may not; stops watching."""
        reached, self.who, self.reached = self.reached, None, []
        return reached

    def audit(self, event: str, args: tuple) -> None:
        """The audit hook: never raises (an exception would break the operation watched)."""
        if self.who is None or event not in _EVENTS:
            return
        try:
            _EVENTS[event](self, args)
        except Exception as error:  # noqa: BLE001 - a hook that raises breaks the test's own code
            self.reached.append(f"the guard could not read a {event!r} event ({error!r})")

    def _path(self, how: str, path: object, writing: bool = False) -> None:
        absolute = _absolute(path)
        if absolute is None:
            return
        if not self.may_read_the_handbook and reads_the_handbook(absolute):
            self.reached.append(f"{how} {absolute}")
        if writing and _under(os.path.realpath(absolute), ENGINE_FOLDERS) and "__pycache__" not in absolute:
            self.reached.append(f"writes into the engine's own files: {absolute} (materialise the fixture with engine='copy')")

    def _open(self, args: tuple) -> None:
        path, mode, flags = args
        writing = any(letter in mode for letter in WRITING) if isinstance(mode, str) else bool(flags & (os.O_WRONLY | os.O_RDWR))
        self._path("reads" if not writing else "writes", path, writing)

    def _process(self, args: tuple) -> None:
        _, arguments, cwd, _ = args
        words = [arguments] if isinstance(arguments, (str, bytes)) else list(arguments)
        words = [os.fsdecode(os.fspath(word)) for word in words]
        if not self.may_read_the_handbook and (path := process_reads_the_handbook(words, cwd)):
            self.reached.append(f"starts {' '.join(words)}, which reads {path}")
        kind = process_kind(words)
        if kind and kind not in self.may_start:
            self.reached.append(f"starts {' '.join(words)} ({kind}) without a fixture that declares it: "
                                f"use one marked {kind!r} (tests/tiers.py)")


_EVENTS = {
    "open": Watch._open,
    "os.listdir": lambda watch, args: watch._path("lists", args[0]),
    "os.scandir": lambda watch, args: watch._path("lists", args[0]),
    "shutil.copytree": lambda watch, args: watch._path("copies", args[0]),
    "shutil.copyfile": lambda watch, args: watch._path("copies", args[0]),
    "os.symlink": lambda watch, args: watch._path("links to", args[0]),
    "subprocess.Popen": Watch._process,
}

WATCH = Watch()
# An audit hook cannot be removed: it is added once per process, when this module is first imported.
sys.addaudithook(WATCH.audit)
