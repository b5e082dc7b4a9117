"""The files the handbook publishes in each language's root beside its pages.

The build writes the feed and the PDF's source; `scripts/handbook_pdf.py`
turns the source into the PDF; publishing checks that both are there. Each
language root also gets its own 404 page (`not_found_pages`) and search index
(`search_per_language`).
"""

from pathlib import Path

FEED = "feed.xml"
PDF = "handbook.pdf"
# The whole handbook of one language as one HTML document, which the PDF is made of.
PRINT_SOURCE = "handbook.print.html"
# MkDocs's page for an address that has none, and Material's search index (static-i18n writes both languages'
# into the site root's; search_per_language splits it).
NOT_FOUND = "404.html"
SEARCH_INDEX = "search/search_index.json"


def not_found_aside(site: Path) -> Path:
    """Where the default language's 404 page waits while another language's pass writes its own."""
    return site / f".{NOT_FOUND}.default"


def language_root(language: str, default: str) -> str:
    """The folder of a language's files, relative to the site root: '' for the default language, 'en/' for English."""
    return "" if language == default else f"{language}/"


def site_root(site_url: str | None) -> str:
    """The site's address ending in one '/' ('/' when the site has none), to which page addresses are added."""
    return (site_url or "/").rstrip("/") + "/"
