"""A whole PDF (issue 23 point 6): the contact channels and the review overview's table in both languages' PDFs,
every table header cell with its scope in the PDF's tags; and on the site of the same build, a Markdown table's
caption block as its <caption>, and the footer naming the version in force once.

One build of the two-language fixture in a Git repository, shown one version in force (HANDBOOK_VERSIONS, as
publishing gives it), and its PDFs made by scripts/handbook_pdf.py, read back with pypdf."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURE_DATE, READ_HISTORY, TWO_LANGUAGES, committed, git, materialise

from handbook_engine.pdf import handbook_pdf
from handbook_engine.settings import labels
from handbook_engine.settings.contact_channels import localized
from handbook_engine.versions import policy_versions
from handbook_engine import REPOSITORY
from handbook_testing import html_facts

SITE = "https://intranet.example/thuiswerken/"
ROOTS = {"nl": "", "en": "en/"}
OVERVIEW = "beoordelingen.md"


@pytest.fixture(scope="module")
def printed(tmp_path_factory, run_build):
    """The fixture built with its history and one version in force, then its PDFs: (site, commit, version id)."""
    base = tmp_path_factory.mktemp("whole-pdf")
    project = committed(materialise(base / "project"))
    commit = git(project, "rev-parse", "HEAD")
    day = dt.date(2026, 11, 20)
    version = policy_versions.PolicyVersion(id=policy_versions.version_id(day, commit), commit=commit, in_force_from=day)
    shown = base / policy_versions.VERSIONS_FILE
    policy_versions.save(shown, policy_versions.Record(versions=(version,)))
    site = base / "site"
    build = run_build(project, FIXTURE_DATE, site=site,
                      env={**READ_HISTORY, "HANDBOOK_SITE_URL": SITE, policy_versions.SHOWN_VARIABLE: str(shown)})
    assert build.returncode == 0, build.log
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert handbook_pdf.main([str(site)]) == 0, out.getvalue()
    return site, commit, version.id


@functools.cache
def pdf_text(site: Path, language: str) -> str:
    reader = pypdf.PdfReader(site / ROOTS[language] / "handbook.pdf")
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# The engine's texts; those read here name no site or owner.
LABELS = labels.load(REPOSITORY / "overrides" / labels.FOLDER)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pdf_holds_every_contact_channel(printed, language):
    text = pdf_text(printed[0], language)
    contacts = TWO_LANGUAGES.settings["extra"]["contacts"]
    assert text.count(LABELS.text("contacts_title", language)) == 1
    for contact in contacts:
        for value in (localized(contact["name"], language), localized(contact["for"], language), contact.get("email")):
            if value:
                assert value in text
        if contact.get("phone"):
            assert contact["phone"] in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pdf_holds_the_review_overview_s_table_of_every_page(printed, language):
    text = pdf_text(printed[0], language)
    caption = LABELS.text("overview_caption", language)
    assert text.count(caption) == 1
    table = text.split(caption, 1)[1]
    for key in TWO_LANGUAGES.keys:
        assert TWO_LANGUAGES.title(key, language) in table, key
    assert LABELS.text("last_reviewed", language) in table


def structure(reader: pypdf.PdfReader):
    """Every element of the PDF's structure tree with its parent's and grandparent's type: (element, parent, grandparent)."""
    def walk(element, parents):
        element = element.get_object()
        yield element, *parents
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, pypdf.generic.IndirectObject) or isinstance(kid, dict):
                if isinstance(kid.get_object(), dict) and kid.get_object().get("/Type") == "/StructElem":
                    yield from walk(kid, (element.get("/S"), *parents[:1]))
    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0], (None, None))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_table_header_cell_carries_its_scope_in_the_pdf_s_tags(printed, language):
    reader = pypdf.PdfReader(printed[0] / ROOTS[language] / "handbook.pdf")
    headers = [(element["/A"].get("/Scope"), grandparent) for element, parent, grandparent in structure(reader)
               if element.get("/S") == "/TH"]
    # The Markdown table (2 columns), the review overview (5), the versions (4, and a row header per version),
    # What's new (3): at least these.
    assert len(headers) >= 15
    assert all(scope is not None for scope, _ in headers)
    assert {scope for scope, section in headers if section == "/THead"} == {"/Column"}
    # The versions table names each version in a header cell of its row.
    assert [scope for scope, section in headers if section == "/TBody"] == ["/Row"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_markdown_table_s_caption_block_is_its_caption_on_the_site(printed, language):
    html = (printed[0] / TWO_LANGUAGES.url("werkplek.md", language) / "index.html").read_text(encoding="utf-8")
    article = html_facts.parse(html).find("article")
    table = article.find("table")
    source = TWO_LANGUAGES.path("werkplek.md", language).read_text(encoding="utf-8")
    caption = source.split("/// caption\n", 1)[1].split("\n///", 1)[0].strip()
    assert table.find("caption").text == caption
    assert article.find_all("figcaption") == []
    assert [cell.attrs.get("scope") for cell in table.find_all("th")] == ["col", "col"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_footer_names_the_version_in_force_once(printed, language):
    site, commit, version = printed
    footer = html_facts.parse((site / ROOTS[language] / "index.html").read_text(encoding="utf-8")).find("p", cls="handbook-edition")
    assert footer.find(data_version_id=True).text == version
    assert footer.text.count(commit[:7]) == 1, footer.text
