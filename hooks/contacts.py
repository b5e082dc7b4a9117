"""The contact channels in `extra.contacts` of mkdocs.yml, checked before anything is built.

The page "Contact" draws them through overrides/contact.html, and every other
page links there. A mistake in them, such as a misspelt key or a phone number
YAML reads as a number, would quietly drop a channel or show the wrong digits,
so the build stops and names the entry and the field. `problems` is a plain
function of the configured value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

FIELDS = ("name", "for", "email", "phone")
TEXTS = ("name", "for")
ADDRESSES = ("email", "phone")


def on_config(config: MkDocsConfig) -> None:
    found = problems(config.extra.get("contacts"))
    if found:
        raise PluginError("\n".join(found))


def problems(contacts: object) -> list[str]:
    """Every problem in the `extra.contacts` value, as 'extra.contacts[N].field: message' (N counts from 1)."""
    if contacts is None:
        return []
    if not isinstance(contacts, list):
        return ["extra.contacts: expected a list of contacts, each with a name and an email or phone"]
    found = []
    for number, entry in enumerate(contacts, start=1):
        where = f"extra.contacts[{number}]"
        if not isinstance(entry, Mapping):
            found.append(f"{where}: expected the keys {', '.join(FIELDS)}")
            continue
        for key in sorted(set(entry) - set(FIELDS), key=str):
            found.append(f"{where}: unknown key {key!r}; expected one of {', '.join(FIELDS)}")
        if "name" not in entry:
            found.append(f"{where}.name: missing; expected the channel's name, like 'name: HR'")
        for key in TEXTS:
            if key in entry and not _is_text(entry[key]):
                found.append(f"{where}.{key}: expected a text, or one text per language like {{nl: ..., en: ...}}")
        for key in ADDRESSES:
            value = entry.get(key)
            if key in entry and not (isinstance(value, str) and value.strip()):
                found.append(f"{where}.{key}: expected a text in quotes, like {key}: \"{'hr@example.com' if key == 'email' else '+31 20 555 0100'}\"")
        if not any(key in entry for key in ADDRESSES):
            found.append(f"{where}: no email or phone; expected at least one of the two")
    return found


def _is_text(value: object) -> bool:
    """A non-empty text, or a non-empty mapping of language codes to non-empty texts."""
    if isinstance(value, str):
        return bool(value.strip())
    return (isinstance(value, Mapping) and bool(value)
            and all(isinstance(language, str) and isinstance(text, str) and text.strip() for language, text in value.items()))
