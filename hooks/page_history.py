"""What's new, the Atom feeds and the versions of the policy: a thin adapter over `edition` and `feed_xml`.

Every template gets `handbook_edition` (`handbook_engine.site.edition`): the
commit built, the addresses of this language's feed, PDF, What's new and
Versions pages, What's new's entries (one per commit, in this language), and
the versions of the policy to show. After each language's pass its feed is
written to `feed.xml` in the language's root.

The history is read once per build (`build_context`), and the versions to
show come from publishing (HANDBOOK_VERSIONS): the build records nothing.
Each page's own history (`page.meta.history`) is part of its page data
(`page_data`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handbook_engine.history import feed_xml
from handbook_engine.pages import page_meta
from handbook_engine.site import build_context
from handbook_engine.site import edition

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been read by now: What's new can name them."""
    this = build_context.of(config)
    build = this.build
    pages = [edition.NavPage(page.file.src_uri, page.url, _title_text(build, page), page.meta.get("template")) for page in this.nav.pages]
    this.edition = edition.make(pages, build.history, build.versions, this.language, build.languages.all, build.settings.timezone,
                                build.site_root, build.today, preview=bool(config.extra.get("preview")),
                                unkept=config.extra.get("preview_version"))
    env.globals["handbook_edition"] = this.edition


def on_post_build(*, config: MkDocsConfig) -> None:
    this = build_context.of(config)
    build, shown = this.build, this.edition
    feed = feed_xml.atom(
        title=f"{this.site_name}: {this.labels.text('whats_new', this.language)}", language=this.language,
        site_url=build.site_root, feed_url=shown.feed,
        page_url=shown.whats_new if shown.whats_new is not None else this.language_root,
        author=config.site_author or this.site_name, entries=shown.changes,
        updated=shown.version.time if shown.version else None, pages_label=this.labels.text("feed_pages", this.language),
    )
    target = Path(config.site_dir, shown.feed)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed)


def _title_text(build: build_context.Build, page) -> str:
    """A page's title as plain text: its front matter's (which the theme gets escaped), else MkDocs's."""
    record = build.records.get(page.file.src_uri)
    return (page_meta.title_text(record) if record else None) or str(page.title)
