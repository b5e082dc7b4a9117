"""Built HTML read as a browser reads it (handbook_testing.html_facts, an HTML5 parser), and the off-site check."""

from __future__ import annotations

import pytest

from handbook_testing import html_facts


def test_implied_end_tags_close_elements_as_in_a_browser():
    root = html_facts.parse("<!DOCTYPE html><p>een<p>twee <b>vet</b> eind<ul><li>a<li>b</ul><table><tr><td>1</table>")
    assert [paragraph.text for paragraph in root.find_all("p")] == ["een", "twee vet eind"]
    assert [item.text for item in root.find("ul").find_all("li")] == ["a", "b"]
    assert root.find("table").find("tbody").find("td").text == "1"  # the tbody a browser adds


def test_find_by_class_and_attribute_and_text_without_scripts():
    root = html_facts.parse('<div class="review-status x" data-review-state="overdue">Tekst <script>nee()</script>&amp; meer<!-- niet --></div>')
    status = root.find(cls="review-status")
    assert status.classes == {"review-status", "x"}
    assert root.find_all(data_review_state="overdue") == [status] and root.find_all(data_review_state=True) == [status]
    assert status.text == "Tekst & meer"
    with pytest.raises(AssertionError, match="no <span>"):
        root.find("span")
