"""The record of the policy's versions as plain functions: which build makes a version, its notes and adoption,
its kind and day (Change-type, In-force-from), replacing an upcoming version, withdrawn pages, the auditor's rows,
and reading and writing versions.json."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from handbook_engine.versions import pending_version
from handbook_engine.versions import policy_versions
from handbook_engine.versions import version_archive
from handbook_engine.versions import version_report
from handbook_engine.versions import withdrawn_pages
from handbook_engine.history.change_kinds import HIDDEN, REVIEW
from handbook_engine.history.page_changes import Change, Commit, History
from handbook_engine.versions.pending_version import PageNames
from handbook_engine.versions.policy_versions import Announcement, ChangedPage, ChangeNote, PolicyVersion, Record, VersionsError

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


# --- Editorial and upcoming versions, replacement, withdrawn pages, the auditor's rows (issue 23) ---

EDITORIAL_FIX = made("e", 0, "Typfout", change_type="editorial")
LATER_RULE = made("l", 0, "Nieuwe regel", in_force_from="2026-12-04")


def in_force_history(*commits: Commit) -> History:
    return History(changes={"regels.md": tuple(Change(commit) for commit in commits) + (Change(A),)})


@pytest.mark.parametrize(("commits", "kind", "kinds"), [
    ([EDITORIAL_FIX], "editorial", ["editorial"]),
    ([made("e", 0, change_type="Editorial ")], "editorial", ["editorial"]),
    ([EDITORIAL_FIX, B], "substantive", ["editorial", "substantive"]),  # both kinds: substantive
    ([made("s", 0, change_type="substantive")], "substantive", ["substantive"]),
    ([made("t", 0, change_type="typo")], "substantive", ["substantive"]),  # unknown: told rather than not
])
def test_a_version_is_editorial_only_when_every_commit_says_so(commits, kind, kinds):
    version, problems = pending(RECORDED, in_force_history(*commits), commits)
    assert (version.kind, [change.kind for change in version.changes], problems) == (kind, kinds, [])


def test_an_unknown_change_type_is_counted_substantive_with_a_note_naming_the_commit():
    assert pending_version.change_types([made("t", 0, change_type="typo")])[1] == [
        "commit ttttttt: Change-type: 'typo' is not substantive or editorial; counted as substantive"]


@pytest.mark.parametrize(("commits", "day", "problem"), [
    ([], TODAY, None),
    ([made("x", 0, in_force_from="2026-12-04")], dt.date(2026, 12, 4), None),
    ([made("x", 0, in_force_from="2026-11-24")], TODAY, None),  # today: in force at once
    # The latest day counts, whichever commit gives it.
    ([made("x", 0, in_force_from="2026-12-01"), made("y", 1, in_force_from="2027-01-01")], dt.date(2027, 1, 1), None),
    # A passed day among later ones is of no account: the version applies from the later day.
    ([made("x", 0, in_force_from="2026-12-01"), made("y", 1, in_force_from="2026-11-02")], dt.date(2026, 12, 1), None),
    ([made("x", 0, in_force_from="2026-11-23")], TODAY,
     "commit xxxxxxx: In-force-from: 2026-11-23 has passed (today is 2026-11-24); a version applies from its publish or a "
     "later day. Give a newer commit In-force-from: 2026-11-24 or a later day"),
    ([made("x", 0, in_force_from="1-1-2027")], TODAY,
     "commit xxxxxxx: In-force-from: '1-1-2027' is not a date; expected YYYY-MM-DD, like In-force-from: 2026-12-24 "
     "(a newer commit with the trailer corrects it)"),
    ([made("x", 0, in_force_from="2027-02-30")], TODAY,
     "commit xxxxxxx: In-force-from: '2027-02-30' is not a date; expected YYYY-MM-DD, like In-force-from: 2026-12-24 "
     "(a newer commit with the trailer corrects it)"),
    # A newer commit with the trailer corrects a malformed one.
    ([made("x", 0, in_force_from="2027-01-01"), made("y", 1, in_force_from="1-1-2027")], dt.date(2027, 1, 1), None),
])
def test_in_force_from_is_the_latest_day_and_a_bad_one_names_its_commit(commits, day, problem):
    assert pending_version.in_force_from(commits, TODAY) == (day, [problem] if problem else [])
    # The build warns of the same day that is not a date, and of no passed one: it knows no record of versions.
    assert pending_version.unsettled_day(commits, TODAY) == ([problem] if problem and "is not a date" in problem else [])


def test_a_bad_in_force_from_is_a_problem_of_the_publish():
    bad = made("x", 0, in_force_from="morgen")
    assert pending(RECORDED, in_force_history(bad), [bad])[1] == [
        "commit xxxxxxx: In-force-from: 'morgen' is not a date; expected YYYY-MM-DD, like In-force-from: 2026-12-24 "
        "(a newer commit with the trailer corrects it)"]


def test_the_first_version_applies_from_its_publish_whatever_its_trailers_say():
    version, problems = pending(Record(), in_force_history(LATER_RULE), [LATER_RULE, A])
    assert (version.in_force_from, problems) == (TODAY, [])


def test_a_later_in_force_from_makes_an_upcoming_version_published_today():
    version, problems = pending(RECORDED, in_force_history(LATER_RULE), [LATER_RULE])
    assert (version.id, version.in_force_from, version.published_on, problems) == ("2026-12-04-hhhhhhh", dt.date(2026, 12, 4), TODAY, [])
    assert version.upcoming(TODAY) and not version.upcoming(dt.date(2026, 12, 4))


UPCOMING = PolicyVersion("2026-12-04-lllllll", LATER_RULE.commit, dt.date(2026, 12, 4), published_on=dt.date(2026, 11, 22))
WITH_UPCOMING = Record(RECORDED.versions + (UPCOMING,))


@pytest.mark.parametrize(("head", "since_upcoming", "why"), [
    (LATER_RULE.commit, [], "the upcoming version's own commit again (a nightly run before its day)"),
    ("h" * 40, [made("s", 0, "Opmaak [skip history]", left_out=True)], "nothing readers are told of since the upcoming version"),
])
def test_no_version_replaces_an_upcoming_one_without_a_text_change_after_it(head, since_upcoming, why):
    history = in_force_history(*since_upcoming, LATER_RULE)
    assert pending(WITH_UPCOMING, history, [*since_upcoming, LATER_RULE], head, since_upcoming) == (None, []), why


def test_a_change_before_the_day_makes_a_version_that_holds_both_and_keeps_the_later_day():
    version, _ = pending(WITH_UPCOMING, in_force_history(EDITORIAL_FIX, LATER_RULE), [EDITORIAL_FIX, LATER_RULE], "h" * 40, [EDITORIAL_FIX])
    assert (version.in_force_from, [change.commit for change in version.changes], version.kind) == (
        dt.date(2026, 12, 4), [EDITORIAL_FIX.commit, LATER_RULE.commit], "substantive")
    shown = version_archive.added(WITH_UPCOMING, version)
    assert [(old.id, old.superseded_by) for old in shown.versions] == [
        (RECORDED.versions[0].id, None), (UPCOMING.id, version.id), (version.id, None)]
    assert (shown.in_force_on(TODAY), shown.upcoming_on(TODAY), shown.until(shown.versions[1])) == (RECORDED.versions[0], version, None)


def test_on_its_day_the_upcoming_version_is_in_force_and_nothing_new_is_made():
    day = dt.date(2026, 12, 4)
    assert (WITH_UPCOMING.in_force_on(day), WITH_UPCOMING.upcoming_on(day)) == (UPCOMING, None)
    assert pending(WITH_UPCOMING, in_force_history(LATER_RULE), [], LATER_RULE.commit, today=day) == (None, [])
    assert WITH_UPCOMING.until(RECORDED.versions[0]) == day


SENT = Announcement(dt.datetime(2026, 11, 22, 9, tzinfo=dt.timezone.utc), ("allen@example.org",), "<u@example.org>")


def replaced_by(changes: tuple[ChangeNote, ...], day: dt.date = UPCOMING.in_force_from, announced: bool = True) -> Record:
    """The upcoming version (announced, or not) replaced by one with `changes` on `day`."""
    upcoming = replace(UPCOMING, changes=(ChangeNote(LATER_RULE.commit, {"nl": "Nieuwe regel"}),),
                       announcement=SENT if announced else None, superseded_by=f"{day.isoformat()}-nnnnnnn")
    new = PolicyVersion(f"{day.isoformat()}-nnnnnnn", "n" * 40, day, changes + upcoming.changes, published_on=dt.date(2026, 11, 23))
    return Record((replace(RECORDED.versions[0], announcement=SENT), upcoming, new))


@pytest.mark.parametrize(("record", "announce", "told_with"), [
    # Editorial changes only, the same day: staff know the rule and its day from the replaced version's e-mail.
    (replaced_by((ChangeNote("e" * 40, {"nl": "Typfout"}, "editorial"),)), [], "2026-12-04-lllllll"),
    (replaced_by((ChangeNote("s" * 40, {"nl": "Nog een regel"}),)), ["2026-12-04-nnnnnnn"], None),
    (replaced_by((ChangeNote("e" * 40, {"nl": "Typfout"}, "editorial"),), day=dt.date(2026, 12, 11)), ["2026-12-11-nnnnnnn"], None),
    (replaced_by((ChangeNote("e" * 40, {"nl": "Typfout"}, "editorial"),), announced=False), ["2026-12-04-nnnnnnn"], None),
])
def test_a_replacement_is_announced_unless_it_adds_only_editorial_changes_on_the_same_day(record, announce, told_with):
    assert [version.id for version in record.to_announce()] == announce
    told = record.told_by(record.versions[-1])
    assert (told.id if told else None) == told_with


def test_an_editorial_version_is_recorded_and_never_announced():
    editorial = PolicyVersion("2026-11-24-eeeeeee", "e" * 40, TODAY, kind="editorial")
    assert Record(RECORDED.versions + (editorial,)).to_announce() == RECORDED.versions


def test_a_record_written_before_issue_23_loads_with_the_defaults():
    data = {"versions": [{"id": "x", "commit": "c", "in_force_from": "2026-11-24",
                          "changes": [{"commit": "c", "notes": {"nl": "n"}}],
                          "pages": [{"path": "a.md", "titles": {"nl": "A"}, "urls": {"nl": "a/"}}]}]}
    version = policy_versions.from_data(data).versions[0]
    assert (version.kind, version.published_on, version.superseded_by, version.changes_page,
            version.changes[0].kind, version.pages[0].change) == ("substantive", TODAY, None, None, "substantive", "changed")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("kind", "typo", "versions[0].kind: 'typo' is not one of substantive, editorial"),
    ("superseded_by", "y", "versions: x is superseded_by 'y', which is no version in the file"),
    ("published_on", "gisteren", "versions[0].published_on: 'gisteren' is not a date; expected YYYY-MM-DD"),
])
def test_a_wrong_new_field_names_the_field(field, value, message):
    with pytest.raises(VersionsError) as raised:
        policy_versions.from_data({"versions": [{"id": "x", "commit": "c", "in_force_from": "2026-11-24", field: value}]})
    assert str(raised.value) == message


def removal(path: str, day: dt.date, commit: str, change: str = "removed") -> PolicyVersion:
    return PolicyVersion(f"{day.isoformat()}-{commit * 7}", commit * 40, day,
                         pages=(ChangedPage(path, {"nl": "Weg"}, {"nl": "weg/"}, change),))


def test_a_page_is_withdrawn_from_the_day_a_version_in_force_removed_it():
    first, removed = RECORDED.versions[0], removal("weg.md", dt.date(2026, 12, 1), "r")
    record = Record((first, removed))
    assert withdrawn_pages.withdrawn(record, dt.date(2026, 11, 30), set()) == []  # upcoming: not yet
    [withdrawal] = withdrawn_pages.withdrawn(record, dt.date(2026, 12, 1), {"regels.md"})
    assert (withdrawal.version, withdrawal.last_held_by, withdrawal.title("en", "nl")) == (removed, first, "Weg")
    assert withdrawn_pages.withdrawn(record, dt.date(2026, 12, 1), {"weg.md"}) == []  # back in the handbook
    added_again = removal("weg.md", dt.date(2026, 12, 2), "b", "added")
    assert withdrawn_pages.withdrawn(Record((first, removed, added_again)), dt.date(2026, 12, 2), set()) == []


def test_the_auditors_rows_give_the_last_day_in_force_and_the_e_mail_that_told_staff():
    record = replaced_by((ChangeNote("e" * 40, {"nl": "Typfout"}, "editorial"),))
    rows = version_report.rows(record)
    assert [(row["id"], row["in_force_from"], row["in_force_until"], row["superseded_by"], row["message_id"], row["announced_with"])
            for row in rows] == [
        ("2026-11-18-aaaaaaa", "2026-11-18", "2026-12-03", "", "<u@example.org>", ""),
        ("2026-12-04-lllllll", "2026-12-04", "", "2026-12-04-nnnnnnn", "<u@example.org>", ""),
        ("2026-12-04-nnnnnnn", "2026-12-04", "", "", "<u@example.org>", "2026-12-04-lllllll"),
    ]
    assert list(rows[0]) == list(version_report.COLUMNS)


def test_keeping_a_replacement_archives_it_and_marks_the_replaced_version_in_one_write(tmp_path):
    target, site = tmp_path / "www", tmp_path / "built"
    for name in ("handbook.pdf", "en/handbook.pdf"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"%PDF-1.7 " + name.encode())
    policy_versions.save(target / "archive" / "versions.json", WITH_UPCOMING)
    version, _ = pending(WITH_UPCOMING, in_force_history(EDITORIAL_FIX, LATER_RULE), [EDITORIAL_FIX, LATER_RULE], "h" * 40, [EDITORIAL_FIX])
    publication = version_archive.Publication(WITH_UPCOMING, version, {"nl": "versies/"}, RECORDED.versions[0])
    def changes(kept_version, record):  # the marked-up changes' files, against the record before the version
        return {"changes.html": f"{kept_version.id} after {len(record.versions)}".encode()}

    assert version_archive.keep(target, site, LANGUAGES, publication, changes) == version
    kept = policy_versions.load(target / "archive" / "versions.json")
    assert kept == publication.shown
    assert [(old.id, old.superseded_by) for old in kept.versions] == [
        (RECORDED.versions[0].id, None), (UPCOMING.id, version.id), (version.id, None)]
    assert (target / "archive" / version.id / "en" / "handbook.pdf").read_bytes() == b"%PDF-1.7 en/handbook.pdf"
    assert (target / "archive" / version.id / "changes.html").read_bytes() == f"{version.id} after 2".encode()
    assert sorted(path.name for path in (target / "archive").iterdir()) == [version.id, "versions.json"]  # no staging left
    # Kept again (a second publisher that got the lock later): nothing is added twice.
    assert version_archive.keep(target, site, LANGUAGES, publication, changes) is None
    assert policy_versions.load(target / "archive" / "versions.json") == kept
