"""deploy/nginx.conf for real: Debian's nginx on a loopback port serving published releases."""

from __future__ import annotations

import contextlib
import gzip
import json
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import FIXTURE_DATE, TWO_LANGUAGES, committed, materialise

from handbook_testing import html_facts
from handbook_engine.publishing import releases

TITLES = {path: TWO_LANGUAGES.title("werkplek.md", language) for path, language in (("/werkplek/", "nl"), ("/en/werkplek/", "en"))}


@pytest.fixture(scope="module")
def site(tmp_path_factory, nginx, handbook_tool):
    """The two-language fixture published into a folder that nginx serves; yields (project, target, address, publish)."""
    # nginx's workers run as an unprivileged user: the publish folder must be readable by all.
    base = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))
    base.chmod(0o755)
    project = committed(materialise(tmp_path_factory.mktemp("served")))
    target = base / "www"
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("HANDBOOK_TODAY", FIXTURE_DATE)

        def publish(*argv: str) -> int:
            return handbook_tool(project, *argv, "--to", str(target))

        assert publish("publish") == 0
        try:
            with nginx(base) as address:
                yield project, target, address, publish
        finally:
            shutil.rmtree(base, ignore_errors=True)


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "SAMEORIGIN"}


@pytest.mark.parametrize(("path", "status", "snippet"), [
    ("/", 200, '<html lang="nl"'),
    ("/werkplek/", 200, f"<h1>{TITLES['/werkplek/']}</h1>"),
    ("/en/", 200, '<html lang="en"'),
    ("/en/werkplek/", 200, f"<h1>{TITLES['/en/werkplek/']}</h1>"),
    ("/bestaat-niet/", 404, '<html lang="nl"'),
    ("/en/does-not-exist/", 404, '<html lang="en"'),
])
def test_pages_in_both_languages_with_security_headers(site, path, status, snippet):
    code, headers, body = fetch(site[2] + path)
    assert code == status
    assert snippet in body
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-cache"


def test_fingerprinted_assets_are_cached_for_a_year_and_review_json_not_at_all(site):
    _, _, home = fetch(site[2] + "/")
    bundle = next(part.split('"')[0] for part in home.split('src="')[1:] if "bundle." in part)
    code, headers, _ = fetch(site[2] + "/" + bundle.lstrip("./"))
    assert code == 200 and headers["Cache-Control"] == "max-age=31536000, immutable"
    code, headers, body = fetch(site[2] + "/review.json")
    assert code == 200 and headers["Cache-Control"] == "no-cache" and body.lstrip().startswith("{")
    assert headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(("path", "content_type"), [
    ("/feed.xml", "application/atom+xml"), ("/en/feed.xml", "application/atom+xml"),
    ("/handbook.pdf", "application/pdf"), ("/en/handbook.pdf", "application/pdf"),
])
def test_feeds_and_pdfs_are_served_as_what_they_are_and_never_stale(site, path, content_type):
    code, headers, _ = fetch(site[2] + path)
    assert code == 200
    assert headers["Content-Type"].split(";")[0] == content_type
    assert headers["Cache-Control"] == "no-cache"
    assert "script-src 'self';" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(("path", "content_type"), [
    ("/sitemap.xml", "text/xml"), ("/en/sitemap.xml", "text/xml"),
    ("/feed.xml", "application/atom+xml"), ("/en/feed.xml", "application/atom+xml"),
])
def test_sitemaps_and_feeds_are_sent_compressed(site, path, content_type):
    """Material fetches sitemap.xml on every page view; a feed reader fetches the feed again and again."""
    request = urllib.request.Request(site[2] + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].split(";")[0] == content_type
        assert response.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(response.read())
    assert body == (site[1] / "current" / path.lstrip("/")).read_bytes()


def test_every_version_s_pdfs_and_marked_up_changes_are_served_from_the_archive_and_the_record_is_not(site):
    project, target, address, _ = site
    version = json.loads((target / "archive" / "versions.json").read_text(encoding="utf-8"))["versions"][0]["id"]
    for path, kind in ((f"/archive/{version}/handbook.pdf", "application/pdf"), (f"/archive/{version}/en/handbook.pdf", "application/pdf"),
                       (f"/archive/{version}/changes.html", "text/html; charset=utf-8"),
                       (f"/archive/{version}/en/changes.html", "text/html; charset=utf-8"),
                       (f"/archive/{version}/changes.css", "text/css; charset=utf-8")):
        with urllib.request.urlopen(address + path, timeout=10) as response:
            assert response.headers["Content-Type"] == kind
            assert response.headers["Cache-Control"] == "max-age=31536000, immutable"
            assert response.read() == (target / path.lstrip("/")).read_bytes()
    # versions.json (whom the announcements went to) is not for readers, and no build puts a copy of it in the site.
    assert (target / "archive" / "versions.json").is_file() and not (target / "current" / "version.json").exists()
    for path in ("/archive/versions.json", "/archive/", f"/archive/{version}/", "/version.json", "/archive/nothing/handbook.pdf"):
        code, headers, body = fetch(address + path)
        assert code == 404, path
        assert '<html lang="nl"' in body and headers["Cache-Control"] == "no-cache"


@contextlib.contextmanager
def home_page_with(project: Path, sentence: str):
    """The project's Dutch home page with `sentence` added, while in the `with` block."""
    page = project / "docs" / "index.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + f"\n{sentence}\n", encoding="utf-8")
    try:
        yield
    finally:
        page.write_text(original, encoding="utf-8")


def test_a_new_publish_is_served_and_a_rollback_brings_the_old_one_back(site):
    project, target, address, publish = site
    with home_page_with(project, "Nieuw in deze versie van het handboek."):
        assert publish("publish") == 0
        assert "Nieuw in deze versie" in fetch(address + "/")[2]
        assert publish("publish", "--rollback") == 0
        assert "Nieuw in deze versie" not in fetch(address + "/")[2]
        assert len(releases.releases(target)) == 2


def test_the_site_runs_under_its_content_security_policy(site, browser):
    address = site[2]
    page = browser.new_page()
    violations, errors = [], []
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        for path, word in (("/", "beeldscherm"), ("/werkplek/", "beeldscherm"), ("/en/", "screen"), ("/en/werktijden/", "screen")):
            page.goto(address + path)
            page.set_viewport_size({"width": 1280, "height": 800})
            field = page.locator("input.md-search__input")
            field.click()
            field.press_sequentially(word, delay=5)
            page.locator(".md-search-result__item").first.wait_for()
            violations += page.evaluate("window.__csp || []")
    finally:
        page.close()
    assert violations == []
    assert [e for e in errors if "Content Security Policy" in e] == []


# --- previews of merge requests ---------------------------------------------------

BANNERS = {"nl": "Voorbeeld van een wijziging: dit is niet het geldende beleid", "en": "Preview of a change: this is not the policy in force"}


@pytest.fixture(scope="module")
def preview(site):
    """The handbook with a changed home page, published as the preview pr-7 next to the published site."""
    project, target, address, publish = site
    with home_page_with(project, "Deze zin staat alleen in het voorbeeld."):
        assert publish("preview", "--name", "pr-7") == 0
    return f"{address}/previews/pr-7/"


@pytest.mark.parametrize(("path", "status", "language"), [
    ("", 200, "nl"), ("werkplek/", 200, "nl"), ("en/", 200, "en"), ("en/werkplek/", 200, "en"),
    ("bestaat-niet/", 404, "nl"), ("en/does-not-exist/", 404, "en"),
])
def test_a_preview_is_served_beside_the_site_with_its_banner_on_every_page(preview, path, status, language):
    code, headers, body = fetch(preview + path)
    assert code == status
    root = html_facts.parse(body)
    assert root.find("html").attrs["lang"] == language
    assert root.find(data_preview="pr-7").text == BANNERS[language]
    assert root.find("meta", name="robots").attrs["content"] == "noindex"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_the_published_site_is_not_the_preview(preview, site):
    body = fetch(site[2] + "/")[2]
    assert "Deze zin staat alleen in het voorbeeld." not in body and "data-preview" not in body
    assert "Deze zin staat alleen in het voorbeeld." in fetch(preview)[2]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_reader_of_a_preview_sees_the_banner(preview, browser, language):
    page = browser.new_page()
    try:
        page.goto(preview + ("" if language == "nl" else "en/"))
        banner = page.locator("[data-preview]")
        assert banner.is_visible()
        assert banner.inner_text() == BANNERS[language]
    finally:
        page.close()


def test_a_removed_preview_is_gone(site, tmp_path):
    project, target, address, publish = site
    assert publish("preview", "--name", "weg") == 0
    assert fetch(f"{address}/previews/weg/")[0] == 200
    assert publish("preview", "--name", "weg", "--remove") == 0
    assert fetch(f"{address}/previews/weg/")[0] == 404
    assert not (target / "previews" / ".weg").exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_preview_s_versions_page_links_the_archived_pdfs_that_nginx_serves(preview, site, language):
    """The preview lives at previews/pr-7/, the archive at the site root's archive/."""
    target = site[1]
    versions = [version["id"] for version in json.loads((target / "archive" / "versions.json").read_text(encoding="utf-8"))["versions"]]
    page = preview + TWO_LANGUAGES.url("versies.md", language)
    code, _, body = fetch(page)
    assert code == 200
    links = html_facts.parse(body).find_all("a", data_version_pdf=True)
    addresses = {urljoin(page, link.attrs["href"]) for link in links}
    root = site[2] + "/archive/"
    assert addresses == {f"{root}{version}/{folder}handbook.pdf" for version in versions for folder in ("", "en/")}
    for address in addresses:
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.read().startswith(b"%PDF-")
