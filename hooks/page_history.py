"""Page history, What's new, the Atom feeds and the version in the footer: a thin adapter over `git_history`.

Each page gets `page.meta.history` (the day its file's text last changed and
the changes readers see), which `partials/last-changed.html` and
`partials/change-history.html` draw. Every template gets `handbook_edition`:
the version built, the addresses of this language's feed, PDF and What's new
page, and What's new's entries. After each language's pass its feed is
written to `feed.xml` in the language's root.

The history is read once per build (`git_history.read`). Without it the
build says why in one warning, which fails `mkdocs build --strict`: a
published handbook must show its history, so publishing needs the full Git
history. A build without Git on purpose (a test in a temporary folder, the
benchmark's comparison) sets HANDBOOK_HISTORY=off and is told so in one line.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.exceptions import PluginError

import feed_xml
import git_history
import labels
import published_files
import review_rules
import site_languages
from feed_xml import FeedEntry
from git_history import History, Version

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.page_history")

HISTORY_VARIABLE = "HANDBOOK_HISTORY"
READ_GIT = "git"
OFF = "off"
SWITCHED_OFF = f"{HISTORY_VARIABLE}={OFF}"
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
    changes: tuple[FeedEntry, ...]


@dataclass
class _Pass:
    """One language's pass; replaced at every pass and every rebuild."""

    language: str
    root: str
    history: History
    whats_new_label: str
    nav: Navigation | None = None
    edition: Edition | None = field(default=None)


_pass: _Pass | None = None


def on_config(config: MkDocsConfig) -> None:
    global _pass
    try:
        languages = site_languages.of_build(config)
        settings = review_rules.settings_from_mapping(config.extra.get("review"))
        texts = labels.load(Path(config.theme.custom_dir) / labels.FOLDER) if config.theme.custom_dir else labels.Labels({labels.FALLBACK: {}})
    except ValueError as error:  # review_status reports these with their line
        raise PluginError(str(error)) from None
    language = site_languages.pass_language(config, languages)
    history = _read_history(Path(config.docs_dir), settings.timezone)
    _pass = _Pass(language, published_files.language_root(language, languages.default), history, texts.text("whats_new", language))
    if language == languages.default and history.missing:
        if history.missing == SWITCHED_OFF:
            log.info(f"Page history is off ({SWITCHED_OFF}): pages show no changes, What's new and the feeds are empty")
        else:
            log.warning(f"Page history is not shown: {history.missing}. Pages show no changes, What's new and the feeds are empty. "
                        f"Build from a full clone (git fetch --unshallow; the publish pipelines fetch the whole history), "
                        f"or set {HISTORY_VARIABLE}=off to build without it on purpose.")


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    _pass.nav = nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    path = page.file.src_uri
    last_changed = _pass.history.last_changed(path)
    if last_changed is not None:
        page.meta["history"] = {"last_changed": last_changed, "changes": _pass.history.listed(path)}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been read by now: What's new can name them."""
    pages = _pass.nav.pages
    latest = git_history.latest(_pass.history, [page.file.src_uri for page in pages], LATEST)
    whats_new = next((page.url for page in pages if page.meta.get("template") == WHATS_NEW_TEMPLATE), None)
    feed = _pass.root + published_files.FEED
    _pass.edition = Edition(
        version=_pass.history.version,
        feed=feed,
        feed_address=_site_root(config) + feed,
        pdf=_pass.root + published_files.PDF,
        whats_new=whats_new,
        changes=tuple(FeedEntry(_as_text(pages[index].title), pages[index].url, change) for index, change in latest),
    )
    env.globals["handbook_edition"] = _pass.edition


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    edition = _pass.edition
    feed = feed_xml.atom(
        title=f"{_as_text(config.site_name)}: {_pass.whats_new_label}", language=_pass.language, site_url=_site_root(config), feed_url=edition.feed,
        page_url=edition.whats_new if edition.whats_new is not None else _pass.root,
        author=_as_text(config.site_author or config.site_name), entries=edition.changes,
        updated=edition.version.time if edition.version else None,
    )
    (site / edition.feed).parent.mkdir(parents=True, exist_ok=True)
    (site / edition.feed).write_bytes(feed)
    sitemap = site / feed_xml.SITEMAP_FILE
    if _pass.root and sitemap.is_file():
        (site / _pass.root / feed_xml.SITEMAP_FILE).write_bytes(feed_xml.sitemap_under(sitemap.read_bytes(), _site_root(config) + _pass.root))


def _read_history(docs_dir: Path, timezone: str) -> History:
    choice = os.environ.get(HISTORY_VARIABLE, "").strip()
    if choice == OFF:
        return History(missing=SWITCHED_OFF)
    if choice not in ("", READ_GIT):
        raise PluginError(f"{HISTORY_VARIABLE}={choice!r}: expected '{READ_GIT}' (read the history from Git, the default) or '{OFF}'")
    return git_history.read(docs_dir, timezone)


def _site_root(config: MkDocsConfig) -> str:
    site_url = config.site_url or "/"
    return site_url if site_url.endswith("/") else site_url + "/"


def _as_text(value: object) -> str:
    """A title or site name as plain text: review_status escapes them for Material, which prints them as HTML."""
    return value.unescape() if isinstance(value, Markup) else str(value)
