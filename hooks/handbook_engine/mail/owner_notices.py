"""Which pages each owner must hear about, free of any site engine.

A page is listed once, with all its languages, when any of its language
versions is overdue or due soon; it goes to every owner of the page. The
addresses are absolute, from the site's address and the Git server's edit
address in mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from handbook_engine.site import published_files
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.review_rules import DUE_SOON, OVERDUE, STATES


@dataclass(frozen=True)
class PageVersion:
    """One language version of a due page."""

    language: str
    title: str
    path: str  # as the editor sees it: docs/richtlijnen.en.md
    address: str
    edit_address: str | None
    state: str
    due: dt.date | None


@dataclass(frozen=True)
class DuePage:
    """A page that needs its owners: the worst state and the first due date of its versions."""

    key: str
    state: str
    due: dt.date | None
    versions: tuple[PageVersion, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(version.path for version in self.versions)


def due_pages(records: Iterable[PageRecord], languages: Languages, site_url: str, edit_uri: str | None,
              docs_prefix: str) -> dict[str, list[DuePage]]:
    """For each owner name, its pages that are overdue or due soon, overdue first, then by due date.

    `docs_prefix` is the docs folder as the editor sees it ('docs').
    """
    by_key: dict[str, list[PageRecord]] = {}
    for record in records:
        by_key.setdefault(record.key, []).append(record)
    root = published_files.site_root(site_url)
    found: dict[str, list[DuePage]] = {}
    for key, versions in by_key.items():
        versions.sort(key=lambda record: languages.all.index(record.language) if record.language in languages.all else len(languages.all))
        state = max((record.review.state for record in versions), key=STATES.index)
        if state not in (OVERDUE, DUE_SOON):
            continue
        dues = [record.review.due for record in versions if record.review.due]
        page = DuePage(key, state, min(dues) if dues else None, tuple(
            PageVersion(
                record.language, record.title, f"{docs_prefix}/{record.path}", root + record.url,
                edit_uri.rstrip("/") + "/" + record.path if edit_uri else None,
                record.review.state, record.review.due,
            )
            for record in versions
        ))
        for owner in dict.fromkeys(name for record in versions for name in record.review.owners):
            found.setdefault(owner, []).append(page)
    for pages in found.values():
        pages.sort(key=lambda page: (page.state != OVERDUE, page.due or dt.date.min, page.key))
    return found
