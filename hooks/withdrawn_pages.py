"""Withdrawn pages keep their address: a notice at each removed page's address, in every language.

In each language's pass, once the template helpers are set (`on_env`, after
`page_history`), every page the versions in force removed
(`withdrawn_pages.withdrawn`, from the versions the build shows) gets
`<its address>/index.html` in that language, rendered from
`overrides/withdrawn.html` like any page of the site (its navigation, header
and language switcher, which leads to the notice in the other languages). The
notices are not pages of the handbook: the sitemap, the search index and the
navigation leave them out. A build shown no versions (`make serve`, `make
build`) writes none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import get_context
from mkdocs.utils import get_relative_url

from handbook_engine.site import build_context
from handbook_engine.versions import withdrawn_pages

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

TEMPLATE = "withdrawn.html"


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    this = build_context.of(config)
    build = this.build
    languages = build.languages
    present = {languages.split(path)[0] for path in build.records}
    found = withdrawn_pages.withdrawn(build.versions, build.today, present)
    if not found:
        return
    template = env.get_template(TEMPLATE)
    for withdrawal in found:
        url = languages.url(withdrawal.page.path, this.language)
        name = f"{url}index.html"
        context = get_context(this.nav, files, config, base_url=get_relative_url(".", name))
        context.update(withdrawal=withdrawal, withdrawn_alternates=[
            {"name": entry["name"], "lang": entry["lang"], "link": languages.url(withdrawal.page.path, entry["lang"])}
            for entry in config.extra.get("alternate", [])])
        target = Path(config.site_dir, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(context), encoding="utf-8")
