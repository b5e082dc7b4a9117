"""The pages of the handbook as the review tools see them, free of any site engine.

Pages follow the suffix structure: `richtlijnen.md` is the Dutch original and
`richtlijnen.en.md` its English translation; both share the key
`richtlijnen.md` and the path `richtlijnen/` under their language's root.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from handbook_engine.languages.page_languages import Languages
from handbook_engine.settings import contact_channels
from handbook_engine.pages import front_matter
from handbook_engine.settings import owners
from handbook_engine.pages import page_checks
from handbook_engine.site import published_files
from handbook_engine.settings import site_config
from handbook_engine import yaml_source
from handbook_engine.pages.page_checks import CONFIG
from handbook_engine.pages.review_rules import OVERDUE, Problem, Review, ReviewSettings
from handbook_engine.yaml_source import key_name


@dataclass(frozen=True)
class PageRecord:
    """One Markdown file: its language, front matter, review and problems."""

    path: str
    key: str
    language: str
    url: str
    matter: front_matter.FrontMatter
    review: Review
    problems: tuple[Problem, ...]

    @property
    def title(self) -> str:
        title = self.matter.data.get("title")
        return title if isinstance(title, str) and title.strip() else self.key


def load(docs_dir: Path, path: str, languages: Languages, settings: ReviewSettings, today: dt.date,
         templates: Collection[str]) -> PageRecord:
    """Read one page's front matter and judge it."""
    key, language = languages.split(path)
    matter = front_matter.read(docs_dir / path)
    review, problems = page_checks.inspect(matter, settings, today, templates)
    return PageRecord(path, key, language, languages.url(key, language), matter, review, problems)


def files(folder: Path) -> list[str]:
    """Every file under `folder` as sorted POSIX paths relative to it, without hidden files and folders
    (names starting with '.', which MkDocs leaves out too) and Python's `__pycache__`."""
    found = []
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"]
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.extend(prefix + name for name in names if not name.startswith("."))
    return sorted(found)


def find(docs_dir: Path) -> list[str]:
    """Every Markdown file under `docs_dir`, as sorted POSIX paths relative to it."""
    return [path for path in files(docs_dir) if path.endswith(".md")]


def scan(docs_dir: Path, languages: Languages, settings: ReviewSettings, today: dt.date,
         templates: Collection[str]) -> list[PageRecord]:
    """Every page of the handbook, judged on `today`."""
    return [load(docs_dir, path, languages, settings, today, templates) for path in find(docs_dir)]


def page_templates(custom_dir: Path | None) -> frozenset[str]:
    """The templates a page may name: the theme's main.html and the HTML files at the top of `custom_dir`."""
    found = {"main.html"}
    if custom_dir is not None and custom_dir.is_dir():
        found.update(path.name for path in custom_dir.glob("*.html") if path.name != published_files.NOT_FOUND)
    return frozenset(found)


def all_problems(records: Collection[PageRecord], languages: Languages, settings: ReviewSettings,
                 config: yaml_source.Document) -> list[tuple[str, Problem]]:
    """Every problem of the handbook as (page path under docs, or CONFIG for mkdocs.yml, problem):
    keys given twice in mkdocs.yml, owners that cannot be reached, contact channels that are wrong,
    each page's front matter, and missing translations."""
    found = [
        (CONFIG, Problem(key_name(duplicate.path),
                         f"{duplicate.where}; the second replaces the first: merge them",
                         duplicate.second_line))
        for duplicate in config.duplicates
    ]
    found += [(CONFIG, Problem(key, message, site_config.line_of_key(config, key)))
              for key, message in owners.problems(settings.owners, settings.maintainer)]
    found += [(CONFIG, Problem(error.key, error.message, site_config.line_of_key(config, error.key)))
              for error in contact_channels.problems(site_config.section(config.data, "extra").get("contacts"))]
    found += [(record.path, problem) for record in records for problem in record.problems]
    found += page_checks.owner_mismatches(records, languages, settings)
    for path, problem in page_checks.translation_problems(records, languages, settings.untranslated):
        found.append((path, replace(problem, line=site_config.line_of_key(config, problem.field)) if path == CONFIG else problem))
    return found


def sitemap(records: Iterable[PageRecord], languages: Languages, untranslated: Collection[str], site_url: str) -> list[dict]:
    """The sitemap's entries: every page in every language it is published in, with its last review
    (not the build date, so the same commit gives the same file) and its addresses in every language."""
    versions: dict[str, dict[str, PageRecord]] = {}
    for record in records:
        versions.setdefault(record.key, {})[record.language] = record
    root = published_files.site_root(site_url)
    entries = []
    for language in languages.all:
        for key, of_key in sorted(versions.items(), key=lambda item: languages.url(item[0], languages.default)):
            # An untranslated page is published in every language, in the original text.
            record = of_key.get(language) or (of_key.get(languages.default) if key in untranslated else None)
            if record is None or languages.default not in of_key:
                continue
            published = [other for other in languages.all if other in of_key or key in untranslated]
            entries.append({
                "address": root + languages.url(key, language),
                "last_reviewed": record.review.last_reviewed,
                "alternates": {other: root + languages.url(key, other) for other in published} if len(published) > 1 else {},
            })
    return entries


def overview_order(state: str, due: dt.date | None, title: str) -> tuple:
    """Sort key of the review overview: overdue first, then by due date."""
    return (state != OVERDUE, due or dt.date.min, title.casefold())


def as_json(records: Iterable[PageRecord], settings: ReviewSettings, today: dt.date) -> dict:
    """The review data of every page in every language, for review.json and `report --format json`."""
    ordered = sorted(records, key=lambda record: (*overview_order(record.review.state, record.review.due, record.title), record.language))
    return {
        "date": today.isoformat(),
        "pages": [
            {
                "path": record.path,
                "language": record.language,
                "url": record.url,
                "title": record.title,
                "owner": owners.names_in(record.review.owners, settings.owners, record.language) or None,
                "owners": list(record.review.owners),
                "last_reviewed": iso_date(record.review.last_reviewed),
                "review_interval": record.review.interval,
                "next_review_due": iso_date(record.review.due),
                "state": record.review.state,
                "problems": [f"{problem.field}: {problem.message}" for problem in record.problems],
            }
            for record in ordered
        ],
    }


def iso_date(day: dt.date | None) -> str | None:
    """A day as YYYY-MM-DD, None for no day (the JSON of review.json and `report --format json`)."""
    return day.isoformat() if day else None
