"""deploy/nginx.conf for real: Debian's nginx on a loopback port serving published releases."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, committed, copy_handbook, free_port

from handbook_engine.cli import handbook
from handbook_testing import html_facts
from handbook_engine.publishing import releases

NGINX = "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is installed by `make test` (scripts/install-system-packages.sh)")


def adjusted_config(base: Path, port: int) -> str:
    """The shipped config with only its paths and port changed."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/srv/handbook/current": str(base / "www" / "current"),
        "root /srv/handbook;": f"root {base / 'www'};",
        "/run/nginx-handbook.pid": str(base / "nginx.pid"),
        "/var/log/nginx/": f"{base}/",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A handbook project, a publish folder and nginx serving it; yields (project, target, address)."""
    # nginx's workers run as an unprivileged user: the publish folder must be readable by all.
    base = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))
    base.chmod(0o755)
    project = committed(copy_handbook(tmp_path_factory.mktemp("served")))
    target = base / "www"
    previous = os.environ.get("HANDBOOK_TODAY")
    os.environ["HANDBOOK_TODAY"] = "2026-11-21"
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "publish", "--to", str(target)]) == 0
    port = free_port()
    (base / "nginx.conf").write_text(adjusted_config(base, port), encoding="utf-8")
    server = subprocess.Popen([NGINX, "-c", str(base / "nginx.conf"), "-p", str(base), "-e", str(base / "startup.log"), "-g", "daemon off;"])
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(address + "/", timeout=2).close()
            break
        except (urllib.error.URLError, ConnectionError):
            assert server.poll() is None and time.monotonic() < deadline, (base / "startup.log").read_text()
            time.sleep(0.1)
    try:
        yield project, target, address
    finally:
        server.terminate()
        server.wait(timeout=20)
        if previous is None:
            os.environ.pop("HANDBOOK_TODAY", None)
        else:
            os.environ["HANDBOOK_TODAY"] = previous
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
    ("/richtlijnen/", 200, "<h1>Richtlijnen</h1>"),
    ("/en/", 200, '<html lang="en"'),
    ("/en/richtlijnen/", 200, "<h1>Guidelines</h1>"),
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


def test_every_version_s_pdfs_are_served_from_the_archive_and_the_record_is_not(site):
    project, target, address = site
    version = json.loads((target / "archive" / "versions.json").read_text(encoding="utf-8"))["versions"][0]["id"]
    for path in (f"/archive/{version}/handbook.pdf", f"/archive/{version}/en/handbook.pdf"):
        with urllib.request.urlopen(address + path, timeout=10) as response:
            assert response.headers["Content-Type"] == "application/pdf"
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
    project, target, address = site
    with home_page_with(project, "Nieuw in deze versie van het handboek."):
        assert handbook.main(["--config", str(project / "mkdocs.yml"), "publish", "--to", str(target)]) == 0
        assert "Nieuw in deze versie" in fetch(address + "/")[2]
        assert handbook.main(["--config", str(project / "mkdocs.yml"), "publish", "--to", str(target), "--rollback"]) == 0
        assert "Nieuw in deze versie" not in fetch(address + "/")[2]
        assert len(releases.releases(target)) == 2


@pytest.mark.browser
def test_the_site_runs_under_its_content_security_policy(site, browser):
    address = site[2]
    page = browser.new_page()
    violations, errors = [], []
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        for path in ("/", "/richtlijnen/", "/en/", "/en/risicos/"):
            page.goto(address + path)
            page.set_viewport_size({"width": 1280, "height": 800})
            field = page.locator("input.md-search__input")
            field.click()
            field.press_sequentially("social", delay=5)
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
    project, target, address = site
    with home_page_with(project, "Deze zin staat alleen in het voorbeeld."):
        assert handbook.main(["--config", str(project / "mkdocs.yml"), "preview", "--to", str(target), "--name", "pr-7"]) == 0
    return f"{address}/previews/pr-7/"


@pytest.mark.parametrize(("path", "status", "language"), [
    ("", 200, "nl"), ("richtlijnen/", 200, "nl"), ("en/", 200, "en"), ("en/richtlijnen/", 200, "en"),
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


@pytest.mark.browser
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
    project, target, address = site
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "preview", "--to", str(target), "--name", "weg"]) == 0
    assert fetch(f"{address}/previews/weg/")[0] == 200
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "preview", "--to", str(target), "--name", "weg", "--remove"]) == 0
    assert fetch(f"{address}/previews/weg/")[0] == 404
    assert not (target / "previews" / ".weg").exists()
