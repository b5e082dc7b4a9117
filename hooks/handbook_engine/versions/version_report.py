"""`handbook.py versions --to DIR [--format csv|json]`: every version of the policy, for an auditor.

One row per version in `DIR/archive/versions.json`, oldest first: its id and commit, its kind (substantive
or editorial), the day it was published, the first and the last day it applied (`in_force_until` is empty
for the version in force and an upcoming one; both days stay as published for a version replaced before
its day, which `superseded_by` names and which never applied), who adopted it, the works council's consent,
and when staff were told, to whom, and the e-mail's Message-ID. A version that replaced an announced one
with editorial changes only was told of by that one's e-mail: `announced_with` names it. CSV is written
by the csv module (a header row, then one row per version; several addresses separated by a comma and a
space); JSON is a list of the same rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TextIO

from handbook_engine.cli.handbook_project import UsageError
from handbook_engine.versions import policy_versions
from handbook_engine.versions.policy_versions import Record

COLUMNS = ("id", "commit", "kind", "published_on", "in_force_from", "in_force_until", "superseded_by", "approved_by",
           "works_council_consent", "announced_at", "announced_to", "message_id", "announced_with")
FORMATS = ("csv", "json")


def rows(record: Record) -> list[dict[str, str]]:
    """Every version of `record` as a row of text (an empty text where there is nothing), oldest first."""
    found = []
    for version in record.versions:
        until = record.until(version)
        told = record.told_by(version)
        announcement = told.announcement if told is not None else None
        found.append({
            "id": version.id,
            "commit": version.commit,
            "kind": version.kind,
            "published_on": version.published_on.isoformat(),
            "in_force_from": version.in_force_from.isoformat(),
            "in_force_until": (until - dt.timedelta(days=1)).isoformat() if until else "",
            "superseded_by": version.superseded_by or "",
            "approved_by": version.approved_by or "",
            "works_council_consent": version.works_council_consent.isoformat() if version.works_council_consent else "",
            "announced_at": announcement.sent_at.isoformat() if announcement else "",
            "announced_to": ", ".join(announcement.to) if announcement else "",
            "message_id": announcement.message_id if announcement else "",
            "announced_with": told.id if told is not None and told.id != version.id else "",
        })
    return found


def write(record: Record, form: str, out: TextIO) -> None:
    if form == "json":
        out.write(json.dumps(rows(record), ensure_ascii=False, indent=2) + "\n")
        return
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(record))


def run_versions(args: argparse.Namespace, _root: Path) -> int:
    target = args.to.resolve()
    if not target.is_dir():
        raise UsageError(f"--to {args.to}: no such folder; expected the publish folder, as for publish")
    try:
        record = policy_versions.load(target / policy_versions.ARCHIVE / policy_versions.VERSIONS_FILE)
    except policy_versions.VersionsError as error:
        raise UsageError(str(error)) from None
    write(record, args.format, sys.stdout)
    return 0
