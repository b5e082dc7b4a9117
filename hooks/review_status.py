"""Review status of every page: build warnings, page data for the templates, review.json.

A thin adapter between MkDocs (with static-i18n) and the plain modules
`review_rules`, `front_matter` and `handbook_pages`, which hold the rules.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

import handbook_pages
import review_rules
from handbook_pages import Languages, PageRecord
from language_pass import other_language
from review_rules import OVERDUE, ReviewSettings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.review_status")

OVERVIEW_TEMPLATE = "review-overview.html"
REVIEW_JSON = "review.json"


@dataclass(frozen=True)
class _Build:
    """What one build knows; replaced at every language pass and every rebuild."""

    languages: Languages
    settings: ReviewSettings
    today: date
    records: dict[str, PageRecord]


_build: _Build | None = None


def on_config(config: MkDocsConfig) -> None:
    global _build
    i18n = config.plugins.get("i18n")
    try:
        settings = review_rules.settings_from_mapping(config.extra.get("review"))
        languages = Languages.from_i18n(i18n.config.languages) if i18n else Languages(config.theme["language"])
        today = review_rules.today(settings)
    except ValueError as error:
        raise PluginError(str(error)) from None
    records = _scan(Path(config.docs_dir), languages, settings, today, _signature(Path(config.docs_dir)))
    _build = _Build(languages, settings, today, records)
    if _language(config) == languages.default:
        _report_problems(config)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.filters["long_date"] = review_rules.long_date


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    record = _build.records.get(page.file.src_uri)
    if record is None:
        return None
    language = _language(config)
    original = _build.records.get(record.key) if record.language != _build.languages.default else None
    review = record.review
    page.meta["review"] = {
        "state": review.state,
        "owner": review.owner,
        "last_reviewed": review.last_reviewed,
        "due": review.due,
        "soon": review_rules.due_soon_from(review.due, _build.settings.due_soon_days) if review.due else None,
        "invalid": bool(record.problems),
        "written_in": record.language,
        "untranslated": record.language != language,
        "original_updated": handbook_pages.original_update(record, original),
    }
    if review.state == OVERDUE:
        page.meta["status"] = OVERDUE
    # MkDocs renders front matter it cannot parse as page text; show the page
    # body instead (the build has already warned about the front matter).
    if record.matter.body_line > 1 and not page.meta.keys() - {"review", "status"}:
        page.meta.update(record.matter.data)
        return "".join(markdown.splitlines(keepends=True)[record.matter.body_line - 1:])
    return None


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    if page.meta.get("template") != OVERVIEW_TEMPLATE:
        return None
    pages = [item for item in nav.pages if "review" in item.meta]
    context["review_overview"] = sorted(
        pages, key=lambda item: handbook_pages.overview_order(item.meta["review"]["state"], item.meta["review"]["due"], item.title)
    )
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    if _language(config) != _build.languages.default:
        return
    data = handbook_pages.as_json(_build.records.values(), _build.today)
    Path(config.site_dir, REVIEW_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _language(config: MkDocsConfig) -> str:
    """The language this pass builds (static-i18n builds the site once per language)."""
    return other_language(config) or _build.languages.default


def _report_problems(config: MkDocsConfig) -> None:
    """Warn once per build about every problem in every page, so --strict fails on all of them at once."""
    root = Path(config.config_file_path).parent
    docs = os.path.relpath(config.docs_dir, root)
    found = [(record.path, problem) for record in _build.records.values() for problem in record.problems]
    found += handbook_pages.translation_problems(_build.records.values(), _build.languages, _build.settings.untranslated)
    for path, problem in found:
        where = path if path == "mkdocs.yml" else f"{docs}/{path}"
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
def _scan(docs_dir: Path, languages: Languages, settings: ReviewSettings, today: date, signature: tuple) -> dict[str, PageRecord]:
    """All pages' records, read once per build and shared by the language passes."""
    return {record.path: record for record in handbook_pages.scan(docs_dir, languages, settings, today)}
