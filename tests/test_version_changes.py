"""What a version changed, marked up: the comparison as plain functions (table tests), the pages read from Git, and
a publish sequence of the two-language fixture read back as a reader would, in both languages, with axe."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import markdown
import pytest
from conftest import TWO_LANGUAGES, commit, committed, edit_file, git, materialise, serve, write_page

from handbook_engine import REPOSITORY
from handbook_engine.mail import owner_mail
from handbook_engine.settings import labels
from handbook_engine.settings import site_config
from handbook_engine.versions import marked_changes
from handbook_engine.versions import policy_versions
from handbook_engine.versions import version_changes
from handbook_engine.versions.marked_changes import ADDED, REMOVED, SAME, Part, Piece
from handbook_engine.versions.page_text import Block, Reader, blocks
from handbook_engine.versions.policy_versions import PolicyVersion, Record
from handbook_testing import accessibility, html_facts

EXTENSIONS = site_config.load(REPOSITORY / "hooks" / "engine.yml").data["markdown_extensions"]


def text_blocks(source: str) -> list[Block]:
    return blocks(markdown.markdown(source))


def marks(parts: tuple[Part, ...]) -> list[tuple[str, str]]:
    """What is marked, in order: (change, sentence)."""
    return [(piece.change, piece.text) for part in parts for piece in part.pieces if piece.change != SAME]


def shown(parts: tuple[Part, ...]) -> list[str]:
    """Every part as one line: a fold as '… n', a block as its kind and its sentences with -/+ before a change."""
    sign = {SAME: "", REMOVED: "-", ADDED: "+"}
    return [f"… {part.folded}" if part.folded else f"{part.kind}: " + " ".join(sign[piece.change] + piece.text for piece in part.pieces)
            for part in parts]


# --- The comparison (marked_changes), on text the Markdown gives ---------------------------------------------------

PARAGRAPH = "Een. Twee. Drie. Vier. Vijf. Zes. Zeven."


@pytest.mark.parametrize(("old", "new", "expected"), [
    pytest.param(PARAGRAPH, PARAGRAPH, [], id="nothing changed: nothing to show"),
    pytest.param(PARAGRAPH, PARAGRAPH.replace("Vier.", "Vier maal."),
                 ["… 1", "p: Twee. Drie. -Vier. +Vier maal. Vijf. Zes.", "… 1"], id="a sentence reworded: both whole, two either side"),
    pytest.param(PARAGRAPH, PARAGRAPH + " Acht.", ["… 5", "p: Zes. Zeven. +Acht."], id="a sentence added at the end"),
    pytest.param(PARAGRAPH, PARAGRAPH.replace(" Een.", "").replace("Een. ", ""), ["p: -Een. Twee. Drie.", "… 4"], id="the first removed"),
    pytest.param("Oud.\n\nBlijft.", "Nieuw.\n\nBlijft.", ["p: -Oud. +Nieuw.", "p: Blijft."], id="a paragraph replaced: one holding both"),
    pytest.param("Oud.\n\n- Blijft.", "- Nieuw.\n- Blijft.", ["p: -Oud.", "li: +Nieuw.", "li: Blijft."], id="a block of another kind: apart"),
    pytest.param("Een.\n\nTwee.\n\nBlijft.", "Drie.\n\nVier.\n\nBlijft.", ["p: -Een.", "p: -Twee.", "p: +Drie.", "p: +Vier.", "p: Blijft."],
                 id="two blocks replaced by two: apart, which became which is not known"),
    pytest.param("- een\n- twee", "- een\n- twee\n- drie", ["li: een", "li: twee", "li: +drie"], id="a list item added"),
])
def test_changes_are_whole_sentences_with_two_either_side_and_the_rest_folded_with_its_count(old, new, expected):
    assert shown(marked_changes.compare(text_blocks(old), text_blocks(new))) == expected


def test_the_headings_above_a_change_stay_as_landmarks_however_far_away():
    filler = " ".join(f"Zin {number}." for number in range(20))
    old = f"## Regels\n\n{filler}\n\n### Pauze\n\n{filler}\n\nNeem elke twee uur pauze.\n\n## Anders\n\n{filler}"
    new = old.replace("Neem elke twee uur pauze.", "Neem elk uur pauze.")
    assert shown(marked_changes.compare(text_blocks(old), text_blocks(new))) == [
        "h2: Regels", "… 20", "h3: Pauze", "… 18", "p: Zin 18. Zin 19.", "p: -Neem elke twee uur pauze. +Neem elk uur pauze.",
        "h2: Anders", "p: Zin 0.", "… 19",
    ]


def test_a_heading_that_changed_is_one_heading_that_holds_both_so_it_stays_one_landmark():
    parts = marked_changes.compare(text_blocks("## Pauzes\n\nTekst."), text_blocks("## Pauze nemen\n\nTekst."))
    assert [(part.kind, part.level, [(piece.change, piece.text) for piece in part.pieces]) for part in parts] == [
        ("h2", 2, [(REMOVED, "Pauzes"), (ADDED, "Pauze nemen")]), ("p", 0, [(SAME, "Tekst.")])]


@pytest.mark.parametrize(("old", "new", "change"), [("", "Nieuw. Twee zinnen.", ADDED), ("Weg. Twee zinnen.", "", REMOVED)])
def test_an_added_page_is_all_added_and_a_withdrawn_one_all_removed_with_nothing_folded(old, new, change):
    assert marks(marked_changes.compare(text_blocks(old), text_blocks(new))) == [(change, "Nieuw." if new else "Weg."),
                                                                                  (change, "Twee zinnen.")]


# --- The reader's text (page_text) ---------------------------------------------------------------------------------

def test_the_text_compared_is_what_a_reader_reads_not_the_front_matter_or_the_markup():
    page = Reader(EXTENSIONS).page(
        b"---\ntitle: Werktijden\nlast_reviewed: 2026-01-01\n---\n"
        b"## Pauze {#pauze}\n\nNeem **elke** [twee uur](contact.md) pauze.<!-- niet -->\n\n"
        b'!!! tip "Kort"\n\n    Loop weg.\n\n| Wat | Hoe |\n|---|---|\n| Stoel | `half` |\n')
    assert page.title == "Werktijden"
    assert [(block.kind, block.sentences) for block in page.blocks] == [
        ("h2", ("Pauze",)), ("p", ("Neem elke twee uur pauze.",)), ("p", ("Kort",)), ("p", ("Loop weg.",)),
        ("th", ("Wat",)), ("th", ("Hoe",)), ("td", ("Stoel",)), ("td", ("half",))]


def test_an_extension_setting_that_names_a_python_object_falls_back_to_the_extension_s_default(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n  - tables\n", encoding="utf-8")
    extensions = site_config.load(tmp_path / "mkdocs.yml").data["markdown_extensions"]
    assert Reader(extensions).page(b"---\ntitle: A\n---\nGoed :smile: zo.\n").blocks == (Block("p", ("Goed zo.",)),)


def test_a_review_changes_no_reader_text():
    reader = Reader(EXTENSIONS)
    before = reader.page(b"---\ntitle: A\nlast_reviewed: 2026-01-01\n---\nTekst.\n")
    after = reader.page(b"---\ntitle: A\nlast_reviewed: 2026-06-01\nkeywords: [x]\n---\nTekst.\n")
    assert before == after


# --- The record's field ---------------------------------------------------------------------------------------------

def test_the_record_keeps_where_the_changes_are_and_a_record_without_them_still_loads(tmp_path):
    version = PolicyVersion("2026-11-25-aaaaaaa", "a" * 40, dt.date(2026, 11, 25),
                            changes_page=version_changes.addresses("2026-11-25-aaaaaaa", ("nl", "en")))
    path = tmp_path / "versions.json"
    policy_versions.save(path, Record((version,)))
    assert json.loads(path.read_text())["versions"][0]["changes_page"] == {"nl": "2026-11-25-aaaaaaa/changes.html",
                                                                           "en": "2026-11-25-aaaaaaa/en/changes.html"}
    assert policy_versions.load(path) == Record((version,))
    # A record kept before the marked-up changes existed.
    path.write_text(json.dumps({"versions": [{"id": "2026-11-20-bbbbbbb", "commit": "b" * 40, "in_force_from": "2026-11-20"}]}))
    assert policy_versions.load(path).versions[0].changes_page is None


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2026, 11, 19), None), (dt.date(2026, 11, 20), "v1"), (dt.date(2026, 12, 1), "v1"), (dt.date(2026, 12, 10), "v2")])
def test_a_version_is_compared_with_the_version_in_force_on_the_day_it_is_published(day, expected):
    """What version_changes.pages compares a version with, published on `day` (v2 published ahead of its day)."""
    record = Record((PolicyVersion("v1", "a" * 40, dt.date(2026, 11, 20)), PolicyVersion("v2", "b" * 40, dt.date(2026, 12, 10))))
    found = record.in_force_on(day)
    assert (found.id if found else None) == expected


# --- From Git, in every language (no build) -----------------------------------------------------------------------

def test_each_language_compares_its_own_text_and_an_untranslated_page_the_default_text(tmp_path):
    project = committed(materialise(tmp_path / "handbook"))
    docs = project / "docs"
    before = git(project, "rev-parse", "HEAD")
    edit_file(docs / "werktijden.en.md", "Take a short break every two hours.", "Take a short break every hour.")
    write_page(docs, "alleen-nl.md", title="Alleen in het Nederlands", last_reviewed="2026-11-01", body="Nog niet vertaald.\n")
    after = commit(project, "Pauze elk uur", "2026-11-25T10:00:00+01:00")
    found = version_changes.compare(docs, TWO_LANGUAGES.languages, Reader(EXTENSIONS), before, after)
    assert [(page.key, page.change, page.language, marks(page.parts)) for page in found["nl"]] == [
        ("alleen-nl.md", ADDED, "nl", [(ADDED, "Nog niet vertaald.")])]
    assert [(page.key, page.change, page.language, marks(page.parts)) for page in found["en"]] == [
        ("alleen-nl.md", ADDED, "nl", [(ADDED, "Nog niet vertaald.")]),
        ("werktijden.md", "changed", "en", [(REMOVED, "Take a short break every two hours."), (ADDED, "Take a short break every hour.")])]
    assert found["en"][0].url == "en/alleen-nl/"


def test_every_value_on_the_changes_page_is_escaped():
    hostile = '<script>alert("x")</script> & "quotes"'
    page = version_changes.PageChanges("a.md", "changed", hostile, hostile, "a/", "nl",
                                       (Part("p", 0, (Piece(REMOVED, hostile), Piece(ADDED, hostile + "!"))),))
    env = owner_mail.environment(REPOSITORY / "overrides", labels.load(REPOSITORY / "overrides" / labels.FOLDER))
    version = PolicyVersion("2026-11-25-aaaaaaa", "a" * 40, dt.date(2026, 11, 25))
    html = version_changes.render(env, version, version, {"nl": [page]}, ("nl",), {"nl": hostile}, {})["changes.html"]
    # The site name twice (title, header), the page's title thrice (contents, heading, title now), the old title, the two sentences.
    assert "<script>" not in html and html.count("&lt;script&gt;") == 8


# --- A publish sequence read back as a reader would (slow: two publishes with their PDFs) --------------------------

FIRST_DAY, SECOND_DAY = "2026-11-20", "2026-11-25"
# What the second version does, and what its pages must mark: nothing else.
EXPECTED = {
    "nl": {
        "index.md": ("changed", [(REMOVED, "Mag ik vandaag thuiswerken?: drie vragen die je helpen kiezen.")]),
        "mag-ik-thuiswerken.md": ("removed", None),
        "reiskosten.md": ("added", [(ADDED, "Je krijgt je reiskosten terug."), (ADDED, "Vraag ze aan bij Personeelszaken.")]),
        "werkplek.md": ("changed", [(ADDED, "Vraag een voetensteun aan als je voeten niet bij de grond komen.")]),
        "werktijden.md": ("changed", [(REMOVED, "Neem elke twee uur een korte pauze."), (ADDED, "Neem elk uur een korte pauze.")]),
    },
    "en": {
        "index.md": ("changed", [(REMOVED, "May I work from home today?: three questions that help you choose.")]),
        "mag-ik-thuiswerken.md": ("removed", None),
        "reiskosten.md": ("added", [(ADDED, "You get your travel costs back."), (ADDED, "Ask Human Resources for them.")]),
        "werkplek.md": ("changed", [(ADDED, "Ask for a footrest if your feet do not reach the floor.")]),
        "werktijden.md": ("changed", [(REMOVED, "Take a short break every two hours."), (ADDED, "Take a short break every hour.")]),
    },
}


@pytest.fixture(scope="module")
def published(tmp_path_factory, handbook_tool):
    """The two-language fixture published on FIRST_DAY, then changed (a sentence reworded, one added, a page added and
    one removed) and published on SECOND_DAY: (target, first version's id, second version's id)."""
    project = committed(materialise(tmp_path_factory.mktemp("changes")), when=f"{FIRST_DAY}T10:00:00+01:00")
    docs, target = project / "docs", tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("HANDBOOK_SITE_URL", "https://handboek.example/")
        environment.setenv("HANDBOOK_TODAY", FIRST_DAY)
        assert handbook_tool(project, "publish", "--to", str(target)) == 0
        edit_file(docs / "werktijden.md", "Neem elke twee uur een korte pauze.", "Neem elk uur een korte pauze.")
        edit_file(docs / "werktijden.en.md", "Take a short break every two hours.", "Take a short break every hour.")
        edit_file(docs / "werkplek.md", "Je bureau staat op ellebooghoogte.",
                  "Je bureau staat op ellebooghoogte. Vraag een voetensteun aan als je voeten niet bij de grond komen.")
        edit_file(docs / "werkplek.en.md", "Your desk is at elbow height.",
                  "Your desk is at elbow height. Ask for a footrest if your feet do not reach the floor.")
        for path in ("mag-ik-thuiswerken.md", "mag-ik-thuiswerken.en.md"):
            (docs / path).unlink()
        edit_file(docs / "index.md", "- [Mag ik vandaag thuiswerken?](mag-ik-thuiswerken.md): drie vragen die je helpen kiezen.\n", "")
        edit_file(docs / "index.en.md", "- [May I work from home today?](mag-ik-thuiswerken.md): three questions that help you choose.\n", "")
        write_page(docs, "reiskosten.md", title="Reiskosten", last_reviewed=SECOND_DAY,
                   body="Je krijgt je reiskosten terug. Vraag ze aan bij Personeelszaken.\n")
        write_page(docs, "reiskosten.en.md", title="Travel costs", last_reviewed=SECOND_DAY,
                   body="You get your travel costs back. Ask Human Resources for them.\n")
        edit_file(project / "mkdocs.yml", "      - mag-ik-thuiswerken.md\n", "      - reiskosten.md\n")
        commit(project, "Pauze elk uur, reiskosten, keuzehulp ingetrokken\n\nen: Breaks every hour, travel costs, the decision aid withdrawn",
               f"{SECOND_DAY}T10:00:00+01:00")
        environment.setenv("HANDBOOK_TODAY", SECOND_DAY)
        assert handbook_tool(project, "publish", "--to", str(target)) == 0
    versions = json.loads((target / "archive" / "versions.json").read_text(encoding="utf-8"))["versions"]
    assert len(versions) == 2
    return target, versions[0]["id"], versions[1]["id"]


def changes_page(target: Path, version: str, language: str) -> html_facts.Element:
    folder = target / "archive" / version / ("" if language == "nl" else f"{language}/")
    return html_facts.parse((folder / version_changes.FILE).read_text(encoding="utf-8"))


def marked(section: html_facts.Element) -> list[tuple[str, str]]:
    """The removed and added text of a page's section (its title's too, where it changed), without the words for screen readers."""
    found = []
    for element in section.iter():
        if element.tag in ("del", "ins"):
            hidden = element.find("span", cls="handbook-visually-hidden").text
            found.append((REMOVED if element.tag == "del" else ADDED, element.text.removeprefix(hidden).strip()))
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_second_version_marks_what_was_removed_and_added_and_nothing_else(published, language):
    target, _, second = published
    page = changes_page(target, second, language)
    assert page.find("html").attrs["lang"] == language
    home = {"nl": "", "en": "en/"}[language]
    assert html_facts.resolve(f"archive/{second}/{home}", page.find("a", cls="changes-site").attrs["href"]) == home
    sections = {section.attrs["data-page"]: section for section in page.find_all("section", **{"data-page": True})}
    assert {key: section.attrs["data-page-change"] for key, section in sections.items()} == {
        key: change for key, (change, _) in EXPECTED[language].items()}
    for key, (change, expected) in EXPECTED[language].items():
        if expected is not None:
            assert marked(sections[key]) == expected, key
    withdrawn = marked(sections["mag-ik-thuiswerken.md"])
    assert withdrawn and {change for change, _ in withdrawn} == {REMOVED}
    assert withdrawn[0][1] == {"nl": "Beantwoord de vragen hieronder.", "en": "Answer the questions below."}[language]
    # The words a screen reader says, from the engine's texts in the page's language.
    words = {"nl": ("verwijderd:", "toegevoegd:"), "en": ("removed:", "added:")}[language]
    assert [element.find("span", cls="handbook-visually-hidden").text.strip() for element in
            sections["werktijden.md"].find_all("del") + sections["werktijden.md"].find_all("ins")] == list(words)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_first_version_says_it_has_no_previous_one(published, language):
    target, first, _ = published
    page = changes_page(target, first, language)
    assert page.find("p", **{"data-first-version": True}).text and not page.find_all("section") and not page.find_all("del")
    versions_page = {"nl": "versies/", "en": "en/versies/"}[language]
    footer_links = [html_facts.resolve(f"archive/{first}/{'' if language == 'nl' else 'en/'}", link.attrs["href"])
                    for link in page.find("footer").find_all("a")]
    assert footer_links == [f"archive/{first}/{'' if language == 'nl' else 'en/'}handbook.pdf", versions_page]


@pytest.mark.parametrize(("language", "versions_page"), [("nl", "versies/"), ("en", "en/versies/")])
def test_the_versions_page_links_each_version_s_changes_kept_in_the_archive(published, language, versions_page):
    target, first, second = published
    page = html_facts.parse((target / "current" / versions_page / "index.html").read_text(encoding="utf-8"))
    links = {link.attrs["data-version-diff"]: html_facts.resolve(versions_page, link.attrs["href"])
             for link in page.find_all("a", **{"data-version-diff": True})}
    root = "" if language == "nl" else f"{language}/"
    assert links == {first: f"archive/{first}/{root}changes.html", second: f"archive/{second}/{root}changes.html"}
    assert all((target / link).is_file() for link in links.values())
    assert (target / "archive" / second / version_changes.STYLESHEET).is_file()


def test_the_changes_pages_pass_axe_and_print_without_colour(published, browser):
    target, _, second = published
    with serve(target) as address:
        page = browser.new_page()
        try:
            for language_root in ("", "en/"):
                page.goto(f"{address}archive/{second}/{language_root}changes.html")
                assert accessibility.violations(page) == []
                page.emulate_media(media="print")
                styles = page.evaluate("""() => ['del', 'ins'].map(tag => {
                    const style = getComputedStyle(document.querySelector(tag));
                    return [style.textDecorationLine, style.backgroundColor, style.color === getComputedStyle(document.body).color];
                })""")
                assert styles == [["line-through", "rgba(0, 0, 0, 0)", True], ["underline", "rgba(0, 0, 0, 0)", True]]
                page.emulate_media(media="screen")
        finally:
            page.close()
