"""Search benchmark: do the questions employees type find the page that answers them?

Types every question of a handbook's docs/checks/search_questions.yml into Material's search
box in chromium, key by key as a person does (SearchBox.ask), on the built
handbook served on loopback; reads the result list and prints per language:

  hit@1          a right page is the first result
  hit@3          a right page is among the first three results
  first page @3  the question's own page (the first listed) is among the first three
  section hit@3  for questions that name a section: the question's own page is
                 among the first three and its result shows that section

    python scripts/search_benchmark.py                  # builds the handbook in a temporary folder
    python scripts/search_benchmark.py --site site      # a site built before (make build)
    python scripts/search_benchmark.py --misses         # and every question not answered first, with the first three results
    python scripts/search_benchmark.py --project ../other-checkout --language en

With --min-hit3 0.9 it exits 1 when a language's hit@3 is below 0.9. Run
`make test` once first: it installs Playwright and chromium. About a minute.

The questions file may also say how many questions of a language may miss the first three
results before the handbook's own check fails (`misses_allowed: {nl: 1, en: 2}`,
tests/handbook/test_search.py); this script only reports.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from handbook_engine import REPOSITORY
from handbook_engine.cli.handbook_project import configured_languages
from handbook_engine.languages.page_languages import Languages
from handbook_engine.publishing.build_environment import build_environment
from handbook_testing.loopback import serve

# A handbook's questions, relative to its folder.
QUESTIONS = Path("docs", "checks", "search_questions.yml")
# The key of the questions file that is no language: how many questions of each language may miss.
MISSES_ALLOWED = "misses_allowed"
TOP = 3

# Counts the queries Material's page sends to its search worker and the
# results it gets back, so that the list is read only once the result of the
# last key typed is on screen (the worker answers in order).
COUNT_SEARCHES = """
(() => {
  const QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  const Native = window.Worker;
  window.__searchBenchmark = { sent: 0, received: 0 };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === RESULT) window.__searchBenchmark.received++;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === QUERY) window.__searchBenchmark.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""
# Each result item: the page's address and the sections it shows (not those folded under "more").
READ_RESULTS = """
items => items.map(item => [...item.querySelectorAll(":scope > a.md-search-result__link")].map(a => {
  const url = new URL(a.href);
  return url.pathname + url.hash;
}))
"""


@dataclass(frozen=True)
class Question:
    text: str
    pages: tuple[str, ...]
    section: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Where the first right page came in the results (0: not in them), where the question's own page came, and what came first."""

    question: Question
    rank: int
    first_page_rank: int
    section_shown: bool
    top: tuple[str, ...]


def load_questions(path: Path) -> dict[str, list[Question]]:
    """The questions per language; every entry needs `q` and `page` (one key or a list)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = {}
    for language, entries in data.items():
        if language == MISSES_ALLOWED:
            continue
        questions[language] = []
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not entry.get("q") or not entry.get("page"):
                raise ValueError(f"{path}: {language} question {number}: expected 'q' and 'page'")
            pages = entry["page"] if isinstance(entry["page"], list) else [entry["page"]]
            questions[language].append(Question(entry["q"], tuple(pages), entry.get("section")))
    return questions


def load_misses_allowed(path: Path) -> dict[str, int]:
    """How many questions of each language may miss the first three results (none where the file does not say)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    allowed = data.get(MISSES_ALLOWED) or {}
    if not isinstance(allowed, dict) or not all(isinstance(count, int) and count >= 0 for count in allowed.values()):
        raise ValueError(f"{path}: {MISSES_ALLOWED}: expected a whole number per language, like {{nl: 1, en: 2}}")
    return allowed


def outcome(question: Question, results: list[list[str]], languages: Languages, language: str) -> Outcome:
    """Score one question against the result list: each item a list of '/path/#anchor' links, the page first."""
    wanted = {"/" + languages.url(page, language) for page in question.pages}
    first_page = "/" + languages.url(question.pages[0], language)
    pages = [links[0].split("#", 1)[0] for links in results if links]
    rank = next((number for number, page in enumerate(pages, start=1) if page in wanted), 0)
    first_page_rank = next((number for number, page in enumerate(pages, start=1) if page == first_page), 0)
    section_shown = False
    if question.section and 0 < first_page_rank <= TOP:
        section_shown = f"{first_page}#{question.section}" in results[first_page_rank - 1]
    return Outcome(question, rank, first_page_rank, section_shown, tuple(pages[:TOP]))


@dataclass(frozen=True)
class Summary:
    questions: int
    hit1: float
    hit3: float
    first_page_hit3: float
    sections: int
    section_hit3: float


def summarise(outcomes: list[Outcome]) -> Summary:
    count = len(outcomes)
    with_section = [o for o in outcomes if o.question.section]
    return Summary(
        count,
        sum(o.rank == 1 for o in outcomes) / count,
        sum(0 < o.rank <= TOP for o in outcomes) / count,
        sum(0 < o.first_page_rank <= TOP for o in outcomes) / count,
        len(with_section),
        sum(o.section_shown for o in with_section) / len(with_section) if with_section else 0.0,
    )


class SearchBox:
    """One tab on a language's home page; asks one question after another in its search box."""

    def __init__(self, context, address: str, home: str) -> None:
        self.page = context.new_page()
        self.page.set_viewport_size({"width": 1280, "height": 800})
        self.page.add_init_script(COUNT_SEARCHES)
        self.page.goto(address + home)
        self.field = self.page.locator("input.md-search__input")
        self.field.click()

    def ask(self, text: str) -> list[list[str]]:
        """Type `text` into the search box key by key, as a person does, in place of what was there, and read the
        results once the search of the last key has answered.

        Every key is typed (press_sequentially), not filled in: Material searches at each key and a reader sees
        the results of the last, and what a person types is what this measures. Filling in all but the last key
        gave the same results for the handbook's questions in an eighth of the time (11 s against 84 s); the
        guide asks for real typing, and the results are read from it."""
        before = self.page.evaluate("window.__searchBenchmark.sent")
        self.field.press("Control+A")
        self.field.press("Backspace")
        self.field.press_sequentially(text)
        self.page.wait_for_function(
            "before => window.__searchBenchmark.sent > before && window.__searchBenchmark.sent === window.__searchBenchmark.received", arg=before
        )
        return self.page.locator(".md-search-result__item").evaluate_all(READ_RESULTS)

    def close(self) -> None:
        self.page.close()


def run(context, address: str, questions: dict[str, list[Question]], languages: Languages) -> dict[str, list[Outcome]]:
    """Ask every question in its language on the site served at `address`."""
    outcomes = {}
    for language, asked in questions.items():
        box = SearchBox(context, address, languages.url("index.md", language))
        try:
            outcomes[language] = [outcome(question, box.ask(question.text), languages, language) for question in asked]
        finally:
            box.close()
    return outcomes


def build(project: Path, site: Path) -> None:
    """Build the project's handbook into `site`, as `make build` does."""
    env = build_environment()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"search_benchmark: the build failed:\n{(result.stdout + result.stderr)[-3000:]}")


def report(outcomes: dict[str, list[Outcome]], misses: bool, languages: Languages, site: Path | None = None) -> list[str]:
    """The figures per language; with `site`, also over only the questions whose page that site has."""
    lines = [f"{'language':<9} {'questions':>9} {'hit@1':>7} {'hit@3':>7} {'first page @3':>14} {'section hit@3':>14}"]
    for language, found in outcomes.items():
        s = summarise(found)
        lines.append(f"{language:<9} {s.questions:>9} {s.hit1:>7.1%} {s.hit3:>7.1%} {s.first_page_hit3:>14.1%} {s.section_hit3:>8.1%} of {s.sections:>2}")
    if site is not None:
        for language, found in outcomes.items():
            present = [o for o in found if any((site / languages.url(page, language) / "index.html").is_file() for page in o.question.pages)]
            if present and len(present) < len(found):
                s = summarise(present)
                lines.append(f"{language:<9} {s.questions:>9} {s.hit1:>7.1%} {s.hit3:>7.1%} {s.first_page_hit3:>14.1%}   (only the questions whose page this site has)")
    if misses:
        for language, found in outcomes.items():
            for o in found:
                if o.rank != 1 or (o.question.section and not o.section_shown):
                    where = f"rank {o.rank}" if o.rank else "not found"
                    section = " (section not shown)" if o.question.section and o.first_page_rank and not o.section_shown else ""
                    lines.append(f"{language}: {o.question.text!r}: {where}{section}; first: {', '.join(o.top) or '-'}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="search_benchmark.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to search (default: build --project into a temporary folder)")
    parser.add_argument("--project", type=Path, default=REPOSITORY, help="the handbook to build and ask (default: this repository's)")
    parser.add_argument("--questions", type=Path, help=f"the questions (default: the project's {QUESTIONS})")
    parser.add_argument("--language", action="append", help="only this language (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list each question whose page did not come first")
    parser.add_argument("--min-hit3", type=float, help="exit 1 when a language's hit@3 is below this fraction")
    args = parser.parse_args(argv)

    languages = configured_languages(args.project / "mkdocs.yml")
    questions = load_questions(args.questions or args.project / QUESTIONS)
    questions = {language: asked for language, asked in questions.items() if language in languages.all}
    if args.language:
        questions = {language: asked for language, asked in questions.items() if language in args.language}

    from playwright.sync_api import sync_playwright

    from handbook_testing import chromium

    with contextlib.ExitStack() as stack:
        site = args.site
        if site is None:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="search-benchmark-"))) / "site"
            build(args.project, site)
        address = stack.enter_context(serve(site))
        playwright = stack.enter_context(sync_playwright())
        profile = stack.enter_context(tempfile.TemporaryDirectory(prefix="search-benchmark-chromium-"))
        context = chromium.launch(playwright, Path(profile))
        stack.callback(context.close)
        outcomes = run(context, address, questions, languages)

        lines = report(outcomes, args.misses, languages, site)
    print("\n".join(lines))
    if args.min_hit3 is not None and any(summarise(found).hit3 < args.min_hit3 for found in outcomes.values()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
