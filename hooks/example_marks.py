"""Example values marked on the page: a thin adapter over `example_marks`.

The build reads the example list (docs/checks/example_values.yml) once, into
its context (`build_context`: a mistake in it is a warning naming its line, so
`--strict` fails, and the pages are built unmarked). `on_config` adds each
pass's marking to the pass's Markdown extensions; before each page is
rendered, `on_page_markdown` tells it the page's texts, and after,
`on_page_content` records in `page.meta.example_values` what was marked, for
the note that partials/example-note.html shows once above the page. Each
marker is overrides/partials/example-value.html, with the word "example" in
the pass's language. The contact page marks the values of mkdocs.yml that it
shows (`example_parts` in overrides/partials/contact-channels.html).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.pages.example_marks import ExampleMarks
from handbook_engine.settings import contact_channels
from handbook_engine.site import build_context

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER_TEMPLATE = "partials/example-value.html"
META = "example_values"
CONTACT_TEMPLATE = "contact.html"


def on_config(config: MkDocsConfig) -> None:
    this = build_context.of(config)
    # MkDocs renders the pages' Markdown before on_env: the marker's template comes from an environment of its own.
    marker = config.theme.get_env().get_template(MARKER_TEMPLATE)

    def draw(value: str, example: str, page_language: str) -> str:
        return marker.render(value=value, example=example, language=this.language, page_language=page_language,
                             label=this.labels.markup)

    this.example_marks = ExampleMarks(draw)
    # static-i18n runs each language's pass on the same config: the last pass's extension is replaced.
    config.markdown_extensions = [*(extension for extension in config.markdown_extensions
                                    if not isinstance(extension, ExampleMarks)), this.example_marks]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    this = build_context.of(config)
    texts = this.build.example_texts.get(page.file.src_uri)
    if texts is None:
        this.example_marks.page = None
        return
    this.example_marks.page = this.example_marks.marks_for(texts, this.build.languages.split(page.file.src_uri)[1])


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    this = build_context.of(config)
    found = this.example_marks.page.found if this.example_marks.page is not None else []
    if page.meta.get("template") == CONTACT_TEMPLATE:
        # The contact page shows the channels of mkdocs.yml below its text; the note above the page counts them too.
        settings = this.build.example_texts.get(Path(config.config_file_path).name)
        if settings is not None:
            found = found + settings.found_in(contact_channels.shown(config.extra.get("contacts"), this.language))
    page.meta[META] = found


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    settings = build_context.of(config).build.example_texts.get(Path(config.config_file_path).name)
    # A value from mkdocs.yml in pieces, each with what it is an example of (or None), for the templates that show one.
    env.globals["example_parts"] = settings.split if settings is not None else _unmarked


def _unmarked(text: str) -> list[tuple[str, None]]:
    return [(text, None)]
