"""Printing a page gives clean paper: the text with its title, review line and warning, links with their address, no chrome.

What is on paper is checked in the print media of the page (what is visible,
what a link's ::after adds); page.pdf() checks that chromium prints it. The
PDFs and a screenshot of the print view are saved next to the screenshots.
"""

from __future__ import annotations

import pytest
from conftest import TWO_LANGUAGES

# The chrome around the text: header (with the search and the language switcher), the sidebars, footer, buttons.
CHROME = [".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top",
          ".md-content__button", ".md-skip", ".headerlink"]
TITLES = {TWO_LANGUAGES.url(key, language): TWO_LANGUAGES.title(key, language) for key in ("index.md", "werkplek.md") for language in ("nl", "en")}
WARNINGS = {"nl": "Deze pagina is mogelijk verouderd", "en": "This page may be out of date"}


def print_view(page, address: str, path: str):
    page.goto(address + path)
    page.emulate_media(media="print")


def visible(page, selector: str) -> list[str]:
    """The elements matching `selector` that take up space on the page."""
    return page.locator(selector).evaluate_all(
        "elements => elements.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').map(e => e.outerHTML.slice(0, 80))"
    )


def save_pdf(page, screenshots, name: str) -> bytes:
    pdf = page.pdf(format="A4")
    (screenshots / f"{name}.pdf").write_bytes(pdf)
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    return pdf


@pytest.mark.parametrize("path", TITLES)
def test_a_printed_page_has_its_text_and_review_line_and_no_chrome(reader_page, reader_site, screenshots, path):
    print_view(reader_page, reader_site.address, path)
    for selector in CHROME:
        assert visible(reader_page, selector) == [], selector
    assert reader_page.locator("article h1").inner_text() == TITLES[path]
    assert reader_page.locator("article .review-status__line").is_visible()
    assert not reader_page.locator("[data-review-notice=overdue]").is_visible()
    pdf = save_pdf(reader_page, screenshots, "print-" + ("en-" if path.startswith("en/") else "nl-") + (path.removeprefix("en/").strip("/") or "index"))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_printed_overdue_page_carries_its_warning(reader_page, overdue_reader_site, screenshots, language):
    path = TWO_LANGUAGES.url("werkplek.md", language)
    print_view(reader_page, overdue_reader_site.address, path)
    assert reader_page.locator("article .review-status__line").is_visible()
    warning = reader_page.locator("[data-review-notice=overdue]")
    assert warning.is_visible()
    assert warning.inner_text().startswith(WARNINGS[language])
    assert visible(reader_page, ".md-sidebar--primary") == []
    pdf = save_pdf(reader_page, screenshots, f"print-{language}-werkplek-overdue")
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("root", ["", "en/"])
def test_printed_links_show_their_full_address(reader_page, reader_site, root):
    print_view(reader_page, reader_site.address, root)
    # A link to a place on the same page leads nowhere else on paper: only links away are printed.
    links = reader_page.locator("article a[href]:not(.headerlink, .md-content__button, [href^='#'])").evaluate_all(
        "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])"
    )
    assert len(links) >= 5  # the home page links to every page of rules
    for address, after in links:
        assert address.startswith(reader_site.address + root)
        assert after == f'" ({address})"'


def test_links_show_no_address_on_screen(reader_page, reader_site):
    reader_page.goto(reader_site.address)
    contents = reader_page.locator("article a[href]").evaluate_all("links => links.map(a => getComputedStyle(a, '::after').content)")
    assert set(contents) <= {"none", "normal"}
