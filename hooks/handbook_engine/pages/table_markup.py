"""Markdown tables as screen readers and the PDF's tags need them: a real caption, and headers with their scope.

A Python-Markdown extension (`markdown_extensions: handbook_engine.pages.table_markup` in hooks/engine.yml):

- a `/// caption` block right after a table (pymdownx.blocks.caption) wraps the
  table in a <figure> with a <figcaption>, which names the figure, not the
  table: a screen reader's table navigation does not announce it. The
  caption becomes the table's own <caption> and the figure goes; the caption
  block's id goes to the table, its class to a <div> around it (Material
  draws only tables without a class of their own);
- each header cell of a table's head gets `scope="col"` (the tables extension
  writes none), which the PDF's tags carry as the cell's scope.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

NAME = "handbook_table_markup"
# After the inline patterns (20), when the caption's text is final, and after attr_list (8) and toc (5).
PRIORITY = 4


def mark_up(root: Element) -> None:
    """Give the tables below `root` their caption and their headers' scope, in place."""
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            if child.tag == "figure":
                _figure_to_caption(parent, index, child)
    for head in root.iter("thead"):
        for cell in head.iter("th"):
            cell.attrib.setdefault("scope", "col")


def _figure_to_caption(parent: Element, index: int, figure: Element) -> None:
    """Replace a figure of one table and its figcaption by the table, captioned with the figcaption's content."""
    children = list(figure)
    tables = [child for child in children if child.tag == "table"]
    captions = [child for child in children if child.tag == "figcaption"]
    if len(children) != 2 or len(tables) != 1 or len(captions) != 1 or figure.text and figure.text.strip():
        return
    table, figcaption = tables[0], captions[0]
    caption = Element("caption")
    # The caption block writes its text as one paragraph: its content goes into the caption without it.
    content = figcaption[0] if len(figcaption) == 1 and figcaption[0].tag == "p" and not (figcaption.text or "").strip() else figcaption
    caption.text = content.text
    caption.extend(list(content))
    table.insert(0, caption)
    replacement = table
    if figure.get("class"):  # on a wrapper: Material draws only tables without a class of their own
        replacement = Element("div", {"class": figure.get("class")})
        replacement.append(table)
        table.tail = "\n"
    for name, value in figure.attrib.items():
        if name != "class":
            table.attrib.setdefault(name, value)
    replacement.tail = figure.tail
    parent[index] = replacement


class TableMarkup(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_TableMarkup(md), NAME, PRIORITY)


class _TableMarkup(Treeprocessor):
    def run(self, root: Element) -> None:
        mark_up(root)


def makeExtension(**kwargs) -> TableMarkup:  # noqa: N802 - how Python-Markdown loads an extension by its module's name
    return TableMarkup(**kwargs)
