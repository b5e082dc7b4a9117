"""Page history, What's new, the feeds and the version, built from a real Git repository with commits on chosen dates."""

from __future__ import annotations

import os
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, READ_HISTORY, TWO_LANGUAGES, Traffic, commit, git, serve, small_handbook, write_page

from handbook_engine.history import git_history
from handbook_testing import html_facts

TODAY = FIXTURE_DATE
LANGUAGES = TWO_LANGUAGES.languages
SITE_URL = "https://handboek.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-01-10"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-01-10"},
    "wat-is-er-nieuw.md": {"title": "Wat is er nieuw", "last_reviewed": "2026-01-10", "extra": "template: whats-new.html\n"},
    "wat-is-er-nieuw.en.md": {"title": "What's new", "last_reviewed": "2026-01-10", "extra": "template: whats-new.html\n"},
    "versies.md": {"title": "Versies", "last_reviewed": "2026-01-10", "extra": "template: versions.html\n"},
    "versies.en.md": {"title": "Versions", "last_reviewed": "2026-01-10", "extra": "template: versions.html\n"},
    "regels.md": {"title": "Regels", "last_reviewed": "2026-01-10"},
    "regels.en.md": {"title": "Rules", "last_reviewed": "2026-01-10"},
}
NAV = ["index.md", "wat-is-er-nieuw.md", "versies.md", "regels.md"]
FIRST = "Eerste versie van het handboek"
# A subject with markup, quotes and an ampersand: printed as text everywhere.
HOSTILE = 'Regels over <script>alert(1)</script> & privéaccounts "aangescherpt"'
TYPO = "Typfout verbeterd [skip history]"
TRANSLATED = ("Engelse regels verduidelijkt", "Rules on private accounts clarified")
THREE = ("Drie pagina's bijgewerkt", "Three pages updated")
DUTCH_ONLY = "Engelse tekst ingekort"
REVIEWED = ("Regels beoordeeld: klopt nog", "Rules reviewed: still correct")
REVIEWER = "Anne de Vries"
THREE_PAGES = ["index.md", "wat-is-er-nieuw.md", "regels.md"]


def rewrite(docs: Path, path: str, *, body: str | None = None, last_reviewed: str = "2026-01-10", extra: str = "") -> None:
    """The page `path` of PAGES with a new body, review date or extra front matter."""
    fields = {**PAGES[path], "last_reviewed": last_reviewed}
    fields["extra"] = fields.get("extra", "") + extra
    old_body = (docs / path).read_text(encoding="utf-8").split("---\n\n", 1)[1]
    write_page(docs, path, **fields, body=old_body if body is None else body)


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A handbook in Git: the first version; a change of the Dutch rules just after midnight in Amsterdam (still
    the day before in UTC); a typo fix left out of the history; a change of the English rules with an English
    note; one change of three pages in both languages; an English change with only a Dutch note; a review of
    the rules in both languages; a change of search keywords only; and a change outside docs/."""
    project = small_handbook(tmp_path_factory.mktemp("history") / "handboek", PAGES, nav=NAV)
    docs = project / "docs"
    git(project, "init", "--quiet", "--initial-branch=main")
    commits = {"first": commit(project, FIRST, "2026-01-15T10:00:00+01:00")}
    rewrite(docs, "regels.md", body="Privéaccounts: wees voorzichtig.\n")
    commits["hostile"] = commit(project, HOSTILE, "2026-03-02T23:30:00+00:00")
    rewrite(docs, "regels.md", body="Privéaccounts: wees voorzichtig.\n\nTot slot.\n")
    commits["typo"] = commit(project, TYPO, "2026-04-10T09:00:00+02:00")
    rewrite(docs, "regels.en.md", body="Private accounts: be careful.\n")
    commits["translated"] = commit(project, f"{TRANSLATED[0]}\n\nen: {TRANSLATED[1]}\n", "2026-05-20T12:00:00+02:00")
    for key in THREE_PAGES:
        for path in (key, LANGUAGES.join(key, "en")):
            rewrite(docs, path, body=(docs / path).read_text(encoding="utf-8").split("---\n\n", 1)[1] + "\nNieuwe alinea.\n")
    commits["three"] = commit(project, f"{THREE[0]}\n\nWat er veranderde, in het kort.\n\nen: {THREE[1]}\n", "2026-06-10T12:00:00+02:00")
    rewrite(docs, "regels.en.md", body="Private accounts: careful.\n\nNieuwe alinea.\n")
    commits["dutch_only"] = commit(project, DUTCH_ONLY, "2026-07-01T12:00:00+02:00")
    for path in ("regels.md", "regels.en.md"):
        rewrite(docs, path, last_reviewed="2026-08-01")
    commits["reviewed"] = commit(project, f"{REVIEWED[0]}\n\nen: {REVIEWED[1]}\n", "2026-08-01T12:00:00+02:00", author=REVIEWER)
    rewrite(docs, "regels.md", last_reviewed="2026-08-01", extra="keywords: [privé, account]\n")
    commits["keywords"] = commit(project, "Zoekwoorden toegevoegd", "2026-08-15T12:00:00+02:00")
    (project / "README.md").write_text("Lees mij.\n", encoding="utf-8")
    commits["outside"] = commit(project, "README bijgewerkt", "2026-09-01T12:00:00+02:00")
    return project, commits


@pytest.fixture(scope="module")
def build_of(run_build):
    """`build_of(project, site, strict=True, env=None)`: the project built with its history, at SITE_URL."""
    def build(project: Path, site: Path, *, strict: bool = True, env: dict | None = None):
        return run_build(project, TODAY, site=site, strict=strict, env={**READ_HISTORY, "HANDBOOK_SITE_URL": SITE_URL, **(env or {})})
    return build


@pytest.fixture(scope="module")
def builds(repository, tmp_path_factory, build_of):
    """The same commit built twice."""
    project, _ = repository
    results = [build_of(project, tmp_path_factory.mktemp("built") / "site") for _ in range(2)]
    for result in results:
        assert result.returncode == 0, result.log
    return results


@pytest.fixture(scope="module")
def site(builds):
    return builds[0]


def page(build, url: str) -> html_facts.Element:
    return html_facts.parse(build.html(url))


def history_of(build, url: str) -> list[tuple]:
    """Each listed change: day, kind, note, the note's own lang (if it differs from the page's) and, for a review, its author."""
    found = []
    for item in page(build, url).find_all("li", data_change_date=True):
        note = item.find("span", cls="change-history__note")
        author = item.find_all("span", cls="change-history__author")
        found.append((item.attrs["data-change-date"], item.attrs["data-change-kind"], note.text, note.attrs.get("lang"),
                      author[0].text if author else None))
    return found


@pytest.mark.parametrize(("url", "day", "text"), [
    # The typo fix counted, but the three-page change came later; the review and the keywords do not count.
    ("regels/", "2026-06-10", "Tekst laatst gewijzigd op 10 juni 2026"),
    ("en/regels/", "2026-07-01", "Text last changed on 1 July 2026"),
    ("", "2026-06-10", "Tekst laatst gewijzigd op 10 juni 2026"),
    ("en/", "2026-06-10", "Text last changed on 10 June 2026"),
])
def test_each_page_says_when_its_own_text_last_changed_below_its_review_line(site, url, day, text):
    article = page(site, url).find("article")
    changed = article.find(data_last_changed=True)
    assert changed.attrs["data-last-changed"] == day
    assert changed.text == text
    order = [element for element in article.iter() if "review-status" in element.classes or "data-last-changed" in element.attrs]
    assert ["review-status" in element.classes for element in order] == [True, False]


@pytest.mark.parametrize(("url", "summary", "expected"), [
    ("regels/", "Wijzigingen", [
        ("2026-08-01", "review", REVIEWED[0], None, f"(door {REVIEWER})"),
        ("2026-06-10", "text", THREE[0], None, None),
        ("2026-03-03", "text", HOSTILE, None, None),
        ("2026-01-15", "text", FIRST, None, None),
    ]),
    ("en/regels/", "Change history", [
        ("2026-08-01", "review", REVIEWED[1], None, f"(by {REVIEWER})"),
        ("2026-07-01", "text", DUTCH_ONLY, "nl", None),  # no English note: the Dutch one, marked as Dutch
        ("2026-06-10", "text", THREE[1], None, None),
        ("2026-05-20", "text", TRANSLATED[1], None, None),
        ("2026-01-15", "text", FIRST, "nl", None),
    ]),
    ("en/", "Change history", [("2026-06-10", "text", THREE[1], None, None), ("2026-01-15", "text", FIRST, "nl", None)]),
])
def test_the_change_history_lists_changes_and_reviews_newest_first_closed_at_the_end(site, url, summary, expected):
    details = page(site, url).find("details", cls="change-history")
    assert "open" not in details.attrs
    assert details.find("summary").text == summary
    assert history_of(site, url) == expected
    article = page(site, url).find("article")
    assert [element.tag for element in article.children if isinstance(element, html_facts.Element)][-1] == "details"


@pytest.mark.parametrize(("url", "text"), [
    ("regels/", f"1 augustus 2026 : Beoordeeld {REVIEWED[0]} (door {REVIEWER})"),
    ("en/regels/", f"1 August 2026 : Reviewed {REVIEWED[1]} (by {REVIEWER})"),
])
def test_a_review_says_who_reviewed_and_what_they_concluded(site, url, text):
    review = page(site, url).find("li", data_change_kind="review")
    assert " ".join(review.text.split()) == text


def test_commit_subjects_are_printed_as_text(site):
    raw = site.html("regels/")
    assert "<script>alert(1)</script>" not in raw
    assert "Regels over &lt;script&gt;alert(1)&lt;/script&gt; &amp; privéaccounts &#34;aangescherpt&#34;" in raw


@pytest.mark.parametrize("text", ["Typfout verbeterd", "Zoekwoorden toegevoegd", "README bijgewerkt"])
def test_a_left_out_commit_a_keywords_change_and_a_change_outside_docs_are_in_no_list(site, text):
    for build_file in site.site.rglob("*"):
        if build_file.suffix in (".html", ".xml"):
            assert text not in build_file.read_text(encoding="utf-8"), build_file


def test_a_review_is_listed_on_its_page_only(site):
    holding = sorted(str(path.relative_to(site.site)) for path in site.site.rglob("*") if path.suffix in (".html", ".xml")
                     and any(note in path.read_text(encoding="utf-8") for note in REVIEWED))
    assert holding == ["en/regels/index.html", "regels/index.html"]


def whats_new(build, url: str) -> list[tuple]:
    """Each row: day, note, the note's own lang, and the pages as (title, address)."""
    rows = page(build, url).find(cls="whats-new").find("tbody").find_all("tr")
    found = []
    for row in rows:
        note, pages = row.find_all("td")[1:]
        found.append((row.attrs["data-change-date"], note.text, note.attrs.get("lang"),
                      [(link.text, html_facts.resolve(url, link.attrs["href"])) for link in pages.find_all("a")]))
    return found


NL_PAGES = [("Welkom", ""), ("Wat is er nieuw", "wat-is-er-nieuw/"), ("Regels", "regels/")]
EN_PAGES = [("Welcome", "en/"), ("What's new", "en/wat-is-er-nieuw/"), ("Rules", "en/regels/")]
NL_FIRST = [*NL_PAGES[:2], ("Versies", "versies/"), NL_PAGES[2]]
EN_FIRST = [*EN_PAGES[:2], ("Versions", "en/versies/"), EN_PAGES[2]]


def test_whats_new_lists_each_change_once_with_every_page_it_touched_in_the_readers_language(site):
    assert whats_new(site, "wat-is-er-nieuw/") == [
        ("2026-06-10", THREE[0], None, NL_PAGES),
        ("2026-03-03", HOSTILE, None, [("Regels", "regels/")]),
        ("2026-01-15", FIRST, None, NL_FIRST),
    ]
    assert whats_new(site, "en/wat-is-er-nieuw/") == [
        ("2026-07-01", DUTCH_ONLY, "nl", [("Rules", "en/regels/")]),
        ("2026-06-10", THREE[1], None, EN_PAGES),
        ("2026-05-20", TRANSLATED[1], None, [("Rules", "en/regels/")]),
        ("2026-01-15", FIRST, "nl", EN_FIRST),
    ]
    feed_line = page(site, "en/wat-is-er-nieuw/").find("p", cls="whats-new__feed")
    assert feed_line.text == "Follow the changes in Outlook or any other feed reader with this address: https://handboek.example/en/feed.xml"


def feed(build, language: str) -> ET.Element:
    return ET.parse(build.site / LANGUAGES.url("index.md", language) / "feed.xml").getroot()


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize(("language", "title", "label"), [
    ("nl", f"{TWO_LANGUAGES.site_name('nl')}: Wat is er nieuw", "Pagina's:"),
    ("en", f"{TWO_LANGUAGES.site_name('en')}: What's new", "Pages:"),
])
def test_each_language_has_an_atom_feed_of_the_same_entries_one_per_change(site, repository, language, title, label):
    _, commits = repository
    root = feed(site, language)
    assert root.tag == f"{ATOM}feed" and root.attrib[XML_LANG] == language
    assert root.findtext(f"{ATOM}title") == title
    home = SITE_URL + LANGUAGES.url("index.md", language)
    assert root.findtext(f"{ATOM}id") == home + "feed.xml"
    assert {link.attrib["rel"]: link.attrib["href"] for link in root.findall(f"{ATOM}link")} == {
        "self": home + "feed.xml", "alternate": home + "wat-is-er-nieuw/",
    }
    assert root.findtext(f"{ATOM}author/{ATOM}name") == TWO_LANGUAGES.settings["site_author"]
    entries = root.findall(f"{ATOM}entry")
    rows = whats_new(site, LANGUAGES.url("wat-is-er-nieuw.md", language))
    assert [(entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}title").attrib.get(XML_LANG)) for entry in entries] == \
        [(note, lang) for _, note, lang, _ in rows]
    for entry, (_, _, _, pages) in zip(entries, rows):
        related = [(link.attrib["title"], link.attrib["href"]) for link in entry.findall(f"{ATOM}link[@rel='related']")]
        assert related == [(name, SITE_URL + url) for name, url in pages]
        assert entry.findtext(f"{ATOM}summary") == f"{label} " + ", ".join(name for name, _ in pages)
    three = entries[0] if language == "nl" else entries[1]
    assert three.findtext(f"{ATOM}id") == f"tag:handboek.example,2026-06-10:{commits['three']}/{language}"
    assert three.find(f"{ATOM}link[@rel='alternate']").attrib["href"] == home + "wat-is-er-nieuw/"  # several pages
    assert entries[1 if language == "nl" else 0].find(f"{ATOM}link[@rel='alternate']").attrib["href"] == home + "regels/"
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_feed_ids_are_unique_and_the_same_in_every_build(builds):
    ids = [[entry.findtext(f"{ATOM}id") for entry in feed(build, language).findall(f"{ATOM}entry")] for build in builds for language in ("nl", "en")]
    assert ids[:2] == ids[2:]
    assert len(set(ids[0] + ids[1])) == len(ids[0]) + len(ids[1])


def test_the_same_commit_builds_a_byte_identical_site(builds):
    first, second = (build.site for build in builds)
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert [name for name in files if (first / name).read_bytes() != (second / name).read_bytes()] == []


@pytest.mark.parametrize("url", ["", "regels/", "wat-is-er-nieuw/", "versies/", "en/", "en/regels/", "en/versies/"])
def test_every_page_links_its_languages_feed_in_its_head(site, url):
    links = [link for link in page(site, url).find("head").find_all("link", rel="alternate") if link.attrs.get("type") == "application/atom+xml"]
    assert len(links) == 1
    assert html_facts.resolve(url, links[0].attrs["href"]) == ("en/" if url.startswith("en/") else "") + "feed.xml"


def test_each_other_language_has_a_sitemap_of_its_own_pages_beside_its_feed(site):
    """Material fetches sitemap.xml beside every <link rel=alternate>; without one /en/ pages would request a missing file."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    english = ET.parse(site.site / "en" / "sitemap.xml").getroot()
    assert [loc.text for loc in english.iter(f"{namespace}loc")] == [SITE_URL + f"en/{path}" for path in ("", "regels/", "versies/", "wat-is-er-nieuw/")]
    assert len(list(english.iter("{http://www.w3.org/1999/xhtml}link"))) == 8


@pytest.mark.parametrize(("url", "text"), [
    ("regels/", "Versie van 1 september 2026 · {short}"),
    ("en/regels/", "Version of 1 September 2026 · {short}"),
])
def test_the_footer_names_the_commit_built_and_links_to_the_versions_page_and_the_pdf(site, repository, url, text):
    """Built outside publishing, the build is no record: no version is in force, the commit built is named."""
    _, commits = repository
    edition = page(site, url).find("footer").find("p", cls="handbook-edition")
    version = edition.find(data_version=True)
    assert " ".join(version.text.split()) == text.format(short=commits["outside"][:7])
    root = "en/" if url.startswith("en/") else ""
    assert html_facts.resolve(url, version.attrs["href"]) == root + "versies/"
    assert html_facts.resolve(url, edition.find("a", data_pdf_link=True).attrs["href"]) == root + "handbook.pdf"


@pytest.mark.parametrize(("url", "text"), [("versies/", "Er is nog geen versie gepubliceerd."), ("en/versies/", "No version has been published yet.")])
def test_without_the_archive_the_versions_page_lists_none(site, url, text):
    assert page(site, url).find("p", cls="policy-versions__none").text == text
    assert not page(site, url).find_all("tr", data_version=True)


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_not_found_pages_carry_the_version_and_the_pdf_link_too(site, root):
    footer = html_facts.parse((site.site / root / "404.html").read_text(encoding="utf-8")).find("footer")
    assert footer.find(data_version=True).attrs["href"] == f"/{root}versies/"
    assert footer.find("a", data_pdf_link=True).attrs["href"] == f"/{root}handbook.pdf"


def git_calls(build_of, project: Path, tmp_path: Path) -> list[str]:
    """Every git process one build starts (its subcommand and arguments), through a git on PATH that notes them."""
    noted = tmp_path / "git-calls"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir(exist_ok=True)
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{noted}"\nexec {shutil.which("git")} "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    noted.unlink(missing_ok=True)
    build = build_of(project, tmp_path / "site", env={"PATH": f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}"})
    assert build.returncode == 0, build.log
    return [" ".join(call.split()[len(git_history.GIT_OPTIONS):]) for call in noted.read_text(encoding="utf-8").splitlines()]


def test_one_git_log_for_the_whole_build_shared_by_both_languages_and_old_patches_read_once(repository, build_of, tmp_path):
    project, commits = repository
    shutil.copytree(project, tmp_path / "copy")  # its own Git folder, so its own cache of change kinds
    project = tmp_path / "copy"
    (project / ".git" / git_history.kinds_cache.FILE_NAME).unlink(missing_ok=True)
    first = git_calls(build_of, project, tmp_path)
    # HEAD's date, where the cache lives, the changes, all their patches, the files of the reviews and keyword
    # changes, then the commits giving a rule's day (In-force-from: Git picks them by the message); the next
    # language's pass asks nothing: the build reads its history once. (A build reads no version.)
    assert [call.split()[0] for call in first] == ["rev-parse", "log", "rev-parse", "log", "log", "cat-file", "log"]
    assert sum("--grep=^in-force-from:" in call for call in first) == 1
    assert sum("--name-status" in call for call in first) == 1
    assert [call.split()[-3] for call in first if " -p " in call] == [commits["outside"]]  # the whole history
    # The same HEAD again: the kinds come from the cache, no patch is read.
    assert not [call for call in git_calls(build_of, project, tmp_path) if " -p " in call]
    # A new commit: only its patches are read.
    write_page(project / "docs", "regels.md", title="Regels", last_reviewed="2026-09-02", body="Privéaccounts.\n")
    new = commit(project, "Regels beoordeeld", "2026-09-02T12:00:00+02:00")
    assert [call.split()[-3] for call in git_calls(build_of, project, tmp_path) if " -p " in call] == [f"{commits['outside']}..{new}"]
    assert history_of(build_of(project, tmp_path / "again"), "regels/")[0][:2] == ("2026-09-02", "text")


def test_a_cache_from_other_history_is_not_trusted(repository, build_of, tmp_path):
    """After a rewrite (the cache's HEAD is not in HEAD's history) or with a broken cache, every patch is read again."""
    project, commits = repository
    shutil.copytree(project, tmp_path / "copy")
    project = tmp_path / "copy"
    cache = project / ".git" / git_history.kinds_cache.FILE_NAME
    git_history.kinds_cache.save(cache, str(project / "docs"), "f" * 40, {(commits["hostile"], "regels.md"): "review"})
    assert [call.split()[-3] for call in git_calls(build_of, project, tmp_path) if " -p " in call] == [commits["outside"]]
    cache.write_text("{not json", encoding="utf-8")
    assert [call.split()[-3] for call in git_calls(build_of, project, tmp_path) if " -p " in call] == [commits["outside"]]
    assert history_of(build_of(project, tmp_path / "site2"), "regels/")[2][:3] == ("2026-03-03", "text", HOSTILE)


def warnings_in(log: str) -> list[str]:
    return [line.removeprefix("WARNING -  ") for line in log.splitlines() if line.startswith("WARNING")]


def test_a_shallow_clone_shows_no_history_and_says_why_once(repository, build_of, tmp_path):
    project, commits = repository
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{project}", str(clone))
    build = build_of(clone, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    assert warnings_in(build.log) == [
        "Page history is not shown: this is a shallow clone: its history stops at a cut-off commit, so the dates would be wrong. "
        "Pages show no changes, What's new and the feeds are empty. Build from a full clone (git fetch --unshallow; "
        "the publish pipelines fetch the whole history), or set HANDBOOK_HISTORY=off to build without it on purpose.",
    ]
    for url in ("regels/", "en/regels/"):
        article = page(build, url).find("article")
        assert not article.find_all(data_last_changed=True) and not article.find_all("details")
    assert page(build, "wat-is-er-nieuw/").find("p", cls="whats-new__none").text == "Er zijn nog geen wijzigingen vastgelegd."
    assert feed(build, "en").findall(f"{ATOM}entry") == []
    # HEAD is known in a shallow clone: the version still shows.
    assert page(build, "regels/").find(data_version=True).attrs["data-version"] == commits["outside"][:7]
    assert build_of(clone, tmp_path / "strict").returncode != 0, "a strict build (publishing) must not pass without the history"


def test_outside_git_the_build_says_why_once_and_off_says_it_is_on_purpose(repository, build_of, tmp_path):
    project, _ = repository
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".git"))
    build = build_of(copy, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    [warning] = warnings_in(build.log)
    assert warning.startswith(f"Page history is not shown: {copy / 'docs'} is not in a Git work tree. ")
    assert not page(build, "regels/").find("article").find_all(data_last_changed=True)
    assert not page(build, "regels/").find("footer").find_all(data_version=True)
    assert page(build, "regels/").find("footer").find_all(data_pdf_link=True)
    assert build_of(copy, tmp_path / "strict").returncode != 0
    off = build_of(copy, tmp_path / "off", env={"HANDBOOK_HISTORY": "off"})
    assert off.returncode == 0, off.log
    assert warnings_in(off.log) == []
    assert "INFO    -  Page history is off (HANDBOOK_HISTORY=off): pages show no changes, What's new and the feeds are empty" in off.log


def test_a_wrong_history_setting_is_named_not_a_traceback(repository, build_of, tmp_path):
    project, _ = repository
    build = build_of(project, tmp_path / "site", env={"HANDBOOK_HISTORY": "yes"})
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "HANDBOOK_HISTORY='yes': expected 'git' (read the history from Git, the default) or 'off'" in build.log


def test_a_reader_opens_the_history_and_follows_the_version_to_the_versions_page(repository, run_build, browser, tmp_path):
    """In chromium: no request fails or leaves the site (Material fetches a sitemap beside the feed link)."""
    project, _ = repository
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as address:
        build = run_build(project, TODAY, site=site, env={**READ_HISTORY, "HANDBOOK_SITE_URL": address})
        assert build.returncode == 0, build.log
        tab = browser.new_page()
        try:
            with Traffic(browser) as traffic:
                tab.goto(address + "en/regels/")
                tab.wait_for_load_state("networkidle")
                history = tab.locator("details.change-history")
                assert not history.locator("li").first.is_visible()
                history.locator("summary").click()
                assert history.locator("li").first.inner_text().startswith("1 August 2026: Reviewed " + REVIEWED[1])
                with tab.expect_navigation():
                    tab.locator("footer [data-version]").click()
                assert tab.locator("article h1").inner_text() == "Versions"
                assert tab.locator(".policy-versions__none").inner_text() == "No version has been published yet."
                tab.wait_for_load_state("networkidle")
            assert traffic.failures == [] and traffic.off_site(address.rstrip("/")) == []
            assert any(url.endswith("/en/sitemap.xml") for url in traffic.requests)
        finally:
            tab.close()
