"""Keeping each version of the policy: its PDFs in PUBLISH_DIR/archive/<id>/ and its line in versions.json.

A build given HANDBOOK_ARCHIVE writes into its site `version.json`: the
versions recorded so far plus the one it makes, if any (see
hooks/policy_versions.py). Publishing calls `keep` once the site is verified
and before `current` switches to it, holding the publish lock, and takes
`version.json` out of the site (a preview's too: `drop_record`). The PDFs are
copied into a staging folder and renamed into place, then versions.json is
replaced in one rename, so a publisher stopped at any moment leaves either no
trace of the version or all of it. Nothing here is ever pruned: a rollback
switches `current` back and leaves the archive as it is.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

from handbook_engine.versions import policy_versions
from handbook_engine.site import published_files
from handbook_engine.versions.policy_versions import PolicyVersion

STAGING_PREFIX = ".staging-"


class ArchiveError(Exception):
    """The version could not be kept; `current` was not switched."""


def folder(target: Path) -> Path:
    """PUBLISH_DIR/archive: the versions' PDFs and versions.json."""
    return target / policy_versions.ARCHIVE


def keep(target: Path, site: Path, languages: tuple[str, ...]) -> PolicyVersion | None:
    """Keep the version the built `site` makes, if any; return it. Raise ArchiveError."""
    archive = folder(target)
    try:
        data = json.loads((site / policy_versions.SITE_RECORD).read_text(encoding="utf-8"))
        built = policy_versions.from_data(data)
    except (OSError, ValueError) as error:  # JSONDecodeError and VersionsError are ValueErrors
        raise ArchiveError(f"{policy_versions.SITE_RECORD}: {error}") from None
    try:
        record = policy_versions.load(archive / policy_versions.VERSIONS_FILE)
    except policy_versions.VersionsError as error:  # names the file itself
        raise ArchiveError(str(error)) from None
    version = built.find(data.get("new") or "")
    if version is not None and record.find(version.id) is None:
        _store_pdfs(archive, version.id, site, languages)
        record = replace(record, versions=record.versions + (version,))
    else:
        version = None
    policy_versions.save(archive / policy_versions.VERSIONS_FILE, replace(record, versions_page=built.versions_page))
    drop_record(site)
    return version


def drop_record(site: Path) -> None:
    """Take the build's record out of the site: it names whom announcements went to, and readers have the
    Versions page."""
    (site / policy_versions.SITE_RECORD).unlink(missing_ok=True)


def _store_pdfs(archive: Path, version_id: str, site: Path, languages: tuple[str, ...]) -> None:
    staging = archive / f"{STAGING_PREFIX}{version_id}"
    shutil.rmtree(staging, ignore_errors=True)
    for language in languages:
        name = published_files.language_root(language, languages[0]) + published_files.PDF
        source = site / name
        if not source.is_file():
            shutil.rmtree(staging, ignore_errors=True)
            raise ArchiveError(f"{name}: missing; a version is kept with every language's PDF")
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / name)
        with open(staging / name, "rb") as handle:
            os.fsync(handle.fileno())
    # A folder of this id not in versions.json was left by a publisher that was stopped: replace it.
    shutil.rmtree(archive / version_id, ignore_errors=True)
    os.rename(staging, archive / version_id)
