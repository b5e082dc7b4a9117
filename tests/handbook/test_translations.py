"""Every page that exists in more than one language states the same facts in each (numbers, periods, articles of
law, dates: handbook_engine.text_checks.page_facts) and has the same outline of headings."""

from __future__ import annotations

import pytest
from this_handbook import DOCS, KEYS, LANGUAGES, translations

from handbook_engine.text_checks import page_facts
from handbook_engine.text_checks.markdown_text import heading_levels

TRANSLATED = [key for key in KEYS if len(translations(key)) > 1]


def text(path: str) -> str:
    return (DOCS / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("key", TRANSLATED)
def test_every_translation_has_the_same_headings(key):
    files = translations(key)
    default = heading_levels(text(files[LANGUAGES.default])) if LANGUAGES.default in files else None
    for language, path in files.items():
        outline = heading_levels(text(path))
        assert default is None or outline == default, f"docs/{path}: heading levels {outline}, docs/{files[LANGUAGES.default]}: {default}"


@pytest.mark.parametrize("key", TRANSLATED)
def test_every_translation_states_the_same_facts(key, left_out):
    files = translations(key)
    known = {language: path for language, path in files.items() if language in page_facts.WORDS}
    for language in sorted(set(files) - set(known)):
        left_out.append(f"facts of docs/{files[language]}: not compared, page_facts knows no {language}")
    if len(known) < 2:
        return
    first, *others = sorted(known, key=lambda language: language != LANGUAGES.default)
    for other in others:
        only_first, only_other = page_facts.difference(page_facts.facts(text(known[first]), first), page_facts.facts(text(known[other]), other))
        assert (only_first, only_other) == ([], []), f"docs/{known[first]} states {only_first}, docs/{known[other]} {only_other}"
