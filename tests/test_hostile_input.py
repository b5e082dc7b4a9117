"""Hostile and arbitrary input: every value is escaped where the project prints it, and nothing ends in a traceback."""

from __future__ import annotations

import contextlib
import io
import shutil
import string
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import FIXTURE_DATE, TWO_LANGUAGES, materialise, serve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook_engine.cli import handbook
from handbook_engine.pages import page_checks
from handbook_engine.pdf import handbook_pdf
from handbook_testing import html_facts

TODAY = FIXTURE_DATE
SETTINGS = TWO_LANGUAGES.settings


def hostile(field: str) -> str:
    """Markup, both quotes, an ampersand and a script end tag, named after the field it is put in."""
    return f"<b>{field}</b> R&D \"{field}\" '{field}' </script><script>alert('{field}')</script>"


PAGE_FIELDS = ("title", "description")
OWNER = hostile("owner")
OWNER_NAMES = {"nl": OWNER, "en": hostile("en owner")}


def yaml_text(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 16).strip().removesuffix("\n...")


def hostile_page(docs: Path, path: str, language: str, *, reviewed: str) -> None:
    values = {**{field: hostile(f"{language} {field}") for field in PAGE_FIELDS}, "owner": OWNER}
    docs.joinpath(path).write_text(
        "---\n" + "".join(f"{field}: {yaml_text(value)}\n" for field, value in values.items())
        + f"last_reviewed: {reviewed}\n---\n\nTekst.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, run_build):
    """The two-language fixture's settings with hostile values in every field the project prints; one page overdue."""
    project = materialise(tmp_path_factory.mktemp("hostile"), docs=False)
    docs = project / "docs"
    docs.mkdir()
    for path, language, reviewed in (("index.md", "nl", "2026-10-01"), ("index.en.md", "en", "2026-10-01"),
                                     ("regels.md", "nl", "2025-01-10"), ("regels.en.md", "en", "2025-01-10")):
        hostile_page(docs, path, language, reviewed=reviewed)
    for path, language in (("overzicht.md", "nl"), ("overzicht.en.md", "en")):
        docs.joinpath(path).write_text(f"---\ntitle: Overzicht {language}\ndescription: Alle pagina's.\nowner: Personeelszaken\n"
                                       f"last_reviewed: 2026-10-01\ntemplate: review-overview.html\n---\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("\nnav:\n")[0] + "\nnav:\n  - index.md\n  - Regels:\n      - regels.md\n  - overzicht.md\n"
    for old, new in (
        (f"site_name: {SETTINGS['site_name']}", f"site_name: {yaml_text(hostile('site_name'))}"),
        (f"site_description: {SETTINGS['site_description']}", f"site_description: {yaml_text(hostile('site_description'))}"),
        (f"site_author: {SETTINGS['site_author']}", f"site_author: {yaml_text(hostile('site_author'))}"),
        ("        name: English\n", f"        name: {yaml_text(hostile('language name'))}\n"),
        ("  - Regels:\n", f"  - {yaml_text(hostile('section title'))}:\n"),
        ("          Regels: Rules\n", f"          {yaml_text(hostile('section title'))}: {yaml_text(hostile('section title'))}\n"),
        ("    owners:\n", f"    owners:\n      {yaml_text(OWNER)}: {{email: rd@example.org, git: '@example/rd', en: {yaml_text(OWNER_NAMES['en'])}}}\n"),
    ):
        assert old in config, old
        config = config.replace(old, new)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = run_build(project, TODAY, env={"HANDBOOK_SITE_URL": "http://intranet.example/r&d/"})
    assert build.returncode == 0, build.log
    return build


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_value_becomes_markup_in_any_page(hostile_site):
    for path in html_files(hostile_site.site):
        root = html_facts.parse(path.read_text(encoding="utf-8"))
        injected = [element for element in root.iter() if element.tag == "b" or element.tag == "script" and "alert(" in element.text]
        assert injected == [], path


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_page_field_reads_as_written(hostile_site, language):
    root_url = "" if language == "nl" else "en/"
    page = html_facts.parse(hostile_site.html(f"{root_url}regels/"))
    title, description = (hostile(f"{language} {field}") for field in PAGE_FIELDS)
    owner = OWNER_NAMES[language]
    assert page.find("meta", name="description").attrs["content"] == description
    assert page.find("title").text.startswith(title)
    assert page.find("article").find("h1").text == title
    status = page.find(cls="review-status")
    assert f" {owner} " in status.find("p", cls="review-status__line").text + " "
    assert status.find(data_review_notice="overdue").find_all("p")[-1].text.endswith(f" {owner}.")
    assert title in [link.text for link in page.find("nav", cls="md-nav--primary").find_all("a")]
    overview = html_facts.parse(hostile_site.html(f"{root_url}overzicht/")).find("table", cls="review-overview")
    rows = [[cell.text for cell in row.find_all("td")] for row in overview.find("tbody").find_all("tr")]
    assert [title, owner] in [row[:2] for row in rows]


def test_each_configuration_value_reads_as_written(hostile_site):
    page = html_facts.parse(hostile_site.html("regels/"))
    assert page.find("meta", name="author").attrs["content"] == hostile("site_author")
    assert page.find("title").text.endswith(hostile("site_name"))
    assert hostile("language name") in [link.text for link in page.find_all("a", cls="md-select__link")]
    assert hostile("section title") in page.find("nav", cls="md-nav--primary").text
    home = html_facts.parse(hostile_site.html(""))
    assert home.find("meta", name="description").attrs["content"] == hostile("nl description")
    not_found = html_facts.parse((hostile_site.site / "404.html").read_text(encoding="utf-8"))
    assert not_found.find("title").text == f"Pagina niet gevonden - {hostile('site_name')}"


def test_the_sitemap_is_well_formed_xml_with_the_addresses_as_given(hostile_site):
    tree = ElementTree.parse(hostile_site.site / "sitemap.xml")
    locations = [element.text for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://intranet.example/r&d/regels/" in locations


@pytest.mark.parametrize("path", ["regels/", "en/regels/", "overzicht/", "en/overzicht/", "404.html"])
def test_no_script_runs_from_a_value_in_a_browser(hostile_site, browser, path):
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        with serve(hostile_site.site) as address:
            page.goto(address + path)
            page.wait_for_load_state("load")
            assert "R&D" in page.locator("body").inner_text()  # the values show as text
        assert dialogs == []
    finally:
        page.close()


# --- arbitrary input -----------------------------------------------------------

YAML_SYNTAX = string.ascii_letters + string.digits + " :-[]{}&*!|>'\"#%@`,?\n\t\\.~\u00e9\u20ac"
KEYS = st.sampled_from([*page_checks.KEYS, "status", "icon", "tags", "subtitle", "nav", "42"]) | st.text(max_size=8)
SCALARS = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=20) \
    | st.dates().map(lambda day: day.isoformat()) | st.sampled_from(["review-overview.html", "main.html", "toc", "HR"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=8)
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=8).map(
    lambda data: "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\nTekst.\n"
)
PAGE_BYTES = st.one_of(
    st.binary(max_size=200),
    FRONT_MATTER.map(str.encode),
    st.text(YAML_SYNTAX, max_size=120).map(lambda text: ("---\n" + text + "\n---\nTekst.\n").encode()),
    st.builds(lambda head, tail: head.encode() + tail, FRONT_MATTER, st.binary(max_size=40)),
)


def arbitrary_handbook(target: Path, pages: list[bytes]) -> Path:
    """The two-language fixture's settings with a valid home page in both languages and `pages` as pagina-N.md (Dutch only)."""
    project = materialise(target, docs=False)
    docs = project / "docs"
    docs.mkdir()
    for path in ("index.md", "index.en.md"):
        docs.joinpath(path).write_text("---\ntitle: Start\ndescription: Start.\nowner: Personeelszaken\nlast_reviewed: 2026-10-01\n---\n\nTekst.\n",
                                       encoding="utf-8")
    for number, raw in enumerate(pages):
        docs.joinpath(f"pagina-{number}.md").write_bytes(raw)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[0]
    nav = "".join(f"  - pagina-{number}.md\n" for number in range(len(pages)))
    (project / "mkdocs.yml").write_text(config + "\nnav:\n  - index.md\n" + nav, encoding="utf-8")
    return project


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.lists(PAGE_BYTES, min_size=1, max_size=4))
def test_check_never_ends_in_a_traceback(tmp_path_factory, pages, monkeypatch, capsys):
    project = arbitrary_handbook(tmp_path_factory.mktemp("check"), pages)
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "check"]) in (0, 1)
    out, err = capsys.readouterr()
    assert err == ""
    assert all(line.startswith(("docs/", "mkdocs.yml:", "CODEOWNERS:")) and ": " in line for line in out.splitlines()), out


@settings(max_examples=8, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.lists(PAGE_BYTES, min_size=6, max_size=6))
def test_a_build_never_ends_in_a_traceback(tmp_path_factory, run_build, pages):
    project = arbitrary_handbook(tmp_path_factory.mktemp("build"), pages)
    for strict in (True, False):
        build = run_build(project, TODAY, strict=strict, site=project / f"site-{strict}")
        assert "Traceback" not in build.log, build.log[-3000:]
        if not strict:
            assert build.returncode == 0, build.log[-3000:]
            assert (build.site / "pagina-0" / "index.html").is_file()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_value_reads_as_written_in_the_pdf(hostile_site, tmp_path_factory, language):
    site = tmp_path_factory.mktemp("hostile-pdf") / "site"
    shutil.copytree(hostile_site.site, site)
    with contextlib.redirect_stdout(io.StringIO()):
        assert handbook_pdf.main([str(site)]) == 0
    pdf = pypdf.PdfReader(site / ("" if language == "nl" else "en") / "handbook.pdf")
    # Without white space: the PDF wraps long values over lines.
    text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    for value in (hostile(f"{language} title"), OWNER_NAMES[language]):
        assert "".join(value.split()) in text
