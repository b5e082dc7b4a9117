"""The search answers employees' questions: the handbook's own questions (docs/checks/search_questions.yml), typed
into its built site's search in chromium, find their page in the first three results.

The questions file says how many of a language's questions may miss (`misses_allowed`), so that a reasonable
edit to a page does not fail the build, while one that costs more does. A question that drops out for good is a
reason to fix the handbook (keywords, a heading people would type, an FAQ entry), not to raise that number or
reword the question. A question whose page the handbook no longer has, or in a language it no longer has, is
left out, and the end of the test run says so: a page removed is HR's choice, not a failure.
"""

from __future__ import annotations

import pytest
from this_handbook import CHECKS, LANGUAGES

from handbook_testing import search_benchmark

QUESTIONS_FILE = CHECKS / "search_questions.yml"


def asked_and_left_out(site) -> tuple[dict[str, list[search_benchmark.Question]], list[str]]:
    """The questions to ask, per configured language, and a line for each one left out."""
    questions = search_benchmark.load_questions(QUESTIONS_FILE) if QUESTIONS_FILE.is_file() else {}
    asked, left = {}, []
    for language, entries in questions.items():
        if language not in LANGUAGES.all:
            left.append(f"search questions in {language}: {len(entries)} left out, the handbook has no such language")
            continue
        for question in entries:
            gone = [page for page in question.pages if not (site / LANGUAGES.url(page, language) / "index.html").is_file()]
            if gone == list(question.pages):
                left.append(f"search question {question.text!r} ({language}): left out, the handbook has no page {', '.join(gone)}")
            else:
                kept = tuple(page for page in question.pages if page not in gone)
                asked.setdefault(language, []).append(search_benchmark.Question(question.text, kept, question.section))
    return asked, left


@pytest.fixture(scope="module")
def outcomes(handbook_site, handbook_address, browser, left_out):
    asked, left = asked_and_left_out(handbook_site.site)
    left_out.extend(left)
    if not asked:
        left_out.append(f"search questions: none to ask ({QUESTIONS_FILE.relative_to(CHECKS.parent.parent)} has none for this handbook)")
    return search_benchmark.run(browser, handbook_address, asked, LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_questions_find_their_page_in_the_first_three_results(outcomes, language):
    found = outcomes.get(language, [])
    allowed = search_benchmark.load_misses_allowed(QUESTIONS_FILE).get(language, 0) if QUESTIONS_FILE.is_file() else 0
    missed = [f"{o.question.text!r} (rank {o.rank or '-'}; first: {', '.join(o.top)})" for o in found if not 0 < o.rank <= search_benchmark.TOP]
    assert len(missed) <= allowed, f"{len(found) - len(missed)} of {len(found)} in the first three, {allowed} may miss; missed: {missed}"
