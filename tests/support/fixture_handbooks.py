"""The engine's own handbooks for its tests (tests/fixtures/), materialised in a temporary folder.

Each fixture handbook is a folder in tests/fixtures/ with a `mkdocs.yml` that inherits the engine's
settings (`INHERIT: hooks/engine.yml`) and a `docs/` of its own: its own site name, owners, contacts,
nav, review settings, pages and fixed review dates. It is never this repository's handbook, so HR can
change that one freely: the engine's tests do not notice.

`materialise` puts a fixture in a folder with the engine's `hooks/` and `overrides/` beside it, as a
handbook that adopted the engine has them. They are symbolic links to the repository's by default
(0.1 ms against 180 ms for a copy, and the same build with MkDocs and ProperDocs); a test that
changes a template or adds a hook asks for a copy (`engine="copy"`), so that it never edits the
engine itself.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from handbook_engine import REPOSITORY
from handbook_engine.languages import site_languages
from handbook_engine.pages import front_matter
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.handbook_pages import find

FIXTURES = REPOSITORY / "tests" / "fixtures"
# The engine's folders a handbook needs beside its mkdocs.yml: the hooks (with engine.yml, which
# mkdocs.yml inherits) and the templates.
ENGINE = ("hooks", "overrides")
# The day every fixture's review dates are chosen for (what is current, due soon or overdue then is
# written at the top of each fixture's mkdocs.yml), and a day when every page of every fixture is overdue.
FIXTURE_DATE = "2026-11-21"
OVERDUE_DATE = "2030-01-02"


@dataclass(frozen=True)
class FixtureHandbook:
    """One fixture handbook as its files say: its languages, pages and settings."""

    name: str

    @property
    def source(self) -> Path:
        return FIXTURES / self.name

    @cached_property
    def settings(self) -> dict:
        """The fixture's own mkdocs.yml (without what it inherits from the engine)."""
        return yaml.safe_load((self.source / "mkdocs.yml").read_text(encoding="utf-8"))

    @cached_property
    def languages(self) -> Languages:
        return site_languages.from_config_file(self.settings)

    @cached_property
    def keys(self) -> list[str]:
        """Its pages, each by its default language's file name (index.md, werkplek.md, ...)."""
        return sorted({self.languages.split(path)[0] for path in find(self.source / "docs")})

    def path(self, key: str, language: str) -> Path:
        return self.source / "docs" / self.languages.join(key, language)

    def title(self, key: str, language: str) -> str:
        return front_matter.read(self.path(key, language)).data["title"]

    def url(self, key: str, language: str) -> str:
        return self.languages.url(key, language)

    @property
    def owners(self) -> list[str]:
        """The owners it configures, in order; the first owns most of its pages."""
        return list(self.settings["extra"]["review"]["owners"])

    def site_name(self, language: str) -> str:
        """The site's name in `language` (static-i18n's per-language site_name where the fixture gives one)."""
        i18n = self.settings.get("plugins", {}).get("i18n") or {}
        names = {entry["locale"]: entry["site_name"] for entry in i18n.get("languages", []) if "site_name" in entry}
        return names.get(language, self.settings["site_name"])


TWO_LANGUAGES = FixtureHandbook("two-languages")
ONE_LANGUAGE = FixtureHandbook("one-language")
THREE_LANGUAGES = FixtureHandbook("three-languages")


def materialise(target: Path, fixture: FixtureHandbook = TWO_LANGUAGES, *, docs: bool = True, engine: str = "link",
                tools: bool = False) -> Path:
    """The fixture's mkdocs.yml (and its docs/ unless `docs` is false) in `target`, with the engine beside it:
    linked (`engine="link"`) or copied (`engine="copy"`, for a test that changes the engine's files).

    With `tools`, also the engine's Makefile and scripts/, for `make` in the handbook (conftest.run_make);
    the engine is then copied, so that the tools' default project (handbook_engine.REPOSITORY, the folder
    the engine is in) is this one."""
    if engine not in ("link", "copy"):
        raise ValueError(f"engine={engine!r}: expected 'link' or 'copy'")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture.source / "mkdocs.yml", target / "mkdocs.yml")
    if docs:
        shutil.copytree(fixture.source / "docs", target / "docs")
    for folder in ENGINE:
        if engine == "link" and not tools:
            (target / folder).symlink_to(REPOSITORY / folder, target_is_directory=True)
        else:
            shutil.copytree(REPOSITORY / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if tools:
        shutil.copy(REPOSITORY / "Makefile", target / "Makefile")
        (target / "scripts").symlink_to(REPOSITORY / "scripts", target_is_directory=True)
    return target


def write_page(docs: Path, path: str, *, title: str, last_reviewed: str, owner: str | None = None,
               interval: int | None = None, body: str = "Tekst van de pagina.\n", extra: str = "",
               fixture: FixtureHandbook = TWO_LANGUAGES) -> None:
    """A page with review front matter; its owner is the fixture's first unless named."""
    lines = [f"title: {title}", f"description: Over {title}.", f"owner: {owner or fixture.owners[0]}", f"last_reviewed: {last_reviewed}"]
    if interval is not None:
        lines.append(f"review_interval: {interval}")
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text("---\n" + "\n".join(lines) + "\n" + extra + "---\n\n" + body, encoding="utf-8")


def small_handbook(target: Path, pages: dict[str, dict], nav: list[str] | None = None, untranslated: list[str] | None = None,
                   *, fixture: FixtureHandbook = TWO_LANGUAGES, engine: str = "link") -> Path:
    """A fixture's settings with only `pages` ({path: write_page keywords}) and a nav of them (or `nav`)."""
    project = materialise(target, fixture, docs=False, engine=engine)
    docs = project / "docs"
    docs.mkdir()
    for path, fields in pages.items():
        write_page(docs, path, fixture=fixture, **fields)
    keys = nav if nav is not None else sorted({fixture.languages.split(p)[0] for p in pages}, key=lambda p: (p != "index.md", p))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("\nnav:\n")
    config = head + "\nnav:\n" + "".join(f"  - {key}\n" for key in keys)
    if untranslated:
        config = edited(config, "    timezone: ", "    untranslated: [" + ", ".join(untranslated) + "]\n    timezone: ")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def edited(text: str, old: str, new: str) -> str:
    """`text` with its one `old` replaced by `new` (a fixture's settings are known: a missing `old` is a test's mistake)."""
    assert text.count(old) == 1, f"expected {old!r} once in the fixture's text, found it {text.count(old)} times"
    return text.replace(old, new)


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the one `old` in the file at `path` with `new`."""
    path.write_text(edited(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
