"""The start of every build pass: reads what the pass knows into `build_context`, once.

The first hook in mkdocs.yml, so that every hook after it finds the pass's
context in its `on_config` and later. Mistakes in `extra.review`,
`extra.contacts` or the labels stop the build here, all at once, each with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from handbook_engine.languages import site_languages
from handbook_engine.settings import site_config
from handbook_engine.site import build_context
from handbook_engine.yaml_source import SettingError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> None:
    config_path = Path(config.config_file_path)
    custom_dir = config.theme.custom_dir
    try:
        languages = site_languages.of_build(config)
        context = build_context.make(config_path, config.extra.get("review"), config.extra.get("contacts"), languages,
                                     site_languages.pass_language(config, languages), Path(custom_dir) if custom_dir else None, config.site_url)
    except SettingError as error:  # the i18n plugin's languages
        raise PluginError(str(site_config.located(Path(config_path.name), site_config.load(config_path), error))) from None
    except ValueError as error:  # yaml_source.Errors (one path:line: field: message a line), or HANDBOOK_TODAY
        raise PluginError(str(error)) from None
    build_context.begin(context)
