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

from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.site import build_context
from handbook_engine.site import published_files
from handbook_engine.languages import site_languages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

NOT_FOUND = published_files.NOT_FOUND

def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != NOT_FOUND:
        return None
    context["not_found_alternates"] = site_languages.homes(config)
    return context


def on_pre_build(*, config: MkDocsConfig) -> None:
    language = build_context.of(config).other_language
    if language is None:
        return
    site = Path(config.site_dir)
    if (site / NOT_FOUND).is_file():
        (site / NOT_FOUND).replace(published_files.not_found_aside(site))


def on_post_build(*, config: MkDocsConfig) -> None:
    language = build_context.of(config).other_language
    if language is None:
        return
    site = Path(config.site_dir)
    if (site / NOT_FOUND).is_file():
        (site / language / NOT_FOUND).parent.mkdir(parents=True, exist_ok=True)
        (site / NOT_FOUND).replace(site / language / NOT_FOUND)
    if published_files.not_found_aside(site).is_file():
        published_files.not_found_aside(site).replace(site / NOT_FOUND)
