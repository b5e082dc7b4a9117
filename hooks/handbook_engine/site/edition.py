"""What every template knows about the handbook being built, in one pass's language, free of any site engine.

`hooks/page_history.py` makes it once the pass has read every page and gives it
to the templates as `handbook_edition`: the commit built, the addresses of the
language's feed, PDF, What's new and Versions pages, What's new's entries (one
per commit that changed the text of a page, in this language), and the
versions of the policy to show: which one this build's text is, which is
upcoming, and whose e-mail told staff of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handbook_engine.history import git_history
from handbook_engine.history.feed_xml import FeedEntry
from handbook_engine.history.page_changes import History, Version
from handbook_engine.site import published_files
from handbook_engine.versions import policy_versions
from handbook_engine.versions.policy_versions import PolicyVersion, Record

WHATS_NEW_TEMPLATE = "whats-new.html"
# How many changes What's new and the feeds show.
LATEST = 50


@dataclass(frozen=True)
class Edition:
    """What every template knows about the handbook being built, in this pass's language."""

    version: Version | None
    feed: str  # relative to the site root
    feed_address: str  # absolute, to paste into a feed reader
    pdf: str
    whats_new: str | None  # the What's new page, if the handbook has one
    versions_page: str | None  # the Versions page, if the handbook has one
    changes: tuple[FeedEntry, ...]
    versions: tuple[tuple[PolicyVersion, object], ...]  # each version and the day the next came into force, newest first
    archive: str  # the folder of the versions' PDFs, relative to the site root (a preview's goes up to the published site's)
    languages: tuple[str, ...]  # the default first
    timezone: str  # the handbook's, in which a day starts
    record: Record = Record()  # the versions to show, oldest first
    today: dt.date | None = None
    unkept: str | None = None  # in a preview, the id of the version its commit would make, which the archive does not hold

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def upcoming(self, version: PolicyVersion) -> bool:
        """Published to come into force after today (the site shows the version in force until that day)."""
        return self.today is not None and version.upcoming(self.today)

    def told_by(self, version: PolicyVersion) -> PolicyVersion | None:
        """The version whose e-mail told staff of `version` (itself, or the one it replaced with editorial changes only)."""
        return self.record.told_by(version)

    def local_day(self, moment: dt.datetime) -> dt.date:
        """The calendar day of `moment` in the handbook's time zone (an announcement is recorded in UTC)."""
        return moment.astimezone(ZoneInfo(self.timezone)).date()

    def archived_pdfs(self, version: PolicyVersion) -> list[tuple[str, str]]:
        """Each language's PDF of `version`, as (language, address relative to the site root). A preview keeps
        nothing in the archive: the version its commit would make has the preview's own PDFs."""
        folder = "" if version.id == self.unkept else f"{self.archive}{version.id}/"
        return [(language, f"{folder}{published_files.language_root(language, self.languages[0])}{published_files.PDF}")
                for language in self.languages]

    def changes_address(self, version: PolicyVersion, language: str) -> tuple[str, str] | None:
        """Where `version`'s marked-up changes are, in `language` or else the default one: (language, address
        relative to the site root), or None for a version kept before they were made. A preview has those of the
        version its commit would make at its own root, as it has its PDFs."""
        if not version.changes_page:
            return None
        shown = language if language in version.changes_page else self.default_language
        address = version.changes_page[shown]
        return shown, address.partition("/")[2] if version.id == self.unkept else f"{self.archive}{address}"

    @property
    def in_force(self) -> PolicyVersion | None:
        """The version whose text this build shows: the one made of the commit built, else the one in force today
        (a later commit that made no version, like a `[skip history]` fix, shows the version in force)."""
        built = self.version.commit if self.version is not None else None
        return next((version for version in self.record.applying() if version.commit == built),
                    self.record.in_force_on(self.today) if self.today is not None else None)


@dataclass(frozen=True)
class NavPage:
    """A page of the pass's navigation as the edition needs it: its file, address, title as text and template."""

    path: str  # under docs/
    url: str
    title: str
    template: str | None


def make(pages: Sequence[NavPage], history: History, versions: Record, language: str, languages: Sequence[str],
         timezone: str, site_root: str, today: dt.date, *, preview: bool = False, unkept: str | None = None) -> Edition:
    """The edition of one language's pass, whose navigation lists `pages`; a preview's (`preview`) lives in
    previews/<name>/ beside the published site, whose archive it links to, except for the version `unkept`."""
    root = published_files.language_root(language, languages[0])
    latest = git_history.latest(history, [page.path for page in pages], LATEST)
    feed = root + published_files.FEED
    return Edition(
        version=history.version,
        feed=feed,
        feed_address=site_root + feed,
        pdf=root + published_files.PDF,
        whats_new=_url_of(pages, WHATS_NEW_TEMPLATE),
        versions_page=_url_of(pages, policy_versions.VERSIONS_TEMPLATE),
        changes=tuple(FeedEntry(commit.note(language, languages[0]), tuple((pages[index].title, pages[index].url) for index in indexes), commit)
                      for commit, indexes in latest),
        versions=tuple(versions.newest_first()),
        archive=("../../" if preview else "") + policy_versions.ARCHIVE + "/",
        languages=tuple(languages),
        timezone=timezone,
        record=versions,
        today=today,
        unkept=unkept or None,
    )


def _url_of(pages: Sequence[NavPage], template: str) -> str | None:
    return next((page.url for page in pages if page.template == template), None)
