"""The commands that send e-mail: notify (each owner their pages that are due) and announce
(all staff, once per new version). Jinja and smtplib are loaded only when one of them runs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from handbook_engine.cli import code_owners
from handbook_engine.mail import owner_notices
from handbook_engine.versions import policy_versions
from handbook_engine import yaml_source
from handbook_engine.cli.handbook_project import Handbook, UsageError, today_for

NO_TEMPLATES = "mkdocs.yml: theme.custom_dir: missing; the e-mail's template and texts are in overrides/"


def run_notify(args: argparse.Namespace, handbook: Handbook) -> int:
    from handbook_engine.mail import email_message, owner_mail  # Jinja and smtplib: only the mail commands pay for loading them

    today = today_for(handbook)
    records = handbook.scan(today)
    if handbook.theme_dir is None:
        raise UsageError(NO_TEMPLATES)
    try:
        texts = handbook.labels()
    except yaml_source.Errors as error:
        raise UsageError(str(error)) from None
    smtp = None
    if not args.dry_run:
        try:
            smtp = owner_mail.SmtpSettings.from_environment(os.environ)
        except owner_mail.MailSettingError as error:
            raise UsageError(str(error)) from None
    due = owner_notices.due_pages(records, handbook.languages, handbook.site_url, handbook.edit_uri,
                                  code_owners.docs_prefix(handbook.docs_dir, handbook.root))
    env = owner_mail.environment(handbook.theme_dir, texts)
    messages = [owner_mail.compose(env, owner, due[owner.name], handbook.languages.all, today)
                for owner in handbook.settings.owners if owner.name in due]
    failed = [f"{message.owner.name}: no e-mail address in mkdocs.yml (extra.review.owners)" for message in messages if not message.owner.email]
    messages = [message for message in messages if message.owner.email]
    if not messages and not failed:
        print(f"No owner has pages that are due on {today.isoformat()}; nothing to send.")
    now = dt.datetime.now(dt.timezone.utc)
    emails = [email_message.as_email(message.content, smtp.sender if smtp else "handbook@localhost", message.owner.email, now)
              for message in messages]
    if args.dry_run:
        for message, email in zip(messages, emails):
            print(f"To: {email['To']}\nSubject: {email['Subject']}\n\n{message.content.text}")
    else:
        for (message, (email, problem)) in zip(messages, owner_mail.send_all(smtp, emails)):
            if problem:
                failed.append(f"{message.owner.name} <{email['To']}>: not sent: {problem}")
            else:
                print(f"{message.owner.name} <{email['To']}>: sent, {len(due[message.owner.name])} page(s)")
    for failure in failed:
        print(f"handbook.py notify: {failure}", file=sys.stderr)
    return 1 if failed else 0


def run_announce(args: argparse.Namespace, handbook: Handbook) -> int:
    from handbook_engine.mail import announcement  # Jinja and smtplib: only the mail commands pay for loading them
    from handbook_engine.mail import owner_mail

    target = args.to.resolve()
    if not target.is_dir():
        raise UsageError(f"--to {args.to}: no such folder; expected the publish folder, as for publish")
    if handbook.theme_dir is None:
        raise UsageError(NO_TEMPLATES)
    try:
        env = owner_mail.environment(handbook.theme_dir, handbook.labels())
        return announcement.run(target, env=env, languages=handbook.languages.all, site_url=handbook.site_url,
                                environ=os.environ, dry_run=args.dry_run, today=today_for(handbook))
    except (yaml_source.Errors, announcement.MailSettingError, policy_versions.VersionsError) as error:
        raise UsageError(str(error)) from None
