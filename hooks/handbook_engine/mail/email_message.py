"""The handbook's one way of writing an e-mail, on the standard library's `email`, free of any site engine.

Both e-mails (the owners' weekly one, `owner_mail`, and the announcement to
staff, `announcement`) are rendered from a template under `overrides/email/`
whose blocks `subject`, `text` and `html` give the subject, the plain text and
the HTML alternative, and are sent as one multipart/alternative message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import NamedTuple

import jinja2


class Content(NamedTuple):
    """What an e-mail says: its subject on one line, its plain text and its HTML."""

    subject: str
    text: str
    html: str


def render(env: jinja2.Environment, template_name: str, values: Mapping[str, object]) -> Content:
    """The blocks `subject`, `text` and `html` of the template, rendered with `values`."""
    template = env.get_template(template_name)
    context = template.new_context(dict(values))

    def block(name: str) -> str:
        # A lone surrogate (a \ud800 escape in a label file) cannot be encoded: it becomes '?'
        # (policy_versions.load refuses a record that holds one).
        return "".join(template.blocks[name](context)).encode("utf-8", errors="replace").decode("utf-8")

    return Content(" ".join(block("subject").split()), block("text"), block("html"))


def as_email(content: Content, sender: str, to: object, now: dt.datetime) -> EmailMessage:
    """The message from `sender` to `to` (an address, or a sequence of email.headerregistry.Address), dated `now`."""
    # Lines up to the RFC 5322 limit: Python folds a subject with an apostrophe
    # onto a line of its own, which its own parser reads back with a leading space.
    email = EmailMessage(policy=email_policy.default.clone(max_line_length=998))
    email["From"] = sender
    email["To"] = to
    email["Subject"] = content.subject
    email["Date"] = format_datetime(now)
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    # Quoted-printable: a text may hold any character, and long lines; the message stays 7-bit.
    email.set_content(content.text, cte="quoted-printable")
    email.add_alternative(content.html, subtype="html", cte="quoted-printable")
    return email
