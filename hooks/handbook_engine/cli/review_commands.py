"""The commands that read the handbook and change no page: report (the review overview),
check (every problem, without a build) and codeowners (CODEOWNERS from the pages' owners)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook_engine.cli import check_formats
from handbook_engine.cli import code_owners
from handbook_engine.settings import engine_files
from handbook_engine.pages import example_values
from handbook_engine.pages import handbook_pages
from handbook_engine.pages import review_rules
from handbook_engine import yaml_source
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.atomic_file import replace_atomically
from handbook_engine.cli.handbook_project import Handbook, UsageError, today_for
from handbook_engine.pages.review_rules import DUE_SOON, OVERDUE, Problem

# --- report ---------------------------------------------------------------

REPORT_COLUMNS = ("state", "next due", "last reviewed", "owner", "page", "title")
FAIL_LEVELS = {OVERDUE: {OVERDUE}, DUE_SOON: {OVERDUE, DUE_SOON}}


def report_rows(handbook: Handbook, records: list[PageRecord]) -> list[tuple[str, ...]]:
    """One row per page, in the overview's order: overdue first, then by due date."""
    ordered = sorted(records, key=lambda r: (*handbook_pages.overview_order(r.review.state, r.review.due, r.title), r.path))
    return [
        (
            record.review.state + (" (invalid)" if record.problems else ""),
            iso_or_dash(record.review.due),
            iso_or_dash(record.review.last_reviewed),
            ", ".join(record.review.owners) or "-",
            handbook.project_path(record.path),
            record.title,
        )
        for record in ordered
    ]


def iso_or_dash(day: dt.date | None) -> str:
    """A date in a report's cell: 2027-03-12, or '-' when there is none."""
    return day.isoformat() if day else "-"


def format_text(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(REPORT_COLUMNS, *rows)]
    lines = [REPORT_COLUMNS, *rows]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines)


def format_markdown(rows: list[tuple[str, ...]]) -> str:
    def cells(line: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |"

    header = [column.capitalize() for column in REPORT_COLUMNS]
    return "\n".join([cells(header), cells(["---"] * len(header)), *(cells(row) for row in rows)])


def summary(records: list[PageRecord]) -> str:
    counts = {state: sum(r.review.state == state for r in records) for state in review_rules.STATES}
    pages = "page" if len(records) == 1 else "pages"
    return f"{len(records)} {pages}: {counts[OVERDUE]} overdue, {counts[DUE_SOON]} due soon, {counts['current']} current"


def run_report(args: argparse.Namespace, handbook: Handbook) -> int:
    today = today_for(handbook)
    records = handbook.scan(today)
    if args.owner:
        records = [r for r in records if args.owner.casefold() in (name.casefold() for name in r.review.owners)]
    if args.format == "json":
        print(json.dumps(handbook_pages.as_json(records, handbook.settings, today), ensure_ascii=False, indent=2))
    else:
        rows = report_rows(handbook, records)
        table = format_text(rows) if args.format == "text" else format_markdown(rows)
        print(f"Review report for {today.isoformat()}: {summary(records)}\n\n{table}")
    failing = FAIL_LEVELS.get(args.fail_on, set())
    return 1 if any(r.review.state in failing for r in records) else 0


# --- check ----------------------------------------------------------------


def check_findings(handbook: Handbook) -> list[tuple[str, Problem]]:
    """Every problem in mkdocs.yml, the label files, CODEOWNERS and the pages, as (path as the editor sees it, problem)."""
    found = []
    if handbook.theme_dir is not None:
        try:
            handbook.labels()
        except yaml_source.Errors as wrong:
            found += [(os.path.relpath(error.path, handbook.root), Problem(error.field, error.message, error.line)) for error in wrong.errors]
    records = handbook.scan(today_for(handbook))
    problems = handbook_pages.all_problems(records, handbook.languages, handbook.settings, handbook.config)
    found += [(str(handbook.config_name) if path == handbook_pages.CONFIG else handbook.project_path(path), problem)
              for path, problem in problems]
    try:
        difference = code_owners.difference(handbook.root / code_owners.FILE_NAME, codeowners_text(handbook, records))
    except yaml_source.SourceError as error:
        return found + [(str(error.path), Problem(error.field, error.message, error.line))]
    if difference:
        line, message = difference
        found.append((code_owners.FILE_NAME, Problem("codeowners", f"{message}; run 'python scripts/handbook.py codeowners' and commit the file", line)))
    return found


def run_check(args: argparse.Namespace, handbook: Handbook) -> int:
    found = check_findings(handbook)
    if args.examples:
        found += example_values.check(handbook.root, handbook.docs_dir, handbook.languages)
    write_findings(found, args.format, args.output)
    return 1 if found else 0


def write_findings(found: list[tuple[str, Problem]], form: str, output: Path | None) -> None:
    """The findings as text, GitHub workflow commands or a GitLab Code Quality report, on stdout or into `output`."""
    text = check_formats.FORMATS[form](found)
    if output is None:
        sys.stdout.write(text)
    else:
        replace_atomically(output, text)


# --- codeowners -----------------------------------------------------------


def codeowners_text(handbook: Handbook, records: list[PageRecord]) -> str:
    """CODEOWNERS as it should be; raise SourceError when the engine's file list cannot be read."""
    return code_owners.expected(records, handbook.settings, code_owners.docs_prefix(handbook.docs_dir, handbook.root),
                                engine_files.read(handbook.root))


def run_codeowners(args: argparse.Namespace, handbook: Handbook) -> int:
    path = handbook.root / code_owners.FILE_NAME
    try:
        text = codeowners_text(handbook, handbook.scan(today_for(handbook)))
    except yaml_source.SourceError as error:
        raise UsageError(str(error)) from None
    if not path.is_file():
        replace_atomically(path, text)
        print(f"{code_owners.FILE_NAME}: written")
    elif path.read_bytes() != text.encode("utf-8"):
        replace_atomically(path, text)
        print(f"{code_owners.FILE_NAME}: updated")
    return 0
