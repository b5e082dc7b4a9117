"""The handbook's own texts in every language, free of any site engine.

Each language's texts (the review line, the notices, the overview, the 404
page, ...) are in `overrides/locales/<language>.yml`; MkDocs does not copy a
theme's `locales/` folder into the site. English has every text. A language
without a file, or without some of the texts, is shown the English ones, so a
new language needs no code.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from handbook_engine import yaml_source

FALLBACK = "en"
FOLDER = "locales"


@dataclass(frozen=True)
class Labels:
    """Texts by language and key."""

    texts: Mapping[str, Mapping[str, str]]

    def text(self, key: str, language: str) -> str:
        """The text for `key` in `language`, else in English."""
        own = self.texts.get(language, {})
        return own[key] if key in own else self.texts[FALLBACK][key]

    def markup(self, key: str, language: str) -> Markup:
        """The text escaped for HTML, once, so that templates print it as it is."""
        return escape(self.text(key, language))

    def missing(self, languages: Iterable[str]) -> dict[str, int]:
        """For each of `languages` that lacks texts: how many it lacks (all of them when it has no file)."""
        every = self.texts[FALLBACK].keys()
        found = {language: len(every - self.texts.get(language, {}).keys()) for language in languages}
        return {language: count for language, count in found.items() if count}


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
