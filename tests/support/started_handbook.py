"""Handbooks started as an adopting organisation starts one, for tests that need a handbook of their own.

`fresh_engine` is what an organisation clones: this repository with its history when it is the engine's own
(init has never run in it), or else, in a handbook started from the engine, the engine's files of its HEAD
(its `[tool.handbook-engine] files`) in a new Git repository with one commit. `started` runs `init` there.
Neither reads the repository's own pages or settings, so a test built on them passes whatever an
organisation did to its handbook.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from handbook_engine import REPOSITORY
from handbook_engine.cli import handbook
from handbook_engine.cli import handbook_init
from handbook_engine.settings import engine_files

# The new repository's own identity, so that init's and update-engine's commits work on a machine without one.
IDENTITY = {"user.name": "Handbook tests", "user.email": "tests@example.org"}


def git(repository: Path, *arguments: str, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, text=True, check=check)
    return result.stdout.strip()


def fresh_engine(target: Path, source: Path = REPOSITORY) -> Path:
    """The engine as an organisation clones it, at `target`, with a Git identity of its own."""
    if handbook_init.already_started(source) is None:
        git(target.parent, "clone", "--quiet", "--local", str(source), str(target))
    else:
        entries = engine_files.read(source)
        tracked = [path for path in git(source, "ls-tree", "-r", "--name-only", "HEAD").splitlines() if engine_files.is_engine_file(path, entries)]
        archive = subprocess.run(["git", "-C", str(source), "archive", "--format=tar", "HEAD", "--", *tracked], capture_output=True, check=True).stdout
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as files:
            files.extractall(target, filter="tar")
        git(target, "init", "--quiet", "--initial-branch=main")
    for key, value in IDENTITY.items():
        git(target, "config", key, value)
    if not git(target, "rev-parse", "--verify", "--quiet", "HEAD", check=False):
        git(target, "add", "--all")
        git(target, "commit", "--quiet", "-m", "The engine")
    return target


def started(target: Path, *init: str) -> Path:
    """A fresh engine at `target` started with `init` and the arguments `init` (like --name X --languages nl,en)."""
    fresh_engine(target)
    status = handbook.main(["--config", str(target / "mkdocs.yml"), "init", *init])
    assert status == 0, f"init {' '.join(init)} failed with exit code {status}"
    return target
