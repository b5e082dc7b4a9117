"""Fingerprints of the seed articles, to prove the handbook copies no run of eight words from them.

The handbook was written from a few published articles (the "seeds"), which
live outside the repository and must not be committed. This script reduces
them to the hashes of every run of eight words (lower case, words only) and
writes those, one short hash a line, sorted, to docs/checks/seed-shingles.txt,
under a header that records a digest of the sources it read and one of the
fingerprints themselves. The handbook's own check (tests/handbook/test_no_copying.py)
hashes every eight-word run of every page the same way and fails on a match; in
every clone it also checks the file against its own fingerprint digest, so that
a fingerprint deleted by hand is noticed. Where the sources are at hand, --check
proves the file current: made from exactly these sources.

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
    return set(fingerprint_lines(path.read_text(encoding="utf-8")))


def fingerprint_lines(text: str) -> list[str]:
    """The fingerprint file's fingerprints, in their order (its header's lines start with '#')."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def digest(parts: Iterable[bytes]) -> str:
    return "sha256:" + hashlib.sha256(b"".join(len(part).to_bytes(8, "big") + part for part in parts)).hexdigest()


def sources_digest(files: Sequence[Path]) -> str:
    """One digest of the sources' names and bytes: another source, or a changed one, gives another."""
    return digest(part for path in files for part in (path.name.encode("utf-8"), path.read_bytes()))


def fingerprints_digest(lines: Iterable[str]) -> str:
    return digest(line.encode("ascii") for line in lines)


HEADER = ("# Fingerprints of every {run}-word run of the handbook's sources, made by scripts/seed_shingles.py;\n"
          "# do not edit by hand: run it again where the sources are (see its --help).\n")
SOURCES = "# sources: {digest} ({count} files)\n"
FINGERPRINTS = "# fingerprints: {digest}\n"


def fingerprint_file(seeds: Path) -> tuple[str, int]:
    """The fingerprint file the sources in `seeds` make, and how many fingerprints it holds."""
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{seeds}: no seed articles (*.txt)")
    found = sorted(fingerprints(path.read_text(encoding="utf-8") for path in files))
    header = (HEADER.format(run=RUN) + SOURCES.format(digest=sources_digest(files), count=len(files))
              + FINGERPRINTS.format(digest=fingerprints_digest(found)))
    return header + "".join(f"{line}\n" for line in found), len(found)


def problems(text: str) -> list[str]:
    """What is wrong with a fingerprint file as committed, without its sources: a missing header, a line that is no
    fingerprint, an order or a repetition the tool never writes, fingerprints that differ from those it recorded. An
    empty file is a handbook written from no sources yet (`make init` starts it so): nothing to check against."""
    if not text.strip():
        return []
    lines = fingerprint_lines(text)
    found = [f"line {number}: {line!r} is no fingerprint (12 hexadecimal digits)"
             for number, line in enumerate(lines, start=1) if not re.fullmatch(r"[0-9a-f]{12}", line)]
    if lines != sorted(set(lines)):
        found.append("the fingerprints are not sorted, or one is there twice")
    recorded = re.search(r"^# fingerprints: (sha256:[0-9a-f]{64})$", text, re.MULTILINE)
    if not recorded or not re.search(r"^# sources: sha256:[0-9a-f]{64} \(\d+ files\)$", text, re.MULTILINE):
        found.append("no '# sources:' and '# fingerprints:' lines: make the file with scripts/seed_shingles.py")
    elif recorded[1] != fingerprints_digest(lines):
        found.append("the fingerprints differ from the ones the tool recorded: one was added, changed or deleted by hand")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seed_shingles.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the folder of seed articles (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the fingerprint file (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = parser.parse_args(argv)
    try:
        text, count = fingerprint_file(args.seeds)
    except FileNotFoundError as error:
        print(f"seed_shingles: {error}", file=sys.stderr)
        return 2
    if args.check:
        if not args.output.is_file() or args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output}: out of date: not made from the sources in {args.seeds}; run scripts/seed_shingles.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {count} fingerprints of {RUN}-word runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
