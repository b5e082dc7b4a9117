"""The contact channels: checked at the start of a build, drawn on the contact page in every language, escaped."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURE_DATE, small_handbook

from handbook_engine.settings import contact_channels
from handbook_testing import html_facts

CONTACT = "template: contact.html\n"
PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-11-01"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-11-01"},
    "index.de.md": {"title": "Willkommen", "last_reviewed": "2026-11-01"},
    "contact.md": {"title": "Contact", "last_reviewed": "2026-11-01", "extra": CONTACT, "body": "Wie je bereikt.\n"},
    "contact.en.md": {"title": "Contact", "last_reviewed": "2026-11-01", "extra": CONTACT, "body": "Who to contact.\n"},
    "contact.de.md": {"title": "Kontakt", "last_reviewed": "2026-11-01", "extra": CONTACT, "body": "Ansprechpartner.\n"},
}
# A company's own channels, among them values that must not reach the page as HTML. The phone numbers reach
# nobody: one from a range the UK keeps for drama (Ofcom), and a placeholder that cannot be dialled.
CHANNELS = [
    {"name": {"nl": "Juridische zaken", "en": "Legal"}, "for": {"nl": "Rechtszaken", "en": "Court cases"},
     "email": "legal@example.org", "phone": "+44 113 496 0000"},
    {"name": "Team <script>alert(1)</script>", "for": {"nl": 'Alles over "pers" & crisis', "en": 'Press "and" crisis & more'},
     "email": 'a"b@example.org', "phone": '0"><img src=x onerror=alert(1)>'},
    {"name": {"nl": "Alleen Nederlands"}, "for": {"nl": "Geen vertaling"}, "phone": "+31 6 xxxx xxxx"},
]


def configure(project, channels, languages=("de",)) -> None:
    """Give the fixture's mkdocs.yml these channels, and more languages besides Dutch and English."""
    path = project / "mkdocs.yml"
    config = path.read_text(encoding="utf-8")
    config, replaced = re.subn(r"\n  contacts:\n(?:    .*\n)+", f"\n  contacts: {json.dumps(channels)}\n", config)
    assert replaced == 1
    extra = "".join(f"      - locale: {language}\n        name: {language}\n        build: true\n" for language in languages)
    config = config.replace("\nnav:\n", f"\n{extra}\nnav:\n", 1)
    path.write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory, run_build):
    project = small_handbook(tmp_path_factory.mktemp("contacts"), PAGES, nav=["index.md", "contact.md"])
    configure(project, CHANNELS)
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode == 0, build.log
    return build


def channels(site, url: str) -> list[dict]:
    """Each channel on the page at `url`: its heading and its fields, as the reader sees them."""
    section = html_facts.parse(site.html(url)).find("section", cls="handbook-contacts")
    found = []
    for block in section.find_all("div", cls="handbook-contact"):
        terms = [term.text for term in block.find_all("dt")]
        found.append({"name": block.find("h3").text, **dict(zip(terms, (value.text for value in block.find_all("dd"))))})
    return found


@pytest.mark.parametrize(("url", "title", "expected"), [
    ("contact/", "Contactgegevens", [
        {"name": "Juridische zaken", "Waarvoor": "Rechtszaken", "E-mail": "legal@example.org", "Telefoon": "+44 113 496 0000"},
        {"name": "Team <script>alert(1)</script>", "Waarvoor": 'Alles over "pers" & crisis', "E-mail": 'a"b@example.org',
         "Telefoon": '0"><img src=x onerror=alert(1)>'},
        {"name": "Alleen Nederlands", "Waarvoor": "Geen vertaling", "Telefoon": "+31 6 xxxx xxxx"},
    ]),
    ("en/contact/", "Contact details", [
        {"name": "Legal", "For": "Court cases", "Email": "legal@example.org", "Phone": "+44 113 496 0000"},
        {"name": "Team <script>alert(1)</script>", "For": 'Press "and" crisis & more', "Email": 'a"b@example.org',
         "Phone": '0"><img src=x onerror=alert(1)>'},
        {"name": "Alleen Nederlands", "For": "Geen vertaling", "Phone": "+31 6 xxxx xxxx"},
    ]),
    # A language with neither labels nor texts of its own falls back to English, then to the first text given.
    ("de/contact/", "Contact details", [
        {"name": "Legal", "For": "Court cases", "Email": "legal@example.org", "Phone": "+44 113 496 0000"},
        {"name": "Team <script>alert(1)</script>", "For": 'Press "and" crisis & more', "Email": 'a"b@example.org',
         "Phone": '0"><img src=x onerror=alert(1)>'},
        {"name": "Alleen Nederlands", "For": "Geen vertaling", "Phone": "+31 6 xxxx xxxx"},
    ]),
])
def test_the_contact_page_shows_every_channel_in_the_readers_language(site, url, title, expected):
    page = html_facts.parse(site.html(url))
    assert page.find("section", cls="handbook-contacts").find("h2").text == title
    assert channels(site, url) == expected


@pytest.mark.parametrize("url", ["contact/", "en/contact/", "de/contact/"])
def test_configured_values_are_escaped(site, url):
    html = site.html(url)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "Team &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="mailto:a&#34;b@example.org"' in html
    assert "0&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp; crisis" in html or "&amp; more" in html
    links = html_facts.parse(html).find("section", cls="handbook-contacts").find_all("a")
    # A phone number gets a tel: link only when a phone can dial it: not the hostile value, not the placeholder.
    assert [link.attrs["href"] for link in links] == ["mailto:legal@example.org", "tel:+441134960000", 'mailto:a"b@example.org']


def test_a_mistake_in_the_channels_stops_the_build(tmp_path, run_build):
    project = small_handbook(tmp_path, {key: value for key, value in PAGES.items() if ".de." not in key}, nav=["index.md", "contact.md"])
    configure(project, [{"name": "HR", "mail": "hr@example.org"}], languages=())
    build = run_build(project, FIXTURE_DATE)
    assert build.returncode != 0
    assert "extra.contacts[1]: unknown key 'mail'; expected one of name, for, email, phone" in build.log
    assert "extra.contacts[1]: no email or phone; expected at least one of the two" in build.log


@pytest.mark.parametrize(("value", "expected"), [
    (None, []),
    ([], []),
    ([{"name": "HR", "email": "hr@example.org"}], []),
    ([{"name": {"nl": "Juridisch", "en": "Legal"}, "for": {"en": "Disputes"}, "phone": "+31 20 xxx xxxx"}], []),
    ({"name": "HR"}, ["extra.contacts: expected a list of contacts, each with a name and an email or phone"]),
    (["HR"], ["extra.contacts[1]: expected the keys name, for, email, phone"]),
    ([{"email": "hr@example.org"}], ["extra.contacts[1].name: missing; expected the channel's name, like 'name: HR'"]),
    ([{"name": "HR", "mail": "hr@example.org"}], [
        "extra.contacts[1]: unknown key 'mail'; expected one of name, for, email, phone",
        "extra.contacts[1]: no email or phone; expected at least one of the two",
    ]),
    # YAML reads 0205550100 as a number: the leading zero would be lost.
    ([{"name": "HR", "phone": 205550100}], ['extra.contacts[1].phone: expected a text in quotes, like phone: "+31 20 xxx xxxx"']),
    ([{"name": "HR", "email": ""}], ['extra.contacts[1].email: expected a text in quotes, like email: "hr@example.com"']),
    ([{"name": {}, "email": "a@b"}, {"name": "IT", "for": {"nl": 3}, "email": "c@d"}], [
        "extra.contacts[1].name: expected a text, or one text per language like {nl: ..., en: ...}",
        "extra.contacts[2].for: expected a text, or one text per language like {nl: ..., en: ...}",
    ]),
])
def test_problems_names_the_entry_and_the_field(value, expected):
    assert [str(problem) for problem in contact_channels.problems(value)] == expected


@pytest.mark.parametrize(("phone", "expected"), [
    ("+44 113 496 0000", "tel:+441134960000"),
    ("(0113) 496-0000", "tel:01134960000"),
    ("0113.496.0000", "tel:01134960000"),
    # Placeholders: some phones would dial their letters as the digits of the keys.
    ("+31 20 xxx xxxx", None),
    ("+31 6 xxxx xxxx", None),
    ("0800-FLOWERS", None),
    ('0"><img src=x>', None),
    ("", None),
    (None, None),
])
def test_only_a_number_a_phone_can_dial_gets_a_link(phone, expected):
    assert contact_channels.dial_uri(phone) == expected
