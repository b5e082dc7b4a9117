"""The handbook's languages as its page files carry them: `name.md` in the default language, `name.en.md` in
another; which language a file is in, the file of a page in a language, and the page's address (the default
language at the site root, each other under its code). Knows nothing of static-i18n (`site_languages` reads the
languages from its settings)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Languages:
    """The handbook's languages: the default one first, served at the site root."""

    default: str
    others: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (self.default, *self.others)

    def split(self, path: str) -> tuple[str, str]:
        """`richtlijnen.en.md` -> ('richtlijnen.md', 'en'); `richtlijnen.md` -> ('richtlijnen.md', 'nl')."""
        head, extension = os.path.splitext(path)
        stem, dot, suffix = head.rpartition(".")
        if dot and suffix in self.others and "/" not in suffix:
            return stem + extension, suffix
        return path, self.default

    def join(self, key: str, language: str) -> str:
        """The inverse of `split`."""
        if language == self.default:
            return key
        pure = PurePosixPath(key)
        return str(pure.with_name(f"{pure.stem}.{language}{pure.suffix}"))

    def url(self, key: str, language: str) -> str:
        """The page's address relative to the site root, with directory URLs."""
        pure = PurePosixPath(key).with_suffix("")
        folders = pure.parts[:-1] if pure.name == "index" else pure.parts
        path = "".join(f"{folder}/" for folder in folders)
        return path if language == self.default else f"{language}/{path}"
