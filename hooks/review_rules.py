"""The review rules of handbook pages, free of any site engine.

A page's next review is due `review_interval` calendar months after
`last_reviewed` (31 January + 1 month = 28/29 February). The page is
*current* until the due-soon window opens, *due-soon* inside it (the due date
included), and *overdue* from the day after the due date. A page whose review
data is invalid counts as overdue: it must never look current.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date

CURRENT = "current"
DUE_SOON = "due-soon"
OVERDUE = "overdue"
STATES = (CURRENT, DUE_SOON, OVERDUE)

TODAY_VARIABLE = "HANDBOOK_TODAY"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: the field, what is wrong and what is expected."""

    field: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class ReviewSettings:
    """Site-wide review settings (`extra.review` in mkdocs.yml)."""

    default_interval: int = 12
    due_soon_days: int = 30
    timezone: str = "Europe/Amsterdam"
    untranslated: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Review:
    """The review facts of one page on one day."""

    owner: str | None
    last_reviewed: dt.date | None
    interval: int
    due: dt.date | None
    state: str
    problems: tuple[Problem, ...] = field(default=())


def settings_from_mapping(values: Mapping | None) -> ReviewSettings:
    """Validate `extra.review`; raise ValueError naming the key and what it expects."""
    values = dict(values or {})
    known = {"default_interval", "due_soon_days", "timezone", "untranslated"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"extra.review: unknown key {unknown[0]!r}; expected one of {sorted(known)}")
    defaults = ReviewSettings()
    interval = values.get("default_interval", defaults.default_interval)
    if not _is_positive_int(interval):
        raise ValueError(f"extra.review.default_interval: expected a whole number of months above 0, got {interval!r}")
    window = values.get("due_soon_days", defaults.due_soon_days)
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"extra.review.due_soon_days: expected a whole number of days, 0 or more, got {window!r}")
    timezone = values.get("timezone", defaults.timezone)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"extra.review.timezone: expected an IANA time zone like 'Europe/Amsterdam', got {timezone!r}") from None
    untranslated = values.get("untranslated") or []
    if not isinstance(untranslated, list) or not all(isinstance(p, str) for p in untranslated):
        raise ValueError(f"extra.review.untranslated: expected a list of page paths like 'richtlijnen.md', got {untranslated!r}")
    return ReviewSettings(interval, window, str(timezone), frozenset(untranslated))


def today(settings: ReviewSettings, environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today in the handbook's time zone, or HANDBOOK_TODAY when it is set."""
    override = environ.get(TODAY_VARIABLE, "").strip()
    if override:
        parsed = parse_date(override)
        if parsed is None:
            raise ValueError(f"{TODAY_VARIABLE}={override!r}: expected a real date as YYYY-MM-DD")
        return parsed
    return dt.datetime.now(ZoneInfo(settings.timezone)).date()


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


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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


def assess(meta: Mapping, settings: ReviewSettings, today: dt.date) -> Review:
    """Check a page's review fields and work out its due date and state."""
    problems: list[Problem] = []

    owner = meta.get("owner")
    if not isinstance(owner, str) or not owner.strip():
        owner = None
        problems.append(Problem("owner", "missing or empty; expected who answers for this page, like 'owner: HR'"))

    interval = meta.get("review_interval", settings.default_interval)
    if not _is_positive_int(interval):
        problems.append(Problem(
            "review_interval",
            f"{interval!r} is not a whole number of months above 0; expected for example 'review_interval: 12'",
        ))
        interval = settings.default_interval

    last_reviewed = None
    if "last_reviewed" not in meta or meta.get("last_reviewed") in (None, ""):
        problems.append(Problem("last_reviewed", "missing; expected the date of the last review as YYYY-MM-DD"))
    else:
        raw = meta["last_reviewed"]
        last_reviewed = parse_date(raw)
        if last_reviewed is None:
            problems.append(Problem("last_reviewed", f"{_show(raw)} is not a real date; expected YYYY-MM-DD, like 2026-03-12"))
        elif last_reviewed > today:
            problems.append(Problem(
                "last_reviewed",
                f"{last_reviewed.isoformat()} lies in the future (today is {today.isoformat()}); expected the date of a review that took place",
            ))

    due = add_months(last_reviewed, interval) if last_reviewed else None
    if problems or due is None:
        state = OVERDUE
    else:
        state = state_on(due, today, settings.due_soon_days)
    return Review(owner, last_reviewed, interval, due, state, tuple(problems))


# Pages share few dates, and Babel takes a tenth of a millisecond per call: a
# measurable part of the hooks' cost in a build of thousands of pages.
@functools.lru_cache(maxsize=4096)
def long_date(day: dt.date, language: str) -> str:
    """A date written out in the reader's language: '12 maart 2026', '12 March 2026'."""
    return format_date(day, "d MMMM y", locale=language)


def _is_positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)
