"""Every page's data, the helpers the templates use (the review overview's rows among them), the sitemaps and review.json.

A thin adapter over the plain modules `page_meta`, `handbook_pages`,
`review_rules`, `contact_channels` and `labels`, which hold the rules. MkDocs
is given each page's text without its front matter (`on_page_read_source`),
and `on_page_markdown` gives the page its data in one step
(`page_meta.page_meta`, which says in which order it is made). A page's bad
input never crashes the build: bytes that are not UTF-8 are replaced, and
front matter the theme acts on is dropped when its value is wrong; the build
has already warned about each problem with its file, line and field
(`build_pass`), so that `mkdocs build --strict` fails on it and a preview
still shows the page.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.pages import handbook_pages
from handbook_engine.pages import page_meta
from handbook_engine.pages import review_rules
from handbook_engine.pages.review_rules import OVERDUE
from handbook_engine.settings import contact_channels
from handbook_engine.settings import labels
from handbook_engine.site import build_context

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

SITEMAP_TEMPLATE = "sitemap.xml"
REVIEW_JSON = "review.json"


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    record = build_context.of(config).build.records.get(page.file.src_uri)
    if record is None:
        return None
    return page_meta.body_text(Path(page.file.abs_src_path).read_bytes(), record)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    this = build_context.of(config)
    build = this.build
    record = build.records.get(page.file.src_uri)
    if record is not None:
        original = build.records.get(record.key) if record.language != build.languages.default else None
        page.meta.update(page_meta.page_meta(record, original, build.history, build.settings, this.language))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.filters["long_date"] = review_rules.long_date
    env.filters["language_name"] = labels.language_name
    env.globals["label"] = build_context.of(config).labels.markup
    env.globals["localized"] = contact_channels.localized
    env.globals["dial_uri"] = contact_channels.dial_uri
    env.globals["review_overview"] = _review_overview
    # Every page's navigation asks this of every section: the answers are kept for the pass (this environment's),
    # whose pages all have their status by the time they are rendered.
    env.tests["holding_overdue_page"] = functools.partial(_holds_overdue_page, {})


def _review_overview(pages: list[Page]) -> list[Page]:
    """The review overview's rows (partials/review-overview-table.html, on the site and in the PDF): the pages
    with review data, overdue first, then by due date. Called while pages are rendered, when all have their data."""
    return sorted((item for item in pages if "review" in item.meta),
                  key=lambda item: handbook_pages.overview_order(item.meta["review"]["state"], item.meta["review"]["due"], str(item.title)))


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != SITEMAP_TEMPLATE:
        return None
    context["handbook_sitemap"] = _sitemap(build_context.of(config).build)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    this = build_context.of(config)
    build = this.build
    site = Path(config.site_dir)
    if this.other_language is None:
        data = handbook_pages.as_json(build.records.values(), build.settings, build.today)
        (site / REVIEW_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        # Material fetches sitemap.xml beside every <link rel="alternate"> in a page's head (the feed's is one):
        # each other language's folder gets the sitemap of its own pages.
        folder = build.site_root + this.language_root
        entries = [entry for entry in _sitemap(build) if entry["address"].startswith(folder)]
        html = this.env.get_template(SITEMAP_TEMPLATE).render(handbook_sitemap=entries)
        (site / this.language_root / SITEMAP_TEMPLATE).write_text(html, encoding="utf-8")


def _sitemap(build: build_context.Build) -> list[dict]:
    """The sitemap's entries: every page in every language it is published in."""
    return handbook_pages.sitemap(build.records.values(), build.languages, build.settings.untranslated, build.site_root)


def _holds_overdue_page(answers: dict[Section, bool], item: Section) -> bool:
    """Whether a navigation section holds a page that is overdue, at any depth."""
    if item not in answers:
        answers[item] = any(
            child.meta.get("status") == OVERDUE if child.is_page else _holds_overdue_page(answers, child)
            for child in getattr(item, "children", None) or ()
        )
    return answers[item]
