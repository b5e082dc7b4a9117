"""Example values marked as examples where a reader sees them, free of any site engine.

Each text of the example list (docs/checks/example_values.yml, read by
`example_values`) that still stands in the text of a page it looks in (those
its `where` names, or every page) is wrapped, as the page is rendered, in the
marker that overrides/partials/example-value.html draws: the value with the
word "example" in the page's language. An organisation that writes its own value instead
removes the marker with it; nothing needs switching off.

The marking is a Python-Markdown treeprocessor (`ExampleMarks`), which sees
the page as an element tree after the inline Markdown is parsed and after the
headings have their ids, the table of contents its entries and the page its
title: so only text is marked, never code, an attribute, a link's target, a
heading's id, the navigation or the title. Each marker's HTML is rendered by
the caller and put in the text as one of Python-Markdown's placeholders for
raw HTML, which it swaps back after writing the page out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from handbook_engine.pages import example_values
from handbook_engine.pages.example_values import Example
from handbook_engine.languages.page_languages import Languages

NAME = "handbook_example_marks"
# After the table of contents and the headings' ids (toc, 5) and MkDocs's page title (mkdocs_extract_title, 1),
# before the raw HTML and escaped characters are put back (unescape and MkDocs's relpath, both 0).
PRIORITY = 0.5
# Text in these is code or not shown as text; it is never marked (the text after such an element is).
UNMARKED = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "textarea"})
# What example_values.pattern() puts before a text that starts with a word character.
WORD_START = r"(?<!\w)"


@dataclass(frozen=True)
class Texts:
    """The example texts to look for in one file: one pattern with a group per text, and each group's entry."""

    pattern: re.Pattern
    examples: tuple[str, ...]  # what each group is an example of (the entry's `what`), by group number - 1

    @classmethod
    def of(cls, texts: Iterable[tuple[str, str]]) -> Texts:
        """From (text, what) pairs; a longer text goes first, so that where two start at one place the longer is found."""
        ordered = sorted(set(texts), key=lambda pair: (-len(pair[0]), pair[0].casefold()))
        patterns = [example_values.pattern(text).pattern for text, _ in ordered]
        # The texts that start with a word character start with this look-behind: once before all of them, not once
        # per text, it makes the search about five times faster. Two texts from the two sets never start at one place.
        bounded = [number for number, pattern in enumerate(patterns) if pattern.startswith(WORD_START)]
        unbounded = [number for number, pattern in enumerate(patterns) if not pattern.startswith(WORD_START)]
        alternatives = []
        if bounded:
            alternatives.append(WORD_START + "(?:" + "|".join(f"({patterns[number].removeprefix(WORD_START)})" for number in bounded) + ")")
        alternatives += [f"({patterns[number]})" for number in unbounded]
        return cls(re.compile("|".join(alternatives), re.IGNORECASE), tuple(ordered[number][1] for number in bounded + unbounded))

    def split(self, text: str) -> Iterator[tuple[str, str | None]]:
        """`text` in pieces, in order: (piece, what it is an example of) for a found text, (piece, None) between."""
        end = 0
        for match in self.pattern.finditer(text):
            if match.start() > end:
                yield text[end:match.start()], None
            yield match.group(), self.examples[match.lastindex - 1]
            end = match.end()
        if end < len(text):
            yield text[end:], None

    def found_in(self, texts: Iterable[str]) -> list[str]:
        """What each example value in `texts` is an example of, in their order."""
        return [example for text in texts for _, example in self.split(text) if example is not None]


def by_file(examples: Sequence[Example], root: Path, docs_dir: Path, languages: Languages) -> dict[str, Texts]:
    """The texts to look for in each file the list looks in: a page (with its language's texts) by its path in
    docs/, any other file (mkdocs.yml) by its path in the handbook."""
    found: dict[str, list[tuple[str, str]]] = {}
    # files_of joins every name to docs_dir or root: cut those off as text (a list may name hundreds of pages).
    in_docs, in_root = os.path.join(docs_dir, ""), os.path.join(root, "")
    for example in examples:
        for file, texts in example_values.files_of(example, root, docs_dir, languages):
            path = str(file)
            name = path.removeprefix(in_docs) if path.startswith(in_docs) else path.removeprefix(in_root)
            found.setdefault(name.replace(os.sep, "/"), []).extend((text, example.what) for text in texts)
    return {name: Texts.of(pairs) for name, pairs in found.items()}


def load(root: Path, docs_dir: Path, languages: Languages) -> dict[str, Texts]:
    """`by_file` for the handbook at `root`, from its list; {} when it has none. Raise SourceError for a mistake in it."""
    path = root / example_values.LIST
    if not path.is_file():
        return {}
    return by_file(example_values.load(path), root, docs_dir, languages)


# Renders one marker: (the text as the page writes it, what it is an example of) -> its HTML.
Render = Callable[[str, str], str]


@dataclass
class PageMarks:
    """What to mark in the page about to be rendered, and what was marked in it."""

    texts: Texts
    render: Render
    found: list[str] = field(default_factory=list)  # what each marked value is an example of, in the page's order


# Draws one marker: (the text as the page writes it, what it is an example of, the page's language) -> its HTML.
Draw = Callable[[str, str, str], str]


class ExampleMarks(Extension):
    """Marks the example values of `page`, the page being rendered; its caller sets `page` before each page
    and reads `page.found` after (MkDocs makes a new Markdown for each page, with this one extension).
    `draw` makes a marker's HTML; each is drawn once per build pass (pages share few values)."""

    def __init__(self, draw: Draw) -> None:
        super().__init__()
        self.page: PageMarks | None = None
        self._draw = draw
        self._drawn: dict[tuple[str, str, str], str] = {}

    def marks_for(self, texts: Texts, page_language: str) -> PageMarks:
        """What to mark in a page of `page_language` that holds `texts`."""

        def render(value: str, example: str) -> str:
            key = (value, example, page_language)
            if key not in self._drawn:
                self._drawn[key] = self._draw(value, example, page_language)
            return self._drawn[key]

        return PageMarks(texts, render)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Marker(md, self), NAME, PRIORITY)


class _Marker(Treeprocessor):
    def __init__(self, md: Markdown, extension: ExampleMarks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        page = self.extension.page
        if page is not None:
            mark(root, page, self.md.htmlStash.store)


def mark(root: Element, page: PageMarks, stash: Callable[[str], str]) -> None:
    """Replace each example text below `root` (not in UNMARKED elements) by the placeholder `stash` gives for its marker."""

    def marked(text: str | None) -> str | None:
        if not text or text.isspace():
            return text
        pieces = []
        for piece, what in page.texts.split(text):
            if what is None:
                pieces.append(piece)
            else:
                pieces.append(stash(page.render(piece, what)))
                page.found.append(what)
        return "".join(pieces)

    def walk(element: Element) -> None:
        if element.tag in UNMARKED:
            return
        element.text = marked(element.text)
        for child in element:
            walk(child)
            child.tail = marked(child.tail)

    walk(root)
