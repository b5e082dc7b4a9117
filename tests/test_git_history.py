"""Reading the history from Git: the log parsed into each file's changes, and every way there is none."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import commit, git

from handbook_engine.history import change_kinds
from handbook_engine.history import git_history
from handbook_engine.history.git_history import HistoryError
from handbook_engine.history.page_changes import Change, Commit, History

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
A, B, C = "a" * 40, "b" * 40, "c" * 40


def log(*commits: tuple[str, int, str, str, list[str]], trailers: str = "") -> bytes:
    """Output as `git log -z --format=LOG_FORMAT --name-status` prints it: per commit its fields, then status and paths."""
    out = b""
    for commit_hash, seconds, subject, body, files in commits:
        out += f"{commit_hash}\0{seconds}\0Anne de Vries\0{subject}\0{trailers}\0{body}\0".encode()
        for number, file in enumerate(files):
            out += ("\n" if number == 0 else "").encode() + file.encode() + b"\0"
    return out


def utc(*fields: int) -> int:
    """Unix seconds of a UTC time."""
    return int(dt.datetime(*fields, tzinfo=dt.timezone.utc).timestamp())


def changes_of(parsed: dict, path: str) -> list[tuple[str, str, bool]]:
    return [(change.commit.commit[:1], change.commit.subject, change.commit.left_out) for change in parsed.get(path, ())]


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
    assert parsed["regels.md"][0].commit.left_out is left_out


def test_left_out_changes_count_for_the_last_change_but_are_not_listed():
    parsed = git_history.parse_log(log(
        (B, utc(2026, 9, 21, 12), "Typfout [skip history]", "", ["M\0regels.md"]),
        (A, utc(2026, 6, 1, 12), "Eerste versie", "", ["A\0regels.md"]),
    ), AMSTERDAM)
    history = History(changes=parsed)
    assert history.last_changed("regels.md") == dt.date(2026, 9, 21)
    assert [change.commit.subject for change in history.listed("regels.md")] == ["Eerste versie"]
    assert history.last_changed("onbekend.md") is None and history.listed("onbekend.md") == ()


@pytest.mark.parametrize(("seconds", "day"), [
    (utc(2026, 11, 30, 23, 30), dt.date(2026, 12, 1)),  # 00:30 on 1 December in Amsterdam
    (utc(2026, 11, 30, 22, 59), dt.date(2026, 11, 30)),  # 23:59 in Amsterdam
    (utc(2026, 6, 30, 22, 30), dt.date(2026, 7, 1)),  # summer time: 00:30 on 1 July
    (utc(2026, 6, 30, 21, 59), dt.date(2026, 6, 30)),  # 23:59 in Amsterdam
])
def test_dates_are_calendar_days_in_the_handbooks_time_zone(seconds, day):
    parsed = git_history.parse_log(log((A, seconds, "Wijziging", "", ["M\0regels.md"])), AMSTERDAM)
    assert parsed["regels.md"][0].commit.day == day


def test_odd_commit_messages_are_read_as_they_are():
    output = log((A, 100, "", "", ["M\0leeg.md"]), (B, 90, "Regels <b>&</b> \"quotes\"", "", ["M\0regels.md"]))
    output += C.encode() + b"\x0080\x00Jos\xe9\x00Caf\xe9 zonder UTF-8\x00en: Caf\xe9\x00\x00\nM\x00caf\xc3\xa9.md\x00"
    parsed = git_history.parse_log(output, AMSTERDAM)
    assert parsed["leeg.md"][0].commit.subject == ""
    assert parsed["regels.md"][0].commit.subject == 'Regels <b>&</b> "quotes"'
    odd = parsed["café.md"][0].commit
    assert (odd.subject, odd.author, odd.trailer("en")) == ("Caf\ufffd zonder UTF-8", "Jos\ufffd", "Caf\ufffd")


def test_merge_commits_list_no_files_and_change_nothing():
    parsed = git_history.parse_log(log((B, 200, "Merge branch 'regels'", "", []), (A, 100, "Regels", "", ["M\0regels.md"])), AMSTERDAM)
    assert changes_of(parsed, "regels.md") == [("a", "Regels", False)]


@pytest.mark.parametrize(("output", "message"), [
    (b"fatal: something else\n", "git log printed something unexpected: 'fatal: something else\\n'"),
    (f"{A}\x00not-a-time\x00a\x00s\x00\x00\x00".encode(), "git log printed something unexpected"),
    (f"{A}\x00100\x00a\x00s\x00\x00\x00\nM\x00".encode(), "git log printed a file status without its path"),
])
def test_unexpected_output_is_a_history_error_not_a_traceback(output, message):
    with pytest.raises(HistoryError, match=re.escape(message)):
        git_history.parse_log(output, AMSTERDAM)


def made(commit_hash: str, seconds: int, order: int, left_out: bool = False, **trailers: str) -> Commit:
    return Commit(commit_hash, dt.datetime.fromtimestamp(seconds, AMSTERDAM), f"commit {commit_hash[0]}", "Anne",
                  tuple((key.replace("_", "-"), value) for key, value in trailers.items()), left_out, order)


def test_latest_lists_each_commit_once_with_every_file_whose_text_it_changed():
    a, b, c, d = made(A, 100, 3), made(B, 200, 2, left_out=True), made(C, 300, 1), made("d" * 40, 400, 0)
    history = History(changes={
        "b.md": (Change(c), Change(a)),
        "a.md": (Change(d, change_kinds.REVIEW), Change(b), Change(a)),
        "c.md": (Change(d, change_kinds.HIDDEN),),
    })
    latest = git_history.latest(history, ["a.md", "b.md", "c.md"], 10)
    assert [(commit.commit[0], indexes) for commit, indexes in latest] == [("c", (1,)), ("a", (0, 1))]
    assert len(git_history.latest(history, ["a.md", "b.md"], 1)) == 1


def test_reviews_are_listed_on_the_page_but_are_no_change_of_the_text():
    text, review, hidden = made(A, 100, 2), made(B, 200, 1), made(C, 300, 0)
    history = History(changes={"a.md": (Change(hidden, change_kinds.HIDDEN), Change(review, change_kinds.REVIEW), Change(text))})
    assert history.last_changed("a.md") == text.day
    assert [change.kind for change in history.listed("a.md")] == ["review", "text"]
    assert [change.commit for change in history.text_changes("a.md")] == [text]


@pytest.mark.parametrize(("trailers", "language", "note"), [
    ("en: Rules tightened", "en", ("Rules tightened", "en")),
    ("EN: Rules tightened", "en", ("Rules tightened", "en")),
    ("", "en", ("commit a", "nl")),  # no English note: the Dutch one, marked as Dutch
    ("en: Rules tightened", "nl", ("commit a", "nl")),
    ("de: Regeln\nen: first\nen: second", "en", ("second", "en")),  # Git's rule: the last one counts
])
def test_a_note_is_in_the_readers_language_or_marked_as_the_default_one(trailers, language, note):
    commit = git_history.parse_commits(log((A, 100, "commit a", "", []), trailers=trailers), AMSTERDAM)[0]
    found = commit.note(language, "nl")
    assert (found.text, found.language) == note


OLD_PAGE = "---\ntitle: Regels\nlast_reviewed: 2026-01-01\nkeywords: [a]\n---\n\nTekst.\n"


@pytest.mark.parametrize(("new", "kind"), [
    (OLD_PAGE.replace("2026-01-01", "2026-11-01"), change_kinds.REVIEW),
    (OLD_PAGE.replace("[a]", "[a, b]"), change_kinds.HIDDEN),
    (OLD_PAGE.replace("keywords: [a]\n", "keywords:\n  - a\n  - b\n"), change_kinds.HIDDEN),
    (OLD_PAGE.replace("---\n\n", "search: {boost: 2}\n---\n\n"), change_kinds.HIDDEN),
    (OLD_PAGE.replace("2026-01-01", "2026-11-01").replace("Tekst.", "Andere tekst."), change_kinds.TEXT),
    (OLD_PAGE.replace("2026-01-01", "2026-11-01").replace("Regels", "Nieuwe regels"), change_kinds.TEXT),
    (OLD_PAGE.replace("Tekst.", "  Tekst ingesprongen."), change_kinds.TEXT),
    (OLD_PAGE.replace("---\ntitle", "title"), change_kinds.TEXT),  # broken front matter is never taken for a review
])
def test_what_a_change_is_to_readers(new, kind):
    assert change_kinds.kind_of_change(OLD_PAGE, new) == kind


# --- reading a real repository ------------------------------------------------
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
    assert [(change.commit.day.isoformat(), change.commit.subject) for change in history.changes["regels.md"]] == [
        ("2026-12-01", "Regel toegevoegd"), ("2026-01-15", "Eerste versie"),
    ]
    assert set(history.changes) == {"regels.md"}
    assert history.version.commit == git(repository, "rev-parse", "HEAD")
    assert (history.version.day, history.version.short) == (dt.date(2026, 12, 5), history.version.commit[:7])


def test_the_log_is_read_once_per_head(repository, monkeypatch):
    calls = []
    real_popen = git_history.subprocess.Popen  # subprocess.run starts each process through Popen too
    monkeypatch.setattr(git_history.subprocess, "Popen", lambda command, **kw: calls.append(command) or real_popen(command, **kw))
    git_history._read_at.cache_clear()
    for _ in range(3):  # a build in three languages
        git_history.read(repository / "docs", "Europe/Amsterdam")
    logs = [command for command in calls if "log" in command]
    assert len(logs) == 3, logs  # HEAD's date, the history of docs/ and its patches, once
    (repository / "docs" / "regels.md").write_text("Nieuwe tekst.\n", encoding="utf-8")
    commit(repository, "Nog een wijziging", "2026-12-06T09:00:00+01:00")
    history = git_history.read(repository / "docs", "Europe/Amsterdam")
    assert history.changes["regels.md"][0].commit.subject == "Nog een wijziging"
    assert len([command for command in calls if "log" in command]) == 6


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
