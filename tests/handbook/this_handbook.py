"""The handbook the handbook's own checks read: this repository's, as it stands, or the one HANDBOOK_PROJECT names.

Everything here is read from the handbook itself (its mkdocs.yml, its pages, its docs/checks/), so the
checks follow its content: a page added, removed or renamed, an owner changed or a language dropped
changes what they check, not whether they pass.
"""

from __future__ import annotations

from conftest import HANDBOOK_PROJECT

from handbook_engine.languages import site_languages
from handbook_engine.pages import front_matter
from handbook_engine.pages.handbook_pages import find
from handbook_engine.settings import site_config

PROJECT = HANDBOOK_PROJECT
CONFIG = site_config.load(PROJECT / "mkdocs.yml").data
LANGUAGES = site_languages.from_config_file(CONFIG)
DOCS = PROJECT / CONFIG.get("docs_dir", "docs")
CHECKS = DOCS / "checks"
# Every page file, by its path under docs/ (the check data in docs/checks/ is none: the site leaves it out).
PAGES = sorted(path for path in find(DOCS) if not path.startswith("checks/"))
# Every page, by its default language's file name.
KEYS = sorted({LANGUAGES.split(path)[0] for path in PAGES})
UNTRANSLATED = set(site_config.section(CONFIG, "extra", "review").get("untranslated") or [])


def translations(key: str) -> dict[str, str]:
    """The files of the page `key` that exist, by language."""
    return {language: LANGUAGES.join(key, language) for language in LANGUAGES.all if (DOCS / LANGUAGES.join(key, language)).is_file()}


def front(path: str) -> dict:
    return front_matter.read(DOCS / path).data
