"""The weekly e-mail to page owners: written from a template, sent over SMTP.

The message is rendered from `overrides/email/due-pages.html` (`email_message`),
each part in every language of the handbook, the default language first.
SMTP settings come from the environment, for both e-mails:

  HANDBOOK_SMTP_HOST      the mail server (required to send)
  HANDBOOK_SMTP_PORT      its port (default 25)
  HANDBOOK_SMTP_USER      user name, if the server wants one; with HANDBOOK_SMTP_PASSWORD
  HANDBOOK_SMTP_PASSWORD
  HANDBOOK_MAIL_FROM      the sender's address (required to send)

STARTTLS is used whenever the server offers it; a password is never sent
without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import jinja2
from handbook_engine.settings import labels
from handbook_engine.settings.labels import language_name
from handbook_engine.pages import review_rules
from handbook_engine.mail.email_message import Content, render
from handbook_engine.mail.owner_notices import DuePage
from handbook_engine.settings.owners import Owner

TEMPLATE = "email/due-pages.html"
DEFAULT_PORT = 25
TIMEOUT = 30


class MailSettingError(ValueError):
    """A missing or wrong HANDBOOK_SMTP_* or HANDBOOK_MAIL_FROM value."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    sender: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> SmtpSettings:
        host = environ.get("HANDBOOK_SMTP_HOST", "").strip()
        sender = environ.get("HANDBOOK_MAIL_FROM", "").strip()
        port_text = environ.get("HANDBOOK_SMTP_PORT", "").strip() or str(DEFAULT_PORT)
        if not host:
            raise MailSettingError("HANDBOOK_SMTP_HOST: not set; expected the mail server's name, like smtp.intranet.example")
        if "@" not in sender:
            raise MailSettingError(f"HANDBOOK_MAIL_FROM={sender!r}: expected the sender's address, like handboek@example.org")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise MailSettingError(f"HANDBOOK_SMTP_PORT={port_text!r}: expected a port number, like 25 or 587")
        user = environ.get("HANDBOOK_SMTP_USER") or None
        password = environ.get("HANDBOOK_SMTP_PASSWORD") or None
        if (user is None) != (password is None):
            raise MailSettingError("HANDBOOK_SMTP_USER and HANDBOOK_SMTP_PASSWORD: set both or neither")
        return cls(host, int(port_text), user, password, sender)


@dataclass(frozen=True)
class Message:
    """One owner's e-mail before it has a sender."""

    owner: Owner
    content: Content


def environment(theme_dir: Path, texts: labels.Labels) -> jinja2.Environment:
    """The environment of the templates rendered outside a build (the e-mails, a version's marked-up changes): the
    theme's templates, the handbook's texts, dates in each language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_dir), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals["label"] = texts.markup  # escaped, for the HTML part
    env.globals["text"] = texts.text  # as written, for the subject and the plain text
    env.filters["long_date"] = review_rules.long_date
    env.filters["language_name"] = language_name
    return env


def compose(env: jinja2.Environment, owner: Owner, pages: Sequence[DuePage], languages: Sequence[str], today: dt.date) -> Message:
    return Message(owner, render(env, TEMPLATE, {"owner": owner, "pages": pages, "languages": languages, "today": today}))


def send_all(settings: SmtpSettings, emails: Sequence[EmailMessage],
             connect: Callable[[SmtpSettings], smtplib.SMTP] | None = None) -> Iterator[tuple[EmailMessage, str | None]]:
    """Send each e-mail; yield it with None when sent, or with what went wrong. A failure of
    one message or of the connection does not stop the others: the next one connects anew."""
    with contextlib.closing(deliveries(settings, emails, connect)) as sent:
        for delivery in sent:
            yield delivery.email, delivery.problem


@dataclass(frozen=True)
class Delivery:
    """One e-mail handed to the server, or not."""

    email: EmailMessage
    problem: str | None  # why it was not sent; None when it was
    # The recipients the server refused while it took the message for the others: address -> its answer.
    refused: Mapping[str, str]


def deliveries(settings: SmtpSettings, emails: Sequence[EmailMessage],
               connect: Callable[[SmtpSettings], smtplib.SMTP] | None = None) -> Iterator[Delivery]:
    """send_all, telling also which of several recipients the server refused (an e-mail to one
    recipient that is refused is not sent at all)."""
    connect = connect or open_connection
    server = None
    try:
        for email in emails:
            try:
                if server is None:
                    server = connect(settings)
                refused = server.send_message(email)
            except smtplib.SMTPRecipientsRefused as error:
                refusal = next(iter(error.recipients.values()))
                yield Delivery(email, f"the server refused the address ({refusal[0]} {_decoded(refusal[1])})", {})
                continue
            except (smtplib.SMTPException, OSError) as error:
                yield Delivery(email, _reason(error), {})
                server = _closed(server)
                continue
            yield Delivery(email, None, {address: f"{code} {_decoded(text)}" for address, (code, text) in refused.items()})
    finally:
        _closed(server)


def open_connection(settings: SmtpSettings) -> smtplib.SMTP:
    """A connection to the server, encrypted with STARTTLS when the server offers it, logged in when configured."""
    server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    try:
        server.ehlo()
        if server.has_extn("starttls"):
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        elif settings.user is not None:
            raise smtplib.SMTPException("the server offers no STARTTLS; the password is not sent unencrypted")
        if settings.user is not None:
            server.login(settings.user, settings.password)
    except BaseException:
        _closed(server)
        raise
    return server


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the server answered {error.smtp_code} {_decoded(error.smtp_error)}"
    if isinstance(error, (ConnectionRefusedError, socket.gaierror, TimeoutError, socket.timeout)):
        return f"the mail server cannot be reached ({error})"
    return str(error) or type(error).__name__


def _decoded(text: bytes | str) -> str:
    return text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text


def _closed(server: smtplib.SMTP | None) -> None:
    if server is not None:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()
    return None
