"""`update-engine`: the engine's files as another engine version has them, and nothing else, as one commit.

The version is REF (a tag or a branch) fetched from SOURCE (a path, a Git URL or a remote's name). Its own
list of engine files (pyproject.toml, `engine_files`) says which files it brings: each is written as that
version has it, and every engine file here that the version no longer has is removed. The organisation's
files (mkdocs.yml, docs/, CODEOWNERS, README.md, CONTRIBUTING.md) are not touched, so there is nothing to
merge and nothing to conflict. It refuses while an engine file has changes that are not committed, or
anything is staged, so that the commit holds the engine's change alone; the commit touches no page, so
readers never see it in the history.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from handbook_engine.cli.handbook_project import UsageError
from handbook_engine.cli.work_tree import git, names, repository_root
from handbook_engine.settings import engine_files
from handbook_engine.yaml_source import SourceError

def uncommitted(root: Path, engine: Iterable[str]) -> list[str]:
    """What keeps an update from being one commit of the engine's change alone: anything staged, and every engine
    file changed, added or removed but not committed (porcelain status, one entry per path)."""
    entries = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all").split(b"\0")
    found, index = [], 0
    while index < len(entries):
        entry = entries[index].decode("utf-8", "surrogateescape")
        index += 1
        if not entry:
            continue
        staged, changed, path = entry[0], entry[1], entry[3:]
        if staged in "RC":
            index += 1  # the rename's or copy's source follows as an entry of its own
        if staged not in " ?" or engine_files.is_engine_file(path, engine):
            found.append(f"{path} ({'staged' if staged not in ' ?' else 'not committed' if changed != '?' else 'not in Git'})")
    return found


def run_update_engine(args: argparse.Namespace, root: Path) -> int:
    root = repository_root(root)
    try:
        engine_here = engine_files.read(root)
    except SourceError as error:
        raise UsageError(str(error)) from None
    blocking = uncommitted(root, engine_here)
    if blocking:
        raise UsageError("the engine's files must be committed (and nothing staged) before an update; commit or undo: "
                         + ", ".join(blocking[:10]) + (f" and {len(blocking) - 10} more" if len(blocking) > 10 else ""))
    git(root, "fetch", "--quiet", "--no-tags", args.source, args.ref)
    commit = git(root, "rev-parse", "--verify", "FETCH_HEAD^{commit}").decode().strip()
    try:
        listed = git(root, "show", f"{commit}:{engine_files.FILE}")
    except UsageError:
        raise UsageError(f"{args.ref} of {args.source} has no {engine_files.FILE}: is it the handbook engine?") from None
    try:
        engine_there = engine_files.parse(listed.decode("utf-8", "replace"), f"{args.ref}:{engine_files.FILE}")
    except SourceError as error:
        raise UsageError(str(error)) from None
    there = names(git(root, "ls-tree", "-r", "-z", "--name-only", commit))
    brought = [path for path in there if engine_files.is_engine_file(path, engine_there)]
    gone = sorted(set(path for path in names(git(root, "ls-files", "-z")) if engine_files.is_engine_file(path, engine_here)) - set(there))
    if gone:
        git(root, "rm", "--quiet", "--pathspec-from-file=-", "--pathspec-file-nul", stdin=b"\0".join(path.encode("utf-8", "surrogateescape") for path in gone))
    git(root, "checkout", commit, "--pathspec-from-file=-", "--pathspec-file-nul",
        stdin=b"\0".join(path.encode("utf-8", "surrogateescape") for path in brought))
    changed = set(names(git(root, "diff", "--cached", "--name-only", "-z")))
    short = commit[:7]
    if not changed:
        print(f"The engine's files are already those of {args.ref} ({short}); nothing to do.")
        return 0
    written = len(changed - set(gone))
    git(root, "commit", "--quiet", "-m", f"Engine update to {args.ref} ({short})",
        "-m", f"The engine's files as {args.ref} of {args.source} has them: {written} written, {len(gone)} removed.",
        "-m", f"Engine-commit: {commit}")
    print(f"Engine updated to {args.ref} ({short}): {written} file(s) written, {len(gone)} removed, committed as "
          f"{git(root, 'rev-parse', '--short', 'HEAD').decode().strip()}. Your pages and settings are as they were. "
          f"Run `make test` before you push.")
    return 0
