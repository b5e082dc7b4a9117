"""Splitting static-i18n's combined search index, and the Dutch spelling variants."""

from __future__ import annotations

import pytest

import search_index
from handbook_pages import Languages

LANGUAGES = Languages("nl", ("en",))
CONFIG = {"lang": ["nl", "en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}


def doc(location: str, title: str, text: str = "") -> dict:
    return {"location": location, "title": title, "text": text}


def test_split_gives_each_language_its_own_pages_and_stemmer():
    combined = {"config": CONFIG, "docs": [
        doc("", "Welkom"), doc("regels/", "Regels", "<p>De regels.</p>"), doc("regels/#kort", "Kort"),
        doc("en/", "Welcome"), doc("en/regels/", "Rules"), doc("en/regels/#short", "Short"),
        doc("regels/", "Regels", "<p>De regels.</p>"),  # repeated by a rebuild during `serve`
    ]}
    indexes = search_index.split(combined, LANGUAGES)
    assert [(d["location"], d["title"]) for d in indexes["nl"]["docs"]] == [("", "Welkom"), ("regels/", "Regels"), ("regels/#kort", "Kort")]
    assert [(d["location"], d["title"]) for d in indexes["en"]["docs"]] == [("", "Welcome"), ("regels/", "Rules"), ("regels/#short", "Short")]
    assert indexes["nl"]["config"]["lang"] == ["nl"] and indexes["en"]["config"]["lang"] == ["en"]
    assert "variants" in indexes["nl"]["config"]["fields"] and "variants" not in indexes["en"]["config"]["fields"]
    assert combined["docs"][1] == doc("regels/", "Regels", "<p>De regels.</p>"), "the input is left as it was"


@pytest.mark.parametrize(("text", "expected"), [
    ("Voordelen", "voordeel"),
    ("<p>We beoordelen de <strong>grote</strong> bomen</p>", "beoordeel boom groot"),
    ("werken richtlijnen vertrouwelijke gebruiken regels de", ""),
])
def test_dutch_variants_add_the_closed_syllable_form(text, expected):
    assert search_index.dutch_variants(text) == expected


def test_merge_puts_a_rebuilt_pages_entries_in_place_of_its_old_ones():
    previous = [doc("", "Welkom"), doc("regels/", "Regels", "oud"), doc("regels/#kort", "Kort"), doc("regels-extra/", "Extra"),
                doc("en/", "Welcome"), doc("en/regels/", "Rules")]
    fresh = [doc("regels/", "Regels", "nieuw"), doc("regels/#lang", "Lang"), doc("en/regels/", "Rules", "new")]
    merged = search_index.merge(previous, fresh, {"regels/", "en/regels/"})
    assert merged == [doc("", "Welkom"), doc("regels/", "Regels", "nieuw"), doc("regels/#lang", "Lang"), doc("regels-extra/", "Extra"),
                      doc("en/", "Welcome"), doc("en/regels/", "Rules", "new")]


def test_merge_of_the_home_page_keeps_every_other_page():
    previous = [doc("", "Welkom", "oud"), doc("", "Welkom", "oud"), doc("regels/", "Regels"), doc("en/", "Welcome")]
    assert search_index.merge(previous, [doc("", "Welkom", "nieuw")], {""}) == [doc("", "Welkom", "nieuw"), doc("regels/", "Regels"), doc("en/", "Welcome")]


def test_merge_drops_a_rebuilt_page_that_no_longer_has_entries_and_adds_a_new_one():
    previous = [doc("", "Welkom"), doc("geheim/", "Geheim")]
    merged = search_index.merge(previous, [doc("nieuw/", "Nieuw")], {"geheim/", "nieuw/"})
    assert merged == [doc("", "Welkom"), doc("nieuw/", "Nieuw")]
