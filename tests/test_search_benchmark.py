"""Scoring the search benchmark's questions (handbook_testing.search_benchmark): the rank of the first right page.
The handbook's own questions are typed into its search by tests/handbook/test_search_questions.py."""

from __future__ import annotations

import pytest

from handbook_engine.languages.page_languages import Languages
from handbook_testing import search_benchmark


@pytest.mark.parametrize(("results", "rank", "first_page_rank", "section_shown"), [
    ([["/veelgestelde-vragen/", "/veelgestelde-vragen/#foto"], ["/fotos-en-videos/", "/fotos-en-videos/#toestemming-vragen"]], 1, 2, True),
    ([["/fotos-en-videos/"], ["/richtlijnen/"]], 1, 1, False),
    ([["/a/"], ["/b/"], ["/c/"], ["/fotos-en-videos/", "/fotos-en-videos/#toestemming-vragen"]], 4, 4, False),
    ([], 0, 0, False),
])
def test_an_outcome_is_the_rank_of_the_first_right_page(results, rank, first_page_rank, section_shown):
    question = search_benchmark.Question("foto collega", ("fotos-en-videos.md", "veelgestelde-vragen.md"), "toestemming-vragen")
    outcome = search_benchmark.outcome(question, results, Languages("nl", ("en",)), "nl")
    assert (outcome.rank, outcome.first_page_rank, outcome.section_shown) == (rank, first_page_rank, section_shown)


def test_an_english_question_is_scored_against_the_english_addresses():
    question = search_benchmark.Question("photo colleague", ("fotos-en-videos.md",))
    outcome = search_benchmark.outcome(question, [["/en/a/"], ["/en/fotos-en-videos/"]], Languages("nl", ("en",)), "en")
    assert outcome.rank == 2


def test_the_questions_file_says_how_many_may_miss_and_is_no_language(tmp_path):
    questions = tmp_path / "questions.yml"
    questions.write_text("misses_allowed: {nl: 1}\nnl:\n  - q: mag ik thuiswerken\n    page: thuiswerken.md\n", encoding="utf-8")
    assert search_benchmark.load_questions(questions) == {"nl": [search_benchmark.Question("mag ik thuiswerken", ("thuiswerken.md",))]}
    assert search_benchmark.load_misses_allowed(questions) == {"nl": 1}
    questions.write_text("nl:\n  - q: mag ik thuiswerken\n    page: thuiswerken.md\n", encoding="utf-8")
    assert search_benchmark.load_misses_allowed(questions) == {}
    questions.write_text("misses_allowed: {nl: veel}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="misses_allowed: expected a whole number per language"):
        search_benchmark.load_misses_allowed(questions)
