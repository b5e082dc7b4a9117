"""The example values an organisation adopting the handbook must replace, and where they still stand.

docs/checks/example_values.yml lists every fact only the publishing organisation
knows (contacts, retention and removal periods, the works council's consent,
the DPIA, the crisis team, ...) with the texts that show it in each language
and, where it is known, the files it lives in. `handbook.py check --examples`
reports each place where one of those texts is still found, as
`path:line: example value: ...`, so that a real handbook is not published with
an example in it. The list's validity depends on nothing else: a language the
handbook does not have is ignored, and a file that is gone is nothing to look
in, so dropping a language or removing a page never breaks it.

Run on its own, this script lists the entries: what each fact is, where it
lives and what to put there.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook_engine import yaml_source
from handbook_engine.languages import site_languages
from handbook_engine.pages import handbook_pages
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pages.review_rules import Problem
from handbook_engine import REPOSITORY

ROOT = REPOSITORY

# The list, relative to the handbook's root (the folder of mkdocs.yml).
LIST = "docs/checks/example_values.yml"
CONFIG = "mkdocs.yml"
FIELD = "example value"
# Texts found in every file, whatever its language.
ANY_LANGUAGE = "text"
KEYS = ("what", "replace", "where")
# The other keys of an entry are language codes (site_languages.LANGUAGE_CODE), whether or not the handbook
# has that language, so that the list stays valid when a language is added or dropped.


@dataclass(frozen=True)
class Example:
    """One fact to replace: `texts` maps a language code (or ANY_LANGUAGE) to the texts that show it;
    `where` names the files it lives in, and is empty when it may stand anywhere."""

    what: str
    replace: str
    where: tuple[str, ...]
    texts: dict[str, tuple[str, ...]]
    line: int = 1

    def texts_for(self, language: str) -> tuple[str, ...]:
        """The texts to look for on a page in `language`: that language's, then those of any language."""
        return (*self.texts.get(language, ()), *self.texts.get(ANY_LANGUAGE, ()))

    def looks_in(self, name: str, languages: Languages) -> bool:
        """Whether the entry looks in the file `name` (relative to the handbook's root, like docs/x.en.md):
        always without `where`, else when `where` names it or the page it translates."""
        if not self.where:
            return True
        folder, _, page = name.rpartition("/")
        original = languages.split(page)[0]
        return name in self.where or f"{folder}/{original}".lstrip("/") in self.where


def check(root: Path, docs_dir: Path, languages: Languages) -> list[tuple[str, Problem]]:
    """`check --examples`: each place where an example value of the handbook at `root` still stands;
    a mistake in the list is the one finding."""
    try:
        examples = load(root / LIST)
    except yaml_source.SourceError as error:
        return [(str(error.path), Problem(error.field, error.message, error.line))]
    return findings(examples, root, docs_dir, languages)


def load(path: Path, shown: str = LIST) -> list[Example]:
    """Read the list; raise SourceError naming the line of the first mistake (the file named as `shown`).
    Nothing in it depends on the handbook's languages or pages: a language the handbook lacks is
    ignored, and a file that is gone is nothing to look in."""
    try:
        document = yaml_source.load(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise yaml_source.SourceError(shown, 1, "examples", f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise yaml_source.SourceError(shown, 1, "encoding", f"not UTF-8 text ({error.reason}); save the file as UTF-8") from None
    except yaml_source.YamlError as error:
        raise yaml_source.SourceError(shown, error.line, "examples", f"not valid YAML ({error.reason})") from None
    if document.data is None:  # only comments: no example values (yet)
        return []
    if not isinstance(document.data, list):
        raise yaml_source.SourceError(shown, 1, "examples", f"{yaml_source.described(document.data)}; expected a list of entries")
    return [_entry(document, index, shown) for index in range(len(document.data))]


def _entry(document: yaml_source.Document, index: int, shown: str) -> Example:
    entry, line = document.data[index], document.line_of((index,))

    def wrong(key: str, message: str) -> yaml_source.SourceError:
        return yaml_source.SourceError(shown, document.line_of((index, key), line), f"examples[{index + 1}].{key}", message)

    if not isinstance(entry, dict):
        raise yaml_source.SourceError(shown, line, f"examples[{index + 1}]", f"{yaml_source.described(entry)}; expected what, replace, where and texts")
    text_keys = [key for key in entry if key == ANY_LANGUAGE or (isinstance(key, str) and site_languages.LANGUAGE_CODE.fullmatch(key))]
    for key in entry:
        if key not in (*KEYS, *text_keys):
            raise wrong(str(key), f"unknown key; expected one of {', '.join(KEYS)}, {ANY_LANGUAGE} or a language code like nl")
    for key in ("what", "replace"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise wrong(key, "missing; expected a text")
    where = entry.get("where", [])
    if not isinstance(where, list) or not all(isinstance(file, str) and file for file in where):
        raise wrong("where", "expected a list of files, like [docs/monitoring.md], or no where: to look everywhere")
    texts = {}
    for key in text_keys:
        value = entry[key]
        if not isinstance(value, list) or not all(isinstance(text, str) and text.strip() for text in value):
            raise wrong(key, "expected a list of texts to look for, like [twee werkdagen]")
        if value:
            texts[key] = tuple(value)
    if not texts:
        raise wrong("what", f"no texts to look for; expected {ANY_LANGUAGE} or a language code like nl, each with a list of texts")
    return Example(entry["what"], entry["replace"], tuple(where), texts, line)


def pattern(text: str) -> re.Pattern:
    """`text` as a whole, in any case, with any run of white space (a line break too) between its words."""
    words = r"\s+".join(re.escape(word) for word in text.split())
    before = r"(?<!\w)" if re.match(r"\w", text) else ""
    after = r"(?!\w)" if re.search(r"\w$", text) else ""
    return re.compile(before + words + after, re.IGNORECASE)


def occurrences(source: str, texts: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line, text) of each place one of `texts` stands in `source`, in the order of the file."""
    found = []
    for text in texts:
        found += [(match.start(), text) for match in pattern(text).finditer(source)]
    for start, text in sorted(found):
        yield source.count("\n", 0, start) + 1, text


def files_of(example: Example, root: Path, docs_dir: Path, languages: Languages) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """Each existing file the example lives in, with the texts to look for there: a page (and each of its
    translations) with its language's texts, any other file with all of them. Without `where`: every page,
    and mkdocs.yml."""
    every = tuple(text for texts in example.texts.values() for text in texts)
    if not example.where:
        for page in handbook_pages.find(docs_dir):
            yield docs_dir / page, example.texts_for(languages.split(page)[1])
        if (root / CONFIG).is_file():
            yield root / CONFIG, every
        return
    docs = os.path.relpath(docs_dir, root).replace(os.sep, "/")
    for name in example.where:
        if name.startswith(f"{docs}/") and name.endswith(".md"):
            key, _ = languages.split(name.removeprefix(f"{docs}/"))
            for language in languages.all:
                page = docs_dir / languages.join(key, language)
                if page.is_file():
                    yield page, example.texts_for(language)
        elif (root / name).is_file():
            yield root / name, every


def findings(examples: Sequence[Example], root: Path, docs_dir: Path, languages: Languages) -> list[tuple[str, Problem]]:
    """(path as the editor sees it, problem) for each place an example value still stands."""
    found = []
    for example in examples:
        for file, texts in files_of(example, root, docs_dir, languages):
            try:
                source = file.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # an unreadable page is check's own finding
            shown = os.path.relpath(file, root).replace(os.sep, "/")
            found += [(shown, Problem(FIELD, f"'{text}' ({example.what}) is still here; replace it with your organisation's own", line))
                      for line, text in occurrences(source, texts)]
    return sorted(found, key=lambda finding: (finding[0], finding[1].line or 0))


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    try:
        examples = load(ROOT / LIST)
    except yaml_source.SourceError as error:
        print(error, file=sys.stderr)
        return 2
    for example in examples:
        texts = ", ".join(f"{text!r}" + ("" if key == ANY_LANGUAGE else f" ({key})") for key, texts in example.texts.items() for text in texts)
        print(f"{example.what}\n  where:    {', '.join(example.where) or 'every page and mkdocs.yml'}\n  look for: {texts}\n  replace:  {example.replace}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
