"""A synthetic handbook for the benchmarks (scripts/benchmark.py): N pages of about 600 words per
language with valid review front matter, in nav sections of a few dozen pages, with the settings of the
engine's two-language fixture handbook (tests/fixtures/two-languages) and a copy of the engine; and, for
the page history's cost, a Git history of many commits."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from handbook_testing.fixture_handbooks import TWO_LANGUAGES, materialise

ROOT = Path(__file__).resolve().parents[2]
SECTION_SIZE = 30
WORDS_PER_PAGE = 600
TODAY = "2026-11-21"
DUTCH_WORDS = ("medewerker organisatie bericht beleid richtlijn vertrouwelijk klant collega platform reputatie "
               "privacy netwerk pauze leidinggevende afspraak voorbeeld informatie training melding reactie").split()
ENGLISH_WORDS = ("employee organisation post policy guideline confidential client colleague platform reputation "
                 "privacy network break manager agreement example information training report response").split()


def page_text(words: Sequence[str], rng: random.Random) -> str:
    """About 600 words in paragraphs under a few headings."""
    parts = []
    for section in range(4):
        parts.append(f"## {rng.choice(words).capitalize()} {section + 1}\n")
        for _ in range(3):
            sentence_count = WORDS_PER_PAGE // (4 * 3 * 10)
            sentences = [" ".join(rng.choice(words) for _ in range(10)).capitalize() + "." for _ in range(sentence_count)]
            parts.append(" ".join(sentences) + "\n")
    return "\n".join(parts)


def page_key(number: int) -> str:
    return "index" if number == 0 else f"sectie-{number // SECTION_SIZE:03d}/pagina-{number:04d}"


def synthetic_handbook(target: Path, pages: int, *, hooks: bool) -> Path:
    """The two-language fixture's settings and a copy of the engine, with `pages` pages per language."""
    materialise(target, TWO_LANGUAGES, docs=False, engine="copy")
    docs = target / "docs"
    docs.mkdir()
    rng = random.Random(pages)
    sections: dict[int, list[str]] = {}
    for number in range(pages):
        key = page_key(number)
        (docs / key).parent.mkdir(parents=True, exist_ok=True)
        reviewed = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        for suffix, words, title in ((".md", DUTCH_WORDS, f"Pagina {number}"), (".en.md", ENGLISH_WORDS, f"Page {number}")):
            front = f"---\ntitle: {title}\ndescription: {title} van het handboek.\nowner: {TWO_LANGUAGES.owners[0]}\nlast_reviewed: {reviewed}\n---\n\n"
            (docs / f"{key}{suffix}").write_text(front + page_text(words, rng), encoding="utf-8")
        if number:
            sections.setdefault(number // SECTION_SIZE, []).append(f"{key}.md")
    nav = ["  - index.md"]
    for section, keys in sections.items():
        nav += [f"  - Sectie {section}:", *(f"      - {key}" for key in keys)]
    config = (target / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[0]
    if not hooks:  # the plain stack: the project's templates need its hooks (set in the engine's settings)
        engine = target / "hooks" / "engine.yml"
        text = engine.read_text(encoding="utf-8").replace("  - hooks/", "  # - hooks/").replace("\nhooks:\n", "\nhooks: []\n")
        engine.write_text(text.replace("  custom_dir: overrides\n", ""), encoding="utf-8")
    (target / "mkdocs.yml").write_text(config + "\nnav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    # A complete handbook: `check` passes only with its CODEOWNERS.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "handbook.py"), "--config", str(target / "mkdocs.yml"), "codeowners"],
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ, "HANDBOOK_TODAY": TODAY})
    return target


def git_history(project: Path, commits: int, rng: random.Random) -> None:
    """Make `project` a Git repository of `commits` commits: the first adds every file, each later one
    changes one to three pages (one in ten marked [skip history]), two hours apart; the work tree is the last."""
    files = sorted(path for path in project.rglob("*") if path.is_file())
    pages = [path for path in files if path.suffix == ".md"]
    originals = {path: path.read_bytes() for path in pages}
    start = int(time.mktime(time.strptime("2025-06-01", "%Y-%m-%d")))
    stream = bytearray()

    def data(content: bytes) -> None:
        stream.extend(b"data %d\n" % len(content) + content + b"\n")

    for number in range(1, commits + 1):
        seconds = start + number * 7200
        stream.extend(b"commit refs/heads/main\nmark :%d\n" % number)
        stream.extend(b"committer HR <hr@example.org> %d +0100\n" % seconds)
        data(b"Eerste versie van het handboek" if number == 1 else
             f"Wijziging {number}{' [skip history]' if number % 10 == 0 else ''}".encode())
        if number > 1:
            stream.extend(b"from :%d\n" % (number - 1))
        for path in files if number == 1 else rng.sample(pages, rng.randint(1, 3)):
            stream.extend(b"M 100644 inline " + path.relative_to(project).as_posix().encode() + b"\n")
            data(path.read_bytes() if number == 1 else originals[path] + f"\nBijgewerkt in wijziging {number}.\n".encode())
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", str(project), "reset", "--quiet", "--hard"], check=True)
