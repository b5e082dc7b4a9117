"""The engine's texts name no organisation and no topic: the handbook's name and its first owner fill their placeholders."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from handbook_engine.settings import labels
from handbook_engine.settings.owners import Owner
from handbook_engine.yaml_source import SourceError

OWNERS = (Owner("P&O", "po@example.org", "@example/po", (("en", "HR"),)), Owner("IT", "it@example.org", "@example/it"))


def test_the_placeholders_take_each_languages_site_name_and_the_first_owners_name_in_it():
    texts = labels.Labels({"en": {"intro": "A new version of {site_name}. Questions? Ask {general_owner}."},
                           "nl": {"intro": "Een nieuwe versie van {site_name}. Vragen? Stel ze aan {general_owner}."}})
    filled = texts.filled({"nl": "Handboek Thuiswerken", "en": "Working from home handbook"}, OWNERS)
    assert filled.text("intro", "nl") == "Een nieuwe versie van Handboek Thuiswerken. Vragen? Stel ze aan P&O."
    assert filled.text("intro", "en") == "A new version of Working from home handbook. Questions? Ask HR."
    assert filled.markup("intro", "nl") == "Een nieuwe versie van Handboek Thuiswerken. Vragen? Stel ze aan P&amp;O."


def test_a_text_naming_an_unknown_placeholder_is_an_error_with_its_line(tmp_path):
    (tmp_path / "en.yml").write_text("owner: owner\nask_fallback: \"{organisation}\"\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        labels.load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'en.yml'}:2: ask_fallback: {{organisation}} is not a placeholder; expected {{site_name}} or {{general_owner}}"


# Words of this repository's own handbook (its topic, its owners and contacts) that an engine text must not hold.
ORGANISATION_WORDS = re.compile(r"social|\bHR\b|communicati|intimidatie|harassment|thuiswerk|example\.(com|org)", re.IGNORECASE)


@pytest.mark.parametrize("language", sorted(path.stem for path in (ROOT / "overrides" / labels.FOLDER).glob("*.yml")))
def test_the_engines_texts_name_no_organisation_or_topic(language):
    texts = labels.load(ROOT / "overrides" / labels.FOLDER).texts[language]
    assert {key: text for key, text in texts.items() if ORGANISATION_WORDS.search(text)} == {}
