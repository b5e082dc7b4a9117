"""Publishing's side of the versions of the policy: the version a publish makes, and keeping it.

Before the site is built, `pending` works out, from Git and the archive's
versions.json, the version that publishing the commit checked out makes (if
any) and how it was adopted; `shown` writes the record the build is to show
(the versions recorded so far and that one) into a file outside the site,
which the build reads through HANDBOOK_VERSIONS and shows on the Versions
page, the footer and the PDF's cover. The build records nothing.

While a version is upcoming (its In-force-from day is after today), the site
keeps showing the version in force: `Publication.shows` names it, and
publishing builds the site from its commit's pages and settings with the
engine of the commit published (`in_force_tree`), and the upcoming version's
PDFs from the commit published. The first publish on or after the day builds
the commit published again, which makes that version the one in force.

Once the site and its PDFs are built and verified, and before `current`
switches to it, holding the publish lock, `keep` copies the new version's PDFs
and writes its marked-up changes (`version_changes`) into a staging folder and
renames it to `archive/<id>/`, then replaces
versions.json in one rename: a publisher stopped at any moment leaves either
no trace of the version or all of it. A preview works out its version the same
way, to show it, and keeps nothing. Nothing here is ever pruned: a rollback
switches `current` back and leaves the archive as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from handbook_engine.atomic_file import sync_folder
from handbook_engine.history import git_history
from handbook_engine.history.page_changes import History
from handbook_engine.pages import front_matter
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.review_rules import ReviewSettings
from handbook_engine.site import published_files
from handbook_engine.versions import pending_version
from handbook_engine.versions import policy_versions
from handbook_engine.versions import version_changes
from handbook_engine.versions.pending_version import PageNames
from handbook_engine.versions.policy_versions import PolicyVersion, Record

STAGING_PREFIX = ".staging-"


class ArchiveError(Exception):
    """The version could not be worked out or kept; `current` was not switched."""


@dataclass(frozen=True)
class Publication:
    """What publishing one commit does to the record: the versions recorded so far, the version it adds (None when
    it adds none), the Versions page's address in each language, and the version in force whose text the site keeps
    showing while a version is upcoming (None: the site shows the commit published)."""

    recorded: Record
    version: PolicyVersion | None
    versions_page: dict[str, str]
    shows: PolicyVersion | None = None
    notes: tuple[str, ...] = ()  # about the trailers, printed by the publish; they do not stop it

    @property
    def shown(self) -> Record:
        """The record as it will be once the version is kept: what the build shows."""
        return replace(added(self.recorded, self.version), versions_page=self.versions_page)


def added(record: Record, version: PolicyVersion | None) -> Record:
    """`record` with `version` after its versions; the upcoming version it replaces (one not yet in force on the
    new version's publish day) marked superseded_by it."""
    if version is None:
        return record
    replaced = record.upcoming_on(version.published_on)
    return replace(record, versions=tuple(replace(old, superseded_by=version.id) if old is replaced else old
                                          for old in record.versions) + (version,))


def folder(target: Path) -> Path:
    """PUBLISH_DIR/archive: the versions' PDFs and versions.json."""
    return target / policy_versions.ARCHIVE


def recorded(target: Path) -> Record:
    """The versions recorded in `target`'s archive; raise ArchiveError naming the file and the field."""
    try:
        return policy_versions.load(folder(target) / policy_versions.VERSIONS_FILE)
    except policy_versions.VersionsError as error:  # names the file itself
        raise ArchiveError(str(error)) from None


def pending(target: Path, docs_dir: Path, languages: Languages, settings: ReviewSettings, records: list[PageRecord],
            history: History, today: dt.date) -> Publication:
    """What publishing the commit `history` was read at makes today, against `target`'s archive (the commits before
    `extra.review.history_since` left out). Raise ArchiveError when its adoption trailers are wrong, or when this
    clone lacks the newest version's commit."""
    record = recorded(target)
    versions_page = _versions_page(records, languages)
    if history.version is None or history.missing:  # the strict build stops on the missing history itself
        return Publication(record, None, versions_page)
    head = history.version.commit
    in_force, upcoming = record.in_force_on(today), record.upcoming_on(today)
    since_last = _commits_since(docs_dir, in_force, head, settings)
    since_upcoming = None if upcoming is None else _commits_since(docs_dir, upcoming, head, settings)
    files_in_force = set() if in_force is None else git_history.files_at(docs_dir, in_force.commit)

    def names(key: str) -> PageNames:
        """A changed page's title and address in each language it has a file in (only these few are read); a
        removed page's from the version in force, which held it."""
        titles, urls = {}, {}
        paths = {language: languages.join(key, language) for language in languages.all}
        here = {language: path for language, path in paths.items() if (docs_dir / path).is_file()}
        held = {language: path for language, path in paths.items() if path in files_in_force}
        for language, path in (here or held).items():
            matter = front_matter.read(docs_dir / path) if here else front_matter.parse(
                front_matter.decode(git_history.file_at(docs_dir, in_force.commit, path))[0])
            title = matter.data.get("title")
            titles[language] = title if isinstance(title, str) and title.strip() else key
            urls[language] = languages.url(key, language)
        change = (policy_versions.REMOVED if not here else policy_versions.ADDED if in_force is not None and not held
                  else policy_versions.CHANGED)
        return PageNames(titles, urls, change)

    version, problems, notes = pending_version.pending(record, history, since_last, head, today, languages.all, names,
                                                       lambda path: languages.split(path)[0], since_upcoming)
    if problems:
        raise ArchiveError("; ".join(problems))
    if version is not None:
        version = replace(version, changes_page=version_changes.addresses(version.id, languages.all))
    shown = added(record, version)
    # While a version is upcoming the site keeps the text of the version in force (none: the first is being made).
    shows = shown.in_force_on(today) if shown.upcoming_on(today) is not None else None
    return Publication(record, version, versions_page, shows if shows is not None and shows.commit != head else None, tuple(notes))


def _commits_since(docs_dir: Path, version: PolicyVersion | None, head: str, settings: ReviewSettings) -> tuple:
    """The commits after `version` up to `head` (all when None); raise ArchiveError when this clone lacks its commit."""
    found = git_history.commits_since(docs_dir, version.commit if version else None, head, settings.timezone, settings.history_since)
    if found is None:
        raise ArchiveError(
            f"version {version.id} was made of commit {version.short}, which this clone does not have "
            f"(was main rewritten?): no new version can be made. Set that version's commit in "
            f"{policy_versions.ARCHIVE}/{policy_versions.VERSIONS_FILE} to the commit that holds its text.")
    return found


def shown(publication: Publication, path: Path) -> Path:
    """Write the record the build shows into `path` (outside the site); return `path`."""
    policy_versions.save(path, publication.shown)
    return path


def keep(target: Path, site: Path, languages: tuple[str, ...], publication: Publication,
         changes: Callable[[PolicyVersion, Record], Mapping[str, bytes]]) -> PolicyVersion | None:
    """Keep the version `publication` adds, if it adds one, with the PDFs of `site` (the build of its commit) and the
    files of its marked-up changes (`changes` of the version and the record before it, by path in its folder): return
    it. An upcoming version it replaces is marked superseded_by it in the same write. The record is read again
    under the lock, so a version kept meanwhile is not kept twice. Raise ArchiveError."""
    record = recorded(target)
    version = publication.version
    if version is not None and record.find(version.id) is None:
        _store(folder(target), version.id, site, languages, changes(version, replace(record, versions_page=publication.versions_page)))
        record = added(record, version)
    else:
        version = None
    policy_versions.save(folder(target) / policy_versions.VERSIONS_FILE, replace(record, versions_page=publication.versions_page))
    return version


def _versions_page(records: list[PageRecord], languages: Languages) -> dict[str, str]:
    """The Versions page's address in each language, for the record (the announcement links to it)."""
    key = next((record.key for record in records if record.language == languages.default
                and record.matter.data.get("template") == policy_versions.VERSIONS_TEMPLATE), None)
    return {} if key is None else {language: languages.url(key, language) for language in languages.all}


def _store(archive: Path, version_id: str, site: Path, languages: tuple[str, ...], files: Mapping[str, bytes]) -> None:
    """The version's folder, made whole in staging and renamed into place: the PDFs of `site` and `files`."""
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
    for name, content in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        with open(staging / name, "wb") as handle:
            handle.write(content)
            os.fsync(handle.fileno())
    # A folder of this id not in versions.json was left by a publisher that was stopped: replace it.
    shutil.rmtree(archive / version_id, ignore_errors=True)
    os.rename(staging, archive / version_id)
    sync_folder(archive)
