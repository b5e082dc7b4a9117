"""The language switcher, and the privacy of reading: nothing is requested from anywhere but the site.

The site is served at the address it was built for (site_url), with
instant navigation off: every click is a full page load.
"""

from __future__ import annotations

import pytest
from conftest import TWO_LANGUAGES, Traffic

FIXTURE = TWO_LANGUAGES
LANGUAGES = FIXTURE.languages
KEYS = FIXTURE.keys
OTHER = {"nl": "en", "en": "nl"}
# What the reader's language shows in Material's chrome and in the review line.
CHROME = {
    "nl": {"placeholder": "Zoeken", "select": "Selecteer taal", "review": "Laatst beoordeeld op"},
    "en": {"placeholder": "Search", "select": "Select language", "review": "Last reviewed on"},
}


def key_of(path: str) -> tuple[str, str]:
    """('werkplek.md', 'en') for the address path '/en/werkplek/'."""
    for key in KEYS:
        for language in LANGUAGES.all:
            if path == "/" + LANGUAGES.url(key, language):
                return key, language
    raise AssertionError(f"{path} is no page of the handbook")


def path_of(page) -> str:
    return page.evaluate("location.pathname")


def assert_reads_in(page, key: str, language: str) -> None:
    """The page is `key` in `language`, and everything around its text speaks that language."""
    assert path_of(page) == "/" + LANGUAGES.url(key, language)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("article h1").inner_text() == FIXTURE.title(key, language)
    assert page.locator("input.md-search__input").get_attribute("placeholder") == CHROME[language]["placeholder"]
    assert page.locator(".md-select > button").get_attribute("aria-label") == CHROME[language]["select"]
    assert page.locator(".review-status__line").inner_text().startswith(CHROME[language]["review"])


def switch_language(page, language: str) -> None:
    """Open the switcher in the header and click the language, as a reader does."""
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(f".md-header a.md-select__link[hreflang={language}]").click()


@pytest.mark.parametrize("key", KEYS)
def test_the_switcher_leads_to_the_same_page_in_the_other_language_and_back(reader_page, reader_site, key):
    reader_page.goto(reader_site.address + LANGUAGES.url(key, "nl"))
    assert_reads_in(reader_page, key, "nl")
    switch_language(reader_page, "en")
    assert_reads_in(reader_page, key, "en")
    switch_language(reader_page, "nl")
    assert_reads_in(reader_page, key, "nl")


@pytest.mark.parametrize("start", LANGUAGES.all)
def test_the_switcher_stays_right_while_clicking_through_the_site(reader_page, reader_site, start):
    """From the home page on through every page by the footer's "next" link, switching language at each.

    The language alternates, so each walk switches both ways; the two walks
    together switch every page in both directions.
    """
    reader_page.goto(reader_site.address + LANGUAGES.url("index.md", start))
    language, visited = start, []
    while True:
        key, shown = key_of(path_of(reader_page))
        assert shown == language
        visited.append(key)
        switch_language(reader_page, OTHER[language])
        language = OTHER[language]
        assert_reads_in(reader_page, key, language)
        following = reader_page.locator("a.md-footer__link--next")
        if not following.count():
            break
        with reader_page.expect_navigation():
            following.click()
    assert sorted(visited) == KEYS


def test_reading_searching_and_switching_requests_nothing_outside_the_site(browser, reader_site):
    """A reader's tour: pages, the navigation, search, a result, the switcher, the 404 pages; no request leaves the site, none fails."""
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    try:
        with Traffic(browser) as traffic:
            page.goto(reader_site.address)
            with page.expect_navigation():
                page.locator("article a", has_text="Je werkplek thuis").first.click()
            with page.expect_navigation():
                page.locator(".md-nav--primary a.md-nav__link", has_text="Werktijden en bereikbaarheid").first.click()
            assert path_of(page) == "/werktijden/"
            for root, word in (("", "vergoeding"), ("en/", "allowance")):
                page.goto(reader_site.address + root)
                field = page.locator("input.md-search__input")
                field.click()
                field.press_sequentially(word, delay=10)
                page.locator(".md-search-result__item").first.wait_for()
                with page.expect_navigation():
                    page.locator(".md-search-result__item > a").first.click()
                switch_language(page, "nl" if root else "en")
                page.wait_for_load_state("networkidle")
            for path in ("404.html", "en/404.html"):
                page.goto(reader_site.address + path)
                page.wait_for_load_state("networkidle")
    finally:
        page.close()
    requested = set(traffic.requests)
    # The recording saw the pages, the stylesheets, the scripts, both search indexes and what the search worker loads.
    assert {reader_site.address + "search/search_index.json", reader_site.address + "en/search/search_index.json"} <= requested
    assert any(url.endswith(".css") for url in requested) and any(url.endswith(".js") for url in requested)
    assert any("/lunr/" in url for url in requested)
    assert traffic.off_site(reader_site.origin) == []
    assert traffic.failures == []
