"""What a live-preview rebuild must redo, free of any site engine.

Rebuilding only the saved pages gives the same site as a full rebuild when
nothing that other pages show or check has changed:

- a page's front matter: its title and review data appear in the navigation,
  the review overview, the sitemap and the translation notes;
- its first-level headings: the title when the front matter has none;
- its links to an anchor in another page: the anchor is checked only when that
  page is built too (links to pages and files are checked when the page is);
- its headings and anchors, when another page links to one of its anchors.

The outline of the project is all of that for every page, plus what every page
is built from: the configuration, the templates, the set of files, the example
list (docs/checks/example_values.yml: what the pages mark) and the date.
When two builds' outlines are equal, the difference is in page text only.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from handbook_engine.pages import example_values
from handbook_engine.pages import front_matter
from handbook_engine.pages import handbook_pages

# Conservative on purpose: a line taken for a heading, link or anchor that is
# none only costs a full rebuild.
HEADING = re.compile(r"^ {0,3}#.*$|^[^\n]*\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
FIRST_LEVEL = re.compile(r" {0,3}#(?!#)|[^\n]*\n {0,3}=")
# A link to an anchor in another page, inline or as a reference.
ANCHOR_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+#[^)\s>]*)|^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>#]+#\S*?)>?(?:\s|$)", re.MULTILINE)
ANCHOR = re.compile(r"\{[^}\n]*#[\w.:-]+[^}\n]*\}|\b(?:id|name)\s*=\s*[\"'][^\"']*[\"']")
# `richtlijnen.en.md` and `richtlijnen.md` are one page in two languages; a link
# to either may land on both.
PAGE_FILE = re.compile(r"(?:\.[a-z]{2,3}(?:[_-][A-Za-z]{2})?)?\.md$")


class PageOutline(NamedTuple):
    """What other pages may depend on in one page."""

    front_matter: tuple[str, ...]
    titles: tuple[str, ...]
    anchor_links: tuple[str, ...]
    anchors: tuple[str, ...]


def page_outline(text: str) -> PageOutline:
    """The outline of the page `text`."""
    lines = text.splitlines(keepends=True)
    matter = front_matter.parse(text)
    body = "".join(lines[matter.body_line - 1:])
    headings = HEADING.findall(body)
    return PageOutline(
        tuple(lines[: matter.body_line - 1]),
        tuple(heading for heading in headings if FIRST_LEVEL.match(heading)),
        tuple(inline or reference for inline, reference in ANCHOR_LINK.findall(body)),
        tuple(headings + ANCHOR.findall(body)),
    )


class Outlines:
    """Each page's outline by its path, read again only when the file's size or time changes (as MkDocs
    decides what to rebuild). It holds the pages of the last outline made, no more: a save replaces one entry."""

    def __init__(self) -> None:
        self._by_path: dict[Path, tuple[tuple[int, int], PageOutline]] = {}
        self._seen: dict[Path, tuple[tuple[int, int], PageOutline]] = {}

    def of_file(self, path: Path) -> PageOutline:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        known = self._by_path.get(path)
        if known is None or known[0] != key:
            known = (key, page_outline(path.read_text(encoding="utf-8", errors="replace")))
        self._seen[path] = known
        return known[1]

    def forget_unseen(self) -> None:
        """Keep only the pages read since the last call."""
        self._by_path, self._seen = self._seen, {}

    def __len__(self) -> int:
        return len(self._by_path)


def project_outline(config_file: Path, docs_dir: Path, theme_dir: Path | None, today: str,
                    pages: Outlines | None = None) -> dict[str, object]:
    """The outline of the project, by file path (relative to the configuration's folder) and 'today'.

    `pages` keeps the pages' outlines from one call to the next (a live preview keeps one)."""
    pages = Outlines() if pages is None else pages
    root = config_file.parent
    outline: dict[str, object] = {"today": today, _relative(config_file, root): _digest(config_file)}
    if theme_dir is not None:
        for path in _files(theme_dir):
            stat = path.stat()
            outline[_relative(path, root)] = (stat.st_size, stat.st_mtime_ns)
    page_outlines: dict[str, PageOutline] = {}
    for path in _files(docs_dir):
        if path.suffix == ".md":
            page_outlines[path.relative_to(docs_dir).as_posix()] = pages.of_file(path)
        elif path == root / example_values.LIST:
            # Not published, but every page it names marks its example values by it.
            outline[_relative(path, root)] = _digest(path)
        else:
            # Pages only link to it; a changed file is copied again.
            outline[_relative(path, root)] = None
    linked = {
        _page_key(posixpath.normpath(posixpath.join(posixpath.dirname(page), link.split("#", 1)[0])))
        for page, of_page in page_outlines.items() for link in of_page.anchor_links
    }
    for page, of_page in page_outlines.items():
        outline[_relative(docs_dir / page, root)] = of_page if _page_key(page) in linked else of_page._replace(anchors=())
    pages.forget_unseen()
    return outline


def changes(previous: Mapping[str, object], current: Mapping[str, object]) -> list[str]:
    """The keys (file paths, 'today') whose outline differs between two builds, sorted."""
    return sorted(key for key in previous.keys() | current.keys() if previous.get(key, ...) != current.get(key, ...))


def _page_key(path: str) -> str:
    return PAGE_FILE.sub("", path)


def _files(folder: Path) -> list[Path]:
    return [folder / path for path in handbook_pages.files(folder)]


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
