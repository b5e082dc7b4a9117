"""Reading the history from Git: the log parsed into each file's changes, and every way there is none."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import commit, git

import git_history
from git_history import Change, History, HistoryError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
A, B, C = "a" * 40, "b" * 40, "c" * 40


def log(*commits: tuple[str, int, str, str, list[str]]) -> bytes:
    """Output as `git log -z --format=LOG_FORMAT --name-status` prints it: per commit its fields, then status and paths."""
    out = b""
    for commit_hash, seconds, subject, body, files in commits:
        out += f"{commit_hash}\0{seconds}\0{subject}\0{body}\0".encode()
        for number, file in enumerate(files):
            out += ("\n" if number == 0 else "").encode() + file.encode() + b"\0"
    return out


def utc(*fields: int) -> int:
    """Unix seconds of a UTC time."""
    return int(dt.datetime(*fields, tzinfo=dt.timezone.utc).timestamp())


def changes_of(parsed: dict, path: str) -> list[tuple[str, str, bool]]:
    return [(change.commit[:1], change.subject, change.left_out) for change in parsed.get(path, ())]


def test_each_file_gets_its_changes_newest_first():
    parsed = git_history.parse_log(log(
        (C, 1_790_000_300, "Regels aangescherpt", "", ["M\0regels.md"]),
        (B, 1_790_000_200, "Vertaling bijgewerkt", "", ["M\0regels.en.md", "M\0regels.md"]),
        (A, 1_790_000_100, "Eerste versie", "Met uitleg.\n", ["A\0regels.md", "A\0regels.en.md"]),
    ), AMSTERDAM)
    assert changes_of(parsed, "regels.md") == [("c", "Regels aangescherpt", False), ("b", "Vertaling bijgewerkt", False), ("a", "Eerste versie", False)]
    assert changes_of(parsed, "regels.en.md") == [("b", "Vertaling bijgewerkt", False), ("a", "Eerste versie", False)]


def test_a_renamed_file_keeps_its_history_and_a_pure_move_is_no_change():
    parsed = git_history.parse_log(log(
        (C, 300, "Tekst herschreven en verplaatst", "", ["R087\0gedrag.md\0regels.md"]),
        (B, 200, "Alleen verplaatst", "", ["R100\0oud.md\0gedrag.md"]),
        (A, 100, "Eerste versie", "", ["A\0oud.md"]),
    ), AMSTERDAM)
    assert changes_of(parsed, "regels.md") == [("c", "Tekst herschreven en verplaatst", False), ("a", "Eerste versie", False)]
    assert set(parsed) == {"regels.md"}


def test_a_new_file_at_an_old_name_starts_its_own_history():
    parsed = git_history.parse_log(log(
        (C, 300, "Nieuwe pagina met de oude naam", "", ["A\0oud.md"]),
        (B, 200, "Hernoemd", "", ["R100\0oud.md\0nieuw.md"]),
        (A, 100, "Eerste versie", "", ["A\0oud.md"]),
    ), AMSTERDAM)
    assert changes_of(parsed, "oud.md") == [("c", "Nieuwe pagina met de oude naam", False)]
    assert changes_of(parsed, "nieuw.md") == [("a", "Eerste versie", False)]


@pytest.mark.parametrize(("subject", "body", "left_out"), [
    ("Typfout verbeterd [skip history]", "", True),
    ("Typfout verbeterd", "Opmaak.\n\n[Skip History]\n", True),  # in the web editor's description box, any case
    ("Skip history of the old page", "", False),
    ("[skip ci] Typfout", "", False),
])
def test_a_commit_is_left_out_by_a_tag_in_its_message(subject, body, left_out):
    parsed = git_history.parse_log(log((A, 100, subject, body, ["M\0regels.md"])), AMSTERDAM)
    assert parsed["regels.md"][0].left_out is left_out


def test_left_out_changes_count_for_the_last_change_but_are_not_listed():
    parsed = git_history.parse_log(log(
        (B, utc(2026, 9, 21, 12), "Typfout [skip history]", "", ["M\0regels.md"]),
        (A, utc(2026, 6, 1, 12), "Eerste versie", "", ["A\0regels.md"]),
    ), AMSTERDAM)
    history = History(changes=parsed)
    assert history.last_changed("regels.md") == dt.date(2026, 9, 21)
    assert [change.subject for change in history.listed("regels.md")] == ["Eerste versie"]
    assert history.last_changed("onbekend.md") is None and history.listed("onbekend.md") == ()


@pytest.mark.parametrize(("seconds", "day"), [
    (utc(2026, 11, 30, 23, 30), dt.date(2026, 12, 1)),  # 00:30 on 1 December in Amsterdam
    (utc(2026, 11, 30, 22, 59), dt.date(2026, 11, 30)),  # 23:59 in Amsterdam
    (utc(2026, 6, 30, 22, 30), dt.date(2026, 7, 1)),  # summer time: 00:30 on 1 July
    (utc(2026, 6, 30, 21, 59), dt.date(2026, 6, 30)),  # 23:59 in Amsterdam
])
def test_dates_are_calendar_days_in_the_handbooks_time_zone(seconds, day):
    parsed = git_history.parse_log(log((A, seconds, "Wijziging", "", ["M\0regels.md"])), AMSTERDAM)
    assert parsed["regels.md"][0].day == day


def test_odd_commit_messages_are_read_as_they_are():
    output = log((A, 100, "", "", ["M\0leeg.md"]), (B, 90, "Regels <b>&</b> \"quotes\"", "", ["M\0regels.md"]))
    output += C.encode() + b"\x0080\x00Caf\xe9 zonder UTF-8\x00\x00\nM\x00caf\xc3\xa9.md\x00"
    parsed = git_history.parse_log(output, AMSTERDAM)
    assert parsed["leeg.md"][0].subject == ""
    assert parsed["regels.md"][0].subject == 'Regels <b>&</b> "quotes"'
    assert parsed["café.md"][0].subject == "Caf\ufffd zonder UTF-8"


def test_merge_commits_list_no_files_and_change_nothing():
    parsed = git_history.parse_log(log((B, 200, "Merge branch 'regels'", "", []), (A, 100, "Regels", "", ["M\0regels.md"])), AMSTERDAM)
    assert changes_of(parsed, "regels.md") == [("a", "Regels", False)]


@pytest.mark.parametrize(("output", "message"), [
    (b"fatal: something else\n", "git log printed something unexpected: 'fatal: something else\\n'"),
    (f"{A}\x00not-a-time\x00s\x00\x00".encode(), "git log printed something unexpected"),
    (f"{A}\x00100\x00s\x00\x00\nM\x00".encode(), "git log printed a file status without its path"),
])
def test_unexpected_output_is_a_history_error_not_a_traceback(output, message):
    with pytest.raises(HistoryError, match=re.escape(message)):
        git_history.parse_log(output, AMSTERDAM)


def test_latest_merges_the_files_newest_first_and_leaves_out_what_readers_need_not_see():
    def change(commit_hash: str, seconds: int, order: int, left_out: bool = False) -> Change:
        return Change(commit_hash, dt.datetime.fromtimestamp(seconds, AMSTERDAM), f"commit {commit_hash[0]}", left_out, order)

    history = History(changes={
        "b.md": (change(C, 300, 0), change(A, 100, 2)),
        "a.md": (change(B, 200, 1, left_out=True), change(A, 100, 2)),
    })
    latest = git_history.latest(history, ["a.md", "b.md"], 10)
    assert [(index, change.commit[0]) for index, change in latest] == [(1, "c"), (0, "a"), (1, "a")]
    assert len(git_history.latest(history, ["a.md", "b.md"], 2)) == 2


# --- reading a real repository ------------------------------------------------


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository with docs/ and a file outside it, three commits on chosen dates."""
    root = tmp_path / "handboek"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    (root / "docs" / "oud.md").write_text("Eerste tekst.\n", encoding="utf-8")
    (root / "README.md").write_text("Lees mij.\n", encoding="utf-8")
    commit(root, "Eerste versie", "2026-01-15T10:00:00+01:00")
    git(root, "mv", "docs/oud.md", "docs/regels.md")
    commit(root, "Pagina hernoemd", "2026-02-01T10:00:00+01:00")
    (root / "docs" / "regels.md").write_text("Eerste tekst.\nTweede regel.\n", encoding="utf-8")
    commit(root, "Regel toegevoegd", "2026-11-30T23:30:00+00:00")
    (root / "README.md").write_text("Lees mij goed.\n", encoding="utf-8")
    commit(root, "README bijgewerkt", "2026-12-05T09:00:00+01:00")
    return root


def test_reading_a_repository_gives_the_history_of_docs_and_the_version_of_head(repository):
    history = git_history.read(repository / "docs", "Europe/Amsterdam")
    assert history.missing is None
    assert [(change.day.isoformat(), change.subject) for change in history.changes["regels.md"]] == [
        ("2026-12-01", "Regel toegevoegd"), ("2026-01-15", "Eerste versie"),
    ]
    assert set(history.changes) == {"regels.md"}
    assert history.version.commit == git(repository, "rev-parse", "HEAD")
    assert (history.version.day, history.version.short) == (dt.date(2026, 12, 5), history.version.commit[:7])


def test_the_log_is_read_once_per_head(repository, monkeypatch):
    calls = []
    real_run = git_history.subprocess.run
    monkeypatch.setattr(git_history.subprocess, "run", lambda command, **kw: calls.append(command) or real_run(command, **kw))
    git_history._read_at.cache_clear()
    for _ in range(3):  # a build in three languages
        git_history.read(repository / "docs", "Europe/Amsterdam")
    logs = [command for command in calls if "log" in command]
    assert len(logs) == 2, logs  # HEAD's date and the history of docs/, once
    (repository / "docs" / "regels.md").write_text("Nieuwe tekst.\n", encoding="utf-8")
    commit(repository, "Nog een wijziging", "2026-12-06T09:00:00+01:00")
    history = git_history.read(repository / "docs", "Europe/Amsterdam")
    assert history.changes["regels.md"][0].subject == "Nog een wijziging"
    assert len([command for command in calls if "log" in command]) == 4


def test_a_shallow_clone_has_a_version_but_no_history(repository, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "2", f"file://{repository}", str(clone))
    history = git_history.read(clone / "docs", "Europe/Amsterdam")
    assert history.changes == {}
    assert history.missing == "this is a shallow clone: its history stops at a cut-off commit, so the dates would be wrong"
    assert history.version.commit == git(repository, "rev-parse", "HEAD")


def test_no_history_outside_a_work_tree_or_without_commits_or_git(tmp_path, monkeypatch):
    outside = tmp_path / "los" / "docs"
    outside.mkdir(parents=True)
    assert git_history.read(outside, "UTC") == History(missing=f"{outside} is not in a Git work tree")
    empty = tmp_path / "leeg"
    (empty / "docs").mkdir(parents=True)
    git(empty, "init", "--quiet")
    assert git_history.read(empty / "docs", "UTC").missing == "the Git repository has no commits yet"
    monkeypatch.setenv("PATH", str(tmp_path / "geen-programmas"))
    assert git_history.read(empty / "docs", "UTC").missing == "git is not installed"


def test_a_broken_repository_is_named_not_a_traceback(repository):
    git_history._read_at.cache_clear()
    objects = repository / ".git" / "objects"
    tree = git(repository, "rev-parse", "HEAD~1^{tree}")
    os.chmod(objects / tree[:2] / tree[2:], 0o600)
    (objects / tree[:2] / tree[2:]).unlink()
    history = git_history.read(repository / "docs", "UTC")
    assert history.changes == {} and history.version is None
    assert history.missing.startswith("git log failed: ")
    assert "Traceback" not in history.missing
