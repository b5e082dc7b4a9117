"""The review states as a reader sees them: the last-reviewed line, the overdue warning, the mark in the navigation."""

from __future__ import annotations

import pytest
from conftest import TWO_LANGUAGES

FIXTURE = TWO_LANGUAGES
LANGUAGES = FIXTURE.languages
KEYS = FIXTURE.keys
PAGE = "werkplek.md"
# The pages beside it in its section of the navigation.
SIBLINGS = ["werktijden.md", "mag-ik-thuiswerken.md"]
TEXTS = {
    "nl": {"line": "Laatst beoordeeld op", "warning": "Deze pagina is mogelijk verouderd", "mark": "Beoordeling verlopen"},
    "en": {"line": "Last reviewed on", "warning": "This page may be out of date", "mark": "Review overdue"},
}


@pytest.mark.parametrize("language", LANGUAGES.all)
@pytest.mark.parametrize("key", KEYS)
def test_a_current_page_shows_its_review_line_and_no_warning(reader_page, reader_site, key, language):
    reader_page.goto(reader_site.address + LANGUAGES.url(key, language))
    line = reader_page.locator("article .review-status__line")
    assert line.is_visible()
    assert line.inner_text().startswith(TEXTS[language]["line"])
    assert not reader_page.locator("[data-review-notice=overdue]").is_visible()
    assert reader_page.locator(".md-nav--primary .md-status--overdue").count() == 0


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_an_overdue_page_warns_in_the_readers_language_and_the_navigation_marks_it(reader_page, overdue_reader_site, language):
    texts = TEXTS[language]
    reader_page.goto(overdue_reader_site.address + LANGUAGES.url(PAGE, language))
    assert reader_page.locator("article .review-status__line").inner_text().startswith(texts["line"])
    warning = reader_page.get_by_role("alert")
    assert warning.is_visible()
    assert warning.inner_text().startswith(texts["warning"])
    # The pages next to it in the navigation: a visible mark, titled and read out in the reader's language.
    for title in (FIXTURE.title(key, language) for key in SIBLINGS):
        link = reader_page.locator(".md-nav--primary a.md-nav__link", has_text=title).first
        mark = link.locator(".md-status--overdue")
        assert mark.is_visible(), title
        assert mark.get_attribute("title") == texts["mark"]
        assert reader_page.get_by_role("link", name=f"{title} ({texts['mark']})").count() >= 1
        spoken = link.locator(".handbook-visually-hidden").bounding_box()
        assert spoken["width"] <= 1 and spoken["height"] <= 1  # read out, not shown


def test_an_overdue_page_is_marked_in_the_mobile_navigation_drawer(reader_page, overdue_reader_site):
    reader_page.set_viewport_size({"width": 375, "height": 812})
    reader_page.goto(overdue_reader_site.address + LANGUAGES.url(PAGE, "en"))
    reader_page.locator("label.md-header__button[for=__drawer]").click()
    sibling = FIXTURE.title(SIBLINGS[0], "en")
    mark = reader_page.locator(".md-nav--primary a.md-nav__link", has_text=sibling).first.locator(".md-status--overdue")
    mark.wait_for(state="visible")
    assert mark.get_attribute("title") == "Review overdue"
