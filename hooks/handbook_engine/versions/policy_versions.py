"""The versions of the policy, kept forever: which text was in force from which day, free of any site engine.

Every publish of a commit that changed page text for readers makes a new
version. Publishing keeps each version's PDFs in `PUBLISH_DIR/archive/<id>/`
and records the versions, oldest first, in `PUBLISH_DIR/archive/versions.json`:

    {"versions_page": {"nl": "versies/", "en": "en/versies/"},
     "versions": [{"id": "2026-11-24-1a2b3c4", "commit": "<40 hex>", "kind": "substantive",
                   "in_force_from": "2026-11-24", "published_on": "2026-11-24", "superseded_by": null,
                   "changes": [{"commit": "<40 hex>", "kind": "substantive", "notes": {"nl": "...", "en": "..."}}],
                   "pages": [{"path": "richtlijnen.md", "change": "changed", "titles": {"nl": "...", "en": "..."},
                              "urls": {"nl": "richtlijnen/", "en": "en/richtlijnen/"}}],
                   "approved_by": "de directie", "works_council_consent": "2026-11-10",
                   "changes_page": {"nl": "2026-11-24-1a2b3c4/changes.html", "en": "2026-11-24-1a2b3c4/en/changes.html"},
                   "announcement": {"sent_at": "2026-11-24T09:00:00+00:00", "to": ["..."], "message_id": "<...>"}}]}

A change's notes hold the default language's note always and another
language's only where the commit gave one; `approved_by`,
`works_council_consent`, `superseded_by`, `changes_page` and `announcement`
may be null. A version is `editorial` when every commit it holds carries
`Change-type: editorial`, else `substantive`; a page is `changed`, `added` or
`removed` (withdrawn from the version's day on). A version whose
`in_force_from` is after today is upcoming; one `superseded_by` a later
version was replaced before it came into force and never applied. The version
in force on a day is the newest one not superseded whose day is on or before
it. `changes_page` is where the version's marked-up changes are kept, by
language, relative to the archive (`version_changes`); a version kept before
they were made has none. A file written before these fields existed
loads with their defaults (substantive, published on its day in force, every
page changed).

Which version a publish makes is `pending_version`; publishing works it out,
gives the build the record to show in a file of this form (HANDBOOK_VERSIONS),
and keeps it once the site is verified (`version_archive`); the announcement
adds its line when the e-mail went out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from handbook_engine.atomic_file import replace_atomically

ARCHIVE = "archive"
VERSIONS_FILE = "versions.json"
# The versions a build shows: a file in versions.json's form, outside the site, that publishing and previews write
# (the versions recorded so far and the one the publish makes). A build without it shows none.
SHOWN_VARIABLE = "HANDBOOK_VERSIONS"
# The template of the page that lists the versions.
VERSIONS_TEMPLATE = "versions.html"
# The kinds of a version and of a commit (the Git trailer `Change-type: editorial`).
SUBSTANTIVE = "substantive"
EDITORIAL = "editorial"
KINDS = (SUBSTANTIVE, EDITORIAL)
# What a version did to a page.
CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"
PAGE_CHANGES = (CHANGED, ADDED, REMOVED)


class VersionsError(ValueError):
    """A versions file that cannot be read: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Announcement:
    """When the e-mail about a version went out, to whom, and its Message-ID."""

    sent_at: dt.datetime
    to: tuple[str, ...]
    message_id: str


@dataclass(frozen=True)
class ChangeNote:
    """One commit's note to readers, by language."""

    commit: str
    notes: Mapping[str, str]
    kind: str = SUBSTANTIVE


@dataclass(frozen=True)
class ChangedPage:
    """A page whose text a version changed, added or removed: its title and address (relative to the site root) by
    language; a removed page's are those of the last version that held it."""

    path: str
    titles: Mapping[str, str]
    urls: Mapping[str, str]
    change: str = CHANGED


@dataclass(frozen=True)
class PolicyVersion:
    id: str
    commit: str
    in_force_from: dt.date
    changes: tuple[ChangeNote, ...] = ()
    pages: tuple[ChangedPage, ...] = ()
    approved_by: str | None = None
    works_council_consent: dt.date | None = None
    announcement: Announcement | None = None
    kind: str = SUBSTANTIVE
    published_on: dt.date | None = None  # the day it was published; given none, its day in force (as before it was recorded)
    superseded_by: str | None = None
    changes_page: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.published_on is None:
            object.__setattr__(self, "published_on", self.in_force_from)

    @property
    def short(self) -> str:
        return self.commit[:7]

    def upcoming(self, day: dt.date) -> bool:
        """Published, not yet in force on `day`, and not replaced."""
        return self.superseded_by is None and self.in_force_from > day


@dataclass(frozen=True)
class Record:
    """Every version, oldest first, and the address of the Versions page in each language."""

    versions: tuple[PolicyVersion, ...] = ()
    versions_page: Mapping[str, str] = field(default_factory=dict)

    def find(self, version_id: str) -> PolicyVersion | None:
        return next((version for version in self.versions if version.id == version_id), None)

    def applying(self) -> tuple[PolicyVersion, ...]:
        """The versions that apply or will apply, oldest first: every one that was not replaced before its day."""
        return tuple(version for version in self.versions if version.superseded_by is None)

    def in_force_on(self, day: dt.date) -> PolicyVersion | None:
        """The version in force on `day`: the newest one not replaced whose day is on or before it."""
        return next((version for version in reversed(self.applying()) if version.in_force_from <= day), None)

    def upcoming_on(self, day: dt.date) -> PolicyVersion | None:
        """The version published to come into force after `day`, if any (a later one replaces it, so there is one)."""
        return next((version for version in reversed(self.applying()) if version.in_force_from > day), None)

    def until(self, version: PolicyVersion) -> dt.date | None:
        """The day the next version came (or comes) into force: `version` applies until the day before; None for the
        newest, and for a version that was replaced and never applied."""
        if version.superseded_by is not None:
            return None
        applying = self.applying()
        later = applying[applying.index(version) + 1:]
        return later[0].in_force_from if later else None

    def told_by(self, version: PolicyVersion) -> PolicyVersion | None:
        """The version whose e-mail told staff of `version`: itself when announced; else, for a version that replaced
        an announced one before its day, that one, when its e-mail named the same day and every substantive change
        `version` holds (the replacement added editorial changes only). None when staff have not been told."""
        if version.announcement is not None:
            return version
        for replaced in self.versions:
            if replaced.superseded_by == version.id and replaced.in_force_from == version.in_force_from:
                told = self.told_by(replaced)
                known = {change.commit for change in told.changes} if told is not None else set()
                if told is not None and all(change.commit in known for change in version.changes if change.kind == SUBSTANTIVE):
                    return told
        return None

    def to_announce(self) -> tuple[PolicyVersion, ...]:
        """The versions staff must still be told of, oldest first: substantive, not replaced, and not told of yet.
        An editorial version is never announced; nor is one that replaced an announced version with editorial
        changes only (staff already know the rule and its day)."""
        return tuple(version for version in self.applying()
                     if version.kind == SUBSTANTIVE and self.told_by(version) is None)

    def announced(self, version_id: str, announcement: Announcement) -> Record:
        """The record with `announcement` on the version `version_id`."""
        return replace(self, versions=tuple(replace(version, announcement=announcement) if version.id == version_id else version
                                            for version in self.versions))

    def newest_first(self) -> list[tuple[PolicyVersion, dt.date | None]]:
        """Each version with the day the next one came (or comes) into force (None for the newest, and for one that
        was replaced before its day), newest first."""
        return [(version, self.until(version)) for version in reversed(self.versions)]


def version_id(in_force_from: dt.date, commit: str) -> str:
    return f"{in_force_from.isoformat()}-{commit[:7]}"


def load(path: Path) -> Record:
    """The record in `path`; an empty one when there is no file yet. Raise VersionsError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Record()
    except (OSError, UnicodeDecodeError) as error:
        raise VersionsError(f"{path}: cannot be read ({error})") from None
    try:
        return from_data(json.loads(text))
    except json.JSONDecodeError as error:
        raise VersionsError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from None
    except VersionsError as error:
        raise VersionsError(f"{path}: {error}") from None


def save(path: Path, record: Record) -> None:
    """Write the record in one rename: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, json.dumps(to_data(record), ensure_ascii=False, indent=2) + "\n")


def to_data(record: Record) -> dict:
    return {
        "versions_page": dict(record.versions_page),
        "versions": [{
            "id": version.id,
            "commit": version.commit,
            "kind": version.kind,
            "in_force_from": version.in_force_from.isoformat(),
            "published_on": version.published_on.isoformat(),
            "superseded_by": version.superseded_by,
            "changes": [{"commit": change.commit, "kind": change.kind, "notes": dict(change.notes)} for change in version.changes],
            "pages": [{"path": page.path, "change": page.change, "titles": dict(page.titles), "urls": dict(page.urls)}
                      for page in version.pages],
            "approved_by": version.approved_by,
            "works_council_consent": version.works_council_consent.isoformat() if version.works_council_consent else None,
            "changes_page": None if version.changes_page is None else dict(version.changes_page),
            "announcement": None if version.announcement is None else {
                "sent_at": version.announcement.sent_at.isoformat(),
                "to": list(version.announcement.to),
                "message_id": version.announcement.message_id,
            },
        } for version in record.versions],
    }


def from_data(data: object) -> Record:
    """A record from parsed JSON; raise VersionsError naming the field."""
    data = _mapping(data, "the file")
    versions = tuple(_version(item, f"versions[{number}]") for number, item in enumerate(_list(data.get("versions", []), "versions")))
    ids = [version.id for version in versions]
    if len(set(ids)) != len(ids):
        raise VersionsError(f"versions: an id is given twice ({sorted(i for i in ids if ids.count(i) > 1)[0]})")
    unknown = next((version for version in versions if version.superseded_by is not None and version.superseded_by not in ids), None)
    if unknown is not None:
        raise VersionsError(f"versions: {unknown.id} is superseded_by {unknown.superseded_by!r}, which is no version in the file")
    return Record(versions, _addresses(data.get("versions_page", {}), "versions_page"))


def _version(item: object, where: str) -> PolicyVersion:
    item = _mapping(item, where)
    announcement = item.get("announcement")
    if announcement is not None:
        announcement = _mapping(announcement, f"{where}.announcement")
        announcement = Announcement(
            _datetime(announcement.get("sent_at"), f"{where}.announcement.sent_at"),
            tuple(_text(address, f"{where}.announcement.to") for address in _list(announcement.get("to"), f"{where}.announcement.to")),
            _text(announcement.get("message_id"), f"{where}.announcement.message_id"),
        )
    consent = item.get("works_council_consent")
    in_force_from = _date(item.get("in_force_from"), f"{where}.in_force_from")
    published_on = item.get("published_on")
    superseded_by = item.get("superseded_by")
    changes_page = item.get("changes_page")
    return PolicyVersion(
        id=_text(item.get("id"), f"{where}.id"),
        commit=_text(item.get("commit"), f"{where}.commit"),
        in_force_from=in_force_from,
        kind=_choice(item.get("kind", SUBSTANTIVE), KINDS, f"{where}.kind"),
        published_on=None if published_on is None else _date(published_on, f"{where}.published_on"),
        superseded_by=None if superseded_by is None else _text(superseded_by, f"{where}.superseded_by"),
        changes_page=None if changes_page is None else _addresses(changes_page, f"{where}.changes_page"),
        changes=tuple(_change(change, f"{where}.changes[{number}]") for number, change in enumerate(_list(item.get("changes", []), f"{where}.changes"))),
        pages=tuple(_page(page, f"{where}.pages[{number}]") for number, page in enumerate(_list(item.get("pages", []), f"{where}.pages"))),
        approved_by=None if item.get("approved_by") is None else _text(item.get("approved_by"), f"{where}.approved_by"),
        works_council_consent=None if consent is None else _date(consent, f"{where}.works_council_consent"),
        announcement=announcement,
    )


def _change(item: object, where: str) -> ChangeNote:
    item = _mapping(item, where)
    return ChangeNote(_text(item.get("commit"), f"{where}.commit"), _texts(item.get("notes"), f"{where}.notes"),
                      _choice(item.get("kind", SUBSTANTIVE), KINDS, f"{where}.kind"))


def _page(item: object, where: str) -> ChangedPage:
    item = _mapping(item, where)
    return ChangedPage(_text(item.get("path"), f"{where}.path"), _texts(item.get("titles"), f"{where}.titles"),
                       _addresses(item.get("urls"), f"{where}.urls"), _choice(item.get("change", CHANGED), PAGE_CHANGES, f"{where}.change"))


def _choice(value: object, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise VersionsError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _mapping(value: object, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise VersionsError(f"{where}: expected an object, found {type(value).__name__}")
    return value


def _list(value: object, where: str) -> list:
    if not isinstance(value, list):
        raise VersionsError(f"{where}: expected a list, found {type(value).__name__}")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise VersionsError(f"{where}: expected a text, found {value!r}")
    if not value.isprintable() and any("\ud800" <= character <= "\udfff" for character in value):
        raise VersionsError(f"{where}: holds a lone surrogate ({value[:40]!r}), which is no text; fix the file")
    return value


def _texts(value: object, where: str) -> dict[str, str]:
    return {_text(key, where): _text(text, f"{where}.{key}") for key, text in _mapping(value, where).items()}


def _addresses(value: object, where: str) -> dict[str, str]:
    """Addresses relative to the site root, by language: the default language's home page is '' (the root itself)."""
    return {_text(key, where): "" if address == "" else _text(address, f"{where}.{key}") for key, address in _mapping(value, where).items()}


def _date(value: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(value, where))
    except ValueError:
        raise VersionsError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD") from None


def _datetime(value: object, where: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(_text(value, where))
    except ValueError:
        raise VersionsError(f"{where}: {value!r} is not a time; expected an ISO 8601 time with its offset") from None
