"""The text of the version in force with the engine of the commit published: what the site shows while a version is upcoming.

A version published to come into force on a later day (`In-force-from:`) is
archived and announced at once, but until its day the pages keep the text of
the version in force. Publishing builds them in a Git work tree of that
version's commit (its pages and settings, which are the organisation's, and
its history, which the pages' change lists read) with the engine's files of
the commit published laid over it (`[tool.handbook-engine] files`), so that
an engine fix applies at once. The work tree is temporary, in a folder
publishing gives (beside the release being built), and removed afterwards;
one left by a publisher that was killed is cleared with the other leftovers
by the next publish, and Git's record of it pruned.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from handbook_engine.settings import engine_files


class TreeError(Exception):
    """The work tree of the version in force could not be made."""


@contextlib.contextmanager
def in_force_tree(root: Path, config_path: Path, commit: str, tree: Path) -> Iterator[Path]:
    """The configuration file of a work tree of `commit` in `tree` (a folder that is not there yet) whose engine files
    are those of `root`'s HEAD; the work tree is removed when the block ends. Raise TreeError."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    head = _git(root, "rev-parse", "HEAD").strip()
    engine = engine_files.read(top)
    shutil.rmtree(tree, ignore_errors=True)
    _git(top, "worktree", "prune")
    _git(top, "worktree", "add", "--quiet", "--detach", str(tree), commit)
    try:
        theirs = set(_names(_git(tree, "ls-tree", "-r", "-z", "--name-only", head)))
        ours = set(_names(_git(tree, "ls-files", "-z")))
        gone = sorted(path for path in ours - theirs if engine_files.is_engine_file(path, engine))
        brought = sorted(path for path in theirs if engine_files.is_engine_file(path, engine))
        for path in gone:
            (tree / path).unlink()
        if brought:
            _git(tree, "checkout", head, "--pathspec-from-file=-", "--pathspec-file-nul", stdin="\0".join(brought))
        yield tree / config_path.resolve().relative_to(top.resolve())
    finally:
        _git(top, "worktree", "remove", "--force", str(tree), check=False)
        shutil.rmtree(tree, ignore_errors=True)


def _git(folder: Path, *arguments: str, stdin: str | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(folder), *arguments], input=stdin,
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        message = result.stderr.strip().splitlines() or ["no message"]
        raise TreeError(f"git {arguments[0]} {arguments[1] if len(arguments) > 1 else ''}: {message[-1]}".replace("  ", " "))
    return result.stdout


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]
