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
