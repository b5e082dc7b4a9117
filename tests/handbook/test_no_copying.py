"""Nothing on any page copies eight words in a row from the sources the handbook was written from.

The sources live outside the repository; docs/checks/seed-shingles.txt holds the fingerprints of their
eight-word runs (scripts/seed_shingles.py makes it, with a digest of the sources it read and one of the
fingerprints), so this runs in every clone. `python scripts/seed_shingles.py --check` proves the file current
where the sources are at hand."""

from __future__ import annotations

import pytest
from this_handbook import CHECKS, DOCS, PAGES

from handbook_engine.text_checks import seed_shingles

FINGERPRINTS = CHECKS / "seed-shingles.txt"


def test_the_fingerprints_are_as_the_tool_made_them():
    if FINGERPRINTS.is_file():
        assert seed_shingles.problems(FINGERPRINTS.read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def known() -> set[str]:
    return seed_shingles.read_fingerprints(FINGERPRINTS) if FINGERPRINTS.is_file() else set()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_copies_eight_words_in_a_row_from_the_sources(known, path):
    copied = seed_shingles.copied_runs((DOCS / path).read_text(encoding="utf-8"), known)
    assert copied == [], f"docs/{path} copies from the sources: {copied}"
