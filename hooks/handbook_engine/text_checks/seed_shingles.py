"""Fingerprints of the seed articles, to prove the handbook copies no run of eight words from them.

The handbook was written from a few published articles (the "seeds"), which
live outside the repository and must not be committed. This script reduces
them to the hashes of every run of eight words (lower case, words only) and
writes those, one short hash a line, sorted, to docs/checks/seed-shingles.txt.
tests/test_content.py hashes every eight-word run of every page the same way
and fails on a match.

    python scripts/seed_shingles.py                          # seeds from ../shared/seeds/
    python scripts/seed_shingles.py --seeds DIR --output FILE
    python scripts/seed_shingles.py --check                  # exit 1 if the committed file is out of date

Run it again when a seed is added or changed, and commit the output.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from handbook_engine.text_checks.markdown_text import reader_text
from handbook_engine import REPOSITORY

ROOT = REPOSITORY
SEEDS = ROOT.parent / "shared" / "seeds"
OUTPUT = ROOT / "docs" / "checks" / "seed-shingles.txt"
RUN = 8
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`, lower case, without punctuation: "Foto's, video's!" -> foto s video s."""
    return WORD.findall(text.lower())


def fingerprint(run: Sequence[str]) -> str:
    """A short, stable hash of a run of words."""
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=6).hexdigest()


def runs(text: str, length: int = RUN) -> Iterator[tuple[str, ...]]:
    """Every run of `length` consecutive words in `text`."""
    found = words(text)
    for start in range(len(found) - length + 1):
        yield tuple(found[start:start + length])


def fingerprints(texts: Iterable[str]) -> set[str]:
    return {fingerprint(run) for text in texts for run in runs(text)}


def page_text(markdown: str) -> str:
    """A page's text as a reader sees it, front matter values included, Markdown syntax left out."""
    return reader_text(markdown)


def copied_runs(markdown: str, known: set[str]) -> list[str]:
    """The eight-word runs of a page whose fingerprint is among `known`, as text."""
    return [" ".join(run) for run in runs(page_text(markdown)) if fingerprint(run) in known]


def read_fingerprints(path: Path = OUTPUT) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def seed_fingerprints(seeds: Path) -> list[str]:
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{seeds}: no seed articles (*.txt)")
    return sorted(fingerprints(path.read_text(encoding="utf-8") for path in files))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seed_shingles.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the folder of seed articles (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the fingerprint file (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = parser.parse_args(argv)
    try:
        found = seed_fingerprints(args.seeds)
    except FileNotFoundError as error:
        print(f"seed_shingles: {error}", file=sys.stderr)
        return 2
    text = "".join(f"{line}\n" for line in found)
    if args.check:
        if not args.output.is_file() or args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output}: out of date; run scripts/seed_shingles.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(found)} fingerprints of {RUN}-word runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
