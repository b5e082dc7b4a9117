"""The engine's texts name no organisation and no topic: the handbook's name and its first owner fill their placeholders."""

from __future__ import annotations

import re

import pytest
from conftest import GIT_ENV, ROOT

from handbook_engine.settings import labels
from handbook_engine.settings.owners import Owner
from handbook_engine.yaml_source import Errors
from handbook_testing.started_handbook import started

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
    with pytest.raises(Errors) as caught:  # every problem of the label files at once; here, one
        labels.load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'en.yml'}:2: ask_fallback: {{organisation}} is not a placeholder; expected {{site_name}} or {{general_owner}}"


# Words of this repository's own handbook (its topic, its owners and contacts) that an engine text must not hold.
ORGANISATION_WORDS = re.compile(r"social|\bHR\b|communicati|intimidatie|harassment|thuiswerk|example\.(com|org)", re.IGNORECASE)


@pytest.mark.parametrize("language", sorted(path.stem for path in (ROOT / "overrides" / labels.FOLDER).glob("*.yml")))
def test_the_engines_texts_name_no_organisation_or_topic(language):
    texts = labels.load(ROOT / "overrides" / labels.FOLDER).texts[language]
    assert {key: text for key, text in texts.items() if ORGANISATION_WORDS.search(text)} == {}


def test_a_build_fills_each_languages_site_name_into_the_texts(tmp_path, monkeypatch, run_build):
    """static-i18n sets a language's own site name during its pass: the texts of that pass take it."""
    for key, value in {**GIT_ENV, "HANDBOOK_TODAY": "2026-11-21"}.items():
        monkeypatch.setenv(key, value)
    project = started(tmp_path / "handbook", "--name", "Handboek Thuiswerken", "--languages", "nl,en")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('        site_name: "Handboek Thuiswerken"', "        site_name: Working from home handbook"),
                      encoding="utf-8")
    for language, text in (("nl", "Naar de startpagina van {site_name}"), ("en", "Go to the home page of {site_name}")):
        path = project / "overrides" / labels.FOLDER / f"{language}.yml"
        path.write_text(re.sub(r"(?m)^not_found_home: .*$", f"not_found_home: {text}", path.read_text(encoding="utf-8")), encoding="utf-8")
    build = run_build(project, "2026-11-21")
    assert build.returncode == 0, build.log
    assert "Naar de startpagina van Handboek Thuiswerken" in (build.site / "404.html").read_text(encoding="utf-8")
    assert "Go to the home page of Working from home handbook" in (build.site / "en" / "404.html").read_text(encoding="utf-8")
