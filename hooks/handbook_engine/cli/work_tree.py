"""The Git work tree that init and update-engine change: one way to run Git, and where the work tree starts."""

from __future__ import annotations

import subprocess
from pathlib import Path

from handbook_engine.cli.handbook_project import UsageError

# Settings of a user's Git configuration that would change what these commands print.
GIT_OPTIONS = ("-c", "core.quotePath=false", "-c", "color.ui=false")


def git(root: Path, *arguments: str, stdin: bytes | None = None) -> bytes:
    """Git's output; raise UsageError with Git's own message when it fails."""
    result = subprocess.run(["git", *GIT_OPTIONS, "-C", str(root), *arguments], input=stdin, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise UsageError(f"git {arguments[0]}: {message[-1]}")
    return result.stdout


def names(output: bytes) -> list[str]:
    """Paths from Git's -z output."""
    return [name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name]


def repository_root(root: Path) -> Path:
    """`root`, checked to be the top of a Git work tree: the engine's paths are relative to it."""
    top = Path(git(root, "rev-parse", "--show-toplevel").decode().strip())
    if top.resolve() != root.resolve():
        raise UsageError(f"{root}: mkdocs.yml is not at the top of its Git work tree ({top}); the engine's files are named from there")
    return top
