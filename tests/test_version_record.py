"""The record of the policy's versions as plain functions: which build makes a version, its notes and adoption,
and reading and writing versions.json."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from handbook_engine.versions import pending_version
from handbook_engine.versions import policy_versions
from handbook_engine.history.change_kinds import HIDDEN, REVIEW
from handbook_engine.history.page_changes import Change, Commit, History
from handbook_engine.versions.pending_version import PageNames
from handbook_engine.versions.policy_versions import Announcement, PolicyVersion, Record, VersionsError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LANGUAGES = ("nl", "en")
TODAY = dt.date(2026, 11, 24)


def made(name: str, order: int, subject: str = "", left_out: bool = False, **trailers: str) -> Commit:
    """A commit named by one letter; `order` 0 is the newest."""
    return Commit(name * 40, dt.datetime(2026, 11, 20 - order, 12, tzinfo=AMSTERDAM), subject or f"Wijziging {name}", "Anne",
                  tuple((key.replace("_", "-"), value) for key, value in trailers.items()), left_out, order)


def names(key: str) -> PageNames:
    stem = key.removesuffix(".md")
    return PageNames({"nl": stem.capitalize(), "en": stem.upper()}, {"nl": f"{stem}/", "en": f"en/{stem}/"},
                     "removed" if stem == "weg" else "changed")


def key_of(path: str) -> str:
    return path.replace(".en.md", ".md")


def pending(record: Record, history: History, since_last, head: str = "h" * 40, since_upcoming=None, today: dt.date = TODAY):
    """The version and the problems (the notes are tested on their own)."""
    return pending_version.pending(record, history, since_last, head, today, LANGUAGES, names, key_of, since_upcoming)[:2]


A, B, C = made("a", 2), made("b", 1, "Regels aangescherpt", en="Rules tightened"), made("c", 0)
HISTORY = History(changes={
    "regels.md": (Change(C, REVIEW), Change(B), Change(A)),
    "regels.en.md": (Change(B), Change(A)),
    "privacy.md": (Change(C, HIDDEN), Change(A)),
})
RECORDED = Record((PolicyVersion("2026-11-18-aaaaaaa", A.commit, dt.date(2026, 11, 18)),))


def test_the_first_build_makes_the_first_version_with_no_changes_listed():
    version, problems = pending(Record(), HISTORY, [C, B, A])
    assert problems == []
    assert version == PolicyVersion("2026-11-24-hhhhhhh", "h" * 40, TODAY, published_on=TODAY)


def test_text_changes_since_the_last_version_make_the_next_with_their_notes_and_pages():
    version, _ = pending(RECORDED, HISTORY, [C, B])
    assert version.id == "2026-11-24-hhhhhhh" and version.in_force_from == TODAY
    assert [(change.commit, change.notes) for change in version.changes] == [(B.commit, {"nl": "Regels aangescherpt", "en": "Rules tightened"})]
    assert version.kind == "substantive" and version.published_on == TODAY and version.superseded_by is None
    assert [(page.path, page.titles["en"], page.urls["en"]) for page in version.pages] == [("regels.md", "REGELS", "en/regels/")]


@pytest.mark.parametrize(("since_last", "head", "why"), [
    ([C], "h" * 40, "only a review and a keywords change since the last version"),
    ([], "h" * 40, "the commit is the last version's or older (a rollback)"),
    (None, "h" * 40, "the last version's commit is unknown to this clone"),
    ([C, B], A.commit, "the commit is the last version's own (a second publish, a nightly rebuild)"),
])
def test_no_version_without_a_text_change_readers_are_told_of(since_last, head, why):
    assert pending(RECORDED, HISTORY, since_last, head) == (None, []), why


def test_a_skip_history_change_makes_no_version():
    skipped = made("s", 0, "Typfout [skip history]", left_out=True)
    history = History(changes={"regels.md": (Change(skipped), Change(A))})
    assert pending(RECORDED, history, [skipped]) == (None, [])


def test_a_note_without_english_records_only_the_dutch_one():
    dutch = made("d", 0, "Alleen Nederlands")
    version, _ = pending(RECORDED, History(changes={"regels.en.md": (Change(dutch),)}), [dutch])
    assert version.changes[0].notes == {"nl": "Alleen Nederlands"}


@pytest.mark.parametrize(("commits", "approved_by", "consent", "problem"), [
    ([made("x", 0, approved_by="de directie", works_council_consent="2026-11-10")], "de directie", dt.date(2026, 11, 10), None),
    # The newest commit that gives a trailer counts, each trailer on its own.
    ([made("x", 0, approved_by="het bestuur"), made("y", 1, approved_by="de directie", works_council_consent="2026-11-10")],
     "het bestuur", dt.date(2026, 11, 10), None),
    ([made("x", 0)], None, None, None),
    ([made("x", 0, works_council_consent="10-11-2026")], None, None,
     "commit xxxxxxx: Works-council-consent: '10-11-2026' is not a date; expected YYYY-MM-DD, like Works-council-consent: 2026-11-10"),
    ([made("x", 0, works_council_consent="20261110")], None, None,
     "commit xxxxxxx: Works-council-consent: '20261110' is not a date; expected YYYY-MM-DD, like Works-council-consent: 2026-11-10"),
    ([made("x", 0, works_council_consent="2026-02-30")], None, None,
     "commit xxxxxxx: Works-council-consent: '2026-02-30' is not a date; expected YYYY-MM-DD, like Works-council-consent: 2026-11-10"),
])
def test_adoption_comes_from_the_newest_trailers_and_a_bad_date_names_its_commit(commits, approved_by, consent, problem):
    assert pending_version.adoption(commits) == (approved_by, consent, [problem] if problem else [])


def test_a_record_is_read_back_as_it_was_written(tmp_path):
    version = PolicyVersion("2026-11-24-hhhhhhh", "h" * 40, TODAY, pending(RECORDED, HISTORY, [C, B])[0].changes,
                            pending(RECORDED, HISTORY, [C, B])[0].pages, 'de <b>directie</b> "OR"', dt.date(2026, 11, 10),
                            Announcement(dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc), ("allen@example.org",), "<1@example.org>"))
    record = Record(RECORDED.versions + (version,), {"nl": "versies/", "en": "en/versies/"})
    path = tmp_path / "archive" / "versions.json"
    policy_versions.save(path, record)
    assert policy_versions.load(path) == record
    assert [entry.name for entry in path.parent.iterdir()] == ["versions.json"]  # no temporary file left
    assert record.newest_first() == [(version, None), (RECORDED.versions[0], TODAY)]
    assert record.to_announce() == RECORDED.versions


def test_no_file_is_an_empty_record(tmp_path):
    assert policy_versions.load(tmp_path / "versions.json") == Record()


@pytest.mark.parametrize(("text", "message"), [
    ("{", "versions.json:1: not valid JSON (Expecting property name enclosed in double quotes)"),
    ("[]", "versions.json: the file: expected an object, found list"),
    ('{"versions": [{"id": "x", "commit": "c", "in_force_from": "24-11-2026"}]}',
     "versions.json: versions[0].in_force_from: '24-11-2026' is not a date; expected YYYY-MM-DD"),
    ('{"versions": [{"id": "x", "commit": 5, "in_force_from": "2026-11-24"}]}', "versions.json: versions[0].commit: expected a text, found 5"),
    ('{"versions": [{"id": "x", "commit": "c", "in_force_from": "2026-11-24"}, {"id": "x", "commit": "d", "in_force_from": "2026-11-25"}]}',
     "versions.json: versions: an id is given twice (x)"),
    ('{"versions": [{"id": "x", "commit": "c", "in_force_from": "2026-11-24", "changes": [{"commit": "c", "notes": {"nl": "a\\ud800"}}]}]}',
     "versions.json: versions[0].changes[0].notes.nl: holds a lone surrogate ('a\\ud800'), which is no text; fix the file"),
])
def test_a_broken_record_names_the_file_and_the_field(tmp_path, text, message):
    path = tmp_path / "versions.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VersionsError) as raised:
        policy_versions.load(path)
    assert str(raised.value) == f"{tmp_path}/{message}"


def test_the_record_is_plain_json_a_person_can_read():
    data = policy_versions.to_data(RECORDED)
    assert json.loads(json.dumps(data)) == {"versions_page": {}, "versions": [{
        "id": "2026-11-18-aaaaaaa", "commit": A.commit, "kind": "substantive", "in_force_from": "2026-11-18",
        "published_on": "2026-11-18", "superseded_by": None, "changes": [], "pages": [],
        "approved_by": None, "works_council_consent": None, "changes_page": None, "announcement": None,
    }]}
