"""Staff are told of each version of the policy, once: sent through a real SMTP server on loopback, read back as
MIME, and recorded in the publish folder's versions.json. The handbook published there has the two-language
fixture's settings."""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import free_port, mail_parts, materialise, serve

from handbook_engine.cli import handbook
from handbook_testing import html_facts
from handbook_engine.versions import policy_versions
from handbook_engine.publishing import releases
from handbook_engine.versions.policy_versions import Announcement, ChangedPage, ChangeNote, PolicyVersion, Record

SITE = "https://intranet.example/handboek/"
TO = "allen@example.org, hr@example.org"
A, B, C = "a" * 40, "b" * 40, "c" * 40

FIRST = PolicyVersion("2026-11-02-aaaaaaa", A, dt.date(2026, 11, 2))
SECOND = PolicyVersion(
    "2026-11-24-bbbbbbb", B, dt.date(2026, 11, 24),
    changes=(
        ChangeNote(B, {"nl": "Regels over privé-accounts aangescherpt", "en": "Rules on private accounts tightened"}),
        ChangeNote(C, {"nl": "Contactpersoon voor vragen bijgewerkt"}),  # no English note
    ),
    pages=(
        ChangedPage("richtlijnen.md", {"nl": "Richtlijnen", "en": "Guidelines"}, {"nl": "richtlijnen/", "en": "en/richtlijnen/"}),
        ChangedPage("contact.md", {"nl": "Contact", "en": "Contact details"}, {"nl": "contact/", "en": "en/contact/"}),
    ),
    approved_by="de directie", works_council_consent=dt.date(2026, 11, 10),
)
VERSIONS_PAGE = {"nl": "versies/", "en": "en/versies/"}
SENT_BEFORE = Announcement(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc), ("allen@example.org",), "<1@example.org>")


def publish_dir(tmp_path: Path, *versions: PolicyVersion) -> Path:
    """A publish folder whose versions.json holds `versions`, written as publishing writes it."""
    www = tmp_path / "www"
    policy_versions.save(recorded(www), Record(versions, VERSIONS_PAGE))
    return www


def announcing(www: Path, *argv: str) -> list[str]:
    """The command line of `handbook.py announce` for the publish folder `www` and the handbook beside it (settings)."""
    return ["--config", str(www.parent / "handbook" / "mkdocs.yml"), "announce", "--to", str(www), *argv]


def recorded(www: Path) -> Path:
    return www / policy_versions.ARCHIVE / policy_versions.VERSIONS_FILE


@pytest.fixture(autouse=True)
def settings(tmp_path, monkeypatch):
    """The handbook published (tmp_path/handbook: the fixture's settings) and the announcement's settings."""
    materialise(tmp_path / "handbook", docs=False)
    monkeypatch.setenv("HANDBOOK_SITE_URL", SITE)
    monkeypatch.setenv("HANDBOOK_MAIL_FROM", "handboek@example.org")
    monkeypatch.setenv("HANDBOOK_ANNOUNCE_TO", TO)


def announce(www: Path, monkeypatch, port: int | None, *argv: str) -> int:
    if port is not None:
        monkeypatch.setenv("HANDBOOK_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("HANDBOOK_SMTP_PORT", str(port))
    return handbook.main(announcing(www, *argv))


def sections(html: html_facts.Element) -> dict[str, html_facts.Element]:
    return {section.attrs["lang"]: section for section in html.find_all("div", data_version=True)}


def notes(section: html_facts.Element) -> list[tuple[str, str | None]]:
    """Each note as written (white space kept) and the language it is marked with, if any."""
    return [(raw_text(item), item.attrs.get("lang")) for item in section.find_all("li", data_change=True)]


def raw_text(element: html_facts.Element) -> str:
    return "".join(child if isinstance(child, str) else raw_text(child) for child in element.children)


def test_each_version_is_sent_once_oldest_first_and_recorded(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST, SECOND)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert announce(www, monkeypatch, port) == 0
    after = dt.datetime.now(dt.timezone.utc)
    record = policy_versions.load(recorded(www))
    first, second = (version.announcement for version in record.versions)
    assert capsys.readouterr() == (
        f"{FIRST.id}: sent to allen@example.org, hr@example.org, Message-ID {first.message_id}\n"
        f"{SECOND.id}: sent to allen@example.org, hr@example.org, Message-ID {second.message_id}\n", "",
    )
    assert box.envelopes == [("handboek@example.org", ["allen@example.org", "hr@example.org"])] * 2
    assert [message["Message-ID"] for message in box.received] == [first.message_id, second.message_id]
    assert [message["Subject"] for message in box.received] == [
        "Nieuwe versie van het handboek, geldig vanaf 2 november 2026 / New version of the handbook, in force from 2 November 2026",
        "Nieuwe versie van het handboek, geldig vanaf 24 november 2026 / New version of the handbook, in force from 24 November 2026",
    ]
    for announcement in (first, second):
        assert announcement.to == ("allen@example.org", "hr@example.org")
        assert announcement.sent_at.utcoffset() == dt.timedelta(0) and before <= announcement.sent_at <= after
    # Everything else in the record is as it was.
    assert record == Record((FIRST, SECOND), VERSIONS_PAGE).announced(FIRST.id, first).announced(SECOND.id, second)

    written = recorded(www).read_bytes()
    assert announce(www, monkeypatch, port) == 0
    assert capsys.readouterr() == (f"Nothing to announce: every version in {recorded(www)} has been announced.\n", "")
    assert len(box.received) == 2 and recorded(www).read_bytes() == written


def test_the_email_gives_every_languages_notes_the_adoption_and_working_links(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    site = tmp_path / "site"
    pages = {page.urls[language]: page.titles[language] for page in SECOND.pages for language in ("nl", "en")}
    for url, title in {**pages, "versies/": "Versies", "en/versies/": "Versions"}.items():
        (site / url).mkdir(parents=True)
        (site / url / "index.html").write_text(f"<!DOCTYPE html><title>{title}</title>", encoding="utf-8")
    www = publish_dir(tmp_path, FIRST, SECOND)
    with serve(site) as address:
        monkeypatch.setenv("HANDBOOK_SITE_URL", address)
        assert announce(www, monkeypatch, port) == 0, capsys.readouterr()
        first, second = box.received
        text, html = mail_parts(second)

        # Dutch first, then English; each language's own note, and the Dutch one where a change has no English note.
        assert text.index("Beste collega's,") < text.index("Dear colleagues,")
        dutch, english = text.split("\n" + "-" * 70 + "\n")
        assert "Er is een nieuwe versie van Handboek Thuiswerken. Deze geldt vanaf 24 november 2026.\n" in dutch
        assert f"Versie: {SECOND.id}\nVastgesteld door de directie.\nInstemming ondernemingsraad op 10 november 2026.\n" in dutch
        assert "Wat er is veranderd:\n* Regels over privé-accounts aangescherpt\n* Contactpersoon voor vragen bijgewerkt\n" in dutch
        assert f"It is in force from 24 November 2026.\nVersion: {SECOND.id}\nAdopted by de directie.\nWorks council consent on 10 November 2026.\n" in english
        assert "What has changed:\n* Rules on private accounts tightened\n* Contactpersoon voor vragen bijgewerkt (Nederlands)\n" in english
        assert f"* Richtlijnen\n  {address}richtlijnen/\n* Contact\n  {address}contact/\n" in dutch
        assert f"* Guidelines\n  {address}en/richtlijnen/\n* Contact details\n  {address}en/contact/\n" in english
        assert f"\n{address}versies/\n" in dutch and f"\n{address}en/versies/\n" in english

        parts = sections(html)
        assert list(parts) == ["nl", "en"]
        assert [part.find("span", data_version_id=True).text for part in parts.values()] == [SECOND.id, SECOND.id]
        assert notes(parts["nl"]) == [("Regels over privé-accounts aangescherpt", None), ("Contactpersoon voor vragen bijgewerkt", None)]
        # The fallback is marked as Dutch, never passed off as a translation.
        assert notes(parts["en"]) == [("Rules on private accounts tightened", None), ("Contactpersoon voor vragen bijgewerkt", "nl")]
        assert parts["nl"].find("span", data_adoption="approved-by").text == "Vastgesteld door de directie."
        assert raw_text(parts["nl"].find("span", data_adoption="works-council-consent")) == "Instemming ondernemingsraad op 10 november 2026."
        assert parts["en"].find("span", data_adoption="works-council-consent").find("time").attrs["datetime"] == "2026-11-10"
        links = {language: [(link.text, link.attrs["href"]) for link in part.find_all("a")] for language, part in parts.items()}
        assert links == {
            "nl": [("Richtlijnen", f"{address}richtlijnen/"), ("Contact", f"{address}contact/"), (f"{address}versies/", f"{address}versies/")],
            "en": [("Guidelines", f"{address}en/richtlijnen/"), ("Contact details", f"{address}en/contact/"),
                   (f"{address}en/versies/", f"{address}en/versies/")],
        }
        # Every link leads to the page it names.
        for name, href in links["nl"] + links["en"]:
            with urllib.request.urlopen(href) as response:
                page = html_facts.parse(response.read().decode("utf-8"))
            assert page.find("title").text in (name, "Versies", "Versions")

    # The first version has no changes to list: the e-mail says it is the first.
    text, html = mail_parts(first)
    assert "Dit is de eerste gepubliceerde versie van het handboek." in text and "This is the first published version of the handbook." in text
    assert "Wat er is veranderd" not in text and "Vastgesteld" not in text
    for part in sections(html).values():
        assert part.find_all("p", data_first_version=True) and not part.find_all("li")


def test_with_the_server_down_nothing_is_recorded_and_the_next_run_sends_the_missing_version_once(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    www = publish_dir(tmp_path, replace(FIRST, announcement=SENT_BEFORE), SECOND)
    written = recorded(www).read_bytes()
    assert announce(www, monkeypatch, free_port()) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"handbook.py announce: {SECOND.id}: not sent: the mail server cannot be reached (") and err.count("\n") == 1
    assert recorded(www).read_bytes() == written

    assert announce(www, monkeypatch, port) == 0
    (message,) = box.received
    assert "24 november 2026" in message["Subject"]
    assert capsys.readouterr().out == f"{SECOND.id}: sent to allen@example.org, hr@example.org, Message-ID {message['Message-ID']}\n"
    record = policy_versions.load(recorded(www))
    assert record.versions[0].announcement == SENT_BEFORE
    assert record.versions[1].announcement.message_id == message["Message-ID"]
    assert announce(www, monkeypatch, port) == 0
    assert len(box.received) == 1


def test_a_version_that_was_not_sent_holds_back_the_later_ones(tmp_path, monkeypatch, capsys):
    www = publish_dir(tmp_path, FIRST, SECOND)
    written = recorded(www).read_bytes()
    assert announce(www, monkeypatch, free_port()) == 1
    first, second = capsys.readouterr().err.splitlines()
    assert first.startswith(f"handbook.py announce: {FIRST.id}: not sent: the mail server cannot be reached (")
    assert second == f"handbook.py announce: {SECOND.id}: not sent: waits for {FIRST.id}, so that staff hear of the versions in order"
    assert recorded(www).read_bytes() == written


def test_a_refused_address_is_named_and_the_record_says_who_got_it(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    box.refused.add("hr@example.org")
    www = publish_dir(tmp_path, FIRST)
    assert announce(www, monkeypatch, port) == 1
    (announcement,) = (version.announcement for version in policy_versions.load(recorded(www)).versions)
    assert announcement.to == ("allen@example.org",)
    assert capsys.readouterr() == (
        f"{FIRST.id}: sent to allen@example.org, Message-ID {announcement.message_id}\n",
        f"handbook.py announce: {FIRST.id}: the server refused hr@example.org (550 5.1.1 no such mailbox); "
        "the others got it, and it is recorded as sent to them\n",
    )
    assert box.envelopes == [("handboek@example.org", ["allen@example.org"])]


def test_an_email_sent_but_not_recorded_is_named_and_the_later_ones_wait(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST, SECOND)
    written = recorded(www).read_bytes()

    def full_disk(path, record):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(policy_versions, "save", full_disk)
    assert announce(www, monkeypatch, port) == 1
    (message,) = box.received
    assert capsys.readouterr() == ("", (
        f"handbook.py announce: {FIRST.id}: sent as {message['Message-ID']} but not recorded in {recorded(www)} "
        "([Errno 28] No space left on device); record it there by hand, or the next run sends it again\n"
        f"handbook.py announce: {SECOND.id}: not sent: waits for {FIRST.id}, so that staff hear of the versions in order\n"
    ))
    assert recorded(www).read_bytes() == written


def test_announcing_waits_for_a_publish_in_progress(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST)
    monkeypatch.setenv("HANDBOOK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HANDBOOK_SMTP_PORT", str(port))
    results = []
    with releases.publish_lock(www):
        worker = threading.Thread(target=lambda: results.append(handbook.main(announcing(www))))
        worker.start()
        time.sleep(0.5)
        assert box.received == [] and results == []
    worker.join(timeout=30)
    assert results == [0] and len(box.received) == 1


def test_a_dry_run_prints_the_emails_and_sends_and_records_nothing(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST, SECOND)
    written, changed = recorded(www).read_bytes(), recorded(www).stat().st_mtime_ns
    assert announce(www, monkeypatch, port, "--dry-run") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(
        "To: allen@example.org, hr@example.org\n"
        "Subject: Nieuwe versie van het handboek, geldig vanaf 2 november 2026 / New version of the handbook, in force from 2 November 2026\n"
        "\nBeste collega's,\n"
    )
    assert "\nTo: allen@example.org, hr@example.org\nSubject: Nieuwe versie van het handboek, geldig vanaf 24 november 2026 / " in out
    assert "* Contactpersoon voor vragen bijgewerkt (Nederlands)\n" in out
    assert box.received == []
    assert (recorded(www).read_bytes(), recorded(www).stat().st_mtime_ns) == (written, changed)


def test_a_dry_run_needs_no_mail_settings(tmp_path, monkeypatch, capsys):
    for name in ("HANDBOOK_MAIL_FROM", "HANDBOOK_ANNOUNCE_TO"):
        monkeypatch.delenv(name)
    www = publish_dir(tmp_path, FIRST)
    assert announce(www, monkeypatch, None, "--dry-run") == 0
    assert capsys.readouterr().out.startswith("To: (nobody: HANDBOOK_ANNOUNCE_TO is not set)\nSubject: Nieuwe versie van het handboek, ")


def test_nothing_to_announce_needs_no_settings_either(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("HANDBOOK_ANNOUNCE_TO")
    www = tmp_path / "www"
    www.mkdir()
    assert announce(www, monkeypatch, None) == 0
    assert capsys.readouterr() == (f"Nothing to announce: {recorded(www.resolve())} records no version yet.\n", "")
    assert not recorded(www).exists()


EXAMPLE = "expected addresses separated by commas, like allen@example.org or allen@example.org, staff@example.org"


@pytest.mark.parametrize(("value", "message"), [
    pytest.param(None, "HANDBOOK_ANNOUNCE_TO: not set; expected the all-staff address(es), comma-separated, "
                       "like allen@example.org or allen@example.org, staff@example.org", id="missing"),
    pytest.param("  ", "HANDBOOK_ANNOUNCE_TO: not set; expected the all-staff address(es), comma-separated, "
                       "like allen@example.org or allen@example.org, staff@example.org", id="blank"),
    pytest.param("allen", f"HANDBOOK_ANNOUNCE_TO='allen': not a list of e-mail addresses (addr-spec local part with no domain); {EXAMPLE}",
                 id="no-domain"),
    pytest.param("allen@", f"HANDBOOK_ANNOUNCE_TO='allen@': not a list of e-mail addresses (string index out of range); {EXAMPLE}",
                 id="parser-gives-up"),
    pytest.param("allen@example.org; hr@example.org",
                 f"HANDBOOK_ANNOUNCE_TO='allen@example.org; hr@example.org': not a list of e-mail addresses "
                 f"(invalid address in address-list); {EXAMPLE}", id="semicolon"),
    pytest.param("allen@example.org,,hr@example.org",
                 f"HANDBOOK_ANNOUNCE_TO='allen@example.org,,hr@example.org': not a list of e-mail addresses "
                 f"(empty element in address-list); {EXAMPLE}", id="empty-entry"),
    pytest.param("allen@example.org\nBcc: x@example.org",
                 f"HANDBOOK_ANNOUNCE_TO='allen@example.org\\nBcc: x@example.org': not a list of e-mail addresses "
                 f"(invalid address in address-list); {EXAMPLE}", id="header-injection"),
])
def test_the_recipients_must_be_addresses_when_something_is_to_be_sent(tmp_path, mailbox, monkeypatch, capsys, value, message):
    box, port = mailbox
    if value is None:
        monkeypatch.delenv("HANDBOOK_ANNOUNCE_TO")
    else:
        monkeypatch.setenv("HANDBOOK_ANNOUNCE_TO", value)
    www = publish_dir(tmp_path, FIRST)
    written = recorded(www).read_bytes()
    assert announce(www, monkeypatch, port) == 2
    assert capsys.readouterr() == ("", f"handbook.py announce: {message}\n")
    assert box.received == [] and recorded(www).read_bytes() == written


def test_a_named_recipient_is_sent_to_and_recorded_by_address(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    monkeypatch.setenv("HANDBOOK_ANNOUNCE_TO", '"Alle medewerkers, NL" <allen@example.org>')
    www = publish_dir(tmp_path, FIRST)
    assert announce(www, monkeypatch, port) == 0
    (message,) = box.received
    assert message["To"] == '"Alle medewerkers, NL" <allen@example.org>'
    assert policy_versions.load(recorded(www)).versions[0].announcement.to == ("allen@example.org",)


def test_sending_needs_the_mail_settings(tmp_path, monkeypatch, capsys):
    www = publish_dir(tmp_path, FIRST)
    assert announce(www, monkeypatch, None) == 2
    assert capsys.readouterr() == ("", "handbook.py announce: HANDBOOK_SMTP_HOST: not set; expected the mail server's name, like smtp.intranet.example\n")


def test_the_publish_folder_must_exist(tmp_path, monkeypatch, capsys):
    assert announce(tmp_path / "nothing", monkeypatch, None) == 2
    assert capsys.readouterr() == ("", f"handbook.py announce: --to {tmp_path / 'nothing'}: no such folder; expected the publish folder, as for publish\n")
    assert not (tmp_path / "nothing").exists()


HOSTILE = "<b>Regels</b> & \"quotes\" 'too' </li></ul><script>alert(1)</script> {{ 7 * 7 }} &amp; <!-- x --> ]]>"
ODD = "\u202eRTL\u202c e\u0301 \u200d\U0001F642 \ufeff tab\there \x00nul \u00a0end"
LONG = "Lange notitie " + "x" * 10_000


def test_hostile_notes_and_titles_read_as_text_in_both_parts(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    hostile = PolicyVersion(
        "2026-11-24-bbbbbbb", B, dt.date(2026, 11, 24),
        changes=(ChangeNote(B, {"nl": HOSTILE, "en": ODD}), ChangeNote(C, {"nl": LONG})),
        pages=(ChangedPage("richtlijnen.md", {"nl": HOSTILE, "en": "<i>Guidelines</i>"},
                           {"nl": 'richtlijnen/"><script>x</script>', "en": "en/richtlijnen/?a=1&b=2"}),),
        approved_by="<b>de directie</b> & \"OR\"",
    )
    www = publish_dir(tmp_path, replace(FIRST, announcement=SENT_BEFORE), hostile)
    assert announce(www, monkeypatch, port) == 0, capsys.readouterr()
    (message,) = box.received
    text, html = mail_parts(message)
    for note in (f"* {HOSTILE}\n", f"* {ODD}\n", f"* {LONG}\n", f"* {LONG} (Nederlands)\n", f"* {HOSTILE}\n  {SITE}richtlijnen/\"><script>x</script>\n"):
        assert note in text
    assert "Vastgesteld door <b>de directie</b> & \"OR\".\n" in text
    assert not [element for element in html.iter() if element.tag in ("b", "i", "script")]
    parts = sections(html)
    assert notes(parts["nl"]) == [(HOSTILE, None), (LONG, None)]
    # The plain text keeps every character; in HTML a reader's browser drops the NUL, as the HTML5 parser here does.
    assert notes(parts["en"]) == [(ODD.replace("\x00", ""), None), (LONG, "nl")]
    assert raw_text(parts["nl"].find("span", data_adoption="approved-by")) == "Vastgesteld door <b>de directie</b> & \"OR\"."
    assert [(raw_text(link), link.attrs["href"]) for link in parts["nl"].find_all("a")][0] == (HOSTILE, f'{SITE}richtlijnen/"><script>x</script>')
    assert [(raw_text(link), link.attrs["href"]) for link in parts["en"].find_all("a")][0] == ("<i>Guidelines</i>", f"{SITE}en/richtlijnen/?a=1&b=2")


def test_a_record_that_could_not_be_written_back_sends_nothing(tmp_path, mailbox, monkeypatch, capsys):
    """A lone surrogate, as a hand-edited record can hold (\\ud800), can be read but not written back as UTF-8:
    an e-mail sent for it could not be recorded, and would go out again on the next run."""
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST, SECOND)
    text = recorded(www).read_text(encoding="utf-8").replace("Contactpersoon voor vragen bijgewerkt", "Contact\\ud800persoon")
    recorded(www).write_text(text, encoding="utf-8")
    assert announce(www, monkeypatch, port) == 2
    assert capsys.readouterr() == ("", f"handbook.py announce: {recorded(www)}: versions[1].changes[1].notes.nl: holds a lone surrogate "
                                       "('Contact\\ud800persoon'), which is no text; fix the file\n")
    assert box.received == [] and recorded(www).read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("content", "message"), [
    pytest.param(lambda data: data.replace('"2026-11-24"', '"2026-13-01"'),
                 "{path}: versions[1].in_force_from: '2026-13-01' is not a date; expected YYYY-MM-DD", id="bad-date"),
    pytest.param(lambda data: data.replace('"id": "2026-11-02-aaaaaaa"', '"id": 7'),
                 "{path}: versions[0].id: expected a text, found 7", id="bad-id"),
    pytest.param(lambda data: data[:40], "{path}:3: not valid JSON (Unterminated string starting at)", id="cut-off"),
    pytest.param(lambda data: "[]", "{path}: the file: expected an object, found list", id="not-an-object"),
])
def test_a_record_that_cannot_be_read_is_named_with_its_field(tmp_path, mailbox, monkeypatch, capsys, content, message):
    box, port = mailbox
    www = publish_dir(tmp_path, FIRST, SECOND)
    recorded(www).write_text(content(recorded(www).read_text(encoding="utf-8")), encoding="utf-8")
    written = recorded(www).read_bytes()
    for argv in ((), ("--dry-run",)):
        assert announce(www, monkeypatch, port, *argv) == 2
        assert capsys.readouterr() == ("", f"handbook.py announce: {message.format(path=recorded(www))}\n")
    assert box.received == [] and recorded(www).read_bytes() == written
