"""The handbook's languages, and which one a build pass is for: the one module that reads static-i18n's state.

static-i18n builds the whole site once per language. Every hook and tool that
needs the languages, the language of a pass or the languages' home pages asks
here (most through `build_context`), so a handbook without static-i18n (one
language, from `theme.language`) changes this file only. The tools call
`from_config_file` with mkdocs.yml as plain data; nothing here imports MkDocs.

Other places know how static-i18n builds, not its state: the order of the
post_builds around its nested build (search_per_language), the 404 page it
writes over (not_found_pages), the site name it replaces only when it is text
(build_pass), `config.extra.alternate` (overrides/partials/alternate.html) and
its log line (tests/support/preview_server.py).
hooks/README.md, "What we lean on", lists them with the test of each; a move
to another engine starts there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from handbook_engine.languages.page_languages import Languages
from handbook_engine.yaml_source import SettingError, described

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "i18n"
# A language's code as static-i18n's `locale:` takes it: nl, en, pt-BR, zh_TW.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
LANGUAGES_KEY = "plugins.i18n.languages"
# MkDocs's and Material's language when the theme names none.
THEME_DEFAULT = "en"


def from_plugin_languages(languages: object) -> Languages:
    """From the i18n plugin's `languages` list (only the languages that are built)."""
    if not isinstance(languages, list) or not languages:
        raise SettingError(LANGUAGES_KEY, f"{described(languages)}; expected a list of languages, each with 'locale:'")
    for language in languages:
        if not isinstance(language, Mapping) or not isinstance(language.get("locale"), str) or not language["locale"]:
            raise SettingError(LANGUAGES_KEY, f"{described(language)}; expected 'locale: nl' and 'name: Nederlands'")
    built = [language for language in languages if language.get("build", True)]
    defaults = [language["locale"] for language in built if language.get("default")]
    if len(defaults) != 1:
        raise SettingError(LANGUAGES_KEY, f"{len(defaults)} built languages have 'default: true'; expected exactly one")
    return Languages(defaults[0], tuple(language["locale"] for language in built if not language.get("default")))


def from_config_file(config: Mapping) -> Languages:
    """The languages from mkdocs.yml read as plain YAML data; raise SettingError."""
    options = _plugin_options(config.get("plugins"))
    if options is None:
        return Languages(_theme_language(config.get("theme")))
    structure = options.get("docs_structure", "suffix")
    if structure != "suffix":
        raise SettingError("plugins.i18n.docs_structure", f"{described(structure)}; the handbook expects suffix (richtlijnen.en.md)")
    return from_plugin_languages(options.get("languages"))


def site_names_in_file(config: Mapping, languages: Languages) -> dict[str, str]:
    """Each language's site name from mkdocs.yml read as plain YAML data: its own (`site_name:` in the i18n plugin's
    entry for it), else mkdocs.yml's."""
    written = config.get("site_name") if isinstance(config.get("site_name"), str) else ""
    options = _plugin_options(config.get("plugins")) or {}
    own = {entry.get("locale"): entry.get("site_name") for entry in options.get("languages") or [] if isinstance(entry, Mapping)}
    return {language: name if isinstance(name := own.get(language), str) and name else written for language in languages.all}


def of_build(config: MkDocsConfig) -> Languages:
    """The languages of the build that `config` is for; raise SettingError."""
    i18n = config.plugins.get(PLUGIN)
    if i18n is None:
        return Languages(config.theme["language"] or THEME_DEFAULT)
    return from_plugin_languages(list(i18n.config.languages))


def pass_language(config: MkDocsConfig, languages: Languages) -> str:
    """The language of the pass under way: static-i18n's current language while it builds the other languages (inside
    the default language's post_build, at priority -100), the default language otherwise. Its current language is
    not enough on its own: it is None until its first on_config (after ours), and in the default pass's
    post_builds below -100 it is still the last language it built."""
    i18n = config.plugins.get(PLUGIN)
    if i18n is None or not i18n.building:
        return languages.default
    return i18n.current_language


def all_languages_built(config: MkDocsConfig) -> bool:
    """Whether this post_build comes after the last language pass (static-i18n builds the others
    inside the default pass's post_build, at priority -100)."""
    i18n = config.plugins.get(PLUGIN)
    return i18n is None or not i18n.building


def homes(config: MkDocsConfig) -> list[dict[str, str]]:
    """Every built language's name and home page address, for a page that has no counterpart (404)."""
    i18n = config.plugins.get(PLUGIN)
    return language_homes(i18n.config.languages, config.site_url) if i18n else []


def language_homes(languages: Iterable[Mapping], site_url: str | None) -> list[dict[str, str]]:
    """The language switcher's entries on a 404 page: the home page of every built language."""
    root = urlsplit(site_url or "/").path.rstrip("/")
    return [
        {"name": language["name"], "lang": language["locale"], "link": language.get("fixed_link") or root + language["link"]}
        for language in languages
        if language.get("build", True)
    ]


def _plugin_options(plugins: object) -> Mapping | None:
    """The i18n plugin's options from mkdocs.yml's `plugins` (a list or a mapping); None without it."""
    if isinstance(plugins, Mapping):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [next(iter(entry.items())) if isinstance(entry, Mapping) and len(entry) == 1 else (entry, None) for entry in plugins]
    else:
        entries = []
    for name, options in entries:
        if name == PLUGIN:
            options = options if isinstance(options, Mapping) else {}
            # MkDocs's own `enabled: false` switches a plugin off: a handbook that inherits the engine's
            # settings (hooks/engine.yml, with i18n) and has one language says so.
            return None if options.get("enabled") is False else options
    return None


def _theme_language(theme: object) -> str:
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return language if isinstance(language, str) and language else THEME_DEFAULT
