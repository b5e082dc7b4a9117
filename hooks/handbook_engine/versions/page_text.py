"""A page's text as its reader reads it, block by block and sentence by sentence, free of any site engine.

Two versions of the policy are compared on this text (`marked_changes`), not on the Markdown: the page's
body (after its front matter) is rendered by Python-Markdown with the handbook's own Markdown extensions, as
the site renders it, and read back with an HTML5 parser (tinyhtml5, as the PDF step reads the print edition).
Each heading, paragraph, list item, table cell, term, definition, caption and code block is a block of its
own; a block's text is split into sentences by the rule `sentence_lengths` counts them by. Left out: the
markup itself, the headings' permalinks (toc's `headerlink`), images, scripts and HTML comments; a link
reads as its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import markdown
import tinyhtml5

from handbook_engine.pages import front_matter
from handbook_engine.text_checks.sentence_lengths import SENTENCE_END

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# The elements whose text is a block of its own; "pre" keeps its text whole (code has no sentences).
BLOCKS = {*HEADINGS, "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary", "pre"}
# Elements that hold blocks; loose text directly in one (an admonition's, a quote's) is a paragraph.
CONTAINERS = {"div", "blockquote", "details", "section", "article", "aside", "figure", "ul", "ol", "dl", "table",
              "thead", "tbody", "tfoot", "tr", "body"}
# What a reader does not read as the page's text.
LEFT_OUT = {"script", "style", "template", "img", "svg", "head"}
PERMALINK_CLASS = "headerlink"


@dataclass(frozen=True)
class Block:
    """One block of a page's text: its element (`p`, `li`, `h2`, ...) and its sentences."""

    kind: str
    sentences: tuple[str, ...]

    @property
    def level(self) -> int:
        """The heading's level (1 for h1), 0 for any other block."""
        return HEADINGS.get(self.kind, 0)


@dataclass(frozen=True)
class PageText:
    """A page as its reader reads it: the title (front matter's, else None) and the blocks of its body."""

    title: str | None
    blocks: tuple[Block, ...]


class Reader:
    """Renders pages with one handbook's Markdown extensions (`markdown_extensions` of its settings)."""

    def __init__(self, extensions: object) -> None:
        names, configs = extension_settings(extensions)
        self._markdown = markdown.Markdown(extensions=names, extension_configs=configs)

    def page(self, raw: bytes) -> PageText:
        """The text of a page's file as it was committed (bytes that are not UTF-8 are replaced)."""
        text = front_matter.decode(raw)[0].removeprefix(front_matter.BOM).replace("\r\n", "\n").replace("\r", "\n")
        matter = front_matter.parse(text)
        title = matter.data.get("title")
        body = "".join(text.splitlines(keepends=True)[matter.body_line - 1:])
        self._markdown.reset()
        html = self._markdown.convert(body)
        return PageText(title.strip() if isinstance(title, str) and title.strip() else None, tuple(blocks(html)))


def extension_settings(extensions: object) -> tuple[list[str], dict[str, dict]]:
    """MkDocs's `markdown_extensions` (a mapping of name to settings, or a list of names and one-key mappings) as
    Python-Markdown takes them, without the settings the tools cannot make."""
    items: Iterable[tuple[str, object]]
    if isinstance(extensions, Mapping):
        items = extensions.items()
    elif isinstance(extensions, list):
        items = [next(iter(entry.items())) if isinstance(entry, Mapping) and len(entry) == 1 else (entry, None) for entry in extensions]
    else:
        items = ()
    names, configs = [], {}
    for name, settings in items:
        if isinstance(name, str):
            names.append(name)
            if isinstance(settings, Mapping):
                # A Python object named in mkdocs.yml (`!!python/name:material.extensions.emoji.twemoji`) is read as
                # None by the tools (site_config): the extension's own default stands in for it.
                configs[name] = {key: value for key, value in settings.items() if value is not None}
    return names, configs


def blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment, in reading order."""
    reader = _BlockReader()
    reader.read(tinyhtml5.parse(html, namespace_html_elements=False))
    return reader.found


def sentences(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in SENTENCE_END.split(text) if part.strip())


class _BlockReader:
    """Walks the parsed tree once: inline text gathers into the open block; a block element closes it."""

    def __init__(self) -> None:
        self.found: list[Block] = []
        self._kinds = ["p"]
        self._parts: list[str] = []

    def read(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None  # comments and processing instructions: no text
        if tag is None or tag in LEFT_OUT or PERMALINK_CLASS in (element.get("class") or "").split():
            return
        if tag == "br":
            self._parts.append(" ")
            return
        opens = tag in BLOCKS or tag in CONTAINERS or tag == "html"
        if opens:
            self._close()
            self._kinds.append(tag if tag in BLOCKS else "p")
        self._parts.append(element.text or "")
        for child in element:
            self.read(child)
            self._parts.append(child.tail or "")
        if opens:
            self._close()
            self._kinds.pop()

    def _close(self) -> None:
        text = "".join(self._parts)
        self._parts.clear()
        kind = self._kinds[-1]
        if kind == "pre":
            if text.strip():
                self.found.append(Block(kind, (text.strip("\n"),)))
        elif found := sentences(" ".join(text.split())):
            self.found.append(Block(kind, found))
