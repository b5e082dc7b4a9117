"""A small HTML tree for tests: find elements by tag, attribute or class, read their text.

The HTML is read by an HTML5 parser, tinyhtml5 (pinned in requirements.txt for the PDFs), as a browser
reads it: with HTML5's implied end tags (`<p>one<p>two` is two paragraphs, `<li>a<li>b` two items) and
the elements it adds (a table's tbody). Its tree is then given the small API the tests use.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import tinyhtml5


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Elements below (and including) this one that match every condition; attrs=True means present."""
        found = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            if cls and cls not in element.classes:
                continue
            if all((name.replace("_", "-") in element.attrs) if value is True else element.attrs.get(name.replace("_", "-")) == value
                   for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls} {attrs}"
        return found[0]

    @property
    def text(self) -> str:
        """The visible text, white space folded."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("script", "style"):
                parts.append(child.text)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _element(node: ElementTree.Element) -> Element:
    """Our Element for the parser's, with its text and its children's tails as strings among the children."""
    element = Element(node.tag, dict(node.attrib))
    if node.text:
        element.children.append(node.text)
    for child in node:
        if isinstance(child.tag, str):  # comments and processing instructions are no elements
            element.children.append(_element(child))
        if child.tail:
            element.children.append(child.tail)
    return element


def parse(html: str) -> Element:
    """The document, as an Element '#document' holding the <html> element."""
    return Element("#document", {}, [_element(tinyhtml5.parse(html, namespace_html_elements=False))])


# <link> relations that name a page rather than load something into this one.
NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help"}
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)


def external_resources(html: str) -> list[str]:
    """Addresses outside the site that a page would load: link, script, img, iframe, source, CSS url() and @import."""
    root = parse(html)
    found = []
    for element in root.iter():
        for name in ("src", "srcset", "poster", "data"):
            if name in element.attrs:
                found.append(element.attrs[name])
        if element.tag == "link" and "href" in element.attrs and not set(element.attrs.get("rel", "").split()) & NOT_LOADED:
            found.append(element.attrs["href"])
        if element.tag == "style" or "style" in element.attrs:
            css = element.attrs.get("style", "") + "".join(c for c in element.children if isinstance(c, str))
            found.extend(a or b for a, b in CSS_URL.findall(css))
    return [address for address in found if OFF_SITE.match(address.strip())]


def external_css_resources(css: str) -> list[str]:
    """Off-site addresses in a stylesheet's url() and @import."""
    return [a or b for a, b in CSS_URL.findall(css) if OFF_SITE.match(a or b)]


def resolve(page_url: str, href: str) -> str:
    """A link on the page at `page_url` (site-relative, like 'en/richtlijnen/') as a site-relative URL."""
    absolute = urljoin("http://site/" + page_url, href)
    return urlsplit(absolute).path.lstrip("/")
