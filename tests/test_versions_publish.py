"""Editorial versions, rules in force from a later day and withdrawn pages, published and read back (issue 23, points 2-5).

The two-language fixture handbook, made a Git repository in tmp_path with dated commits, is published the
way the pipelines publish it (`handbook.py publish`, then `handbook.py announce` against a mail server on
loopback), each step on its own day (HANDBOOK_TODAY):

  A         the first edition                                              2026-11-02
  B         a substantive change over two pages (werkplek, werktijden)      2026-11-04
  editorial a typo fixed, `Change-type: editorial`                          2026-11-05
  upcoming  a new rule in afspraken and the decision aid removed,           2026-11-06
            `In-force-from: 2026-11-16`, ten days ahead
  replaced  an editorial fix before that day: a new version holding both   2026-11-08
            replaces the upcoming one, and is not announced again
  switch    the nightly publish on the day                                  2026-11-16

and read back as a reader, staff and an auditor would: the pages and the Versions page in both languages
after each step, the e-mails, versions.json, `versions --format csv` parsed back, and the withdrawn page's
address through deploy/nginx.conf; axe finds nothing on the notice and the Versions page in chromium. A
malformed or past In-force-from is published into a copy, and refused.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import READ_HISTORY, commit, committed, git, mail_parts, materialise

from handbook_engine.cli import handbook
from handbook_engine.publishing import releases
from handbook_engine.versions import version_changes
from handbook_testing import html_facts
from handbook_testing.accessibility import violations
from handbook_testing.loopback import serve

SITE = "https://handboek.example/"
STAFF = "allen@example.org"
ROOTS = {"nl": "", "en": "en/"}
DAYS = {"A": "2026-11-02", "B": "2026-11-04", "editorial": "2026-11-05", "upcoming": "2026-11-06", "replaced": "2026-11-08",
        "switch": "2026-11-16"}
# The sentences each change adds, by language: what a reader sees, or not yet.
B_SENTENCES = {"nl": "Zet je scherm op ooghoogte.", "en": "Put your screen at eye level."}
RULE = {"nl": "Vanaf 16 november maak je elk jaar opnieuw afspraken.", "en": "From 16 November you make new agreements every year."}
WITHDRAWN = "mag-ik-thuiswerken"


@dataclass
class Step:
    """What one publish and the announcement after it printed, left in the publish folder and sent."""

    status: int
    output: str
    record: dict
    current: str | None
    pages: dict[str, str] = field(default_factory=dict)  # address -> the HTML `current` served there after the step
    mail: list = field(default_factory=list)


@dataclass
class Scenario:
    base: Path
    project: Path
    commits: dict[str, str]
    steps: dict[str, Step]

    @property
    def target(self) -> Path:
        return self.base / "www"

    def page(self, step: str, url: str) -> html_facts.Element:
        return html_facts.parse(self.steps[step].pages[url])


# The addresses each step keeps a copy of: the changed, the withdrawn and the Versions page in both languages.
KEPT = [f"{root}{page}/" for root in ROOTS.values() for page in ("afspraken", "werkplek", WITHDRAWN, "versies")]


def tool(*argv: str) -> tuple[int, str]:
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
        status = handbook.main(list(argv))
    return status, out.getvalue() + err.getvalue()


def append(path: Path, sentence: str) -> None:
    with path.open("a", encoding="utf-8") as text:
        text.write(f"\n{sentence}\n")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, handbook_tool, mail_servers) -> Scenario:
    base = tmp_path_factory.mktemp("issue23")
    project = committed(materialise(base / "project"), "Eerste uitgave", "2026-11-01T09:00:00+01:00")
    docs = project / "docs"
    commits = {"A": git(project, "rev-parse", "HEAD")}
    steps: dict[str, Step] = {}
    config = ["--config", str(project / "mkdocs.yml")]
    with pytest.MonkeyPatch.context() as environment, mail_servers() as (mailbox, port):
        for name, value in {"HANDBOOK_SITE_URL": SITE, "HANDBOOK_SMTP_HOST": "127.0.0.1", "HANDBOOK_SMTP_PORT": str(port),
                            "HANDBOOK_MAIL_FROM": "handboek@example.org", "HANDBOOK_ANNOUNCE_TO": STAFF}.items():
            environment.setenv(name, value)
        environment.delenv("SOURCE_DATE_EPOCH", raising=False)

        def step(name: str) -> None:
            environment.setenv("HANDBOOK_TODAY", DAYS[name])
            with contextlib.redirect_stdout(io.StringIO()) as out:
                status = handbook_tool(project, "publish", "--to", str(base / "www"))
            before = len(mailbox.received)
            announced, told = tool(*config, "announce", "--to", str(base / "www"))
            assert announced == 0, told
            site = base / "www" / "current"
            pages = {url: (site / url / "index.html").read_text(encoding="utf-8") for url in KEPT if (site / url / "index.html").is_file()}
            record = json.loads((base / "www" / "archive" / "versions.json").read_text(encoding="utf-8"))
            steps[name] = Step(status, out.getvalue(), record, releases.current(base / "www"), pages, mailbox.received[before:])

        step("A")
        for page, language in (("werkplek", "nl"), ("werkplek", "en"), ("werktijden", "nl"), ("werktijden", "en")):
            append(docs / f"{page}{'' if language == 'nl' else '.en'}.md", B_SENTENCES[language])
        commits["B"] = commit(project, "Werkplek en werktijden aangevuld\n\nen: Workplace and working hours extended\n",
                              "2026-11-03T09:00:00+01:00")
        step("B")
        text = (docs / "werkplek.md").read_text(encoding="utf-8")
        (docs / "werkplek.md").write_text(text.replace(B_SENTENCES["nl"], B_SENTENCES["nl"].replace("scherm", "beeldscherm")), encoding="utf-8")
        commits["editorial"] = commit(project, "Woord verbeterd\n\nen: Word corrected\nChange-type: editorial\n", "2026-11-04T09:00:00+01:00")
        step("editorial")
        append(docs / "afspraken.md", RULE["nl"])
        append(docs / "afspraken.en.md", RULE["en"])
        git(project, "rm", "--quiet", f"docs/{WITHDRAWN}.md", f"docs/{WITHDRAWN}.en.md")
        for path in (project / "mkdocs.yml", docs / "index.md", docs / "index.en.md"):
            path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if WITHDRAWN not in line),
                            encoding="utf-8")
        commits["upcoming"] = commit(project, "Jaarlijkse afspraken; keuzehulp ingetrokken\n\n"
                                              "en: Yearly agreements; decision aid withdrawn\nIn-force-from: 2026-11-16\n",
                                     "2026-11-05T09:00:00+01:00")
        step("upcoming")
        text = (docs / "werkplek.md").read_text(encoding="utf-8")
        (docs / "werkplek.md").write_text(text.replace("beeldscherm", "computerscherm"), encoding="utf-8")
        commits["replaced"] = commit(project, "Woord verbeterd\n\nen: Word corrected\nChange-type: editorial\n", "2026-11-07T09:00:00+01:00")
        step("replaced")
        step("switch")
    return Scenario(base, project, commits, steps)


def ids(scenario: Scenario) -> dict[str, str]:
    return {"A": f"{DAYS['A']}-{scenario.commits['A'][:7]}", "B": f"{DAYS['B']}-{scenario.commits['B'][:7]}",
            "editorial": f"{DAYS['editorial']}-{scenario.commits['editorial'][:7]}",
            "upcoming": f"{DAYS['switch']}-{scenario.commits['upcoming'][:7]}",
            "replaced": f"{DAYS['switch']}-{scenario.commits['replaced'][:7]}"}


def test_every_step_published(scenario):
    assert {name: step.status for name, step in scenario.steps.items()} == dict.fromkeys(scenario.steps, 0), \
        {name: step.output for name, step in scenario.steps.items()}
    # The upcoming version's own build went once its PDFs were kept: nothing is left beside the releases.
    assert [entry.name for entry in (scenario.target / "releases").iterdir() if entry.name.startswith(".")] == []


def test_versions_json_records_each_versions_kind_days_and_pages(scenario):
    made = ids(scenario)
    versions = {version["id"]: version for version in scenario.steps["switch"].record["versions"]}
    assert list(versions) == [made["A"], made["B"], made["editorial"], made["upcoming"], made["replaced"]]
    assert {key: (version["kind"], version["published_on"], version["in_force_from"], version["superseded_by"])
            for key, version in versions.items()} == {
        made["A"]: ("substantive", DAYS["A"], DAYS["A"], None),
        made["B"]: ("substantive", DAYS["B"], DAYS["B"], None),
        made["editorial"]: ("editorial", DAYS["editorial"], DAYS["editorial"], None),
        made["upcoming"]: ("substantive", DAYS["upcoming"], DAYS["switch"], made["replaced"]),
        made["replaced"]: ("substantive", DAYS["replaced"], DAYS["switch"], None),  # holds the upcoming version's rule
    }
    assert [(page["path"], page["change"]) for page in versions[made["B"]]["pages"]] == [("werkplek.md", "changed"), ("werktijden.md", "changed")]
    assert [(page["path"], page["change"], page["titles"]) for page in versions[made["upcoming"]]["pages"]] == [
        ("afspraken.md", "changed", {"nl": "Afspraken maken", "en": "Making agreements"}),
        ("index.md", "changed", {"nl": "Thuiswerken bij ons", "en": "Working from home with us"}),
        (f"{WITHDRAWN}.md", "removed", {"nl": "Mag ik vandaag thuiswerken?", "en": "May I work from home today?"}),
    ]
    assert [change["kind"] for change in versions[made["editorial"]]["changes"]] == ["editorial"]
    assert [(change["commit"], change["kind"]) for change in versions[made["replaced"]]["changes"]] == [
        (scenario.commits["replaced"], "editorial"), (scenario.commits["upcoming"], "substantive")]
    assert [(page["path"], page["change"]) for page in versions[made["replaced"]]["pages"]] == [
        ("afspraken.md", "changed"), ("index.md", "changed"), (f"{WITHDRAWN}.md", "removed"), ("werkplek.md", "changed")]
    # Every version, the upcoming and the replaced one too, has its marked-up changes kept with it.
    assert {key: version["changes_page"] for key, version in versions.items()} == {
        key: version_changes.addresses(key, ("nl", "en")) for key in versions}
    assert all((scenario.target / "archive" / page).is_file() for version in versions.values() for page in version["changes_page"].values())


def test_the_publish_says_what_it_made(scenario):
    made, archive = ids(scenario), scenario.target / "archive"
    said = {name: [line for line in step.output.splitlines() if ": version " in line or "comes into force" in line]
            for name, step in scenario.steps.items()}
    assert said == {
        "A": [f"{archive}/{made['A']}: version {made['A']}, in force from {DAYS['A']}"],
        "B": [f"{archive}/{made['B']}: version {made['B']}, in force from {DAYS['B']}"],
        "editorial": [f"{archive}/{made['editorial']}: version {made['editorial']}, in force from {DAYS['editorial']} (editorial: not announced)"],
        "upcoming": [f"{archive}/{made['upcoming']}: version {made['upcoming']}, in force from {DAYS['switch']} "
                     f"(upcoming: the site shows the version in force until then)"],
        "replaced": [f"{archive}/{made['replaced']}: version {made['replaced']}, in force from {DAYS['switch']} "
                     f"(upcoming: the site shows the version in force until then)"],
        "switch": [],
    }


def test_staff_hear_of_substantive_versions_and_of_the_upcoming_one_at_once_naming_its_day_and_never_twice(scenario):
    sent = {name: [message["Subject"] for message in step.mail] for name, step in scenario.steps.items()}
    assert sent == {
        "A": ["Nieuwe versie van het handboek, geldig vanaf 2 november 2026 / New version of the handbook, in force from 2 November 2026"],
        "B": ["Nieuwe versie van het handboek, geldig vanaf 4 november 2026 / New version of the handbook, in force from 4 November 2026"],
        "editorial": [],
        "upcoming": ["Nieuwe versie van het handboek, geldig vanaf 16 november 2026 / New version of the handbook, in force from 16 November 2026"],
        "replaced": [],  # editorial changes only, the same day: staff know the rule and its day
        "switch": [],
    }
    text, html = mail_parts(scenario.steps["upcoming"].mail[0])
    assert "Tot die dag gelden nog de regels van de huidige versie." in text
    assert "Until that day the rules of the version in force now still apply." in text
    assert [element.text for element in html.find_all("time")][:1] == ["16 november 2026"]
    record = {version["id"]: version for version in scenario.steps["switch"].record["versions"]}
    assert record[ids(scenario)["editorial"]]["announcement"] is None


def afspraken_text(scenario: Scenario, step: str, language: str) -> str:
    return scenario.page(step, f"{ROOTS[language]}afspraken/").find("article").text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_pages_keep_the_text_in_force_until_the_day_and_switch_on_it(scenario, language):
    for before in ("upcoming", "replaced"):
        assert RULE[language] not in afspraken_text(scenario, before, language)
    assert RULE[language] in afspraken_text(scenario, "switch", language)
    # The page that goes is still there, as it was, until the day.
    still = scenario.page("upcoming", f"{ROOTS[language]}{WITHDRAWN}/")
    assert still.find_all(data_withdrawn=True) == [] and still.find("article").find_all("h1")
    # The footer names the version whose text is shown.
    made = ids(scenario)
    footer = {step: scenario.page(step, f"{ROOTS[language]}afspraken/").find("span", data_version_id=True).text
              for step in ("editorial", "upcoming", "replaced", "switch")}
    assert footer == {"editorial": made["editorial"], "upcoming": made["editorial"], "replaced": made["editorial"], "switch": made["replaced"]}
    # An editorial fix shows at once, like any text change; one made while a version is upcoming waits with it.
    shown = {step: scenario.page(step, "werkplek/").find("article").text for step in ("editorial", "replaced", "switch")}
    assert ["beeldscherm" in text for text in shown.values()] == [True, True, False]
    assert "computerscherm" in shown["switch"]


def rows(scenario: Scenario, step: str, language: str) -> dict[str, html_facts.Element]:
    page = scenario.page(step, f"{ROOTS[language]}versies/")
    return {row.attrs["data-version"]: row for row in page.find("table").find_all("tr", data_version=True)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_versions_page_marks_kinds_and_the_upcoming_version_with_its_day_and_pdfs(scenario, language):
    made = ids(scenario)
    listed = rows(scenario, "upcoming", language)
    assert {key: (row.attrs["data-change-type"], "data-upcoming" in row.attrs, row.attrs["data-in-force-from"], row.attrs.get("data-in-force-until"))
            for key, row in listed.items()} == {
        made["upcoming"]: ("substantive", True, DAYS["switch"], None),
        made["editorial"]: ("editorial", False, DAYS["editorial"], DAYS["switch"]),
        made["B"]: ("substantive", False, DAYS["B"], DAYS["editorial"]),
        made["A"]: ("substantive", False, DAYS["A"], DAYS["B"]),
    }
    pdfs = [link.attrs["href"] for link in listed[made["upcoming"]].find_all("a", data_version_pdf=True)]
    assert [href.rsplit("archive/", 1)[1] for href in pdfs] == [f"{made['upcoming']}/handbook.pdf", f"{made['upcoming']}/en/handbook.pdf"]
    for href in pdfs:
        assert (scenario.target / "archive" / href.rsplit("archive/", 1)[1]).read_bytes().startswith(b"%PDF-")
    assert listed[made["editorial"]].find_all(data_editorial=True) and not listed[made["B"]].find_all(data_editorial=True)
    # Replaced before its day: kept with its PDFs, marked so, never in force; the new one is upcoming.
    replaced = rows(scenario, "replaced", language)
    assert replaced[made["upcoming"]].attrs["data-superseded-by"] == made["replaced"]
    assert "data-upcoming" not in replaced[made["upcoming"]].attrs and replaced[made["upcoming"]].find_all(data_replaced=True)
    assert len(replaced[made["upcoming"]].find_all("a", data_version_pdf=True)) == 2
    assert "data-upcoming" in replaced[made["replaced"]].attrs
    announced = replaced[made["replaced"]].find(data_announced=True)
    assert made["upcoming"] in announced.text  # announced with the version it replaced
    # On the day it is the version in force; nothing is upcoming any more.
    after = rows(scenario, "switch", language)
    assert [key for key, row in after.items() if "data-upcoming" in row.attrs] == []
    assert after[made["editorial"]].attrs["data-in-force-until"] == DAYS["switch"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_withdrawn_page_says_since_when_and_in_which_version_and_links_the_last_version_that_held_it(scenario, language):
    made = ids(scenario)
    page = scenario.page("switch", f"{ROOTS[language]}{WITHDRAWN}/")
    notice = page.find(data_withdrawn=True)
    assert (notice.attrs["data-withdrawn"], notice.attrs["data-version"]) == (DAYS["switch"], made["replaced"])
    assert notice.find(data_last_held_by=True).attrs["data-last-held-by"] == made["editorial"]
    pdf = notice.find("a", data_version_pdf=language).attrs["href"]
    assert pdf.endswith(f"archive/{made['editorial']}/{ROOTS[language]}handbook.pdf")
    title = {"nl": "Mag ik vandaag thuiswerken?", "en": "May I work from home today?"}[language]
    assert notice.find("h1").text == title
    # It looks like the site: the header, the navigation and a language switcher leading to the other notice.
    assert page.find_all("header", cls="md-header") and page.find_all("nav", cls="md-nav")
    address = f"{SITE}{ROOTS[language]}{WITHDRAWN}/"
    switcher = {link.attrs["hreflang"]: urljoin(address, link.attrs["href"]) for link in page.find_all("a", cls="md-select__link")}
    assert switcher == {other: f"{SITE}{root}{WITHDRAWN}/" for other, root in ROOTS.items()}
    assert urljoin(address, pdf) == f"{SITE}archive/{made['editorial']}/{ROOTS[language]}handbook.pdf"
    sitemap = (scenario.target / "current" / ROOTS[language] / "sitemap.xml").read_text(encoding="utf-8")
    assert WITHDRAWN not in sitemap and "afspraken" in sitemap
    search = (scenario.target / "current" / ROOTS[language] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert WITHDRAWN not in search


def test_the_withdrawn_address_answers_with_its_notice_through_nginx(scenario, nginx):
    # nginx's workers run as an unprivileged user: they are given a copy of the publish folder readable by all.
    base = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))
    try:
        base.chmod(0o755)
        shutil.copytree(scenario.target, base / "www", symlinks=True)
        with nginx(base) as address:
            for root in ROOTS.values():
                with urllib.request.urlopen(f"{address}/{root}{WITHDRAWN}/", timeout=10) as response:
                    assert response.status == 200
                    assert f'data-withdrawn="{DAYS["switch"]}"' in response.read().decode("utf-8")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_auditors_csv_parses_back_to_every_version(scenario):
    made = ids(scenario)
    status, output = tool("versions", "--to", str(scenario.target), "--format", "csv")
    assert status == 0
    table = list(csv.DictReader(io.StringIO(output)))
    assert [(row["id"], row["commit"], row["kind"], row["in_force_from"], row["in_force_until"]) for row in table] == [
        (made["A"], scenario.commits["A"], "substantive", DAYS["A"], "2026-11-03"),
        (made["B"], scenario.commits["B"], "substantive", DAYS["B"], "2026-11-04"),
        (made["editorial"], scenario.commits["editorial"], "editorial", DAYS["editorial"], "2026-11-15"),
        (made["upcoming"], scenario.commits["upcoming"], "substantive", DAYS["switch"], ""),
        (made["replaced"], scenario.commits["replaced"], "substantive", DAYS["switch"], ""),
    ]
    assert [row["superseded_by"] for row in table] == ["", "", "", made["replaced"], ""]
    announced = {row["id"]: (row["announced_to"], row["message_id"]) for row in table}
    assert announced[made["editorial"]] == ("", "")
    for key in ("A", "B", "upcoming"):
        to, message_id = announced[made[key]]
        assert to == STAFF and message_id.startswith("<") and message_id.endswith(">")
    # The replacement was told of by the upcoming version's e-mail.
    assert announced[made["replaced"]] == announced[made["upcoming"]]
    assert [row["announced_with"] for row in table] == ["", "", "", "", made["upcoming"]]
    assert json.loads(tool("versions", "--to", str(scenario.target), "--format", "json")[1]) == table


# --- bad input: published into a copy of the scenario's result ------------------------------------


@pytest.fixture
def copies(scenario, tmp_path) -> tuple[Path, Path]:
    """A clone of the scenario's repository and a copy of its publish folder, to break."""
    git(tmp_path, "clone", "--quiet", str(scenario.project), "project")
    shutil.copytree(scenario.target, tmp_path / "www", symlinks=True)
    return tmp_path / "project", tmp_path / "www"


@pytest.mark.parametrize(("trailer", "problem"), [
    ("In-force-from: 16-12-2026", "In-force-from: '16-12-2026' is not a date; expected YYYY-MM-DD"),
    ("In-force-from: 2026-11-01", "In-force-from: 2026-11-01 has passed (today is 2026-11-20)"),
])
def test_a_malformed_or_past_in_force_from_stops_the_publish_naming_the_commit(copies, handbook_tool, monkeypatch, trailer, problem):
    project, target = copies
    before = {path.relative_to(target).as_posix(): path.read_bytes() for path in (target / "archive").rglob("*") if path.is_file()}
    current = releases.current(target)
    append(project / "docs" / "werkplek.md", "Een regel die nooit gold.")
    bad = commit(project, f"Regel toegevoegd\n\n{trailer}\n", "2026-11-19T09:00:00+01:00")
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-11-20")
    monkeypatch.setenv("HANDBOOK_SITE_URL", SITE)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert handbook_tool(project, "publish", "--to", str(target)) == 1
    assert f"commit {bad[:7]}: {problem}" in out.getvalue() and "Traceback" not in out.getvalue()
    after = {path.relative_to(target).as_posix(): path.read_bytes() for path in (target / "archive").rglob("*") if path.is_file()}
    assert (after, releases.current(target)) == (before, current)  # nothing half-published


@pytest.mark.parametrize("path", [f"{root}{page}/" for root in ROOTS.values() for page in (WITHDRAWN, "versies")])
def test_the_withdrawn_notice_and_the_versions_page_have_no_axe_violations(scenario, reader_page, screenshots, path):
    with serve(scenario.target / "current") as address:
        reader_page.goto(address + path)
        reader_page.wait_for_load_state("load")
        found = violations(reader_page)
        reader_page.screenshot(path=screenshots / f"desktop-versions-{path.strip('/').replace('/', '-')}.png", full_page=True)
    assert found == []


def test_a_rules_day_that_is_not_a_date_fails_the_strict_build_naming_its_commit_until_a_newer_one_corrects_it(tmp_path, run_build):
    """The merge request's build tells the editor, before publishing would refuse it."""
    project = committed(materialise(tmp_path / "handboek"))
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text(encoding="utf-8") + "\nEen nieuwe regel.\n",
                                                encoding="utf-8")
    wrong = commit(project, "Nieuwe regel\n\nen: New rule\nIn-force-from: 1 januari", "2026-11-21T10:00:00+01:00")
    build = run_build(project, "2026-11-22", env=READ_HISTORY)
    assert build.returncode == 1
    assert f"WARNING -  commit {wrong[:7]}: In-force-from: '1 januari' is not a date; expected YYYY-MM-DD" in build.log
    assert "Traceback" not in build.log
    commit(project, "Datum van de nieuwe regel\n\nen: Date of the new rule\nIn-force-from: 2027-01-01", "2026-11-22T10:00:00+01:00")
    build = run_build(project, "2026-11-22", env=READ_HISTORY)
    assert build.returncode == 0, build.log
