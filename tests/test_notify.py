"""The weekly e-mail to page owners, sent through a real SMTP server on loopback and read back as MIME.

The handbook has the two-language fixture's settings: its owners Personeelszaken (in English Human
Resources) and Facilitair (Facilities)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import TWO_LANGUAGES, Mailbox, edit_file, free_port, mail_parts as parts, small_handbook

from handbook_engine.cli import handbook
from tiers import starts

SITE = "https://intranet.example/handboek/"
EDIT = TWO_LANGUAGES.settings["edit_uri"]
PZ, FACILITAIR = "Personeelszaken <personeelszaken@example.org>", "Facilitair <facilitair@example.org>"
# Reviewed on these days with the default interval of 12 months, owned as given.
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-10-05"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-10-05"},
    "regels.md": {"title": "Regels", "last_reviewed": "2026-06-15", "owner": "[Personeelszaken, Facilitair]"},  # due 2027-06-15
    "regels.en.md": {"title": "Rules", "last_reviewed": "2026-06-15", "owner": "[Personeelszaken, Facilitair]"},
    "evaluatie.md": {"title": "Evaluatie", "last_reviewed": "2026-02-02"},  # due 2027-02-02, due soon from 2027-01-03
    "evaluatie.en.md": {"title": "Evaluation", "last_reviewed": "2026-02-02"},
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = small_handbook(tmp_path / "project", PAGES)
    monkeypatch.setenv("HANDBOOK_SITE_URL", SITE)
    monkeypatch.setenv("HANDBOOK_MAIL_FROM", "handboek@example.org")
    return project


def notify(project: Path, monkeypatch, today: str, port: int | None, *argv: str) -> int:
    monkeypatch.setenv("HANDBOOK_TODAY", today)
    if port is not None:
        monkeypatch.setenv("HANDBOOK_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("HANDBOOK_SMTP_PORT", str(port))
    return handbook.main(["--config", str(project / "mkdocs.yml"), "notify", *argv])


def test_nothing_is_sent_when_no_page_is_due(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    assert notify(project, monkeypatch, "2026-11-21", port) == 0
    assert box.received == []
    assert capsys.readouterr() == ("No owner has pages that are due on 2026-11-21; nothing to send.\n", "")


def test_an_owner_hears_of_a_page_that_is_due_soon_and_no_one_else_is_written_to(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    assert notify(project, monkeypatch, "2027-01-10", port) == 0
    assert capsys.readouterr() == (f"{PZ}: sent, 1 page(s)\n", "")
    assert box.envelopes == [("handboek@example.org", ["personeelszaken@example.org"])]
    (message,) = box.received
    assert message["From"] == "handboek@example.org"
    assert message["Subject"] == "Personeelszaken: pagina's van het handboek om te beoordelen / handbook pages to review"
    text, html = parts(message)
    # Dutch first, the English text below it; the page once, with both languages; the owner by its name in each.
    assert text.index("Hallo Personeelszaken,") < text.index("Hello Human Resources,")
    assert text.count("* Evaluatie\n") == 1 and text.count("* Evaluation\n") == 1
    assert "  Binnenkort nodig, uiterlijk op 2 februari 2027\n" in text
    assert "  Due soon, by 2 February 2027\n" in text
    for address in (f"{SITE}evaluatie/", f"{SITE}en/evaluatie/", f"{EDIT}evaluatie.md", f"{EDIT}evaluatie.en.md"):
        assert address in text
    assert '  make mark-reviewed PAGES="docs/evaluatie.md"\n' in text
    assert "last_reviewed: 2027-01-10" in text
    sections = {section.attrs["lang"]: section for section in html.find_all("div", lang=True)}
    assert list(sections) == ["nl", "en"]
    for language, section in sections.items():
        (item,) = section.find_all("li", data_page=True)
        assert (item.attrs["data-page"], item.attrs["data-state"]) == ("evaluatie.md", "due-soon")
        edit = "bewerken" if language == "nl" else "edit"
        assert [(link.text, link.attrs["href"]) for link in item.find_all("a")] == [
            ("Nederlands", f"{SITE}evaluatie/"), (edit, f"{EDIT}evaluatie.md"),
            ("English", f"{SITE}en/evaluatie/"), (edit, f"{EDIT}evaluatie.en.md"),
        ]


def test_each_owner_gets_one_message_with_each_of_its_pages_once(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    assert notify(project, monkeypatch, "2027-06-01", port) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == [f"{FACILITAIR}: sent, 1 page(s)", f"{PZ}: sent, 2 page(s)"]
    messages = box.by_recipient()
    pz_text, pz_html = parts(messages["personeelszaken@example.org"])
    # Overdue first, then due soon; the shared page goes to both owners.
    assert pz_text.index("* Evaluatie") < pz_text.index("* Regels")
    assert "  Te laat: de beoordeling was nodig op 2 februari 2027\n" in pz_text
    assert [item.attrs["data-page"] for item in pz_html.find("div", lang="nl").find_all("li", data_page=True)] == ["evaluatie.md", "regels.md"]
    facilitair_text, _ = parts(messages["facilitair@example.org"])
    assert "Hallo Facilitair," in facilitair_text and "Hello Facilities," in facilitair_text
    assert "* Regels" in facilitair_text and "Evaluatie" not in facilitair_text


def test_a_refused_recipient_does_not_stop_the_others_and_is_named(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    box.refused.add("personeelszaken@example.org")
    assert notify(project, monkeypatch, "2027-06-01", port) == 1
    out, err = capsys.readouterr()
    assert out == f"{FACILITAIR}: sent, 1 page(s)\n"
    assert err == f"handbook.py notify: {PZ}: not sent: the server refused the address (550 5.1.1 no such mailbox)\n"
    assert list(box.by_recipient()) == ["facilitair@example.org"]


def test_an_unreachable_server_names_every_owner_and_fails(project, monkeypatch, capsys):
    assert notify(project, monkeypatch, "2027-06-01", free_port()) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert [line.split(":")[1].strip() for line in lines] == [PZ, FACILITAIR]
    assert all("not sent: the mail server cannot be reached" in line for line in lines)


def test_a_dry_run_prints_the_messages_and_sends_nothing(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    assert notify(project, monkeypatch, "2027-01-10", port, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("To: personeelszaken@example.org\nSubject: Personeelszaken: pagina's van het handboek om te beoordelen / "
                          "handbook pages to review\n\nHallo Personeelszaken,\n")
    assert box.received == []


def test_sending_needs_the_mail_settings(project, monkeypatch, capsys):
    monkeypatch.delenv("HANDBOOK_SMTP_HOST", raising=False)
    assert notify(project, monkeypatch, "2027-01-10", None) == 2
    assert capsys.readouterr() == ("", "handbook.py notify: HANDBOOK_SMTP_HOST: not set; expected the mail server's name, like smtp.intranet.example\n")


def test_a_password_is_never_sent_without_starttls(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    monkeypatch.setenv("HANDBOOK_SMTP_USER", "handboek")
    monkeypatch.setenv("HANDBOOK_SMTP_PASSWORD", "geheim")
    assert notify(project, monkeypatch, "2027-01-10", port) == 1
    assert capsys.readouterr().err == (
        f"handbook.py notify: {PZ}: not sent: the server offers no STARTTLS; the password is not sent unencrypted\n"
    )
    assert box.received == []


@pytest.fixture
@starts("mail_server")
def tls_mailbox(tmp_path):
    """A server that offers STARTTLS with a certificate for 127.0.0.1, and asks for a login."""
    import ssl

    certificate, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"handboek" and auth_data.password == b"geheim")

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        yield box, controller.port, certificate, logins
    finally:
        controller.stop()


def test_starttls_is_used_when_offered_and_then_the_login(project, tls_mailbox, monkeypatch, capsys):
    box, port, certificate, logins = tls_mailbox
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # the intranet's own certificate authority
    monkeypatch.setenv("HANDBOOK_SMTP_USER", "handboek")
    monkeypatch.setenv("HANDBOOK_SMTP_PASSWORD", "geheim")
    assert notify(project, monkeypatch, "2027-01-10", port) == 0, capsys.readouterr()
    assert logins == [(b"handboek", b"geheim")]
    assert list(box.by_recipient()) == ["personeelszaken@example.org"]


def test_an_owner_without_an_address_is_reported_and_the_others_still_hear(project, mailbox, monkeypatch, capsys):
    box, port = mailbox
    config = project / "mkdocs.yml"
    edit_file(config, "Personeelszaken: {email: personeelszaken@example.org, ", "Personeelszaken: {")
    assert notify(project, monkeypatch, "2027-06-01", port) == 1
    out, err = capsys.readouterr()
    assert out == f"{FACILITAIR}: sent, 1 page(s)\n"
    assert err == "handbook.py notify: Personeelszaken: no e-mail address in mkdocs.yml (extra.review.owners)\n"


def test_hostile_values_are_text_in_both_parts(tmp_path, mailbox, monkeypatch, capsys):
    box, port = mailbox
    owner = "<b>R&D</b> \"team\" </script><script>alert(1)</script>"
    title = "<i>Regels</i> & 'zo'"
    project = small_handbook(tmp_path / "hostile", {
        "index.md": {"title": title, "last_reviewed": "2026-02-02", "owner": json.dumps(owner)},
        "index.en.md": {"title": title, "last_reviewed": "2026-02-02", "owner": json.dumps(owner)},
    })
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    owners:\n", f"    owners:\n      {json.dumps(owner)}: {{email: rd@example.org, git: '@example/rd', en: {json.dumps(owner + ' EN')}}}\n",
    ), encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://intranet.example/r&d/")
    monkeypatch.setenv("HANDBOOK_MAIL_FROM", "handboek@example.org")
    assert notify(project, monkeypatch, "2027-06-01", port) == 0, capsys.readouterr()
    (message,) = box.received
    text, html = parts(message)
    assert f"Hallo {owner},\n" in text and f"* {title}\n" in text
    assert not [element for element in html.iter() if element.tag in ("b", "i", "script")]
    assert html.find("div", lang="nl").find("p").text == f"Hallo {owner},"
    assert html.find("div", lang="en").find("p").text == f"Hello {owner} EN,"
    assert html.find("li", data_page="index.md").find("strong").text == title
    assert html.find("li", data_page="index.md").find("a").attrs["href"] == "https://intranet.example/r&d/"
