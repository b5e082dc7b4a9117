"""The review warning in a real browser: a site left unbuilt still warns when its pages fall due."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURE_DATE, serve, small_handbook

PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-03-12"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-03-12"},
    "regels.md": {"title": "Regels", "last_reviewed": "2026-03-12"},
    "regels.en.md": {"title": "Rules", "last_reviewed": "2026-03-12"},
}


@pytest.fixture(scope="module")
def current_site(tmp_path_factory, run_build):
    """Built in November 2026, when every page is current (due 12 March 2027)."""
    build = run_build(small_handbook(tmp_path_factory.mktemp("clock"), PAGES), FIXTURE_DATE)
    assert build.returncode == 0, build.log
    with serve(build.site) as address:
        yield address


def open_at(browser, address: str, path: str, moment: dt.datetime):
    page = browser.new_page()
    page.clock.install(time=moment)
    page.goto(address + path)
    return page


def state(page) -> str:
    return page.locator(".review-status").get_attribute("data-review-state")


@pytest.mark.parametrize(("path", "title"), [("regels/", "Deze pagina is mogelijk verouderd"), ("en/regels/", "This page may be out of date")])
def test_the_browser_shows_the_overdue_warning_once_the_due_date_has_passed(browser, current_site, path, title):
    # 13 March 2027, 00:30 in Amsterdam: still 12 March in UTC, already overdue in the handbook's time zone.
    page = open_at(browser, current_site, path, dt.datetime(2027, 3, 12, 23, 30, tzinfo=dt.timezone.utc))
    try:
        assert state(page) == "overdue"
        warning = page.locator("[data-review-notice=overdue]")
        assert warning.is_visible()
        assert title in warning.inner_text()
        # After moving to another page by clicking, the new page is checked too.
        page.locator(".md-nav--primary a.md-nav__link", has_text="Welkom" if path == "regels/" else "Welcome").first.click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith(("", "en"))
        assert state(page) == "overdue"
        assert page.locator("[data-review-notice=overdue]").is_visible()
    finally:
        page.close()


@pytest.mark.parametrize(("moment", "expected"), [
    (dt.datetime(2027, 2, 9, 12, tzinfo=dt.timezone.utc), "current"),
    (dt.datetime(2027, 2, 10, 12, tzinfo=dt.timezone.utc), "due-soon"),
    (dt.datetime(2027, 3, 12, 12, tzinfo=dt.timezone.utc), "due-soon"),
])
def test_the_browser_moves_a_page_to_due_soon_in_the_window(browser, current_site, moment, expected):
    page = open_at(browser, current_site, "regels/", moment)
    try:
        assert state(page) == expected
        assert page.locator("[data-review-notice=due-soon]").is_visible() == (expected == "due-soon")
        assert not page.locator("[data-review-notice=overdue]").is_visible()
    finally:
        page.close()


def test_without_javascript_the_build_time_state_shows(browser, current_site):
    page = open_at(browser, current_site, "regels/", dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc))
    try:
        page.route("**/*.js", lambda route: route.abort())
        page.reload()
        assert state(page) == "current"
        assert page.locator(".review-status__line").is_visible()
        assert not page.locator("[data-review-notice=overdue]").is_visible()
    finally:
        page.close()
