"""The handbook's tool for editors and CI.

  report         the review overview of every page (text, markdown or json)
  mark-reviewed  set last_reviewed on pages, changing nothing else in them
  check          validate all front matter and translation pairs, without a build
  new-page       scaffold a page in both languages and add it to the nav
  publish        build, verify and publish a release atomically (or roll back)

Run `python scripts/handbook.py SUBCOMMAND --help` for the options of one.
Problems are printed as `path:line: field: message`; the exit code is 0 when
all is well, 1 when something was found, 2 on a usage or input error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import front_matter  # noqa: E402
import handbook_pages  # noqa: E402
import labels  # noqa: E402
import published_files  # noqa: E402
import releases  # noqa: E402
import review_rules  # noqa: E402
import site_config  # noqa: E402
import site_languages  # noqa: E402
from handbook_pages import Languages, PageRecord  # noqa: E402
from review_rules import DUE_SOON, OVERDUE, Problem, ReviewSettings  # noqa: E402
import yaml_source  # noqa: E402
from yaml_source import described  # noqa: E402


class UsageError(Exception):
    """Bad input from the command line or mkdocs.yml; exit code 2."""


@dataclass(frozen=True)
class Handbook:
    """What the tools need from mkdocs.yml."""

    config_path: Path
    docs_dir: Path
    languages: Languages
    settings: ReviewSettings
    theme_dir: Path | None
    config: yaml_source.Document

    @property
    def config_shown(self) -> Path:
        """mkdocs.yml as messages name it."""
        return Path(self.config_path.name)

    @property
    def root(self) -> Path:
        return self.config_path.parent

    def show(self, path: str) -> str:
        """A page path as the editor sees it, relative to the project: docs/richtlijnen.md."""
        return os.path.relpath(self.docs_dir / path, self.root)

    def scan(self, today: dt.date) -> list[PageRecord]:
        return handbook_pages.scan(self.docs_dir, self.languages, self.settings, today, handbook_pages.page_templates(self.theme_dir))


def load_handbook(config_path: Path) -> Handbook:
    """Read mkdocs.yml; raise ConfigError naming the file, the line and the key."""
    shown = Path(config_path.name)
    document = site_config.load(config_path)
    config = document.data
    try:
        languages = site_languages.from_config_file(config)
        settings = review_rules.settings_from_mapping(site_config.section(config, "extra").get("review"))
    except review_rules.SettingError as error:
        raise site_config.located(shown, document, error) from None
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    docs_dir = config.get("docs_dir", "docs")
    if not isinstance(docs_dir, str) or not isinstance(custom_dir, (str, type(None))):
        key, value = ("docs_dir", docs_dir) if not isinstance(docs_dir, str) else ("theme.custom_dir", custom_dir)
        raise yaml_source.SourceError(shown, document.line_of(tuple(key.split("."))), key, f"{described(value)}; expected a folder name")
    theme_dir = config_path.parent / custom_dir if custom_dir else None
    return Handbook(config_path, config_path.parent / docs_dir, languages, settings, theme_dir, document)


def today_for(handbook: Handbook) -> dt.date:
    try:
        return review_rules.today(handbook.settings)
    except ValueError as error:
        raise UsageError(str(error)) from None


# --- report ---------------------------------------------------------------

REPORT_COLUMNS = ("state", "next due", "last reviewed", "owner", "page", "title")
FAIL_LEVELS = {OVERDUE: {OVERDUE}, DUE_SOON: {OVERDUE, DUE_SOON}}


def report_rows(handbook: Handbook, records: list[PageRecord]) -> list[tuple[str, ...]]:
    """One row per page, in the overview's order: overdue first, then by due date."""
    ordered = sorted(records, key=lambda r: (*handbook_pages.overview_order(r.review.state, r.review.due, r.title), r.path))
    return [
        (
            record.review.state + (" (invalid)" if record.problems else ""),
            _iso(record.review.due),
            _iso(record.review.last_reviewed),
            record.review.owner or "-",
            handbook.show(record.path),
            record.title,
        )
        for record in ordered
    ]


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
        records = [r for r in records if (r.review.owner or "").casefold() == args.owner.casefold()]
    if args.format == "json":
        print(json.dumps(handbook_pages.as_json(records, today), ensure_ascii=False, indent=2))
    else:
        rows = report_rows(handbook, records)
        table = format_text(rows) if args.format == "text" else format_markdown(rows)
        print(f"Review report for {today.isoformat()}: {summary(records)}\n\n{table}")
    failing = FAIL_LEVELS.get(args.fail_on, set())
    return 1 if any(r.review.state in failing for r in records) else 0


# --- check ----------------------------------------------------------------


def check_findings(handbook: Handbook) -> list[tuple[str, Problem]]:
    """Every problem in mkdocs.yml, the label files and the pages, as (path as the editor sees it, problem)."""
    found = []
    if handbook.theme_dir is not None:
        try:
            labels.load(handbook.theme_dir / labels.FOLDER)
        except yaml_source.SourceError as error:
            found.append((os.path.relpath(error.path, handbook.root), Problem(error.field, error.message, error.line)))
    records = handbook.scan(today_for(handbook))
    problems = handbook_pages.all_problems(records, handbook.languages, handbook.settings.untranslated, handbook.config)
    found += [(str(handbook.config_shown) if path == handbook_pages.CONFIG else handbook.show(path), problem) for path, problem in problems]
    return found


def run_check(args: argparse.Namespace, handbook: Handbook) -> int:
    found = check_findings(handbook)
    for path, problem in found:
        print(finding_text(path, problem))
    return 1 if found else 0


def finding_text(path: str, problem: Problem) -> str:
    line = f"{problem.line}:" if problem.line else ""
    return f"{path}:{line} {problem.field}: {problem.message}"


# --- mark-reviewed --------------------------------------------------------


def page_path(handbook: Handbook, argument: str) -> str:
    """A page given as docs/richtlijnen.md, richtlijnen.md or an absolute path -> path under docs."""
    candidate = Path(argument)
    for base in (Path.cwd(), handbook.root, handbook.docs_dir):
        full = (base / candidate).resolve()
        if full.is_file() and full.is_relative_to(handbook.docs_dir.resolve()):
            return full.relative_to(handbook.docs_dir.resolve()).as_posix()
    raise UsageError(f"{argument}: no such page under {handbook.show('')}")


def write_preserving(path: Path, text: str) -> None:
    """Replace the file in one rename, so an interrupted write never leaves half a page."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def run_mark_reviewed(args: argparse.Namespace, handbook: Handbook) -> int:
    today = today_for(handbook)
    day = today if args.date is None else review_rules.parse_date(args.date)
    if day is None:
        raise UsageError(f"--date {args.date}: expected a real date as YYYY-MM-DD")
    if day > today:
        raise UsageError(f"--date {day.isoformat()}: lies in the future (today is {today.isoformat()}); a review date must have passed")
    paths = []
    for argument in args.pages:
        path = page_path(handbook, argument)
        if args.all_languages:
            key, _ = handbook.languages.split(path)
            paths += [handbook.languages.join(key, lang) for lang in handbook.languages.all]
        else:
            paths.append(path)
    status = 0
    for path in dict.fromkeys(paths):
        file = handbook.docs_dir / path
        if not file.is_file():
            print(f"{handbook.show(path)}:1: translation: missing, not marked reviewed")
            status = 1
            continue
        text = file.read_bytes().decode("utf-8")
        try:
            changed = front_matter.set_value(text, "last_reviewed", day.isoformat())
        except ValueError as error:
            print(f"{handbook.show(path)}:1: last_reviewed: {error}")
            status = 1
            continue
        if changed != text:
            write_preserving(file, changed)
        print(f"{handbook.show(path)}: last_reviewed set to {day.isoformat()}")
    return status


# --- new-page -------------------------------------------------------------

NEW_PAGE_BODY = {
    "nl": "Schrijf hier de tekst van deze pagina. Gebruik korte zinnen en gewone woorden.\n",
    "en": "Write the text of this page here. Use short sentences and plain words.\n",
}


def scaffold(title: str, description: str, owner: str, today: dt.date, interval: int, language: str) -> str:
    """A new page with valid front matter; values are quoted the YAML way."""
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    body = NEW_PAGE_BODY.get(language, NEW_PAGE_BODY["en"])
    return (
        f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\nowner: {quoted(owner)}\n"
        f"last_reviewed: {today.isoformat()}\nreview_interval: {interval}\n---\n\n{body}"
    )


def add_to_nav(config_text: str, page: str, section: str | None) -> str:
    """mkdocs.yml with `page` added to the end of the nav or of one of its sections, all else kept."""
    lines = config_text.splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"nav\s*:\s*$", line)), None)
    if start is None:
        raise UsageError("mkdocs.yml: no 'nav:' block to add the page to")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    block = range(start + 1, end)
    if section is None:
        indent = next((re.match(r"\s*", lines[i]).group() for i in block if lines[i].strip()), "  ")
        lines.insert(end, f"{indent}- {page}{ending}")
        return "".join(lines)
    heading = next((i for i in block if re.fullmatch(rf"(\s*)- {re.escape(section)}\s*:\s*", lines[i].rstrip("\r\n"))), None)
    if heading is None:
        raise UsageError(f"mkdocs.yml: nav has no section '{section}'")
    outer = len(lines[heading]) - len(lines[heading].lstrip())
    children = []
    for i in range(heading + 1, end):
        if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= outer:
            break
        if lines[i].strip():
            children.append(i)
    if not children:
        raise UsageError(f"mkdocs.yml: nav section '{section}' has no pages to line the new one up with")
    # Line up with the section's first entry; the last lines may belong to a subsection.
    indent = re.match(r"\s*", lines[children[0]]).group()
    lines.insert(children[-1] + 1, f"{indent}- {page}{ending}")
    return "".join(lines)


def language_values(option: str, pairs: list[str]) -> dict[str, str]:
    """`en=Working from home` options as {'en': 'Working from home'}."""
    values = {}
    for pair in pairs:
        language, equals, value = pair.partition("=")
        if not equals or not language or not value.strip():
            raise UsageError(f"{option} {pair!r}: expected LANG=TEXT, like en='Working from home'")
        values[language] = value
    return values


def run_new_page(args: argparse.Namespace, handbook: Handbook) -> int:
    key = args.path.removeprefix(handbook.show("").rstrip("/") + "/")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\.md", key) or handbook.languages.split(key)[1] != handbook.languages.default:
        raise UsageError(f"{args.path}: expected a lower-case page path like 'thuiswerken.md' or 'hr/verlof.md'")
    titles = {handbook.languages.default: args.title, **language_values("--translated-title", args.translated_title)}
    descriptions = {handbook.languages.default: args.description, **language_values("--translated-description", args.translated_description)}
    missing = [lang for lang in handbook.languages.others if lang not in titles]
    if missing:
        raise UsageError(f"--translated-title {missing[0]}=...: missing; every language needs a title")
    files = {lang: handbook.docs_dir / handbook.languages.join(key, lang) for lang in handbook.languages.all}
    existing = [handbook.show(handbook.languages.join(key, lang)) for lang, file in files.items() if file.exists()]
    if existing:
        raise UsageError(f"{existing[0]}: already exists; new-page never overwrites a page")
    config_text = handbook.config_path.read_bytes().decode("utf-8")
    updated_config = add_to_nav(config_text, key, args.section)
    today = today_for(handbook)
    for lang, file in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        text = scaffold(titles[lang], descriptions.get(lang) or titles[lang], args.owner, today, handbook.settings.default_interval, lang)
        file.write_text(text, encoding="utf-8", newline="")
        print(f"{handbook.show(handbook.languages.join(key, lang))}: created")
    write_preserving(handbook.config_path, updated_config)
    print(f"{os.path.relpath(handbook.config_path, handbook.root)}: added {key} to the nav")
    return 0


# --- publish --------------------------------------------------------------


def required_files(languages: Languages) -> list[str]:
    """What a release must hold: each language's home page, search index, feed and PDF, and review.json."""
    roots = [published_files.language_root(language, languages.default) for language in languages.all]
    names = ("index.html", "search/search_index.json", published_files.FEED, published_files.PDF)
    return [f"{root}{name}" for root in roots for name in names] + ["review.json"]


def source_commit(root: Path) -> tuple[str, str | None]:
    """The commit being published and its time in seconds, from HEAD alone (a shallow clone has it)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %ct", "--abbrev=12"],
                                capture_output=True, text=True, check=True)
        commit, seconds = result.stdout.split()
    except (OSError, ValueError, subprocess.CalledProcessError):
        return "unknown", None
    return commit, seconds


def strict_build(config_path: Path, epoch: str | None) -> Callable[[Path], bool]:
    """A strict build and its PDFs into a given folder; the commit time makes its archives reproducible."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch and "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = epoch

    def build(site: Path) -> bool:
        # No --quiet: it drops warnings before --strict counts them, and the build passes.
        # Without the Git history the build warns, so a shallow clone is not published.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_path), "-d", str(site)]
        if subprocess.run(command, env=env).returncode != 0:
            return False
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "handbook_pdf.py"), str(site)], env=env).returncode == 0
    return build


def run_publish(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    try:
        if args.rollback:
            name = releases.rollback(target)
            print(f"{target}/current -> releases/{name} (rolled back)")
            return 0
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        commit, epoch = source_commit(handbook.root)
        name = releases.publish(target, f"{stamp}-{commit}", strict_build(handbook.config_path, epoch),
                                required_files(handbook.languages), args.keep)
    except releases.PublishError as error:
        print(f"{target}: not published: {error}; current still serves {releases.current(target) or 'nothing'}")
        return 1
    print(f"{target}/current -> releases/{name}")
    return 0


# --- command line ---------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site configuration (default: the repository's mkdocs.yml)")
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

    check = commands.add_parser("check", help="validate front matter and translation pairs")
    check.add_argument("files", nargs="*", help="ignored: the whole handbook is always checked (pre-commit passes file names)")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new-page", help="scaffold a page in both languages and add it to the nav")
    new.add_argument("path", help="the page's path under docs/, like thuiswerken.md")
    new.add_argument("--title", required=True, help="the title in the default language")
    new.add_argument("--description", help="one sentence for search results (default: the title)")
    new.add_argument("--translated-title", action="append", default=[], metavar="LANG=TITLE", help="the title in another language, like en='Working from home'")
    new.add_argument("--translated-description", action="append", default=[], metavar="LANG=TEXT")
    new.add_argument("--owner", default="HR", help="who answers for the page (default: HR)")
    new.add_argument("--section", help="the nav section to add the page to (default: the end of the nav)")
    new.set_defaults(run=run_new_page)

    publish = commands.add_parser("publish", help="build, verify and publish a release atomically")
    publish.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder; the web server serves DIR/current")
    publish.add_argument("--keep", type=int, default=5, help="how many releases to keep (default: 5)")
    publish.add_argument("--rollback", action="store_true", help="switch DIR/current back to the previous release")
    publish.set_defaults(run=run_publish)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        handbook = load_handbook(args.config)
    except yaml_source.SourceError as error:
        if args.command == "check":  # a problem in mkdocs.yml is one of check's findings
            print(error)
            return 1
        print(f"handbook.py {args.command}: {error}", file=sys.stderr)
        return 2
    try:
        return args.run(args, handbook)
    except UsageError as error:
        print(f"handbook.py {args.command}: {error}", file=sys.stderr)
        return 2


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


if __name__ == "__main__":
    raise SystemExit(main())
