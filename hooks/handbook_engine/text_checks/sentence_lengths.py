"""Sentence lengths per page: how many sentences run over a number of words (15 by default).

Plain Dutch at taalniveau B1 keeps most sentences short. This prints, for each
page of one language, the number of sentences, how many have more than --max
words, and the longest; with --show, those sentences themselves.

How it counts: the page body without its front matter. Code, HTML tags,
link targets and attribute lists like {#vraag-1} are left out, as are
table rows that are only dividers. Every heading, list item, table cell and
line of a paragraph is read on its own, then split into sentences after
a '.', '!' or '?' that ends a word; a colon or semicolon does not end a
sentence. A word is a run of letters and digits ("zo'n", "e-mail" and
"AI-tools" count as one word each).

    python scripts/sentence_lengths.py                    # Dutch pages, over 15 words
    python scripts/sentence_lengths.py --language en --max 20 --show

The exit code is 0; it reports, it does not judge.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook_engine.pages import front_matter
from handbook_engine.pages.handbook_pages import find
from handbook_engine.cli.handbook_project import configured_languages
from handbook_engine.text_checks.markdown_text import reader_text
from handbook_engine import REPOSITORY

ROOT = REPOSITORY
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends at '.', '!' or '?' after a word or a closing quote or bracket, then white space.
SENTENCE_END = re.compile(r"(?<=[^\W_\"”’)][.!?])\s+|(?<=[^\W_][.!?][\"”’)])\s+|(?<=[\"”’)!?][.!?])\s+")
TABLE_DIVIDER = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
MARKUP = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+\.\s+|>\s?|!!!\s+\w+|\?\?\?\+?\s+\w+)")


def units(markdown: str) -> list[str]:
    """The body's headings, list items, table cells and paragraph lines, Markdown removed."""
    found = []
    for line in reader_text(markdown).splitlines():
        if TABLE_DIVIDER.match(line):
            continue
        line = MARKUP.sub(" ", line)
        cells = line.split("|") if "|" in line else [line]
        found += [cell.replace("*", " ").replace("[", " ").replace("]", " ").strip() for cell in cells]
    return [unit for unit in found if WORD.search(unit)]


def sentences(markdown: str) -> list[str]:
    """The sentences of a page body, each as it reads."""
    return [part.strip() for unit in units(markdown) for part in SENTENCE_END.split(unit) if WORD.search(part)]


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


@dataclass(frozen=True)
class PageCount:
    path: str
    sentences: int
    long: list[str]
    longest: int


def count(path: Path, limit: int) -> PageCount:
    text = path.read_text(encoding="utf-8")
    body = "".join(text.splitlines(keepends=True)[front_matter.parse(text).body_line - 1:])
    found = sentences(body)
    return PageCount(path.name, len(found), [s for s in found if word_count(s) > limit], max(map(word_count, found), default=0))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sentence_lengths.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the handbook's settings, for its languages (default: %(default)s)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="the pages (default: %(default)s)")
    parser.add_argument("--language", help="whose pages (default: the handbook's default language)")
    parser.add_argument("--max", type=int, default=15, help="report sentences with more words than this (default: %(default)s)")
    parser.add_argument("--show", action="store_true", help="print each long sentence under its page")
    args = parser.parse_args(argv)
    # Read here, not when the module is imported: importing it reads no handbook.
    languages = configured_languages(args.config)
    language = args.language or languages.default
    if language not in languages.all:
        parser.error(f"--language {language}: the handbook's languages are {', '.join(languages.all)}")
    pages = sorted(path for path in find(args.docs) if languages.split(path)[1] == language)
    print(f"{'page':<32} {'sentences':>9} {f'over {args.max}':>8} {'longest':>8}")
    total = long = 0
    for path in pages:
        result = count(args.docs / path, args.max)
        total += result.sentences
        long += len(result.long)
        print(f"{path:<32} {result.sentences:>9} {len(result.long):>8} {result.longest:>8}")
        if args.show:
            for sentence in result.long:
                print(f"    ({word_count(sentence)}) {sentence}")
    print(f"{'all pages':<32} {total:>9} {long:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
