"""The contact channels of `extra.contacts`: checked before anything is built, and given to the contact page.

A thin adapter over `contact_channels`. A mistake stops the build with its
line in mkdocs.yml, as any other mistake in the configuration does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from handbook_engine.settings import contact_channels
from handbook_engine.settings import site_config

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> None:
    found = contact_channels.problems(config.extra.get("contacts"))
    if found:
        path = Path(config.config_file_path)
        document = site_config.load(path)
        raise PluginError("\n".join(str(site_config.located(Path(path.name), document, error)) for error in found))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.globals["localized"] = contact_channels.localized
    env.globals["dial_uri"] = contact_channels.dial_uri
