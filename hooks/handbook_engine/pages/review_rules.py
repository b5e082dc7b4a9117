"""The review rules of handbook pages, free of any site engine.

A page's next review is due `review_interval` calendar months after
`last_reviewed` (31 January + 1 month = 28/29 February). The page is
*current* until the due-soon window opens, *due-soon* inside it (the due date
included), and *overdue* from the day after the due date. A page whose review
data is invalid counts as overdue: it must never look current.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from handbook_engine.settings import owners
from handbook_engine.yaml_source import Errors, SettingError, described, kind_of, shown

CURRENT = "current"
DUE_SOON = "due-soon"
OVERDUE = "overdue"
STATES = (CURRENT, DUE_SOON, OVERDUE)

TODAY_VARIABLE = "HANDBOOK_TODAY"
# Longer than ten years between reviews is a typing error, and far larger
# numbers run past the calendar.
MAX_INTERVAL = 120
MAX_DUE_SOON_DAYS = 366
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A commit's hash, whole (SHA-1 or SHA-256) or shortened to at least 7 digits, as Git prints it.
COMMIT = re.compile(r"[0-9a-fA-F]{7,64}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: the field, what is wrong and what is expected."""

    field: str
    message: str
    line: int | None = None

    def located(self, path: str) -> str:
        """The problem as editors read it: `path:line: field: message` (no line when it has none)."""
        return f"{path}:{f'{self.line}:' if self.line else ''} {self.field}: {self.message}"


@dataclass(frozen=True)
class ReviewSettings:
    """Site-wide review settings (`extra.review` in mkdocs.yml)."""

    default_interval: int = 12
    due_soon_days: int = 30
    timezone: str = "Europe/Amsterdam"
    untranslated: frozenset[str] = frozenset()
    owners: tuple[owners.Owner, ...] = ()
    # The Git handle that approves changes to the project's own files.
    maintainer: str | None = None
    # Where the record readers see starts: a day, or a commit (it and the commits it contains are left out).
    history_since: dt.date | str | None = None


@dataclass(frozen=True)
class Review:
    """The review facts of one page on one day."""

    owners: tuple[str, ...]
    last_reviewed: dt.date | None
    interval: int
    due: dt.date | None
    state: str
    problems: tuple[Problem, ...] = field(default=())


SETTINGS_KEY = "extra.review"


def settings_from_mapping(values: object) -> ReviewSettings:
    """Validate `extra.review`; raise yaml_source.Errors with a SettingError for every wrong value, naming its key
    and what it expects."""
    if values is None:
        values = {}
    if not isinstance(values, Mapping):
        raise Errors([SettingError(SETTINGS_KEY, f"{described(values)}; expected settings as 'key: value' lines")])
    known = [setting.name for setting in fields(ReviewSettings)]
    found = [SettingError(f"{SETTINGS_KEY}.{key}", f"unknown setting; expected one of {', '.join(known)}")
             for key in sorted(str(key) for key in values if key not in known)]
    defaults = ReviewSettings()

    def checked(key: str, problem_of: Callable[[object], str | None]) -> object:
        """The value of `key`; its default when it is not given, or when it is wrong (and then its problem is found)."""
        if key not in values:
            return getattr(defaults, key)
        problem = problem_of(values[key])
        if problem is None:
            return values[key]
        found.append(SettingError(f"{SETTINGS_KEY}.{key}", problem))
        return getattr(defaults, key)

    interval = checked("default_interval", interval_problem_of)
    window = checked("due_soon_days", _due_soon_days_problem)
    timezone = checked("timezone", _timezone_problem)
    untranslated = checked("untranslated", _untranslated_problem) or ()
    history_since = history_since_of(checked("history_since", history_since_problem))
    try:
        page_owners = owners.parse(values.get("owners"))
    except Errors as wrong:
        found.extend(wrong.errors)
        page_owners = ()
    try:
        maintainer = owners.maintainer_of(values.get("maintainer"))
    except SettingError as wrong:
        found.append(wrong)
        maintainer = None
    if found:
        raise Errors(found)
    return ReviewSettings(interval, window, timezone, frozenset(untranslated), page_owners, maintainer, history_since)


def _due_soon_days_problem(window: object) -> str | None:
    if not _is_whole_number(window) or not 0 <= window <= MAX_DUE_SOON_DAYS:
        return f"{described(window)}; expected a whole number of days from 0 to {MAX_DUE_SOON_DAYS}, like 30"
    return None


def _timezone_problem(timezone: object) -> str | None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return f"{described(timezone)}; expected an IANA time zone like 'Europe/Amsterdam'"
    return None


def _untranslated_problem(untranslated: object) -> str | None:
    if untranslated is not None and (not isinstance(untranslated, list) or not all(isinstance(path, str) for path in untranslated)):
        return f"{described(untranslated)}; expected a list of page paths like [richtlijnen.md]"
    return None


def history_since_problem(value: object) -> str | None:
    """What is wrong with `extra.review.history_since`, or None: a day (YYYY-MM-DD) or a commit's hash, whole or shortened."""
    if value is None or value == "" or parse_date(value) is not None or isinstance(value, str) and COMMIT.fullmatch(value.strip()):
        return None
    return f"{described(value)}; expected the first day of the record as YYYY-MM-DD, like 2027-01-01, or a commit's hash in quotes, like '1a2b3c4'"


def history_since_of(value: object) -> dt.date | str | None:
    """`extra.review.history_since` as a day or a commit's hash in lower case (None when it is not set); raise SettingError."""
    problem = history_since_problem(value)
    if problem is not None:
        raise SettingError(f"{SETTINGS_KEY}.history_since", problem)
    if value is None or value == "":
        return None
    return parse_date(value) or str(value).strip().lower()


def today(settings: ReviewSettings, environ: Mapping[str, str] = os.environ, now: dt.datetime | None = None) -> dt.date:
    """The day it is `now` (the clock's time when None) in the handbook's time zone, or HANDBOOK_TODAY when it is set."""
    override = environ.get(TODAY_VARIABLE, "").strip()
    if override:
        parsed = parse_date(override)
        if parsed is None:
            raise ValueError(f"{TODAY_VARIABLE}={override!r}: expected a real date as YYYY-MM-DD")
        return parsed
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(settings.timezone)).date()


def parse_date(value: object) -> dt.date | None:
    """A date from YAML: a `date`, or a string in the form YYYY-MM-DD; None if it is neither."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def due_soon_from(due: dt.date, due_soon_days: int) -> dt.date:
    """The first day of the due-soon window."""
    return due - dt.timedelta(days=due_soon_days)


def state_on(due: dt.date, today: dt.date, due_soon_days: int) -> str:
    """The state of a page due on `due`, seen on `today`."""
    if today > due:
        return OVERDUE
    if today >= due_soon_from(due, due_soon_days):
        return DUE_SOON
    return CURRENT


def interval_problem_of(interval: object) -> str | None:
    """What is wrong with a review interval in months, or None."""
    if not _is_whole_number(interval):
        return f"{described(interval)}; expected a whole number of months, like 12"
    if not 1 <= interval <= MAX_INTERVAL:
        return f"{interval} months is not from 1 to {MAX_INTERVAL} ({MAX_INTERVAL // 12} years); expected for example 12"
    return None


def assess(meta: Mapping, settings: ReviewSettings, today: dt.date) -> Review:
    """Check a page's review fields and work out its due date and state."""
    problems: list[Problem] = []

    names, owner_problem = owners.page_owners(meta.get("owner", owners.MISSING), settings.owners)
    if owner_problem:
        problems.append(Problem("owner", owner_problem))

    interval = meta.get("review_interval", settings.default_interval)
    interval_problem = interval_problem_of(interval)
    if interval_problem:
        problems.append(Problem("review_interval", interval_problem))
        interval = settings.default_interval

    last_reviewed = None
    raw = meta.get("last_reviewed")
    if raw is None or raw == "":
        problems.append(Problem(
            "last_reviewed", ("missing" if "last_reviewed" not in meta else "the value is empty") + "; expected the date of the last review as YYYY-MM-DD",
        ))
    else:
        last_reviewed = parse_date(raw)
        if last_reviewed is None:
            if not isinstance(raw, str):
                what = f"is {kind_of(raw)}"
            else:
                what = "is not a real date" if ISO_DATE.fullmatch(raw.strip()) else "is not a date"
            problems.append(Problem("last_reviewed", f"{shown(raw)} {what}; expected the date of the last review as YYYY-MM-DD, like 2026-03-12"))
        elif last_reviewed > today:
            problems.append(Problem(
                "last_reviewed",
                f"{last_reviewed.isoformat()} lies in the future (today is {today.isoformat()}); expected the date of a review that took place",
            ))

    due = None
    if last_reviewed:
        try:
            # The same day `interval` calendar months later, clamped to the month's last day.
            due = last_reviewed + relativedelta(months=interval)
        except ValueError:  # past the year 9999
            problems.append(Problem("last_reviewed", f"{last_reviewed.isoformat()} plus {interval} months lies beyond the calendar; expected a real review date"))
    if problems or due is None:
        state = OVERDUE
    else:
        state = state_on(due, today, settings.due_soon_days)
    return Review(names, last_reviewed, interval, due, state, tuple(problems))


# Pages share few dates, and Babel takes a tenth of a millisecond per call: a
# measurable part of the hooks' cost in a build of thousands of pages.
@functools.lru_cache(maxsize=4096)
def long_date(day: dt.date, language: str) -> str:
    """A date written out in the reader's language: '12 maart 2026', '12 March 2026'."""
    return format_date(day, "d MMMM y", locale=language)


def _is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
