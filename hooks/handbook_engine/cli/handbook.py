"""The handbook's tool for editors and CI.

  report         the review overview of every page (text, markdown or json)
  mark-reviewed  set last_reviewed on pages, changing nothing else in them
  check          validate mkdocs.yml, all front matter, translation pairs and CODEOWNERS, without a build
  codeowners     write CODEOWNERS, so that each page's owners must approve changes to it
  notify         e-mail each owner the pages of theirs that are overdue or due soon (--dry-run prints them)
  new-page       scaffold a page in every language and add it to the nav
  publish        build, verify and publish a release atomically (or roll back)
  preview        build a branch as a preview of a merge request (or remove it)
  announce       e-mail all staff once about each new version of the policy (--dry-run prints them)
  versions       every version of the policy for an auditor: kind, days in force, adoption, announcement (csv or json)
  init           turn a clone of the engine into a new handbook of your own (see ADOPTING.md)
  update-engine  bring the engine's files of another engine version, and nothing else, as one commit

Run `python scripts/handbook.py SUBCOMMAND --help` for the options of one.
Problems are printed as `path:line: field: message`; the exit code is 0 when
all is well, 1 when something was found, 2 on a usage or input error.
"""

# The command line only (the docstring above is its help); each command's work is in its own module:
# handbook_project.py (mkdocs.yml read into a Handbook), review_commands.py (report, check, codeowners),
# page_edits.py (mark-reviewed, new-page), mail_commands.py (notify, announce), publishing.py (publish, preview),
# version_report.py (versions),
# handbook_init.py (init) and engine_update.py (update-engine).

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook_engine.cli import check_formats
from handbook_engine import yaml_source
from handbook_engine.cli.handbook_project import ROOT, UsageError, load_handbook
from handbook_engine.cli.engine_update import run_update_engine
from handbook_engine.cli.handbook_init import run_init
from handbook_engine.cli.mail_commands import run_announce, run_notify
from handbook_engine.cli.page_edits import run_mark_reviewed, run_new_page
from handbook_engine.publishing.publishing import run_preview, run_publish
from handbook_engine.cli.review_commands import run_check, run_codeowners, run_report, write_findings
from handbook_engine.pages.review_rules import DUE_SOON, OVERDUE, Problem
from handbook_engine.versions import version_report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site configuration (default: the repository's mkdocs.yml)")
    # init and update-engine work on the repository around mkdocs.yml, whatever state mkdocs.yml is in.
    parser.set_defaults(reads_handbook=True)
    commands = parser.add_subparsers(dest="command", required=True)

    report = commands.add_parser("report", help="the review overview of every page")
    report.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    report.add_argument("--owner", help="only pages of this owner")
    report.add_argument("--fail-on", choices=(OVERDUE, DUE_SOON), help="exit 1 when a page is in this state (or worse)")
    report.set_defaults(run=run_report)

    mark = commands.add_parser("mark-reviewed", help="set last_reviewed on pages")
    mark.add_argument("pages", nargs="+", help="page files, like docs/richtlijnen.md")
    mark.add_argument("--date", help="the review date, YYYY-MM-DD (default: today)")
    mark.add_argument("--all-languages", action="store_true", help="also mark the page's other language versions")
    mark.set_defaults(run=run_mark_reviewed)

    check = commands.add_parser("check", help="validate mkdocs.yml, front matter, translation pairs and CODEOWNERS")
    check.add_argument("files", nargs="*", help="ignored: the whole handbook is always checked (pre-commit passes file names)")
    check.add_argument("--format", choices=sorted(check_formats.FORMATS), default="text",
                       help="text (path:line: field: message), github (workflow commands that annotate the diff) "
                            "or gitlab (a Code Quality report, JSON)")
    check.add_argument("--output", type=Path, metavar="FILE", help="write the findings into FILE instead of standard output")
    check.add_argument("--examples", action="store_true",
                       help="also report every example value still in the handbook (docs/checks/example_values.yml); "
                            "an organisation publishing its own handbook sets this")
    check.set_defaults(run=run_check)

    notify = commands.add_parser("notify", help="e-mail each owner the pages of theirs that are overdue or due soon")
    notify.add_argument("--dry-run", action="store_true", help="print the e-mails and send nothing")
    notify.set_defaults(run=run_notify)

    codeowners = commands.add_parser("codeowners", help="write CODEOWNERS: each page's files to its owners' Git handles")
    codeowners.set_defaults(run=run_codeowners)

    new = commands.add_parser("new-page", help="scaffold a page in every language and add it to the nav")
    new.add_argument("path", help="the page's path under docs/, like thuiswerken.md")
    new.add_argument("--title", required=True, help="the title in the default language")
    new.add_argument("--description", help="one sentence for search results (default: the title)")
    new.add_argument("--translated-title", action="append", default=[], metavar="LANG=TITLE", help="the title in another language, like en='Working from home'")
    new.add_argument("--translated-description", action="append", default=[], metavar="LANG=TEXT")
    new.add_argument("--owner", action="append", help="an owner of the page, as named in mkdocs.yml; give it again for more (default: the first owner there)")
    new.add_argument("--section", help="the nav section to add the page to (default: the end of the nav)")
    new.set_defaults(run=run_new_page)

    publish = commands.add_parser("publish", help="build, verify and publish a release atomically")
    publish.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder; the web server serves DIR/current")
    publish.add_argument("--keep", type=int, default=5, help="how many releases to keep (default: 5)")
    publish.add_argument("--rollback", action="store_true", help="switch DIR/current back to the previous release")
    publish.set_defaults(run=run_publish)

    preview = commands.add_parser("preview", help="build this branch as a preview at DIR/previews/NAME/, atomically")
    preview.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder (as for publish)")
    preview.add_argument("--name", required=True, help="the preview's name, like pr-12 or the branch's slug")
    preview.add_argument("--remove", action="store_true", help="take the preview offline and delete it")
    preview.set_defaults(run=run_preview)

    announce = commands.add_parser("announce", help="e-mail all staff once about each version not yet announced")
    announce.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder (as for publish)")
    announce.add_argument("--dry-run", action="store_true", help="print the e-mails; send and record nothing")
    announce.set_defaults(run=run_announce)

    versions = commands.add_parser("versions", help="every version of the policy, for an auditor (csv or json)",
                                   description=version_report.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    versions.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder (as for publish)")
    versions.add_argument("--format", choices=version_report.FORMATS, default="csv", help="csv (the default) or json")
    versions.set_defaults(run=version_report.run_versions, reads_handbook=False)

    init = commands.add_parser("init", help="turn a clone of the engine into a new handbook of your own, as one commit")
    init.add_argument("--name", required=True, help="the handbook's name, like 'Handboek Thuiswerken'")
    init.add_argument("--languages", default="nl", help="language codes separated by commas, the default first (default: nl)")
    init.add_argument("--owner", action="append", default=[], metavar="NAME=E-MAIL",
                      help="an owner of pages, like 'P&O=po@example.org'; several separated by ';', or give --owner again (default: one made up)")
    init.add_argument("--maintainer", help="the Git handle that approves changes to everything but the pages (default: the first owner's)")
    init.set_defaults(run=run_init, reads_handbook=False)

    update = commands.add_parser("update-engine", help="bring the engine's files of another engine version, and nothing else, as one commit")
    update.add_argument("--from", dest="source", required=True, metavar="SOURCE", help="where the engine is: a path, a Git URL or a remote's name")
    update.add_argument("--ref", required=True, help="the engine version: a tag or a branch, like main or v2.1")
    update.set_defaults(run=run_update_engine, reads_handbook=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if not args.reads_handbook:
            return args.run(args, args.config.resolve().parent)
        try:
            handbook = load_handbook(args.config)
        except yaml_source.Errors as found:
            if args.command == "check":  # a problem in mkdocs.yml is one of check's findings
                write_findings([(str(error.path), Problem(error.field, error.message, error.line)) for error in found.errors],
                               args.format, args.output)
                return 1
            raise UsageError(str(found)) from None
        return args.run(args, handbook)
    except UsageError as error:
        for line in str(error).splitlines():  # one reason a line
            print(f"handbook.py {args.command}: {line}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
