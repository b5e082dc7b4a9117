"""With JavaScript switched off the handbook still reads: text, navigation, review line, the build-time warning, the switcher."""

from __future__ import annotations

import pytest
from conftest import TWO_LANGUAGES, script_free_tab

FIXTURE = TWO_LANGUAGES
LANGUAGES = FIXTURE.languages
PAGE = "werkplek.md"
PATHS = {language: LANGUAGES.url(PAGE, language) for language in LANGUAGES.all}
WARNINGS = {"nl": "Deze pagina is mogelijk verouderd", "en": "This page may be out of date"}


def navigation(key: str, language: str) -> list[str]:
    """The addresses in the navigation of the page `key`: its own section in full; every other section
    pruned (navigation.prune) to a link to its first page."""
    found = []
    for entry in FIXTURE.settings["nav"]:
        section = [entry] if isinstance(entry, str) else next(iter(entry.values()))
        found += [LANGUAGES.url(page, language) for page in (section if key in section else section[:1])]
    return found


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


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_a_page_reads_without_javascript(page_without_javascript, reader_site, language):
    page = page_without_javascript
    page.goto(reader_site.address + PATHS[language])
    assert page.locator("html").get_attribute("class") == "no-js"  # no script has run
    assert page.locator("article h1").inner_text() == FIXTURE.title(PAGE, language)
    assert page.locator("article .review-status__line").is_visible()
    assert page.locator("article > p").first.is_visible()  # the text itself
    assert sorted(navigation_targets(page)) == sorted(navigation(PAGE, language))
    assert page.locator(".md-nav--primary a.md-nav__link[href='./']").first.is_visible()  # the section of this page is open
    # Moving on by clicking works as well: the footer's "previous" link and the site's home.
    with page.expect_navigation():
        page.locator("a.md-footer__link--prev").click()
    assert page.locator("article .review-status__line").is_visible()
    with page.expect_navigation():
        page.locator("a.md-header__button.md-logo").click()
    assert page.locator("article h1").inner_text() == FIXTURE.title("index.md", language)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_pruned_navigation_still_reaches_every_page(page_without_javascript, reader_site, language):
    """Following navigation links from the home page, with scripts off, reaches every page of the language."""
    page = page_without_javascript
    seen, queue = set(), [LANGUAGES.url("index.md", language)]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(reader_site.address + path)
        queue += [target for target in navigation_targets(page) if target not in seen]
    assert sorted(seen) == sorted(LANGUAGES.url(key, language) for key in FIXTURE.keys)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_build_time_warning_shows_without_javascript(page_without_javascript, overdue_reader_site, language):
    page = page_without_javascript
    page.goto(overdue_reader_site.address + PATHS[language])
    assert page.locator("html").get_attribute("class") == "no-js"
    warning = page.locator("[data-review-notice=overdue]")
    assert warning.is_visible()
    assert warning.inner_text().startswith(WARNINGS[language])
    assert page.locator(".md-nav--primary .md-status--overdue").first.is_visible()


def test_the_language_switcher_works_without_javascript(page_without_javascript, reader_site):
    page = page_without_javascript
    page.goto(reader_site.address + PATHS["nl"])
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-header a.md-select__link[hreflang=en]").click()
    assert page.evaluate("location.pathname") == "/" + PATHS["en"]
    assert page.locator("html").get_attribute("lang") == "en"
