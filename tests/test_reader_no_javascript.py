"""With JavaScript switched off the handbook still reads: text, navigation, review line, the build-time warning, the switcher."""

from __future__ import annotations

import pytest
from conftest import script_free_tab

pytestmark = pytest.mark.browser

TITLES = {"richtlijnen/": "Richtlijnen", "en/richtlijnen/": "Guidelines"}
HOME_TITLES = {"richtlijnen/": "Social media op het werk", "en/richtlijnen/": "Social media at work"}
# The navigation of a page: its own section in full; other sections are pruned
# (navigation.prune) to a link to their first page.
SECTION = ["voordelen/", "risicos/", "richtlijnen/", "mag-ik-dit-posten/", "veelgestelde-vragen/"]
OTHER_SECTIONS = ["fotos-en-videos/", "monitoring/", "jaarlijkse-evaluatie/"]
PAGES = ["wat-is-er-nieuw/", "versies/", *SECTION, "fotos-en-videos/", "pers-en-crisis/", "ai-tools/", "accounts/", "vacatures-en-aanbevelen/", "online-intimidatie/",
                   "monitoring/", "mening-en-kritiek/", "misstanden-melden/", "overtredingen/",
                   "jaarlijkse-evaluatie/", "evaluatieverslag/", "beoordelingen/", "contact/"]
NAVIGATION = {
    "richtlijnen/": ["", "wat-is-er-nieuw/", "versies/", *SECTION, *OTHER_SECTIONS, "contact/"],
    "en/richtlijnen/": ["en/", *(f"en/{path}" for path in ["wat-is-er-nieuw/", "versies/", *SECTION, *OTHER_SECTIONS]), "en/contact/"],
}
EVERY_PAGE = {
    "": ["", *sorted(set(PAGES))],
    "en/": ["en/", *(f"en/{path}" for path in sorted(set(PAGES)))],
}
WARNINGS = {"richtlijnen/": "Deze pagina is mogelijk verouderd", "en/richtlijnen/": "This page may be out of date"}


@pytest.fixture
def page_without_javascript(browser):
    """A desktop-sized tab in which no script runs."""
    page = script_free_tab(browser, 1280, 800)
    yield page
    page.close()


def navigation_targets(page) -> list[str]:
    return page.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all(
        "links => [...new Set(links.map(a => new URL(a.href).pathname.slice(1)))]"
    )


@pytest.mark.parametrize("path", TITLES)
def test_a_page_reads_without_javascript(page_without_javascript, reader_site, path):
    page = page_without_javascript
    page.goto(reader_site.address + path)
    assert page.locator("html").get_attribute("class") == "no-js"  # no script has run
    assert page.locator("article h1").inner_text() == TITLES[path]
    assert page.locator("article .review-status__line").is_visible()
    assert page.locator("article > p").first.is_visible()  # the text itself
    assert sorted(navigation_targets(page)) == sorted(NAVIGATION[path])
    assert page.locator(".md-nav--primary a.md-nav__link[href='./']").first.is_visible()  # the section of this page is open
    # Moving on by clicking works as well: the footer's "previous" link and the site's home.
    with page.expect_navigation():
        page.locator("a.md-footer__link--prev").click()
    assert page.locator("article .review-status__line").is_visible()
    with page.expect_navigation():
        page.locator("a.md-header__button.md-logo").click()
    assert page.locator("article h1").inner_text() == HOME_TITLES[path]


@pytest.mark.parametrize("home", EVERY_PAGE)
def test_the_pruned_navigation_still_reaches_every_page(page_without_javascript, reader_site, home):
    """Following navigation links from the home page, with scripts off, reaches every page of the language."""
    page = page_without_javascript
    seen, queue = set(), [home]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(reader_site.address + path)
        queue += [target for target in navigation_targets(page) if target not in seen]
    assert sorted(seen) == sorted(EVERY_PAGE[home])


@pytest.mark.parametrize("path", TITLES)
def test_the_build_time_warning_shows_without_javascript(page_without_javascript, overdue_reader_site, path):
    page = page_without_javascript
    page.goto(overdue_reader_site.address + path)
    assert page.locator("html").get_attribute("class") == "no-js"
    warning = page.locator("[data-review-notice=overdue]")
    assert warning.is_visible()
    assert warning.inner_text().startswith(WARNINGS[path])
    assert page.locator(".md-nav--primary .md-status--overdue").first.is_visible()


def test_the_language_switcher_works_without_javascript(page_without_javascript, reader_site):
    page = page_without_javascript
    page.goto(reader_site.address + "richtlijnen/")
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-header a.md-select__link[hreflang=en]").click()
    assert page.evaluate("location.pathname") == "/en/richtlijnen/"
    assert page.locator("html").get_attribute("lang") == "en"
