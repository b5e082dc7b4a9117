"""The example values an adopting organisation must replace: the list and `check --examples`, on a handbook written
here. The handbook's own list is checked by tests/handbook/test_example_values_list.py."""

from __future__ import annotations

import json
import re

import pytest

from handbook_engine.pages import example_values
from handbook_engine.cli import handbook

CONFIG = """\
site_name: Testhandboek
docs_dir: docs
extra:
  review:
    owners:
      HR: {email: hr@example.org, git: "@example/hr"}
    maintainer: "@example/maintainers"
  contacts:
    - name: HR
      phone: "+31 20 xxx xxxx"
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: nl
          name: Nederlands
          default: true
        - locale: en
          name: English
nav:
  - index.md
  - fotos.md
"""
FRONT = "---\ntitle: {}\ndescription: Kort.\nowner: HR\nlast_reviewed: 2026-06-01\n---\n\n"
PAGES = {
    "index.md": FRONT.format("Start") + "Welkom.\n",
    "index.en.md": FRONT.format("Home") + "Welcome.\n",
    # The value on line 8, and again broken over lines 9 and 10.
    "fotos.md": FRONT.format("Foto's") + "Een foto gaat binnen twee werkdagen weg.\nOok na een vraag binnen twee\nwerkdagen.\n",
    "fotos.en.md": FRONT.format("Photos") + "A photo comes down within two working days.\n",
}
LIST = """\
# What to replace.
- what: removal period for photos
  replace: how soon a photo comes down
  where: [docs/fotos.md]
  nl: [twee werkdagen]
  en: [two working days]
- what: contact phone numbers
  replace: your own numbers
  where: [mkdocs.yml]
  text: ["+31 20 xxx xxxx"]
"""
EXPECTED = [
    "docs/fotos.en.md:8: example value: 'two working days' (removal period for photos) is still here; replace it with your organisation's own",
    "docs/fotos.md:8: example value: 'twee werkdagen' (removal period for photos) is still here; replace it with your organisation's own",
    "docs/fotos.md:9: example value: 'twee werkdagen' (removal period for photos) is still here; replace it with your organisation's own",
    "mkdocs.yml:10: example value: '+31 20 xxx xxxx' (contact phone numbers) is still here; replace it with your organisation's own",
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-06-15")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in PAGES.items():
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / example_values.LIST).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / example_values.LIST).write_text(LIST, encoding="utf-8")
    assert run(tmp_path, "codeowners") == 0
    return tmp_path


def run(root, *argv: str) -> int:
    return handbook.main(["--config", str(root / "mkdocs.yml"), *argv])


def test_check_reports_each_example_value_still_there_when_asked(project, capsys):
    capsys.readouterr()
    assert run(project, "check") == 0
    assert capsys.readouterr() == ("", "")
    assert run(project, "check", "--examples") == 1
    assert capsys.readouterr().out.splitlines() == EXPECTED


def test_check_reports_example_values_in_each_format(project, capsys, tmp_path):
    assert run(project, "check", "--examples", "--format", "github") == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "::error file=docs/fotos.md,line=8,title=example value::'twee werkdagen' (removal period for photos) "
        "is still here; replace it with your organisation's own"
    )
    report = tmp_path / "report.json"
    assert run(project, "check", "--examples", "--format", "gitlab", "--output", str(report)) == 1
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert [f"{i['location']['path']}:{i['location']['lines']['begin']}: {i['description']}" for i in issues] == EXPECTED
    assert {issue["check_name"] for issue in issues} == {"handbook/example value"}


def test_a_replaced_value_is_no_longer_reported(project, capsys):
    (project / "mkdocs.yml").write_text(CONFIG.replace("+31 20 xxx xxxx", "+31 20 123 4567"), encoding="utf-8")
    for name in ("fotos.md", "fotos.en.md"):
        page = project / "docs" / name
        page.write_text(re.sub(r"twee(\s+)werkdagen|two working days", "drie dagen", page.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert run(project, "check", "--examples") == 0
    assert capsys.readouterr() == ("", "")


def test_the_list_stays_valid_when_a_page_or_a_language_goes(project, capsys):
    """Removing a page, or a language the list still has texts for, leaves nothing to look in, not a mistake."""
    (project / "docs" / "fotos.md").unlink()
    (project / "docs" / "fotos.en.md").unlink()
    config = CONFIG.replace("        - locale: en\n          name: English\n", "").replace("  - fotos.md\n", "")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "docs" / "index.en.md").unlink()
    (project / example_values.LIST).write_text(LIST + "- what: x\n  replace: y\n  de: [etwas]\n", encoding="utf-8")
    assert run(project, "codeowners") == 0
    capsys.readouterr()
    assert run(project, "check", "--examples") == 1
    assert capsys.readouterr().out.splitlines() == [EXPECTED[-1]]


def test_an_entry_without_where_looks_in_every_page_and_mkdocs_yml(project, capsys):
    (project / example_values.LIST).write_text(
        "- what: removal period\n  replace: yours\n  nl: [twee werkdagen]\n  en: [two working days]\n  pl: [dwa dni robocze]\n"
        "- what: phone\n  replace: yours\n  text: [\"+31 20 xxx xxxx\"]\n", encoding="utf-8")
    capsys.readouterr()
    assert run(project, "check", "--examples") == 1
    assert capsys.readouterr().out.splitlines() == [line.replace(" (removal period for photos)", " (removal period)").replace(" (contact phone numbers)", " (phone)")
                                                    for line in EXPECTED]


def test_an_empty_list_or_one_of_comments_only_is_valid(project, capsys):
    for text in ("[]\n", "# Nothing to replace yet.\n"):
        (project / example_values.LIST).write_text(text, encoding="utf-8")
        assert example_values.load(project / example_values.LIST) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("- what: x\n  replace: y\n  where: [mkdocs.yml]\n", "docs/checks/example_values.yml:1: examples[1].what: no texts to look for; expected text or a language code like nl, each with a list of texts"),
    ("- what: x\n  replace: y\n  where: mkdocs.yml\n  text: [a]\n", "docs/checks/example_values.yml:3: examples[1].where: expected a list of files, like [docs/monitoring.md], or no where: to look everywhere"),
    ("- what: x\n  replace: y\n  wher: [mkdocs.yml]\n  de: [a]\n", "docs/checks/example_values.yml:3: examples[1].wher: unknown key; expected one of what, replace, where, text or a language code like nl"),
    ("- what: x\n  where: [mkdocs.yml]\n  nl: [a]\n", "docs/checks/example_values.yml:1: examples[1].replace: missing; expected a text"),
    ("- what: x\n  replace: y\n  where: [mkdocs.yml]\n  nl: a\n", "docs/checks/example_values.yml:4: examples[1].nl: expected a list of texts to look for, like [twee werkdagen]"),
    ("what: x\n", "docs/checks/example_values.yml:1: examples: {what: x} is a mapping of 'key: value' lines; expected a list of entries"),
    ("- [\n", "docs/checks/example_values.yml:2: examples: not valid YAML"),
])
def test_a_mistake_in_the_list_is_the_finding(project, capsys, text, expected):
    (project / example_values.LIST).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(project, "check", "--examples") == 1
    out = capsys.readouterr().out
    assert out.startswith(expected) and out.count("\n") == 1, out


@pytest.mark.parametrize(("text", "source", "expected"), [
    ("twee werkdagen", "binnen twee werkdagen.", [1]),
    ("twee werkdagen", "Twee Werkdagen", [1]),
    ("twee werkdagen", "binnen twee\n  werkdagen", [1]),
    ("twee werkdagen", "a\nb twee werkdagen en twee werkdagen\ntwee werkdagen", [2, 2, 3]),
    ("twee jaar", "tweeëntwintig jaar, twintig jaar", []),
    ("twee jaar", "twee jaarlijkse", []),
    ("goedgekeurd", "goedgekeurde tools", []),
    ("cao", "de cao.", [1]),
    ("CAO", "the (CAO)", [1]),
    ("+31 20 xxx xxxx", 'phone: "+31 20 xxx xxxx"', [1]),
    ("@example.com", "email: hr@example.com\n", [1]),
    ("@example.com", "email: hr@example.community\n", []),
    ("@example/", 'git: "@example/hr"', [1]),
])
def test_a_text_is_found_whole_in_any_case_across_lines(text, source, expected):
    assert [line for line, _ in example_values.occurrences(source, [text])] == expected
