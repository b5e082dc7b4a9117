"""The handbook's page owners and how to reach them, free of any site engine.

`extra.review.owners` in mkdocs.yml names every owner with an e-mail address
(for the weekly notice of due pages), a Git handle (for code-owner approval)
and, where it differs, its name in another language:

    owners:
      HR: {email: hr@example.org, git: "@example/hr"}
      Communicatie: {email: communicatie@example.org, git: "@example/communicatie", en: Communications}

A page's `owner:` is one of these names or a list of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel.lists import format_list

from handbook_engine.yaml_source import Errors, SettingError, described, shown

OWNERS_KEY = "extra.review.owners"
MAINTAINER_KEY = "extra.review.maintainer"
# A GitHub or GitLab user or group (@name, @group/team), or an e-mail address.
GIT_HANDLE = re.compile(r"@[A-Za-z0-9][\w.-]*(?:/[\w.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
CONTACT_KEYS = ("email", "git")
MISSING = object()  # a page without an owner: line


@dataclass(frozen=True)
class Owner:
    """One owner: its name as pages give it, its contacts and its name in other languages."""

    name: str
    email: str | None = None
    git: str | None = None
    translations: tuple[tuple[str, str], ...] = ()

    def name_in(self, language: str) -> str:
        return dict(self.translations).get(language, self.name)


def parse(values: object) -> tuple[Owner, ...]:
    """`extra.review.owners` as owners; raise yaml_source.Errors with a SettingError for every part of the wrong shape."""
    if values is None:
        return ()
    if not isinstance(values, Mapping):
        raise Errors([SettingError(OWNERS_KEY, f"{described(values)}; expected each owner's name with its contacts, like 'HR: {{email: hr@example.org, git: \"@example/hr\"}}'")])
    found, wrong = [], []
    for name, contacts in values.items():
        key = f"{OWNERS_KEY}.{name}"
        if not isinstance(name, str) or not name.strip():
            wrong.append(SettingError(OWNERS_KEY, f"{described(name)} is not a name; expected the owner's name as pages give it"))
            continue
        if contacts is None:
            contacts = {}
        if not isinstance(contacts, Mapping):
            wrong.append(SettingError(key, f"{described(contacts)}; expected 'email:', 'git:' and names in other languages like 'en: Communications'"))
            continue
        not_text = [SettingError(f"{key}.{field}", f"{described(value)}; expected text")
                    for field, value in contacts.items() if value is not None and not isinstance(value, str)]
        wrong.extend(not_text)
        if not not_text:
            found.append(Owner(
                name,
                contacts.get("email") or None,
                contacts.get("git") or None,
                tuple(sorted((str(language), text) for language, text in contacts.items() if language not in CONTACT_KEYS and text)),
            ))
    if wrong:
        raise Errors(wrong)
    return tuple(found)


def maintainer_of(value: object) -> str | None:
    """`extra.review.maintainer`: the Git handle that approves changes to the project's own files."""
    if value is not None and not isinstance(value, str):
        raise SettingError(MAINTAINER_KEY, f"{described(value)}; expected a Git handle like '@example/handbook'")
    return value or None


def problems(owners: Iterable[Owner], maintainer: str | None) -> list[tuple[str, str]]:
    """(key, message) for what keeps an owner from hearing about its pages or approving changes."""
    found = []
    for owner in owners:
        key = f"{OWNERS_KEY}.{owner.name}"
        if owner.email is None:
            found.append((f"{key}.email", "missing; expected the address that hears when the owner's pages are due, like hr@example.org"))
        elif not EMAIL.fullmatch(owner.email):
            found.append((f"{key}.email", f"{described(owner.email)}; expected an e-mail address like hr@example.org"))
        if owner.git is None:
            found.append((f"{key}.git", "missing; expected the Git handle that approves changes to the owner's pages, like '@example/hr'"))
        elif not GIT_HANDLE.fullmatch(owner.git):
            found.append((f"{key}.git", f"{described(owner.git)}; expected a Git handle like '@example/hr' (in quotes: @ starts no YAML value)"))
    if maintainer is None:
        found.append((MAINTAINER_KEY, "missing; expected the Git handle that approves changes to hooks, templates, scripts and mkdocs.yml"))
    elif not GIT_HANDLE.fullmatch(maintainer):
        found.append((MAINTAINER_KEY, f"{described(maintainer)}; expected a Git handle like '@example/handbook'"))
    return found


def page_owners(value: object, owners: Iterable[Owner]) -> tuple[tuple[str, ...], str | None]:
    """A page's `owner:` as owner names, and what is wrong with it (None when nothing is)."""
    known = [owner.name for owner in owners]
    expected = f"expected the name of an owner ({', '.join(known) or f'none yet: name them under {OWNERS_KEY}'}) or a list of them"
    if value is MISSING:
        return (), f"missing; {expected}"
    names = value if isinstance(value, list) else [value]
    if value == []:
        return (), f"the list is empty; {expected}"
    if not all(isinstance(name, str) and name.strip() for name in names):
        return (), f"{described(value)}; {expected}"
    unknown = [name for name in names if name not in known]
    if unknown:
        return (), f"{shown(unknown[0])} is not an owner in mkdocs.yml; {expected}"
    return tuple(dict.fromkeys(names)), None


def names_in(names: Iterable[str], owners: Iterable[Owner], language: str) -> str:
    """Owner names joined in `language`: 'HR en Communicatie', 'HR and Communications'."""
    by_name = {owner.name: owner for owner in owners}
    shown = [by_name[name].name_in(language) if name in by_name else name for name in names]
    return _joined(tuple(shown), language)


@functools.lru_cache(maxsize=1024)
def _joined(names: tuple[str, ...], language: str) -> str:
    return format_list(list(names), locale=language) if names else ""
