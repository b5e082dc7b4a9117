"""Review states as the reader sees them in built pages, in both languages."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURE_DATE, ROOT, TWO_LANGUAGES, small_handbook

from handbook_testing import html_facts
from handbook_engine.pages.handbook_pages import page_templates

# One page reviewed on 12 March 2026 with the default interval: due 12 March 2027,
# due soon from 10 February 2027 (30 days before), overdue from 13 March 2027.
REVIEWED = "2026-03-12"
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": REVIEWED},
    "index.en.md": {"title": "Welcome", "last_reviewed": REVIEWED},
    "regels.md": {"title": "Regels", "last_reviewed": REVIEWED},
    "regels.en.md": {"title": "Rules", "last_reviewed": REVIEWED},
}
# The pages' owner is the fixture's first, Personeelszaken, in English Human Resources.
LINES = {
    "nl": "Laatst beoordeeld op 12 maart 2026 · eigenaar Personeelszaken · volgende beoordeling uiterlijk 12 maart 2027",
    "en": "Last reviewed on 12 March 2026 · owner Human Resources · next review due 12 March 2027",
}
OVERDUE_TEXT = {
    "nl": "Deze pagina is mogelijk verouderd Deze pagina had uiterlijk op deze datum opnieuw beoordeeld moeten worden: 12 maart 2027. "
          "Twijfel je? Vraag het na bij Personeelszaken.",
    "en": "This page may be out of date This page should have been reviewed again by 12 March 2027. In doubt? Ask Human Resources.",
}
DUE_SOON_TEXT = {
    "nl": "Deze pagina wordt binnenkort opnieuw beoordeeld, uiterlijk op 12 maart 2027.",
    "en": "This page is due for review soon, by 12 March 2027.",
}
URLS = {"nl": "regels/", "en": "en/regels/"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return small_handbook(tmp_path_factory.mktemp("states"), PAGES)


@pytest.fixture(scope="module")
def builds(project, run_build):
    """The same pages built on four days."""
    return {today: run_build(project, today, site=project / f"site-{today}") for today in ("2026-11-21", "2027-02-10", "2027-03-12", "2027-03-13")}


def status_of(build, language):
    return html_facts.parse(build.html(URLS[language])).find(cls="review-status")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("today", "state"), [
    ("2026-11-21", "current"),
    ("2027-02-10", "due-soon"),  # the window's first day
    ("2027-03-12", "due-soon"),  # the due date itself
    ("2027-03-13", "overdue"),  # the day after
])
def test_the_same_page_is_current_due_soon_then_overdue(builds, today, state, language):
    build = builds[today]
    assert build.returncode == 0, build.log  # overdue is not an error, also with --strict
    status = status_of(build, language)
    assert status.attrs["data-review-state"] == state
    assert status.attrs["data-review-due"] == "2027-03-12"
    assert status.attrs["data-review-soon"] == "2027-02-10"
    assert status.find("p", cls="review-status__line").text == LINES[language]
    visible = {notice.attrs["data-review-notice"]: notice for notice in status.find_all(data_review_notice=True) if "hidden" not in notice.attrs}
    assert set(visible) == ({state} - {"current"})
    if state == "overdue":
        assert visible["overdue"].text == OVERDUE_TEXT[language]
        assert "admonition" in visible["overdue"].classes
    if state == "due-soon":
        assert visible["due-soon"].text == DUE_SOON_TEXT[language]


@pytest.mark.parametrize(("language", "label"), [("nl", "Beoordeling verlopen"), ("en", "Review overdue")])
def test_the_navigation_marks_overdue_pages(builds, language, label):
    def marks(build):
        nav = html_facts.parse(build.html(URLS[language])).find("nav", cls="md-nav--primary")
        return [element.attrs.get("title") for element in nav.find_all(cls="md-status--overdue")]

    assert marks(builds["2027-03-13"]) == [label, label]  # both pages of the language are overdue
    assert marks(builds["2027-03-12"]) == []


def test_review_json_lists_every_page_in_both_languages(builds):
    data = json.loads((builds["2027-03-13"].site / "review.json").read_text(encoding="utf-8"))
    assert data["date"] == "2027-03-13"
    assert sorted((page["path"], page["language"], page["url"], page["state"], page["next_review_due"]) for page in data["pages"]) == [
        ("index.en.md", "en", "en/", "overdue", "2027-03-12"),
        ("index.md", "nl", "", "overdue", "2027-03-12"),
        ("regels.en.md", "en", "en/regels/", "overdue", "2027-03-12"),
        ("regels.md", "nl", "regels/", "overdue", "2027-03-12"),
    ]


BROKEN = {
    "index.md": {"title": "Welkom", "last_reviewed": REVIEWED},
    "index.en.md": {"title": "Welcome", "last_reviewed": REVIEWED},
    "datum.md": {"title": "Datum", "last_reviewed": "2026-02-30"},
    "datum.en.md": {"title": "Date", "last_reviewed": "2027-01-01"},
    "termijn.md": {"title": "Termijn", "last_reviewed": REVIEWED, "interval": 0},
    "termijn.en.md": {"title": "Interval", "last_reviewed": "12-03-2026", "owner": "''"},
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    project = small_handbook(tmp_path_factory.mktemp("broken"), BROKEN)
    (project / "docs" / "kapot.md").write_text("---\ntitle: Kapot: echt\nowner: Facilitair\n---\n\nDe tekst.\n", encoding="utf-8")
    (project / "docs" / "kapot.en.md").write_text("---\ntitle: Broken\ndescription: Broken.\nowner: Facilitair\nlast_reviewed: 2026-03-12\n---\n\nThe text.\n",
                                                  encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - kapot.md\n", encoding="utf-8")
    return project


def test_every_invalid_field_is_named_in_one_strict_run(broken, run_build):
    build = run_build(broken, FIXTURE_DATE)
    assert build.returncode != 0
    warnings = [line.removeprefix("WARNING -  ") for line in build.log.splitlines() if line.startswith("WARNING -  ")]
    assert warnings == [
        "docs/datum.en.md:5: last_reviewed: 2027-01-01 lies in the future (today is 2026-11-21); expected the date of a review that took place",
        "docs/datum.md:5: last_reviewed: '2026-02-30' is not a real date; expected the date of the last review as YYYY-MM-DD, like 2026-03-12",
        "docs/kapot.md:2: front matter: not valid YAML (mapping values are not allowed in this context); expected 'key: value' lines",
        "docs/termijn.en.md:4: owner: the value is empty; expected the name of an owner (Personeelszaken, Facilitair) or a list of them",
        "docs/termijn.en.md:5: last_reviewed: '12-03-2026' is not a date; expected the date of the last review as YYYY-MM-DD, like 2026-03-12",
        "docs/termijn.md:6: review_interval: 0 months is not from 1 to 120 (10 years); expected for example 12",
    ]


def test_a_preview_still_shows_invalid_pages_as_overdue(broken, run_build):
    build = run_build(broken, FIXTURE_DATE, strict=False)
    assert build.returncode == 0, build.log
    for url, text in (("datum/", "De beoordelingsgegevens van deze pagina zijn onvolledig of onjuist."),
                      ("en/termijn/", "The review data of this page is missing or invalid."),
                      ("kapot/", "De beoordelingsgegevens van deze pagina zijn onvolledig of onjuist.")):
        status = html_facts.parse(build.html(url)).find(cls="review-status")
        assert status.attrs["data-review-state"] == "overdue", url
        assert text in status.find(data_review_notice="overdue").text
    article = html_facts.parse(build.html("kapot/")).find("article")
    assert "De tekst." in article.text
    assert "title:" not in article.text, "broken front matter must not be shown as page text"


def test_a_bad_handbook_today_stops_the_build(project, tmp_path, run_build):
    build = run_build(project, "2027-02-30", site=tmp_path / "site")
    assert build.returncode != 0
    assert "HANDBOOK_TODAY='2027-02-30': expected a real date as YYYY-MM-DD" in build.log


def test_bad_review_settings_stop_the_build_naming_each_with_its_line(tmp_path, run_build):
    project = small_handbook(tmp_path, PAGES)
    config = project / "mkdocs.yml"
    text = (config.read_text(encoding="utf-8").replace("due_soon_days: 30", "due_soon_days: veel")
            .replace("default_interval: 12", "default_interval: 0").replace("timezone: Europe/Amsterdam", "timezone: Mars"))
    config.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = {key: lines.index(f"    {key}") + 1 for key in ("default_interval: 0", "due_soon_days: veel", "timezone: Mars")}
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    # One error, one line per mistake, in the order of mkdocs.yml.
    assert (f"ERROR   -  mkdocs.yml:{line['default_interval: 0']}: extra.review.default_interval: 0 months is not from 1 to 120 (10 years); "
            f"expected for example 12\n"
            f"mkdocs.yml:{line['due_soon_days: veel']}: extra.review.due_soon_days: 'veel' is text; expected a whole number of days from 0 to 366, like 30\n"
            f"mkdocs.yml:{line['timezone: Mars']}: extra.review.timezone: 'Mars' is text; expected an IANA time zone like 'Europe/Amsterdam'\n") in build.log


@pytest.fixture(scope="module")
def translations(tmp_path_factory, run_build):
    pages = {
        **PAGES,
        "alleen-nl.md": {"title": "Alleen Nederlands", "last_reviewed": REVIEWED},
        "vertaald.md": {"title": "Vertaald", "last_reviewed": "2026-09-01"},
        "vertaald.en.md": {"title": "Translated", "last_reviewed": "2026-03-01"},
    }
    project = small_handbook(tmp_path_factory.mktemp("translations"), pages, untranslated=["alleen-nl.md"])
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    return build


def test_an_untranslated_page_gets_english_labels_and_a_notice(translations):
    root = html_facts.parse(translations.html("en/alleen-nl/"))
    assert root.find("html").attrs["lang"] == "en"
    status = root.find(cls="review-status")
    assert status.find("p", cls="review-status__line").text.startswith("Last reviewed on 12 March 2026 · owner Human Resources")
    assert "This page has not been translated yet." in status.text
    assert root.find("article").find_all("div", lang="nl"), "the Dutch text is marked as Dutch"


def test_a_translation_older_than_its_original_says_so(translations):
    english = html_facts.parse(translations.html("en/vertaald/")).find(cls="review-status")
    assert "The original text of this page was updated on 1 September 2026. This translation may therefore lag behind." in english.text
    dutch = html_facts.parse(translations.html("vertaald/")).find(cls="review-status")
    assert "bijgewerkt" not in dutch.text
    assert "updated" not in html_facts.parse(translations.html("en/regels/")).find(cls="review-status").text


@pytest.mark.parametrize(("url", "expected"), [
    ("beoordelingen/", [("Oud", "overdue", "oud/"), ("Regels", "current", "regels/"), ("Overzicht", "current", "beoordelingen/"), ("Welkom", "current", "")]),
    ("en/beoordelingen/", [("Old", "overdue", "en/oud/"), ("Rules", "current", "en/regels/"), ("Overview", "current", "en/beoordelingen/"), ("Welcome", "current", "en/")]),
])
def test_the_review_overview_lists_pages_overdue_first_then_by_due_date(tmp_path, run_build, url, expected):
    pages = {
        **PAGES,
        "oud.md": {"title": "Oud", "last_reviewed": "2025-06-01"},
        "oud.en.md": {"title": "Old", "last_reviewed": "2025-06-01"},
        "beoordelingen.md": {"title": "Overzicht", "last_reviewed": "2026-06-01", "extra": "template: review-overview.html\n"},
        "beoordelingen.en.md": {"title": "Overview", "last_reviewed": "2026-06-01", "extra": "template: review-overview.html\n"},
    }
    pages["index.md"] = {"title": "Welkom", "last_reviewed": "2026-10-01"}
    pages["index.en.md"] = {"title": "Welcome", "last_reviewed": "2026-10-01"}
    build = run_build(small_handbook(tmp_path, pages), FIXTURE_DATE)
    assert build.returncode == 0, build.log
    rows = html_facts.parse(build.html(url)).find("table", cls="review-overview").find("tbody").find_all("tr")
    found = [(row.find("a").text, row.attrs["data-review-state"], html_facts.resolve(url, row.find("a").attrs["href"])) for row in rows]
    assert found == expected


@pytest.mark.parametrize(("language", "text"), [
    ("nl", "(bevat een pagina waarvan de beoordeling verlopen is)"),
    ("en", "(contains a page that is overdue for review)"),
])
def test_a_closed_section_shows_it_holds_an_overdue_page(tmp_path, run_build, language, text):
    pages = {
        **PAGES,
        "evaluatie.md": {"title": "Evaluatie", "last_reviewed": "2025-01-10"},
        "evaluatie.en.md": {"title": "Evaluation", "last_reviewed": "2025-01-10"},
    }
    project = small_handbook(tmp_path, pages, nav=["index.md"])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Regels:\n      - regels.md\n  - Voor leidinggevenden:\n      - evaluatie.md\n",
                      encoding="utf-8")
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    nav = html_facts.parse(build.html(URLS[language])).find("nav", cls="md-nav--primary")
    closed, = nav.find_all("li", cls="md-nav__item--pruned")
    mark, = closed.find_all(cls="md-status--overdue")
    assert mark.text == text
    assert mark.attrs["title"] == text.strip("()")
    # The open section, whose page is current, carries no mark.
    assert [element for element in nav.find_all(cls="md-status--overdue") if element is not mark] == []


def test_input_that_crashed_mkdocs_is_a_warning_naming_file_line_and_field(tmp_path, run_build):
    project = small_handbook(tmp_path, PAGES)
    docs = project / "docs"
    regels = (docs / "regels.md").read_text(encoding="utf-8")
    (docs / "regels.md").write_bytes(regels.encode("utf-8") + b"Caf\xe9 in Latin-1.\n")
    for path, line in (("index.md", "review_interval: 100000"), ("index.en.md", "template: bestaat-niet.html"),
                       ("regels.en.md", "hide: 5\nsearch: 5\nowner: Personeelszaken")):
        text = (docs / path).read_text(encoding="utf-8")
        (docs / path).write_text(text.replace("---\n\n", f"{line}\n---\n\n", 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "site_author: Iemand anders\n", encoding="utf-8")
    first, second = text.splitlines().index(f"site_author: {TWO_LANGUAGES.settings['site_author']}") + 1, text.count("\n") + 1
    strict = run_build(project, FIXTURE_DATE)
    assert strict.returncode != 0 and "Traceback" not in strict.log
    warnings = [line.removeprefix("WARNING -  ") for line in strict.log.splitlines() if line.startswith("WARNING -  ")]
    assert warnings == [
        f"mkdocs.yml:{second}: site_author: given twice, on lines {first} and {second}; the second replaces the first: merge them",
        f"docs/index.en.md:6: template: 'bestaat-niet.html' is text; expected one of {', '.join(sorted(page_templates(ROOT / 'overrides')))}",
        "docs/index.md:6: review_interval: 100000 months is not from 1 to 120 (10 years); expected for example 12",
        "docs/regels.en.md:6: hide: 5 is a number; expected a list of navigation, toc, footer, feedback, path, tags, like [toc]",
        "docs/regels.en.md:7: search: 5 is a number; expected 'boost: <a number above 0, up to 100>' or 'exclude: true' below it",
        "docs/regels.en.md:8: owner: given twice, on lines 4 and 8; keep the one that is meant and delete the other",
        "docs/regels.md:9: encoding: byte 0xe9 is not UTF-8 text (invalid continuation byte); save the page as UTF-8",
    ]
    preview = run_build(project, FIXTURE_DATE, strict=False, site=tmp_path / "preview")
    assert preview.returncode == 0, preview.log
    assert "Caf\ufffd in Latin-1." in html_facts.parse(preview.html("regels/")).find("article").text


@pytest.mark.parametrize(("language", "owners"), [("nl", "Personeelszaken en Facilitair"), ("en", "Human Resources and Facilities")])
def test_several_owners_are_joined_in_the_readers_language(tmp_path, run_build, language, owners):
    pages = {path: {**fields, "owner": "[Personeelszaken, Facilitair]", "last_reviewed": "2025-01-10"} for path, fields in PAGES.items()}
    pages["overzicht.md"] = {"title": "Overzicht", "last_reviewed": REVIEWED, "extra": "template: review-overview.html\n"}
    pages["overzicht.en.md"] = {"title": "Overview", "last_reviewed": REVIEWED, "extra": "template: review-overview.html\n"}
    build = run_build(small_handbook(tmp_path, pages), FIXTURE_DATE)
    assert build.returncode == 0, build.log
    status = html_facts.parse(build.html(URLS[language])).find(cls="review-status")
    assert f" · {'eigenaar' if language == 'nl' else 'owner'} {owners} · " in status.find("p", cls="review-status__line").text
    assert status.find(data_review_notice="overdue").find_all("p")[-1].text.endswith(f" {owners}.")
    overview = html_facts.parse(build.html("overzicht/" if language == "nl" else "en/overzicht/")).find("table", cls="review-overview")
    assert [row.find_all("td")[1].text for row in overview.find("tbody").find_all("tr")].count(owners) == 2
