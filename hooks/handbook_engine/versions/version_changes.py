"""A version's marked-up changes: one page per language, kept with the version in the archive, free of any site engine.

Publishing makes them when it keeps a version (`version_archive.keep`), beside its PDFs:

    archive/<id>/changes.html       the default language's page
    archive/<id>/en/changes.html    each other language's
    archive/<id>/changes.css        their stylesheet, kept with them: the site's own changes with each release

Each page shows, for every page whose reader text differs between the version in force on the day the
version is published and the version, what was removed and what was added (`marked_changes`, on the text of
`page_text`): the pages' files are read from Git at both commits (one `git ls-tree` each, one `git cat-file`),
in the page's language or, where it has no file in that language, in the default language as the site falls
back to it. A page that has a file only in the new version is added, one only in the old is withdrawn. The
first version has no previous one and says so. The page is `overrides/archive/changes.html`; the record
(`PolicyVersion.changes_page`) gives its address in each language, relative to the archive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from handbook_engine.history import git_history
from handbook_engine.languages.page_languages import Languages
from handbook_engine.site import published_files
from handbook_engine.versions import marked_changes
from handbook_engine.versions.marked_changes import Part
from handbook_engine.versions.page_text import PageText, Reader
from handbook_engine.versions.policy_versions import PolicyVersion, Record

FILE = "changes.html"
STYLESHEET = "changes.css"
# Under the theme's custom_dir (overrides/): the page's template and the stylesheet copied beside it.
TEMPLATE = "archive/changes.html"
STYLESHEET_SOURCE = "assets/stylesheets/version-changes.css"
# What a version did to a page (the words of the record's per-page `change`).
ADDED = "added"
CHANGED = "changed"
REMOVED = "removed"


@dataclass(frozen=True)
class PageChanges:
    """One page's changes as one language's changes page shows them."""

    key: str  # its file in the default language, under docs/
    change: str  # ADDED, CHANGED or REMOVED
    title: str  # the new version's (the old one's when withdrawn)
    title_before: str | None  # the old title, when it changed
    url: str  # the page's address relative to the site root
    language: str  # the language of the text compared: the page's, or the default one where it has no translation
    parts: tuple[Part, ...]
    top_level: int = 1  # the level of the page's outermost heading in either version: it is shown one below the page's title


def addresses(version_id: str, languages: Sequence[str]) -> dict[str, str]:
    """Each language's changes page of the version, relative to the archive (the record's `changes_page`)."""
    return {language: f"{version_id}/{published_files.language_root(language, languages[0])}{FILE}" for language in languages}


def compare(docs_dir: Path, languages: Languages, reader: Reader, before: str, after: str) -> dict[str, list[PageChanges]]:
    """Each language's changed pages between the commits `before` and `after`, in the order of their files.
    Raise git_history.HistoryError when this clone lacks either."""
    trees = {"then": git_history.pages_at(docs_dir, before), "now": git_history.pages_at(docs_dir, after)}
    then, now = trees["then"], trees["now"]
    keys = sorted({languages.split(path)[0] for path in then.keys() | now.keys() if then.get(path) != now.get(path)})
    wanted = {(side, key, language): found for side, tree in trees.items() for key in keys for language in languages.all
              if (found := _file_of(tree, key, language, languages))}
    contents = git_history.blobs(docs_dir, [trees[side][path] for (side, _, _), (path, _) in wanted.items()])
    texts: dict[str, PageText] = {}

    def text(side: str, key: str, language: str) -> PageText | None:
        """The page's text on that side, read once per file however many languages show it."""
        if (side, key, language) not in wanted:
            return None
        blob = trees[side][wanted[side, key, language][0]]
        if blob not in texts:
            texts[blob] = reader.page(contents[blob])
        return texts[blob]

    found: dict[str, list[PageChanges]] = {language: [] for language in languages.all}
    for key in keys:
        for language in languages.all:
            old_text, new_text = text("then", key, language), text("now", key, language)
            if old_text is None and new_text is None:
                continue
            shown_in = (wanted.get(("now", key, language)) or wanted[("then", key, language)])[1]
            if old_text is None:
                change, parts, title_before = ADDED, marked_changes.compare((), new_text.blocks), None
            elif new_text is None:
                change, parts, title_before = REMOVED, marked_changes.compare(old_text.blocks, ()), None
            else:
                change, parts = CHANGED, marked_changes.compare(old_text.blocks, new_text.blocks)
                title_before = old_text.title if old_text.title != new_text.title else None
                if not parts and title_before is None:
                    continue
            title = (new_text or old_text).title or key
            top_level = min((block.level for side in (old_text, new_text) if side for block in side.blocks if block.level), default=1)
            found[language].append(PageChanges(key, change, title, title_before, languages.url(key, language), shown_in, parts, top_level))
    return found


def _file_of(tree: Mapping[str, str], key: str, language: str, languages: Languages) -> tuple[str, str] | None:
    """The file the site shows for the page `key` in `language`, and its language: its own, else the default one's."""
    own = languages.join(key, language)
    if own in tree:
        return own, language
    return (key, languages.default) if key in tree else None


def render(env: jinja2.Environment, version: PolicyVersion, previous: PolicyVersion | None, changes: Mapping[str, Sequence[PageChanges]],
           languages: Sequence[str], site_names: Mapping[str, str], versions_page: Mapping[str, str], below_root: int = 2) -> dict[str, str]:
    """Each language's changes page of `version`, by its path in the version's folder, which lies `below_root` folders
    below the site root (archive/<id>/: 2; a preview's own root, which shows the version it would make: 0)."""
    pages = {}
    for language in languages:
        root = published_files.language_root(language, languages[0])
        # The version's folder and the language's folder in it, back to the site root.
        site_root = "../" * (below_root + root.count("/"))
        pages[root + FILE] = env.get_template(TEMPLATE).render(
            language=language, version=version, previous=previous, pages=changes.get(language, ()),
            site_name=site_names.get(language, ""), site_root=site_root, home=site_root + root,
            stylesheet="../" * root.count("/") + STYLESHEET, pdf=published_files.PDF,
            versions_page=site_root + versions_page[language] if language in versions_page else None,
        )
    return pages


def pages(version: PolicyVersion, record: Record, day: dt.date, docs_dir: Path, languages: Languages, extensions: object,
          env: jinja2.Environment, theme_dir: Path, site_names: Mapping[str, str], below_root: int = 2) -> dict[str, bytes]:
    """Every file of `version`'s changes, by its path in the version's folder (`below_root` as for `render`): a page per
    language and their stylesheet, against the version of `record` (the versions before it) in force on `day`, the
    day it is published.
    Raise git_history.HistoryError when this clone lacks a version's commit."""
    previous = record.in_force_on(day)
    changes = compare(docs_dir, languages, Reader(extensions), previous.commit, version.commit) if previous else {}
    files = {path: html.encode("utf-8") for path, html in
             render(env, version, previous, changes, languages.all, site_names, record.versions_page, below_root).items()}
    files[STYLESHEET] = (theme_dir / STYLESHEET_SOURCE).read_bytes()
    return files
