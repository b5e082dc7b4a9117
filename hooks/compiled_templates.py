"""Compile each theme template once per process.

MkDocs makes a new template environment for every build, and static-i18n
builds once per language, so every template was compiled once per language
and again at every live-preview rebuild: most of the time a rebuild of one
page took. Jinja keeps the compiled code here, keyed by the template's name
and checked against its source, so an edited template is compiled anew.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import BytecodeCache

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class _InMemory(BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled = _InMemory()


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    env.bytecode_cache = _compiled
