"""Example values marked on the page: a thin adapter over `example_marks`.

`on_config` reads the example list (docs/checks/example_values.yml) for the
pass and adds the marking to the pass's Markdown extensions; before each page
is rendered, `on_page_markdown` tells it the page's texts, and after,
`on_page_content` records in `page.meta.example_values` what was marked, for
the note that partials/example-note.html shows once above the page. Each
marker is overrides/partials/example-value.html, with the word "example" in
the pass's language. The contact page marks the values of mkdocs.yml that it
shows (`example_parts` in overrides/contact.html). A mistake in the list is a
warning naming its line (so `--strict` fails) and the pages are built unmarked.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.pages import example_marks, example_values
from handbook_engine.pages.example_marks import ExampleMarks, PageMarks, Texts
from handbook_engine.pages.handbook_pages import Languages
from handbook_engine.settings import contact_channels
from handbook_engine.site import build_context
from handbook_engine.yaml_source import SourceError

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.example_marks")

MARKER_TEMPLATE = "partials/example-value.html"
META = "example_values"
CONTACT_TEMPLATE = "contact.html"

# For one pass: the texts of each file, the pass's extension, the marker's template and each marker drawn.
_texts: dict[str, Texts] = {}
_marks = ExampleMarks()
_marker: Template | None = None
_drawn: dict[tuple[str, str, str], str] = {}


def on_config(config: MkDocsConfig) -> None:
    global _texts, _marks, _marker, _drawn
    context = build_context.current()
    root = Path(config.config_file_path).parent
    try:
        _texts = _load(root, Path(config.docs_dir), context.languages, _signature(root / example_values.LIST))
    except SourceError as error:
        _texts = {}
        if context.other_language is None:
            log.warning(str(error))
    # MkDocs renders the pages' Markdown before on_env: the marker's template comes from an environment of its own.
    _marker = config.theme.get_env().get_template(MARKER_TEMPLATE)
    # static-i18n runs each language's pass on the same config: the last pass's extension is replaced.
    _marks = ExampleMarks()
    _drawn = {}
    config.markdown_extensions = [*(extension for extension in config.markdown_extensions
                                    if not isinstance(extension, ExampleMarks)), _marks]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    texts = _texts.get(page.file.src_uri)
    if texts is None:
        _marks.page = None
        return
    context = build_context.current()
    page_language = context.languages.split(page.file.src_uri)[1]

    def render(value: str, example: str) -> str:
        key = (value, example, page_language)
        if key not in _drawn:
            _drawn[key] = _marker.render(value=value, example=example, language=context.language, page_language=page_language,
                                         label=context.labels.markup)
        return _drawn[key]

    _marks.page = PageMarks(texts, render)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    found = _marks.page.found if _marks.page is not None else []
    if page.meta.get("template") == CONTACT_TEMPLATE:
        # The contact page shows the channels of mkdocs.yml below its text; the note above the page counts them too.
        settings = _texts.get(Path(config.config_file_path).name)
        if settings is not None:
            found = found + settings.found_in(contact_channels.shown(config.extra.get("contacts"), build_context.current().language))
    page.meta[META] = found


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    settings = _texts.get(Path(config.config_file_path).name)
    # A value from mkdocs.yml in pieces, each with what it is an example of (or None), for the templates that show one.
    env.globals["example_parts"] = settings.split if settings is not None else _unmarked


def _unmarked(text: str) -> list[tuple[str, None]]:
    return [(text, None)]


def _signature(path: Path) -> tuple[int, int] | None:
    """What changes when the list changes: its size and time; None when there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=1)
def _load(root: Path, docs_dir: Path, languages: Languages, signature: tuple[int, int] | None) -> dict[str, Texts]:
    """The texts of each file, read once per build and shared by the language passes."""
    return example_marks.load(root, docs_dir, languages)
