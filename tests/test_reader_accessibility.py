"""axe-core finds nothing, of any impact, on any page, in either language, on desktop and mobile.

Every page is also saved as a screenshot in test-output/screenshots/ for a
person to look at: desktop (1280 px) and mobile (375 px), both languages.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import LANGUAGES, ROOT, settle

from handbook_engine.pages.handbook_pages import find

pytestmark = pytest.mark.browser

KEYS = sorted({LANGUAGES.split(path)[0] for path in find(ROOT / "docs")})
PAGES = [LANGUAGES.url(key, language) for language in LANGUAGES.all for key in KEYS]
NOT_FOUND = ["404.html", "en/404.html"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}
SEARCH_WORDS = {"nl": "richtlijn", "en": "guideline"}

AXE = Axe()


def violations(page) -> list[str]:
    """axe's violations on the page as it is now, one line each: rule, impact, where."""
    settle(page)
    found = AXE.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[node['target'] for node in violation['nodes'][:5]]}"
        for violation in found
    ]


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
@pytest.mark.parametrize("path", ["richtlijnen/", "en/richtlijnen/"])
def test_overdue_pages_have_no_axe_violations(reader_page, overdue_reader_site, screenshots, viewport, path):
    open_page(reader_page, overdue_reader_site.address, path, viewport)
    assert reader_page.locator("[data-review-notice=overdue]").is_visible()
    found = violations(reader_page)
    reader_page.screenshot(path=screenshots / screenshot_name(viewport, path, "overdue"), full_page=True)
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_mobile_navigation_drawer_has_no_axe_violations(reader_page, reader_site, screenshots, language):
    path = LANGUAGES.url("richtlijnen.md", language)
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
    ("evaluatieverslag/", "Het verslag is besproken met de ondernemingsraad."),
    ("en/evaluatieverslag/", "The report has been discussed with the works council."),
])
def test_each_checklist_box_is_named_after_its_item(reader_page, reader_site, path, item):
    reader_page.goto(reader_site.address + path)
    boxes = reader_page.get_by_role("checkbox")
    assert boxes.count() >= 5
    assert reader_page.get_by_role("checkbox", name=item, exact=True).count() == 1
    assert all(boxes.nth(index).get_attribute("aria-label") for index in range(boxes.count()))
