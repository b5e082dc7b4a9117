"""What the hooks lean on in MkDocs, Material and static-i18n that is no documented API (hooks/README.md,
"What we lean on"): each test here fails when an upgrade changes one of them. Real imports, no builds."""

from __future__ import annotations

import inspect
import json
import logging
import re
import sys
from pathlib import Path

import jinja2
import material
import mkdocs.commands.build
import mkdocs.livereload
import pytest
from conftest import ROOT, TWO_LANGUAGES, materialise
from markupsafe import Markup
from mkdocs.config import load_config

from handbook_testing import preview_server, search_benchmark

MATERIAL = Path(material.__file__).parent / "templates"


@pytest.fixture
def config(tmp_path, monkeypatch):
    """The two-language fixture's mkdocs.yml, loaded as `mkdocs build` loads it (hooks included), not yet configured."""
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-11-21")
    monkeypatch.setenv("HANDBOOK_HISTORY", "off")
    project = materialise(tmp_path, docs=False)
    (project / "docs").mkdir()
    return load_config(str(project / "mkdocs.yml"))


# --- static-i18n -----------------------------------------------------------

def test_static_i18n_keeps_the_state_site_languages_reads(config):
    i18n = config.plugins["i18n"]
    assert (i18n.current_language, i18n.default_language, i18n.building) == (None, "nl", False)
    assert [(language.locale, language.name, language.link, language.fixed_link, language.build)
            for language in i18n.config.languages] == [("nl", "Nederlands", "/", None, True), ("en", "English", "/en/", None, True)]


def test_static_i18n_builds_the_other_languages_in_its_post_build_at_minus_100(config):
    i18n = config.plugins["i18n"]
    assert i18n.on_config.mkdocs_priority == i18n.on_post_build.mkdocs_priority == -100
    # Our post_builds that need every language built run after it, the index merge before the split.
    hooks = config.hooks
    assert -100 > hooks["hooks/live_preview.py"].on_post_build.mkdocs_priority > hooks["hooks/search_per_language.py"].on_post_build.mkdocs_priority
    source = inspect.getsource(type(i18n).on_post_build)
    assert "build(config, dirty=dirty)" in source
    # A nested build is dirty when the command line says so, not when MkDocs's own build is.
    assert '"--dirty" in sys.argv' in source


def test_static_i18n_sets_the_pass_language_and_the_alternates_and_logs_the_site_folder(config, caplog):
    with caplog.at_level(logging.INFO):
        config = config.plugins.on_config(config)
    assert config.plugins["i18n"].current_language == "nl"
    assert config.extra["alternate"] == [{"name": "Nederlands", "link": "/", "lang": "nl"}, {"name": "English", "link": "/en/", "lang": "en"}]
    # scripts/preview_server.py finds the preview's site folder in this line.
    assert any(preview_server.SITE_DIRECTORY.search(record.getMessage()) for record in caplog.records)


def test_static_i18n_replaces_a_site_name_of_type_str_only(config):
    config = config.plugins.on_config(config)
    i18n = config.plugins["i18n"]
    i18n.current_language = "en"
    config.site_name = Markup(TWO_LANGUAGES.site_name("nl"))  # as review_status leaves it during a pass
    assert i18n.reconfigure_mkdocs_config(config).site_name == Markup(TWO_LANGUAGES.site_name("nl"))
    config.site_name = TWO_LANGUAGES.site_name("nl")  # as review_status gives it back in on_post_build
    assert i18n.reconfigure_mkdocs_config(config).site_name == TWO_LANGUAGES.site_name("en")


# --- Material ----------------------------------------------------------------

def test_material_search_plugin_has_is_dirty(config):
    search = config.plugins["material/search"]
    search.on_startup(command="serve", dirty=True)
    assert search.is_dirty is True


def test_material_config_json_gives_the_search_its_base(config):
    # overrides/404.html replaces '"base": <base_url as JSON>' in this JSON with the language root.
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    script = base[base.index('<script id="__config"'):]
    assert re.match(r'<script id="__config" type="application/json">\s*\{\{-\s*\{\s*"base": base_url,', script)
    assert "tojson" in script[:script.index("</script>")]
    assert "'\"base\": ' ~ (base_url | tojson)" in (ROOT / "overrides" / "404.html").read_text(encoding="utf-8")


def test_material_search_worker_message_codes():
    # scripts/search_benchmark.py counts the worker's messages by these codes.
    ours = re.search(r"const QUERY = (\d+), RESULT = (\d+);", Path(search_benchmark.__file__).read_text(encoding="utf-8"))
    [source_map] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js.map")
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    message = next(text for name, text in zip(sources["sources"], sources["sourcesContent"])
                   if name.endswith("integrations/search/worker/message/index.ts"))
    body = re.search(r"export const enum SearchMessageType \{(.*?)\}", message, re.DOTALL)[1]
    members = [re.sub(r"/\*.*?\*/", "", line).strip(" ,") for line in body.splitlines()]
    members = [member for member in members if member]
    assert (members.index("QUERY"), members.index("RESULT")) == (int(ours[1]), int(ours[2]))


def _blocks(environment: jinja2.Environment, source: str) -> set[str]:
    return {block.name for block in environment.parse(source).find_all(jinja2.nodes.Block)}


def test_material_has_every_block_our_templates_fill():
    environment = jinja2.Environment()
    theirs = set()
    for name in ("base.html", "main.html"):
        theirs |= _blocks(environment, (MATERIAL / name).read_text(encoding="utf-8"))
    for path in (ROOT / "overrides").glob("*.html"):
        source = path.read_text(encoding="utf-8")
        if re.search(r'\{%-?\s*extends "(main|base)\.html"', source):
            assert _blocks(environment, source) <= theirs, path.name


# --- MkDocs ------------------------------------------------------------------

def test_mkdocs_loads_hooks_with_their_folder_on_sys_path_and_shares_the_modules_they_import(tmp_path, monkeypatch):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "shared_by_hooks.py").write_text("seen = []\n", encoding="utf-8")
    for name in ("first", "second"):
        (hooks / f"{name}.py").write_text(f"import shared_by_hooks\nshared_by_hooks.seen.append({name!r})\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks:\n  - hooks/first.py\n  - hooks/second.py\n", encoding="utf-8")
    monkeypatch.delitem(sys.modules, "shared_by_hooks", raising=False)
    first = load_config(str(tmp_path / "mkdocs.yml"))
    # build_context relies on this: one module for every hook that imports it by name.
    assert sys.modules["shared_by_hooks"].seen == ["first", "second"]
    # A rebuild of `mkdocs serve` loads the configuration again, but not the hooks: their state lives on.
    again = load_config(str(tmp_path / "mkdocs.yml"))
    assert again["hooks"]["hooks/first.py"] is first["hooks"]["hooks/first.py"]
    assert sys.modules["shared_by_hooks"].seen == ["first", "second"]
    monkeypatch.delitem(sys.modules, "shared_by_hooks")


def test_mkdocs_log_messages_we_filter_and_read(config):
    build = inspect.getsource(mkdocs.commands.build)
    for notice in config.hooks["hooks/live_preview.py"].DIRTY_BUILD_NOTICES:  # filtered by the live preview
        assert notice in build
    serve = inspect.getsource(mkdocs.livereload)
    for line in (preview_server.SERVING, *preview_server.REBUILT):  # read by scripts/preview_server.py
        assert line in serve
