"""HR changes the handbook freely, and its own checks keep passing: tried as a user would, in a clone of this repository.

In the clone HR marks a page reviewed today, removes a page with its translations, its nav entry and the
links to it, renames another (and fixes the nav and the links), gives a page another owner, and runs
`codeowners`; then commits. On that clone the handbook's own checks (tests/handbook/, through
HANDBOOK_PROJECT) and `mkdocs build --strict` pass. Thirteen months later (HANDBOOK_TODAY), every page
overdue, the checks still pass (the search, which the date does not change, is not asked again) and
`make review-report` exits 1: an overdue page is the readers' warning and the owners' e-mail, never a red
`make test`. Which pages HR edits is read from the clone's own nav, so this follows the handbook's content.
axe is left out on the clone (about a minute): the edits change which pages there are, not how one reads,
and the pages are the ones tests/handbook/test_accessibility.py checks in this repository.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import READ_HISTORY, ROOT, commit, git
from dateutil.relativedelta import relativedelta

from handbook_engine.cli import handbook
from handbook_engine.cli.handbook_project import load_handbook, today_for
from handbook_engine.pages import front_matter
from handbook_engine.pages.handbook_pages import find
from tiers import starts


def nav_sections(nav: list) -> list[list[str]]:
    """The pages of each nav section (a page at the top level is a section of its own), as mkdocs.yml lists them."""
    return [[entry] if isinstance(entry, str) else [page for page in next(iter(entry.values())) if isinstance(page, str)]
            for entry in nav]


def link(key: str) -> re.Pattern:
    """A Markdown link to the page `key` (with or without an anchor): its text is group 1."""
    return re.compile(r"\[([^\]]*)\]\(" + re.escape(key) + r"(?:#[^)]*)?\)")


class Clone:
    """A clone of this repository, its work tree as it is now, where HR edits the handbook."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handbook = load_handbook(path / "mkdocs.yml")
        self.docs = self.handbook.docs_dir
        self.edits: dict[str, str] = {}  # what HR changed, for the messages of a failed test

    def files_of(self, key: str) -> list[Path]:
        return [self.docs / self.handbook.languages.join(key, language) for language in self.handbook.languages.all
                if (self.docs / self.handbook.languages.join(key, language)).is_file()]

    def pages(self) -> list[Path]:
        return [self.docs / path for path in find(self.docs) if not path.startswith("checks/")]

    def rewrite(self, path: Path, change) -> None:
        path.write_bytes(change(path.read_text(encoding="utf-8")).encode("utf-8"))

    def tool(self, *argv: str) -> int:
        return handbook.main(["--config", str(self.path / "mkdocs.yml"), *argv])

    def remove(self, key: str) -> None:
        """The page in every language, its nav entry, and every link to it (its text stays)."""
        for path in self.files_of(key):
            path.unlink()
        self.rewrite(self.path / "mkdocs.yml", lambda text: re.sub(rf"\n\s+- {re.escape(key)}(?=\n)", "", text))
        for page in self.pages():
            self.rewrite(page, lambda text: link(key).sub(r"\1", text))

    def rename(self, key: str, new: str) -> None:
        """The page in every language under a new name, in the nav and in every link to it."""
        for path in self.files_of(key):
            path.rename(path.with_name(path.name.replace(Path(key).stem, Path(new).stem, 1)))
        self.rewrite(self.path / "mkdocs.yml", lambda text: re.sub(rf"(\n\s+- ){re.escape(key)}(?=\n)", rf"\g<1>{new}", text))
        for page in self.pages():
            self.rewrite(page, lambda text: text.replace(f"]({key})", f"]({new})").replace(f"]({key}#", f"]({new}#"))

    def give_owner(self, key: str, owner: str) -> None:
        for path in self.files_of(key):
            self.rewrite(path, lambda text: front_matter.set_value(text, "owner", owner))


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Clone:
    """A clone of this repository with the tracked files of its work tree, committed."""
    path = tmp_path_factory.mktemp("hr") / "handboek"
    git(ROOT.parent, "clone", "--quiet", "--local", str(ROOT), str(path))
    for name in git(ROOT, "ls-files", "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file() and not source.is_symlink():
            shutil.copy2(source, path / name)
    if git(path, "status", "--porcelain"):
        commit(path, "Werkkopie [skip history]", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    return Clone(path)


@pytest.fixture(scope="module")
def edited(clone, left_out) -> Clone:
    """The clone after HR's edits, committed: what was edited is in `clone.edits`. A handbook too small for an
    edit (a page for each, besides the home page and the pages every handbook needs) leaves that edit out, and
    says so at the end of the run."""
    sections = nav_sections(clone.handbook.config.data["nav"])
    templated = {key for section in sections for key in section if "template" in front_matter.read(clone.docs / key).data}
    candidates = [(key, section) for section in sections for key in section if key != "index.md" and key not in templated]
    reviewed = candidates[0][0] if candidates else None
    # A page of a section that keeps others, with the fewest links to it.
    removable = [key for key, section in candidates if key != reviewed and len(section) > 1]
    linked = {key: sum(len(link(key).findall(page.read_text(encoding="utf-8"))) for page in clone.pages()) for key in removable}
    removed = min(removable, key=lambda key: (linked[key], removable.index(key)), default=None)
    renamed = next((key for key, _ in candidates if key not in (reviewed, removed)), None)
    # A page with one owner (a list of owners is edited by hand, not by a tool), given another configured owner.
    owned = next((key for key, _ in candidates if key not in (reviewed, removed, renamed)
                  and isinstance(front_matter.read(clone.docs / key).data.get("owner"), str)), None)
    owners = [owner.name for owner in clone.handbook.settings.owners]

    today = today_for(clone.handbook).isoformat()
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("HANDBOOK_TODAY", today)
        if reviewed:
            assert clone.tool("mark-reviewed", "--all-languages", str(clone.docs / reviewed)) == 0
            clone.edits["reviewed"] = reviewed
        if removed:
            clone.remove(removed)
            clone.edits["removed"] = removed
        if renamed:
            new_name = f"{Path(renamed).stem}-hernoemd.md"
            clone.rename(renamed, new_name)
            clone.edits["renamed"] = f"{renamed} -> {new_name}"
        if owned:
            current = front_matter.read(clone.docs / owned).data["owner"]
            new_owner = next((owner for owner in owners if owner != current), current)
            clone.give_owner(owned, new_owner)
            clone.edits["owner"] = f"{owned}: {new_owner}"
        assert clone.tool("codeowners") == 0
    left_out.extend(f"HR's edits: no page to be {edit} (the handbook is too small for it)"
                    for edit in ("reviewed", "removed", "renamed", "owner") if edit not in clone.edits)
    commit(clone.path, "Pagina's beoordeeld, verwijderd, hernoemd en een andere eigenaar\n\nen: Pages reviewed, removed, renamed, "
           "and another owner", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    return clone


@pytest.fixture(scope="module")
@starts("build", "browser")
def handbook_checks():
    """`handbook_checks(project, *options, today=None)`: the handbook's own checks (tests/handbook/, but this
    file and axe) on another project, in a pytest of their own; its exit status and output."""
    def run(project: Path, *options: str, today: str | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "HANDBOOK_PROJECT": str(project), **({"HANDBOOK_TODAY": today} if today else {})}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "handbook"),
                   "--ignore", str(Path(__file__)), "--ignore", str(Path(__file__).with_name("test_accessibility.py")), *options]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    return run


def test_the_handbooks_own_checks_pass_after_hrs_edits(edited, handbook_checks):
    result = handbook_checks(edited.path)
    assert result.returncode == 0, f"{edited.edits}\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    assert "removed" not in edited.edits or not (edited.docs / edited.edits["removed"]).exists()


def test_the_edited_handbook_builds_with_strict_and_its_history(edited, run_build, tmp_path):
    build = run_build(edited.path, None, site=tmp_path / "site", env=READ_HISTORY)
    assert build.returncode == 0, f"{edited.edits}\n{build.log[-6000:]}"


def test_thirteen_months_later_every_page_is_overdue_the_checks_pass_and_the_review_report_fails(edited, handbook_checks, make, tmp_path):
    later = (today_for(edited.handbook) + relativedelta(months=13)).isoformat()
    result = handbook_checks(edited.path, "-m", "not browser", today=later)
    assert result.returncode == 0, f"{edited.edits}\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    report = tmp_path / "review-report.md"
    nightly = make(edited.path, "review-report", f"REPORT={report}", env={**os.environ, "HANDBOOK_TODAY": later})
    assert nightly.returncode != 0, nightly.stdout + nightly.stderr
    assert report.read_text(encoding="utf-8").startswith(f"Review report for {later}: ")
    assert "| overdue |" in report.read_text(encoding="utf-8")
