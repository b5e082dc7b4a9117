"""A handbook of one's own: `make init` in a fresh clone of the engine, and engine updates with
`make update-engine`, in temporary Git repositories, as a user would."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import GIT_ENV, git
from pypdf import PdfReader

from handbook_engine.cli import handbook
from handbook_engine.text_checks import seed_shingles
from handbook_testing.started_handbook import fresh_engine

# What no page, feed, PDF or e-mail of a new handbook may hold: this repository's topic and owners.
THIS_HANDBOOK = re.compile(r"social media|sociale media|Communicatie|Communications", re.IGNORECASE)


@pytest.fixture
def identity(monkeypatch):
    """A Git identity and no user configuration, for the commits init and update-engine make."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def run(project: Path, *argv: str) -> int:
    return handbook.main(["--config", str(project / "mkdocs.yml"), *argv])


def commit_all(repository: Path, message: str) -> str:
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "-m", message)
    return git(repository, "rev-parse", "HEAD")


def write(root: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# --- update-engine on a small engine and a handbook cloned from it ------------------------------

LIST = '[tool.handbook-engine]\nfiles = ["hooks/", "Makefile", "pyproject.toml"{more}]\n'


@pytest.fixture
def engine_and_handbook(tmp_path, identity):
    """An engine at tag v1 and a handbook cloned from it with its own settings and pages, committed."""
    engine = tmp_path / "engine"
    engine.mkdir()
    git(engine, "init", "--quiet", "--initial-branch=main")
    write(engine, {"pyproject.toml": LIST.format(more=""), "Makefile": "build:\n", "hooks/fix.py": "v1\n", "hooks/old.py": "old\n",
                   "mkdocs.yml": "site_name: The engine's demo\n", "docs/index.md": "The demo's home.\n"})
    commit_all(engine, "Engine v1")
    git(engine, "tag", "v1")
    handbook_root = tmp_path / "handbook"
    git(tmp_path, "clone", "--quiet", str(engine), str(handbook_root))
    write(handbook_root, {"mkdocs.yml": "site_name: Handboek Thuiswerken\n", "docs/index.md": "Welkom.\n", "docs/regels.md": "Regels.\n"})
    commit_all(handbook_root, "Eerste uitgave")
    return engine, handbook_root


def test_update_engine_brings_the_engines_files_and_nothing_else(engine_and_handbook, capsys):
    engine, project = engine_and_handbook
    write(engine, {"pyproject.toml": LIST.format(more=', "deploy/"'), "Makefile": "build:\n\ttrue\n", "hooks/fix.py": "v2\n",
                   "hooks/old.py": None, "hooks/new.py": "new\n", "deploy/nginx.conf": "server {}\n",
                   "mkdocs.yml": "site_name: The engine's demo, changed\n", "docs/index.md": "The demo's new home.\n"})
    engine_commit = commit_all(engine, "Engine v2")
    git(engine, "tag", "v2")
    before = git(project, "rev-parse", "HEAD")
    capsys.readouterr()

    assert run(project, "update-engine", "--from", str(engine), "--ref", "v2") == 0
    assert capsys.readouterr().out.startswith(f"Engine updated to v2 ({engine_commit[:7]}): 5 file(s) written, 1 removed, committed as ")
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "rev-parse", "HEAD~1") == before
    assert git(project, "log", "-1", "--format=%s%n%(trailers:key=Engine-commit,valueonly)") == f"Engine update to v2 ({engine_commit[:7]})\n{engine_commit}"
    assert git(project, "show", "--name-status", "--format=", "HEAD").splitlines() == [
        "M\tMakefile", "A\tdeploy/nginx.conf", "M\thooks/fix.py", "A\thooks/new.py", "D\thooks/old.py", "M\tpyproject.toml"]
    # The organisation's files are as the handbook had them.
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Handboek Thuiswerken\n"
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == "Welkom.\n"
    assert (project / "docs" / "regels.md").is_file()

    assert run(project, "update-engine", "--from", str(engine), "--ref", "v2") == 0
    assert capsys.readouterr().out == f"The engine's files are already those of v2 ({engine_commit[:7]}); nothing to do.\n"


@pytest.mark.parametrize(("change", "named"), [
    ({"hooks/fix.py": "my own fix\n"}, "hooks/fix.py (not committed)"),
    ({"hooks/mine.py": "mine\n"}, "hooks/mine.py (not in Git)"),
])
def test_update_engine_refuses_while_an_engine_file_is_not_committed(engine_and_handbook, capsys, change, named):
    engine, project = engine_and_handbook
    write(project, change)
    head = git(project, "rev-parse", "HEAD")
    assert run(project, "update-engine", "--from", str(engine), "--ref", "v1") == 2
    assert capsys.readouterr().err == ("handbook.py update-engine: the engine's files must be committed (and nothing staged) before an update; "
                                       f"commit or undo: {named}\n")
    assert git(project, "rev-parse", "HEAD") == head


def test_update_engine_refuses_anything_staged_and_leaves_an_unstaged_setting_alone(engine_and_handbook, capsys):
    engine, project = engine_and_handbook
    write(project, {"docs/regels.md": "Nieuwe regels.\n"})
    git(project, "add", "docs/regels.md")
    assert run(project, "update-engine", "--from", str(engine), "--ref", "v1") == 2
    assert "docs/regels.md (staged)" in capsys.readouterr().err
    git(project, "reset", "--quiet")
    write(engine, {"hooks/fix.py": "v2\n"})
    commit_all(engine, "Engine fix")
    write(project, {"mkdocs.yml": "site_name: Handboek Thuiswerken, nog niet vastgelegd\n"})
    assert run(project, "update-engine", "--from", str(engine), "--ref", "main") == 0
    assert git(project, "diff", "--name-only").splitlines() == ["docs/regels.md", "mkdocs.yml"]
    assert git(project, "diff", "--cached", "--name-only") == ""
    assert git(project, "show", "--name-only", "--format=", "HEAD").splitlines() == ["hooks/fix.py"]


def test_update_engine_refuses_a_ref_that_is_no_engine(engine_and_handbook, capsys):
    engine, project = engine_and_handbook
    write(engine, {"pyproject.toml": "[project]\nname = 'something else'\n"})
    commit_all(engine, "Not an engine any more")
    assert run(project, "update-engine", "--from", str(engine), "--ref", "main") == 2
    assert capsys.readouterr().err == ("handbook.py update-engine: main:pyproject.toml:1: tool.handbook-engine.files: missing; expected the "
                                       "engine's files and folders (a folder ends in /), like files = [\"hooks/\", \"Makefile\"]\n")


# --- init ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "message"), [
    (["--name", " "], "--name: expected the handbook's name, like 'Handboek Thuiswerken'"),
    (["--name", "H", "--languages", "nl,,en"], "--languages 'nl,,en': expected language codes separated by commas, the default first, each once, like nl or nl,en"),
    (["--name", "H", "--languages", "nl,nl"], "--languages 'nl,nl': expected language codes separated by commas, the default first, each once, like nl or nl,en"),
    (["--name", "H", "--owner", "P&O"], "--owner 'P&O': expected NAME=E-MAIL, each name once, like 'P&O=po@example.org'; separate several with ';' or give --owner again"),
    (["--name", "H", "--owner", "P&O=po@example.org;P&O=po2@example.org"],
     "--owner 'P&O=po2@example.org': expected NAME=E-MAIL, each name once, like 'P&O=po@example.org'; separate several with ';' or give --owner again"),
    (["--name", "H", "--owner", "IT=it.example.org"], "--owner 'IT=it.example.org': expected NAME=E-MAIL, each name once, like 'P&O=po@example.org'; separate several with ';' or give --owner again"),
])
def test_init_names_a_bad_argument_before_it_touches_anything(tmp_path, capsys, argv, message):
    assert run(tmp_path, "init", *argv) == 2
    assert capsys.readouterr().err == f"handbook.py init: {message}\n"


@pytest.fixture
def clone(tmp_path, identity):
    """A fresh clone of the engine, as an organisation starts from it."""
    return fresh_engine(tmp_path / "handboek")


def test_init_runs_once_and_only_on_a_clean_work_tree(clone, capsys):
    write(clone, {"notes.txt": "mine\n"})
    assert run(clone, "init", "--name", "Handboek Thuiswerken") == 2
    assert "the work tree has changes that are not committed" in capsys.readouterr().err
    (clone / "notes.txt").unlink()
    engine_head = git(clone, "rev-parse", "HEAD")

    assert run(clone, "init", "--name", "Handboek Thuiswerken") == 0
    assert git(clone, "status", "--porcelain") == ""
    assert git(clone, "rev-parse", "HEAD~1") == engine_head
    assert run(clone, "init", "--name", "Een ander handboek") == 2
    started = git(clone, "log", "-1", "--format=%h of %cs")
    assert capsys.readouterr().err == (f"handbook.py init: this handbook was started with init in commit {started}; init runs once. "
                                       f"To start another handbook, clone the engine again\n")


def test_init_writes_every_language_and_marks_what_it_made_up(clone, capsys):
    assert run(clone, "init", "--name", "Manuel du télétravail", "--languages", "fr,nl") == 0
    out = capsys.readouterr().out
    assert "The pages in fr hold the English starter text: translate them" in out
    assert "The owner Editors <handbook@example.org> is made up" in out
    docs = sorted(path.relative_to(clone / "docs").as_posix() for path in (clone / "docs").rglob("*") if path.is_file())
    assert docs == ["checks/example_values.yml", "checks/search_questions.yml", "checks/search_questions_held_out.yml", "checks/seed-shingles.txt",
                    "contact.md", "contact.nl.md", "example-page.md", "example-page.nl.md", "index.md", "index.nl.md",
                    "review-overview.md", "review-overview.nl.md", "versions.md", "versions.nl.md", "whats-new.md", "whats-new.nl.md"]
    assert (clone / "docs" / "index.md").read_text(encoding="utf-8").count("<!-- The English starter text: translate it into French. -->") == 1
    assert "Welkom in Manuel du télétravail." in (clone / "docs" / "index.nl.md").read_text(encoding="utf-8")
    assert "[Wat is er nieuw](whats-new.md)" in (clone / "docs" / "index.nl.md").read_text(encoding="utf-8")
    assert git(clone, "log", "-1", "--format=%B") == ("First edition of Manuel du télétravail\n\nnl: Eerste uitgave van Manuel du télétravail\n"
                                                      f"Handbook-started: {git(clone, 'log', '-1', '--format=%cs')}")
    capsys.readouterr()
    assert run(clone, "check", "--examples") == 1
    config = (clone / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert capsys.readouterr().out.splitlines() == [
        f"mkdocs.yml:{number}: example value: 'handbook@example.org' (the handbook's owner and maintainer) is still here; replace it with your organisation's own"
        for number, line in enumerate(config, start=1) for _ in range(line.count("handbook@example.org"))]
    assert len(config) > 20 and sum(line.count("handbook@example.org") for line in config) == 4  # the owner's e-mail and Git handle, the maintainer, the contact


def files_of(site: Path) -> dict[str, str]:
    """The text a reader is given: every page, feed, sitemap and record of the site (not the theme's CSS and scripts)."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*")
            if path.suffix in (".html", ".xml", ".json") and "assets" not in path.parts}


@pytest.mark.slow
def test_a_handbook_of_ones_own_publishes_then_takes_an_engine_update(tmp_path, clone, make, run_build):
    """make init for a one-language handbook with two pages of its own; make check, build, publish and announce pass
    and show nothing of this repository's handbook or history; then an upstream engine change comes in with
    make update-engine, and the handbook's pages and settings stay as they were."""
    env = {**os.environ, **GIT_ENV, "HANDBOOK_SITE_URL": "https://handboek.example.org/", "HANDBOOK_ANNOUNCE_TO": "allen@example.org"}

    def make_in_clone(*arguments: str) -> str:
        result = make(clone, *arguments, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    maintainers = {subject for subject in git(clone, "log", "--format=%s").splitlines() if len(subject) >= 10}
    make_in_clone("init", "NAME=Handboek Thuiswerken", "LANGUAGES=nl", "OWNER=P&O=po@example.org;IT=it@example.org")
    for name, title in (("thuiswerkdagen.md", "Thuiswerkdagen"), ("werkplek.md", "Je werkplek thuis")):
        assert run(clone, "new-page", name, "--title", title, "--owner", "IT", "--section", "Afspraken") == 0
    commit_all(clone, "Twee pagina's over thuiswerken")
    assert "/hooks/ po@example.org" in (clone / "CODEOWNERS").read_text(encoding="utf-8")
    make_in_clone("check")
    # Its own check of copying has no sources yet, and passes (tests/handbook/test_no_copying.py).
    assert seed_shingles.problems((clone / "docs" / "checks" / "seed-shingles.txt").read_text(encoding="utf-8")) == []

    make_in_clone("publish", f"PUBLISH_DIR={tmp_path / 'www'}")
    mail = make_in_clone("announce", f"PUBLISH_DIR={tmp_path / 'www'}", "DRY_RUN=1")
    site = tmp_path / "www" / "current"
    published = files_of(site)
    assert "Je werkplek thuis" in published["werkplek/index.html"] and "Afspraken" in published["thuiswerkdagen/index.html"]
    pdf = "".join(page.extract_text() for page in PdfReader(next((tmp_path / "www" / "archive").glob("*/handbook.pdf"))).pages)
    assert "Er is een nieuwe versie van Handboek Thuiswerken." in mail and "Vragen? Stel ze aan P&O." in mail
    assert "Eerste uitgave van Handboek Thuiswerken" in published["wat-is-er-nieuw/index.html"]
    for name, text in [*published.items(), ("handbook.pdf", pdf), ("the announcement", mail)]:
        assert not THIS_HANDBOOK.search(text), f"{name}: {THIS_HANDBOOK.search(text)[0]}"
        assert not [subject for subject in maintainers if subject in text], name

    # Upstream, the engine changes: a hook, a template and a new setting with its default in hooks/engine.yml.
    upstream = fresh_engine(tmp_path / "engine")
    engine_yml = (upstream / "hooks" / "engine.yml").read_text(encoding="utf-8")
    write(upstream, {
        "hooks/engine.yml": engine_yml.replace("extra:\n", "extra:\n  engine_mark: the engine's newest\n", 1),
        "overrides/main.html": (upstream / "overrides" / "main.html").read_text(encoding="utf-8")
        + '\n{% block extrahead %}{{ super() }}<meta name="engine-mark" content="{{ config.extra.engine_mark | e }}">{% endblock %}\n',
        "hooks/compiled_templates.py": (upstream / "hooks" / "compiled_templates.py").read_text(encoding="utf-8") + "\n# A fix.\n",
    })
    commit_all(upstream, "Engine: a mark in every page's head")
    git(upstream, "tag", "v-next")
    organisation = {path: (clone / path).read_bytes() for path in ("mkdocs.yml", "CODEOWNERS", "README.md", "CONTRIBUTING.md")}
    pages = git(clone, "ls-tree", "-r", "HEAD", "docs")

    make_in_clone("update-engine", f"FROM={upstream}", "REF=v-next")
    assert git(clone, "status", "--porcelain") == ""
    assert git(clone, "show", "--name-only", "--format=", "HEAD").splitlines() == ["hooks/compiled_templates.py", "hooks/engine.yml", "overrides/main.html"]
    assert {path: (clone / path).read_bytes() for path in organisation} == organisation
    assert git(clone, "ls-tree", "-r", "HEAD", "docs") == pages
    make_in_clone("check")
    build = run_build(clone, None, site=tmp_path / "site", env={**env, "PYTHONPATH": str(clone / "hooks")})
    assert build.returncode == 0, build.log
    assert '<meta name="engine-mark" content="the engine&#39;s newest">' in (build.site / "index.html").read_text(encoding="utf-8")
