"""Review status of every page: build warnings, page data for the templates, the sitemap, review.json.

A thin adapter between MkDocs and the plain modules `review_rules`,
`front_matter`, `handbook_pages` and `labels`, which hold the rules. A page's
bad input never crashes the build: bytes that are not UTF-8 are replaced, and
front matter the theme acts on is dropped when its value is wrong. Each
problem is a warning that names the file, line and field, so that
`mkdocs build --strict` fails on it and a preview still shows the page.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

from handbook_engine.site import build_context
from handbook_engine.pages import front_matter
from handbook_engine.pages import handbook_pages
from handbook_engine.settings import labels
from handbook_engine.settings import owners
from handbook_engine.pages import review_rules
from handbook_engine.settings import site_config
from handbook_engine.pages.handbook_pages import Languages, PageRecord
from handbook_engine.pages.review_rules import OVERDUE, ReviewSettings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation, Section
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.review_status")

OVERVIEW_TEMPLATE = "review-overview.html"
SITEMAP_TEMPLATE = "sitemap.xml"
REVIEW_JSON = "review.json"


# Every page's record by its path, for one pass: replaced at every language pass and every rebuild.
_records: dict[str, PageRecord] = {}
_site_name: str | None = None
# Navigation sections and whether they hold an overdue page, for one pass.
_sections_holding_overdue: dict[Section, bool] = {}


def on_config(config: MkDocsConfig) -> None:
    global _records
    context = build_context.current()
    docs_dir = Path(config.docs_dir)
    _records = _scan(docs_dir, context.languages, context.settings, context.today,
                     handbook_pages.page_templates(context.theme_dir), _signature(docs_dir))
    if context.language == context.languages.default:
        _report_problems(config, Path(config.config_file_path))
        for language, count in context.labels.missing(context.languages.all).items():
            log.info(f"Language '{language}' lacks {count} of the handbook's texts in {labels.FOLDER}/{language}.yml: it is shown the English ones")


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Material prints the site name as HTML: escaped for this pass, after
    # static-i18n has set this language's name in its on_config. on_post_build
    # gives the plain text back before static-i18n's next pass, which only
    # replaces a site name of type str.
    global _site_name
    _site_name = config.site_name
    config.site_name = escape(config.site_name)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    _sections_holding_overdue.clear()
    env.filters["long_date"] = review_rules.long_date
    env.globals["label"] = build_context.current().labels.markup
    env.tests["holding_overdue_page"] = _holds_overdue_page


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    """Text that is not UTF-8 is read with the unreadable bytes replaced (MkDocs would stop with a traceback);
    the page's problem is already a warning."""
    record = _records.get(page.file.src_uri)
    if record is None or not any(problem.field == front_matter.ENCODING for problem in record.problems):
        return None
    return front_matter.decode(Path(page.file.abs_src_path).read_bytes())[0]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    record = _records.get(page.file.src_uri)
    if record is None:
        return None
    context = build_context.current()
    # MkDocs renders front matter it cannot parse as page text; show the page
    # body instead (the build has already warned about the front matter).
    unread_front_matter = record.matter.body_line > 1 and not page.meta
    # The theme sees the front matter as the project read and checked it.
    page.meta.clear()
    page.meta.update(handbook_pages.theme_meta(record))
    if "title" in page.meta:
        # Titles are text, but Material prints them as HTML: escaped once, here.
        page.meta["title"] = escape(page.meta["title"])
    language = context.language
    original = _records.get(record.key) if record.language != context.languages.default else None
    review = record.review
    page.meta["review"] = {
        "state": review.state,
        "owner": owners.names_in(review.owners, context.settings.owners, language),
        "last_reviewed": review.last_reviewed,
        "due": review.due,
        "soon": review_rules.due_soon_from(review.due, context.settings.due_soon_days) if review.due else None,
        "timezone": context.settings.timezone,
        "invalid": bool(record.problems),
        "written_in": record.language,
        "untranslated": record.language != language,
        "original_updated": handbook_pages.original_update(record, original),
    }
    if review.state == OVERDUE:
        page.meta["status"] = OVERDUE
    if unread_front_matter:
        return "".join(markdown.splitlines(keepends=True)[record.matter.body_line - 1:])
    return None


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    if page.meta.get("template") != OVERVIEW_TEMPLATE:
        return None
    pages = [item for item in nav.pages if "review" in item.meta]
    context["review_overview"] = sorted(
        pages, key=lambda item: handbook_pages.overview_order(item.meta["review"]["state"], item.meta["review"]["due"], str(item.title))
    )
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != SITEMAP_TEMPLATE:
        return None
    build = build_context.current()
    context["handbook_sitemap"] = handbook_pages.sitemap(
        _records.values(), build.languages, build.settings.untranslated, build.site_root,
    )
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    config.site_name = _site_name
    if build_context.current().other_language is not None:
        return
    context = build_context.current()
    data = handbook_pages.as_json(_records.values(), context.settings, context.today)
    Path(config.site_dir, REVIEW_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _holds_overdue_page(item: Section) -> bool:
    """Whether a navigation section holds a page that is overdue, at any depth.

    Every page's navigation asks this of every section: the answer is kept
    for the pass (pages are rendered only once every page has its status).
    """
    if item not in _sections_holding_overdue:
        _sections_holding_overdue[item] = any(
            child.meta.get("status") == OVERDUE if child.is_page else _holds_overdue_page(child)
            for child in getattr(item, "children", None) or ()
        )
    return _sections_holding_overdue[item]


def _report_problems(config: MkDocsConfig, config_path: Path) -> None:
    """Warn once per build about every problem in every page and in mkdocs.yml, so --strict fails on all of them at once."""
    docs = os.path.relpath(config.docs_dir, config_path.parent)
    context = build_context.current()
    found = handbook_pages.all_problems(_records.values(), context.languages, context.settings, site_config.load(config_path))
    for path, problem in found:
        where = config_path.name if path == handbook_pages.CONFIG else f"{docs}/{path}"
        line = f"{problem.line}:" if problem.line else ""
        log.warning(f"{where}:{line} {problem.field}: {problem.message}")


def _signature(docs_dir: Path) -> tuple:
    """What changes when any page changes: each Markdown file's path, size and time."""
    entries = []
    for path in handbook_pages.find(docs_dir):
        stat = (docs_dir / path).stat()
        entries.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def _scan(docs_dir: Path, languages: Languages, settings: ReviewSettings, today: date,
          templates: frozenset[str], signature: tuple) -> dict[str, PageRecord]:
    """All pages' records, read once per build and shared by the language passes."""
    return {record.path: record for record in handbook_pages.scan(docs_dir, languages, settings, today, templates)}
