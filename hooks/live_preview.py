"""Live preview that rebuilds only the saved pages whenever that gives the same site.

`make serve` runs `mkdocs serve --dirty`, which rebuilds only the Markdown
files saved since the last build. On its own that is wrong here: the pages it
skips are not read, so the rebuilt ones lose the others' titles and review
marks in the navigation; Material and static-i18n each patch up the search
index, and together they repeat it. This hook makes such a rebuild equal to a
full one, or turns it into a full one:

- Before each rebuild it compares the project's outline (`rebuild_scope`) with
  the last build's. When anything but page text differs, it empties the site
  directory, so that every page is rebuilt.
- In a partial rebuild, the pages that are not rebuilt are still read and given
  their page data, so the navigation, sitemap and 404 pages show them right.
- The search entries of the rebuilt pages replace theirs in the last index.

Outside `mkdocs serve --dirty` it does nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory

from handbook_engine.site import build_context
from handbook_engine.site import published_files
from handbook_engine.site import rebuild_scope
from handbook_engine.search import search_index
from handbook_engine.languages import site_languages

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.live_preview")

INDEX = Path(published_files.SEARCH_INDEX)
# MkDocs's notices that a dirty build may be inaccurate or leave stale files:
# this hook makes it accurate and empties the site directory when files go.
DIRTY_BUILD_NOTICES = ("A 'dirty' build is being performed", "The directory contains stale files")


@dataclass
class Preview:
    """What the preview keeps from one rebuild to the next.

    MkDocs loads a hook file once per process, so this lives as long as the
    preview; it is made anew when a `serve --dirty` starts (`on_startup`).
    What a build knows lives on its configuration (`build_context`).
    """

    outline: dict | None = None
    search_docs: list[dict] | None = None
    pages: rebuild_scope.Outlines = field(default_factory=rebuild_scope.Outlines)
    # The rebuild under way:
    next_outline: dict | None = None
    partial: bool = False
    rebuilt: set[str] = field(default_factory=set)


_preview: Preview | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _preview
    if command != "serve" or not dirty:
        return
    _preview = Preview()
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: not record.getMessage().startswith(DIRTY_BUILD_NOTICES))


def on_config(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search")
    if _preview is not None and search is not None:
        # Material's own dirty-reload merge keeps one page's entries per rebuild,
        # which static-i18n then repeats; on_post_build below merges them instead.
        search.is_dirty = False


def on_pre_build(*, config: MkDocsConfig) -> None:
    if _preview is None or build_context.of(config).other_language is not None:
        return
    build = build_context.of(config).build
    _preview.next_outline = rebuild_scope.project_outline(
        Path(config.config_file_path), Path(config.docs_dir), build.theme_dir, build.today.isoformat(), _preview.pages,
    )
    changed = ["first build"] if _preview.outline is None else rebuild_scope.changes(_preview.outline, _preview.next_outline)
    _preview.partial = not changed
    _preview.rebuilt = set()
    if changed:
        shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        log.info(f"Live preview: rebuilding every page (changed: {shown})")
        clean_directory(config.site_dir)
    else:
        log.info("Live preview: rebuilding the saved pages only (only their text changed)")

def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    """Read the pages a partial rebuild skips, as far as other pages need them: front matter and page data."""
    if _preview is None or not _preview.partial:
        return
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.markdown is not None:  # left out of this build, or read by MkDocs
            continue
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> None:
    if _preview is not None:
        _preview.rebuilt.add(page.url)


# After static-i18n (-100) has written the index of both languages, before
# search_per_language (-200) splits it.
@event_priority(-150)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _preview is None or not site_languages.all_languages_built(config):
        return
    path = Path(config.site_dir, INDEX)
    index = json.loads(path.read_text(encoding="utf-8"))
    if _preview.partial:
        index["docs"] = search_index.merge(_preview.search_docs, index["docs"], _preview.rebuilt)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _preview.search_docs = index["docs"]
    _preview.outline = _preview.next_outline


def on_build_error(*, error: Exception) -> None:
    if _preview is not None:
        # The site may be half written: the next rebuild is a full one.
        _preview.outline = None
