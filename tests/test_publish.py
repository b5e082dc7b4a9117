"""Atomic publishing of the two-language fixture handbook: real builds, real faults (a failed build, an incomplete site,
a killed publisher, two at once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, ROOT, TWO_LANGUAGES, committed, edit_file, materialise

from handbook_engine.pages import front_matter
from handbook_engine.publishing import publishing
from handbook_engine.publishing import releases

TOOL = ROOT / "scripts" / "handbook.py"
LANGUAGES = TWO_LANGUAGES.languages


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", FIXTURE_DATE)
    return committed(materialise(tmp_path / "project"))


@pytest.fixture
def publish(handbook_tool):
    """`publish(project, target, *extra)`: handbook.py publish, in this process; its exit status."""
    def run(project: Path, target: Path, *extra: str) -> int:
        return handbook_tool(project, "publish", "--to", str(target), *extra)
    return run


def served(target: Path) -> str:
    """The Dutch home page as the web server would serve it."""
    return (target / "current" / "index.html").read_text(encoding="utf-8")


def complete(target: Path) -> list[str]:
    return releases.verify(target / "current", publishing.required_files(LANGUAGES))


def edit_home(project: Path, sentence: str) -> None:
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_publish_switches_current_and_rollback_goes_back(project, publish, tmp_path, capsys):
    target = tmp_path / "www"
    assert publish(project, target) == 0
    first = releases.current(target)
    edit_home(project, "Tweede versie van het handboek.")
    assert publish(project, target) == 0
    second = releases.current(target)
    assert first != second and releases.releases(target) == [first, second]
    assert os.readlink(target / "current") == f"releases/{second}"  # relative: the folder can move
    assert "Tweede versie" in served(target) and complete(target) == []
    assert publish(project, target, "--rollback") == 0
    assert releases.current(target) == first and "Tweede versie" not in served(target)
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{target}/current -> releases/{first} (rolled back)"


def test_only_the_newest_releases_are_kept(project, publish, tmp_path):
    target = tmp_path / "www"
    for _ in range(3):
        assert publish(project, target, "--keep", "2") == 0
    names = releases.releases(target)
    assert len(names) == 2 and releases.current(target) == names[-1]


def test_a_failed_build_publishes_nothing(project, publish, tmp_path, capsys):
    target = tmp_path / "www"
    assert publish(project, target) == 0
    before = releases.current(target)
    edit_home(project, "[kapotte link](bestaat-niet.md)")
    assert publish(project, target) == 1
    assert releases.current(target) == before and releases.releases(target) == [before]
    assert not list((target / "releases").glob(".*")), "the failed build's files are gone"
    assert capsys.readouterr().out.endswith(f"not published: the build failed; current still serves {before}\n")


def test_an_incomplete_site_publishes_nothing(tmp_path, publish, capsys, monkeypatch):
    """The fixture with a copy of the engine, which gets a hook of its own."""
    monkeypatch.setenv("HANDBOOK_TODAY", FIXTURE_DATE)
    project = committed(materialise(tmp_path / "project", engine="copy"))
    target = tmp_path / "www"
    assert publish(project, target) == 0
    before = releases.current(target)
    # A build that passes but leaves a file out, as a broken plugin or a full disk might.
    (project / "hooks" / "lose_review_json.py").write_text(
        "from pathlib import Path\n\n\n"
        "def on_post_build(*, config):\n"
        "    Path(config.site_dir, 'review.json').unlink(missing_ok=True)\n",
        encoding="utf-8",
    )
    # The hooks are the engine's settings (hooks/engine.yml, which the fixture's mkdocs.yml inherits).
    edit_file(project / "hooks" / "engine.yml", "\nhooks:\n", "\nhooks:\n  - hooks/lose_review_json.py\n")
    assert publish(project, target) == 1
    assert releases.current(target) == before
    assert "the built site is incomplete: review.json: missing or empty" in capsys.readouterr().out


def start_publisher(project: Path, target: Path) -> subprocess.Popen:
    env = {**os.environ, "HANDBOOK_TODAY": FIXTURE_DATE}
    return subprocess.Popen([sys.executable, str(TOOL), "--config", str(project / "mkdocs.yml"), "publish", "--to", str(target)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def test_a_publisher_killed_mid_build_leaves_the_previous_release_serving(project, publish, tmp_path):
    target = tmp_path / "www"
    assert publish(project, target) == 0
    before = releases.current(target)
    edit_home(project, "Deze versie wordt nooit gepubliceerd.")
    publisher = start_publisher(project, target)
    deadline = time.monotonic() + 60
    while not list((target / "releases").glob(".staging-*/assets/*")):  # the build is writing files
        assert time.monotonic() < deadline and publisher.poll() is None, "the build never started writing"
        time.sleep(0.02)
    os.killpg(publisher.pid, signal.SIGKILL)
    publisher.wait()
    assert releases.current(target) == before and complete(target) == []
    assert "nooit gepubliceerd" not in served(target)
    # The next publish clears what the killed one left and goes live.
    assert publish(project, target) == 0
    assert "nooit gepubliceerd" in served(target)
    assert not list((target / "releases").glob(".*"))


def test_two_publishers_at_once_do_not_mix(project, tmp_path, handbook_tool):
    target = tmp_path / "www"
    publishers = [start_publisher(project, target) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0].decode() for p in publishers]
    assert [p.returncode for p in publishers] == [0, 0], outputs
    names = releases.releases(target)
    assert len(names) == 2 and releases.current(target) == names[-1]
    assert complete(target) == [] and releases.verify(target / "releases" / names[0], publishing.required_files(LANGUAGES)) == []


def test_verify_names_what_is_missing_or_broken(tmp_path):
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "review.json").write_text("{not json")
    assert releases.verify(tmp_path, ["index.html", "en/index.html", "review.json"]) == [
        "en/index.html: missing or empty",
        "review.json: not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
    ]


def test_verify_names_a_feed_that_is_not_xml_and_a_pdf_that_is_not_one(tmp_path):
    (tmp_path / "feed.xml").write_text("<feed>")
    (tmp_path / "handbook.pdf").write_text("<html></html>")
    assert releases.verify(tmp_path, ["feed.xml", "handbook.pdf"]) == [
        "feed.xml: not valid XML (no element found: line 1, column 6)",
        "handbook.pdf: not a PDF",
    ]


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path, run_build):
    project = materialise(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1763700000"}
    first = run_build(project, FIXTURE_DATE, site=tmp_path / "one", env=env)
    time.sleep(1.1)  # a second later: anything taken from the clock would differ
    second = run_build(project, FIXTURE_DATE, site=tmp_path / "two", env=env)
    assert first.returncode == 0 and second.returncode == 0
    files = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert [f for f in files if (first.site / f).read_bytes() != (second.site / f).read_bytes()] == []
    sitemap = (first.site / "sitemap.xml").read_text(encoding="utf-8")
    reviewed = front_matter.read(project / "docs" / "werkplek.md").data["last_reviewed"]
    assert f"<lastmod>{reviewed}</lastmod>" in sitemap  # the page's last review, not the build date
