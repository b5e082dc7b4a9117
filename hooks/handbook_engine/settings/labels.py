"""The handbook's own texts in every language, free of any site engine.

Each language's texts (the review line, the notices, the overview, the 404
page, ...) are in `overrides/locales/<language>.yml`; MkDocs does not copy a
theme's `locales/` folder into the site. English has every text. A language
without a file, or without some of the texts, is shown the English ones, so a
new language needs no code.

The texts are the engine's: they name no organisation and no topic. Where one
must, it names a placeholder, filled in per language from mkdocs.yml:
`{site_name}`, the handbook's name in that language, and `{general_owner}`,
the first owner in `extra.review.owners` (the one who answers general
questions), by its name in that language.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from handbook_engine import yaml_source
from handbook_engine.settings.owners import Owner

FALLBACK = "en"
FOLDER = "locales"
SITE_NAME = "site_name"
GENERAL_OWNER = "general_owner"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Labels:
    """Texts by language and key, and what their placeholders stand for in each language."""

    texts: Mapping[str, Mapping[str, str]]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # language -> placeholder -> value

    def text(self, key: str, language: str) -> str:
        """The text for `key` in `language`, else in English, with its placeholders filled in."""
        own = self.texts.get(language, {})
        text = own[key] if key in own else self.texts[FALLBACK][key]
        return fill(text, self.values.get(language, {}))

    def filled(self, site_names: Mapping[str, str], owners: Sequence[Owner]) -> Labels:
        """These texts for a handbook named `site_names` (by language) whose general questions go to the first of `owners`."""
        return replace(self, values={language: {SITE_NAME: name, GENERAL_OWNER: owners[0].name_in(language) if owners else ""}
                                     for language, name in site_names.items()})

    def markup(self, key: str, language: str) -> Markup:
        """The text escaped for HTML, once, so that templates print it as it is."""
        return escape(self.text(key, language))

    def missing(self, languages: Iterable[str]) -> dict[str, int]:
        """For each of `languages` that lacks texts: how many it lacks (all of them when it has no file)."""
        every = self.texts[FALLBACK].keys()
        found = {language: len(every - self.texts.get(language, {}).keys()) for language in languages}
        return {language: count for language, count in found.items() if count}


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{name}` of `values` replaced by its value; any other braces (`{#anchor}`) left as they are."""
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def load(folder: Path) -> Labels:
    """Read every `<language>.yml` in `folder`; raise yaml_source.Errors with a SourceError (file, line, key) for every problem."""
    fallback = folder / f"{FALLBACK}.yml"
    if not fallback.is_file():
        raise yaml_source.Errors([yaml_source.SourceError(fallback, 1, FALLBACK, "missing; the English texts are the ones every language falls back to")])
    found: list[yaml_source.SourceError] = []
    texts = {FALLBACK: _read(fallback, None, found)}
    for path in sorted(folder.glob("*.yml")):
        if path != fallback:
            texts[path.stem] = _read(path, texts[FALLBACK].keys(), found)
    if found:
        raise yaml_source.Errors(found)
    return Labels(texts)


def _read(path: Path, known: Collection[str] | None, found: list[yaml_source.SourceError]) -> dict[str, str]:
    """One language's texts; `known` are the keys it may have (None: any). Each problem is added to `found`."""
    try:
        document = yaml_source.load(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        found.append(yaml_source.SourceError(path, 1, "encoding", f"not UTF-8 text ({error.reason}); save the file as UTF-8"))
        return {}
    except yaml_source.YamlError as error:
        found.append(yaml_source.SourceError(path, error.line, "labels", f"not valid YAML ({error.reason})"))
        return {}
    if not isinstance(document.data, dict):
        found.append(yaml_source.SourceError(path, 1, "labels", f"{yaml_source.described(document.data)}; expected 'key: text' lines"))
        return {}
    found.extend(yaml_source.SourceError(path, duplicate.second_line, yaml_source.key_name(duplicate.path), duplicate.where)
                 for duplicate in document.duplicates)
    texts = {}
    for key, text in document.data.items():
        if known is not None and key not in known:
            found.append(yaml_source.SourceError(path, document.line_of((key,)), str(key), f"not a text of the handbook; expected one of the keys in {FALLBACK}.yml"))
        elif not isinstance(text, str) or not text.strip():
            found.append(yaml_source.SourceError(path, document.line_of((key,)), str(key), f"{yaml_source.described(text)}; expected text"))
        elif (unknown := next((name for name in PLACEHOLDER.findall(text) if name not in (SITE_NAME, GENERAL_OWNER)), None)) is not None:
            found.append(yaml_source.SourceError(path, document.line_of((key,)), str(key),
                                                 f"{{{unknown}}} is not a placeholder; expected {{{SITE_NAME}}} or {{{GENERAL_OWNER}}}"))
        else:
            texts[key] = text
    return texts


def language_name(code: str) -> str:
    """A language's name in that language, as the language switcher shows it: 'Nederlands', 'English'."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]
