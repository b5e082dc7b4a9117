"""The handbook project as the editors' tool sees it: mkdocs.yml read once into a `Handbook`,
"today" for the review dates, and the usage error (exit code 2). (Every command that writes a
file replaces it in one rename: `handbook_engine.atomic_file`.)"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from handbook_engine.pages import handbook_pages
from handbook_engine.pages import review_rules
from handbook_engine.settings import labels
from handbook_engine.settings import site_config
from handbook_engine.languages import site_languages
from handbook_engine import yaml_source
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.review_rules import ReviewSettings
from handbook_engine.yaml_source import described
from handbook_engine import REPOSITORY

ROOT = REPOSITORY


class UsageError(Exception):
    """Bad input from the command line or mkdocs.yml; exit code 2."""


@dataclass(frozen=True)
class Handbook:
    """What the tools need from mkdocs.yml."""

    config_path: Path
    docs_dir: Path
    languages: Languages
    settings: ReviewSettings
    theme_dir: Path | None
    config: yaml_source.Document

    @property
    def site_url(self) -> str:
        """The published site's address (mkdocs.yml's site_url, from HANDBOOK_SITE_URL where set)."""
        value = self.config.data.get("site_url")
        return value if isinstance(value, str) and value else "/"

    @property
    def edit_uri(self) -> str | None:
        """The Git server's edit address of docs/, when it is absolute."""
        value = self.config.data.get("edit_uri")
        return value if isinstance(value, str) and "://" in value else None

    @property
    def config_name(self) -> Path:
        """mkdocs.yml as messages name it: its file name alone."""
        return Path(self.config_path.name)

    @property
    def root(self) -> Path:
        return self.config_path.parent

    def project_path(self, path: str) -> str:
        """A path under docs/ as the editor sees it, relative to the project: richtlijnen.md -> docs/richtlijnen.md."""
        return os.path.relpath(self.docs_dir / path, self.root)

    def scan(self, today: dt.date) -> list[PageRecord]:
        return handbook_pages.scan(self.docs_dir, self.languages, self.settings, today, handbook_pages.page_templates(self.theme_dir))

    def labels(self) -> labels.Labels:
        """The engine's texts (theme.custom_dir's locales/) for this handbook: its site names, its owners;
        raise yaml_source.Errors naming each problem of the label files with its line."""
        texts = labels.load(self.theme_dir / labels.FOLDER)
        return texts.filled(site_languages.site_names_in_file(self.config.data, self.languages), self.settings.owners)


def load_handbook(config_path: Path) -> Handbook:
    """Read mkdocs.yml; raise yaml_source.Errors naming the file, the line and the key of every problem found."""
    shown = Path(config_path.name)
    try:
        document = site_config.load(config_path)
    except yaml_source.SourceError as error:
        raise yaml_source.Errors([error]) from None
    config = document.data
    wrong: list[yaml_source.SettingError] = []
    try:
        languages = site_languages.from_config_file(config)
    except yaml_source.SettingError as error:
        wrong.append(error)
    try:
        settings = review_rules.settings_from_mapping(site_config.section(config, "extra").get("review"))
    except yaml_source.Errors as errors:
        wrong.extend(errors.errors)
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    docs_dir = config.get("docs_dir", "docs")
    for key, value, right in (("docs_dir", docs_dir, str), ("theme.custom_dir", custom_dir, (str, type(None)))):
        if not isinstance(value, right):
            wrong.append(yaml_source.SettingError(key, f"{described(value)}; expected a folder name"))
    if wrong:
        raise site_config.all_located(shown, document, wrong)
    theme_dir = config_path.parent / custom_dir if custom_dir else None
    return Handbook(config_path, config_path.parent / docs_dir, languages, settings, theme_dir, document)


def configured_languages(config_path: Path = ROOT / "mkdocs.yml") -> Languages:
    """The languages mkdocs.yml names, default first (for the scripts and tests that need no more of it)."""
    return site_languages.from_config_file(site_config.load(config_path).data)


def today_for(handbook: Handbook) -> dt.date:
    """The review date of today (HANDBOOK_TODAY where set); a bad one is a usage error."""
    try:
        return review_rules.today(handbook.settings)
    except ValueError as error:
        raise UsageError(str(error)) from None
