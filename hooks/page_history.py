"""Page history, What's new, the Atom feeds and the versions of the policy: a thin adapter over
`git_history` and `policy_versions`.

Each page gets `page.meta.history` (the day its file's text last changed and
the changes and reviews its page lists), which `partials/last-changed.html`
and `partials/change-history.html` draw. Every template gets
`handbook_edition`: the commit built, the addresses of this language's feed,
PDF, What's new and Versions pages, What's new's entries (one per commit, in
this language), and the versions of the policy. After each language's pass
its feed is written to `feed.xml` in the language's root.

The versions to show come from publishing, which works out the version a
publish makes before the build: `$HANDBOOK_VERSIONS` names a file, outside the
site, in versions.json's form (a build without it shows no versions). The
build records nothing.

The history is read once per build (`git_history.read`). Without it the
build says why in one warning, which fails `mkdocs build --strict`: a
published handbook must show its history, so publishing needs the full Git
history. A build without Git on purpose (a test in a temporary folder, the
benchmark's comparison) sets HANDBOOK_HISTORY=off and is told so in one line.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from handbook_engine.site import build_context
from handbook_engine.history import feed_xml
from handbook_engine.history import git_history
from handbook_engine.settings import labels
from handbook_engine.versions import policy_versions
from handbook_engine.site import published_files
from handbook_engine.history.feed_xml import FeedEntry
from handbook_engine.history.page_changes import History, Version
from handbook_engine.versions.policy_versions import PolicyVersion, Record

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.page_history")

SWITCHED_OFF = git_history.SWITCHED_OFF
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
    archive: str  # the folder of the versions' PDFs, relative to the site root
    languages: tuple[str, ...]  # the default first
    timezone: str  # the handbook's, in which a day starts

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def local_day(self, moment: dt.datetime) -> dt.date:
        """The calendar day of `moment` in the handbook's time zone (an announcement is recorded in UTC)."""
        return moment.astimezone(ZoneInfo(self.timezone)).date()

    def archived_pdfs(self, version: PolicyVersion) -> list[tuple[str, str]]:
        """Each language's PDF of `version`, as (language, address relative to the site root)."""
        return [(language, f"{self.archive}{version.id}/{published_files.language_root(language, self.languages[0])}{published_files.PDF}")
                for language in self.languages]

    @property
    def in_force(self) -> PolicyVersion | None:
        return self.versions[0][0] if self.versions else None


@dataclass
class _Pass:
    """One language's pass; replaced at every pass and every rebuild."""

    root: str
    history: History
    record: Record  # the versions to show
    nav: Navigation | None = None
    edition: Edition | None = field(default=None)


_pass: _Pass | None = None


def on_config(config: MkDocsConfig) -> None:
    global _pass
    context = build_context.current()
    languages, settings = context.languages, context.settings
    history = _read_history(Path(config.docs_dir), settings.timezone)
    _pass = _Pass(context.language_root, history, _shown_versions())
    if context.language == languages.default:
        if history.missing == SWITCHED_OFF:
            log.info(f"Page history is off ({SWITCHED_OFF}): pages show no changes, What's new and the feeds are empty")
        elif history.missing:
            log.warning(f"Page history is not shown: {history.missing}. Pages show no changes, What's new and the feeds are empty. "
                        f"Build from a full clone (git fetch --unshallow; the publish pipelines fetch the whole history), "
                        f"or set {SWITCHED_OFF} to build without it on purpose.")


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    _pass.nav = nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    path = page.file.src_uri
    last_changed = _pass.history.last_changed(path)
    if last_changed is not None:
        page.meta["history"] = {"last_changed": last_changed, "changes": _pass.history.listed(path)}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been read by now: What's new can name them."""
    context = build_context.current()
    pages = _pass.nav.pages
    latest = git_history.latest(_pass.history, [page.file.src_uri for page in pages], LATEST)
    feed = _pass.root + published_files.FEED
    _pass.edition = Edition(
        version=_pass.history.version,
        feed=feed,
        feed_address=context.site_root + feed,
        pdf=_pass.root + published_files.PDF,
        whats_new=_url_of(pages, WHATS_NEW_TEMPLATE),
        versions_page=_url_of(pages, policy_versions.VERSIONS_TEMPLATE),
        changes=tuple(FeedEntry(commit.note(context.language, context.languages.default),
                                tuple((_as_text(pages[index].title), pages[index].url) for index in indexes), commit)
                      for commit, indexes in latest),
        versions=tuple(_pass.record.newest_first()),
        archive=policy_versions.ARCHIVE + "/",
        languages=context.languages.all,
        timezone=context.settings.timezone,
    )
    env.globals["handbook_edition"] = _pass.edition
    env.filters["language_name"] = labels.language_name


def on_post_build(*, config: MkDocsConfig) -> None:
    context = build_context.current()
    site = Path(config.site_dir)
    edition = _pass.edition
    feed = feed_xml.atom(
        title=f"{_as_text(config.site_name)}: {context.labels.text('whats_new', context.language)}", language=context.language,
        site_url=context.site_root, feed_url=edition.feed,
        page_url=edition.whats_new if edition.whats_new is not None else _pass.root,
        author=_as_text(config.site_author or config.site_name), entries=edition.changes,
        updated=edition.version.time if edition.version else None, pages_label=context.labels.text("feed_pages", context.language),
    )
    (site / edition.feed).parent.mkdir(parents=True, exist_ok=True)
    (site / edition.feed).write_bytes(feed)
    sitemap = site / feed_xml.SITEMAP_FILE
    if _pass.root and sitemap.is_file():
        (site / _pass.root / feed_xml.SITEMAP_FILE).write_bytes(feed_xml.sitemap_under(sitemap.read_bytes(), context.site_root + _pass.root))


def _read_history(docs_dir: Path, timezone: str) -> History:
    try:
        return git_history.read_as_configured(docs_dir, timezone, os.environ)
    except ValueError as error:  # a wrong HANDBOOK_HISTORY
        raise PluginError(str(error)) from None


def _shown_versions() -> Record:
    """The versions to show, from the file $HANDBOOK_VERSIONS names; none without it."""
    path = os.environ.get(policy_versions.SHOWN_VARIABLE, "").strip()
    if not path:
        return Record()
    if not Path(path).is_file():
        raise PluginError(f"{policy_versions.SHOWN_VARIABLE}={path}: no such file; expected the versions to show, as publishing writes them")
    try:
        return policy_versions.load(Path(path))
    except policy_versions.VersionsError as error:
        raise PluginError(str(error)) from None


def _url_of(pages: list[Page], template: str) -> str | None:
    return next((page.url for page in pages if page.meta.get("template") == template), None)


def _as_text(value: object) -> str:
    """A title or site name as plain text: review_status escapes them for Material, which prints them as HTML."""
    return value.unescape() if isinstance(value, Markup) else str(value)
