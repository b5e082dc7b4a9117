"""Splitting static-i18n's combined search index; Dutch spelling variants, stop words and keywords."""

from __future__ import annotations

import json
import re

import pytest

from handbook_engine.languages.page_languages import Languages
from handbook_engine.search import search_index

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


# Questions, not keywords: stop words out of the index and the query, front matter keywords in.

@pytest.mark.parametrize(("language", "text", "tokens"), [
    ("nl", "Mag ik een foto van een collega plaatsen?", ["foto", "collega", "plaatsen?"]),
    # Whole words only, in any case: 'dertig' is not 'de', "zo'n" is not 'zo', 'Ik' and 'DE' are 'ik' and 'de'.
    ("nl", "Ik zei: DE dertig zo'n Denk", ["zei:", "dertig", "zo'n", "Denk"]),
    ("nl", "wat doe ik als een journalist mij benadert", ["journalist", "benadert"]),
    ("nl", "Stuur een e-mail of bel 112", ["Stuur", "mail", "bel", "112"]),
    ("en", "Can I be fired for a post?", ["fired", "post?"]),
    ("en", "It's an AI-tool, isn't it", ["It's", "AI", "tool,", "isn't"]),
])
def test_the_separator_leaves_out_stop_words_as_whole_words(language, text, tokens):
    separator = search_index.stop_word_separator("[\\s\\-]+", search_index.STOP_WORDS[language])
    # Material splits index text and queries with this separator (as a JavaScript
    # RegExp); Python reads this one the same way.
    assert [token for token in re.split(separator, text) if token] == tokens


def test_no_stop_words_no_change():
    assert search_index.stop_word_separator("[\\s\\-]+", []) == "[\\s\\-]+"


@pytest.mark.parametrize(("value", "text"), [
    ("journalist, pers,  media ", "journalist pers media"),
    (["uit dienst", "vertrek", 3, None, "  "], "uit dienst vertrek"),
    ("", ""),
    (None, ""),
    (42, ""),
    ({"nl": "pers"}, ""),
])
def test_keywords_text_reads_a_list_or_a_text_with_commas(value, text):
    assert search_index.keywords_text(value) == text


def test_split_gives_each_page_entry_its_keywords_and_each_language_its_stop_words():
    combined = {"config": CONFIG, "docs": [
        doc("", "Welkom"), doc("regels/", "Regels"), doc("regels/#kort", "Kort"),
        doc("en/", "Welcome"), doc("en/regels/", "Rules"), doc("en/regels/#short", "Short"),
    ]}
    indexes = search_index.split(combined, LANGUAGES, {"regels/": "afspraken", "en/regels/": "", "en/": "home"})
    assert [(d["location"], d.get("keywords")) for d in indexes["nl"]["docs"]] == [("", None), ("regels/", "afspraken"), ("regels/#kort", None)]
    assert [(d["location"], d.get("keywords")) for d in indexes["en"]["docs"]] == [("", "home"), ("regels/", None), ("regels/#short", None)]
    for language, indexed in indexes.items():
        assert indexed["config"]["fields"]["keywords"] == {"boost": search_index.KEYWORDS_BOOST}
        assert indexed["config"]["separator"] == search_index.stop_word_separator(CONFIG["separator"], search_index.STOP_WORDS[language])
    assert "keywords" not in search_index.split(combined, LANGUAGES)["nl"]["config"]["fields"]


@pytest.mark.parametrize(("language", "location", "keyword"), [("nl", "werkplek/", "bureaustoel"), ("en", "werkplek/", "monitor")])
def test_the_built_index_carries_the_pages_keywords(fixture_site, language, location, keyword):
    """In the two-language fixture, whose page werkplek.md has keywords in both languages."""
    folder = fixture_site.site if language == LANGUAGES.default else fixture_site.site / language
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    assert keyword in entries[location]["keywords"].split()
    assert not any("keywords" in entry for entry in index["docs"] if "#" in entry["location"])
    assert index["config"]["fields"]["keywords"]["boost"] == search_index.KEYWORDS_BOOST
    question = "mag ik" if language == "nl" else "can I"
    assert [token for token in re.split(index["config"]["separator"], question) if token] == []
