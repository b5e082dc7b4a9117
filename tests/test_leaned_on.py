"""What the hooks lean on in MkDocs, Material and static-i18n that is no documented API (hooks/README.md,
"What we lean on"): each test here runs the behaviour itself and fails when an upgrade changes it.

None builds a site or starts a server: each loads a project of one page per language the way `mkdocs build`
loads it (`load_config`) and calls the plugins' events, Material's templates or MkDocs's page reader directly,
with a recorder in place of a build where one would start.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import time
from pathlib import Path

import material
import mkdocs.utils
import mkdocs_static_i18n.plugin
import pytest
import quickjs
from conftest import ROOT
from markupsafe import Markup
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from handbook_engine.languages import site_languages
from handbook_engine.languages.page_languages import Languages
from handbook_testing import search_benchmark

LANGUAGES = Languages("nl", ("en",))
# The handbook's settings of the theme and of the two plugins (hooks/engine.yml), with two languages as mkdocs.yml gives them.
PROJECT = f"""\
site_name: Handboek
site_url: https://handboek.example/
theme:
  name: material
  language: nl
  custom_dir: {ROOT / "overrides"}
plugins:
  search:
    separator: '[\\s\\-]+'
  i18n:
    docs_structure: suffix
    fallback_to_default: true
    reconfigure_material: true
    reconfigure_search: true
    languages:
      - {{locale: nl, name: Nederlands, default: true, build: true}}
      - {{locale: en, name: English, build: true, site_name: Handbook}}
hooks:
  - {ROOT / "hooks" / "search_per_language.py"}
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """One page in each language, configured as the handbook is."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\ntitle: Welkom\n---\n\n# Welkom\n\nOver katten.\n", encoding="utf-8")
    (tmp_path / "docs" / "index.en.md").write_text("---\ntitle: Welcome\n---\n\n# Welcome\n\nAbout cats.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def config(project, monkeypatch):
    """The project's configuration as `mkdocs build` loads it, its plugins started, not yet configured."""
    monkeypatch.setattr(sys, "argv", ["mkdocs", "build"])
    loaded = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    loaded.plugins.on_startup(command="build", dirty=False)
    return loaded


# --- static-i18n -----------------------------------------------------------

def test_static_i18n_keeps_the_state_site_languages_reads(config):
    i18n = config.plugins["i18n"]
    assert (i18n.current_language, i18n.default_language, i18n.building) == (None, "nl", False)
    assert [(language.locale, language.name, language.link, language.fixed_link, language.build)
            for language in i18n.config.languages] == [("nl", "Nederlands", "/", None, True), ("en", "English", "/en/", None, True)]
    config = config.plugins.on_config(config)
    assert (i18n.current_language, i18n.building) == ("nl", False)
    assert site_languages.pass_language(config, LANGUAGES) == "nl"


@pytest.mark.parametrize("dirty", [False, True], ids=["build", "serve --dirty"])
def test_static_i18n_builds_each_other_language_inside_its_post_build_on_the_same_config(config, project, monkeypatch, dirty):
    # A nested build is dirty when `--dirty` is on the command line (make serve), whatever MkDocs's own build is.
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"] if dirty else ["mkdocs", "build"])
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    i18n = config.plugins["i18n"]
    # Our post_builds that need every language built run after static-i18n's, which builds them.
    post_builds = config.plugins.events["post_build"]
    assert post_builds.index(i18n.on_post_build) < post_builds.index(config.hooks[str(ROOT / "hooks" / "search_per_language.py")].on_post_build)
    site = project / "site"
    site.mkdir()
    (site / "404.html").write_text("nl", encoding="utf-8")
    nested = []

    def build(given, *, dirty=False, **options):
        """What static-i18n's build of another language sees, and whether it keeps what the first pass wrote."""
        mkdocs.utils.clean_directory(str(site))
        nested.append((given is config, i18n.building, i18n.current_language, site_languages.pass_language(given, LANGUAGES),
                       dirty, (site / "404.html").is_file()))

    monkeypatch.setattr(mkdocs_static_i18n.plugin, "build", build)
    i18n.on_post_build(config)
    # During them it puts a no-op in place of MkDocs's clean_directory: each pass writes over the first one's files.
    assert nested == [(True, True, "en", "en", dirty, True)]
    # Afterwards, in the first pass's later post_builds, its current language is still the last one built.
    assert (i18n.building, i18n.current_language) == (False, "en")
    assert site_languages.pass_language(config, LANGUAGES) == "nl"
    # And it has written the search index of every language it built into the site root's.
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["nl", "en"]


def test_static_i18n_sets_the_pass_language_and_the_alternates_and_logs_the_site_folder(config, caplog):
    from handbook_testing import preview_server

    with caplog.at_level(logging.INFO):
        config = config.plugins.on_config(config)
    assert config.extra["alternate"] == [{"name": "Nederlands", "link": "/", "lang": "nl"}, {"name": "English", "link": "/en/", "lang": "en"}]
    # tests/support/preview_server.py finds the preview's site folder in this line.
    assert any(preview_server.SITE_DIRECTORY.search(record.getMessage()) for record in caplog.records)


def test_static_i18n_replaces_a_site_name_of_type_str_only(config):
    config = config.plugins.on_config(config)
    i18n = config.plugins["i18n"]
    i18n.current_language = "en"
    config.site_name = Markup("Handboek")  # as build_pass leaves it during a pass
    assert i18n.reconfigure_mkdocs_config(config).site_name == Markup("Handboek")
    config.site_name = "Handboek"  # as build_pass gives it back in on_post_build
    assert i18n.reconfigure_mkdocs_config(config).site_name == "Handbook"


# --- Material ----------------------------------------------------------------

class _Language:
    """Material's `lang` macro module, which base.html imports at its top (blocks rendered alone lack it)."""

    @staticmethod
    def t(key: str) -> str:
        return key


def _block(config, chain: tuple[str, ...], block: str, **values) -> str:
    """One block of the first template of `chain` (it, the template it extends, and so on), as the theme renders it."""
    templates = [config.theme.get_env().get_template(name) for name in chain]
    context = templates[0].new_context({"config": config, "lang": _Language(), "features": [], "page": None, "base_url": ".", **values})
    for parent in templates[1:]:  # as Jinja's {% extends %} does, so that super() finds the parent's block
        for name, function in parent.blocks.items():
            context.blocks.setdefault(name, []).append(function)
    return "".join(context.blocks[block][0](context))


def test_material_prints_titles_the_site_name_and_the_description_unescaped(config):
    # Why page_meta escapes a page's title once, and build_pass the site name (overrides/main.html escapes the description).
    page = type("Page", (), {"meta": {"title": "<b>T</b>", "description": "<i>D</i>"}, "title": "<b>T</b>", "is_homepage": False,
                             "url": "", "canonical_url": None})()
    config.site_name = "<u>S</u>"
    assert "<title><b>T</b> - <u>S</u></title>" in _block(config, ("base.html",), "htmltitle", page=page)
    assert '<meta name="description" content="<i>D</i>">' in _block(config, ("base.html",), "site_meta", page=page)


def test_material_config_json_gives_the_search_its_base_and_the_404_page_replaces_it(config):
    def base(rendered: str) -> str:
        return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', rendered, re.DOTALL)[1])["base"]

    assert base(_block(config, ("base.html",), "config", base_url="/handboek")) == "/handboek"
    # overrides/404.html replaces '"base": <base_url as JSON>' in Material's JSON with the language root.
    not_found = ("404.html", "main.html", "base.html")
    assert base(_block(config, not_found, "config", base_url="/handboek", search_base_url="/handboek/en/")) == "/handboek/en/"


def test_material_search_writes_an_index_of_location_title_and_text(config, project):
    config = config.plugins.on_config(config)
    search = config.plugins["material/search"]
    file = File("index.md", str(project / "docs"), str(project / "site"), use_directory_urls=True)
    page = Page("Welkom", file, config)
    page.content = "<h1 id=\"welkom\">Welkom</h1><p>Over katten.</p>"
    page.toc = []
    search.on_page_context({}, page=page, config=config, nav=None)
    search.on_post_build(config=config)
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"lang", "separator"} <= index["config"].keys()
    assert [{key: doc[key] for key in ("location", "title", "text")} for doc in index["docs"]] == [
        {"location": "", "title": "Welkom", "text": "<p>Over katten.</p>"}]


@pytest.mark.parametrize(("dirty", "kept"), [(True, ["a/", "b/"]), (False, ["b/"])])
def test_material_search_merges_the_last_index_only_when_dirty(config, project, dirty, kept):
    # live_preview sets is_dirty false in a partial rebuild and merges the index itself (Material's merge, repeated by
    # static-i18n, would double entries).
    search = SearchPlugin()  # not the configuration's: MkDocs keeps that one for the whole process, with its last index
    search.load_config({})
    search.on_startup(command="serve", dirty=True)
    assert search.is_dirty is True
    search.is_dirty = dirty
    for name in ("a", "b"):  # two rebuilds, each of one page
        search.on_config(config)
        page = Page(name, File(f"{name}.md", str(project / "docs"), str(project / "site"), use_directory_urls=True), config)
        page.content, page.toc = f"<p>{name}</p>", []
        search.on_page_context({}, page=page, config=config, nav=None)
        search.on_post_build(config=config)
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in index["docs"]] == kept


def test_material_search_worker_answers_a_query_with_the_message_types_the_benchmark_counts():
    # tests/support/search_benchmark.py counts the page's QUERY messages to the worker and the worker's RESULT answers.
    query, result = map(int, re.search(r"const QUERY = (\d+), RESULT = (\d+);", search_benchmark.COUNT_SEARCHES).groups())
    [worker] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    engine = quickjs.Context()
    # A worker's global scope: self, its message events and postMessage, and a console.
    engine.eval("var self = globalThis, listeners = [], replies = [], console = {warn: function () {}, log: function () {}};"
                "globalThis.addEventListener = function (type, listener) { listeners.push(listener); };"
                "globalThis.postMessage = function (message) { replies.push(message); };"
                "function send(message) { listeners.forEach(function (listener) { listener({data: message}); }); }")
    engine.eval(worker.read_text(encoding="utf-8"))
    index = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
             "docs": [{"location": "cats/", "title": "Cats", "text": "All about cats"}, {"location": "dogs/", "title": "Dogs", "text": "Dogs"}],
             "options": {"suggest": False}}
    for message in ({"type": 0, "data": index}, {"type": query, "data": "cats"}):  # SETUP first, as the page sends it
        engine.eval(f"send({json.dumps(message)})")
        while engine.execute_pending_job():
            pass
    ready, answer = json.loads(engine.eval("JSON.stringify(replies)"))
    assert answer["type"] == result
    assert [[item["location"] for item in group] for group in answer["data"]["items"]] == [["cats/"]]


def test_material_has_every_block_our_templates_fill(config):
    # A block Material no longer has would be filled in vain, without an error.
    env = config.theme.get_env()
    theirs = set(env.get_template("base.html").blocks)
    for path in (ROOT / "overrides").glob("*.html"):
        if re.search(r'\{%-?\s*extends "(main|base)\.html"', path.read_text(encoding="utf-8")):
            assert set(env.get_template(path.name).blocks) <= theirs, path.name


# --- MkDocs ------------------------------------------------------------------

def test_mkdocs_loads_each_hook_file_once_per_process(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "first.py").write_text("loaded = []\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks:\n  - hooks/first.py\n", encoding="utf-8")
    first = load_config(str(tmp_path / "mkdocs.yml"))
    # A rebuild of `mkdocs serve` loads the configuration again, a new object, but not the hooks: their module state lives on.
    again = load_config(str(tmp_path / "mkdocs.yml"))
    assert again is not first
    assert again["hooks"]["hooks/first.py"] is first["hooks"]["hooks/first.py"]


class _Stop(Exception):
    """Ends a build once the hook under test has seen what it needs: nothing is rendered or written."""


@pytest.fixture
def dirty_rebuild(tmp_path, caplog):
    """A `--dirty` rebuild after `index.md` alone was saved, stopped at on_env; what its pages were there, and its log."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    for name in ("index", "other"):
        (docs / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    (site / "other").mkdir(parents=True)
    for built in (site / "index.html", site / "other" / "index.html"):
        built.write_text("built", encoding="utf-8")
    os.utime(docs / "other.md", (1_000_000, 1_000_000))  # older than its page: unchanged since the last build
    os.utime(site / "index.html", (1_000_000, 1_000_000))  # older than its source: saved since
    (tmp_path / "hooks.py").write_text(
        "seen = {}\n\n"
        "def on_env(env, *, config, files):\n"
        "    for file in files.documentation_pages():\n"
        "        page = file.page\n"
        "        seen[file.src_uri] = page.markdown\n"
        "        if page.markdown is None:  # read it as live_preview.on_env does\n"
        "            page = config.plugins.on_pre_page(page, config=config, files=files)\n"
        "            page.read_source(config)\n"
        "            seen['read ' + file.src_uri] = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)\n"
        "    raise Stop\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks:\n  - hooks.py\n  - {ROOT / 'hooks' / 'live_preview.py'}\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    hook = config.hooks["hooks.py"]
    hook.Stop = _Stop
    with caplog.at_level(logging.INFO), pytest.raises(_Stop):
        build(config, dirty=True)
    return hook.seen, [record.getMessage() for record in caplog.records], config.hooks[str(ROOT / "hooks" / "live_preview.py")]


def test_mkdocs_dirty_build_leaves_unchanged_pages_unread_and_they_can_be_read_in_on_env(dirty_rebuild):
    seen, _, _ = dirty_rebuild
    assert seen == {"index.md": "# index\n", "other.md": None, "read other.md": "# other\n"}


def test_mkdocs_logs_the_dirty_build_notices_live_preview_filters(dirty_rebuild):
    _, log, live_preview = dirty_rebuild
    for notice in live_preview.DIRTY_BUILD_NOTICES:
        assert any(message.startswith(notice) for message in log), notice


def test_mkdocs_logs_the_end_of_each_rebuild_the_preview_server_waits_for(tmp_path, caplog):
    from handbook_testing import preview_server

    outcomes = iter([None, RuntimeError("a broken page")])

    def builder() -> None:
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    server = LiveReloadServer(builder, "127.0.0.1", 0, str(tmp_path), polling_interval=0.05, shutdown_delay=0.05)
    server.watch(str(tmp_path))
    server.observer.start()
    # The loop `mkdocs serve` runs after its first build (serve() also binds a port, which this test needs not).
    rebuilding = threading.Thread(target=server._build_loop)
    with caplog.at_level(logging.INFO, logger="mkdocs.livereload"):
        rebuilding.start()
        try:
            for number in (1, 2):
                (tmp_path / "page.md").write_text(f"save {number}", encoding="utf-8")
                deadline = time.monotonic() + 30
                while sum(any(end in record.getMessage() for end in preview_server.REBUILT) for record in caplog.records) < number:
                    assert time.monotonic() < deadline, [record.getMessage() for record in caplog.records]
                    time.sleep(0.02)
        finally:
            server.shutdown()
            rebuilding.join()
    ends = [end for record in caplog.records for end in preview_server.REBUILT if end in record.getMessage()]
    assert ends == list(preview_server.REBUILT)  # one rebuild that went well, one that failed


def test_mkdocs_takes_a_page_from_on_page_read_source_and_reads_no_front_matter_after_an_empty_line(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\ntitle: ignored\n---\n", encoding="utf-8")
    (tmp_path / "hooks.py").write_text(
        "def on_page_read_source(*, page, config):\n"
        "    return '\\nKey: a value that is text\\n---\\nmore: text\\n---\\n'\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks:\n  - hooks.py\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    page = Page(None, File("index.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True), config)
    page.read_source(config)
    # page_data gives MkDocs the text after the front matter, behind an empty line: MkDocs parses nothing of it.
    assert (page.markdown, page.meta) == ("Key: a value that is text\n---\nmore: text\n---\n", {})
