"""The facts of a text (handbook_engine.text_checks.page_facts): every number, period and day count, article and date
of a Dutch text is found in its English translation, and back. The handbook's own pages are compared by
tests/handbook/test_translations.py."""

from __future__ import annotations

import pytest

from handbook_engine.text_checks import page_facts


@pytest.mark.parametrize(("dutch", "english", "expected"), [
    # Number words and digits, with their unit.
    ("binnen twee werkdagen", "within two working days", {"2 working days"}),
    ("binnen 2 werkdagen", "within two business days", {"2 working days"}),
    ("binnen 72 uur", "within 72 hours", {"72 hours"}),
    ("een termijn van 72 uur", "a 72-hour deadline", {"72 hours"}),
    ("na drie maanden", "after three months", {"3 months"}),
    ("hooguit twee jaar", "two years at most", {"2 years"}),
    ("minstens vijf jaar", "at least five years", {"5 years"}),
    ("binnen zes weken", "within six weeks", {"6 weeks"}),
    ("binnen zeven dagen", "within seven days", {"7 days"}),
    ("vanaf 50 werknemers", "from 50 employees", {"50 employees"}),
    ("vanaf vijftig medewerkers", "with fifty or more employees", {"50 employees"}),
    ("50 of meer werknemers", "at least 50 employees", {"50 employees"}),
    ("twaalf maanden", "twelve months", {"12 months"}),
    ("één week", "one week", {"1 weeks"}),
    # An article is one only in a period: "binnen een maand", not "elk jaar", "een medewerker", "one of".
    ("binnen een maand", "within a month", {"1 months"}),
    ("na een jaar", "after a year", {"1 years"}),
    ("elk jaar", "once a year", set()),
    ("een medewerker", "an employee", set()),
    ("één medewerker", "any one employee", set()),
    ("een van de regels", "one of the rules", set()),
    ("jullie samen", "the two of you", set()),
    ("Neem de regels in acht. Je moet ze in acht nemen.", "Observe the rules.", set()),
    ("een half jaar", "half a year", {"6 months"}),
    ("een kwartier", "a quarter of an hour", {"15 minutes"}),
    ("50 procent", "50%", {"50%"}),
    ("2,5 procent", "2.5 per cent", {"2.5%"}),
    # Bare numbers and number words.
    ("Bel 112.", "Call 112.", {"112"}),
    ("twee regels", "two rules", {"2"}),
    ("vijf vragen", "five questions", {"5"}),
    # Articles of law, written the Dutch way and the English way.
    ("art. 7:660 BW", "Article 7:660 of the Dutch Civil Code", {"art 7:660"}),
    ("artikel 6:193g BW", "section 6:193g of the Civil Code", {"art 6:193g"}),
    ("art. 6 lid 1 onder f AVG", "Article 6(1)(f) GDPR", {"art 6(1)(f)"}),
    ("artikel 3 lid 2 Arbowet", "Article 3(2) of the Working Conditions Act", {"art 3(2)"}),
    ("art. 27 WOR", "Article 27 of the Works Councils Act", {"art 27"}),
    ("art. 15a Auteurswet", "art. 15a of the Copyright Act", {"art 15a"}),
    ("artikel 7 van de Grondwet", "Article 7 of the Constitution", {"art 7"}),
    # Dates and months.
    ("uiterlijk 30 november", "by 30 November", {"30 November"}),
    ("op 1 januari", "on 1 January", {"1 January"}),
    ("24 november 2026", "November 24, 2026", {"24 November 2026"}),
    ("2026-11-24", "24 November 2026", {"24 November 2026"}),
    ("elk jaar in oktober", "every October", {"October"}),
    ("in mei", "in May", set()),  # "may" is a verb: May alone counts in neither language
    ("op 5 mei", "on 5 May", {"5 May"}),
    # Not facts: link targets, heading ids, ordered-list numbers, HTML.
    ("Zie [stap](x.md#stap-2).", "See [step](x.md#stap-2).", set()),
    ("## Vraag {#vraag-3}", "## Question {#vraag-3}", set()),
    ("1. Eerst\n2. Dan", "1. First\n2. Then", set()),
    ('<span class="x2">tekst</span>', '<span class="x2">text</span>', set()),
])
def test_dutch_and_english_give_the_same_facts(dutch, english, expected):
    assert page_facts.text_facts(dutch, "nl") == expected
    assert page_facts.text_facts(english, "en") == expected


@pytest.mark.parametrize(("dutch", "english", "only_dutch", "only_english"), [
    ("binnen twee werkdagen", "within two days", ["2 working days"], ["2 days"]),
    ("binnen twee werkdagen", "quickly", ["2 working days"], []),
    ("na drie maanden", "after six months", ["3 months"], ["6 months"]),
    ("art. 7:660 BW", "Article 7:611", ["art 7:660"], ["art 7:611"]),
    ("uiterlijk 30 november", "by 1 December", ["30 November"], ["1 December"]),
    # The unit left out in one language is the same number ("onder de 16 jaar", "under 16").
    ("onder de 16 jaar", "under 16", [], []),
    ("twee regels en twee jaar", "two rules and two years", [], []),
])
def test_difference_names_what_only_one_language_states(dutch, english, only_dutch, only_english):
    assert page_facts.difference(page_facts.text_facts(dutch, "nl"), page_facts.text_facts(english, "en")) == (only_dutch, only_english)


def test_a_pages_facts_come_from_its_title_description_and_text_not_its_other_front_matter():
    page = "---\ntitle: Binnen 72 uur\ndescription: Na drie maanden.\nlast_reviewed: 2026-11-20\nsearch:\n  boost: 0.5\n---\n\nVijf jaar.\n"
    assert page_facts.facts(page, "nl") == {"72 hours", "3 months", "5 years"}


def test_the_script_names_the_facts_only_one_page_has(tmp_path, capsys):
    (tmp_path / "x.md").write_text("---\ntitle: X\n---\n\nBinnen twee werkdagen, art. 7:660 BW.\n", encoding="utf-8")
    (tmp_path / "x.en.md").write_text("---\ntitle: X\n---\n\nWithin two days, Article 7:660.\n", encoding="utf-8")
    assert page_facts.main([str(tmp_path / "x.md"), str(tmp_path / "x.en.md")]) == 1
    assert capsys.readouterr().out == (
        f"{tmp_path / 'x.md'}: '2 working days' is not in the other language\n"
        f"{tmp_path / 'x.en.md'}: '2 days' is not in the other language\n"
    )
    (tmp_path / "x.en.md").write_text("---\ntitle: X\n---\n\nWithin two working days (Article 7:660 of the Civil Code).\n", encoding="utf-8")
    assert page_facts.main([str(tmp_path / "x.md"), str(tmp_path / "x.en.md")]) == 0
    assert capsys.readouterr().out == ""
