"""axe-core finds nothing, of any impact, on any page of the handbook, in any of its languages: its own text (tables,
headings, links, checklists) is accessible. The engine's templates, on desktop and mobile, the review states and
the search are checked on the fixture handbooks (tests/test_reader_accessibility.py)."""

from __future__ import annotations

import pytest
from this_handbook import KEYS, LANGUAGES

from handbook_testing.accessibility import violations

URLS = [LANGUAGES.url(key, language) for language in LANGUAGES.all for key in KEYS]


@pytest.fixture(scope="module")
def tab(browser):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    yield page
    page.close()


@pytest.mark.parametrize("url", URLS)
def test_no_page_has_axe_violations(tab, handbook_address, url):
    tab.goto(handbook_address + url)
    tab.wait_for_load_state("load")
    assert violations(tab) == []
