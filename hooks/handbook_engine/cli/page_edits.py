"""The commands that change pages, each only in what it owns (every other byte kept):
mark-reviewed (a page's last_reviewed) and new-page (a page in every language, and its
line in mkdocs.yml's nav, placed by the YAML parser's node positions)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
from pathlib import Path

import yaml

from handbook_engine.pages import front_matter
from handbook_engine.pages import review_rules
from handbook_engine.settings import site_config
from handbook_engine import yaml_source
from handbook_engine.atomic_file import replace_atomically
from handbook_engine.cli.handbook_project import Handbook, UsageError, today_for
from handbook_engine.cli.review_commands import run_codeowners

# --- mark-reviewed --------------------------------------------------------


def page_path(handbook: Handbook, argument: str) -> str:
    """A page given as docs/richtlijnen.md, richtlijnen.md or an absolute path -> path under docs."""
    candidate = Path(argument)
    for base in (Path.cwd(), handbook.root, handbook.docs_dir):
        full = (base / candidate).resolve()
        if full.is_file() and full.is_relative_to(handbook.docs_dir.resolve()):
            return full.relative_to(handbook.docs_dir.resolve()).as_posix()
    raise UsageError(f"{argument}: no such page under {handbook.project_path('')}")


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
            print(f"{handbook.project_path(path)}:1: translation: missing, not marked reviewed")
            status = 1
            continue
        text = file.read_bytes().decode("utf-8")
        try:
            changed = front_matter.set_value(text, "last_reviewed", day.isoformat())
        except ValueError as error:
            print(f"{handbook.project_path(path)}:1: last_reviewed: {error}")
            status = 1
            continue
        if changed != text:
            replace_atomically(file, changed)
        print(f"{handbook.project_path(path)}: last_reviewed set to {day.isoformat()}")
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
    """mkdocs.yml with `page` added to the end of the nav or of one of its sections, all else kept; a section the
    nav does not have yet is added at its end, with the page in it.

    The place comes from the YAML parser's node positions: after the last line
    of the list's last entry (a subsection included), lined up with its first entry.
    """
    try:
        root = site_config.compose(config_text)
    except yaml_source.YamlError as error:
        raise UsageError(f"mkdocs.yml:{error.line}: not valid YAML ({error.reason})") from None
    entries = _mapping_value(root, "nav")
    if not isinstance(entries, yaml.SequenceNode) or entries.flow_style or not entries.value:
        raise UsageError("mkdocs.yml: no 'nav:' list, one entry per line, to add the page to")
    added = [page]
    if section is not None:
        found = next(filter(None, (_mapping_value(entry, section) for entry in entries.value)), None)
        if found is None:
            # A new section, lined up with the nav's entries, its page indented under its name.
            added = [f"{_section_key(section)}:", " " * (entries.value[0].start_mark.column + 2) + f"- {page}"]
        elif not isinstance(found, yaml.SequenceNode) or found.flow_style or not found.value:
            raise UsageError(f"mkdocs.yml: nav section '{section}' has no pages, one per line, to line the new one up with")
        else:
            entries = found
    lines = config_text.splitlines(keepends=True)
    ending = "\r\n" if lines[0].endswith("\r\n") else "\n"
    first = entries.value[0].start_mark
    # The first entry's line up to its text: indentation, the dash and the space after it.
    lead = lines[first.line][:first.column]
    after = yaml_source.last_line(entries.value[-1]) + 1
    if after > len(lines) - 1 and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += ending
    lines[after:after] = [f"{lead}{added[0]}{ending}", *(f"{line}{ending}" for line in added[1:])]
    return "".join(lines)


def _section_key(name: str) -> str:
    """A section's name as a YAML key: as it is where YAML reads it back the same, else quoted."""
    try:
        if yaml.safe_load(f"{name}: x") == {name: "x"}:
            return name
    except yaml.YAMLError:
        pass
    return json.dumps(name, ensure_ascii=False)


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
    key = args.path.removeprefix(handbook.project_path("").rstrip("/") + "/")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\.md", key) or handbook.languages.split(key)[1] != handbook.languages.default:
        raise UsageError(f"{args.path}: expected a lower-case page path like 'thuiswerken.md' or 'hr/verlof.md'")
    titles = {handbook.languages.default: args.title, **language_values("--translated-title", args.translated_title)}
    descriptions = {handbook.languages.default: args.description, **language_values("--translated-description", args.translated_description)}
    missing = [lang for lang in handbook.languages.others if lang not in titles]
    if missing:
        raise UsageError(f"--translated-title {missing[0]}=...: missing; every language needs a title")
    files = {lang: handbook.docs_dir / handbook.languages.join(key, lang) for lang in handbook.languages.all}
    existing = [handbook.project_path(handbook.languages.join(key, lang)) for lang, file in files.items() if file.exists()]
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
        print(f"{handbook.project_path(handbook.languages.join(key, lang))}: created")
    replace_atomically(handbook.config_path, updated_config)
    print(f"{os.path.relpath(handbook.config_path, handbook.root)}: added {key} to the nav")
    # The new page's owners must approve its changes from the start.
    return run_codeowners(args, handbook)
