"""The 404 page in both languages (hooks/not_found_pages.py): its own language, a way home, its own search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, Traffic, small_handbook

from handbook_testing import html_facts
from handbook_engine.site import published_files
from handbook_engine.languages import site_languages

PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-03-12"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-03-12"},
    "regels.md": {"title": "Regels", "last_reviewed": "2026-03-12"},
    "regels.en.md": {"title": "Rules", "last_reviewed": "2026-03-12"},
}
EXPECTED = {
    "404.html": {"lang": "nl", "title": "Pagina niet gevonden", "home": "Naar de startpagina van het handboek", "root": ""},
    "en/404.html": {"lang": "en", "title": "Page not found", "home": "Go to the handbook's home page", "root": "en/"},
}


def page_facts(site: Path, path: str) -> dict:
    root = html_facts.parse((site / path).read_text(encoding="utf-8"))
    article = root.find("article")
    config = json.loads(root.find("script", id="__config").text)
    return {
        "lang": root.find("html").attrs["lang"],
        "title": article.find("h1").text,
        "home": {link.text: link.attrs["href"] for link in article.find_all("a")},
        "switcher": {link.attrs["hreflang"]: link.attrs["href"] for link in root.find_all("a", cls="md-select__link")},
        "search base": config["base"],
        "stylesheets": [link.attrs["href"] for link in root.find_all("link", rel="stylesheet")],
    }


@pytest.mark.parametrize("path", EXPECTED)
def test_each_language_has_its_own_404_page(reader_site, path):
    expected = EXPECTED[path]
    facts = page_facts(reader_site.build.site, path)
    assert facts["lang"] == expected["lang"]
    assert facts["title"] == expected["title"]
    assert facts["home"] == {expected["home"]: "/" + expected["root"]}
    assert facts["switcher"] == {"nl": "/", "en": "/en/"}
    assert facts["search base"] == "/" + expected["root"]
    assert all(href.startswith("/assets/") for href in facts["stylesheets"])
    assert not published_files.not_found_aside(reader_site.build.site).exists()


def test_404_pages_follow_a_site_url_below_the_server_root(tmp_path, run_build):
    project = small_handbook(tmp_path / "project", PAGES)
    build = run_build(project, FIXTURE_DATE, env={"HANDBOOK_SITE_URL": "https://intranet.example/handboek/"})
    assert build.returncode == 0, build.log
    for path, expected in EXPECTED.items():
        facts = page_facts(build.site, path)
        assert facts["lang"] == expected["lang"]
        assert facts["home"] == {expected["home"]: "/handboek/" + expected["root"]}
        assert facts["switcher"] == {"nl": "/handboek/", "en": "/handboek/en/"}
        assert facts["search base"] == "/handboek/" + expected["root"]
        assert all(href.startswith("/handboek/assets/") for href in facts["stylesheets"])


@pytest.mark.parametrize(("languages", "site_url", "expected"), [
    ([{"locale": "nl", "name": "Nederlands", "link": "/", "default": True}, {"locale": "en", "name": "English", "link": "/en/"}],
     None, [{"name": "Nederlands", "lang": "nl", "link": "/"}, {"name": "English", "lang": "en", "link": "/en/"}]),
    ([{"locale": "nl", "name": "Nederlands", "link": "/"}, {"locale": "en", "name": "English", "link": "/en/"}],
     "https://intranet.example/handboek/", [{"name": "Nederlands", "lang": "nl", "link": "/handboek/"}, {"name": "English", "lang": "en", "link": "/handboek/en/"}]),
    ([{"locale": "nl", "name": "Nederlands", "link": "/"}, {"locale": "en", "name": "English", "link": "/en/", "build": False}],
     "http://127.0.0.1:8000/", [{"name": "Nederlands", "lang": "nl", "link": "/"}]),
    ([{"locale": "nl", "name": "Nederlands", "link": "/"}, {"locale": "null", "name": "Elders", "link": "/null/", "fixed_link": "https://elders.example/"}],
     None, [{"name": "Nederlands", "lang": "nl", "link": "/"}, {"name": "Elders", "lang": "null", "link": "https://elders.example/"}]),
])
def test_the_404_switcher_leads_to_each_languages_home(languages, site_url, expected):
    assert site_languages.language_homes(languages, site_url) == expected


@pytest.mark.parametrize(("path", "word", "found"), [
    ("404.html", "vergoeding", "/werkplek/"),
    ("en/404.html", "allowance", "/en/werkplek/"),
])
def test_the_404_page_searches_its_own_language_and_leads_home(reader_page, reader_site, path, word, found):
    root = EXPECTED[path]["root"]
    reader_page.goto(reader_site.address + path)
    field = reader_page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=10)
    reader_page.locator(".md-search-result__item").first.wait_for()
    results = reader_page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert found in results
    assert all(result.startswith("/en/") == bool(root) for result in results), results
    reader_page.keyboard.press("Escape")
    with reader_page.expect_navigation():
        reader_page.get_by_role("link", name=EXPECTED[path]["home"]).click()
    assert reader_page.evaluate("location.pathname") == "/" + root
    assert reader_page.locator("html").get_attribute("lang") == EXPECTED[path]["lang"]


def test_the_english_404_page_works_at_any_depth(browser, reader_page, reader_site):
    """A web server answers every missing address below /en/ with en/404.html (deploy/nginx.conf)."""
    missing = reader_site.address + "en/does/not/exist/"
    body = (reader_site.build.site / "en" / "404.html").read_text(encoding="utf-8")
    reader_page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    with Traffic(browser) as traffic:
        reader_page.goto(missing)
        field = reader_page.locator("input.md-search__input")
        field.click()
        field.press_sequentially("allowance", delay=10)
        reader_page.locator(".md-search-result__item").first.wait_for()
        reader_page.wait_for_load_state("networkidle")
    assert traffic.failures == [f"404 {missing}"]
    assert reader_site.address + "en/search/search_index.json" in traffic.requests
    assert reader_page.locator("article.md-content__inner h1").inner_text() == "Page not found"
    assert reader_page.locator(".md-header").evaluate("header => getComputedStyle(header).position") == "sticky"  # the stylesheets loaded
