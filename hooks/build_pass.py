"""The start of every build and of every language's pass: the build's context (`build_context`), read once.

The first hook in mkdocs.yml, so that every hook after it finds the pass in
`build_context.of(config)` from its `on_config` on. The default language's
pass starts the build: it reads the settings, labels, pages, history and the
versions to show, and warns once about every problem in them. Mistakes in
`extra.review`, `extra.contacts` or the labels stop the build here, all at
once, each with its line. Each pass then records what it makes (its site
name and the texts that name it, navigation, template environment and
pages) for the hooks after it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError

from handbook_engine.languages import site_languages
from handbook_engine.settings import site_config
from handbook_engine.site import build_context
from handbook_engine.yaml_source import SettingError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.build_pass")


def on_config(config: MkDocsConfig) -> None:
    config_path = Path(config.config_file_path)
    custom_dir = config.theme.custom_dir
    try:
        languages = site_languages.of_build(config)
        language = site_languages.pass_language(config, languages)
        build = None
        if language == languages.default:
            build = build_context.read(config_path, Path(config.docs_dir), Path(custom_dir) if custom_dir else None, config.site_url,
                                       languages, config.extra.get("review"), config.extra.get("contacts"))
    except SettingError as error:  # the i18n plugin's languages
        raise PluginError(str(site_config.located(Path(config_path.name), site_config.load(config_path), error))) from None
    except ValueError as error:  # yaml_source.Errors (one path:line: field: message a line), HANDBOOK_TODAY, HANDBOOK_HISTORY, the versions
        raise PluginError(str(error)) from None
    build_context.start(config, build, language)
    if build is not None:
        for warning in build.warnings:
            log.warning(warning)
        for notice in build.notices:
            log.info(notice)


def on_pre_build(*, config: MkDocsConfig) -> None:
    # static-i18n has set this pass's site name by now (in its on_config, which runs after ours): the pass keeps
    # it as written, with the texts that name it ({site_name}), and Material, which prints it as HTML, gets it escaped.
    build_context.name_pass(build_context.of(config), config.site_name)
    config.site_name = escape(config.site_name)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    build_context.of(config).nav = nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    this = build_context.of(config)
    this.env = env
    this.pages = tuple(file.page for file in files.documentation_pages() if file.page is not None)


def on_post_build(*, config: MkDocsConfig) -> None:
    # static-i18n's next pass replaces only a site name of type str (the escaped one is Markup).
    config.site_name = build_context.of(config).site_name
