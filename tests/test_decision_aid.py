"""A decision aid (the fixture's "Mag ik vandaag thuiswerken?"): plain headings and links that work with JavaScript
off and read well to a screen reader; a link to a heading brings it into view below the header."""

from __future__ import annotations

import pytest
from conftest import script_free_tab

PAGES = {"nl": "mag-ik-thuiswerken/", "en": "en/mag-ik-thuiswerken/"}
# Each question's heading, then where its answers lead: (label, target).
QUESTIONS = {
    "nl": [
        ("vraag-1", "Vraag 1: Heb je vandaag een afspraak op kantoor?", {"Ja": "/werktijden/", "Nee": "#vraag-2"}),
        ("vraag-2", "Vraag 2: Heb je thuis een goede werkplek?", {"Ja": "#vraag-3", "Nee": "#vraag-3"}),
        ("vraag-3", "Vraag 3: Twijfel je nog?", {"Ja": "/contact/", "Nee": "#klaar"}),
    ],
    "en": [
        ("question-1", "Question 1: Do you have an appointment at the office today?", {"Yes": "/en/werktijden/", "No": "#question-2"}),
        ("question-2", "Question 2: Do you have a good workplace at home?", {"Yes": "#question-3", "No": "#question-3"}),
        ("question-3", "Question 3: Are you still in doubt?", {"Yes": "/en/contact/", "No": "#done"}),
    ],
}
DONE = {"nl": ("klaar", "Je mag thuiswerken"), "en": ("done", "You may work from home")}


@pytest.fixture
def page_without_javascript(browser):
    """A phone-sized tab in which no script runs."""
    page = script_free_tab(browser, 375, 700)
    yield page
    page.close()


def answer_links(page, question: str) -> dict[str, list[str]]:
    """Under the question's heading: each answer ('Ja', 'Nee') and where its links go ('#vraag-2', '/contact/')."""
    return page.evaluate("""id => {
        const answers = {};
        let node = document.getElementById(id).nextElementSibling;
        while (node && node.tagName !== "H2") {
            for (const item of node.querySelectorAll(":scope > li")) {
                const label = item.querySelector("strong").textContent.replace(":", "").trim();
                answers[label] = [...item.querySelectorAll("a")].map(a => {
                    const url = new URL(a.href);
                    return url.pathname === location.pathname && url.hash ? url.hash : url.pathname;
                });
            }
            node = node.nextElementSibling;
        }
        return answers;
    }""", question)


def in_view(page, anchor: str) -> bool:
    return page.evaluate("id => { const box = document.getElementById(id).getBoundingClientRect(); return box.top >= 0 && box.top < innerHeight; }", anchor)


@pytest.mark.parametrize("language", PAGES)
def test_every_question_is_a_heading_with_a_yes_and_a_no(page_without_javascript, reader_site, language):
    page = page_without_javascript
    page.goto(reader_site.address + PAGES[language])
    assert page.locator("html").get_attribute("class") == "no-js"
    headings = page.locator("article h2").evaluate_all("hs => hs.map(h => [h.id, h.textContent.replace('¶', '').trim()])")
    assert headings == [[anchor, title] for anchor, title, _ in QUESTIONS[language]] + [list(DONE[language])]
    for anchor, _, answers in QUESTIONS[language]:
        found = answer_links(page, anchor)
        assert list(found) == list(answers), anchor
        for label, target in answers.items():
            assert target in found[label], (anchor, label, found[label])


@pytest.mark.parametrize("language", PAGES)
def test_answering_no_each_time_leads_through_every_question_without_javascript(page_without_javascript, reader_site, language):
    page = page_without_javascript
    page.goto(reader_site.address + PAGES[language])
    no = "Nee" if language == "nl" else "No"
    for anchor, _, answers in QUESTIONS[language]:
        target = answers[no]
        page.locator(f"#{anchor} ~ ul li:has(strong:text-is('{no}:')) a[href='{target}']").first.click()
        assert page.evaluate("location.hash") == target
        assert in_view(page, target[1:]), f"{target} is not on screen"
    assert page.locator(f"#{DONE[language][0]}").inner_text().startswith(DONE[language][1])


@pytest.mark.parametrize("language", PAGES)
def test_a_keyboard_reaches_the_next_question(page_without_javascript, reader_site, language):
    """Tab to the first answer's link and press Enter: the page moves to the question it names."""
    page = page_without_javascript
    page.goto(reader_site.address + PAGES[language])
    first, _, answers = QUESTIONS[language][0]
    link = page.locator(f"#{first} ~ ul a[href^='#']").first
    link.focus()
    target = link.get_attribute("href")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    assert in_view(page, target[1:])
    assert target in answers.values()
