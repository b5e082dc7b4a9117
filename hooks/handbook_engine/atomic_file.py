"""Writing a file in one rename, and making a rename last, free of any site engine.

Used for every file the project writes in place: pages and mkdocs.yml
changed by the editors' tool, CODEOWNERS, the check report, the record of
the policy's versions and the cache of change kinds; and for the renames that
publish a release and keep a version.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_atomically(path: Path, text: str) -> None:
    """Write `text` into `path` through a temporary file renamed over it, so that a reader or an interrupted
    write never sees half a file; the file keeps its permissions (0644 when it is new) and its line endings
    are written as given."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush `folder`'s entries to disk, so that a rename in it outlives a crash of the machine."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
