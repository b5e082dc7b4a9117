"""Which language a build pass is for: static-i18n builds the whole site once per language.

The one place where the hooks read static-i18n's state, so that a move to
another site engine changes it here only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def other_language(config: MkDocsConfig) -> str | None:
    """The language of this pass when it is not the default one; None in the default pass.

    static-i18n sets its current language in its own on_config, after ours in
    the first pass: until then (None) the pass is the default language's.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language in (None, i18n.default_language):
        return None
    return i18n.current_language


def all_languages_built(config: MkDocsConfig) -> bool:
    """Whether this post_build comes after the last language pass (static-i18n builds the others
    inside the default pass's post_build, at priority -100)."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building
