"""Example values marked on the page: the texts found, a small handbook's HTML in both languages, its PDF,
and what a reader and a screen reader get in chromium."""

from __future__ import annotations

import contextlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURE_DATE, serve, small_handbook
from handbook_testing.accessibility import settle

from handbook_engine.pages import example_marks, example_values
from handbook_engine.pages.example_marks import PageMarks, Texts
from handbook_engine.pages.example_values import Example
from handbook_engine.languages.page_languages import Languages
from handbook_engine.pdf import handbook_pdf
from handbook_testing import html_facts

LANGUAGES = Languages("nl", ("en",))

# --- The texts found, and where (no build) -----------------------------------------------------------

PERIOD = "removal period"
STORAGE = "retention"
LONGER = "retention at most"


@pytest.mark.parametrize(("text", "pieces"), [
    ("Binnen twee werkdagen weg.", [("Binnen ", None), ("twee werkdagen", PERIOD), (" weg.", None)]),
    # Broken over two lines in the Markdown, and in another case: found, and kept as written.
    ("binnen twee\n  werkdagen", [("binnen ", None), ("twee\n  werkdagen", PERIOD)]),
    ("Twee Werkdagen", [("Twee Werkdagen", PERIOD)]),
    # Part of a longer word: not the value.
    ("tweewerkdagen en twee werkdagenregeling", [("tweewerkdagen en twee werkdagenregeling", None)]),
    # Two texts that start at one place: the longer one; and two in a row.
    ("hooguit twee jaar", [("hooguit twee jaar", LONGER)]),
    ("twee jaar, twee werkdagen", [("twee jaar", STORAGE), (", ", None), ("twee werkdagen", PERIOD)]),
    ("", []),
])
def test_a_text_is_split_at_each_example_value(text, pieces):
    texts = Texts.of([("twee werkdagen", PERIOD), ("twee jaar", STORAGE), ("hooguit twee jaar", LONGER)])
    assert list(texts.split(text)) == pieces


def test_a_text_that_starts_or_ends_in_a_sign_is_found_inside_an_address_beside_whole_words():
    texts = Texts.of([("@example.com", "addresses"), ("twee werkdagen", PERIOD), ("+31 20 xxx xxxx", "phones"), ("DPIA", "the DPIA")])
    assert list(texts.split("hr@example.com, +31 20 xxx xxxx, DPIA binnen twee werkdagen")) == [
        ("hr", None), ("@example.com", "addresses"), (", ", None), ("+31 20 xxx xxxx", "phones"), (", ", None),
        ("DPIA", "the DPIA"), (" binnen ", None), ("twee werkdagen", PERIOD)]


def test_only_text_is_marked_never_code_or_an_attribute():
    root = ET.fromstring(
        '<div><h2 id="twee-werkdagen">Twee werkdagen</h2>'
        '<p>Binnen twee werkdagen, niet <code>twee werkdagen</code> maar twee werkdagen, '
        '<a href="twee werkdagen" title="twee werkdagen">twee werkdagen</a>.</p>'
        '<pre><code>twee werkdagen</code></pre><p><kbd>twee werkdagen</kbd> twee werkdagen</p></div>')
    page = PageMarks(Texts.of([("twee werkdagen", PERIOD)]), lambda value, example: f"{example}:{value}")
    example_marks.mark(root, page, lambda html: f"[{html}]")
    assert ET.tostring(root, encoding="unicode") == (
        f'<div><h2 id="twee-werkdagen">[{PERIOD}:Twee werkdagen]</h2>'
        f'<p>Binnen [{PERIOD}:twee werkdagen], niet <code>twee werkdagen</code> maar [{PERIOD}:twee werkdagen], '
        f'<a href="twee werkdagen" title="twee werkdagen">[{PERIOD}:twee werkdagen]</a>.</p>'
        f'<pre><code>twee werkdagen</code></pre><p><kbd>twee werkdagen</kbd> [{PERIOD}:twee werkdagen]</p></div>')
    assert page.found == [PERIOD] * 5


def test_each_page_and_translation_gets_its_languages_texts_and_mkdocs_yml_every_text(tmp_path):
    examples = [
        Example(PERIOD, "your own", ("docs/fotos.md", "docs/sub/regels.md"), {"nl": ("twee werkdagen",), "en": ("two working days",)}),
        Example("the DPIA", "yours", ("docs/fotos.md",), {"text": ("DPIA",)}),
        Example("phones", "yours", ("mkdocs.yml",), {"text": ("+31 20 xxx xxxx",), "nl": ("piketnummer",)}),
    ]
    for name in ("mkdocs.yml", "docs/fotos.md", "docs/fotos.en.md", "docs/sub/regels.md", "docs/sub/regels.en.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Tekst.\n", encoding="utf-8")
    found = example_marks.by_file(examples, tmp_path, tmp_path / "docs", LANGUAGES)
    assert {name: list(texts.split("DPIA, twee werkdagen, two working days, piketnummer, +31 20 xxx xxxx"))
            for name, texts in found.items()} == {
        "fotos.md": [("DPIA", "the DPIA"), (", ", None), ("twee werkdagen", PERIOD), (", two working days, piketnummer, +31 20 xxx xxxx", None)],
        "fotos.en.md": [("DPIA", "the DPIA"), (", twee werkdagen, ", None), ("two working days", PERIOD), (", piketnummer, +31 20 xxx xxxx", None)],
        "sub/regels.md": [("DPIA, ", None), ("twee werkdagen", PERIOD), (", two working days, piketnummer, +31 20 xxx xxxx", None)],
        "sub/regels.en.md": [("DPIA, twee werkdagen, ", None), ("two working days", PERIOD), (", piketnummer, +31 20 xxx xxxx", None)],
        "mkdocs.yml": [("DPIA, twee werkdagen, two working days, ", None), ("piketnummer", "phones"), (", ", None), ("+31 20 xxx xxxx", "phones")],
    }


def test_a_handbook_without_a_list_marks_nothing(tmp_path):
    assert example_marks.load(tmp_path, tmp_path / "docs", LANGUAGES) == {}


# --- A small handbook built, in both languages -----------------------------------------------------

TODAY = FIXTURE_DATE
# What the period is an example of, with the characters an attribute must escape.
WHAT = 'removal period for "photos" & <videos>'
LIST = f"""\
- what: '{WHAT}'
  replace: how soon a photo comes down
  where: [docs/fotos.md, docs/eigen.md, docs/onvertaald.md]
  nl: [twee werkdagen]
  en: [two working days]
- what: contact e-mail addresses
  replace: your own addresses
  where: [mkdocs.yml]
  text: ["@example.org"]
"""
CODE = """
Schrijf `twee werkdagen` zo.

    twee werkdagen in een ingesprongen codeblok

```text
twee werkdagen in een omheind codeblok
```
"""
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-11-01", "body": "Welkom.\n"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-11-01", "body": "Welcome.\n"},
    # Five times the value in text (a heading, a sentence, broken over two lines, at the start of a sentence, a link's
    # text), and three times in code and once in a link's title, which stay as they are.
    "fotos.md": {"title": "Foto's", "last_reviewed": "2026-11-01", "body": (
        "## Binnen twee werkdagen\n\nEen foto gaat binnen twee werkdagen weg. Ook na een vraag binnen twee\nwerkdagen. "
        "Twee werkdagen is kort.\n\nZie [twee werkdagen](index.md \"twee werkdagen\").\n" + CODE)},
    "fotos.en.md": {"title": "Photos", "last_reviewed": "2026-11-01", "body": (
        "## Within two working days\n\nA photo comes down within two working days. Also after a request within two\n"
        "working days. Two working days is short.\n\nSee [two working days](index.md \"two working days\").\n")},
    # The organisation wrote its own period: nothing is marked, and there is no note.
    "eigen.md": {"title": "Eigen termijn", "last_reviewed": "2026-11-01", "body": "Een foto gaat binnen vijf werkdagen weg.\n"},
    "eigen.en.md": {"title": "Own period", "last_reviewed": "2026-11-01", "body": "A photo comes down within five working days.\n"},
    # Not translated: the English site shows the Dutch text, its Dutch value marked with the English word.
    "onvertaald.md": {"title": "Onvertaald", "last_reviewed": "2026-11-01", "body": "Binnen twee werkdagen.\n"},
    "contact.md": {"title": "Contact", "last_reviewed": "2026-11-01", "extra": "template: contact.html\n", "body": "Wie je bereikt.\n"},
    "contact.en.md": {"title": "Contact", "last_reviewed": "2026-11-01", "extra": "template: contact.html\n", "body": "Who to contact.\n"},
}
NAV = ["index.md", "fotos.md", "eigen.md", "onvertaald.md", "contact.md"]
MARKER = {"nl": " (voorbeeld)", "en": " (example)"}
NOTE = {
    "nl": "Wat op deze pagina gemarkeerd is met (voorbeeld), is een voorbeeld: de organisatie heeft het nog niet vervangen "
          "door wat er echt geldt. Twijfel je? Vraag het na bij Personeelszaken.",
    "en": "Anything marked (example) on this page is an example: the organisation has not yet replaced it with what "
          "really applies. In doubt? Ask Human Resources.",
}
ROOTS = {"nl": "", "en": "en/"}


@pytest.fixture(scope="module")
def served(tmp_path_factory, run_build):
    """The small handbook built with its example list and served on loopback, at its site_url."""
    project = small_handbook(tmp_path_factory.mktemp("examples"), PAGES, nav=NAV, untranslated=["onvertaald.md"])
    (project / example_values.LIST).parent.mkdir(parents=True)
    (project / example_values.LIST).write_text(LIST, encoding="utf-8")
    site = project / "site"
    site.mkdir()
    with serve(site) as address:
        build = run_build(project, TODAY, site=site, env={"HANDBOOK_SITE_URL": address})
        assert build.returncode == 0, build.log
        yield address, build


def page(served, url: str) -> html_facts.Element:
    return html_facts.parse(served[1].html(url))


def marks(element: html_facts.Element) -> list[tuple[str, str]]:
    """Each marked value below `element`: (what it is an example of, its text as read)."""
    return [(mark.attrs["data-example"], mark.text) for mark in element.find_all(data_example=True)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_value_in_the_text_is_marked_with_the_languages_word(served, language):
    article = page(served, ROOTS[language] + "fotos/").find("article")
    value = {"nl": "twee werkdagen", "en": "two working days"}[language]
    marker = MARKER[language]
    # The heading, the sentence, the one broken over two lines, the capital, the link's text; code and the title stay.
    assert marks(article) == [(WHAT, f"{text}{marker}") for text in (value, value, value, value.capitalize(), value)]
    assert [element.text for element in article.find_all(cls="handbook-example__marker")] == [marker.strip()] * 5


def test_no_value_is_marked_in_code_a_links_title_the_ids_the_nav_or_the_title(served):
    html = served[1].html("fotos/")
    root = html_facts.parse(html)
    for code in root.find_all("code"):
        assert not marks(code)
    assert 'title="twee werkdagen"' in html
    assert root.find("h2").attrs["id"] == "binnen-twee-werkdagen"
    for nav in root.find_all("nav"):
        assert not marks(nav)
    assert root.find("title").text.startswith("Foto's - ") and "voorbeeld" not in root.find("title").text
    assert "(voorbeeld)" not in "".join(element.attrs.get("aria-label", "") + element.attrs.get("title", "") for element in root.iter())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_page_with_examples_has_the_note_once_above_its_text_and_one_without_has_none(served, language):
    for url, notes in (("fotos/", 1), ("contact/", 1), ("eigen/", 0), ("", 0)):
        article = page(served, ROOTS[language] + url).find("article")
        found = article.find_all(cls="handbook-example-note")
        assert [note.text for note in found] == [NOTE[language]] * notes, url
    article = page(served, ROOTS[language] + "fotos/").find("article")
    order = [element for element in article.iter() if element.attrs.get("role") == "note" or "data-example" in element.attrs]
    assert order[0].attrs.get("role") == "note"


def test_a_value_the_organisation_replaced_is_not_marked(served):
    for url in ("eigen/", "en/eigen/"):
        assert not marks(page(served, url))


def test_an_untranslated_page_has_its_value_marked_with_the_readers_word(served):
    article = page(served, "en/onvertaald/").find("article")
    assert marks(article) == [(WHAT, "twee werkdagen (example)")]
    assert article.find(cls="handbook-example__marker").attrs["lang"] == "en"
    assert "lang" not in page(served, "fotos/").find(cls="handbook-example__marker").attrs


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_contact_page_marks_the_example_addresses(served, language):
    section = page(served, ROOTS[language] + "contact/").find("section", cls="handbook-contacts")
    addresses = [link for link in section.find_all("a") if link.attrs["href"].startswith("mailto:")]
    assert addresses
    for link in addresses:
        assert link.attrs["href"].endswith("@example.org")
        assert marks(link) == [("contact e-mail addresses", f"@example.org{MARKER[language]}")]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_search_index_has_the_values_but_not_the_markers(served, language):
    index = json.loads((served[1].site / ROOTS[language] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(entry["title"] + " " + entry["text"] for entry in index["docs"])
    locations = [entry["location"] for entry in index["docs"]]
    assert MARKER[language].strip() not in text
    assert {"nl": "binnen twee werkdagen weg", "en": "within two working days."}[language] in text.lower()
    assert "fotos/#" + {"nl": "binnen-twee-werkdagen", "en": "within-two-working-days"}[language] in locations


def test_a_mistake_in_the_list_fails_a_strict_build_naming_its_line(tmp_path, run_build):
    project = small_handbook(tmp_path / "handboek", {key: PAGES[key] for key in ("index.md", "index.en.md")}, nav=["index.md"])
    (project / example_values.LIST).parent.mkdir(parents=True)
    (project / example_values.LIST).write_text("- what: a period\n  where: [docs/index.md]\n  nl: [twee]\n", encoding="utf-8")
    build = run_build(project, TODAY)
    assert build.returncode == 1
    assert "docs/checks/example_values.yml:1: examples[1].replace: missing; expected a text" in build.log


# --- The PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pdf_shows_the_markers_and_the_note(served, language):
    site: Path = served[1].site
    if not (site / "handbook.pdf").exists():
        with contextlib.redirect_stdout(io.StringIO()):
            assert handbook_pdf.main([str(site)]) == 0
    pages = [" ".join(sheet.extract_text().split()) for sheet in pypdf.PdfReader(site / ROOTS[language] / "handbook.pdf").pages]
    photos = next(text for text in pages if text.startswith({"nl": "Foto's", "en": "Photos"}[language]))
    value = {"nl": "twee werkdagen", "en": "two working days"}[language]
    assert NOTE[language] in photos
    assert photos.lower().count(f"{value}{MARKER[language]}") == 5
    own = next(text for text in pages if text.startswith({"nl": "Eigen termijn", "en": "Own period"}[language]))
    assert MARKER[language] not in own


# --- What a reader sees, in chromium ------------------------------------------------------------------

AXE = Axe()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_page_with_markers_reads_them_and_has_no_axe_violations(reader_page, served, language):
    reader_page.goto(served[0] + ROOTS[language] + "fotos/")
    settle(reader_page)
    marker = reader_page.locator(".handbook-example__marker").first
    assert marker.is_visible()
    # What a screen reader reads: the value with its marker, and the note.
    paragraph = reader_page.locator("article p", has=reader_page.locator(".handbook-example")).first
    value = {"nl": "twee werkdagen", "en": "two working days"}[language]
    assert f"{value}{MARKER[language]}" in paragraph.aria_snapshot()
    assert NOTE[language] in reader_page.get_by_role("note").aria_snapshot()
    # Not by colour alone: dashes under the value, on screen and on paper.
    for media in ("screen", "print"):
        reader_page.emulate_media(media=media)
        assert reader_page.locator(".handbook-example").first.evaluate("element => getComputedStyle(element).borderBottomStyle") == "dashed"
    reader_page.emulate_media(media="screen")
    assert AXE.run(reader_page).response["violations"] == []
