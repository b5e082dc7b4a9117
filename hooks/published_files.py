"""The files the handbook publishes in each language's root beside its pages.

The build writes the feed and the PDF's source; `scripts/handbook_pdf.py`
turns the source into the PDF; publishing checks that both are there.
"""

FEED = "feed.xml"
PDF = "handbook.pdf"
# The whole handbook of one language as one HTML document, which the PDF is made of.
PRINT_SOURCE = "handbook.print.html"


def language_root(language: str, default: str) -> str:
    """The folder of a language's files, relative to the site root: '' for the default language, 'en/' for English."""
    return "" if language == default else f"{language}/"
