"""Engine updates with `make update-engine`, in temporary Git repositories, as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GIT_ENV, git

from handbook_engine.cli import handbook

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
