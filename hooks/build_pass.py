"""The start of every build pass: reads what the pass knows into `build_context`, once.

The first hook in mkdocs.yml, so that every hook after it finds the pass's
context in its `on_config` and later. A mistake in `extra.review` or in the
labels stops the build here, with its line. Its `on_pre_build` gives the
labels the pass's site name, which static-i18n sets after `on_config`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from handbook_engine.site import build_context
from handbook_engine.pages import review_rules
from handbook_engine.settings import site_config
from handbook_engine.languages import site_languages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> None:
    config_path = Path(config.config_file_path)
    custom_dir = config.theme.custom_dir
    try:
        try:
            languages = site_languages.of_build(config)
            context = build_context.make(config.extra.get("review"), languages, site_languages.pass_language(config, languages),
                                         Path(custom_dir) if custom_dir else None, config.site_url)
        except review_rules.SettingError as error:
            raise site_config.located(Path(config_path.name), site_config.load(config_path), error) from None
    except ValueError as error:  # a SettingError or SourceError: path:line: field: message
        raise PluginError(str(error)) from None
    build_context.begin(context)


def on_pre_build(*, config: MkDocsConfig) -> None:
    """static-i18n has set this pass's site name by now (in its on_config, which runs after ours): it fills the
    texts' {site_name}."""
    build_context.begin(build_context.named(build_context.current(), config.site_name))
