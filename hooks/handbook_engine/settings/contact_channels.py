"""The contact channels in `extra.contacts` of mkdocs.yml, free of any site engine.

The page "Contact" draws them (overrides/partials/contact-channels.html), and every other
page links there, so a company adopting the handbook changes its addresses in
one place. A mistake in them, such as a misspelt key or a phone number YAML
reads as a number, would quietly drop a channel or show the wrong digits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from handbook_engine.yaml_source import SettingError

KEY = "extra.contacts"
FIELDS = ("name", "for", "email", "phone")
TEXTS = ("name", "for")
ADDRESSES = ("email", "phone")
FALLBACK = "en"
# A number a phone can dial: digits, a leading +, and the separators people write (RFC 3966's visual separators).
DIALABLE = re.compile(r"\+?[0-9 ().-]*[0-9][0-9 ().-]*")


def problems(contacts: object) -> list[SettingError]:
    """Every problem in the `extra.contacts` value, keyed 'extra.contacts[N].field' (N counts from 1)."""
    if contacts is None:
        return []
    if not isinstance(contacts, list):
        return [SettingError(KEY, "expected a list of contacts, each with a name and an email or phone")]
    found = []
    for number, entry in enumerate(contacts, start=1):
        where = f"{KEY}[{number}]"
        if not isinstance(entry, Mapping):
            found.append(SettingError(where, f"expected the keys {', '.join(FIELDS)}"))
            continue
        for key in sorted(set(entry) - set(FIELDS), key=str):
            found.append(SettingError(where, f"unknown key {key!r}; expected one of {', '.join(FIELDS)}"))
        if "name" not in entry:
            found.append(SettingError(f"{where}.name", "missing; expected the channel's name, like 'name: HR'"))
        for key in TEXTS:
            if key in entry and not _is_text(entry[key]):
                found.append(SettingError(f"{where}.{key}", "expected a text, or one text per language like {nl: ..., en: ...}"))
        for key in ADDRESSES:
            value = entry.get(key)
            if key in entry and not (isinstance(value, str) and value.strip()):
                example = "hr@example.com" if key == "email" else "+31 20 xxx xxxx"
                found.append(SettingError(f"{where}.{key}", f'expected a text in quotes, like {key}: "{example}"'))
        if not any(key in entry for key in ADDRESSES):
            found.append(SettingError(where, "no email or phone; expected at least one of the two"))
    return found


def localized(value: object, language: str) -> object:
    """A configured text in the reader's `language`: a mapping of languages to texts gives that
    language's, else English, else the first one given; a plain value is the same in every language."""
    if not isinstance(value, Mapping):
        return value
    if language in value:
        return value[language]
    return value[FALLBACK] if FALLBACK in value else next(iter(value.values()), "")


def shown(contacts: object, language: str) -> list[str]:
    """Every text the contact page shows of the channels, in the reader's `language` (the example values in them are marked)."""
    if not isinstance(contacts, list):
        return []
    texts = [localized(contact.get(field), language) for contact in contacts if isinstance(contact, Mapping) for field in FIELDS]
    return [text for text in texts if isinstance(text, str)]


def _is_text(value: object) -> bool:
    """A non-empty text, or a non-empty mapping of language codes to non-empty texts."""
    if isinstance(value, str):
        return bool(value.strip())
    return (isinstance(value, Mapping) and bool(value)
            and all(isinstance(language, str) and isinstance(text, str) and text.strip() for language, text in value.items()))


def dial_uri(phone: object) -> str | None:
    """The tel: address of a phone number, or None when it is no number a phone can dial, such as the
    placeholder "+31 20 xxx xxxx": some phones turn the letters of a tel: link into the digits of their
    keys (x is 9), and would call whoever has the number that makes."""
    if not isinstance(phone, str) or not DIALABLE.fullmatch(phone.strip()):
        return None
    return "tel:" + re.sub(r"[ ().-]", "", phone)
