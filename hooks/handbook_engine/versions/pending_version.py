"""The version that publishing the commit built adds to the policy's record, free of any site engine.

A version is made by the text changes readers are told of since the version in
force (`git_history`); its adoption comes from the Git trailers `Approved-by:`
and `Works-council-consent:` of the commits since then, its kind from
`Change-type: editorial` (editorial when every commit it holds says so), and
its day from `In-force-from: YYYY-MM-DD`: the latest such day among the
commits since the version in force, when it is after the publish day (the
version is then upcoming); the publish day otherwise. A version published to
come into force later is replaced by the next publish of a later change before
its day: the new version holds both, and the old one is marked superseded_by
it. The record itself, and how it is kept as JSON, is `policy_versions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handbook_engine.history.page_changes import Commit, History, newest_first
from handbook_engine.versions.policy_versions import (CHANGED, EDITORIAL, KINDS, SUBSTANTIVE, ChangedPage, ChangeNote, PolicyVersion,
                                                      Record, version_id)

APPROVED_BY = "approved-by"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WORKS_COUNCIL_CONSENT = "works-council-consent"
CHANGE_TYPE = "change-type"
IN_FORCE_FROM = "in-force-from"


@dataclass(frozen=True)
class PageNames:
    """A page's title and address in each language it is published in, and what the version did to it (a removed
    page's names are those of the version in force)."""

    titles: Mapping[str, str]
    urls: Mapping[str, str]
    change: str = CHANGED


def pending(record: Record, history: History, since_last: Sequence[Commit] | None, head: str, today: dt.date,
            languages: Sequence[str], names: Callable[[str], PageNames], key_of: Callable[[str], str],
            since_upcoming: Sequence[Commit] | None = None) -> tuple[PolicyVersion | None, list[str], list[str]]:
    """The version that publishing `head` today adds to `record`, if any, the problems of its trailers (each
    stops a publish) and notes about them (which do not).

    `since_last` are the commits after the version in force today up to HEAD (newest first; all of them when
    none is in force yet; None when this clone does not know that version's commit, and then no version is
    added). When a version is upcoming, `since_upcoming` are the commits after it: a new version is made, and
    replaces it, only when they change the text. A version is made by the text changes readers are told of;
    the first version is the text at `head`, whatever changed before it (the record may start after the
    repository's history: `extra.review.history_since`), lists no changes and applies from its publish.
    `names` gives a page's titles, addresses and change by its key (`key_of` turns a file's path into its
    key); `languages` are the handbook's, the default first.
    """
    in_force, upcoming = record.in_force_on(today), record.upcoming_on(today)
    if since_last is None or head in {version.commit for version in (in_force, upcoming) if version is not None}:
        return None, [], []
    changed = _text_changes(history, since_last)
    if upcoming is not None and not _text_changes(history, since_upcoming or ()):
        return None, [], []
    if in_force is not None and not changed:
        return None, [], []
    approved_by, consent, problems = adoption(since_last)
    kinds, notes_about = change_types(changed.values())
    day = today
    if in_force is not None:  # the first version applies from its publish
        day, day_problems = in_force_from(since_last, today)
        problems += day_problems
    default = languages[0]
    notes = () if in_force is None else tuple(
        ChangeNote(commit.commit, {language: commit.note(language, default).text for language in languages
                                   if language == default or commit.note(language, default).language == language},
                   kinds[commit.commit])
        for commit in sorted(changed.values(), key=newest_first))
    keys = list(dict.fromkeys(key_of(path) for path in sorted(history.changes)
                              if any(change.commit.commit in changed for change in history.text_changes(path))))
    changed_pages = () if in_force is None else tuple(
        ChangedPage(key, dict(found.titles), dict(found.urls), found.change) for key in keys if (found := names(key)).urls)
    kind = EDITORIAL if notes and all(note.kind == EDITORIAL for note in notes) else SUBSTANTIVE
    version = PolicyVersion(version_id(day, head), head, day, notes, changed_pages, approved_by, consent,
                            kind=kind, published_on=today)
    return version, problems, notes_about


def _text_changes(history: History, commits: Sequence[Commit]) -> dict[str, Commit]:
    """The commits among `commits` that changed a page's text readers are told of, by hash."""
    in_range = {commit.commit for commit in commits}
    return {change.commit.commit: change.commit for path in sorted(history.changes) for change in history.text_changes(path)
            if change.commit.commit in in_range}


def change_types(commits: Sequence[Commit]) -> tuple[dict[str, str], list[str]]:
    """Each commit's kind by its `Change-type` trailer (substantive without one), and a note for each value that is
    neither kind: such a commit counts as substantive, so that staff are told rather than not."""
    kinds, notes = {}, []
    for commit in commits:
        value = (commit.trailer(CHANGE_TYPE) or SUBSTANTIVE).strip()
        if value.casefold() not in KINDS:
            notes.append(f"commit {commit.short}: Change-type: {value[:60]!r} is not {' or '.join(KINDS)}; counted as {SUBSTANTIVE}")
        kinds[commit.commit] = EDITORIAL if value.casefold() == EDITORIAL else SUBSTANTIVE
    return kinds, notes


def in_force_from(commits: Sequence[Commit], today: dt.date) -> tuple[dt.date, list[str]]:
    """The day a version of `commits` (newest first) applies from: the latest `In-force-from` among them when it is
    after `today`, else `today`; and what is wrong. A value that is not a date is wrong unless a newer commit gives
    the trailer again (it corrects it); the latest day given is wrong when it has passed (today itself is fine:
    the version applies now), so that a rule is never recorded as applying from a day before staff were told."""
    problems = unsettled_day(commits, today)
    days = [(day, commit) for commit in commits if (day := _day_of(commit.trailer(IN_FORCE_FROM))) is not None]
    if not days:
        return today, problems
    day, commit = max(days, key=lambda found: found[0])
    if day < today:
        problems.append(f"commit {commit.short}: In-force-from: {day.isoformat()} has passed (today is {today.isoformat()}); a "
                        f"version applies from its publish or a later day. Give a newer commit In-force-from: {today.isoformat()} "
                        f"or a later day")
        return today, problems
    return day, problems


def unsettled_day(commits: Sequence[Commit], today: dt.date) -> list[str]:
    """What is wrong with the newest `In-force-from` among `commits` (newest first) when it is not a date; an older
    one that is not a date was corrected by a newer commit giving the trailer again. The build warns with this (a
    strict build fails) as publishing refuses it, so an editor hears of it in the merge request."""
    commit = next((commit for commit in commits if commit.trailer(IN_FORCE_FROM) is not None), None)
    value = commit.trailer(IN_FORCE_FROM) if commit is not None else None
    if value is None or _day_of(value) is not None:
        return []
    return [f"commit {commit.short}: In-force-from: {value[:60]!r} is not a date; expected YYYY-MM-DD, like In-force-from: "
            f"{(today + dt.timedelta(days=30)).isoformat()} (a newer commit with the trailer corrects it)"]


def _day_of(value: str | None) -> dt.date | None:
    """The day of an `In-force-from` value, or None when there is none or it is not a real YYYY-MM-DD."""
    if value is None or not ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


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
