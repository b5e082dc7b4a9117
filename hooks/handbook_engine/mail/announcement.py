"""Staff are told of each version of the policy: one e-mail per version, sent exactly once.

`scripts/handbook.py announce --to DIR` reads `DIR/archive/versions.json`
(policy_versions) and, holding the publish lock, sends one e-mail for
each version staff have not been told of, oldest first, to the all-staff
address(es). An upcoming version is announced at once, naming the day it
applies; an editorial version is never announced, nor a version that replaced
an announced one before its day with editorial changes only
(`Record.to_announce`). Right after each e-mail is sent, its line is written into the
record: when it went out, to whom and its Message-ID. A version whose e-mail
was not sent gets no line, so the next run sends it; one that has its line is
never sent again.

The message is rendered from `overrides/email/announcement.html` (`email_message`),
each part in every language of the handbook, the default language first: the change notes (a change without a note in that language shows the
default language's note, marked as such), a link to each changed page and to
the Versions page, the day the version is in force from, and who adopted it.

  HANDBOOK_ANNOUNCE_TO    the all-staff address(es), comma-separated (required to send)

and the SMTP settings of the owners' e-mail (scripts/owner_mail.py), with its
STARTTLS rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email import policy as email_policy
from email.headerregistry import Address
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from handbook_engine.mail import owner_mail
from handbook_engine.mail.email_message import Content, as_email, render
from handbook_engine.versions import policy_versions
from handbook_engine.publishing import releases
from handbook_engine.mail.owner_mail import MailSettingError, SmtpSettings
from handbook_engine.versions.policy_versions import Announcement, PolicyVersion, Record

if TYPE_CHECKING:
    import smtplib

    Connect = Callable[[SmtpSettings], smtplib.SMTP]

TEMPLATE = "email/announcement.html"
RECIPIENTS = "HANDBOOK_ANNOUNCE_TO"
PROGRAM = "handbook.py announce"


@dataclass(frozen=True)
class Note:
    """One change's note as a section shows it, and the language it is written in."""

    commit: str
    text: str
    language: str


@dataclass(frozen=True)
class Link:
    """A changed page in one language: its title and address, and the language of each
    (the default language's where the page lacks one)."""

    path: str
    title: str
    title_language: str
    address: str
    language: str


@dataclass(frozen=True)
class Section:
    """What one language's part of the e-mail shows."""

    language: str
    notes: tuple[Note, ...]
    pages: tuple[Link, ...]
    versions_page: str | None


@dataclass(frozen=True)
class Message:
    """One version's e-mail before it has a sender and recipients."""

    version: PolicyVersion
    content: Content


def versions_file(target: Path) -> Path:
    return target / policy_versions.ARCHIVE / policy_versions.VERSIONS_FILE


def recipients(environ: Mapping[str, str]) -> tuple[Address, ...]:
    """The all-staff addresses in HANDBOOK_ANNOUNCE_TO, read by the e-mail library's own address-list parser."""
    value = environ.get(RECIPIENTS, "").strip()
    example = "like allen@example.org or allen@example.org, staff@example.org"
    if not value:
        raise MailSettingError(f"{RECIPIENTS}: not set; expected the all-staff address(es), comma-separated, {example}")
    try:
        header = email_policy.default.header_factory("To", value)
        problem = header.defects[0] if header.defects else None
        addresses = tuple(header.addresses)
    except (IndexError, ValueError) as error:  # the parser gives up on some inputs, like 'a@'
        problem, addresses = error, ()
    if problem is None and not addresses:
        problem = "no address"
    if problem is None:
        problem = next((f"{address.addr_spec!r} is not an address" for address in addresses
                        if not address.username or not address.domain), None)
    if problem is not None:
        raise MailSettingError(f"{RECIPIENTS}={value!r}: not a list of e-mail addresses ({problem}); expected addresses separated by commas, {example}")
    return addresses


def notes_in(version: PolicyVersion, language: str, default: str) -> tuple[Note, ...]:
    """Each change's note in `language`, else in the default language (else in any language it has)."""
    notes = []
    for change in version.changes:
        written = next((code for code in (language, default, *change.notes) if code in change.notes), None)
        if written is not None:
            notes.append(Note(change.commit, change.notes[written], written))
    return tuple(notes)


def address(site_url: str, url: str) -> str:
    """A page's address on the published site. Appended, never joined: an address in the record stays under the site."""
    return (site_url if site_url.endswith("/") else site_url + "/") + url.lstrip("/")


def sections(record: Record, version: PolicyVersion, languages: Sequence[str], site_url: str) -> list[Section]:
    """One section per language, the default language first."""
    default = languages[0]
    found = []
    for language in languages:
        pages = []
        for page in version.pages:
            title_language = next((code for code in (language, default, *page.titles) if code in page.titles), None)
            url_language = next((code for code in (language, default) if code in page.urls), None)
            if url_language is not None:
                pages.append(Link(page.path, page.titles[title_language] if title_language else page.path,
                                  title_language or default, address(site_url, page.urls[url_language]), url_language))
        versions_page = record.versions_page.get(language, record.versions_page.get(default))
        found.append(Section(language, notes_in(version, language, default), tuple(pages),
                             None if versions_page is None else address(site_url, versions_page)))
    return found


def compose(env: jinja2.Environment, record: Record, version: PolicyVersion, languages: Sequence[str], site_url: str,
            today: dt.date | None = None) -> Message:
    """The e-mail about `version`; one sent before its day (`today`) says the version in force applies until then."""
    return Message(version, render(env, TEMPLATE, {
        "version": version, "languages": list(languages), "first": record.versions[0].id == version.id,
        "upcoming": today is not None and version.upcoming(today),
        "sections": sections(record, version, languages, site_url),
    }))


def run(target: Path, *, env: jinja2.Environment, languages: Sequence[str], site_url: str, environ: Mapping[str, str],
        dry_run: bool, connect: "Connect | None" = None, today: dt.date | None = None) -> int:
    """Announce every version in `target` not yet announced; the exit code. Raise MailSettingError for a
    missing or wrong setting and VersionsError for a record that cannot be read."""
    path = versions_file(target)
    if dry_run:
        # No lock: a dry run writes nothing, and may be run by someone who cannot write the publish folder.
        record = policy_versions.load(path)
        to = recipients(environ) if environ.get(RECIPIENTS, "").strip() else None
        messages = [compose(env, record, version, languages, site_url, today) for version in record.to_announce()]
        if not messages:
            print(nothing_to_announce(path, record))
        for message in messages:
            shown = ", ".join(str(address) for address in to) if to else f"(nobody: {RECIPIENTS} is not set)"
            print(f"To: {shown}\nSubject: {message.content.subject}\n\n{message.content.text}")
        return 0
    with releases.publish_lock(target):
        record = policy_versions.load(path)
        if not record.to_announce():
            print(nothing_to_announce(path, record))
            return 0
        to = recipients(environ)
        settings = SmtpSettings.from_environment(environ)
        return send(path, record, [compose(env, record, version, languages, site_url, today) for version in record.to_announce()],
                    settings, to, connect)


def send(path: Path, record: Record, messages: Sequence[Message], settings: SmtpSettings, to: Sequence[Address],
         connect: "Connect | None") -> int:
    """Send the messages in order, recording each at once; stop at the first that is not sent, so
    that staff hear of the versions in the order they came into force."""
    now = dt.datetime.now(dt.timezone.utc)
    emails = [as_email(message.content, settings.sender, to, now) for message in messages]
    status = 0
    with contextlib.closing(owner_mail.deliveries(settings, emails, connect)) as sent:
        for number, (message, delivery) in enumerate(zip(messages, sent)):
            version = message.version
            if delivery.problem is not None:
                fail(f"{version.id}: not sent: {delivery.problem}")
                return waiting(messages[number + 1:], version)
            accepted = tuple(address.addr_spec for address in to if address.addr_spec not in delivery.refused)
            sent_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
            record = record.announced(version.id, Announcement(sent_at, accepted, delivery.email["Message-ID"]))
            try:
                policy_versions.save(path, record)
            except (OSError, ValueError) as error:
                fail(f"{version.id}: sent as {delivery.email['Message-ID']} but not recorded in {path} ({error}); "
                     "record it there by hand, or the next run sends it again")
                return waiting(messages[number + 1:], version)
            print(f"{version.id}: sent to {', '.join(accepted)}, Message-ID {delivery.email['Message-ID']}")
            for refused, answer in delivery.refused.items():
                fail(f"{version.id}: the server refused {refused} ({answer}); the others got it, and it is recorded as sent to them")
                status = 1
    return status


def waiting(later: Sequence[Message], version: PolicyVersion) -> int:
    """Name the versions not sent because `version` stopped the run; exit code 1."""
    for message in later:
        fail(f"{message.version.id}: not sent: waits for {version.id}, so that staff hear of the versions in order")
    return 1


def nothing_to_announce(path: Path, record: Record) -> str:
    if not record.versions:
        return f"Nothing to announce: {path} records no version yet."
    silent = [version.id for version in record.versions if version.announcement is None]
    if silent:
        return (f"Nothing to announce: every version in {path} has been announced, or needs no e-mail ({', '.join(silent)}: "
                f"editorial, replaced before its day, or told of with the version it replaced).")
    return f"Nothing to announce: every version in {path} has been announced."


def fail(message: str) -> None:
    print(f"{PROGRAM}: {message}", file=sys.stderr)
