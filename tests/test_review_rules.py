"""Table tests of the review rules in hooks/review_rules.py (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from handbook_engine.settings import owners
from handbook_engine.pages import review_rules
from handbook_engine.settings.owners import Owner
from handbook_engine.pages.review_rules import CURRENT, DUE_SOON, OVERDUE, Review, ReviewSettings
from handbook_engine.yaml_source import Errors

D = dt.date
TODAY = D(2026, 6, 15)
OWNERS = (Owner("HR", "hr@example.org", "@example/hr"), Owner("Communicatie", "c@example.org", "@example/c", (("en", "Communications"),)))
SETTINGS = ReviewSettings(owners=OWNERS)


# --- the due date: the interval in calendar months ---------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(D(2026, 1, 31), 1, D(2026, 2, 28), id="31-jan-to-28-feb"),
        pytest.param(D(2028, 1, 31), 1, D(2028, 2, 29), id="31-jan-to-leap-day"),
        pytest.param(D(2028, 2, 29), 12, D(2029, 2, 28), id="leap-day-plus-a-year"),
        pytest.param(D(2028, 2, 29), 48, D(2032, 2, 29), id="leap-day-to-next-leap-day"),
        pytest.param(D(2026, 3, 12), 12, D(2027, 3, 12), id="plain-year"),
        pytest.param(D(2026, 12, 15), 1, D(2027, 1, 15), id="december-into-next-year"),
        pytest.param(D(2026, 8, 31), 6, D(2027, 2, 28), id="31-aug-plus-6-clamped"),
        pytest.param(D(2026, 3, 31), 1, D(2026, 4, 30), id="31-mar-to-30-apr"),
        pytest.param(D(2026, 3, 12), 24, D(2028, 3, 12), id="two-years"),
        pytest.param(D(2026, 1, 31), 25, D(2028, 2, 29), id="25-months-into-leap-february"),
        pytest.param(D(2026, 12, 31), 12, D(2027, 12, 31), id="31-dec-plus-a-year"),
        pytest.param(D(2026, 11, 30), 2, D(2027, 1, 30), id="november-over-the-year-end"),
    ],
)
def test_the_due_date_is_the_interval_in_calendar_months_later(day, months, expected):
    review = review_rules.assess({"owner": "HR", "last_reviewed": day, "review_interval": months}, SETTINGS, D(2040, 1, 1))
    assert (review.due, review.problems) == (expected, ())


# --- state_on --------------------------------------------------------------

DUE = D(2026, 7, 1)  # with a 30-day window, due soon from 2026-06-01


@pytest.mark.parametrize(
    ("today", "window", "expected"),
    [
        pytest.param(D(2026, 5, 31), 30, CURRENT, id="day-before-window-opens"),
        pytest.param(D(2026, 6, 1), 30, DUE_SOON, id="first-day-of-window"),
        pytest.param(D(2026, 6, 20), 30, DUE_SOON, id="inside-window"),
        pytest.param(D(2026, 7, 1), 30, DUE_SOON, id="due-date-itself"),
        pytest.param(D(2026, 7, 2), 30, OVERDUE, id="day-after-due-date"),
        pytest.param(D(2027, 7, 1), 30, OVERDUE, id="a-year-late"),
        pytest.param(D(2026, 7, 1), 0, DUE_SOON, id="window-0-due-date-itself"),
        pytest.param(D(2026, 6, 30), 0, CURRENT, id="window-0-day-before"),
        pytest.param(D(2026, 7, 2), 0, OVERDUE, id="window-0-day-after"),
    ],
)
def test_state_on(today, window, expected):
    assert review_rules.state_on(DUE, today, window) == expected


def test_due_soon_from_is_the_first_day_of_the_window():
    assert review_rules.due_soon_from(DUE, 30) == D(2026, 6, 1)


# --- assess: valid pages ---------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "settings", "expected"),
    [
        pytest.param(
            {"owner": "HR", "last_reviewed": D(2026, 3, 12), "review_interval": 12},
            SETTINGS,
            Review(("HR",), D(2026, 3, 12), 12, D(2027, 3, 12), CURRENT),
            id="date-object",
        ),
        pytest.param(
            {"owner": "HR", "last_reviewed": "2026-03-12", "review_interval": 12},
            SETTINGS,
            Review(("HR",), D(2026, 3, 12), 12, D(2027, 3, 12), CURRENT),
            id="date-string-as-front-matter-leaves-it",
        ),
        pytest.param(
            {"owner": "HR", "last_reviewed": TODAY.isoformat()},
            SETTINGS,
            Review(("HR",), TODAY, 12, D(2027, 6, 15), CURRENT),
            id="reviewed-today-is-not-the-future",
        ),
        pytest.param(
            {"owner": "Communicatie", "last_reviewed": "2025-07-01", "review_interval": 12},
            SETTINGS,
            Review(("Communicatie",), D(2025, 7, 1), 12, D(2026, 7, 1), DUE_SOON),
            id="due-soon",
        ),
        pytest.param(
            {"owner": "HR", "last_reviewed": "2025-06-14", "review_interval": 12},
            SETTINGS,
            Review(("HR",), D(2025, 6, 14), 12, D(2026, 6, 14), OVERDUE),
            id="overdue-by-one-day",
        ),
        pytest.param(
            {"owner": "HR", "last_reviewed": "2026-01-10"},
            ReviewSettings(default_interval=6, owners=OWNERS),
            Review(("HR",), D(2026, 1, 10), 6, D(2026, 7, 10), DUE_SOON),
            id="default-interval-from-settings",
        ),
        pytest.param(
            {"owner": "HR", "last_reviewed": "2026-01-10", "review_interval": 3},
            ReviewSettings(default_interval=24, owners=OWNERS),
            Review(("HR",), D(2026, 1, 10), 3, D(2026, 4, 10), OVERDUE),
            id="page-interval-beats-settings",
        ),
    ],
)
def test_assess_valid_and_state(meta, settings, expected):
    assert review_rules.assess(meta, settings, TODAY) == expected


# --- assess: problems ------------------------------------------------------

GOOD = {"owner": "HR", "last_reviewed": "2026-03-12", "review_interval": 12}
MISSING_DATE = "missing; expected the date of the last review as YYYY-MM-DD"
EMPTY_DATE = "the value is empty; expected the date of the last review as YYYY-MM-DD"
EXPECTED_OWNER = "expected the name of an owner (HR, Communicatie) or a list of them"
MISSING_OWNER = f"missing; {EXPECTED_OWNER}"
EMPTY_OWNER = f"the value is empty; {EXPECTED_OWNER}"
OUT_OF_RANGE = "months is not from 1 to 120 (10 years); expected for example 12"


def _not_a_date(what: str) -> str:
    return f"{what}; expected the date of the last review as YYYY-MM-DD, like 2026-03-12"


def _bad_interval(what: str) -> str:
    return f"{what}; expected a whole number of months, like 12"


def _without(key: str) -> dict:
    return {k: v for k, v in GOOD.items() if k != key}


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        pytest.param(_without("last_reviewed"), [("last_reviewed", MISSING_DATE)], id="last-reviewed-missing"),
        pytest.param({**GOOD, "last_reviewed": ""}, [("last_reviewed", EMPTY_DATE)], id="last-reviewed-empty"),
        pytest.param({**GOOD, "last_reviewed": None}, [("last_reviewed", EMPTY_DATE)], id="last-reviewed-null"),
        pytest.param({**GOOD, "last_reviewed": "12-03-2026"}, [("last_reviewed", _not_a_date("'12-03-2026' is not a date"))], id="day-first"),
        pytest.param({**GOOD, "last_reviewed": "gisteren"}, [("last_reviewed", _not_a_date("'gisteren' is not a date"))], id="a-word"),
        pytest.param({**GOOD, "last_reviewed": "2026-3-12"}, [("last_reviewed", _not_a_date("'2026-3-12' is not a date"))], id="no-leading-zero"),
        pytest.param({**GOOD, "last_reviewed": "2026-02-30"}, [("last_reviewed", _not_a_date("'2026-02-30' is not a real date"))], id="impossible-date"),
        pytest.param({**GOOD, "last_reviewed": "20260312"}, [("last_reviewed", _not_a_date("'20260312' is not a date"))], id="basic-iso-format"),
        pytest.param(
            {**GOOD, "last_reviewed": "2026-03-12 10:00"},
            [("last_reviewed", _not_a_date("'2026-03-12 10:00' is not a date"))],
            id="datetime-string",
        ),
        pytest.param(
            {**GOOD, "last_reviewed": dt.datetime(2026, 3, 12, 10, 0)},
            [("last_reviewed", _not_a_date("2026-03-12 10:00:00 is a date and time"))],
            id="datetime-object",
        ),
        pytest.param({**GOOD, "last_reviewed": 20260312}, [("last_reviewed", _not_a_date("20260312 is a number"))], id="a-number"),
        pytest.param(
            {**GOOD, "last_reviewed": "2026-06-16"},
            [("last_reviewed", "2026-06-16 lies in the future (today is 2026-06-15); expected the date of a review that took place")],
            id="tomorrow-is-the-future",
        ),
        pytest.param({**GOOD, "review_interval": 0}, [("review_interval", f"0 {OUT_OF_RANGE}")], id="interval-0"),
        pytest.param({**GOOD, "review_interval": -3}, [("review_interval", f"-3 {OUT_OF_RANGE}")], id="interval-negative"),
        pytest.param({**GOOD, "review_interval": "twaalf"}, [("review_interval", _bad_interval("'twaalf' is text"))], id="interval-word"),
        pytest.param({**GOOD, "review_interval": 1.5}, [("review_interval", _bad_interval("1.5 is a number"))], id="interval-fraction"),
        pytest.param({**GOOD, "review_interval": True}, [("review_interval", _bad_interval("true is a yes/no value"))], id="interval-bool"),
        pytest.param({**GOOD, "review_interval": "12"}, [("review_interval", _bad_interval("'12' is text"))], id="interval-string"),
        pytest.param({**GOOD, "review_interval": None}, [("review_interval", _bad_interval("the value is empty"))], id="interval-null"),
        pytest.param({**GOOD, "review_interval": 100000}, [("review_interval", f"100000 {OUT_OF_RANGE}")], id="interval-huge"),
        pytest.param({**GOOD, "review_interval": 121}, [("review_interval", f"121 {OUT_OF_RANGE}")], id="interval-over-ten-years"),
        pytest.param(_without("owner"), [("owner", MISSING_OWNER)], id="owner-missing"),
        pytest.param({**GOOD, "owner": ""}, [("owner", EMPTY_OWNER)], id="owner-empty"),
        pytest.param({**GOOD, "owner": "   "}, [("owner", EMPTY_OWNER)], id="owner-blank"),
        pytest.param({**GOOD, "owner": 42}, [("owner", f"42 is a number; {EXPECTED_OWNER}")], id="owner-number"),
        pytest.param({**GOOD, "owner": ["HR", 3]}, [("owner", f"[HR, 3] is a list; {EXPECTED_OWNER}")], id="owner-list-with-a-number"),
        pytest.param({**GOOD, "owner": []}, [("owner", f"the list is empty; {EXPECTED_OWNER}")], id="owner-empty-list"),
        pytest.param({**GOOD, "owner": "HR en Communicatie"}, [("owner", f"'HR en Communicatie' is not an owner in mkdocs.yml; {EXPECTED_OWNER}")], id="owner-free-text"),
        pytest.param({**GOOD, "owner": ["HR", "IT"]}, [("owner", f"'IT' is not an owner in mkdocs.yml; {EXPECTED_OWNER}")], id="owner-unknown-in-a-list"),
        pytest.param({}, [("owner", MISSING_OWNER), ("last_reviewed", MISSING_DATE)], id="empty-front-matter"),
        pytest.param(
            {"owner": "", "review_interval": 0, "last_reviewed": "gisteren"},
            [("owner", EMPTY_OWNER), ("review_interval", f"0 {OUT_OF_RANGE}"), ("last_reviewed", _not_a_date("'gisteren' is not a date"))],
            id="three-problems-at-once",
        ),
    ],
)
def test_assess_problems(meta, expected):
    review = review_rules.assess(meta, SETTINGS, TODAY)
    assert [(p.field, p.message) for p in review.problems] == expected
    assert all(p.line is None for p in review.problems)
    # A page with any problem must never look current (nor due soon).
    assert review.state == OVERDUE


@pytest.mark.parametrize(
    "meta",
    [
        pytest.param({**GOOD, "last_reviewed": "2026-3-12"}, id="bad-date"),
        pytest.param({**GOOD, "last_reviewed": "2026-02-30"}, id="impossible-date"),
        pytest.param({**GOOD, "last_reviewed": "2026-06-16"}, id="future-date"),
    ],
)
def test_date_problems_say_what_is_expected(meta):
    (problem,) = review_rules.assess(meta, SETTINGS, TODAY).problems
    assert problem.field == "last_reviewed"
    assert "expected" in problem.message
    assert ("YYYY-MM-DD" in problem.message) or ("review that took place" in problem.message)


def test_bad_interval_falls_back_to_the_default_but_stays_overdue():
    review = review_rules.assess({**GOOD, "review_interval": "twaalf"}, ReviewSettings(default_interval=6, owners=OWNERS), TODAY)
    # 2026-03-12 + 6 months would be current on 2026-06-15; the problem makes it overdue.
    assert (review.interval, review.due, review.state) == (6, D(2026, 9, 12), OVERDUE)


def test_bad_owner_keeps_the_date_facts():
    review = review_rules.assess({**GOOD, "owner": ""}, SETTINGS, TODAY)
    assert (review.owners, review.last_reviewed, review.due, review.state) == ((), D(2026, 3, 12), D(2027, 3, 12), OVERDUE)


def test_invalid_date_has_no_due_date():
    review = review_rules.assess({**GOOD, "last_reviewed": "gisteren"}, SETTINGS, TODAY)
    assert (review.last_reviewed, review.due, review.state) == (None, None, OVERDUE)


# --- settings_from_mapping -------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(None, ReviewSettings(12, 30, "Europe/Amsterdam", frozenset()), id="none"),
        pytest.param({}, ReviewSettings(12, 30, "Europe/Amsterdam", frozenset()), id="empty"),
        pytest.param(
            {"default_interval": 6, "due_soon_days": 14, "timezone": "UTC", "untranslated": ["a.md", "hr/b.md"]},
            ReviewSettings(6, 14, "UTC", frozenset({"a.md", "hr/b.md"})),
            id="all-custom",
        ),
        pytest.param({"due_soon_days": 0}, ReviewSettings(12, 0, "Europe/Amsterdam", frozenset()), id="window-0-allowed"),
        pytest.param({"untranslated": None}, ReviewSettings(), id="untranslated-null"),
    ],
)
def test_settings_from_mapping(values, expected):
    assert review_rules.settings_from_mapping(values) == expected


@pytest.mark.parametrize(
    ("values", "key", "message"),
    [
        pytest.param({"default_interval": 0}, "default_interval", "0 months is not from 1 to 120 (10 years); expected for example 12", id="interval-0"),
        pytest.param({"default_interval": "12"}, "default_interval", "'12' is text; expected a whole number of months, like 12", id="interval-string"),
        pytest.param({"default_interval": True}, "default_interval", "true is a yes/no value; expected a whole number of months, like 12", id="interval-bool"),
        pytest.param({"due_soon_days": -1}, "due_soon_days", "-1 is a number; expected a whole number of days from 0 to 366, like 30", id="window-negative"),
        pytest.param({"due_soon_days": 7.5}, "due_soon_days", "7.5 is a number; expected a whole number of days from 0 to 366, like 30", id="window-fraction"),
        pytest.param({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is text; expected an IANA time zone like 'Europe/Amsterdam'", id="unknown-time-zone"),
        pytest.param({"timezone": 5}, "timezone", "5 is a number; expected an IANA time zone like 'Europe/Amsterdam'", id="time-zone-number"),
        pytest.param(
            {"colour": "blue"}, "colour", "unknown setting; expected one of default_interval, due_soon_days, timezone, untranslated, owners, maintainer, history_since", id="unknown-key",
        ),
        pytest.param(
            {"untranslated": "richtlijnen.md"}, "untranslated",
            "'richtlijnen.md' is text; expected a list of page paths like [richtlijnen.md]", id="untranslated-string",
        ),
        pytest.param(
            {"untranslated": ["a.md", 3]}, "untranslated",
            "[a.md, 3] is a list; expected a list of page paths like [richtlijnen.md]", id="untranslated-not-all-strings",
        ),
    ],
)
def test_settings_from_mapping_rejects(values, key, message):
    assert rejected(values) == [(f"extra.review.{key}", message)]


def rejected(values: object) -> list[tuple[str, str]]:
    """Each (key, message) settings_from_mapping finds wrong in `values`."""
    with pytest.raises(Errors) as caught:
        review_rules.settings_from_mapping(values)
    return [(error.key, error.message) for error in caught.value.errors]


@pytest.mark.parametrize(("values", "expected"), [
    pytest.param({"default_interval": "12", "due_soon_days": -1, "timezone": "Mars/Olympus"}, [
        ("extra.review.default_interval", "'12' is text; expected a whole number of months, like 12"),
        ("extra.review.due_soon_days", "-1 is a number; expected a whole number of days from 0 to 366, like 30"),
        ("extra.review.timezone", "'Mars/Olympus' is text; expected an IANA time zone like 'Europe/Amsterdam'"),
    ], id="three-bad-values"),
    pytest.param({"colour": "blue", "shape": "round", "untranslated": "a.md"}, [
        ("extra.review.colour", "unknown setting; expected one of default_interval, due_soon_days, timezone, untranslated, owners, maintainer, history_since"),
        ("extra.review.shape", "unknown setting; expected one of default_interval, due_soon_days, timezone, untranslated, owners, maintainer, history_since"),
        ("extra.review.untranslated", "'a.md' is text; expected a list of page paths like [richtlijnen.md]"),
    ], id="unknown-keys-and-a-bad-value"),
    pytest.param({"owners": {"HR": "hr@example.org", "IT": {"email": 12, "git": 3}}, "maintainer": ["@a"], "due_soon_days": 7.5}, [
        ("extra.review.due_soon_days", "7.5 is a number; expected a whole number of days from 0 to 366, like 30"),
        ("extra.review.owners.HR", "'hr@example.org' is text; expected 'email:', 'git:' and names in other languages like 'en: Communications'"),
        ("extra.review.owners.IT.email", "12 is a number; expected text"),
        ("extra.review.owners.IT.git", "3 is a number; expected text"),
        ("extra.review.maintainer", "['@a'] is a list; expected a Git handle like '@example/handbook'"),
    ], id="owners-maintainer-and-a-window"),
])
def test_every_wrong_setting_is_found_at_once(values, expected):
    assert rejected(values) == expected


@pytest.mark.parametrize("values", [[], "HR", 12], ids=["list", "text", "number"])
def test_settings_that_are_not_a_mapping_are_rejected(values):
    [(key, message)] = rejected(values)
    assert key == "extra.review" and message.endswith("; expected settings as 'key: value' lines")


# --- today -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-03-12", D(2026, 3, 12), id="plain"),
        pytest.param(" 2028-02-29\n", D(2028, 2, 29), id="surrounding-space"),
    ],
)
def test_today_from_handbook_today(value, expected):
    assert review_rules.today(ReviewSettings(timezone="Pacific/Kiritimati"), {"HANDBOOK_TODAY": value}) == expected


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "2026-3-12", "12-03-2026"])
def test_today_rejects_a_bad_handbook_today(value):
    with pytest.raises(ValueError) as caught:
        review_rules.today(SETTINGS, {"HANDBOOK_TODAY": value})
    assert str(caught.value) == f"HANDBOOK_TODAY={value!r}: expected a real date as YYYY-MM-DD"


# 2026-03-11 23:30 UTC: already 12 March in Amsterdam, still 11 March in UTC and New York.
MIDNIGHT_IN_AMSTERDAM = dt.datetime(2026, 3, 11, 23, 30, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("timezone", "expected"),
    [
        pytest.param("Europe/Amsterdam", D(2026, 3, 12), id="amsterdam-past-midnight"),
        pytest.param("UTC", D(2026, 3, 11), id="utc-before-midnight"),
        pytest.param("America/New_York", D(2026, 3, 11), id="new-york"),
        pytest.param("Pacific/Kiritimati", D(2026, 3, 12), id="kiritimati"),
    ],
)
def test_today_at_midnight_uses_the_settings_time_zone(timezone, expected):
    assert review_rules.today(ReviewSettings(timezone=timezone), {}, MIDNIGHT_IN_AMSTERDAM) == expected


def test_today_empty_handbook_today_means_the_clock():
    assert review_rules.today(ReviewSettings(timezone="UTC"), {"HANDBOOK_TODAY": "  "}, MIDNIGHT_IN_AMSTERDAM) == D(2026, 3, 11)


def test_today_on_the_real_clock_follows_the_time_zone():
    # 25 hours apart: Kiritimati (UTC+14) is always 1 or 2 calendar days ahead of Pago Pago (UTC-11).
    zones = ("Pacific/Kiritimati", "Pacific/Pago_Pago")
    before = [dt.datetime.now(ZoneInfo(zone)).date() for zone in zones]
    found = [review_rules.today(ReviewSettings(timezone=zone), {}) for zone in zones]
    after = [dt.datetime.now(ZoneInfo(zone)).date() for zone in zones]
    for seen, low, high in zip(found, before, after):
        assert seen in {low, high}
    assert (found[0] - found[1]).days in {1, 2}


# --- parse_date / long_date --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-03-12", D(2026, 3, 12), id="string"),
        pytest.param(D(2026, 3, 12), D(2026, 3, 12), id="date"),
        pytest.param(dt.datetime(2026, 3, 12), None, id="datetime"),
        pytest.param("2026-02-30", None, id="impossible"),
        pytest.param("2026-W11-4", None, id="iso-week-date"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_date(value, expected):
    assert review_rules.parse_date(value) == expected


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        pytest.param(D(2026, 3, 12), "nl", "12 maart 2026", id="dutch"),
        pytest.param(D(2026, 3, 12), "en", "12 March 2026", id="english"),
        pytest.param(D(2028, 2, 29), "nl", "29 februari 2028", id="dutch-leap-day"),
        pytest.param(D(2027, 1, 5), "en", "5 January 2027", id="english-single-digit-day"),
    ],
)
def test_long_date(day, language, expected):
    assert review_rules.long_date(day, language) == expected


# --- owners ----------------------------------------------------------------


def test_owners_are_read_with_their_contacts_and_names_in_other_languages():
    settings = review_rules.settings_from_mapping({
        "owners": {"HR": {"email": "hr@example.org", "git": "@example/hr"},
                   "Communicatie": {"email": "c@example.org", "git": "@example/c", "en": "Communications"}},
        "maintainer": "@example/handbook",
    })
    assert settings.owners == OWNERS[:1] + (Owner("Communicatie", "c@example.org", "@example/c", (("en", "Communications"),)),)
    assert settings.maintainer == "@example/handbook"


@pytest.mark.parametrize(("names", "language", "expected"), [
    (("HR",), "nl", "HR"),
    (("HR", "Communicatie"), "nl", "HR en Communicatie"),
    (("HR", "Communicatie"), "en", "HR and Communications"),
    (("Communicatie", "HR"), "pl", "Communicatie i HR"),  # no Polish name: the name pages give
    ((), "nl", ""),
])
def test_owners_are_joined_in_the_readers_language(names, language, expected):
    assert owners.names_in(names, OWNERS, language) == expected


@pytest.mark.parametrize(("values", "key", "message"), [
    ({"owners": ["HR"]}, "extra.review.owners", "[HR] is a list; expected each owner's name with its contacts, like 'HR: {email: hr@example.org, git: \"@example/hr\"}'"),
    ({"owners": {"HR": "hr@example.org"}}, "extra.review.owners.HR", "'hr@example.org' is text; expected 'email:', 'git:' and names in other languages like 'en: Communications'"),
    ({"owners": {"HR": {"email": 12}}}, "extra.review.owners.HR.email", "12 is a number; expected text"),
    ({"maintainer": ["@a"]}, "extra.review.maintainer", "[\'@a\'] is a list; expected a Git handle like '@example/handbook'"),
])
def test_owners_of_the_wrong_shape_are_rejected(values, key, message):
    assert rejected(values) == [(key, message)]


def test_owners_that_cannot_be_reached_are_problems():
    found = owners.problems(owners.parse({"HR": {"git": "@example/hr"}, "IT": {"email": "it@", "git": "it-team"}}), None)
    assert found == [
        ("extra.review.owners.HR.email", "missing; expected the address that hears when the owner's pages are due, like hr@example.org"),
        ("extra.review.owners.IT.email", "'it@' is text; expected an e-mail address like hr@example.org"),
        ("extra.review.owners.IT.git", "'it-team' is text; expected a Git handle like '@example/hr' (in quotes: @ starts no YAML value)"),
        ("extra.review.maintainer", "missing; expected the Git handle that approves changes to hooks, templates, scripts and mkdocs.yml"),
    ]
