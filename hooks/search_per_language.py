"""Search per language: each language loads only its own index.

Material fetches `search/search_index.json` under the `base` address of the
page. Pages of the other languages get their language root as `base`, and
after static-i18n has written its combined index, the index is split so that
`/search/` holds the Dutch pages and `/en/search/` the English ones.

The 404 page is a template, not a page: its `base_url` is the absolute site
root, which it also needs for its stylesheets and scripts (it is served at any
depth). It gets the language root as `search_base_url`, which
`overrides/404.html` gives to the search instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from handbook_engine.site import build_context
from handbook_engine.site import published_files
from handbook_engine.search import search_index
from handbook_engine.languages import site_languages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

INDEX = Path(published_files.SEARCH_INDEX)
NOT_FOUND = published_files.NOT_FOUND


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    language = build_context.of(config).other_language
    if language is None:
        return None
    context["base_url"] = get_relative_url(f"{language}/", page.url)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    language = build_context.of(config).other_language
    if template_name != NOT_FOUND or language is None:
        return None
    context["search_base_url"] = f"{context['base_url'].rstrip('/')}/{language}/"
    return context


# After static-i18n (-100), which writes the combined index once all languages are built.
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not site_languages.all_languages_built(config):
        return
    site = Path(config.site_dir)
    build = build_context.of(config).build
    languages = build.languages
    # Each page's front matter keywords, by its address in the combined index.
    keywords = {page.url: search_index.keywords_text(page.meta.get("keywords")) for this in build.passes.values() for page in this.pages}
    combined = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for language, index in search_index.split(combined, languages, keywords).items():
        target = site / INDEX if language == languages.default else site / language / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
