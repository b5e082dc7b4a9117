"""What is wrong with a page, and with the pages together, free of any site engine.

One page's front matter: unknown keys, missing title or description, values
the theme cannot use, and the review fields (`review_rules`). The pages
together: originals without a translation, translations without an original,
and translations whose owners are not the original's. `handbook_pages.all_problems`
adds the configuration's problems and gives them all, each with its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from handbook_engine.pages import front_matter
from handbook_engine.settings import owners
from handbook_engine.pages import review_rules
from handbook_engine.pages.review_rules import Problem, Review, ReviewSettings
from handbook_engine.yaml_source import described, key_name

if TYPE_CHECKING:
    from handbook_engine.languages.page_languages import Languages
    from handbook_engine.pages.handbook_pages import PageRecord

# Where problems of the configuration are reported, in place of a page.
CONFIG = "mkdocs.yml"

# The handbook's front matter: every key a page may carry and what it is for.
# Any other key is reported, so that a misspelt key is not ignored silently.
KEYS = ("title", "description", "owner", "last_reviewed", "review_interval", "template", "hide", "search", "keywords")
REQUIRED_TEXT = ("title", "description")
# Keys the site engine and theme act on: a bad value is dropped before they see it.
THEME_KEYS = ("title", "description", "template", "hide", "search")
HIDEABLE = ("navigation", "toc", "footer", "feedback", "path", "tags")


def inspect(matter: front_matter.FrontMatter, settings: ReviewSettings, today: dt.date,
            templates: Collection[str]) -> tuple[Review, tuple[Problem, ...]]:
    """Every problem of one page's front matter, each with its line, and its review.

    `templates` are the names a page's `template:` may give.
    """
    review = review_rules.assess(matter.data, settings, today)
    problems = list(matter.problems)
    if matter.body_line == 1 or any(problem.field == front_matter.FIELD for problem in matter.problems):
        return review, tuple(problems)
    found = [*key_problems(matter.data, templates), *((problem.field, problem.message) for problem in review.problems)]
    problems += [Problem(key_name(key), message, matter.line_of(key)) for key, message in found]
    return review, tuple(sorted(problems, key=lambda problem: problem.line or 0))


def key_problems(data: Mapping, templates: Collection[str]) -> Iterator[tuple[object, str]]:
    """(key, message) for each key that is unknown or has a value of the wrong kind (review fields aside)."""
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            yield key, f"unknown key; {hint}expected one of {', '.join(KEYS)}"
    for key in REQUIRED_TEXT:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            found = "missing" if key not in data else described(value)
            yield key, f"{found}; expected a line '{key}: ...' with text"
    if "template" in data and not (isinstance(data["template"], str) and data["template"] in templates):
        yield "template", f"{described(data['template'])}; expected one of {', '.join(sorted(templates))}"
    if "hide" in data and not (isinstance(data["hide"], list) and all(item in HIDEABLE for item in data["hide"])):
        yield "hide", f"{described(data['hide'])}; expected a list of {', '.join(HIDEABLE)}, like [toc]"
    if "keywords" in data and not _is_text_or_texts(data["keywords"]):
        yield "keywords", f"{described(data['keywords'])}; expected words people search with, separated by commas or as a list"
    if "search" in data and not _valid_search(data["search"]):
        yield "search", f"{described(data['search'])}; expected 'boost: <a number above 0, up to 100>' or 'exclude: true' below it"


def _is_text_or_texts(value: object) -> bool:
    if isinstance(value, list):
        return bool(value) and all(isinstance(item, str) and item.strip() for item in value)
    return isinstance(value, str) and bool(value.strip())


def _valid_search(search: object) -> bool:
    """Material's per-page search settings: `boost` (a number) and `exclude` (yes/no)."""
    if not isinstance(search, dict) or not set(search) <= {"boost", "exclude"}:
        return False
    boost = search.get("boost", 1)
    return (isinstance(boost, (int, float)) and not isinstance(boost, bool) and 0 < boost <= 100
            and isinstance(search.get("exclude", False), bool))


def translation_problems(records: Iterable[PageRecord], languages: Languages, untranslated: Iterable[str]) -> list[tuple[str, Problem]]:
    """Originals without a translation (unless listed as untranslated) and translations without an original."""
    present = {(record.key, record.language) for record in records}
    untranslated = set(untranslated)
    found = []
    for key, language in sorted(present):
        if language == languages.default:
            for other in languages.others:
                if (key, other) not in present and key not in untranslated:
                    found.append((key, Problem(
                        "translation",
                        f"no {other} translation; expected {languages.join(key, other)}, "
                        f"or the page listed under extra.review.untranslated in mkdocs.yml",
                        1,
                    )))
        elif (key, languages.default) not in present:
            found.append((languages.join(key, language), Problem(
                "translation", f"translation without an original; expected {key} next to it", 1,
            )))
    for key in sorted(untranslated - {key for key, _ in present}):
        found.append((CONFIG, Problem("extra.review.untranslated", f"lists {key}, which does not exist")))
    return found


def owner_mismatches(records: Iterable[PageRecord], languages: Languages, settings: ReviewSettings) -> list[tuple[str, Problem]]:
    """Translations whose owners are not the original's: a page has the same owners in every language."""
    originals = {record.key: record for record in records if record.language == languages.default}
    found = []
    for record in records:
        original = originals.get(record.key)
        if original is None or original is record or not record.review.owners or not original.review.owners:
            continue
        if set(record.review.owners) != set(original.review.owners):
            found.append((record.path, Problem(
                "owner",
                f"{owners.names_in(record.review.owners, settings.owners, languages.default)} differs from the original's "
                f"({owners.names_in(original.review.owners, settings.owners, languages.default)}); "
                "a page has the same owners in every language",
                record.matter.line_of("owner"),
            )))
    return found
