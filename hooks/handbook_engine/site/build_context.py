"""What one build knows, read once and shared by every hook, free of any site engine.

MkDocs makes a new configuration object for every build, and for every
rebuild of `mkdocs serve`; static-i18n builds the other languages inside the
default language's pass, on that same object. The build's context lives on
it: `of(config)` is the one way a hook reaches it. It holds

- per build (`Build`, read in the default language's pass, which starts
  every build): the settings, languages, labels, today, every page's record,
  the history, the versions to show, and what the build must warn about;
- per language pass (`Pass`, started in every pass's `on_config`): the site
  name as written and the texts that name it, the navigation, the template
  environment, the pages and the edition (`edition`) of that pass.

The first hook in mkdocs.yml (`hooks/build_pass.py`) starts both. Nothing of
a build outlives it: the only module state the hooks keep is what must last
through every rebuild of `mkdocs serve` (the compiled templates, and which
command runs).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handbook_engine import yaml_source
from handbook_engine.history import git_history
from handbook_engine.history.page_changes import History
from handbook_engine.languages import site_languages
from handbook_engine.pages import example_marks
from handbook_engine.pages import handbook_pages
from handbook_engine.pages import review_rules
from handbook_engine.pages.example_marks import ExampleMarks, Texts
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.review_rules import ReviewSettings
from handbook_engine.settings import contact_channels
from handbook_engine.settings import labels
from handbook_engine.settings import site_config
from handbook_engine.site import published_files
from handbook_engine.site.edition import Edition
from handbook_engine.versions import pending_version
from handbook_engine.versions import policy_versions
from handbook_engine.versions.policy_versions import Record

# The attribute of the MkDocs configuration that holds the build's context.
ATTRIBUTE = "handbook_build"


@dataclass
class Build:
    """What one build reads once and every language's pass shares."""

    languages: Languages
    settings: ReviewSettings
    labels: labels.Labels
    today: dt.date
    theme_dir: Path | None  # the project's templates (theme.custom_dir)
    site_root: str  # the site's address, ending in one '/'
    records: Mapping[str, PageRecord]  # every page's record, by its path under docs/
    history: History
    versions: Record  # the versions to show: those recorded so far and the one the publish makes (HANDBOOK_VERSIONS)
    example_texts: Mapping[str, Texts]  # the example values to mark, by file (docs/checks/example_values.yml)
    warnings: tuple[str, ...] = ()  # logged once: the pages' and mkdocs.yml's problems, a missing history
    notices: tuple[str, ...] = ()  # logged once, as information
    passes: dict[str, Pass] = field(default_factory=dict)  # by language


@dataclass
class Pass:
    """One language's pass of a build: what it made, for the hooks that come after."""

    build: Build
    language: str
    site_name: str = ""  # as written for this language (Material is given it escaped)
    labels: labels.Labels | None = None  # the handbook's texts, their {site_name} this pass's
    nav: object = None  # MkDocs's Navigation of this pass
    env: object = None  # the pass's Jinja environment
    pages: tuple = ()  # every page this pass builds (MkDocs's Page objects)
    edition: Edition | None = None  # what its templates know about the handbook (hooks/page_history.py)
    example_marks: ExampleMarks | None = None  # the pass's marking of example values (hooks/example_marks.py)

    @property
    def other_language(self) -> str | None:
        """This pass's language when it is not the default one; None in the default language's pass."""
        return None if self.language == self.build.languages.default else self.language

    @property
    def language_root(self) -> str:
        """This pass's folder relative to the site root: '' for the default language, 'en/'."""
        return published_files.language_root(self.language, self.build.languages.default)


def read(config_path: Path, docs_dir: Path, theme_dir: Path | None, site_url: str | None, languages: Languages,
         review: object, contacts: object, environ: Mapping[str, str] = os.environ) -> Build:
    """Everything a build reads once. Raise yaml_source.Errors with every problem in `extra.review`, `extra.contacts`
    and the labels, each named by its file, line and key; ValueError for a wrong HANDBOOK_TODAY or HANDBOOK_HISTORY;
    VersionsError for a record to show that cannot be read."""
    settings, texts = _settings(config_path, review, contacts, theme_dir)
    today = review_rules.today(settings, environ)
    records = {record.path: record for record in
               handbook_pages.scan(docs_dir, languages, settings, today, handbook_pages.page_templates(theme_dir))}
    try:
        history = git_history.read_as_configured(docs_dir, settings.timezone, environ, settings.history_since)
    except git_history.SinceError as error:  # a commit this clone lacks: a mistake in extra.review.history_since
        mistake = yaml_source.SettingError(f"{review_rules.SETTINGS_KEY}.history_since", str(error))
        raise site_config.all_located(Path(config_path.name), site_config.load(config_path), [mistake]) from None
    docs = os.path.relpath(docs_dir, config_path.parent)
    try:
        example_texts = example_marks.load(config_path.parent, docs_dir, languages)
    except yaml_source.SourceError as error:  # the pages are built unmarked; --strict fails on the warning
        example_texts, example_problems = {}, [str(error)]
    else:
        example_problems = []
    warnings = example_problems + [problem.located(config_path.name if path == handbook_pages.CONFIG else f"{docs}/{path}")
                for path, problem in handbook_pages.all_problems(records.values(), languages, settings, site_config.load(config_path))]
    notices = [f"Language '{language}' lacks {count} of the handbook's texts in {labels.FOLDER}/{language}.yml: it is shown the English ones"
               for language, count in texts.missing(languages.all).items()]
    if history.missing == git_history.SWITCHED_OFF:
        notices.append(f"Page history is off ({git_history.SWITCHED_OFF}): pages show no changes, What's new and the feeds are empty")
    elif history.missing:
        warnings.append(f"Page history is not shown: {history.missing}. Pages show no changes, What's new and the feeds are empty. "
                        f"Build from a full clone (git fetch --unshallow; the publish pipelines fetch the whole history), "
                        f"or set {git_history.SWITCHED_OFF} to build without it on purpose.")
    if history.version is not None:
        # A rule's day that is not a date: publishing refuses it, so the merge request's strict build fails on it first.
        giving_a_day = git_history.commits_giving(docs_dir, pending_version.IN_FORCE_FROM, history.version.commit, settings.timezone,
                                                  settings.history_since)
        warnings += pending_version.unsettled_day(giving_a_day, today)
    return Build(languages, settings, texts, today, theme_dir, published_files.site_root(site_url), records, history,
                 _shown_versions(environ), example_texts, tuple(warnings), tuple(notices))


def _settings(config_path: Path, review: object, contacts: object, theme_dir: Path | None) -> tuple[ReviewSettings, labels.Labels]:
    """`extra.review` and the labels, with `extra.contacts` checked beside them; raise yaml_source.Errors with every problem."""
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
    return settings, texts


def _shown_versions(environ: Mapping[str, str]) -> Record:
    """The versions to show, from the file HANDBOOK_VERSIONS names; none without it. Raise VersionsError."""
    path = environ.get(policy_versions.SHOWN_VARIABLE, "").strip()
    if not path:
        return Record()
    if not Path(path).is_file():
        raise policy_versions.VersionsError(f"{policy_versions.SHOWN_VARIABLE}={path}: no such file; expected the versions to show, "
                                            f"as publishing writes them")
    return policy_versions.load(Path(path))


def name_pass(this: Pass, site_name: str) -> None:
    """Give the pass its site name, as static-i18n set it for its language, and the texts that name it. A pass shows
    its own language's texts, so every language's {site_name} is this pass's."""
    this.site_name = site_name
    this.labels = this.build.labels.filled({language: site_name for language in this.build.languages.all}, this.build.settings.owners)


def start(config: object, build: Build | None, language: str) -> Pass:
    """Start the pass of `language` in the build `config` is for; `build` starts the build itself (the default
    language's pass), None continues it (the passes static-i18n builds inside it)."""
    if build is not None:
        setattr(config, ATTRIBUTE, build)
    context: Build = getattr(config, ATTRIBUTE)
    context.passes[language] = Pass(context, language)
    return context.passes[language]


def of(config: object) -> Pass:
    """The pass under way of the build `config` is for, with its build (`.build`)."""
    build: Build | None = getattr(config, ATTRIBUTE, None)
    if build is None:
        raise RuntimeError("No build has begun: hooks/build_pass.py must be the first hook in mkdocs.yml")
    return build.passes[site_languages.pass_language(config, build.languages)]
