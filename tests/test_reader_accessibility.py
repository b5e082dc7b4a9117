"""axe-core finds nothing, of any impact, on any page of the two-language fixture handbook, in either language,
on desktop and mobile: the engine's templates, the review states, the navigation, search and the Markdown it
renders (tables, admonitions, a fill-in form, a checklist). The handbook's own pages are checked by
tests/handbook/test_accessibility.py.

Every page is also saved as a screenshot in test-output/screenshots/ for a
person to look at: desktop (1280 px) and mobile (375 px), both languages.
"""

from __future__ import annotations

import pytest
from conftest import TWO_LANGUAGES

from handbook_testing.accessibility import violations

LANGUAGES = TWO_LANGUAGES.languages
PAGES = [LANGUAGES.url(key, language) for language in LANGUAGES.all for key in TWO_LANGUAGES.keys]
NOT_FOUND = ["404.html", "en/404.html"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
SEARCH_WORDS = {"nl": "vergoeding", "en": "allowance"}


def screenshot_name(viewport: str, path: str, state: str = "") -> str:
    language = "en" if path.startswith("en/") else "nl"
    slug = path.removeprefix("en/").strip("/").replace("/", "-").replace(".html", "") or "index"
    return f"{viewport}-{language}-{slug}{'-' + state if state else ''}.png"


def open_page(page, address: str, path: str, viewport: str):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(address + path)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES + NOT_FOUND)
def test_every_page_has_no_axe_violations(reader_page, reader_site, screenshots, viewport, path):
    open_page(reader_page, reader_site.address, path, viewport)
    found = violations(reader_page)
    reader_page.screenshot(path=screenshots / screenshot_name(viewport, path), full_page=True)
    assert found == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["werkplek/", "en/werkplek/"])
def test_overdue_pages_have_no_axe_violations(reader_page, overdue_reader_site, screenshots, viewport, path):
    open_page(reader_page, overdue_reader_site.address, path, viewport)
    assert reader_page.locator("[data-review-notice=overdue]").is_visible()
    found = violations(reader_page)
    reader_page.screenshot(path=screenshots / screenshot_name(viewport, path, "overdue"), full_page=True)
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_mobile_navigation_drawer_has_no_axe_violations(reader_page, reader_site, screenshots, language):
    path = LANGUAGES.url("werkplek.md", language)
    open_page(reader_page, reader_site.address, path, "mobile")
    reader_page.locator("label.md-header__button[for=__drawer]").click()
    assert reader_page.locator(".md-nav--primary").first.is_visible()
    found = violations(reader_page)
    reader_page.screenshot(path=screenshots / screenshot_name("mobile", path, "navigation"))
    assert found == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_search_dialog_with_results_has_no_axe_violations(reader_page, reader_site, screenshots, viewport, language):
    path = LANGUAGES.url("index.md", language)
    open_page(reader_page, reader_site.address, path, viewport)
    if viewport == "mobile":
        reader_page.locator("label.md-header__button[for=__search]").click()
    field = reader_page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(SEARCH_WORDS[language], delay=10)
    reader_page.locator(".md-search-result__item").first.wait_for()
    assert reader_page.get_by_role("dialog", name="Zoeken" if language == "nl" else "Search").count() == 1
    found = violations(reader_page)
    reader_page.screenshot(path=screenshots / screenshot_name(viewport, path, "search"))
    # With the keyboard on the first result, which gets a tinted background.
    field.press("ArrowDown")
    assert reader_page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    found += violations(reader_page)
    assert found == []


@pytest.mark.parametrize(("path", "item"), [
    ("afspraken/", "De werktijden zijn afgesproken."),
    ("en/afspraken/", "The working hours have been agreed."),
])
def test_each_checklist_box_is_named_after_its_item(reader_page, reader_site, path, item):
    reader_page.goto(reader_site.address + path)
    boxes = reader_page.get_by_role("checkbox")
    assert boxes.count() >= 3
    assert reader_page.get_by_role("checkbox", name=item, exact=True).count() == 1
    assert all(boxes.nth(index).get_attribute("aria-label") for index in range(boxes.count()))
