"""What one build pass knows, read once and shared by every hook, free of any site engine.

static-i18n builds the whole site once per language, and `mkdocs serve`
rebuilds at every save: each of those passes starts with `begin`, which the
first hook in mkdocs.yml (`hooks/build_pass.py`) calls in its `on_config`.
Every other hook asks `current()` instead of reading the review settings, the
labels, the languages or today's date again.

MkDocs loads each hook file as a module of its own, apart from the modules
that `import` finds on `sys.path`; this module is imported by name, so every
hook sees the one `current()`. A hook file is loaded once per process, so
module state lives through every rebuild of `mkdocs serve`: every hook
replaces its own when a pass starts. The one state kept between builds on
purpose is the live preview's, `live_preview.Preview` (with the outlines of
`rebuild_scope.Outlines`, which hold the current pages only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from handbook_engine import yaml_source
from handbook_engine.settings import contact_channels
from handbook_engine.settings import labels
from handbook_engine.settings import site_config
from handbook_engine.site import published_files
from handbook_engine.pages import review_rules
from handbook_engine.pages.handbook_pages import Languages
from handbook_engine.pages.review_rules import ReviewSettings


@dataclass(frozen=True)
class BuildContext:
    """One build pass: its language, the handbook's settings and texts, and the day it is built for."""

    languages: Languages
    language: str  # the language this pass builds
    settings: ReviewSettings
    labels: labels.Labels
    today: dt.date
    theme_dir: Path | None  # the project's templates (theme.custom_dir)
    site_root: str  # the site's address, ending in one '/'

    @property
    def other_language(self) -> str | None:
        """This pass's language when it is not the default one; None in the default language's pass."""
        return None if self.language == self.languages.default else self.language

    @property
    def language_root(self) -> str:
        """This pass's folder relative to the site root: '' for the default language, 'en/'."""
        return published_files.language_root(self.language, self.languages.default)


_current: BuildContext | None = None


def make(config_path: Path, review: object, contacts: object, languages: Languages, language: str, theme_dir: Path | None,
         site_url: str | None) -> BuildContext:
    """Read `extra.review`, `extra.contacts`, the labels and today's date; raise yaml_source.Errors with every
    problem in them, each named by its file, line and key, or ValueError for a wrong HANDBOOK_TODAY."""
    wrong = contact_channels.problems(contacts)
    try:
        settings = review_rules.settings_from_mapping(review)
    except yaml_source.Errors as errors:
        wrong = [*errors.errors, *wrong]
    found = list(site_config.all_located(Path(config_path.name), site_config.load(config_path), wrong).errors) if wrong else []
    try:
        texts = labels.load(theme_dir / labels.FOLDER) if theme_dir else labels.Labels({labels.FALLBACK: {}})
    except yaml_source.Errors as errors:
        found += errors.errors
    if found:
        raise yaml_source.Errors(found)
    return BuildContext(languages, language, settings, texts, review_rules.today(settings), theme_dir,
                        published_files.site_root(site_url))


def begin(context: BuildContext) -> BuildContext:
    """Start a pass with `context`; the one before it is forgotten."""
    global _current
    _current = context
    return context


def current() -> BuildContext:
    """The pass under way. In the default language's post_build below static-i18n's (-100), which builds the
    other languages, that is the last language's pass: the languages are the same, the language is not."""
    if _current is None:
        raise RuntimeError("No build pass has begun: hooks/build_pass.py must be the first hook in mkdocs.yml")
    return _current
