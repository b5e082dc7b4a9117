"""Languages come from configuration: a handbook in one language (with or without static-i18n) and one in three."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest
from conftest import FIXTURE_DATE, ONE_LANGUAGE, ROOT, THREE_LANGUAGES, edit_file, materialise, serve

from handbook_engine.cli import handbook
from handbook_testing import html_facts
from handbook_engine.settings import labels

# On FIXTURE_DATE each of these fixtures has one page overdue, in a section with the review overview.
OVERDUE = {"one-language": "verlof.md", "three-languages": "veiligheid.md"}
OVERVIEW = "beoordelingen.md"
# A word only one language's pages have.
WORDS = {"nl": "fietsenstalling", "en": "bicycle", "pl": "rowerowni"}
ONE_LANGUAGE_WORD = "verlofkaart"
# How many texts the handbook has: a language without a file lacks them all.
HANDBOOK_TEXTS = len(labels.load(ROOT / "overrides" / labels.FOLDER).texts[labels.FALLBACK])
LABELS = {
    "nl": ("Laatst beoordeeld op", "Deze pagina is mogelijk verouderd", "Beoordeling verlopen",
           "bevat een pagina waarvan de beoordeling verlopen is"),
    "en": ("Last reviewed on", "This page may be out of date", "Review overdue", "contains a page that is overdue for review"),
}
SITEMAP, XHTML = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
# One language with the i18n plugin on: what the one-language fixture says with static-i18n instead of without.
WITH_STATIC_I18N = "  i18n:\n    languages:\n      - locale: nl\n        name: Nederlands\n        default: true\n"


def root_of(language: str, default: str) -> str:
    return "" if language == default else f"{language}/"


VARIANTS = {
    "one language, no static-i18n": ONE_LANGUAGE,
    "one language with static-i18n": ONE_LANGUAGE,
    "three languages": THREE_LANGUAGES,
}


@pytest.fixture(scope="module", params=VARIANTS, ids=list(VARIANTS))
def built(request, tmp_path_factory, run_build):
    fixture = VARIANTS[request.param]
    project = materialise(tmp_path_factory.mktemp("languages"), fixture)
    if request.param == "one language with static-i18n":
        edit_file(project / "mkdocs.yml", "  i18n:\n    enabled: false\n", WITH_STATIC_I18N)
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    return project, fixture, build


def word_of(fixture, language: str) -> str:
    return WORDS[language] if len(fixture.languages.all) > 1 else ONE_LANGUAGE_WORD


def test_the_handbook_builds_strict_and_passes_check(built, monkeypatch, capsys):
    project, _, build = built
    assert "Traceback" not in build.log
    monkeypatch.setenv("HANDBOOK_TODAY", FIXTURE_DATE)
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "codeowners"]) == 0
    assert capsys.readouterr().out == "CODEOWNERS: written\n"
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "check"]) == 0
    assert capsys.readouterr().out == ""


def test_every_language_shows_the_review_line_warning_and_navigation_mark(built):
    _, fixture, build = built
    languages = fixture.languages.all
    for language in languages:
        root = html_facts.parse(build.html(fixture.url(OVERDUE[fixture.name], language)))
        assert root.find("html").attrs["lang"] == language
        line, warning, page_mark, section_mark = LABELS.get(language, LABELS["en"])  # Polish has no texts: English ones
        status = root.find(cls="review-status")
        assert status.find("p", cls="review-status__line").text.startswith(line)
        assert status.attrs["data-review-state"] == "overdue"
        assert status.find(data_review_notice="overdue").find("p", cls="admonition-title").text == warning
        nav = root.find("nav", cls="md-nav--primary")
        marks = [element.attrs["title"] for element in nav.find_all(cls="md-status--overdue")]
        # The page's own mark (twice when the page has a table of contents: Material draws the open page as a label and a link)
        # and its section's, once.
        assert set(marks) == {section_mark, page_mark} and marks.count(section_mark) == 1


def test_every_language_has_an_overview_of_its_own_pages(built):
    _, fixture, build = built
    for language in fixture.languages.all:
        table = html_facts.parse(build.html(fixture.url(OVERVIEW, language))).find("table", cls="review-overview")
        titles = [row.find("a").text for row in table.find("tbody").find_all("tr")]
        assert sorted(titles) == sorted(fixture.title(key, language) for key in fixture.keys)
        assert titles[0] == fixture.title(OVERDUE[fixture.name], language)  # overdue first


def test_every_language_has_a_search_index_of_its_own_pages(built):
    _, fixture, build = built
    languages = fixture.languages.all
    for language in languages:
        index = json.loads((build.site / root_of(language, languages[0]) / "search" / "search_index.json").read_text(encoding="utf-8"))
        # lunr has no Polish stemmer: Polish is searched with its default, English.
        assert index["config"]["lang"] == ["en" if language == "pl" else language]
        texts = " ".join(doc["text"] for doc in index["docs"])
        assert word_of(fixture, language) in texts
        assert not any(word_of(fixture, other) in texts for other in languages if other != language)


def test_the_sitemap_lists_every_page_in_every_language(built):
    _, fixture, build = built
    languages = fixture.languages.all
    entries = ElementTree.parse(build.site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    assert len(entries) == len(fixture.keys) * len(languages)
    for entry in entries:
        alternates = {link.attrib["hreflang"] for link in entry.findall(f"{XHTML}link")}
        assert alternates == (set(languages) if len(languages) > 1 else set())


def test_every_language_has_a_404_page_in_its_folder(built):
    _, fixture, build = built
    languages = fixture.languages.all
    for language in languages:
        page = html_facts.parse((build.site / root_of(language, languages[0]) / "404.html").read_text(encoding="utf-8"))
        assert page.find("html").attrs["lang"] == language
        switcher = {link.attrs["hreflang"]: link.attrs["href"] for link in page.find_all("a", cls="md-select__link")}
        assert switcher == ({other: "/" + root_of(other, languages[0]) for other in languages} if len(languages) > 1 else {})


def test_a_language_without_texts_is_named_once_in_the_log(built):
    _, fixture, build = built
    lacking = [line for line in build.log.splitlines() if "lacks" in line]
    if "pl" in fixture.languages.all:
        assert lacking == [f"INFO    -  Language 'pl' lacks {HANDBOOK_TEXTS} of the handbook's texts in locales/pl.yml: it is shown the English ones"]
    else:
        assert lacking == []


def test_a_third_language_needs_only_its_texts_to_speak_it(tmp_path, run_build):
    project = materialise(tmp_path, THREE_LANGUAGES, engine="copy")
    (project / "overrides" / "locales" / "pl.yml").write_text("last_reviewed: Ostatnio sprawdzono\n", encoding="utf-8")
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    line = html_facts.parse(build.html("pl/veiligheid/")).find("p", cls="review-status__line").text
    assert line.startswith("Ostatnio sprawdzono 1 października 2025")  # the date in Polish too, by Babel
    assert f"Language 'pl' lacks {HANDBOOK_TEXTS - 1} of the handbook's texts" in build.log


def test_search_finds_each_languages_pages_in_a_browser(built, browser):
    _, fixture, build = built
    languages = fixture.languages.all
    with serve(build.site) as address:
        for language in languages:
            page = browser.new_page()
            try:
                page.goto(address + root_of(language, languages[0]))
                field = page.locator("input.md-search__input")
                field.click()
                field.press_sequentially(word_of(fixture, language), delay=10)
                page.locator(".md-search-result__item").first.wait_for()
                found = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
                assert found and all(path.startswith("/" + root_of(language, languages[0])) for path in found), (language, found)
            finally:
                page.close()
