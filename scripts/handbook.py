"""The handbook's tool for editors and CI.

  report         the review overview of every page (text, markdown or json)
  mark-reviewed  set last_reviewed on pages, changing nothing else in them
  check          validate mkdocs.yml, all front matter, translation pairs and CODEOWNERS, without a build
  codeowners     write CODEOWNERS, so that each page's owners must approve changes to it
  notify         e-mail each owner the pages of theirs that are overdue or due soon (--dry-run prints them)
  new-page       scaffold a page in both languages and add it to the nav
  publish        build, verify and publish a release atomically (or roll back)
  preview        build a branch as a preview of a merge request (or remove it)
  announce       e-mail all staff once about each new version of the policy (--dry-run prints them)

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

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import front_matter  # noqa: E402
import check_formats  # noqa: E402
import code_owners  # noqa: E402
import example_values  # noqa: E402
import handbook_pages  # noqa: E402
import labels  # noqa: E402
import owner_notices  # noqa: E402
import policy_versions  # noqa: E402
import published_files  # noqa: E402
import releases  # noqa: E402
import review_rules  # noqa: E402
import site_config  # noqa: E402
import site_languages  # noqa: E402
import version_archive  # noqa: E402
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
    def site_url(self) -> str:
        """The published site's address (mkdocs.yml's site_url, from HANDBOOK_SITE_URL where set)."""
        value = self.config.data.get("site_url")
        return value if isinstance(value, str) and value else "/"

    @property
    def edit_uri(self) -> str | None:
        """The Git server's edit address of docs/, when it is absolute."""
        value = self.config.data.get("edit_uri")
        return value if isinstance(value, str) and "://" in value else None

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
            ", ".join(record.review.owners) or "-",
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
            labels.load(handbook.theme_dir / labels.FOLDER)
        except yaml_source.SourceError as error:
            found.append((os.path.relpath(error.path, handbook.root), Problem(error.field, error.message, error.line)))
    records = handbook.scan(today_for(handbook))
    problems = handbook_pages.all_problems(records, handbook.languages, handbook.settings, handbook.config)
    found += [(str(handbook.config_shown) if path == handbook_pages.CONFIG else handbook.show(path), problem) for path, problem in problems]
    difference = code_owners.difference(handbook.root / code_owners.FILE_NAME, codeowners_text(handbook, records))
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
        write_preserving(output, text)


# --- codeowners -----------------------------------------------------------


def codeowners_text(handbook: Handbook, records: list[PageRecord]) -> str:
    return code_owners.expected(records, handbook.settings, code_owners.docs_prefix(handbook.docs_dir, handbook.root))


def run_codeowners(args: argparse.Namespace, handbook: Handbook) -> int:
    path = handbook.root / code_owners.FILE_NAME
    text = codeowners_text(handbook, handbook.scan(today_for(handbook)))
    if not path.is_file():
        write_preserving(path, text)
        print(f"{code_owners.FILE_NAME}: written")
    elif path.read_bytes() != text.encode("utf-8"):
        write_preserving(path, text)
        print(f"{code_owners.FILE_NAME}: updated")
    return 0


# --- notify ---------------------------------------------------------------


def run_notify(args: argparse.Namespace, handbook: Handbook) -> int:
    import owner_mail  # Jinja and smtplib: only this command pays for loading them

    today = today_for(handbook)
    records = handbook.scan(today)
    if handbook.theme_dir is None:
        raise UsageError("mkdocs.yml: theme.custom_dir: missing; the e-mail's template and texts are in overrides/")
    try:
        texts = labels.load(handbook.theme_dir / labels.FOLDER)
    except yaml_source.SourceError as error:
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
    emails = [owner_mail.as_email(message, smtp.sender if smtp else "handbook@localhost", now) for message in messages]
    if args.dry_run:
        for message, email in zip(messages, emails):
            print(f"To: {email['To']}\nSubject: {email['Subject']}\n\n{message.text}")
    else:
        for (message, (email, problem)) in zip(messages, owner_mail.send_all(smtp, emails)):
            if problem:
                failed.append(f"{message.owner.name} <{email['To']}>: not sent: {problem}")
            else:
                print(f"{message.owner.name} <{email['To']}>: sent, {len(due[message.owner.name])} page(s)")
    for failure in failed:
        print(f"handbook.py notify: {failure}", file=sys.stderr)
    return 1 if failed else 0


# --- announce -------------------------------------------------------------


def run_announce(args: argparse.Namespace, handbook: Handbook) -> int:
    import announcement  # Jinja and smtplib: only this command pays for loading them
    import owner_mail

    target = args.to.resolve()
    if not target.is_dir():
        raise UsageError(f"--to {args.to}: no such folder; expected the publish folder, as for publish")
    if handbook.theme_dir is None:
        raise UsageError("mkdocs.yml: theme.custom_dir: missing; the e-mail's template and texts are in overrides/")
    try:
        env = owner_mail.environment(handbook.theme_dir, labels.load(handbook.theme_dir / labels.FOLDER))
        return announcement.run(target, env=env, languages=handbook.languages.all, site_url=handbook.site_url,
                                environ=os.environ, dry_run=args.dry_run)
    except (yaml_source.SourceError, announcement.MailSettingError, announcement.VersionsError) as error:
        raise UsageError(str(error)) from None


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
    """Replace the file in one rename, so an interrupted write never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
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


def scaffold(title: str, description: str, owners: list[str], today: dt.date, interval: int, language: str) -> str:
    """A new page with valid front matter; values are quoted the YAML way (JSON is YAML)."""
    def quoted(value: str | list[str]) -> str:
        return json.dumps(value, ensure_ascii=False)

    body = NEW_PAGE_BODY.get(language, NEW_PAGE_BODY["en"])
    return (
        f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\nowner: {quoted(owners[0] if len(owners) == 1 else owners)}\n"
        f"last_reviewed: {today.isoformat()}\nreview_interval: {interval}\n---\n\n{body}"
    )


def add_to_nav(config_text: str, page: str, section: str | None) -> str:
    """mkdocs.yml with `page` added to the end of the nav or of one of its sections, all else kept.

    The place comes from the YAML parser's node positions: after the last line
    of the list's last entry (a subsection included), lined up with its first entry.
    """
    try:
        root = site_config.compose(config_text)
    except yaml_source.YamlError as error:
        raise UsageError(f"mkdocs.yml:{error.line}: not valid YAML ({error.reason})") from None
    entries = _mapping_value(root, "nav")
    if not isinstance(entries, yaml.SequenceNode) or entries.flow_style:
        raise UsageError("mkdocs.yml: no 'nav:' list, one entry per line, to add the page to")
    if section is not None:
        entries = next(filter(None, (_mapping_value(entry, section) for entry in entries.value)), None)
        if entries is None:
            raise UsageError(f"mkdocs.yml: nav has no section '{section}'")
        if not isinstance(entries, yaml.SequenceNode) or entries.flow_style or not entries.value:
            raise UsageError(f"mkdocs.yml: nav section '{section}' has no pages, one per line, to line the new one up with")
    lines = config_text.splitlines(keepends=True)
    ending = "\r\n" if lines[0].endswith("\r\n") else "\n"
    first = entries.value[0].start_mark
    # The first entry's line up to its text: indentation, the dash and the space after it.
    lead = lines[first.line][:first.column]
    after = yaml_source.last_line(entries.value[-1]) + 1
    if after > len(lines) - 1 and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += ending
    lines.insert(after, f"{lead}{page}{ending}")
    return "".join(lines)


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of `key` in a mapping node; None when the node is no mapping or lacks the key."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)


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
    known = [owner.name for owner in handbook.settings.owners]
    page_owners = args.owner or known[:1]
    unknown = [name for name in page_owners if name not in known]
    if unknown or not page_owners:
        raise UsageError(f"--owner {unknown[0] if unknown else ''}: not an owner in mkdocs.yml; expected one of {', '.join(known) or '(none: name them under extra.review.owners)'}")
    config_text = handbook.config_path.read_bytes().decode("utf-8")
    updated_config = add_to_nav(config_text, key, args.section)
    today = today_for(handbook)
    for lang, file in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        text = scaffold(titles[lang], descriptions.get(lang) or titles[lang], page_owners, today, handbook.settings.default_interval, lang)
        file.write_text(text, encoding="utf-8", newline="")
        print(f"{handbook.show(handbook.languages.join(key, lang))}: created")
    write_preserving(handbook.config_path, updated_config)
    print(f"{os.path.relpath(handbook.config_path, handbook.root)}: added {key} to the nav")
    # The new page's owners must approve its changes from the start.
    return run_codeowners(args, handbook)


# --- publish --------------------------------------------------------------


def required_files(languages: Languages) -> list[str]:
    """What a release must hold: each language's home page, search index, feed and PDF, and review.json.
    (The build's version.json is checked, and taken out, when the version is kept.)"""
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


def strict_build(config_path: Path, epoch: str | None, extra_env: dict[str, str] | None = None) -> Callable[[Path], bool]:
    """A strict build and its PDFs into a given folder; the commit time makes its archives reproducible."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
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


def check_record(target: Path) -> None:
    """The build reads the versions recorded in `target`: one that cannot be read is named before a build is spent
    on it (the build would stop on it too). Raise PublishError."""
    try:
        policy_versions.load(version_archive.folder(target) / policy_versions.VERSIONS_FILE)
    except policy_versions.VersionsError as error:
        raise releases.PublishError(str(error)) from None


def run_publish(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    try:
        if args.rollback:
            name = releases.rollback(target)
            print(f"{target}/current -> releases/{name} (rolled back)")
            return 0
        check_record(target)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        commit, epoch = source_commit(handbook.root)
        kept: list[policy_versions.PolicyVersion] = []

        def keep_version(site: Path) -> None:
            try:
                kept.extend(filter(None, [version_archive.keep(target, site, handbook.languages.all)]))
            except version_archive.ArchiveError as error:
                raise releases.PublishError(f"the version could not be kept: {error}") from None

        build = strict_build(handbook.config_path, epoch, {policy_versions.ARCHIVE_VARIABLE: str(version_archive.folder(target))})
        name = releases.publish(target, f"{stamp}-{commit}", build, required_files(handbook.languages), args.keep, keep_version)
    except releases.PublishError as error:
        print(f"{target}: not published: {error}; current still serves {releases.current(target) or 'nothing'}")
        return 1
    print(f"{target}/current -> releases/{name}")
    for version in kept:
        print(f"{version_archive.folder(target)}/{version.id}: version {version.id}, in force from {version.in_force_from.isoformat()}")
    return 0


PREVIEW_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def run_preview(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    if not PREVIEW_NAME.fullmatch(args.name):
        raise UsageError(f"--name {args.name!r}: expected lower-case letters, digits and dashes, like 'pr-12' or a branch's slug")
    if args.remove:
        removed = releases.remove_preview(target, args.name)
        print(f"{target}/{releases.PREVIEWS}/{args.name}: {'removed' if removed else 'there was no such preview'}")
        return 0
    address = f"{handbook.site_url.rstrip('/')}/{releases.PREVIEWS}/{args.name}/"
    commit, epoch = source_commit(handbook.root)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    # The preview shows the version its change would make, next to those published.
    build = strict_build(handbook.config_path, epoch, {"HANDBOOK_PREVIEW": args.name, "HANDBOOK_SITE_URL": address,
                                                       policy_versions.ARCHIVE_VARIABLE: str(version_archive.folder(target))})
    preview = releases.preview_target(target, args.name)
    try:
        check_record(target)
        releases.publish(preview, f"{stamp}-{commit}", build, required_files(handbook.languages), keep=1,
                         before_switch=version_archive.drop_record)
    except releases.PublishError as error:
        print(f"{target}/{releases.PREVIEWS}/{args.name}: not published: {error}")
        return 1
    releases.link_preview(target, args.name)
    print(f"Preview of {commit}: {address}")
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

    check = commands.add_parser("check", help="validate mkdocs.yml, front matter, translation pairs and CODEOWNERS")
    check.add_argument("files", nargs="*", help="ignored: the whole handbook is always checked (pre-commit passes file names)")
    check.add_argument("--format", choices=sorted(check_formats.FORMATS), default="text",
                       help="text (path:line: field: message), github (workflow commands that annotate the diff) "
                            "or gitlab (a Code Quality report, JSON)")
    check.add_argument("--output", type=Path, metavar="FILE", help="write the findings into FILE instead of standard output")
    check.add_argument("--examples", action="store_true",
                       help="also report every example value still in the handbook (scripts/example_values.yml); "
                            "an organisation publishing its own handbook sets this")
    check.set_defaults(run=run_check)

    notify = commands.add_parser("notify", help="e-mail each owner the pages of theirs that are overdue or due soon")
    notify.add_argument("--dry-run", action="store_true", help="print the e-mails and send nothing")
    notify.set_defaults(run=run_notify)

    codeowners = commands.add_parser("codeowners", help="write CODEOWNERS: each page's files to its owners' Git handles")
    codeowners.set_defaults(run=run_codeowners)

    new = commands.add_parser("new-page", help="scaffold a page in both languages and add it to the nav")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        handbook = load_handbook(args.config)
    except yaml_source.SourceError as error:
        if args.command == "check":  # a problem in mkdocs.yml is one of check's findings
            write_findings([(str(error.path), Problem(error.field, error.message, error.line))], args.format, args.output)
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
