"""The Atom feeds of What's new, made with ElementTree, free of any site engine.

Each language's Atom feed carries What's new: one entry per change (commit),
newest first, titled with its note in the feed's language (a note in another
language says so with its own `xml:lang`) and linking every page whose text it
changed. An entry's id is a tag: URI made of the site's host, the day and hash of
the commit and the feed's language, so it stays the same in every build, and
a feed reader shows each change once.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from handbook_engine.site import published_files
from handbook_engine.history.page_changes import Commit, Note

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold, which a commit message may: shown as the replacement character.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The feed's date when it has no entries and the build knows no commit.
NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)



@dataclass(frozen=True)
class FeedEntry:
    """A change as What's new and the feed show it: its note and the pages whose text it changed."""

    note: Note
    pages: tuple[tuple[str, str], ...]  # (title as text, address relative to the site root)
    commit: Commit


def atom(*, title: str, language: str, site_url: str, feed_url: str, page_url: str, author: str,
         entries: Sequence[FeedEntry], updated: dt.datetime | None, pages_label: str) -> bytes:
    """The Atom feed; `feed_url` and `page_url` (What's new, or the home page) are relative to the site root,
    `updated` is the time of the version built (used when there are no entries), `pages_label` introduces
    the list of an entry's pages in its summary ("Pages:")."""
    root = published_files.site_root(site_url)
    host = urlsplit(root).hostname or "localhost"
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": language})
    _text(feed, "id", urljoin(root, feed_url))
    _text(feed, "title", title)
    newest = entries[0].commit.time if entries else updated or NO_DATE
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": urljoin(root, feed_url)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": urljoin(root, page_url)})
    _text(ET.SubElement(feed, "author"), "name", author)
    for entry in entries:
        commit = entry.commit
        element = ET.SubElement(feed, "entry")
        _text(element, "id", f"tag:{host},{commit.day.isoformat()}:{commit.commit}/{language}")
        note = _text(element, "title", entry.note.text)
        if entry.note.language != language:
            note.set("xml:lang", entry.note.language)
        _text(element, "updated", commit.time.isoformat())
        _text(element, "published", commit.time.isoformat())
        # One page: the entry is that page; several: What's new lists them together.
        alternate = entry.pages[0][1] if len(entry.pages) == 1 else page_url
        ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": urljoin(root, alternate)})
        for page_title, url in entry.pages:
            ET.SubElement(element, "link", {"rel": "related", "type": "text/html", "href": urljoin(root, url), "title": page_title})
        _text(element, "summary", f"{pages_label} {', '.join(page_title for page_title, _ in entry.pages)}")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = NOT_XML.sub("\ufffd", text)
    return element
