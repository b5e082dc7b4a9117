"""Shared fixtures: the engine's fixture handbooks built and served, a browser, servers and Git in tmp_path.

The engine's tests build the fixture handbooks of tests/fixtures/ (handbook_testing.fixture_handbooks)
or handbooks they write in tmp_path, never this repository's docs/ or mkdocs.yml; only the handbook's
own checks (tests/handbook/) read those. Every fixture that starts something slow (a build, chromium,
a mail server, nginx, the live preview, make) is marked with what it starts (@starts, tests/tiers.py):
a test that uses one, however indirectly, is in the slow tier. handbook_testing.guards watches both
rules while the tests run. tests/README.md, "Fixtures", lists what each fixture gives.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from handbook_engine import REPOSITORY
from handbook_engine.cli import handbook
from handbook_engine.publishing.build_environment import build_environment
from handbook_testing import chromium, guards, html_facts
from handbook_testing.fixture_handbooks import (  # noqa: F401 - the tests import them from here
    FIXTURE_DATE, ONE_LANGUAGE, OVERDUE_DATE, THREE_LANGUAGES, TWO_LANGUAGES, edit_file, materialise, small_handbook, write_page,
)
from handbook_testing.loopback import free_port, serve  # noqa: F401 - the tests import them from here
from tiers import is_handbook_check, kinds_started, pytest_collection_modifyitems, starts  # noqa: F401 - a pytest hook

ROOT = REPOSITORY


# --- The environment: every test gives its own ------------------------------------------------
#
# A developer or CI with HANDBOOK_TODAY, HANDBOOK_SITE_URL, HANDBOOK_ARCHIVE ... set gets the same
# results: every HANDBOOK_* variable is taken out of this process's environment before any test runs
# (the builds and tools the tests start inherit it), and so are the Git variables a Git hook sets,
# which would point the tests' own repositories at another. Each test sets what it needs.
# HANDBOOK_TODAY and HANDBOOK_PROJECT are kept aside for the handbook's own checks only.

AMBIENT = {name: os.environ[name] for name in ("HANDBOOK_TODAY", "HANDBOOK_PROJECT") if name in os.environ}
SCRUBBED_PREFIX = "HANDBOOK_"
SCRUBBED = frozenset({"SOURCE_DATE_EPOCH", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                      "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX"})


def scrubbed(environ: dict[str, str]) -> dict[str, str]:
    """`environ` without what the tests must not inherit."""
    return {name: value for name, value in environ.items() if not name.startswith(SCRUBBED_PREFIX) and name not in SCRUBBED}


for _name in set(os.environ) - set(scrubbed(dict(os.environ))):
    del os.environ[_name]


# --- The guards: no engine test reads the handbook; slow things only through their fixtures ---


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A test module that reads the handbook while it is imported (an engine test's page list, say) fails to collect."""
    if not isinstance(collector, pytest.Module):
        return (yield)
    guards.WATCH.start(str(collector.path), may_read_the_handbook=is_handbook_check(collector.path), may_start=frozenset())
    try:
        report = yield
    finally:
        reached = guards.WATCH.stop()
    if reached and report.passed:
        report.outcome = "failed"
        report.longrepr = f"{collector.path}, while it is imported:\n  " + "\n  ".join(reached)
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    guards.WATCH.start(item.nodeid, may_read_the_handbook=is_handbook_check(item.path), may_start=kinds_started(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "teardown":
        reached = guards.WATCH.stop()
        if reached:
            report.outcome = "failed"
            report.longrepr = (f"{item.nodeid} breaks a rule of the tests (handbook_testing.guards):\n  " + "\n  ".join(reached)
                               + "\nEngine tests build the fixture handbooks (tests/fixtures/), and start builds, browsers and"
                               " servers through the fixtures that declare them (tests/README.md).")
    return report


# --- Builds --------------------------------------------------------------------------------------


@dataclass
class Build:
    """The result of one `mkdocs build`."""

    returncode: int
    log: str
    site: Path

    def html(self, url: str) -> str:
        """The HTML of the page at `url` ('' for the home page, 'en/werkplek/', ...)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def build_site(project: Path, today: str | None, *, strict: bool = True, site: Path | None = None, env: dict | None = None,
               engine: str = "mkdocs") -> Build:
    """Build the project in a fresh process, as `make build` does (without the PDFs), for the day `today`
    (HANDBOOK_TODAY; None: the real today in the handbook's time zone).

    Without the Git history (HANDBOOK_HISTORY=off) unless `env` asks for it (READ_HISTORY): most
    projects are copies in tmp_path, outside any Git repository. `engine` is the module that builds:
    mkdocs, or properdocs (tests/test_engines.py).
    """
    site = site or project / "site"
    env = build_environment({"HANDBOOK_HISTORY": "off", **({"HANDBOOK_TODAY": today} if today else {}), **(env or {})})
    command = [sys.executable, "-m", engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
@starts("build")
def run_build():
    """`run_build(project, today, strict=True, site=None, env=None, engine="mkdocs") -> Build` (build_site)."""
    return build_site


@pytest.fixture(scope="session")
@starts("build")
def handbook_tool():
    """`handbook_tool(project, *argv) -> int`: scripts/handbook.py for the project, in this process, for the
    commands that build the site (publish, preview)."""
    def run(project: Path, *argv: str) -> int:
        return handbook.main(["--config", str(project / "mkdocs.yml"), *argv])
    return run


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, run_build) -> Build:
    """The two-language fixture handbook, built once per test run with --strict on FIXTURE_DATE."""
    project = materialise(tmp_path_factory.mktemp("fixture"))
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    return build


# --- What a reader sees: the fixture handbook served, in chromium ------------------------------

SCREENSHOTS = ROOT / "test-output" / "screenshots"


@dataclass
class ServedSite:
    """A built site and the loopback address it is served at, which is also its site_url."""

    address: str
    build: Build

    @property
    def origin(self) -> str:
        return self.address.rstrip("/")


@contextlib.contextmanager
def served_fixture(target: Path, today: str, run_build) -> Iterator[ServedSite]:
    """The two-language fixture handbook built for `today` and served, with the server's address as site_url."""
    project = materialise(target)
    site = project / "site"
    site.mkdir()
    # The server reads the folder at each request, so it can start before the build that needs its address.
    with serve(site) as address:
        build = run_build(project, today, site=site, env={"HANDBOOK_SITE_URL": address})
        assert build.returncode == 0, build.log
        yield ServedSite(address, build)


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory, run_build) -> Iterator[ServedSite]:
    """The two-language fixture on FIXTURE_DATE (every page current but one due soon), served at its site_url."""
    with served_fixture(tmp_path_factory.mktemp("reader"), FIXTURE_DATE, run_build) as served:
        yield served


@pytest.fixture(scope="session")
def overdue_reader_site(tmp_path_factory, run_build) -> Iterator[ServedSite]:
    """The two-language fixture built on OVERDUE_DATE, when every page is overdue, served at its site_url."""
    with served_fixture(tmp_path_factory.mktemp("reader-overdue"), OVERDUE_DATE, run_build) as served:
        yield served


@pytest.fixture(scope="session")
@starts("browser")
def browser(tmp_path_factory):
    """Debian's chromium driven by Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = chromium.launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield context
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-output/screenshots/ (git-ignored), emptied once per test run, for a person to look at."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


class Traffic:
    """While in a `with` block: every request of a browser context, and every response with status 400 or more."""

    def __init__(self, context):
        self.context = context
        self.requests: list[str] = []
        self.failures: list[str] = []

    def _on_request(self, request) -> None:
        self.requests.append(request.url)

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def __enter__(self) -> Traffic:
        self.context.on("request", self._on_request)
        self.context.on("response", self._on_response)
        return self

    def __exit__(self, *exc_info) -> None:
        self.context.remove_listener("request", self._on_request)
        self.context.remove_listener("response", self._on_response)

    def off_site(self, origin: str) -> list[str]:
        """The requests that went anywhere but `origin` (data: URLs never leave the browser)."""
        return [url for url in self.requests if not (url == origin or url.startswith((origin + "/", "data:")))]


# Noon on FIXTURE_DATE in Amsterdam: the reader's clock in the reader tests. The pages re-check their review
# state in the browser (a site left unbuilt still warns when a page falls due), so without it a page due soon
# on FIXTURE_DATE would show as overdue once the real date has passed its due date. The clock is the browser
# context's: it runs on from there in later tabs too (a fixed one would stop the search's debounce), and a
# test that needs another moment installs its own (test_review_browser.py).
READER_CLOCK = dt.datetime.fromisoformat(f"{FIXTURE_DATE}T12:00:00+01:00")


@pytest.fixture
def reader_page(browser):
    """A fresh tab, 1280 px wide, its clock at noon on FIXTURE_DATE and running, closed after the test."""
    page = browser.new_page()
    page.clock.install(time=READER_CLOCK)
    page.set_viewport_size({"width": 1280, "height": 800})
    yield page
    page.close()


def script_free_tab(browser, width: int, height: int):
    """A tab `width` by `height` px in which no script runs, as for a reader who has switched JavaScript off
    (neither the site's files nor inline scripts)."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    browser.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    return page


# --- Real Git history: repositories made in tmp_path, with commits on chosen dates, that work the same
# on a machine without any Git identity or configuration (a clean CI machine).

READ_HISTORY = {"HANDBOOK_HISTORY": "git"}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
    "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repository: Path, *arguments: str, when: str | None = None, author: str | None = None) -> str:
    """Run git in `repository`; `when` (ISO 8601, like 2026-11-03T10:00:00+01:00) dates a commit, `author` names its author."""
    env = {**os.environ, **GIT_ENV}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    if author is not None:
        env["GIT_AUTHOR_NAME"] = author
    result = subprocess.run(["git", "-C", str(repository), *arguments], env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(arguments)}: {result.stderr}"
    return result.stdout.strip()


def commit(repository: Path, message: str, when: str, author: str | None = None) -> str:
    """Commit every change in the work tree on `when`; the commit's hash."""
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "--allow-empty", "-m", message, when=when, author=author)
    return git(repository, "rev-parse", "HEAD")


def committed(project: Path, message: str = "Het handboek", when: str = "2026-11-20T10:00:00+01:00") -> Path:
    """`project` made a Git repository with everything in one commit."""
    git(project, "init", "--quiet", "--initial-branch=main")
    commit(project, message, when)
    return project


# --- E-mail (tests/test_notify.py, tests/test_announcement.py): a real SMTP server on loopback
# (aiosmtpd) that keeps what it receives, read back as MIME.


@dataclass
class Mailbox:
    """What the SMTP server received, and which recipients it refuses."""

    refused: set[str] = field(default_factory=set)
    received: list[email.message.EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.received.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted"

    def by_recipient(self) -> dict[str, email.message.EmailMessage]:
        return {message["To"]: message for message in self.received}


@contextlib.contextmanager
def mail_server() -> Iterator[tuple[Mailbox, int]]:
    """A mail server on a free loopback port while in the `with` block: (its Mailbox, its port)."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="session")
@starts("mail_server")
def mail_servers():
    """`with mail_servers() as (mailbox, port):` starts a mail server on loopback (for a module's scenario)."""
    return mail_server


@pytest.fixture
def mailbox(mail_servers):
    """A mail server on a free loopback port for this test: (its Mailbox, its port)."""
    with mail_servers() as started:
        yield started


def mail_parts(message: email.message.EmailMessage) -> tuple[str, html_facts.Element]:
    """The plain text and the parsed HTML alternative."""
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # SMTP sends CRLF
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html_facts.parse(html)


# --- nginx serving deploy/nginx.conf (tests/test_serving.py) -------------------------------------

NGINX = Path("/usr/sbin/nginx")


def nginx_config(base: Path, port: int) -> str:
    """The shipped deploy/nginx.conf with only its paths and port changed: it serves base/www."""
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


@contextlib.contextmanager
def nginx_serving(base: Path) -> Iterator[str]:
    """Debian's nginx with deploy/nginx.conf serving base/www on a free loopback port; yields its address."""
    port = free_port()
    (base / "nginx.conf").write_text(nginx_config(base, port), encoding="utf-8")
    server = subprocess.Popen([str(NGINX), "-c", str(base / "nginx.conf"), "-p", str(base), "-e", str(base / "startup.log"),
                               "-g", "daemon off;"])
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(address + "/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None and time.monotonic() < deadline, (base / "startup.log").read_text()
                time.sleep(0.1)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
@starts("web_server")
def nginx():
    """`with nginx(base) as address:` serves base/www with deploy/nginx.conf (skips when nginx is not installed)."""
    if not NGINX.exists():
        pytest.skip("nginx is installed by `make test` (scripts/install-system-packages.sh)")
    return nginx_serving


# --- The live preview (`make serve`) in a child process ------------------------------------------


@pytest.fixture(scope="session")
@starts("preview_server")
def preview_server():
    """handbook_testing.preview_server.PreviewServer: `with preview_server(project, port, env) as preview:`."""
    from handbook_testing.preview_server import PreviewServer

    return PreviewServer


# --- make in a subprocess -------------------------------------------------------------------------


def run_make(directory: Path, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`make -s -C directory arguments` in a folder with the engine's Makefile (a clone, or a fixture handbook
    materialised with tools=True), with this test run's venv: its Python and pinned packages, never a new
    venv. The engine is the folder's own (its hooks/handbook_engine first on PYTHONPATH), as the folder's
    own venv would have it installed, so that the tools' default project is the folder."""
    venv = Path(sys.prefix)
    command = ["make", "-s", "-C", str(directory), f"VENV={venv}", "-o", str(venv / ".runtime-installed"),
               "-o", str(venv / ".test-installed"), *arguments]
    env = {**(env if env is not None else os.environ), "PYTHONPATH": str(directory / "hooks")}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
@starts("make")
def make():
    """`make(directory, *arguments, env=None) -> CompletedProcess` (run_make)."""
    return run_make


# --- The handbook's own checks (tests/handbook/): this repository's handbook as it stands ------------
#
# Only the tests under tests/handbook/ use these. HANDBOOK_PROJECT names another handbook to check (a
# clone where HR changed theirs, tests/handbook/test_hr_edits.py); HANDBOOK_TODAY, when set, is the day
# it is checked for, else the real today in its time zone. What they leave out (a search question whose
# page is gone, a language the facts are not compared in) is listed at the end of the run.

HANDBOOK_PROJECT = Path(AMBIENT.get("HANDBOOK_PROJECT", ROOT)).resolve()
HANDBOOK_TODAY = AMBIENT.get("HANDBOOK_TODAY")
LEFT_OUT: list[str] = []


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory, run_build) -> Build:
    """The handbook built with --strict, as it stands (its history not read: CI's test job has a shallow clone)."""
    build = run_build(HANDBOOK_PROJECT, HANDBOOK_TODAY, site=tmp_path_factory.mktemp("handbook") / "site")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def handbook_address(handbook_site) -> Iterator[str]:
    """The built handbook served on loopback: its address."""
    with serve(handbook_site.site) as address:
        yield address


@pytest.fixture(scope="session")
def left_out() -> list[str]:
    """Where a handbook check says what it left out, and why; printed at the end of the run."""
    return LEFT_OUT


def pytest_terminal_summary(terminalreporter):
    if LEFT_OUT:
        terminalreporter.section("the handbook's own checks left out")
        for line in LEFT_OUT:
            terminalreporter.write_line(line)
