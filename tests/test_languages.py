"""Languages come from configuration: a handbook in one language (with or without static-i18n) and one in three."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, copy_handbook, run_build, serve, write_page

from handbook_engine.cli import handbook
from handbook_testing import html_facts
from handbook_engine.settings import labels

TODAY = "2026-11-21"
# Reviewed long ago: overdue on TODAY, so warnings and navigation marks show.
OVERDUE_REVIEW = "2025-01-10"
TITLES = {
    "nl": {"index.md": "Welkom", "regels.md": "Regels", "overzicht.md": "Overzicht"},
    "en": {"index.md": "Welcome", "regels.md": "Rules", "overzicht.md": "Overview"},
    "pl": {"index.md": "Witamy", "regels.md": "Zasady", "overzicht.md": "Przegląd"},
}
WORDS = {"nl": "fietsenstalling", "en": "bicycle", "pl": "rowerownia"}
NAMES = {"nl": "Nederlands", "en": "English", "pl": "Polski"}
# How many texts the handbook has: a language without a file lacks them all.
HANDBOOK_TEXTS = len(labels.load(ROOT / "overrides" / labels.FOLDER).texts[labels.FALLBACK])
LABELS = {
    "nl": ("Laatst beoordeeld op", "Deze pagina is mogelijk verouderd", "Beoordeling verlopen",
           "bevat een pagina waarvan de beoordeling verlopen is"),
    "en": ("Last reviewed on", "This page may be out of date", "Review overdue", "contains a page that is overdue for review"),
}
I18N = """  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      reconfigure_search: true
      languages:
"""


def handbook_in(target: Path, languages: list[str] | None) -> Path:
    """The real configuration and templates with three pages in each of `languages` (the first is the default);
    None: one language, Dutch, without static-i18n."""
    project = copy_handbook(target, docs=False)
    docs = project / "docs"
    docs.mkdir()
    for position, language in enumerate(languages or ["nl"]):
        suffix = "" if position == 0 else f".{language}"
        for key, title in TITLES[language].items():
            reviewed = OVERDUE_REVIEW if key == "regels.md" else "2026-10-01"
            extra = "template: review-overview.html\n" if key == "overzicht.md" else ""
            write_page(docs, key.replace(".md", f"{suffix}.md"), title=title, last_reviewed=reviewed, extra=extra,
                       body=f"Over de {WORDS[language]}.\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("\nnav:\n")
    start, end = head.index("  - i18n:"), head.index("\nhooks:")
    plugin = "" if languages is None else I18N + "".join(
        f"        - locale: {language}\n          name: {NAMES[language]}\n" + ("          default: true\n" if position == 0 else "")
        for position, language in enumerate(languages)
    )
    config = head[:start] + plugin + head[end:] + "\nnav:\n  - index.md\n  - Beleid:\n      - regels.md\n      - overzicht.md\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def root_of(language: str, default: str) -> str:
    return "" if language == default else f"{language}/"


VARIANTS = {
    "one language, no static-i18n": None,
    "one language with static-i18n": ["nl"],
    "three languages": ["nl", "en", "pl"],
}


@pytest.fixture(scope="module", params=VARIANTS, ids=list(VARIANTS))
def built(request, tmp_path_factory):
    languages = VARIANTS[request.param]
    project = handbook_in(tmp_path_factory.mktemp("languages"), languages)
    build = run_build(project, TODAY)
    assert build.returncode == 0, build.log
    return project, languages or ["nl"], build


def test_the_handbook_builds_strict_and_passes_check(built, monkeypatch, capsys):
    project, _, build = built
    assert "Traceback" not in build.log
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "codeowners"]) == 0
    assert capsys.readouterr().out == "CODEOWNERS: written\n"
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "check"]) == 0
    assert capsys.readouterr().out == ""


def test_every_language_shows_the_review_line_warning_and_navigation_mark(built):
    _, languages, build = built
    for language in languages:
        root = html_facts.parse(build.html(f"{root_of(language, languages[0])}regels/"))
        assert root.find("html").attrs["lang"] == language
        line, warning, page_mark, section_mark = LABELS.get(language, LABELS["en"])  # Polish has no texts: English ones
        status = root.find(cls="review-status")
        assert status.find("p", cls="review-status__line").text.startswith(line)
        assert status.attrs["data-review-state"] == "overdue"
        assert status.find(data_review_notice="overdue").find("p", cls="admonition-title").text == warning
        nav = root.find("nav", cls="md-nav--primary")
        marks = [element.attrs["title"] for element in nav.find_all(cls="md-status--overdue")]
        assert sorted(marks) == sorted([section_mark, page_mark])


def test_every_language_has_an_overview_of_its_own_pages(built):
    _, languages, build = built
    for language in languages:
        table = html_facts.parse(build.html(f"{root_of(language, languages[0])}overzicht/")).find("table", cls="review-overview")
        titles = [row.find("a").text for row in table.find("tbody").find_all("tr")]
        assert sorted(titles) == sorted(TITLES[language].values())
        assert titles[0] == TITLES[language]["regels.md"]  # overdue first


def test_every_language_has_a_search_index_of_its_own_pages(built):
    _, languages, build = built
    for language in languages:
        index = json.loads((build.site / root_of(language, languages[0]) / "search" / "search_index.json").read_text(encoding="utf-8"))
        # lunr has no Polish stemmer: Polish is searched with its default, English.
        assert index["config"]["lang"] == ["en" if language == "pl" else language]
        texts = " ".join(doc["text"] for doc in index["docs"])
        assert WORDS[language] in texts
        assert not any(WORDS[other] in texts for other in languages if other != language)


def test_the_sitemap_lists_every_page_in_every_language(built):
    _, languages, build = built
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    root = html_facts.parse(sitemap)
    entries = root.find_all("url")
    assert len(entries) == 3 * len(languages)
    for entry in entries:
        alternates = {link.attrs["hreflang"] for link in entry.find_all("xhtml:link")}
        assert alternates == (set(languages) if len(languages) > 1 else set())


def test_every_language_has_a_404_page_in_its_folder(built):
    _, languages, build = built
    for language in languages:
        page = html_facts.parse((build.site / root_of(language, languages[0]) / "404.html").read_text(encoding="utf-8"))
        assert page.find("html").attrs["lang"] == language
        switcher = {link.attrs["hreflang"]: link.attrs["href"] for link in page.find_all("a", cls="md-select__link")}
        assert switcher == ({other: "/" + root_of(other, languages[0]) for other in languages} if len(languages) > 1 else {})


def test_a_language_without_texts_is_named_once_in_the_log(built):
    _, languages, build = built
    lacking = [line for line in build.log.splitlines() if "lacks" in line]
    if "pl" in languages:
        assert lacking == [f"INFO    -  Language 'pl' lacks {HANDBOOK_TEXTS} of the handbook's texts in locales/pl.yml: it is shown the English ones"]
    else:
        assert lacking == []


def test_a_third_language_needs_only_its_texts_to_speak_it(tmp_path):
    project = handbook_in(tmp_path, ["nl", "en", "pl"])
    (project / "overrides" / "locales" / "pl.yml").write_text("last_reviewed: Ostatnio sprawdzono\n", encoding="utf-8")
    build = run_build(project, TODAY)
    assert build.returncode == 0, build.log
    line = html_facts.parse(build.html("pl/regels/")).find("p", cls="review-status__line").text
    assert line.startswith("Ostatnio sprawdzono 10 stycznia 2025")  # the date in Polish too, by Babel
    assert f"Language 'pl' lacks {HANDBOOK_TEXTS - 1} of the handbook's texts" in build.log


@pytest.mark.browser
def test_search_finds_each_languages_pages_in_a_browser(built, browser):
    _, languages, build = built
    with serve(build.site) as address:
        for language in languages:
            page = browser.new_page()
            try:
                page.goto(address + root_of(language, languages[0]))
                field = page.locator("input.md-search__input")
                field.click()
                field.press_sequentially(WORDS[language], delay=10)
                page.locator(".md-search-result__item").first.wait_for()
                found = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
                assert found and all(path.startswith("/" + root_of(language, languages[0])) for path in found), (language, found)
            finally:
                page.close()
