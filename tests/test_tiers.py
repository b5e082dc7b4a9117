"""The tiers follow what a test's fixtures start (tests/tiers.py), and the guards hold the rules (handbook_testing.guards):
no engine test reads the handbook, nothing slow starts without its fixture, no test writes into the engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SCRUBBED, SCRUBBED_PREFIX, scrubbed

from handbook_testing import guards
from tiers import KINDS, STARTS, kinds_started


def test_every_slow_fixture_declares_a_kind_the_markers_know(pytestconfig):
    markers = {line.split(":")[0] for line in pytestconfig.getini("markers")}
    assert set(KINDS) <= markers and {"slow", "handbook"} <= markers
    assert {"run_build", "handbook_tool", "browser", "mail_servers", "nginx", "preview_server", "make"} <= set(STARTS)


def test_a_test_is_slow_exactly_when_its_fixture_closure_starts_something(request):
    for item in request.session.items:
        kinds = kinds_started(item)
        assert {kind for kind in KINDS if item.get_closest_marker(kind)} >= kinds, item.nodeid
        assert (item.get_closest_marker("slow") is not None) == bool(kinds) or item.get_closest_marker("slow").args, item.nodeid
    # Through a fixture that uses one (reader_site builds with run_build), the kind reaches the test.
    mine = {item.nodeid: item for item in request.session.items}
    for item in mine.values():
        if "reader_site" in item.fixturenames:
            assert {"build", "slow"} <= {marker.name for marker in item.iter_markers()}, item.nodeid
    # This test starts nothing: quick.
    assert kinds_started(request.node) == frozenset()
    assert request.node.get_closest_marker("slow") is None


def test_only_the_handbooks_own_checks_are_marked_handbook(request):
    for item in request.session.items:
        expected = (ROOT / "tests" / "handbook") in item.path.parents
        assert (item.get_closest_marker("handbook") is not None) == expected, item.nodeid


@pytest.mark.parametrize(("args", "kind"), [
    ([sys.executable, "-m", "mkdocs", "build", "-f", "x/mkdocs.yml"], "build"),
    ([sys.executable, "-m", "properdocs", "build"], "build"),
    (["/venv/bin/mkdocs", "build", "--strict"], "build"),
    ([sys.executable, "-m", "mkdocs", "serve", "--dirty"], "preview_server"),
    ([sys.executable, "scripts/handbook.py", "--config", "x/mkdocs.yml", "publish", "--to", "www"], "build"),
    (["make", "-s", "-C", "x", "review-report"], "make"),
    (["/usr/sbin/nginx", "-c", "nginx.conf"], "web_server"),
    (["/usr/bin/chromium", "--headless"], "browser"),
    (["node", "cli.js", "run-driver"], "browser"),
    ([sys.executable, "scripts/handbook.py", "--config", "x/mkdocs.yml", "check"], None),
    (["git", "-C", "x", "log"], None),
    (["openssl", "req"], None),
])
def test_what_a_started_process_is(args, kind):
    assert guards.process_kind(args) == kind


@pytest.mark.parametrize(("args", "cwd", "reads"), [
    ([sys.executable, "scripts/handbook.py", "check"], "/tmp", True),  # the tool's default --config is the repository's
    ([sys.executable, "scripts/handbook.py", "--config", "/tmp/x/mkdocs.yml", "check"], "/tmp", False),
    (["make", "-C", str(ROOT), "review-report"], "/tmp", True),
    (["make", "review-report"], str(ROOT), True),
    (["make", "-C", "/tmp/x", "review-report"], str(ROOT), False),
    ([sys.executable, "-m", "mkdocs", "build"], str(ROOT), True),
    ([sys.executable, "-m", "mkdocs", "build", "-f", "/tmp/x/mkdocs.yml"], str(ROOT), False),
    (["cp", "-r", str(ROOT / "docs"), "/tmp/x"], "/tmp", True),
    (["git", "-C", str(ROOT), "log"], "/tmp", False),
    # A file list that names the tool's file (the engine's files, archived) runs no tool.
    (["git", "-C", str(ROOT), "archive", "HEAD", "--", "scripts/handbook.py", "publish"], "/tmp", False),
])
def test_a_process_that_reads_the_handbook_by_its_arguments_or_its_defaults(args, cwd, reads):
    assert bool(guards.process_reads_the_handbook(args, cwd)) is reads


@pytest.fixture
def watched():
    """A watch of its own, as one of the engine's tests that may start nothing."""
    watch = guards.Watch()
    watch.start("a test", may_read_the_handbook=False, may_start=frozenset())
    return watch


def test_reading_listing_copying_or_linking_the_handbook_is_noticed(watched, tmp_path):
    watched.audit("open", (str(ROOT / "mkdocs.yml"), "r", 0))
    watched.audit("open", (ROOT / "docs" / "index.md", "rb", 0))
    watched.audit("os.scandir", (str(ROOT / "docs"),))
    watched.audit("shutil.copytree", (str(ROOT / "docs"), str(tmp_path)))
    watched.audit("os.symlink", (str(ROOT / "docs" / "checks"), str(tmp_path / "checks"), None))
    # The engine's settings and templates, and a fixture handbook, are no part of the handbook.
    watched.audit("open", (str(ROOT / "hooks" / "engine.yml"), "r", 0))
    watched.audit("open", (str(ROOT / "tests" / "fixtures" / "two-languages" / "mkdocs.yml"), "r", 0))
    watched.audit("open", (3, "r", 0))  # a file descriptor
    assert [line.split(" /")[0] for line in watched.stop()] == ["reads", "reads", "lists", "copies", "links to"]


def test_a_slow_process_started_without_its_fixture_is_noticed(watched):
    watched.audit("subprocess.Popen", (sys.executable, [sys.executable, "-m", "mkdocs", "build", "-f", "/tmp/x/mkdocs.yml"], "/tmp", None))
    watched.audit("subprocess.Popen", ("git", ["git", "status"], "/tmp", None))
    [reached] = watched.stop()
    assert "(build) without a fixture that declares it: use one marked 'build'" in reached
    allowed = guards.Watch()
    allowed.start("a build test", may_read_the_handbook=False, may_start=frozenset({"build"}))
    allowed.audit("subprocess.Popen", (sys.executable, [sys.executable, "-m", "mkdocs", "build", "-f", "/tmp/x/mkdocs.yml"], "/tmp", None))
    assert allowed.stop() == []


def test_writing_into_the_engine_through_a_linked_fixture_is_noticed(watched, tmp_path):
    (tmp_path / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    watched.audit("open", (str(tmp_path / "overrides" / "locales" / "pl.yml"), "w", 0))
    watched.audit("open", (str(tmp_path / "overrides" / "locales" / "en.yml"), "r", 0))
    [reached] = watched.stop()
    assert reached.startswith(f"writes into the engine's own files: {tmp_path / 'overrides' / 'locales' / 'pl.yml'}")


def test_the_guard_watches_this_very_test():
    """The conftest's watch is on for every test: this one may not read the handbook, and its read is noticed."""
    assert guards.WATCH.who is not None and not guards.WATCH.may_read_the_handbook
    before = list(guards.WATCH.reached)
    with open(ROOT / "mkdocs.yml", "rb"):  # noqa: PTH123 - the audited call itself
        pass
    assert guards.WATCH.reached[len(before):] == [f"reads {ROOT / 'mkdocs.yml'}"]
    del guards.WATCH.reached[len(before):]  # noticed; not this test's failure


# --- The environment: tests give their own ------------------------------------------------------


def test_no_ambient_handbook_or_git_variable_reaches_a_test():
    assert [name for name in os.environ if name.startswith(SCRUBBED_PREFIX) or name in SCRUBBED] == []
    assert scrubbed({"HANDBOOK_TODAY": "2020-01-01", "HANDBOOK_SITE_URL": "x", "SOURCE_DATE_EPOCH": "1", "GIT_DIR": "/x", "PATH": "/bin"}) \
        == {"PATH": "/bin"}


ENVIRONMENT_READ = re.compile(r"""(?:environ(?:\.get)?[\[(]\s*|getenv\(\s*|!ENV \[?\s*)(["']?)([A-Za-z_][A-Za-z0-9_.]*)""")


def test_every_variable_the_engine_reads_is_taken_from_the_tests_environment():
    """A variable the engine reads that did not start with HANDBOOK_ would reach the tests from the developer's shell."""
    sources = [path.read_text(encoding="utf-8") for folder in ("hooks", "scripts", "overrides")
               for path in (ROOT / folder).rglob("*") if path.suffix in (".py", ".yml", ".html")]
    constants = dict(re.findall(r"""^([A-Z][A-Z0-9_]*) = ["']([A-Z][A-Z0-9_]*)["']$""", "\n".join(sources), re.MULTILINE))
    # A name in quotes is the variable; a constant's name (HISTORY_VARIABLE, policy_versions.ARCHIVE_VARIABLE) its value.
    read = {name if quote else constants.get(name.rpartition(".")[2], f"{name} (not found)")
            for text in sources for quote, name in ENVIRONMENT_READ.findall(text)}
    read.discard("VAR (not found)")  # site_config's docstring explains "!ENV VAR"
    assert "HANDBOOK_TODAY" in read and "HANDBOOK_HISTORY" in read
    assert [name for name in read if not name.startswith(SCRUBBED_PREFIX) and name not in SCRUBBED] == []


def test_a_developers_variables_do_not_reach_the_tests():
    """Started with them set, the suite takes them out before any test runs (here: the test above, in a child pytest)."""
    ambient = {"HANDBOOK_TODAY": "1999-01-01", "HANDBOOK_SITE_URL": "http://elsewhere.example/", "HANDBOOK_ARCHIVE": "/nowhere",
               "HANDBOOK_HISTORY": "git", "HANDBOOK_PREVIEW": "pr-1", "SOURCE_DATE_EPOCH": "1", "GIT_DIR": "/nowhere"}
    test = f"{__file__}::test_no_ambient_handbook_or_git_variable_reaches_a_test"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
                            cwd=ROOT, env={**os.environ, **ambient}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
