"""Search in a real browser, on the two-language fixture handbook: each language finds its own pages, words in any form."""

from __future__ import annotations

import pytest
from conftest import serve


@pytest.fixture(scope="module")
def address(fixture_site):
    with serve(fixture_site.site) as address:
        yield address


def type_search(page, address: str, root: str, word: str) -> None:
    """Open the site's home in `root` on a desktop screen and type `word` into search."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(address + root)
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=10)


def search(browser, address: str, root: str, word: str) -> list[str]:
    page = browser.new_page()
    try:
        type_search(page, address, root, word)
        page.locator(".md-search-result__item").first.wait_for()
        hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        return sorted(set(hrefs))
    finally:
        page.close()


@pytest.mark.parametrize(("root", "word", "expected"), [
    ("", "vergoeding", "/werkplek/"),
    ("", "afspraak", "/afspraken/"),  # the Dutch stemmer: "afspraken" on the page
    ("", "pauze", "/werktijden/"),
    ("", "bureaustoel", "/werkplek/"),  # a keyword of the page
    ("en/", "allowance", "/en/werkplek/"),
    ("en/", "screen", "/en/werkplek/"),
    ("en/", "break", "/en/werktijden/"),
])
def test_search_finds_pages_in_the_readers_language_only(browser, address, root, word, expected):
    found = search(browser, address, root, word)
    assert expected in found
    if root:
        assert all(path.startswith("/en/") for path in found), found
    else:
        assert not any(path.startswith("/en/") for path in found), found


@pytest.mark.parametrize(("root", "word", "path", "title"), [
    ("", "vergoeding", "/werkplek/", "Je werkplek thuis"),
    ("", "bereikbaar", "/werktijden/", "Werktijden en bereikbaarheid"),
    ("en/", "allowance", "/en/werkplek/", "Your workplace at home"),
    ("en/", "reachable", "/en/werktijden/", "Working hours and being reachable"),
])
def test_clicking_a_result_opens_its_page(browser, address, root, word, path, title):
    page = browser.new_page()
    try:
        type_search(page, address, root, word)
        result = page.locator(f'.md-search-result__item > a[href^="{address}{path[1:]}"]').first
        with page.expect_navigation():
            result.click()
        assert page.evaluate("location.pathname") == path
        assert page.locator("article h1").inner_text() == title
        assert page.locator("html").get_attribute("lang") == ("en" if root else "nl")
    finally:
        page.close()
