"""Where the record readers see starts (`extra.review.history_since`): a day or a commit, and every commit
before it left out of the pages' change lists, What's new, the feeds and the versions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import READ_HISTORY, commit, git

from handbook_engine.cli import handbook
from handbook_engine.history import git_history
from handbook_engine.pages import review_rules
from handbook_engine.yaml_source import SettingError
from handbook_testing.started_handbook import started

TIMEZONE = "Europe/Amsterdam"
PAGE = "---\ntitle: Regels\ndescription: Over regels.\nowner: HR\nlast_reviewed: 2026-01-05\n---\n\n{}\n"


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    ("", None),
    (dt.date(2027, 1, 1), dt.date(2027, 1, 1)),
    ("2027-01-01", dt.date(2027, 1, 1)),
    ("1a2b3c4", "1a2b3c4"),
    ("1A2B3C4D", "1a2b3c4d"),
    ("6b232c2e0e0b2f6c50d1b0b0b6c3a2f5d1e4c7a9", "6b232c2e0e0b2f6c50d1b0b0b6c3a2f5d1e4c7a9"),
])
def test_history_since_is_a_day_or_a_commit(value, expected):
    assert review_rules.history_since_of(value) == expected
    assert review_rules.settings_from_mapping({"history_since": value}).history_since == expected


@pytest.mark.parametrize(("value", "described"), [
    ("2027-02-30", "'2027-02-30' is text"),
    ("main", "'main' is text"),
    ("1a2b3c", "'1a2b3c' is text"),  # shorter than Git ever shortens a hash
    (1234567, "1234567 is a number"),  # YAML reads unquoted digits as a number
    (dt.datetime(2027, 1, 1, 9, 0), "2027-01-01 09:00:00 is a date and time"),
    (["2027-01-01"], "['2027-01-01'] is a list"),
])
def test_a_bad_history_since_names_the_setting_and_what_it_expects(value, described):
    with pytest.raises(SettingError) as caught:
        review_rules.history_since_of(value)
    assert caught.value.key == "extra.review.history_since"
    assert caught.value.message.startswith(f"{described}; expected the first day of the record as YYYY-MM-DD")


@pytest.fixture
def repository(tmp_path):
    """docs/regels.md changed by a maintainer on 10 January, then by HR on 10 February and 10 March;
    a change of the check data in docs/checks/ on 20 March."""
    docs = tmp_path / "docs"
    (docs / "checks").mkdir(parents=True)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    hashes = {}
    for name, day, message, text in [
        ("setup", "2026-01-10", "Engine tests on fixture handbooks", "Eerste opzet."),
        ("first", "2026-02-10", "Eerste uitgave\n\nen: First edition", "Eerste tekst."),
        ("second", "2026-03-10", "Regels aangescherpt\n\nen: Rules tightened", "Nieuwe tekst."),
    ]:
        (docs / "regels.md").write_text(PAGE.format(text), encoding="utf-8")
        hashes[name] = commit(tmp_path, message, f"{day}T10:00:00+01:00")
    (docs / "checks" / "questions.yml").write_text("[]\n", encoding="utf-8")
    hashes["checks"] = commit(tmp_path, "Search questions for the new page", "2026-03-20T10:00:00+01:00")
    return tmp_path, hashes


def subjects(history) -> dict[str, list[str]]:
    return {path: [change.commit.subject for change in changes] for path, changes in history.changes.items()}


def test_the_whole_history_of_the_pages_without_history_since(repository):
    root, _ = repository
    assert subjects(git_history.read(root / "docs", TIMEZONE)) == {
        "regels.md": ["Regels aangescherpt", "Eerste uitgave", "Engine tests on fixture handbooks"],
    }


@pytest.mark.parametrize(("since", "expected"), [
    (dt.date(2026, 2, 10), ["Regels aangescherpt", "Eerste uitgave"]),  # the day itself counts
    (dt.date(2026, 2, 11), ["Regels aangescherpt"]),
    ("setup", ["Regels aangescherpt", "Eerste uitgave"]),  # the commit and what it contains are left out
    ("first", ["Regels aangescherpt"]),
    ("second", []),
])
def test_history_since_leaves_out_every_commit_before_it(repository, since, expected):
    root, hashes = repository
    since = hashes[since][:7] if isinstance(since, str) else since
    history = git_history.read(root / "docs", TIMEZONE, since)
    assert history.missing is None
    assert subjects(history) == ({"regels.md": expected} if expected else {})
    assert history.last_changed("regels.md") == (dt.date(2026, 3, 10) if expected else None)


def test_the_versions_read_no_commit_before_history_since(repository):
    root, hashes = repository
    head = hashes["checks"]
    everything = git_history.commits_since(root / "docs", None, head, TIMEZONE)
    assert [found.commit for found in everything] == [hashes[name] for name in ("checks", "second", "first", "setup")]
    assert [found.commit for found in git_history.commits_since(root / "docs", None, head, TIMEZONE, hashes["first"])] == \
           [hashes["checks"], hashes["second"]]
    assert [found.commit for found in git_history.commits_since(root / "docs", hashes["second"], head, TIMEZONE, dt.date(2026, 3, 15))] == \
           [hashes["checks"]]


def test_a_commit_this_clone_does_not_have_is_an_error_not_a_missing_history(repository):
    root, _ = repository
    with pytest.raises(git_history.SinceError, match="^'0123456789' is not a commit of this clone; expected the hash"):
        git_history.read(root / "docs", TIMEZONE, "0123456789")


@pytest.fixture
def two_languages(tmp_path, monkeypatch):
    """A handbook of its own in Dutch and English, started with init on 5 January 2026."""
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-01-05")
    project = started(tmp_path / "handbook", "--name", "Handboek Thuiswerken", "--languages", "nl,en", "--owner", "P&O=po@example.org")
    git(project, "commit", "--quiet", "--amend", "--no-edit", when="2026-01-05T10:00:00+01:00")
    return project


def with_history_since(project, value: str) -> None:
    """mkdocs.yml with extra.review.history_since set to `value` as written (init's own replaced)."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"(?m)^    history_since: .*$", f"    history_since: {value}", config), encoding="utf-8")


def line_of(project, text: str) -> int:
    return next(number for number, line in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_check_names_the_line_of_a_bad_history_since(two_languages, capsys):
    project = two_languages
    with_history_since(project, "sinds-gisteren")
    capsys.readouterr()
    assert handbook.main(["--config", str(project / "mkdocs.yml"), "check"]) == 1
    assert capsys.readouterr().out == (f"mkdocs.yml:{line_of(project, 'history_since')}: extra.review.history_since: 'sinds-gisteren' is text; "
                                       f"expected the first day of the record as YYYY-MM-DD, like 2027-01-01, or a commit's hash in quotes, like '1a2b3c4'\n")


def test_a_build_shows_no_commit_before_history_since_and_names_an_unknown_one(two_languages, run_build):
    project = two_languages
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text(encoding="utf-8") + "Meer tekst.\n", encoding="utf-8")
    maintainers = commit(project, "Engine: one context per build", "2026-01-10T10:00:00+01:00")
    with_history_since(project, f"'{maintainers}'")
    for page in ("index.md", "index.en.md"):
        (project / "docs" / page).write_text((project / "docs" / page).read_text(encoding="utf-8") + "Nog meer tekst.\n", encoding="utf-8")
    commit(project, "Welkomsttekst uitgebreid\n\nen: Welcome text extended", "2026-02-10T10:00:00+01:00")
    build = run_build(project, "2026-02-11", env=READ_HISTORY)
    assert build.returncode == 0, build.log
    published = [build.site / name for name in ("wat-is-er-nieuw/index.html", "en/wat-is-er-nieuw/index.html", "feed.xml", "en/feed.xml", "index.html")]
    for page in published:
        text = page.read_text(encoding="utf-8")
        assert "Engine: one context per build" not in text and "Eerste uitgave" not in text and "First edition" not in text, page
    assert "Welkomsttekst uitgebreid" in (build.site / "feed.xml").read_text(encoding="utf-8")
    assert "Welcome text extended" in (build.site / "en" / "feed.xml").read_text(encoding="utf-8")

    with_history_since(project, "'0123456789abcdef'")
    build = run_build(project, "2026-02-11", env=READ_HISTORY)
    assert build.returncode == 1
    assert (f"mkdocs.yml:{line_of(project, 'history_since')}: extra.review.history_since: '0123456789abcdef' is not a commit of this clone; "
            f"expected the hash of a commit") in build.log
    assert "Traceback" not in build.log
