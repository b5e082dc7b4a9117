"""The contact channels of `extra.contacts`, given to the contact page (`build_pass` checks them with the rest of the configuration).

A thin adapter over `contact_channels`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook_engine.settings import contact_channels

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.globals["localized"] = contact_channels.localized
    env.globals["dial_uri"] = contact_channels.dial_uri
