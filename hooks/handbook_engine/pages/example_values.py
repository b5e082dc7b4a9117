"""The example values an organisation adopting the handbook must replace, and where they still stand.

docs/checks/example_values.yml lists every fact only the publishing organisation
knows (contacts, retention and removal periods, the works council's consent,
the DPIA, the crisis team, ...) with the texts that show it and the files it
lives in. `handbook.py check --examples` reports each place where one of those
texts is still found, as `path:line: example value: ...`, so that a real
handbook is not published with an example in it.

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

from handbook_engine.settings import site_config
from handbook_engine.languages import site_languages
from handbook_engine import yaml_source
from handbook_engine.pages.handbook_pages import Languages
from handbook_engine.pages.review_rules import Problem
from handbook_engine import REPOSITORY

ROOT = REPOSITORY

# The list, relative to the handbook's root (the folder of mkdocs.yml).
LIST = "docs/checks/example_values.yml"
FIELD = "example value"
# Texts found in every file, whatever its language.
ANY_LANGUAGE = "text"
KEYS = ("what", "replace", "where")


@dataclass(frozen=True)
class Example:
    """One fact to replace: `texts` maps a language (or ANY_LANGUAGE) to the texts that show it."""

    what: str
    replace: str
    where: tuple[str, ...]
    texts: dict[str, tuple[str, ...]]
    line: int = 1


def check(root: Path, docs_dir: Path, languages: Languages) -> list[tuple[str, Problem]]:
    """`check --examples`: each place where an example value of the handbook at `root` still stands;
    a mistake in the list is the one finding."""
    try:
        examples = load(root / LIST, languages, LIST)
    except yaml_source.SourceError as error:
        return [(str(error.path), Problem(error.field, error.message, error.line))]
    return findings(examples, root, docs_dir, languages)


def load(path: Path, languages: Languages, shown: str) -> list[Example]:
    """Read the list; raise SourceError naming the line of the first mistake (the file named as `shown`)."""
    try:
        document = yaml_source.load(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise yaml_source.SourceError(shown, 1, "examples", f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise yaml_source.SourceError(shown, 1, "encoding", f"not UTF-8 text ({error.reason}); save the file as UTF-8") from None
    except yaml_source.YamlError as error:
        raise yaml_source.SourceError(shown, error.line, "examples", f"not valid YAML ({error.reason})") from None
    if not isinstance(document.data, list):
        raise yaml_source.SourceError(shown, 1, "examples", f"{yaml_source.described(document.data)}; expected a list of entries")
    text_keys = (*languages.all, ANY_LANGUAGE)
    examples = []
    for index, entry in enumerate(document.data):
        line = document.line_of((index,))

        def wrong(key: str, message: str) -> yaml_source.SourceError:
            return yaml_source.SourceError(shown, document.line_of((index, key), line), f"examples[{index + 1}].{key}", message)

        if not isinstance(entry, dict):
            raise yaml_source.SourceError(shown, line, f"examples[{index + 1}]", f"{yaml_source.described(entry)}; expected what, replace, where and texts")
        for key in entry:
            if key not in (*KEYS, *text_keys):
                raise wrong(str(key), f"unknown key; expected one of {', '.join((*KEYS, *text_keys))}")
        for key in ("what", "replace"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise wrong(key, "missing; expected a text")
        where = entry.get("where")
        if not isinstance(where, list) or not where or not all(isinstance(file, str) and file for file in where):
            raise wrong("where", "expected a list of files, like [docs/monitoring.md]")
        texts = {}
        for key in text_keys:
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(text, str) and text.strip() for text in value):
                raise wrong(key, "expected a list of texts to look for, like [twee werkdagen]")
            if value:
                texts[key] = tuple(value)
        if not texts:
            raise wrong("what", f"no texts to look for; expected {' or '.join(text_keys)}")
        examples.append(Example(entry["what"], entry["replace"], tuple(where), texts, line))
    return examples


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
    """Each file the example lives in, with the texts to look for there: a page's translations with their language's."""
    docs = os.path.relpath(docs_dir, root).replace(os.sep, "/")
    for name in example.where:
        anywhere = example.texts.get(ANY_LANGUAGE, ())
        if name.startswith(f"{docs}/") and name.endswith(".md"):
            key, _ = languages.split(name.removeprefix(f"{docs}/"))
            for language in languages.all:
                yield docs_dir / languages.join(key, language), (*example.texts.get(language, ()), *anywhere)
        else:
            every = tuple(text for texts in example.texts.values() for text in texts)
            yield root / name, every


def findings(examples: Sequence[Example], root: Path, docs_dir: Path, languages: Languages) -> list[tuple[str, Problem]]:
    """(path as the editor sees it, problem) for each place an example value still stands."""
    found = []
    for number, example in enumerate(examples, start=1):
        # A file that is not there would hide its example values: a misspelt name is a finding of its own.
        found += [(LIST, Problem(f"examples[{number}].where", f"{name} does not exist; expected a file of the handbook, like docs/monitoring.md", example.line))
                  for name in example.where if not (root / name).is_file()]
        for file, texts in files_of(example, root, docs_dir, languages):
            try:
                source = file.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # a missing translation is check's own finding
            shown = os.path.relpath(file, root).replace(os.sep, "/")
            found += [(shown, Problem(FIELD, f"'{text}' ({example.what}) is still here; replace it with your organisation's own", line))
                      for line, text in occurrences(source, texts)]
    return sorted(found, key=lambda finding: (finding[0], finding[1].line or 0))


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    try:
        languages = site_languages.from_config_file(site_config.load(ROOT / "mkdocs.yml").data)
        examples = load(ROOT / LIST, languages, LIST)
    except (yaml_source.SourceError, yaml_source.SettingError) as error:
        print(error, file=sys.stderr)
        return 2
    for example in examples:
        texts = ", ".join(f"{text!r}" + ("" if key == ANY_LANGUAGE else f" ({key})") for key, texts in example.texts.items() for text in texts)
        print(f"{example.what}\n  where:    {', '.join(example.where)}\n  look for: {texts}\n  replace:  {example.replace}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
