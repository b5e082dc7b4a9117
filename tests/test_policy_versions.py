"""Every version of the policy kept, with its adoption (issue 16, points 3 and 4).

The two-language fixture handbook, made a Git repository in tmp_path with commits on chosen
days, is published the way the pipelines publish it (`handbook.py publish`),
each time on another day (HANDBOOK_TODAY): commit A, A again (a nightly
rebuild), a `[skip history]`-only commit, then B (adopted by the board, with
the works council's consent, an English note, and notes full of markup and
quotes), then a review-only commit (`mark-reviewed`), then a rollback. After
each, `handbook.py announce` runs as the pipelines run it, against a real
mail server on loopback that is down when B is published. What each step
left is read back as an auditor and a reader would: versions.json, the
archived PDFs (with pypdf), the e-mails (as MIME), both languages' Versions
pages and every page's footer. The failures (a malformed consent date, a broken
versions.json) are published into copies of that result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import shutil
from zoneinfo import ZoneInfo
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pypdf
import pytest
from conftest import READ_HISTORY, TEST_SITE_URL, TWO_LANGUAGES, commit, committed, free_port, git, mail_parts, materialise

from handbook_engine.cli import handbook
from handbook_testing import html_facts
from handbook_engine.versions import policy_versions
from handbook_engine.publishing import releases

SITE = "https://handboek.example/"
STAFF = "allen@example.org"
# B's notes: markup, quotes and ampersands that must show as text; the English one 10,000 characters long.
NOTE_NL = 'Regels over privéaccounts aangescherpt: <b>"vet"</b> & \'citaat\''
NOTE_EN_START = 'Rules on private accounts tightened: <script>alert("x")</script> & \'quote\''
NOTE_EN_END = "end of the long note."
NOTE_EN = NOTE_EN_START + " " + ("and more words " * 700)[: 10_000 - len(NOTE_EN_START) - len(NOTE_EN_END) - 2] + " " + NOTE_EN_END
B_MESSAGE = (f"{NOTE_NL}\n\nDe regels over privéaccounts zijn strenger geworden.\n\n"
             f"Approved-by: de directie\nWorks-council-consent: 2026-11-10\nen: {NOTE_EN}\n")
# Sentences that only B's text has: the PDF of A must lack them, B's must have them.
B_SENTENCE = {"nl": "Een privéaccount noemt nooit de naam van een klant.", "en": "A private account never names a client."}
ADOPTION = {
    "nl": ("Vastgesteld door de directie", "Instemming ondernemingsraad op 10 november 2026"),
    "en": ("Adopted by de directie", "Works council consent on 10 November 2026"),
}
ROOTS = {"nl": "", "en": "en/"}
# The publishing days (HANDBOOK_TODAY): each step on another day.
A_DAY, AGAIN_DAY, SKIP_DAY, B_DAY, REVIEW_DAY = "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30"


@dataclass
class Step:
    """What one publish (or rollback) printed and left in the publish folder."""

    status: int
    output: str
    record: dict
    archive: dict[str, str]  # every file under PUBLISH_DIR/archive -> its SHA-256
    current: str | None
    releases: list[str]
    announced: int = 0  # the exit status of the announcement after the publish
    mail: list = field(default_factory=list)  # the e-mails the mail server received in this step


@dataclass
class Scenario:
    project: Path
    target: Path
    a: str
    b: str
    review: str
    steps: dict[str, Step]

    @property
    def site(self) -> Path:
        return self.target / "current"

    def html(self, url: str) -> html_facts.Element:
        return html_facts.parse((self.site / url / "index.html").read_text(encoding="utf-8"))

    @property
    def record(self) -> dict:
        return self.steps["rollback"].record

    @property
    def ids(self) -> dict[str, str]:
        return {"A": f"{A_DAY}-{self.a[:7]}", "B": f"{B_DAY}-{self.b[:7]}"}


@pytest.fixture(scope="module")
def publish(handbook_tool):
    """`publish(project, target, *extra)`: `handbook.py publish` in this process; its exit status and what it printed
    (the builds' output goes to the terminal)."""
    def run(project: Path, target: Path, *extra: str) -> tuple[int, str]:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            status = handbook_tool(project, "publish", "--to", str(target), *extra)
        return status, out.getvalue()
    return run


def tool(project: Path, *argv: str) -> int:
    """scripts/handbook.py for the project, for the commands that build nothing (announce, mark-reviewed)."""
    return handbook.main(["--config", str(project / "mkdocs.yml"), *argv])


def snapshot(target: Path, status: int, output: str) -> Step:
    archive = target / "archive"
    files = {path.relative_to(archive).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(archive.rglob("*")) if path.is_file()} if archive.is_dir() else {}
    versions = archive / "versions.json"
    record = json.loads(versions.read_text(encoding="utf-8")) if versions.is_file() else {}
    return Step(status, output, record, files, releases.current(target), releases.releases(target))


def append(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, publish, mail_servers) -> Scenario:
    base = tmp_path_factory.mktemp("versions")
    project = committed(materialise(base / "project"), "Het handboek", "2026-11-24T09:00:00+01:00")
    target = base / "www"
    a = git(project, "rev-parse", "HEAD")
    docs = project / "docs"
    steps = {}
    with pytest.MonkeyPatch.context() as environment, mail_servers() as (mailbox, port):
        environment.setenv("HANDBOOK_SITE_URL", SITE)
        environment.delenv("SOURCE_DATE_EPOCH", raising=False)
        for name, value in {"HANDBOOK_SMTP_HOST": "127.0.0.1", "HANDBOOK_MAIL_FROM": "handboek@example.org",
                            "HANDBOOK_ANNOUNCE_TO": STAFF}.items():
            environment.setenv(name, value)

        def step(name: str, day: str, *extra: str, mail_server_up: bool = True) -> None:
            environment.setenv("HANDBOOK_TODAY", day)
            status, output = publish(project, target, "--keep", "2", *extra)
            # The mail server is down: a port nothing listens on.
            environment.setenv("HANDBOOK_SMTP_PORT", str(port if mail_server_up else free_port()))
            before = len(mailbox.received)
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as errors:
                announced = tool(project, "announce", "--to", str(target))
            steps[name] = snapshot(target, status, output + errors.getvalue())
            steps[name].announced, steps[name].mail = announced, mailbox.received[before:]

        step("A", A_DAY)
        step("A again", AGAIN_DAY)
        append(docs / "index.md", "Deze zin is alleen een typfout die is hersteld.")
        commit(project, "Typfout hersteld [skip history]", "2026-11-26T09:00:00+01:00")
        step("skip history", SKIP_DAY)
        append(docs / "werkplek.md", B_SENTENCE["nl"])
        append(docs / "werkplek.en.md", B_SENTENCE["en"])
        # The home page too: its address in the default language is the site root, ''.
        append(docs / "index.md", "Lees de strengere regels over privéaccounts.")
        append(docs / "index.en.md", "Read the stricter rules on private accounts.")
        b = commit(project, B_MESSAGE, "2026-11-27T09:00:00+01:00")
        step("B", B_DAY, mail_server_up=False)
        environment.setenv("HANDBOOK_TODAY", REVIEW_DAY)
        with contextlib.redirect_stdout(io.StringIO()):
            assert tool(project, "mark-reviewed", str(docs / "werkplek.md")) == 0
        review = commit(project, "Werkplek beoordeeld: klopt nog", "2026-11-30T09:00:00+01:00")
        step("review", REVIEW_DAY)
        step("rollback", REVIEW_DAY, "--rollback")
    return Scenario(project, target, a, b, review, steps)


def test_every_publish_succeeded_and_the_rollback_went_back_to_b(scenario):
    assert {name: step.status for name, step in scenario.steps.items()} == dict.fromkeys(scenario.steps, 0), \
        {name: step.output for name, step in scenario.steps.items()}
    steps = scenario.steps
    assert steps["rollback"].current == steps["B"].current != steps["review"].current


def test_only_a_and_b_make_a_version_and_say_so(scenario):
    ids, steps = scenario.ids, scenario.steps
    made = {name: [version["id"] for version in step.record["versions"]] for name, step in steps.items()}
    assert made == {"A": [ids["A"]], "A again": [ids["A"]], "skip history": [ids["A"]],
                    "B": [ids["A"], ids["B"]], "review": [ids["A"], ids["B"]], "rollback": [ids["A"], ids["B"]]}
    archive = scenario.target / "archive"
    for name, step in steps.items():
        told = [line for line in step.output.splitlines() if ": version " in line]
        expected = {"A": [f"{archive}/{ids['A']}: version {ids['A']}, in force from {A_DAY}"],
                    "B": [f"{archive}/{ids['B']}: version {ids['B']}, in force from {B_DAY}"]}.get(name, [])
        assert told == expected, name


def test_versions_json_records_each_version_with_its_notes_and_adoption(scenario):
    record, ids = scenario.record, scenario.ids
    assert record["versions_page"] == {"nl": "versies/", "en": "en/versies/"}
    first, second = ({key: value for key, value in version.items() if key != "announcement"} for version in record["versions"])
    # Neither version was published to apply later or replaced, and both hold substantive changes (issue 23).
    unchanged = {"kind": "substantive", "superseded_by": None}
    assert first == {"id": ids["A"], "commit": scenario.a, "in_force_from": A_DAY, "published_on": A_DAY, "changes": [], "pages": [],
                     "approved_by": None, "works_council_consent": None, "changes_page": changes_pages(ids["A"]), **unchanged}
    assert second == {
        "id": ids["B"], "commit": scenario.b, "in_force_from": B_DAY, "published_on": B_DAY,
        "changes": [{"commit": scenario.b, "kind": "substantive", "notes": {"nl": NOTE_NL, "en": NOTE_EN}}],
        "pages": [{"path": key, "change": "changed", "titles": {language: TWO_LANGUAGES.title(key, language) for language in ("nl", "en")},
                   "urls": {language: TWO_LANGUAGES.url(key, language) for language in ("nl", "en")}}
                  for key in ("index.md", "werkplek.md")],
        "approved_by": "de directie", "works_council_consent": "2026-11-10", "changes_page": changes_pages(ids["B"]), **unchanged,
    }
    assert len(second["changes"][0]["notes"]["en"]) == 10_000


def changes_pages(version: str) -> dict[str, str]:
    """Where a version's marked-up changes are kept (tests/test_version_changes.py reads them)."""
    return {"nl": f"{version}/changes.html", "en": f"{version}/en/changes.html"}


def test_a_version_that_changed_the_home_page_is_read_back_with_its_address_the_site_root(tmp_path):
    page = policy_versions.ChangedPage("index.md", {"nl": "Welkom", "en": "Welcome"}, {"nl": "", "en": "en/"})
    record = policy_versions.Record((policy_versions.PolicyVersion("2026-11-27-53471a8", "53471a8" + "0" * 33, dt.date(2026, 11, 27), pages=(page,)),),
                                    {"nl": "versies/", "en": "en/versies/"})
    policy_versions.save(tmp_path / "versions.json", record)
    assert policy_versions.load(tmp_path / "versions.json") == record
    # An address that is no text is still refused, naming the field.
    data = policy_versions.to_data(record)
    data["versions"][0]["pages"][0]["urls"]["en"] = None
    with pytest.raises(policy_versions.VersionsError, match=r"^versions\[0\]\.pages\[0\]\.urls\.en: expected a text, found None$"):
        policy_versions.from_data(data)


def pdf_texts(path: Path) -> list[str]:
    """Each page's text, white space folded."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_version_keeps_its_own_pdfs_and_only_b_s_cover_shows_its_adoption(scenario, language):
    ids, archive = scenario.ids, scenario.target / "archive"
    a_pages = pdf_texts(archive / ids["A"] / ROOTS[language] / "handbook.pdf")
    b_pages = pdf_texts(archive / ids["B"] / ROOTS[language] / "handbook.pdf")
    version = "Versie" if language == "nl" else "Version"
    a_day, b_day = ("24 november 2026", "27 november 2026") if language == "nl" else ("24 November 2026", "27 November 2026")
    from_ = "vanaf" if language == "nl" else "from"
    assert f"{version} {ids['A']}, {from_} {a_day}" in a_pages[0]
    assert f"{version} {ids['B']}, {from_} {b_day}" in b_pages[0]
    for line in ADOPTION[language]:
        assert line in b_pages[0]
        assert line not in a_pages[0]
    # Which text applied: A's PDF lacks the sentence B added, B's has it.
    assert not any(B_SENTENCE[language] in page for page in a_pages)
    assert any(B_SENTENCE[language] in page for page in b_pages)
    # B's PDF lists both versions with the addresses of their PDFs printed (the Versions page is in it).
    printed = "".join("".join(b_pages).split())
    for version in ids.values():
        assert f"({SITE}archive/{version}/handbook.pdf)" in printed and f"({SITE}archive/{version}/en/handbook.pdf)" in printed
    # The archived PDF is the one B's release served.
    assert (archive / ids["B"] / ROOTS[language] / "handbook.pdf").read_bytes() == (scenario.site / ROOTS[language] / "handbook.pdf").read_bytes()


def versions_rows(scenario: Scenario, language: str) -> list[html_facts.Element]:
    page = scenario.html(ROOTS[language] + "versies/")
    return page.find("table").find_all("tr", data_version=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_versions_page_lists_every_version_newest_first_with_its_dates_notes_and_pdfs(scenario, language):
    ids = scenario.ids
    rows = versions_rows(scenario, language)
    assert [(row.attrs["data-version"], row.attrs["data-in-force-from"], row.attrs.get("data-in-force-until")) for row in rows] == [
        (ids["B"], B_DAY, None), (ids["A"], A_DAY, B_DAY)]
    newest, first = rows
    assert [element.text for element in newest.find_all("span", data_approved_by=True)] == [ADOPTION[language][0]]
    assert newest.find(data_works_council_consent="2026-11-10").text == ADOPTION[language][1]
    assert first.find_all(data_approved_by=True) == [] and first.find_all(data_works_council_consent=True) == []
    assert ("vanaf 24 november 2026 tot 27 november 2026" if language == "nl" else "from 24 November 2026 until 27 November 2026") in first.text
    assert ("vanaf 27 november 2026 (geldt nu)" if language == "nl" else "from 27 November 2026 (in force now)") in newest.text
    notes = newest.find_all("li")
    assert [note.text for note in notes] == [NOTE_NL if language == "nl" else NOTE_EN]
    assert "lang" not in notes[0].attrs  # written in the page's language, not a fallback
    assert first.find_all("li") == []
    page_address = SITE + ROOTS[language] + "versies/"
    for row, version in zip(rows, (ids["B"], ids["A"])):
        links = {link.attrs["data-version-pdf"]: urlsplit(urljoin(page_address, link.attrs["href"])).path for link in row.find_all("a", data_version_pdf=True)}
        assert links == {"nl": f"/archive/{version}/handbook.pdf", "en": f"/archive/{version}/en/handbook.pdf"}
        for path in links.values():
            assert (scenario.target / path.lstrip("/")).read_bytes().startswith(b"%PDF-")


def test_the_footer_of_every_page_names_the_version_in_force_and_links_to_the_versions_page(scenario):
    pages = sorted(scenario.site.rglob("index.html")) + [scenario.site / "404.html", scenario.site / "en" / "404.html"]
    assert len(pages) == 2 * len(TWO_LANGUAGES.keys) + 2
    for path in pages:
        address = SITE + path.relative_to(scenario.site).as_posix()
        language = "en" if address.startswith(SITE + "en/") else "nl"
        footer = html_facts.parse(path.read_text(encoding="utf-8")).find("p", cls="handbook-edition")
        assert footer.find(data_version_id=True).text == scenario.ids["B"], address
        link = footer.find("a", data_version=True)
        assert urljoin(address, link.attrs["href"]) == SITE + ROOTS[language] + "versies/", address


def test_the_review_only_commit_changed_only_last_reviewed_and_made_no_version(scenario):
    diff = git(scenario.project, "show", "--format=", "-U0", scenario.review)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert [line[:16] for line in changed] == ["-last_reviewed: ", "+last_reviewed: "] and changed[1] == f"+last_reviewed: {REVIEW_DAY}"
    steps = scenario.steps
    assert without_announcements(steps["review"].record) == without_announcements(steps["B"].record)
    pdfs = {step: {path: digest for path, digest in steps[step].archive.items() if path != "versions.json"} for step in ("B", "review")}
    assert pdfs["review"] == pdfs["B"]


def without_announcements(record: dict) -> dict:
    return {**record, "versions": [{**version, "announcement": None} for version in record["versions"]]}


def test_a_rollback_and_pruned_releases_leave_the_archive_as_it_was(scenario):
    steps, ids = scenario.steps, scenario.ids
    assert steps["rollback"].record == steps["review"].record
    assert steps["rollback"].archive == steps["review"].archive
    # --keep 2 pruned A's release long ago; its PDFs are still there, byte for byte.
    assert steps["A"].current not in steps["rollback"].releases and len(steps["rollback"].releases) == 2
    kept_a = {path: digest for path, digest in steps["rollback"].archive.items() if path.startswith(ids["A"] + "/")}
    assert kept_a == {path: digest for path, digest in steps["A"].archive.items() if path != "versions.json"}
    assert sorted(kept_a) == sorted([f"{ids['A']}/en/handbook.pdf", f"{ids['A']}/handbook.pdf", f"{ids['A']}/changes.css",
                                     *changes_pages(ids["A"]).values()])
    assert not [path for path in steps["rollback"].archive if path.startswith(".")]


def test_hostile_notes_show_as_text_on_the_versions_page_and_in_the_pdf(scenario):
    for language in ("nl", "en"):
        source = (scenario.site / ROOTS[language] / "versies" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in source and '<b>"vet"' not in source
    nl_pdf = " ".join(pdf_texts(scenario.site / "handbook.pdf"))
    en_pdf = " ".join(pdf_texts(scenario.site / "en" / "handbook.pdf"))
    assert NOTE_NL in nl_pdf
    assert NOTE_EN_START in en_pdf and NOTE_EN_END in en_pdf


# --- staff are told: the announcement after each publish ---------------------------------------


def test_staff_are_told_of_each_version_exactly_once_even_when_the_mail_server_was_down(scenario):
    steps = scenario.steps
    told = {name: ([message["Subject"] for message in step.mail], step.announced) for name, step in steps.items()}
    assert [(name, len(subjects), status) for name, (subjects, status) in told.items()] == [
        ("A", 1, 0), ("A again", 0, 0), ("skip history", 0, 0),
        ("B", 0, 1),  # the server is down: nothing sent, the step fails
        ("review", 1, 0),  # the next run sends B, once
        ("rollback", 0, 0),
    ], told
    assert "handbook.py announce: " + scenario.ids["B"] + ": not sent: the mail server cannot be reached" in steps["B"].output
    # The site was published all the same.
    assert steps["B"].status == 0 and steps["B"].current != steps["skip history"].current
    announced = {version["id"]: version["announcement"] for version in scenario.record["versions"]}
    for name, version_id in (("A", scenario.ids["A"]), ("review", scenario.ids["B"])):
        [message] = steps[name].mail
        assert announced[version_id]["to"] == [STAFF] and announced[version_id]["message_id"] == message["Message-ID"]
        assert message["To"] == STAFF and version_id in message.get_body(preferencelist=("plain",)).get_content()
    assert told["A"][0][0].startswith("Nieuwe versie van het handboek, geldig vanaf 24 november 2026 / ")
    assert told["review"][0][0].startswith("Nieuwe versie van het handboek, geldig vanaf 27 november 2026 / ")


def test_the_announcement_of_b_carries_both_notes_and_working_links(scenario):
    [message] = scenario.steps["review"].mail
    text, html = mail_parts(message)
    assert NOTE_NL in text and NOTE_EN_START in text and NOTE_EN_END in text
    assert "Vastgesteld door de directie" in text and "Instemming ondernemingsraad op 10 november 2026" in text
    links = {link.attrs["href"] for link in html.find_all("a")}
    expected = {SITE + path for path in ("", "en/", "werkplek/", "en/werkplek/", "versies/", "en/versies/")}
    assert expected <= links, links
    for link in expected:  # each leads to a page of the published site
        assert (scenario.site / link.removeprefix(SITE) / "index.html").is_file(), link
    assert not [element for element in html.iter() if element.tag in ("b", "script")]


def test_the_versions_page_says_when_each_version_was_announced(scenario):
    """The rollback serves B's release, built before B's announcement went out: A announced, B not yet."""
    rows = {row.attrs["data-version"]: row for row in scenario.html("versies").find_all("tr", data_version=True)}
    sent = dt.datetime.fromisoformat(scenario.record["versions"][0]["announcement"]["sent_at"])
    day = sent.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    announced = rows[scenario.ids["A"]].find("span", data_announced=True)
    assert announced.attrs["data-announced"] == sent.isoformat()
    assert announced.text == f"Aangekondigd op {day.day} {MONTHS[day.month - 1]} {day.year}"
    assert rows[scenario.ids["B"]].find("span", data_announced=True).text == "Nog niet aangekondigd"


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]


# --- failures: published into copies of the scenario's result ---------------------------------


@pytest.fixture
def copies(scenario, tmp_path) -> tuple[Path, Path]:
    """A copy of the scenario's repository and publish folder, to break."""
    project = tmp_path / "project"
    shutil.copytree(scenario.project, project, symlinks=True, ignore=shutil.ignore_patterns("site"))
    target = tmp_path / "www"
    shutil.copytree(scenario.target, target, symlinks=True)
    return project, target


def test_a_malformed_consent_date_fails_the_publish_naming_the_commit(copies, publish, run_build, capfd, monkeypatch):
    project, target = copies
    before = snapshot(target, 0, "")
    append(project / "docs" / "werkplek.md", "Een regel die nooit gold.")
    malformed = commit(project, "Regel toegevoegd\n\nApproved-by: de directie\nWorks-council-consent: 10-11-2026\n", "2026-12-01T09:00:00+01:00")
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-12-01")
    capfd.readouterr()
    status, printed = publish(project, target)
    assert status == 1
    out, err = capfd.readouterr()
    warning = f"commit {malformed[:7]}: Works-council-consent: '10-11-2026' is not a date; expected YYYY-MM-DD"
    assert warning in printed
    assert "Traceback" not in printed + out + err
    assert snapshot(target, 0, "") == before  # current, the releases, versions.json and the PDFs as they were
    # A preview, which works out the version the same way, says the same and publishes nothing.
    monkeypatch.setenv("HANDBOOK_SITE_URL", TEST_SITE_URL)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert handbook.main(["--config", str(project / "mkdocs.yml"), "preview", "--to", str(target), "--name", "pr-8"]) == 1
    assert warning in out.getvalue() and "Traceback" not in out.getvalue()
    assert not (target / "previews" / "pr-8").exists()
    # A build is no record: it reads no adoption, so an old bad date stops nothing.
    plain = run_build(project, "2026-12-01", env=READ_HISTORY)
    assert plain.returncode == 0 and "Works-council-consent" not in plain.log, plain.log


@pytest.mark.parametrize(("text", "problem"), [
    ('{"versions": [', "versions.json:1: not valid JSON (Expecting value)"),
    (None, "versions.json: versions[1].in_force_from: '27-11-2026' is not a date; expected YYYY-MM-DD"),
])
def test_a_broken_versions_json_stops_the_publish_naming_the_file_and_field(copies, publish, capfd, monkeypatch, text, problem):
    project, target = copies
    versions = target / "archive" / "versions.json"
    if text is None:
        record = json.loads(versions.read_text(encoding="utf-8"))
        record["versions"][1]["in_force_from"] = "27-11-2026"
        text = json.dumps(record)
    versions.write_text(text, encoding="utf-8")
    before = releases.current(target), releases.releases(target)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-12-01")
    capfd.readouterr()
    status, printed = publish(project, target)
    out, err = capfd.readouterr()
    assert status == 1
    assert printed == f"{target}: not published: {target / 'archive'}/{problem}; current still serves {before[0]}\n"
    assert out + err == ""  # no build was spent on it, and no traceback
    assert (releases.current(target), releases.releases(target)) == before
    assert versions.read_text(encoding="utf-8") == text


def test_a_preview_shows_the_version_its_change_would_make_and_keeps_nothing(copies, handbook_tool, monkeypatch):
    project, target = copies
    before = snapshot(target, 0, "")
    append(project / "docs" / "werkplek.md", "Een voorstel dat nog niet geldt.")
    proposal = commit(project, "Voorstel voor een nieuwe regel", "2026-12-01T09:00:00+01:00")
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-12-01")
    with contextlib.redirect_stdout(io.StringIO()):
        assert handbook_tool(project, "preview", "--to", str(target), "--name", "pr-9") == 0
    assert snapshot(target, 0, "") == before  # the archive, versions.json and current as they were
    page = html_facts.parse((target / "previews" / "pr-9" / "versies" / "index.html").read_text(encoding="utf-8"))
    rows = page.find("table").find_all("tr", data_version=True)
    assert [row.attrs["data-version"] for row in rows] == [f"2026-12-01-{proposal[:7]}", *(version["id"] for version in reversed(before.record["versions"]))]
    # Its own version links the preview's PDFs and its marked-up changes, at the preview's root: what a page owner
    # approving the change reads; the versions published link the archive's.
    preview = target / "previews" / "pr-9"
    links = {(row.attrs["data-version"], link.attrs["href"]) for row in rows for link in row.find_all("a", data_version_diff=True)}
    assert (f"2026-12-01-{proposal[:7]}", "../changes.html") in links
    assert all(href.startswith("../../../archive/") for version, href in links if version != f"2026-12-01-{proposal[:7]}")
    changes = html_facts.parse((preview / "changes.html").read_text(encoding="utf-8"))
    assert "Een voorstel dat nog niet geldt." in changes.find("ins").text
    english = html_facts.parse((preview / "en" / "changes.html").read_text(encoding="utf-8"))
    assert english.find("html").attrs["lang"] == "en"
