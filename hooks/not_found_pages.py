"""The 404 page in every language: `site/404.html` in Dutch, `site/en/404.html` in English.

static-i18n builds the whole site once per language into the same folder, so
each language's pass writes its `404.html` over the one before it. In a pass
of a language other than the default, the default language's page is moved
aside before the build; after it, the pass's own page goes into its language
folder and the default language's page comes back.

A 404 page belongs to no page of the handbook, so its language switcher leads
to each language's home page (static-i18n would leave it pointing at the
counterpart of whichever page it handled last).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from language_pass import other_language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

NOT_FOUND = "404.html"


def aside(site: Path) -> Path:
    """Where the default language's 404 page waits while another language is built."""
    return site / f".{NOT_FOUND}.default"


def language_page(site: Path, language: str) -> Path:
    """The 404 page of a language other than the default."""
    return site / language / NOT_FOUND


def language_homes(languages: Iterable[Mapping], site_url: str | None) -> list[dict[str, str]]:
    """The language switcher's entries on a 404 page: the home page of every built language."""
    root = urlsplit(site_url or "/").path.rstrip("/")
    return [
        {"name": language["name"], "lang": language["locale"], "link": language.get("fixed_link") or root + language["link"]}
        for language in languages
        if language.get("build", True)
    ]


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    i18n = config.plugins.get("i18n")
    if template_name != NOT_FOUND or i18n is None:
        return None
    context["not_found_alternates"] = language_homes(i18n.config.languages, config.site_url)
    return context


def on_pre_build(*, config: MkDocsConfig) -> None:
    language = other_language(config)
    if language is None:
        return
    site = Path(config.site_dir)
    if (site / NOT_FOUND).is_file():
        (site / NOT_FOUND).replace(aside(site))


def on_post_build(*, config: MkDocsConfig) -> None:
    language = other_language(config)
    if language is None:
        return
    site = Path(config.site_dir)
    if (site / NOT_FOUND).is_file():
        language_page(site, language).parent.mkdir(parents=True, exist_ok=True)
        (site / NOT_FOUND).replace(language_page(site, language))
    if aside(site).is_file():
        aside(site).replace(site / NOT_FOUND)
