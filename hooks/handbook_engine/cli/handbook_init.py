"""`init`: a clone of the engine turned into a new handbook of one's own, as one commit.

Everything that is the organisation's (see `engine_files`) is written anew: the pages every handbook needs
(home, What's new, Versions, the review overview, Contact) and one example page in each language, reviewed
today, from the starter texts in ../starter/ (Dutch and English; another language gets the English text and
a note to translate it); the check data in docs/checks/ (no search questions, no source fingerprints, an
example list naming only what init had to make up); mkdocs.yml with the name, languages, owners, a contact
per owner and the starter nav; CODEOWNERS; README.md and CONTRIBUTING.md naming the handbook. The engine's
files are not touched, so `make update-engine` keeps bringing its fixes.

`extra.review.history_since` is the engine's commit the handbook started from: nothing from the engine's own
history shows to readers, whatever day it was made. The commit init makes is the first edition, with a note
for readers in every language, and the trailer STARTED, by which init knows it has run (it runs once, and
only on a clean work tree).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from handbook_engine.cli import review_commands
from handbook_engine.cli.handbook_project import UsageError, load_handbook
from handbook_engine.cli.work_tree import git, repository_root
from handbook_engine.languages.site_languages import LANGUAGE_CODE
from handbook_engine.pages import example_values
from handbook_engine.pages import review_rules
from handbook_engine.settings import labels
from handbook_engine.settings.labels import GENERAL_OWNER, SITE_NAME, fill
from handbook_engine.settings.owners import EMAIL, Owner

STARTER = Path(__file__).resolve().parents[1] / "starter"
# The languages with starter texts of their own; any other gets FALLBACK's and a note to translate them.
WRITTEN = ("nl", "en")
FALLBACK = "en"
# The starter pages in the order of the nav.
ROLES = ("home", "whats_new", "versions", "example", "review_overview", "contact")
# The trailer of the commit init makes.
STARTED = "Handbook-started"
# The owner init makes up when none is given: an address at a domain reserved for examples, listed in the
# handbook's example values, so that `check --examples` asks for the real one.
EXAMPLE_ADDRESS = "handbook@example.org"
INTERVAL = 12
# What is the organisation's besides docs/ and mkdocs.yml: written anew.
NOTES = ("README.md", "CONTRIBUTING.md")
SEARCH_QUESTIONS = ("docs/checks/search_questions.yml", "docs/checks/search_questions_held_out.yml")
SOURCE_FINGERPRINTS = "docs/checks/seed-shingles.txt"


@dataclass(frozen=True)
class Start:
    """What the new handbook is: its name, its languages (the default first), its owners and its maintainer."""

    name: str
    languages: tuple[str, ...]
    owners: tuple[Owner, ...]
    maintainer: str
    made_up_owner: bool


def language_codes(value: str) -> tuple[str, ...]:
    """`nl,en` -> ('nl', 'en'): the default first; raise UsageError."""
    codes = tuple(code.strip() for code in value.split(","))
    wrong = next((code for code in codes if not LANGUAGE_CODE.fullmatch(code)), None)
    if wrong is not None or len(set(codes)) != len(codes):
        raise UsageError(f"--languages {value!r}: expected language codes separated by commas, the default first, each once, like nl or nl,en")
    return codes


def owners_of(values: Sequence[str]) -> tuple[Owner, ...]:
    """`--owner "P&O=po@example.org;IT=it@example.org"` (given once or more) -> owners; raise UsageError.
    Each owner's Git handle is its e-mail address, which GitHub and GitLab both accept in CODEOWNERS."""
    found: dict[str, Owner] = {}
    for value in values:
        for part in filter(None, (part.strip() for part in value.split(";"))):
            name, equals, email = (text.strip() for text in part.partition("="))
            if not equals or not name or not EMAIL.fullmatch(email) or name in found:
                raise UsageError(f"--owner {part!r}: expected NAME=E-MAIL, each name once, like 'P&O=po@example.org'; "
                                 f"separate several with ';' or give --owner again")
            found[name] = Owner(name, email, email)
    return tuple(found.values())


def texts_of(language: str) -> dict:
    """The starter texts of `language` (FALLBACK's for a language without its own)."""
    source = STARTER / f"texts.{language if language in WRITTEN else FALLBACK}.yml"
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def language_name(code: str, in_language: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(in_language) or code
    except (ValueError, UnknownLocaleError):
        return code


def yaml_text(value: object) -> str:
    """A value written as YAML flow (JSON is YAML): quoted where it needs to be, whatever it holds."""
    return json.dumps(value, ensure_ascii=False)


def page(fields: Mapping, values: Mapping[str, str], owner: str, today: dt.date, note: str | None) -> str:
    """One starter page in one language, reviewed `today`."""
    matter = [f"title: {yaml_text(fill(fields['title'], values))}", f"description: {yaml_text(fill(fields['description'], values))}",
              f"owner: {yaml_text(owner)}", f"last_reviewed: {today.isoformat()}", f"review_interval: {INTERVAL}"]
    matter += [f"{key}: {yaml_text(fields[key])}" for key in ("template", "keywords") if key in fields]
    return "---\n" + "\n".join(matter) + "\n---\n\n" + (f"<!-- {note} -->\n\n" if note else "") + fill(fields["body"], values)


def config(start: Start, files: Mapping[str, str], since: str, texts: Mapping[str, dict]) -> str:
    """mkdocs.yml: the organisation's settings; the engine's come from hooks/engine.yml."""
    default = start.languages[0]
    lines = [
        f"# {start.name}: the organisation's settings. The engine's (theme, plugins, hooks, Markdown extensions,",
        "# validation) are in hooks/engine.yml, which `make update-engine` keeps up to date; see ADOPTING.md.",
        "INHERIT: hooks/engine.yml", "",
        f"site_name: {yaml_text(start.name)}",
        "# The Git server's edit address of docs/ (the pages' edit button): set HANDBOOK_EDIT_URI in the pipelines, or write it here.",
        'edit_uri: !ENV [HANDBOOK_EDIT_URI, ""]',
        f"copyright: {yaml_text(start.name)}", "",
        "theme:", f"  language: {default}", "",
        "extra:", "  review:",
        "    # Months between two reviews when a page does not set review_interval.",
        f"    default_interval: {INTERVAL}",
        "    # Days before the due date from which a page is \"due soon\".",
        "    due_soon_days: 30",
        "    # The time zone in which \"today\" starts; CI runs in UTC.",
        f"    timezone: {review_rules.ReviewSettings().timezone}",
        "    # The record readers see starts here: the engine's commit this handbook was started from (make init).",
        f"    history_since: {yaml_text(since)}",
        "    # Who may own a page; the first answers general questions. Each: the address of its weekly e-mail, the",
        "    # Git handle that approves changes to its pages (CODEOWNERS), and its name in another language where it differs.",
        "    owners:",
        *(f"      {yaml_text(owner.name)}: {{email: {yaml_text(owner.email)}, git: {yaml_text(owner.git)}}}" for owner in start.owners),
        "    # Approves changes to everything but the pages: the engine's files, mkdocs.yml, the check data.",
        f"    maintainer: {yaml_text(start.maintainer)}",
        "  # The contact channels on the page Contact; add your own (name, for, email and/or phone; see ADOPTING.md).",
        "  contacts:",
    ]
    for owner in start.owners:
        lines += [f"    - name: {yaml_text(owner.name)}", "      for:",
                  *(f"        {language}: {yaml_text(fill(texts[language]['contact_for'], {SITE_NAME: start.name}))}" for language in start.languages),
                  f"      email: {yaml_text(owner.email)}"]
    lines += ["", "plugins:", "  i18n:", "    languages:"]
    for language in start.languages:
        lines += [f"      - locale: {language}", f"        name: {yaml_text(labels.language_name(language))}", "        build: true"]
        lines += ["        default: true"] if language == default else [f"        site_name: {yaml_text(start.name)}"]
    lines += ["", "nav:", *(f"  - {files[role]}" for role in ROLES)]
    return "\n".join(lines) + "\n"


def example_list(start: Start) -> str:
    """docs/checks/example_values.yml: the format, and what init made up, for `check --examples` to ask for."""
    text = ("# The facts in this handbook only the organisation knows, while they are still examples: `make check EXAMPLES=1`\n"
            "# reports each place one of their texts stands. Per entry: what (the fact), replace (what to put there),\n"
            "# where (optional: the files it lives in; without it, every page and mkdocs.yml), and the texts to look\n"
            "# for: per language code (nl: [...], en: [...]) or in every file (text: [...]). See ADOPTING.md.\n")
    if start.made_up_owner:
        text += (f"- what: the handbook's owner and maintainer\n"
                 f"  replace: the real owners in mkdocs.yml (extra.review.owners), each with its e-mail address and Git handle, the maintainer, and the contacts\n"
                 f"  where: [mkdocs.yml]\n  text: [{yaml_text(EXAMPLE_ADDRESS)}]\n")
    return text


def notes(start: Start, files: Mapping[str, str], texts: Mapping[str, dict]) -> dict[str, str]:
    """README.md and CONTRIBUTING.md naming the new handbook."""
    default, others = start.languages[0], start.languages[1:]
    default_texts = texts[default]
    trailers = "".join(f"\n{language}: {fill(texts[language]['example_note'], {})}" for language in others)
    values = {
        SITE_NAME: start.name,
        "languages": ", ".join(f"{language_name(language, 'en')} ({'at /' if language == default else f'at /{language}/'})" for language in start.languages),
        "page_names": "" if not others else f", `name.md` in {language_name(default, 'en')} and `name.{others[0]}.md` in {language_name(others[0], 'en')}"
                                          + (" (and so on)" if len(others) > 1 else ""),
        "translations": "" if not others else f" in {language_name(default, 'en')}, with its translations beside it (`name.{others[0]}.md`)",
        "in_every_language": "" if not others else " in every language",
        "first_owner_yaml": yaml_text(start.owners[0].name),
        "default_language_name": language_name(default, "en"),
        "trailer_rule": "" if not others else "".join(
            f"- a line `{language}: ...` at the end of the description, after an empty line, is the note in "
            f"{language_name(language, 'en')} (Git reads it as a trailer);\n" for language in others),
        "commit_example": fill(default_texts["example_note"], {}) + (f"\n{trailers}" if trailers else ""),
        "skip_example": fill(default_texts["example_skip"], {}),
    }
    # Kept as handbook-README.md and handbook-CONTRIBUTING.md, so that nobody takes them for the engine's own notes.
    return {name: fill((STARTER / f"handbook-{name}").read_text(encoding="utf-8"), values) for name in NOTES}


def already_started(root: Path) -> str | None:
    """The commit that started this handbook (short hash and day), if init has run here."""
    found = git(root, "log", "-1", "--extended-regexp", f"--grep=^{STARTED}: ", "--format=%h of %cs").decode().strip()
    return found or None


def run_init(args: argparse.Namespace, root: Path) -> int:
    name = args.name.strip()
    if not name:
        raise UsageError("--name: expected the handbook's name, like 'Handboek Thuiswerken'")
    languages = language_codes(args.languages)
    owners = owners_of(args.owner)
    texts = {language: texts_of(language) for language in languages}
    made_up = not owners
    if made_up:
        owners = (Owner(texts[languages[0]]["default_owner"], EXAMPLE_ADDRESS, EXAMPLE_ADDRESS),)
    start = Start(name, languages, owners, args.maintainer or owners[0].git, made_up)
    root = repository_root(root)
    started = already_started(root)
    if started:
        raise UsageError(f"this handbook was started with init in commit {started}; init runs once. To start another "
                         f"handbook, clone the engine again")
    if git(root, "status", "--porcelain", "--untracked-files=all").strip():
        raise UsageError("the work tree has changes that are not committed (git status lists them); commit or remove them first, "
                         "so that init's commit holds the new handbook alone")
    since = git(root, "rev-parse", "HEAD").decode().strip()
    today = review_rules.today(review_rules.ReviewSettings())
    try:
        write(root, start, since, texts, today)
        handbook = load_handbook(root / "mkdocs.yml")
        review_commands.run_codeowners(args, handbook)
        problems = review_commands.check_findings(handbook)
        if problems:  # a fault of the starter texts, never of the user's input
            raise UsageError("the new handbook does not pass check: " + "; ".join(f"{path}:{problem.line}: {problem.field}: {problem.message}"
                                                                                for path, problem in problems))
    except BaseException:
        # The work tree was clean: put it back as it was, so that nothing is left half made.
        git(root, "checkout", "--quiet", "--", ".")
        git(root, "clean", "--quiet", "-d", "--force")
        raise
    note = {language: fill(texts[language]["first_edition"], {SITE_NAME: name}) for language in languages}
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", note[languages[0]], "-m", "\n".join(
        [*(f"{language}: {note[language]}" for language in languages[1:]), f"{STARTED}: {today.isoformat()}"]))
    head = git(root, "rev-parse", "--short", "HEAD").decode().strip()
    untranslated = [language for language in languages if language not in WRITTEN]
    print(f"{name}: started in commit {head}, in {', '.join(languages)}, owned by {', '.join(owner.name for owner in owners)}.")
    if untranslated:
        print(f"The pages in {', '.join(untranslated)} hold the English starter text: translate them (each says so at its top).")
    if made_up:
        print(f"The owner {owners[0].name} <{EXAMPLE_ADDRESS}> is made up: put the real owners in mkdocs.yml (make check EXAMPLES=1 reminds you).")
    print("Next: make test, then push to your own Git server; ADOPTING.md has the steps to the first publish.")
    return 0


def write(root: Path, start: Start, since: str, texts: Mapping[str, dict], today: dt.date) -> None:
    """Every file of the organisation's, written anew."""
    default = start.languages[0]
    files = {role: texts[default]["pages"][role]["file"] for role in ROLES}
    docs = root / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "checks").mkdir(parents=True)
    for language in start.languages:
        values = {SITE_NAME: start.name, GENERAL_OWNER: start.owners[0].name, **files}
        note = None if language in WRITTEN else f"The English starter text: translate it into {language_name(language, 'en')}."
        for role in ROLES:
            key = files[role]
            path = key if language == default else key.replace(".md", f".{language}.md")
            (docs / path).write_text(page(texts[language]["pages"][role], values, start.owners[0].name, today, note), encoding="utf-8")
    (root / example_values.LIST).write_text(example_list(start), encoding="utf-8")
    for questions in SEARCH_QUESTIONS:
        (root / questions).write_text("# Questions as readers type them into the search box, with the page that answers them\n"
                                      "# (see docs/checks in ADOPTING.md). None yet.\n"
                                      + "".join(f"{language}: []\n" for language in start.languages), encoding="utf-8")
    (root / SOURCE_FINGERPRINTS).write_text("", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config(start, files, since, texts), encoding="utf-8")
    for name, text in notes(start, files, texts).items():
        (root / name).write_text(text, encoding="utf-8")
