"""The checks of a handbook's text, as tools (handbook_engine.text_checks), on texts written here: nothing copied from
its sources (the fingerprints and the tool that makes them), the outline of headings its translations share,
and sentence lengths. The handbook's own text is checked by tests/handbook/."""

from __future__ import annotations

import pytest

from handbook_engine.text_checks import seed_shingles
from handbook_engine.text_checks import sentence_lengths
from handbook_engine.text_checks.markdown_text import heading_levels

# Invented for these tests; no seed says this.
SEED = "Wie op zondag de kraan van de regenton openzet, ziet het water langzaam in de tuin verdwijnen."
RUN = "de kraan van de regenton openzet ziet het"


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


@pytest.fixture
def sources(tmp_path):
    """Two source articles in a folder of their own, and where their fingerprint file goes."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001.txt").write_text(SEED + "\n", encoding="utf-8")
    (seeds / "002.txt").write_text("Een tweede bron met genoeg woorden om twee runs van acht woorden te maken.\n", encoding="utf-8")
    return seeds, tmp_path / "seed-shingles.txt"


def make(seeds, output, *options: str) -> int:
    return seed_shingles.main(["--seeds", str(seeds), "--output", str(output), *options])


def test_the_fingerprint_file_records_its_sources_and_check_proves_it_current(sources, capsys):
    seeds, output = sources
    assert make(seeds, output) == 0
    text = output.read_text(encoding="utf-8")
    assert seed_shingles.problems(text) == []
    assert seed_shingles.read_fingerprints(output) == seed_shingles.fingerprints([SEED, (seeds / "002.txt").read_text(encoding="utf-8")])
    assert "# sources: sha256:" in text and "(2 files)" in text
    assert make(seeds, output, "--check") == 0
    # Another source, or a changed one, and the committed file is no longer the one they make.
    (seeds / "002.txt").write_text("Een tweede bron met genoeg woorden om twee runs van acht woorden te schrijven.\n", encoding="utf-8")
    capsys.readouterr()
    assert make(seeds, output, "--check") == 1
    assert capsys.readouterr().err == f"{output}: out of date: not made from the sources in {seeds}; run scripts/seed_shingles.py\n"
    assert output.read_text(encoding="utf-8") == text


def test_an_empty_fingerprint_file_is_a_handbook_without_sources_yet():
    """make init starts a handbook with an empty file: its own checks pass until it has sources to make it from."""
    assert seed_shingles.problems("") == []
    assert seed_shingles.problems("\n") == []


def test_without_sources_check_says_where_it_looked(tmp_path, capsys):
    assert make(tmp_path / "nowhere", tmp_path / "out.txt", "--check") == 2
    assert capsys.readouterr().err == f"seed_shingles: {tmp_path / 'nowhere'}: no seed articles (*.txt)\n"


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda lines: [line for line in lines if line != lines[-1]], "the fingerprints differ from the ones the tool recorded"),
    (lambda lines: lines + ["0123456789ab"], "the fingerprints differ from the ones the tool recorded"),
    (lambda lines: lines[:4] + list(reversed(lines[4:])), "the fingerprints are not sorted, or one is there twice"),
    (lambda lines: lines + ["niet-een-hash"], "line "),
    (lambda lines: [line for line in lines if not line.startswith("# fingerprints")], "no '# sources:' and '# fingerprints:' lines"),
], ids=["one deleted", "one added", "out of order", "not a fingerprint", "no header"])
def test_a_fingerprint_file_changed_by_hand_is_noticed_without_its_sources(sources, edit, problem):
    seeds, output = sources
    make(seeds, output)
    lines = output.read_text(encoding="utf-8").splitlines()
    found = seed_shingles.problems("\n".join(edit(lines)) + "\n")
    assert any(line.startswith(problem) for line in found), found


# Headings: the same outline in every language.

@pytest.mark.parametrize(("markdown", "levels"), [
    ("---\ntitle: T\n---\n\n## Een\n\nTekst.\n\n### Twee {#twee}\n\n## Drie\n", [2, 3, 2]),
    ("---\ntitle: T\n---\n\n```sh\n# geen kop\n```\n\n~~~\n## ook geen kop\n~~~\n\n## Kop\n", [2]),
    ("---\ntitle: T\n---\n\n#geen kop\n    ## ingesprongen is code\n!!! tip \"Geen kop\"\n\n    Tekst.\n", []),
    ("---\ntitle: T\n---\n\n# Titel\n\n#### Diep\n", [1, 4]),
])
def test_heading_levels_read_only_real_headings(markdown, levels):
    assert heading_levels(markdown) == levels


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
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  i18n:\n    languages:\n      - {locale: nl, default: true}\n      - {locale: en}\n",
                                         encoding="utf-8")
    assert sentence_lengths.main(["--config", str(tmp_path / "mkdocs.yml"), "--docs", str(docs), "--max", "6", "--show"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "page                             sentences   over 6  longest",
        "kort.md                                  2        0        3",
        "lang.md                                  2        1        8",
        "    (8) Deze zin heeft zeven woorden en stopt hier.",
        "all pages                                4        1",
    ]
