"""The version that publishing the commit built adds to the policy's record, free of any site engine.

A version is made by the text changes readers are told of since the newest
recorded version (`git_history`); its adoption comes from the Git trailers
`Approved-by:` and `Works-council-consent:` of the commits since then. The
record itself, and how it is kept as JSON, is `policy_versions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handbook_engine.history.page_changes import Commit, History, newest_first
from handbook_engine.versions.policy_versions import ChangedPage, ChangeNote, PolicyVersion, Record, version_id

APPROVED_BY = "approved-by"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WORKS_COUNCIL_CONSENT = "works-council-consent"


@dataclass(frozen=True)
class PageNames:
    """A page's title and address in each language it is published in."""

    titles: Mapping[str, str]
    urls: Mapping[str, str]


def pending(record: Record, history: History, since_last: Sequence[Commit] | None, head: str, today: dt.date,
            languages: Sequence[str], names: Callable[[str], PageNames], key_of: Callable[[str], str]) -> tuple[PolicyVersion | None, list[str]]:
    """The version that publishing `head` today adds to `record`, if any, and the problems of its trailers.

    `since_last` are the commits after the newest recorded version up to HEAD (newest first; None when this
    clone does not know that version's commit, and then no version is added). A version is made by the text
    changes readers are told of; the first version is the text at `head`, whatever changed before it (the
    record may start after the repository's history: `extra.review.history_since`), and lists no changes.
    `names` gives a page's titles and addresses by its key (`key_of` turns a file's path into its key);
    `languages` are the handbook's, the default first.
    """
    newest = record.newest
    if since_last is None or (newest is not None and newest.commit == head):
        return None, []
    in_range = {commit.commit for commit in since_last}
    changed: dict[str, Commit] = {}
    keys: list[str] = []
    for path in sorted(history.changes):
        for change in history.text_changes(path):
            if change.commit.commit in in_range:
                changed[change.commit.commit] = change.commit
                if key_of(path) not in keys:
                    keys.append(key_of(path))
    if newest is not None and not changed:
        return None, []
    approved_by, consent, problems = adoption(since_last)
    default = languages[0]
    notes = () if newest is None else tuple(
        ChangeNote(commit.commit, {language: commit.note(language, default).text for language in languages
                                   if language == default or commit.note(language, default).language == language})
        for commit in sorted(changed.values(), key=newest_first))
    changed_pages = () if newest is None else tuple(
        ChangedPage(key, dict(found.titles), dict(found.urls)) for key in keys if (found := names(key)).urls)
    version = PolicyVersion(version_id(today, head), head, today, notes, changed_pages, approved_by, consent)
    return version, problems


def adoption(commits: Sequence[Commit]) -> tuple[str | None, dt.date | None, list[str]]:
    """Who adopted the version and the day the works council consented: the newest commit's trailers that give
    them; and what is wrong with them."""
    approved_by = next((value for commit in commits if (value := commit.trailer(APPROVED_BY))), None)
    found = next(((commit, value) for commit in commits if (value := commit.trailer(WORKS_COUNCIL_CONSENT))), None)
    if found is None:
        return approved_by, None, []
    commit, value = found
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return approved_by, dt.date.fromisoformat(value), []
    except ValueError:
        return approved_by, None, [f"commit {commit.short}: Works-council-consent: {value[:60]!r} is not a date; expected YYYY-MM-DD, "
                                   f"like Works-council-consent: 2026-11-10"]
