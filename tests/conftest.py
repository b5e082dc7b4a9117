"""Shared fixtures: real builds of the handbook, or of small handbooks made in tmp_path."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from handbook_testing import chromium
from handbook_testing import html_facts
from handbook_engine.publishing.build_environment import build_environment
from handbook_engine.cli.handbook_project import configured_languages
from handbook_testing.loopback import free_port, serve  # noqa: F401 - the tests import them from here
from tiers import pytest_collection_modifyitems  # noqa: F401 - the hook that marks the slow tests


ROOT = Path(__file__).resolve().parent.parent
# The date the real handbook is built for in tests: every page is current then.
HANDBOOK_DATE = "2026-11-21"
# The real handbook's languages, default first, as mkdocs.yml names them.
LANGUAGES = configured_languages(ROOT / "mkdocs.yml")


@dataclass
class Build:
    """The result of one `mkdocs build`."""

    returncode: int
    log: str
    site: Path

    def html(self, url: str) -> str:
        """The HTML of the page at `url` ('' for the home page, 'en/richtlijnen/', ...)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def run_build(project: Path, today: str, *, strict: bool = True, site: Path | None = None, env: dict | None = None,
              engine: str = "mkdocs") -> Build:
    """Build the project in a fresh process, as `make build` does (without the PDFs).

    Without the Git history (HANDBOOK_HISTORY=off) unless `env` asks for it
    (READ_HISTORY): most projects are copies in tmp_path, outside any Git
    repository. `engine` is the module that builds: mkdocs, or properdocs
    (tests/test_engines.py).
    """
    site = site or project / "site"
    base = {key: value for key, value in os.environ.items() if key not in ("HANDBOOK_SITE_URL", "SOURCE_DATE_EPOCH")}
    env = build_environment({"HANDBOOK_TODAY": today, "HANDBOOK_HISTORY": "off", **(env or {})}, base=base)
    command = [sys.executable, "-m", engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_handbook(target: Path, *, docs: bool = True) -> Path:
    """A copy of the real project's configuration, templates and hooks (and pages) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    # A copy is a repository of its own, without the commit the real handbook's record starts at.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(re.sub(r"(?m)^ *history_since: .*\n", "", config), encoding="utf-8")
    for folder in ("overrides", "hooks") + (("docs",) if docs else ()):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real handbook, built once per test run with --strict."""
    project = copy_handbook(tmp_path_factory.mktemp("handbook"))
    build = run_build(project, HANDBOOK_DATE)
    assert build.returncode == 0, build.log
    return build


def write_page(docs: Path, path: str, *, title: str, last_reviewed: str, owner: str = "HR",
               interval: int | None = None, body: str = "Tekst van de pagina.\n", extra: str = "") -> None:
    """A page with review front matter."""
    lines = [f"title: {title}", f"description: Over {title}.", f"owner: {owner}", f"last_reviewed: {last_reviewed}"]
    if interval is not None:
        lines.append(f"review_interval: {interval}")
    (docs / path).write_text("---\n" + "\n".join(lines) + "\n" + extra + "---\n\n" + body, encoding="utf-8")


def small_handbook(target: Path, pages: dict[str, dict], nav: list[str] | None = None, untranslated: list[str] | None = None) -> Path:
    """A handbook with the real configuration and only `pages` ({path: write_page keywords})."""
    project = copy_handbook(target, docs=False)
    docs = project / "docs"
    docs.mkdir()
    for path, fields in pages.items():
        write_page(docs, path, **fields)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("\nnav:\n")
    keys = nav if nav is not None else sorted({p.replace(".en.md", ".md") for p in pages}, key=lambda p: (p != "index.md", p))
    config = head + "\nnav:\n" + "".join(f"  - {key}\n" for key in keys)
    if untranslated:
        config = config.replace("    timezone: Europe/Amsterdam\n", "    timezone: Europe/Amsterdam\n    untranslated: [" + ", ".join(untranslated) + "]\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's chromium driven by Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = chromium.launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield context
        context.close()


# What a reader sees (tests/test_reader_*.py): the real handbook served on
# loopback, built with that address as its site_url, read in chromium.

# A date on which every page of the real handbook is overdue.
OVERDUE_DATE = "2030-01-02"
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
def served_handbook(target: Path, today: str):
    """The real handbook built for `today` and served, with the server's address as site_url."""
    project = copy_handbook(target)
    site = project / "site"
    site.mkdir()
    # The server reads the folder at each request, so it can start before the build that needs its address.
    with serve(site) as address:
        build = run_build(project, today, site=site, env={"HANDBOOK_SITE_URL": address})
        assert build.returncode == 0, build.log
        yield ServedSite(address, build)


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> ServedSite:
    """The real handbook on the date the tests assume (every page current), served at its site_url."""
    with served_handbook(tmp_path_factory.mktemp("reader"), HANDBOOK_DATE) as served:
        yield served


@pytest.fixture(scope="session")
def overdue_reader_site(tmp_path_factory) -> ServedSite:
    """The real handbook built on OVERDUE_DATE, when every page is overdue, served at its site_url."""
    with served_handbook(tmp_path_factory.mktemp("reader-overdue"), OVERDUE_DATE) as served:
        yield served


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


def settle(page) -> None:
    """Wait until the page's CSS transitions and animations have ended (the search opening, the drawer sliding in)."""
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


@pytest.fixture
def reader_page(browser):
    """A fresh tab, 1280 px wide, closed after the test."""
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    yield page
    page.close()


# Real Git history: repositories made in tmp_path, with commits on chosen
# dates, that work the same on a machine without any Git identity or
# configuration (a clean CI machine).
READ_HISTORY = {"HANDBOOK_HISTORY": "git"}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "HR-redactie", "GIT_AUTHOR_EMAIL": "hr@example.org",
    "GIT_COMMITTER_NAME": "HR-redactie", "GIT_COMMITTER_EMAIL": "hr@example.org",
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


def script_free_tab(browser, width: int, height: int):
    """A tab `width` by `height` px in which no script runs, as for a reader who has switched JavaScript off
    (neither the site's files nor inline scripts)."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    browser.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    return page


# E-mail (tests/test_notify.py, tests/test_announcement.py): a real SMTP
# server on loopback (aiosmtpd) that keeps what it receives, read back as MIME.


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


@pytest.fixture
def mailbox():
    """A mail server on a free loopback port: (its Mailbox, its port)."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


def mail_parts(message: email.message.EmailMessage) -> tuple[str, html_facts.Element]:
    """The plain text and the parsed HTML alternative."""
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # SMTP sends CRLF
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html_facts.parse(html)
