"""The handbook as a PDF per language: built from a Git repository, made by scripts/handbook_pdf.py, read back with pypdf."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pypdf
import tinyhtml5
import pytest
from conftest import FIXTURE_DATE, READ_HISTORY, TWO_LANGUAGES, commit, git, small_handbook, write_page
from PIL import Image

from handbook_engine.pdf import handbook_pdf

TODAY = FIXTURE_DATE
SITE_URL = "https://handboek.example/"
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-10-01",
                 "body": "Lees de [regels over privéaccounts](regels.md#priveaccounts) en de [wet](https://wetten.example/avg).\n\n![Het logo](logo.png)\n"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-10-01",
                    "body": "Read the [rules on private accounts](regels.md#priveaccounts) and the [law](https://wetten.example/avg).\n"},
    "wat-is-er-nieuw.md": {"title": "Wat is er nieuw", "last_reviewed": "2026-10-01", "extra": "template: whats-new.html\n"},
    "wat-is-er-nieuw.en.md": {"title": "What's new", "last_reviewed": "2026-10-01", "extra": "template: whats-new.html\n"},
    # Reviewed on 10 January 2025, due a year later: overdue on TODAY.
    "regels.md": {"title": "Regels", "last_reviewed": "2025-01-10", "body": "## Privéaccounts\n\nWees voorzichtig.\n"},
    "regels.en.md": {"title": "Rules", "last_reviewed": "2025-01-10", "body": "## Private accounts {#priveaccounts}\n\nBe careful.\n"},
}
NAV = ["index.md", "wat-is-er-nieuw.md", "regels.md"]
TEXTS = {
    "nl": {"title": TWO_LANGUAGES.site_name("nl"), "version": "Versie van 3 november 2026 · {short}", "as_of": "Stand van de beoordelingen op 21 november 2026",
           "online": "De actuele versie staat altijd op https://handboek.example/", "contents": "Inhoud", "overdue": "Deze pagina is mogelijk verouderd",
           "changed": "Tekst laatst gewijzigd op 3 november 2026", "pages": ["Welkom", "Wat is er nieuw", "Regels"], "root": ""},
    "en": {"title": TWO_LANGUAGES.site_name("en"), "version": "Version of 3 November 2026 · {short}", "as_of": "Review status as of 21 November 2026",
           "online": "The current version is always at https://handboek.example/en/", "contents": "Contents", "overdue": "This page may be out of date",
           "changed": "Text last changed on 15 January 2026", "pages": ["Welcome", "What's new", "Rules"], "root": "en/"},
}


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> tuple[Path, str]:
    project = small_handbook(tmp_path_factory.mktemp("pdf") / "handboek", PAGES, nav=NAV)
    Image.new("RGB", (40, 20), "navy").save(project / "docs" / "logo.png")
    git(project, "init", "--quiet", "--initial-branch=main")
    commit(project, "Eerste versie van het handboek", "2026-01-15T10:00:00+01:00")
    write_page(project / "docs", "regels.md", title="Regels", last_reviewed="2025-01-10", body="## Privéaccounts\n\nWees altijd voorzichtig.\n")
    return project, commit(project, "Regels aangevuld", "2026-11-03T10:00:00+01:00")


def built_with_pdfs(run_build, project: Path, site: Path) -> list[str]:
    """Build the site as `make build` does, then its PDFs; what handbook_pdf.py printed."""
    build = run_build(project, TODAY, site=site, env={**READ_HISTORY, "HANDBOOK_SITE_URL": SITE_URL})
    assert build.returncode == 0, build.log
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert handbook_pdf.main([str(site)]) == 0
    return out.getvalue().splitlines()


@pytest.fixture(scope="module")
def pdfs(repository, tmp_path_factory, run_build):
    """Both languages' PDFs of one build, and what handbook_pdf.py printed."""
    project, _ = repository
    site = tmp_path_factory.mktemp("pdf-site") / "site"
    return site, built_with_pdfs(run_build, project, site)


def reader(site: Path, language: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(site / TEXTS[language]["root"] / "handbook.pdf")


def texts(pdf: pypdf.PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


def contents(pdf: pypdf.PdfReader, language: str) -> dict[str, int]:
    """The contents page: each page's title and the number it gives."""
    text = texts(pdf)[1]
    assert text.startswith(TEXTS[language]["contents"] + " ")
    return {title: int(re.search(re.escape(title) + r" ?\.+ ?(\d+)", text).group(1)) for title in TEXTS[language]["pages"]}


def test_the_pdfs_are_made_beside_each_language_and_replace_their_source(pdfs):
    site, lines = pdfs
    assert [re.sub(r": \d+ pages$", "", line) for line in lines] == [f"{site}/en/handbook.pdf", f"{site}/handbook.pdf"]
    assert not list(site.rglob("handbook.print.html"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_cover_names_the_handbook_its_version_and_the_review_date(pdfs, repository, language):
    site, _ = pdfs
    expected = TEXTS[language]
    cover = texts(reader(site, language))[0]
    assert cover.startswith(expected["title"] + " ")
    for line in (expected["version"].format(short=repository[1][:7]), expected["as_of"], expected["online"]):
        assert line in cover


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_contents_give_the_page_each_page_starts_on(pdfs, language):
    site, _ = pdfs
    pdf = reader(site, language)
    pages = texts(pdf)
    for title, number in contents(pdf, language).items():
        assert pages[number - 1].startswith(title + " "), (title, number)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_has_its_review_line_last_change_and_warning_as_of_the_build_day(pdfs, language):
    site, _ = pdfs
    pdf = reader(site, language)
    pages = texts(pdf)
    numbers = contents(pdf, language)
    rules = pages[numbers[TEXTS[language]["pages"][2]] - 1]
    welcome = pages[numbers[TEXTS[language]["pages"][0]] - 1]
    assert TEXTS[language]["overdue"] in rules and TEXTS[language]["overdue"] not in welcome
    assert TEXTS[language]["changed"] in rules
    assert ("Laatst beoordeeld op 10 januari 2025" if language == "nl" else "Last reviewed on 10 January 2025") in rules


@pytest.mark.parametrize("language", ["nl", "en"])
def test_link_addresses_are_printed_and_links_between_pages_stay_in_the_pdf(pdfs, language):
    site, _ = pdfs
    pdf = reader(site, language)
    welcome = pdf.pages[contents(pdf, language)[TEXTS[language]["pages"][0]] - 1]
    text = "".join(welcome.extract_text().split())
    assert f"({SITE_URL}{TEXTS[language]['root']}regels/#priveaccounts)" in text
    assert "(https://wetten.example/avg)" in text
    links = [annotation.get_object() for annotation in welcome["/Annots"]]
    assert {link["/A"]["/URI"] for link in links if "/A" in link} == {"https://wetten.example/avg"}
    # The link to the rules' heading jumps to it within the PDF.
    assert {link["/Dest"] for link in links if "/Dest" in link} == {f"page-{NAV.index('regels.md') + 1}-priveaccounts"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_sheet_but_the_cover_carries_the_title_version_and_page_number(pdfs, repository, language):
    site, _ = pdfs
    pages = texts(reader(site, language))
    label = f"{TEXTS[language]['title']} · {TEXTS[language]['version'].format(short=repository[1][:7])}"
    assert f"1 / {len(pages)}" not in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert text.endswith(f"{label} {number} / {len(pages)}"), text[-120:]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pdf_is_tagged_for_accessibility(pdfs, language):
    site, _ = pdfs
    pdf = reader(site, language)
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == language
    assert pdf.metadata.title == TEXTS[language]["title"]
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()  # PDF/UA-1
    assert [item.title for item in pdf.outline if not isinstance(item, list)][-3:] == TEXTS[language]["pages"]


def test_the_site_s_own_image_is_in_the_pdf(pdfs):
    site, _ = pdfs
    pdf = reader(site, "nl")
    welcome = pdf.pages[contents(pdf, "nl")["Welkom"] - 1]
    assert [image.image.size for image in welcome.images] == [(40, 20)]


def test_the_same_commit_gives_byte_identical_pdfs(repository, pdfs, tmp_path, run_build):
    project, _ = repository
    site, _ = pdfs
    again = tmp_path / "site"
    built_with_pdfs(run_build, project, again)
    for root in ("", "en/"):
        assert (again / root / "handbook.pdf").read_bytes() == (site / root / "handbook.pdf").read_bytes(), root


def test_nothing_from_outside_the_site_is_fetched(tmp_path, capsys, run_build):
    pages = {**PAGES, "index.md": {"title": "Welkom", "last_reviewed": "2026-10-01", "body": "![Extern](https://beelden.example/logo.png)\n"}}
    project = small_handbook(tmp_path / "handboek", pages, nav=NAV)
    build = run_build(project, TODAY)
    assert build.returncode == 0, build.log
    assert handbook_pdf.main([str(project / "site")]) == 1
    out = capsys.readouterr().out
    assert f"{project / 'site' / 'handbook.pdf'}: " in out
    assert "https://beelden.example/logo.png is not a file of the site; the PDF uses the site's own files only" in out
    assert (project / "site" / "handbook.pdf").is_file()


def test_a_site_without_pdf_sources_is_named(tmp_path, capsys):
    assert handbook_pdf.main([str(tmp_path)]) == 1
    assert capsys.readouterr().out == f"{tmp_path}: no handbook.print.html in the site or its language folders; build the site with mkdocs build first\n"


SECTIONS = """<html><body data-site-root="https://handboek.example/">
<section id="page-1" data-url="en/"><h2 id="kop">Kop</h2>
<a href="#kop">here</a> <a href="../en/regels/">rules</a> <a href="regels/#priveaccounts">privé</a>
<a href="https://wetten.example/avg">law</a> <a href="mailto:hr@example.org">hr@example.org</a>
<a href="feed.xml">https://handboek.example/en/feed.xml</a> <a href="handbook.pdf">PDF</a> <img src="../assets/logo.png"></section>
<section id="page-2" data-url="en/regels/"><h2 id="kop">Kop</h2><a href="../#kop">home</a></section>
</body></html>"""


def test_links_are_rewritten_per_page_section():
    document = tinyhtml5.parse(SECTIONS, namespace_html_elements=False)
    handbook_pdf.print_links(document)
    links = [(link.get("href"), link.get("data-print-address")) for link in document.iter("a")]
    assert links == [
        ("#page-1-kop", None),  # within the page
        ("#page-2", "https://handboek.example/en/regels/"),
        ("#page-2-priveaccounts", "https://handboek.example/en/regels/#priveaccounts"),
        ("https://wetten.example/avg", "https://wetten.example/avg"),
        ("mailto:hr@example.org", None),
        ("https://handboek.example/en/feed.xml", None),  # the text is the address
        ("https://handboek.example/en/handbook.pdf", "https://handboek.example/en/handbook.pdf"),
        ("#page-1-kop", "https://handboek.example/en/#kop"),
    ]
    assert [element.get("id") for element in document.iter() if element.get("id")] == ["page-1", "page-1-kop", "page-2", "page-2-kop"]
    assert document.find(".//img").get("src") == handbook_pdf.SITE_FILES + "assets/logo.png"
