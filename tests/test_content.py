"""The handbook's text: nothing copied from the seed articles, and both languages built alike.

The seed articles live outside the repository; docs/checks/seed-shingles.txt
holds the fingerprints of their eight-word runs (scripts/seed_shingles.py
makes it), so these tests run on a clean clone without the seeds.
"""

from __future__ import annotations

import re

import pytest
from conftest import LANGUAGES, ROOT

from handbook_engine.pages import front_matter
from handbook_engine.cli import handbook
from handbook_engine.text_checks import seed_shingles
from handbook_engine.text_checks import sentence_lengths
from handbook_engine.pages.handbook_pages import find

DOCS = ROOT / "docs"
PAGES = sorted(find(DOCS))
KEYS = sorted({LANGUAGES.split(path)[0] for path in PAGES})
SEED_FINGERPRINTS = seed_shingles.read_fingerprints()

# Invented for these tests; no seed says this.
SEED = "Wie op zondag de kraan van de regenton openzet, ziet het water langzaam in de tuin verdwijnen."
RUN = "de kraan van de regenton openzet ziet het"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_copies_eight_words_in_a_row_from_the_seed_articles(path):
    copied = seed_shingles.copied_runs((DOCS / path).read_text(encoding="utf-8"), SEED_FINGERPRINTS)
    assert copied == [], f"docs/{path} copies from the seed articles: {copied}"


@pytest.mark.parametrize(("page", "copied"), [
    ("Wie op zondag de kraan van de regenton openzet.", ["wie op zondag de kraan van de regenton", "op zondag de kraan van de regenton openzet"]),
    # Case, punctuation, line breaks, emphasis and links do not hide a copy.
    ("---\ntitle: Over water\n---\n**De KRAAN** van de\n[regenton](regenton.md), openzet: ziet het!", [RUN]),
    ("Ze zei: de kraan van de regenton openzet, ziet het water.", [RUN, "kraan van de regenton openzet ziet het water"]),
    # Seven words of the seed are not a copy; nor are eight with one word changed.
    ("de kraan van de regenton openzet ziet", []),
    ("de kraan van de regenton opendraait ziet het", []),
    # A link target is not text: [tekst](de-kraan-van-de-regenton-openzet-ziet-het.md)
    ("Zie [dit](de-kraan-van-de-regenton-openzet-ziet-het.md).", []),
])
def test_a_copied_run_is_found_however_it_is_written(page, copied):
    assert seed_shingles.copied_runs(page, seed_shingles.fingerprints([SEED])) == copied


def test_the_seed_fingerprints_are_a_sorted_list_of_short_hashes():
    lines = (ROOT / "docs" / "checks" / "seed-shingles.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1000
    assert lines == sorted(set(lines))
    assert all(re.fullmatch(r"[0-9a-f]{12}", line) for line in lines)


@pytest.mark.skipif(not seed_shingles.SEEDS.is_dir(), reason=f"the seed articles are not at {seed_shingles.SEEDS}")
def test_the_seed_fingerprints_match_the_seed_articles(capsys):
    assert seed_shingles.main(["--check"]) == 0, capsys.readouterr().err


# Headings: the same outline in every language.

HEADING = re.compile(r"(#{1,6})[ \t]+\S")
FENCE = re.compile(r"(`{3,}|~{3,})")


def heading_levels(markdown: str) -> list[int]:
    """The level of each ATX heading of a page body, in order; code blocks and front matter left out."""
    lines = markdown.splitlines()
    body = lines[front_matter.parse("".join(line + "\n" for line in lines)).body_line - 1:]
    levels, fence = [], None
    for line in body:
        stripped = line.strip()
        opening = FENCE.match(stripped)
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = HEADING.match(line)
        if match:
            levels.append(len(match.group(1)))
    return levels


@pytest.mark.parametrize(("markdown", "levels"), [
    ("---\ntitle: T\n---\n\n## Een\n\nTekst.\n\n### Twee {#twee}\n\n## Drie\n", [2, 3, 2]),
    ("---\ntitle: T\n---\n\n```sh\n# geen kop\n```\n\n~~~\n## ook geen kop\n~~~\n\n## Kop\n", [2]),
    ("---\ntitle: T\n---\n\n#geen kop\n    ## ingesprongen is code\n!!! tip \"Geen kop\"\n\n    Tekst.\n", []),
    ("---\ntitle: T\n---\n\n# Titel\n\n#### Diep\n", [1, 4]),
])
def test_heading_levels_read_only_real_headings(markdown, levels):
    assert heading_levels(markdown) == levels


@pytest.mark.parametrize("key", KEYS)
def test_every_page_has_both_languages_with_the_same_headings(key):
    outlines = {}
    for language in LANGUAGES.all:
        path = DOCS / LANGUAGES.join(key, language)
        assert path.is_file(), f"docs/{LANGUAGES.join(key, language)} is missing"
        outlines[language] = heading_levels(path.read_text(encoding="utf-8"))
    default = outlines[LANGUAGES.default]
    for language, outline in outlines.items():
        assert outline == default, f"docs/{LANGUAGES.join(key, language)}: heading levels {outline}, docs/{key}: {default}"


def test_the_parity_check_notices_a_missing_or_extra_heading():
    dutch = "---\ntitle: T\n---\n\n## Een\n\n## Twee\n\n### Drie\n"
    assert heading_levels(dutch) != heading_levels("---\ntitle: T\n---\n\n## One\n\n### Three\n")
    assert heading_levels(dutch) != heading_levels("---\ntitle: T\n---\n\n## One\n\n## Two\n\n## Three\n")
    assert heading_levels(dutch) == heading_levels("---\ntitle: T\n---\n\n## One\n\n## Two\n\n### Three\n")


# Sentence lengths (scripts/sentence_lengths.py): how the report on plain Dutch counts.

@pytest.mark.parametrize(("markdown", "expected"), [
    ("Eén zin. Nog een zin!\nEn een vraag?", ["Eén zin.", "Nog een zin!", "En een vraag?"]),
    # A colon or semicolon does not end a sentence; list items, headings and table cells stand alone.
    ("## Kop\n\nDit betekent: twee dingen; echt.\n\n- eerste punt;\n- tweede punt", ["Kop", "Dit betekent: twee dingen; echt.", "eerste punt;", "tweede punt"]),
    ("| Vraag | Antwoord |\n|---|---|\n| Klopt het? | |", ["Vraag", "Antwoord", "Klopt het?"]),
    # Link targets, attribute lists and code are not text; a link's own text is.
    ('Lees [Contact](contact.md). Zie `code hier` ook.\n\n## Vraag 1 {#vraag-1}', ["Lees Contact.", "Zie ook.", "Vraag 1"]),
    # A quotation or a question mark before the full stop still ends the sentence.
    ('Zeg: "Dit is mijn mening." Daarna niets. Loop [Mag ik dit posten?](x.md) Je kunt', ['Zeg: "Dit is mijn mening."', "Daarna niets.", "Loop Mag ik dit posten?", "Je kunt"]),
])
def test_sentences_are_split_as_a_reader_reads_them(markdown, expected):
    assert [" ".join(sentence.split()) for sentence in sentence_lengths.sentences(markdown)] == expected


@pytest.mark.parametrize(("sentence", "words"), [
    ("Zo'n AI-tool stuurt een e-mail naar HR.", 7),
    ("Bel 112, of 020-555 0100!", 5),
])
def test_words_are_runs_of_letters_and_digits(sentence, words):
    assert sentence_lengths.word_count(sentence) == words


def test_the_report_counts_long_sentences_per_page(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    matter = "---\ntitle: Een titel van heel veel woorden die niet meetelt\n---\n"
    (docs / "kort.md").write_text(matter + "Een korte zin. Nog een.\n", encoding="utf-8")
    (docs / "lang.md").write_text(matter + "Deze zin heeft zeven woorden en stopt hier. Kort.\n", encoding="utf-8")
    (docs / "lang.en.md").write_text(matter + "This one is English and is left out by default today.\n", encoding="utf-8")
    assert sentence_lengths.main(["--docs", str(docs), "--max", "6", "--show"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "page                             sentences   over 6  longest",
        "kort.md                                  2        0        3",
        "lang.md                                  2        1        8",
        "    (8) Deze zin heeft zeven woorden en stopt hier.",
        "all pages                                4        1",
    ]


def test_the_handbook_as_committed_passes_check(capsys):
    """What CI's check job runs: a page added without `make codeowners` fails here, not first in the pipeline."""
    assert handbook.main(["check"]) == 0, capsys.readouterr().out
