"""The two-language fixture handbook, built with --strict, read as HTML: languages, links, search, nothing off-site."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, TWO_LANGUAGES, materialise

from handbook_testing import html_facts

FIXTURE = TWO_LANGUAGES
LANGUAGES = FIXTURE.languages
PAGES = FIXTURE.keys


@pytest.mark.parametrize("language", LANGUAGES.all)
@pytest.mark.parametrize("key", PAGES)
def test_every_page_is_built_in_its_language(fixture_site, key, language):
    root = html_facts.parse(fixture_site.html(LANGUAGES.url(key, language)))
    assert root.find("html").attrs["lang"] == language
    assert root.find("h1").text == FIXTURE.title(key, language)
    assert root.find("article").find_all(cls="review-status"), "the review line is missing"


@pytest.mark.parametrize("key", PAGES)
def test_the_language_switcher_links_each_page_to_its_counterpart(fixture_site, key):
    for language in LANGUAGES.all:
        url = LANGUAGES.url(key, language)
        links = html_facts.parse(fixture_site.html(url)).find_all("a", cls="md-select__link")
        targets = {link.attrs["hreflang"]: html_facts.resolve(url, link.attrs["href"]) for link in links}
        assert targets == {other: LANGUAGES.url(key, other) for other in LANGUAGES.all}


def test_no_page_or_stylesheet_loads_anything_from_outside_the_site(fixture_site):
    pages = sorted(fixture_site.site.rglob("*.html"))
    stylesheets = sorted(fixture_site.site.rglob("*.css"))
    assert len(pages) >= 2 * len(PAGES)
    found = {str(p): html_facts.external_resources(p.read_text(encoding="utf-8")) for p in pages}
    found |= {str(s): html_facts.external_css_resources(s.read_text(encoding="utf-8")) for s in stylesheets}
    assert {path: urls for path, urls in found.items() if urls} == {}


@pytest.mark.parametrize(("html", "expected"), [
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', ["https://fonts.googleapis.com/css?family=Roboto"]),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["https://fonts.gstatic.com"]),
    ('<script src="//cdn.example.com/x.js"></script>', ["//cdn.example.com/x.js"]),
    ('<img src="http://example.com/a.png">', ["http://example.com/a.png"]),
    ('<style>@import "https://example.com/a.css";</style>', ["https://example.com/a.css"]),
    ('<div style="background: url(https://example.com/b.png)"></div>', ["https://example.com/b.png"]),
    ('<link rel="canonical" href="https://intranet/x/"><a href="https://example.com">x</a><img src="../a.png">', []),
])
def test_the_off_site_check_catches_each_kind_of_resource(html, expected):
    assert html_facts.external_resources(html) == expected


def test_no_code_host_api_and_no_google_fonts(fixture_site):
    html = fixture_site.html("")
    assert "md-source" not in html  # a configured repo_url adds this component, which calls the code host's API
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    edit = html_facts.parse(fixture_site.html("werkplek/")).find("a", rel="edit").attrs["href"]
    assert edit == FIXTURE.settings["edit_uri"] + "werkplek.md"


def search_index(site: Path, language: str) -> dict:
    folder = site if language == LANGUAGES.default else site / language
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_each_language_has_a_search_index_of_only_its_own_pages(fixture_site, language):
    index = search_index(fixture_site.site, language)
    assert index["config"]["lang"] == [language]
    page_entries = [doc for doc in index["docs"] if "#" not in doc["location"]]
    # Titles are HTML in Material's index, as the headings' titles are.
    titles = {html.unescape(doc["title"]) for doc in page_entries}
    assert titles == {FIXTURE.title(key, language) for key in PAGES}
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations)), "duplicate entries"
    assert not any(location.startswith(tuple(f"{other}/" for other in LANGUAGES.others)) for location in locations)


def test_english_pages_search_their_own_index(fixture_site):
    """Material loads search/search_index.json under the page's `base`; English pages get the /en/ root."""
    for url, root in (("werkplek/", ""), ("en/", "en/"), ("en/werkplek/", "en/")):
        config = json.loads(html_facts.parse(fixture_site.html(url)).find("script", id="__config").children[0])
        assert html_facts.resolve(url, config["base"].rstrip("/") + "/") == root


@pytest.mark.parametrize(("change", "expected"), [
    (lambda docs: docs.joinpath("werkplek.md").write_text(docs.joinpath("werkplek.md").read_text() + "\n[kapot](bestaat-niet.md)\n"), "bestaat-niet.md"),
    (lambda docs: docs.joinpath("werktijden.md").write_text(docs.joinpath("werktijden.md").read_text() + "\n[anker](werkplek.md#geen-anker)\n"), "geen-anker"),
    (lambda docs: docs.joinpath("los.md").write_text("---\ntitle: Los\n---\nLos.\n"), "los.md"),
    (lambda docs: docs.joinpath("werkplek.md").write_text(docs.joinpath("werkplek.md").read_text() + "\n[absoluut](/werkplek/)\n"), "/werkplek/"),
], ids=["broken link", "broken anchor", "page left out of the nav", "absolute link"])
def test_strict_build_fails_on_link_and_nav_mistakes(tmp_path, run_build, change, expected):
    project = materialise(tmp_path)
    change(project / "docs")
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode != 0
    assert expected in build.log
