"""scripts/handbook.py through main([...]): exact output and exit codes on small projects in tmp_path."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from handbook_engine.cli import handbook
from handbook_engine.cli import handbook_project
from handbook_engine.cli import page_edits

TODAY = "2026-06-15"
# libyaml (CSafeLoader) and pure-Python PyYAML word this error differently.
MAPPING_VALUES = (
    "mapping values are not allowed in this context" if hasattr(yaml, "CSafeLoader") else "mapping values are not allowed here"
)

CONFIG = """\
site_name: Testhandboek
docs_dir: docs
extra:
  review:
    default_interval: 12
    due_soon_days: 30
    timezone: Europe/Amsterdam
{untranslated}    owners:
      HR: {{email: hr@example.org, git: "@example/hr"}}
      Communicatie: {{email: communicatie@example.org, git: "@example/communicatie", en: Communications}}
    maintainer: "@example/maintainers"
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: nl
          name: Nederlands
          default: true
          build: true
        - locale: en
          name: English
          build: true
nav:
  - index.md
  - Beleid:
      - regels.md
      - risicos.md
  - Voor HR:
      - evaluatie.md
# Na de navigatie.
markdown_extensions:
  - toc
"""


def page(title: str, last_reviewed: str = "2026-01-10", *, owner: str = "HR", description: str = "Een korte beschrijving.") -> str:
    """A page whose keys stand on lines 2 (title) to 6 (review_interval)."""
    return (
        f"---\ntitle: {title}\ndescription: {description}\nowner: {owner}\n"
        f"last_reviewed: {last_reviewed}\nreview_interval: 12\n---\n\nTekst.\n"
    )


CLEAN_PAGES = {
    "index.md": page("Start"),
    "index.en.md": page("Home"),
    "regels.md": page("Regels"),
    "regels.en.md": page("Rules"),
    "risicos.md": page("Risico's"),
    "risicos.en.md": page("Risks"),
    "evaluatie.md": page("Evaluatie"),
    "evaluatie.en.md": page("Evaluation"),
}


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.config = root / "mkdocs.yml"
        self.docs = root / "docs"

    def write(self, pages: dict[str, str | bytes], untranslated: list[str] | None = None) -> Project:
        extra = "" if untranslated is None else f"    untranslated: {json.dumps(untranslated)}\n"
        self.config.write_text(CONFIG.format(untranslated=extra), encoding="utf-8")
        self.docs.mkdir(exist_ok=True)
        for name, content in pages.items():
            path = self.docs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            self.run("codeowners")  # as an editor commits it; a test of a usage error may make this fail too
        return self

    def run(self, *argv: str) -> int:
        return handbook.main(["--config", str(self.config), *argv])

    def snapshot(self) -> dict[str, bytes]:
        return {path.relative_to(self.root).as_posix(): path.read_bytes() for path in sorted(self.root.rglob("*")) if path.is_file()}

    def refuses(self, capsys: pytest.CaptureFixture, *argv: str) -> str:
        """Run a command that must stop with a usage error (exit 2), print nothing on
        standard output and change no file; what it printed on standard error."""
        before = self.snapshot()
        assert self.run(*argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert self.snapshot() == before
        return err


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    # Paths that are not under docs/ (mkdocs.yml) are printed relative to the current directory.
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


# --- report ----------------------------------------------------------------

THREE_PAGES = {
    "index.md": page("Start", "2026-01-10"),  # due 2027-01-10: current
    "regels.md": page("Regels", "2025-07-01", owner="Communicatie"),  # due 2026-07-01: due soon from 2026-06-01
    "risicos.md": page("Risico's", "2025-05-01"),  # due 2026-05-01: overdue
}

REPORT_TEXT = """\
Review report for 2026-06-15: 3 pages: 1 overdue, 1 due soon, 1 current

state     next due    last reviewed  owner         page             title
overdue   2026-05-01  2025-05-01     HR            docs/risicos.md  Risico's
due-soon  2026-07-01  2025-07-01     Communicatie  docs/regels.md   Regels
current   2027-01-10  2026-01-10     HR            docs/index.md    Start
"""

REPORT_MARKDOWN = """\
Review report for 2026-06-15: 3 pages: 1 overdue, 1 due soon, 1 current

| State | Next due | Last reviewed | Owner | Page | Title |
| --- | --- | --- | --- | --- | --- |
| overdue | 2026-05-01 | 2025-05-01 | HR | docs/risicos.md | Risico's |
| due-soon | 2026-07-01 | 2025-07-01 | Communicatie | docs/regels.md | Regels |
| current | 2027-01-10 | 2026-01-10 | HR | docs/index.md | Start |
"""


def _json_page(path, url, title, owner, last, due, state, problems=()):
    return {
        "path": path, "language": "en" if path.endswith(".en.md") else "nl", "url": url, "title": title, "owner": owner,
        "owners": [owner], "last_reviewed": last, "review_interval": 12, "next_review_due": due, "state": state,
        "problems": list(problems),
    }


def test_report_text(project, capsys):
    assert project.write(THREE_PAGES).run("report") == 0
    assert capsys.readouterr() == (REPORT_TEXT, "")


def test_report_markdown(project, capsys):
    assert project.write(THREE_PAGES).run("report", "--format", "markdown") == 0
    assert capsys.readouterr() == (REPORT_MARKDOWN, "")


def test_report_markdown_escapes_pipes(project, capsys):
    assert project.write({"index.md": page("Wel | niet")}).run("report", "--format", "markdown") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "| current | 2027-01-10 | 2026-01-10 | HR | docs/index.md | Wel \\| niet |"


def test_report_json(project, capsys):
    assert project.write(THREE_PAGES).run("report", "--format", "json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == {
        "date": TODAY,
        "pages": [
            _json_page("risicos.md", "risicos/", "Risico's", "HR", "2025-05-01", "2026-05-01", "overdue"),
            _json_page("regels.md", "regels/", "Regels", "Communicatie", "2025-07-01", "2026-07-01", "due-soon"),
            _json_page("index.md", "", "Start", "HR", "2026-01-10", "2027-01-10", "current"),
        ],
    }


def test_report_json_both_languages_and_problems(project, capsys):
    pages = {"regels.md": page("Regels", "gisteren"), "regels.en.md": page("Rules", "2026-01-10")}
    assert project.write(pages).run("report", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "date": TODAY,
        "pages": [
            _json_page(
                "regels.md", "regels/", "Regels", "HR", None, None, "overdue",
                ["last_reviewed: 'gisteren' is not a date; expected the date of the last review as YYYY-MM-DD, like 2026-03-12"],
            ),
            _json_page("regels.en.md", "en/regels/", "Rules", "HR", "2026-01-10", "2027-01-10", "current"),
        ],
    }


@pytest.mark.parametrize("owner", ["Communicatie", "communicatie", "COMMUNICATIE"])
def test_report_owner_filter(project, capsys, owner):
    assert project.write(THREE_PAGES).run("report", "--owner", owner) == 0
    assert capsys.readouterr().out == (
        "Review report for 2026-06-15: 1 page: 0 overdue, 1 due soon, 0 current\n"
        "\n"
        "state     next due    last reviewed  owner         page            title\n"
        "due-soon  2026-07-01  2025-07-01     Communicatie  docs/regels.md  Regels\n"
    )


def test_report_owner_filter_without_match(project, capsys):
    assert project.write(THREE_PAGES).run("report", "--owner", "Juridische zaken", "--fail-on", "overdue") == 0
    assert capsys.readouterr().out == (
        "Review report for 2026-06-15: 0 pages: 0 overdue, 0 due soon, 0 current\n"
        "\n"
        "state  next due  last reviewed  owner  page  title\n"
    )


@pytest.mark.parametrize(
    ("pages", "fail_on", "status"),
    [
        pytest.param(THREE_PAGES, None, 0, id="overdue-without-fail-on"),
        pytest.param(THREE_PAGES, "overdue", 1, id="overdue-fails-on-overdue"),
        pytest.param(THREE_PAGES, "due-soon", 1, id="overdue-fails-on-due-soon"),
        pytest.param({k: THREE_PAGES[k] for k in ("index.md", "regels.md")}, "overdue", 0, id="due-soon-passes-on-overdue"),
        pytest.param({k: THREE_PAGES[k] for k in ("index.md", "regels.md")}, "due-soon", 1, id="due-soon-fails-on-due-soon"),
        pytest.param({"index.md": THREE_PAGES["index.md"]}, "due-soon", 0, id="current-passes-on-due-soon"),
        pytest.param({"index.md": page("Start", "gisteren")}, "overdue", 1, id="invalid-fails-on-overdue"),
    ],
)
def test_report_fail_on(project, capsys, pages, fail_on, status):
    argv = ["report"] + ([] if fail_on is None else ["--fail-on", fail_on])
    assert project.write(pages).run(*argv) == status
    noun = "page" if len(pages) == 1 else "pages"
    assert capsys.readouterr().out.startswith(f"Review report for {TODAY}: {len(pages)} {noun}: ")


def test_report_invalid_page_shows_as_overdue_invalid(project, capsys):
    pages = {"index.md": page("Start", "2026-01-10"), "kapot.md": page("Kapot", "gisteren")}
    assert project.write(pages).run("report") == 0
    assert capsys.readouterr() == (
        "Review report for 2026-06-15: 2 pages: 1 overdue, 0 due soon, 1 current\n"
        "\n"
        "state              next due    last reviewed  owner  page           title\n"
        "overdue (invalid)  -           -              HR     docs/kapot.md  Kapot\n"
        "current            2027-01-10  2026-01-10     HR     docs/index.md  Start\n",
        "",
    )


def test_report_bad_handbook_today_is_a_usage_error(project, capsys, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-02-30")
    assert project.write(THREE_PAGES).run("report") == 2
    assert capsys.readouterr() == ("", "handbook.py report: HANDBOOK_TODAY='2026-02-30': expected a real date as YYYY-MM-DD\n")


# --- check -----------------------------------------------------------------


def test_check_clean_project(project, capsys):
    assert project.write(CLEAN_PAGES).run("check") == 0
    assert capsys.readouterr() == ("", "")


def test_check_untranslated_page_is_accepted(project, capsys):
    pages = {name: text for name, text in CLEAN_PAGES.items() if name != "evaluatie.en.md"}
    assert project.write(pages, untranslated=["evaluatie.md"]).run("check") == 0
    assert capsys.readouterr() == ("", "")


def test_check_passes_file_names_through(project, capsys):
    # pre-commit passes file names; the whole handbook is checked anyway.
    assert project.write(CLEAN_PAGES).run("check", "docs/regels.md") == 0
    assert capsys.readouterr() == ("", "")


BROKEN = [
    pytest.param(
        {"regels.en.md": None},
        None,
        ["docs/regels.md:1: translation: no en translation; expected regels.en.md, "
         "or the page listed under extra.review.untranslated in mkdocs.yml"],
        id="missing-english",
    ),
    pytest.param(
        {"nieuw.en.md": page("New")},
        None,
        ["docs/nieuw.en.md:1: translation: translation without an original; expected nieuw.md next to it"],
        id="english-without-dutch",
    ),
    pytest.param(
        {},
        ["weg.md"],
        ["mkdocs.yml:8: extra.review.untranslated: lists weg.md, which does not exist"],
        id="untranslated-lists-a-missing-page",
    ),
    pytest.param(
        {"regels.md": page("Regels", description="Let op: dit: niet")},
        None,
        [f"docs/regels.md:3: front matter: not valid YAML ({MAPPING_VALUES}); expected 'key: value' lines"],
        id="invalid-yaml",
    ),
    pytest.param(
        {"regels.md": "# Regels\n\nTekst.\n"},
        None,
        ["docs/regels.md:1: front matter: missing; expected the page to start with a '---' line, "
         "then title, description, owner and last_reviewed, then '---'"],
        id="no-front-matter",
    ),
    pytest.param(
        {"regels.md": "---\ntitle: Regels\n\nTekst.\n"},
        None,
        ["docs/regels.md:1: front matter: the opening '---' has no closing '---' line"],
        id="unclosed-front-matter",
    ),
    pytest.param(
        {"regels.md": page("Regels", "2026-06-16")},
        None,
        ["docs/regels.md:5: last_reviewed: 2026-06-16 lies in the future (today is 2026-06-15); "
         "expected the date of a review that took place"],
        id="future-date",
    ),
    pytest.param(
        {"regels.en.md": page("Rules", "2026-02-30")},
        None,
        ["docs/regels.en.md:5: last_reviewed: '2026-02-30' is not a real date; expected the date of the last review as YYYY-MM-DD, like 2026-03-12"],
        id="impossible-date-in-translation",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("description: Een korte beschrijving.\n", "")},
        None,
        ["docs/regels.md:1: description: missing; expected a line 'description: ...' with text"],
        id="missing-description",
    ),
    pytest.param(
        {"regels.md": page("Regels", description="''")},
        None,
        ["docs/regels.md:3: description: the value is empty; expected a line 'description: ...' with text"],
        id="empty-description",
    ),
    pytest.param(
        {"regels.md": page("Regels", owner="''")},
        None,
        ["docs/regels.md:4: owner: the value is empty; expected the name of an owner (HR, Communicatie) or a list of them"],
        id="empty-owner",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("review_interval: 12", "review_interval: twaalf")},
        None,
        ["docs/regels.md:6: review_interval: 'twaalf' is text; expected a whole number of months, like 12"],
        id="bad-interval",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("review_interval: 12", "review_interval: 100000")},
        None,
        ["docs/regels.md:6: review_interval: 100000 months is not from 1 to 120 (10 years); expected for example 12"],
        id="interval-past-the-calendar",
    ),
    pytest.param(
        {"regels.md": page("Regels", owner="123")},
        None,
        ["docs/regels.md:4: owner: 123 is a number; expected the name of an owner (HR, Communicatie) or a list of them"],
        id="owner-a-number",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("review_interval: 12\n", "review_interval: 12\nowner: HR\n")},
        None,
        ["docs/regels.md:7: owner: given twice, on lines 4 and 7; keep the one that is meant and delete the other"],
        id="key-given-twice",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("review_interval: 12\n", "review_interval: 12\nlast_reviwed: 2026-01-10\n")},
        None,
        ["docs/regels.md:7: last_reviwed: unknown key; did you mean 'last_reviewed'? expected one of "
         "title, description, owner, last_reviewed, review_interval, template, hide, search, keywords"],
        id="misspelt-key",
    ),
    pytest.param(
        {"regels.md": page("Regels").replace("review_interval: 12\n", "review_interval: 12\ntemplate: bestaat-niet.html\n")},
        None,
        ["docs/regels.md:7: template: 'bestaat-niet.html' is text; expected one of main.html"],
        id="unknown-template",
    ),
    pytest.param(
        {"regels.md": page("Regels").encode("utf-8") + b"Caf\xe9 in Latin-1\n"},
        None,
        ["docs/regels.md:10: encoding: byte 0xe9 is not UTF-8 text (invalid continuation byte); save the page as UTF-8"],
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("changes", "untranslated", "expected"), BROKEN)
def test_check_reports_each_problem(project, capsys, changes, untranslated, expected):
    pages = {**CLEAN_PAGES, **changes}
    pages = {name: text for name, text in pages.items() if text is not None}
    assert project.write(pages, untranslated=untranslated).run("check") == 1
    assert capsys.readouterr() == ("".join(line + "\n" for line in expected), "")


def test_check_reports_all_problems_in_one_run(project, capsys):
    pages = {
        **CLEAN_PAGES,
        "evaluatie.md": "---\ntitle: Evaluatie\nlast_reviewed: gisteren\nreview_interval: 0\n---\n",
        "regels.en.md": page("Rules", "2026-06-16"),
        "risicos.md": page("Risico's", description="a: b"),
        "extra.en.md": page("Extra"),
    }
    del pages["index.en.md"]
    assert project.write(pages).run("check") == 1
    assert capsys.readouterr() == (
        "docs/evaluatie.md:1: description: missing; expected a line 'description: ...' with text\n"
        "docs/evaluatie.md:1: owner: missing; expected the name of an owner (HR, Communicatie) or a list of them\n"
        "docs/evaluatie.md:3: last_reviewed: 'gisteren' is not a date; expected the date of the last review as YYYY-MM-DD, like 2026-03-12\n"
        "docs/evaluatie.md:4: review_interval: 0 months is not from 1 to 120 (10 years); expected for example 12\n"
        "docs/regels.en.md:5: last_reviewed: 2026-06-16 lies in the future (today is 2026-06-15); "
        "expected the date of a review that took place\n"
        f"docs/risicos.md:3: front matter: not valid YAML ({MAPPING_VALUES}); expected 'key: value' lines\n"
        "docs/extra.en.md:1: translation: translation without an original; expected extra.md next to it\n"
        "docs/index.md:1: translation: no en translation; expected index.en.md, "
        "or the page listed under extra.review.untranslated in mkdocs.yml\n",
        "",
    )


def test_check_reports_bad_review_settings_with_their_line(project, capsys):
    project.write(CLEAN_PAGES)
    project.config.write_text(project.config.read_text().replace("due_soon_days: 30", "due_soon_days: -1"))
    assert project.run("check") == 1
    assert capsys.readouterr() == (
        "mkdocs.yml:6: extra.review.due_soon_days: -1 is a number; expected a whole number of days from 0 to 366, like 30\n", "",
    )


def test_check_reports_every_bad_review_setting_at_once(project, capsys):
    project.write(CLEAN_PAGES)
    project.config.write_text(project.config.read_text().replace("default_interval: 12", "default_interval: twaalf")
                              .replace("due_soon_days: 30", "due_soon_days: -1").replace("Europe/Amsterdam", "Mars/Olympus"))
    assert project.run("check") == 1
    assert capsys.readouterr() == (
        "mkdocs.yml:5: extra.review.default_interval: 'twaalf' is text; expected a whole number of months, like 12\n"
        "mkdocs.yml:6: extra.review.due_soon_days: -1 is a number; expected a whole number of days from 0 to 366, like 30\n"
        "mkdocs.yml:7: extra.review.timezone: 'Mars/Olympus' is text; expected an IANA time zone like 'Europe/Amsterdam'\n", "",
    )


def test_check_reports_a_key_given_twice_in_mkdocs_yml(project, capsys):
    project.write(CLEAN_PAGES)
    project.config.write_text(project.config.read_text() + "site_name: Ander handboek\n")
    assert project.run("check") == 1
    assert capsys.readouterr() == (
        "mkdocs.yml:34: site_name: given twice, on lines 1 and 34; the second replaces the first: merge them\n", "",
    )


def test_check_reports_a_broken_label_file(project, capsys):
    project.write(CLEAN_PAGES)
    project.config.write_text(project.config.read_text().replace("docs_dir: docs\n", "docs_dir: docs\ntheme:\n  name: material\n  custom_dir: overrides\n"))
    locales = project.root / "overrides" / "locales"
    locales.mkdir(parents=True)
    (locales / "en.yml").write_text("owner: owner\nstate: State\n", encoding="utf-8")
    (locales / "nl.yml").write_text("owner: eigenaar\nstaat: Status\nstate: 12\n", encoding="utf-8")
    assert project.run("check") == 1
    assert capsys.readouterr() == (
        "overrides/locales/nl.yml:2: staat: not a text of the handbook; expected one of the keys in en.yml\n"
        "overrides/locales/nl.yml:3: state: 12 is a number; expected text\n", "",
    )


def test_other_commands_refuse_bad_review_settings(project, capsys):
    project.write(CLEAN_PAGES)
    project.config.write_text(project.config.read_text().replace("due_soon_days: 30", "due_soon_days: -1").replace("Europe/Amsterdam", "Mars"))
    assert project.refuses(capsys, "report") == (
        "handbook.py report: mkdocs.yml:6: extra.review.due_soon_days: -1 is a number; expected a whole number of days from 0 to 366, like 30\n"
        "handbook.py report: mkdocs.yml:7: extra.review.timezone: 'Mars' is text; expected an IANA time zone like 'Europe/Amsterdam'\n"
    )


# --- mark-reviewed ---------------------------------------------------------


def _replaced(before: bytes, old: bytes, new: bytes) -> bytes:
    assert before.count(old) == 1
    return before.replace(old, new)


@pytest.mark.parametrize(
    "argument",
    [
        pytest.param("docs/regels.md", id="path-from-project"),
        pytest.param("regels.md", id="path-under-docs"),
        pytest.param("ABSOLUTE", id="absolute-path"),
    ],
)
def test_mark_reviewed_sets_today(project, capsys, argument):
    project.write(CLEAN_PAGES)
    before = project.snapshot()
    if argument == "ABSOLUTE":
        argument = str(project.docs / "regels.md")
    assert project.run("mark-reviewed", argument) == 0
    assert capsys.readouterr() == ("docs/regels.md: last_reviewed set to 2026-06-15\n", "")
    expected = {**before, "docs/regels.md": _replaced(before["docs/regels.md"], b"last_reviewed: 2026-01-10", b"last_reviewed: 2026-06-15")}
    assert project.snapshot() == expected


def test_mark_reviewed_with_date(project, capsys):
    project.write(CLEAN_PAGES)
    before = project.snapshot()
    assert project.run("mark-reviewed", "docs/risicos.en.md", "--date", "2026-06-01") == 0
    assert capsys.readouterr() == ("docs/risicos.en.md: last_reviewed set to 2026-06-01\n", "")
    old = before["docs/risicos.en.md"]
    assert project.snapshot() == {**before, "docs/risicos.en.md": _replaced(old, b"2026-01-10", b"2026-06-01")}


def test_mark_reviewed_today_is_allowed_as_date(project, capsys):
    project.write(CLEAN_PAGES)
    assert project.run("mark-reviewed", "docs/regels.md", "--date", TODAY) == 0
    assert capsys.readouterr().out == "docs/regels.md: last_reviewed set to 2026-06-15\n"


@pytest.mark.parametrize("argument", ["docs/regels.md", "docs/regels.en.md"])
def test_mark_reviewed_all_languages(project, capsys, argument):
    project.write(CLEAN_PAGES)
    before = project.snapshot()
    assert project.run("mark-reviewed", "--all-languages", argument) == 0
    assert capsys.readouterr() == (
        "docs/regels.md: last_reviewed set to 2026-06-15\ndocs/regels.en.md: last_reviewed set to 2026-06-15\n",
        "",
    )
    old, new = b"last_reviewed: 2026-01-10", b"last_reviewed: 2026-06-15"
    assert project.snapshot() == {
        **before,
        "docs/regels.md": _replaced(before["docs/regels.md"], old, new),
        "docs/regels.en.md": _replaced(before["docs/regels.en.md"], old, new),
    }


def test_mark_reviewed_all_languages_with_missing_translation(project, capsys):
    pages = {name: text for name, text in CLEAN_PAGES.items() if name != "evaluatie.en.md"}
    project.write(pages)
    assert project.run("mark-reviewed", "--all-languages", "docs/evaluatie.md") == 1
    assert capsys.readouterr() == (
        "docs/evaluatie.md: last_reviewed set to 2026-06-15\n"
        "docs/evaluatie.en.md:1: translation: missing, not marked reviewed\n",
        "",
    )
    assert not (project.docs / "evaluatie.en.md").exists()


def test_mark_reviewed_keeps_every_other_byte(project, capsys):
    raw = (
        b"\xef\xbb\xbf---\r\n"
        b"title: \"Regels\"  # titel\r\n"
        b"# wie is eigenaar?\r\n"
        b"owner: HR\r\n"
        b"description: Caf\xc3\xa9 en meer   \r\n"
        b"last_reviewed: '2025-05-01'   # na de evaluatie\r\n"
        b"review_interval: 12\r\n"
        b"---\r\n"
        b"\r\n"
        b"last_reviewed: 1999-01-01\r\n"
        b"Tekst zonder regeleinde"
    )
    project.write({**CLEAN_PAGES, "regels.md": raw})
    assert project.run("mark-reviewed", "docs/regels.md") == 0
    assert capsys.readouterr() == ("docs/regels.md: last_reviewed set to 2026-06-15\n", "")
    assert (project.docs / "regels.md").read_bytes() == raw.replace(b"'2025-05-01'", b"'2026-06-15'")
    # ... and the page is still valid.
    assert project.run("check") == 0
    assert capsys.readouterr() == ("", "")


def test_mark_reviewed_adds_a_missing_date(project, capsys):
    project.write({**CLEAN_PAGES, "regels.md": "---\r\ntitle: Regels\r\ndescription: D\r\nowner: HR\r\n---\r\nTekst.\r\n"})
    assert project.run("mark-reviewed", "docs/regels.md", "--date", "2026-06-14") == 0
    assert capsys.readouterr().out == "docs/regels.md: last_reviewed set to 2026-06-14\n"
    assert (project.docs / "regels.md").read_bytes() == (
        b"---\r\ntitle: Regels\r\ndescription: D\r\nowner: HR\r\nlast_reviewed: 2026-06-14\r\n---\r\nTekst.\r\n"
    )


def test_mark_reviewed_keeps_the_file_mode(project, capsys):
    project.write(CLEAN_PAGES)
    (project.docs / "regels.md").chmod(0o640)
    assert project.run("mark-reviewed", "docs/regels.md") == 0
    assert (project.docs / "regels.md").stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in project.docs.iterdir()) == sorted(CLEAN_PAGES)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(
            ["--date", "2026-06-16"],
            "--date 2026-06-16: lies in the future (today is 2026-06-15); a review date must have passed",
            id="future-date",
        ),
        pytest.param(["--date", "2026-02-30"], "--date 2026-02-30: expected a real date as YYYY-MM-DD", id="impossible-date"),
        pytest.param(["--date", "15-06-2026"], "--date 15-06-2026: expected a real date as YYYY-MM-DD", id="day-first"),
        pytest.param(["--date", "gisteren"], "--date gisteren: expected a real date as YYYY-MM-DD", id="a-word"),
        pytest.param(["--date", "2026-6-1"], "--date 2026-6-1: expected a real date as YYYY-MM-DD", id="no-leading-zeros"),
    ],
)
def test_mark_reviewed_refuses_a_bad_date(project, capsys, argv, message):
    project.write(CLEAN_PAGES)
    assert project.refuses(capsys, "mark-reviewed", "docs/regels.md", *argv) == f"handbook.py mark-reviewed: {message}\n"


@pytest.mark.parametrize(
    "argument",
    [
        pytest.param("docs/weg.md", id="missing-page"),
        pytest.param("mkdocs.yml", id="file-outside-docs"),
        pytest.param("docs", id="the-docs-folder"),
    ],
)
def test_mark_reviewed_unknown_page(project, capsys, argument):
    project.write(CLEAN_PAGES)
    assert project.refuses(capsys, "mark-reviewed", argument) == f"handbook.py mark-reviewed: {argument}: no such page under docs\n"


def test_mark_reviewed_refuses_a_multi_line_quoted_date(project, capsys):
    text = '---\ntitle: Regels\ndescription: D\nowner: HR\nlast_reviewed: "2025-05-01\n  "\n---\n'
    project.write({**CLEAN_PAGES, "regels.md": text})
    before = project.snapshot()
    assert project.run("mark-reviewed", "docs/regels.md") == 1
    assert capsys.readouterr() == (
        "docs/regels.md:1: last_reviewed: line 5: 'last_reviewed' is not a plain one-line value; change it by hand\n",
        "",
    )
    assert project.snapshot() == before


def test_mark_reviewed_fills_an_empty_date(project, capsys):
    project.write({**CLEAN_PAGES, "regels.md": "---\ntitle: Regels\ndescription: D\nowner: HR\nlast_reviewed:\n---\n"})
    assert project.run("mark-reviewed", "docs/regels.md") == 0
    capsys.readouterr()
    assert project.run("check") == 0
    assert capsys.readouterr() == ("", "")


# --- new-page --------------------------------------------------------------


def test_new_page_creates_both_languages_and_adds_to_the_section(project, capsys):
    project.write(CLEAN_PAGES)
    config_before = project.config.read_text(encoding="utf-8")
    before = project.snapshot()
    status = project.run(
        "new-page", "thuiswerken.md", "--title", "Thuiswerken", "--translated-title", "en=Working from home", "--section", "Beleid",
    )
    assert status == 0
    assert capsys.readouterr() == (
        "docs/thuiswerken.md: created\ndocs/thuiswerken.en.md: created\nmkdocs.yml: added thuiswerken.md to the nav\n"
        "CODEOWNERS: updated\n",
        "",
    )
    assert (project.docs / "thuiswerken.md").read_text(encoding="utf-8") == (
        '---\ntitle: "Thuiswerken"\ndescription: "Thuiswerken"\nowner: "HR"\n'
        "last_reviewed: 2026-06-15\nreview_interval: 12\n---\n\n"
        "Schrijf hier de tekst van deze pagina. Gebruik korte zinnen en gewone woorden.\n"
    )
    assert (project.docs / "thuiswerken.en.md").read_text(encoding="utf-8") == (
        '---\ntitle: "Working from home"\ndescription: "Working from home"\nowner: "HR"\n'
        "last_reviewed: 2026-06-15\nreview_interval: 12\n---\n\n"
        "Write the text of this page here. Use short sentences and plain words.\n"
    )
    assert project.config.read_text(encoding="utf-8") == config_before.replace(
        "      - risicos.md\n", "      - risicos.md\n      - thuiswerken.md\n", 1
    )
    after = project.snapshot()
    changed = ("mkdocs.yml", "CODEOWNERS", "docs/thuiswerken.md", "docs/thuiswerken.en.md")
    assert {name: data for name, data in after.items() if name not in changed} == {
        name: data for name, data in before.items() if name not in changed
    }
    assert after["CODEOWNERS"] == before["CODEOWNERS"] + b"/docs/thuiswerken.en.md @example/hr\n/docs/thuiswerken.md @example/hr\n"
    assert project.run("check") == 0
    assert capsys.readouterr() == ("", "")


def test_new_page_with_descriptions_owner_and_no_section(project, capsys):
    project.write(CLEAN_PAGES)
    config_before = project.config.read_text(encoding="utf-8")
    status = project.run(
        "new-page", "docs/hr/verlof.md", "--title", "Verlof: \"zo\" werkt het", "--description", "Over verlof.",
        "--translated-title", "en=Leave", "--translated-description", "en=About leave.", "--owner", "HR", "--owner", "Communicatie",
    )
    assert status == 0
    assert capsys.readouterr().out == (
        "docs/hr/verlof.md: created\ndocs/hr/verlof.en.md: created\nmkdocs.yml: added hr/verlof.md to the nav\nCODEOWNERS: updated\n"
    )
    assert (project.docs / "hr/verlof.md").read_text(encoding="utf-8").split("---\n")[1] == (
        'title: "Verlof: \\"zo\\" werkt het"\ndescription: "Over verlof."\nowner: ["HR", "Communicatie"]\n'
        "last_reviewed: 2026-06-15\nreview_interval: 12\n"
    )
    assert (project.docs / "hr/verlof.en.md").read_text(encoding="utf-8").split("---\n")[1] == (
        'title: "Leave"\ndescription: "About leave."\nowner: ["HR", "Communicatie"]\nlast_reviewed: 2026-06-15\nreview_interval: 12\n'
    )
    assert "/docs/hr/verlof.en.md @example/hr @example/communicatie\n" in (project.root / "CODEOWNERS").read_text(encoding="utf-8")
    assert project.config.read_text(encoding="utf-8") == config_before.replace(
        "      - evaluatie.md\n", "      - evaluatie.md\n  - hr/verlof.md\n", 1
    )
    assert project.run("check") == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        pytest.param({"regels.md": None}, "docs/regels.md: already exists; new-page never overwrites a page", id="both-exist"),
        pytest.param({"nieuw.en.md": page("New")}, "docs/nieuw.en.md: already exists; new-page never overwrites a page", id="translation-exists"),
    ],
)
def test_new_page_never_overwrites(project, capsys, existing, message):
    pages = {**CLEAN_PAGES, **{name: text for name, text in existing.items() if text is not None}}
    project.write(pages)
    target = "regels.md" if "regels.md" in existing else "nieuw.md"
    refusal = project.refuses(capsys, "new-page", target, "--title", "Nieuw", "--translated-title", "en=New", "--section", "Beleid")
    assert refusal == f"handbook.py new-page: {message}\n"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("Thuis Werken.md", id="capitals-and-space"),
        pytest.param("thuiswerken", id="no-suffix"),
        pytest.param("thuiswerken.txt", id="wrong-suffix"),
        pytest.param("thuiswerken.en.md", id="a-translation"),
        pytest.param("../buiten.md", id="outside-docs"),
        pytest.param("thuis_werken.md", id="underscore"),
    ],
)
def test_new_page_refuses_a_bad_path(project, capsys, path):
    project.write(CLEAN_PAGES)
    refusal = project.refuses(capsys, "new-page", path, "--title", "Thuiswerken", "--translated-title", "en=Working from home")
    assert refusal == f"handbook.py new-page: {path}: expected a lower-case page path like 'thuiswerken.md' or 'hr/verlof.md'\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["--title", "Nieuw"], "--translated-title en=...: missing; every language needs a title", id="no-english-title"),
        pytest.param(
            ["--title", "Nieuw", "--translated-title", "en=New", "--owner", "Juridische zaken"],
            "--owner Juridische zaken: not an owner in mkdocs.yml; expected one of HR, Communicatie",
            id="unknown-owner",
        ),
    ],
)
def test_new_page_usage_errors_change_nothing(project, capsys, argv, message):
    project.write(CLEAN_PAGES)
    assert project.refuses(capsys, "new-page", "nieuw.md", *argv) == f"handbook.py new-page: {message}\n"


def test_new_page_translated_title_without_language(project, capsys):
    project.write(CLEAN_PAGES)
    project.refuses(capsys, "new-page", "nieuw.md", "--title", "Nieuw", "--translated-title", "New")


def test_new_page_section_ending_with_a_subsection(project, capsys):
    project.write(CLEAN_PAGES)
    nested = "      - risicos.md\n      - Details:\n          - details.md\n"
    config = project.config.read_text(encoding="utf-8").replace("      - risicos.md\n", nested, 1)
    project.config.write_text(config, encoding="utf-8")
    assert project.run("new-page", "nieuw.md", "--title", "Nieuw", "--translated-title", "en=New", "--section", "Beleid") == 0
    assert project.config.read_text(encoding="utf-8") == config.replace(nested, nested + "      - nieuw.md\n", 1)


# --- codeowners and check's formats ---------------------------------------------

CODEOWNERS_PAGES = {**CLEAN_PAGES, "regels.md": page("Regels", owner="[HR, Communicatie]"), "regels.en.md": page("Rules", owner="[HR, Communicatie]")}


def codeowners_rules(text: str) -> list[tuple[str, list[str]]]:
    """CODEOWNERS as GitHub and GitLab read it: (pattern, owners) per line that is not a comment."""
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *handles = line.split()
            rules.append((pattern, handles))
    return rules


def test_codeowners_gives_every_page_file_to_its_owners_and_the_rest_to_the_maintainer(project, capsys):
    project.write(CODEOWNERS_PAGES)
    rules = codeowners_rules((project.root / "CODEOWNERS").read_text(encoding="utf-8"))
    assert rules[0] == ("*", ["@example/maintainers"])  # first, so that every later line wins over it
    assert dict(rules[1:]) == {
        f"/docs/{name}": ["@example/hr", "@example/communicatie"] if name.startswith("regels") else ["@example/hr"]
        for name in sorted(CODEOWNERS_PAGES)
    }
    assert project.run("codeowners") == 0
    assert capsys.readouterr() == ("", "")  # already up to date: nothing written


def test_check_fails_when_codeowners_is_missing_or_out_of_date(project, capsys):
    project.write(CLEAN_PAGES)
    codeowners = project.root / "CODEOWNERS"
    codeowners.unlink()
    assert project.run("check") == 1
    assert capsys.readouterr().out == "CODEOWNERS:1: codeowners: missing; run 'python scripts/handbook.py codeowners' and commit the file\n"
    assert project.run("codeowners") == 0
    assert capsys.readouterr().out == "CODEOWNERS: written\n"
    # The guidelines get a second owner: its files need Communicatie's approval from now on.
    (project.docs / "regels.md").write_text(page("Regels", owner="[HR, Communicatie]"), encoding="utf-8")
    (project.docs / "regels.en.md").write_text(page("Rules", owner="[HR, Communicatie]"), encoding="utf-8")
    assert project.run("check") == 1
    assert capsys.readouterr().out == (
        "CODEOWNERS:14: codeowners: out of date: expected '/docs/regels.en.md @example/hr @example/communicatie'; "
        "run 'python scripts/handbook.py codeowners' and commit the file\n"
    )
    assert project.run("codeowners") == 0
    assert capsys.readouterr().out == "CODEOWNERS: updated\n"
    assert project.run("check") == 0


def test_check_reports_translations_with_other_owners(project, capsys):
    assert project.write({**CLEAN_PAGES, "regels.en.md": page("Rules", owner="Communicatie")}).run("check") == 1
    assert capsys.readouterr().out == (
        "docs/regels.en.md:4: owner: Communicatie differs from the original's (HR); a page has the same owners in every language\n"
    )


BROKEN_FOR_FORMATS = {
    **CLEAN_PAGES,
    "regels.md": page("Regels", "gisteren").replace("review_interval: 12\n", "review_interval: 12\n'x,y:z': 1\n"),
    "regels.en.md": page("Rules", owner="Juridische zaken, IT"),
}
ANNOTATION = re.compile(r"::error file=([^,]*),line=(\d+),title=([^:]*)::(.*)")


def _unescape(text: str) -> str:
    return text.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_check_as_github_workflow_commands(project, capsys):
    assert project.write(BROKEN_FOR_FORMATS).run("check") == 1
    text = capsys.readouterr().out
    assert project.run("check", "--format", "github") == 1
    annotations = capsys.readouterr().out.splitlines()
    parsed = [ANNOTATION.fullmatch(line) for line in annotations]
    assert all(parsed), annotations
    # The same findings as the text form, each on its file and line.
    assert [f"{_unescape(m[1])}:{m[2]}: {_unescape(m[3])}: {_unescape(m[4])}" for m in parsed] == text.splitlines()
    assert annotations[0] == (
        "::error file=docs/regels.en.md,line=4,title=owner::'Juridische zaken, IT' is not an owner in mkdocs.yml; "
        "expected the name of an owner (HR, Communicatie) or a list of them"
    )
    # A comma or colon in a property would end it: escaped.
    assert annotations[-1].startswith("::error file=docs/regels.md,line=7,title='x%2Cy%3Az'::unknown key;")


def test_check_as_a_gitlab_code_quality_report(project, capsys, tmp_path):
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    assert project.write(BROKEN_FOR_FORMATS).run("check") == 1
    text = capsys.readouterr().out
    report = tmp_path / "gl-code-quality-report.json"
    assert project.run("check", "--format", "gitlab", "--output", str(report)) == 1
    assert capsys.readouterr() == ("", "")
    issues = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(issues, schema)
    assert [f"{i['location']['path']}:{i['location']['lines']['begin']}: {i['description']}" for i in issues] == text.splitlines()
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    # A finding that only moves keeps its fingerprint, so the merge request does not show it as new.
    regels = project.docs / "regels.md"
    regels.write_text(regels.read_text(encoding="utf-8").replace("---\n", "---\n# verplaatst\n", 1), encoding="utf-8")
    assert project.run("check", "--format", "gitlab", "--output", str(report)) == 1
    moved = json.loads(report.read_text(encoding="utf-8"))
    assert [issue["fingerprint"] for issue in moved] == [issue["fingerprint"] for issue in issues]
    lines = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in issues}
    assert [issue["location"]["lines"]["begin"] - lines[issue["fingerprint"]] for issue in moved] == [
        1 if issue["location"]["path"] == "docs/regels.md" else 0 for issue in moved
    ]


def test_the_gitlab_schema_rejects_a_wrong_report():
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"description": "x", "check_name": "y", "fingerprint": "z", "severity": "bad", "location": {"path": "a", "lines": {"begin": 1}}}], schema)


@pytest.mark.parametrize(("nav", "section", "expected"), [
    pytest.param("nav:\r\n  - index.md\r\n  # later: more\r\n\r\n  - Beleid:\r\n    - regels.md\r\n", None,
                 "nav:\r\n  - index.md\r\n  # later: more\r\n\r\n  - Beleid:\r\n    - regels.md\r\n  - nieuw.md\r\n", id="crlf-comments-and-a-section-last"),
    pytest.param("nav:\n-   index.md\n-   'Beleid':   # the rules\n      -   regels.md\n\n    # end\nextra: {}\n", "Beleid",
                 "nav:\n-   index.md\n-   'Beleid':   # the rules\n      -   regels.md\n      -   nieuw.md\n\n    # end\nextra: {}\n", id="quoted-section-odd-indents"),
    pytest.param("nav:\n  - index.md", None, "nav:\n  - index.md\n  - nieuw.md\n", id="no-final-newline"),
])
def test_add_to_nav_places_the_page_by_the_yaml_structure(nav, section, expected):
    assert page_edits.add_to_nav(nav, "nieuw.md", section) == expected


@pytest.mark.parametrize(("nav", "section", "expected"), [
    pytest.param("nav:\n  - index.md\n  - Beleid:\n      - regels.md\nextra: {}\n", "Thuiswerken",
                 "nav:\n  - index.md\n  - Beleid:\n      - regels.md\n  - Thuiswerken:\n      - nieuw.md\nextra: {}\n", id="new-section"),
    pytest.param("nav:\n-   index.md\n", "Rechten: plichten",
                 "nav:\n-   index.md\n-   \"Rechten: plichten\":\n      - nieuw.md\n", id="new-section-quoted-odd-indents"),
])
def test_add_to_nav_makes_a_section_the_nav_does_not_have_yet(nav, section, expected):
    assert page_edits.add_to_nav(nav, "nieuw.md", section) == expected
    assert yaml.safe_load(expected)["nav"][-1] == {section: ["nieuw.md"]}


def test_add_to_nav_refuses_a_nav_on_one_line():
    with pytest.raises(handbook_project.UsageError, match="no 'nav:' list, one entry per line"):
        page_edits.add_to_nav("nav: [index.md, regels.md]\n", "nieuw.md", None)
