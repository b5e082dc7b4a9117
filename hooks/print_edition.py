"""The PDF's source: the whole handbook of one language as one HTML document.

At the end of each language's pass, `overrides/pdf/handbook.html` draws the
cover, the contents and every page of the navigation, each with the same
review line (`partials/review-status.html`) and last-changed line as on the
site, into `handbook.print.html` in the language's root.
`scripts/handbook_pdf.py` turns that into `handbook.pdf`; `make build` and
publishing run it, a plain `mkdocs build` does not, so that tests and
previews do not wait for a PDF.

`mkdocs serve` writes no source: the preview makes no PDF. Which command
runs is known only from `on_startup`, which `serve` calls once, before its
first build: it is the one thing this hook keeps between builds.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.site import build_context
from handbook_engine.site import published_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

TEMPLATE = "pdf/handbook.html"
STYLESHEET = "assets/stylesheets/handbook-pdf.css"


@dataclass(frozen=True)
class _Command:
    """The MkDocs command under way (build, serve, gh-deploy): replaced at every start."""

    serving: bool = False


_command = _Command()


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = _Command(serving=command == "serve")


def on_post_build(*, config: MkDocsConfig) -> None:
    if _command.serving:
        return
    this = build_context.of(config)
    root = this.language_root
    # Relative to the source's folder, as MkDocs's `url` filter needs it when there is no page.
    base_url = posixpath.relpath(".", root or ".")
    pages = this.nav.pages
    html = this.env.get_template(TEMPLATE).render(
        config=config,
        nav=this.nav,
        pages=pages,
        anchors={page.url: f"page-{number}" for number, page in enumerate(pages, 1)},
        language=this.language,
        today=this.build.today,
        site_root=this.build.site_root,
        stylesheet=posixpath.join(base_url, STYLESHEET),
        base_url=base_url,
        page=None,
    )
    target = Path(config.site_dir, root, published_files.PRINT_SOURCE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
