"""The handbook builds with --strict (every link and anchor checked, every page in the nav, every front matter
sound), and has the pages every handbook needs, in every language it has."""

from __future__ import annotations

import pytest
from this_handbook import KEYS, LANGUAGES, UNTRANSLATED, front, translations

# The pages every handbook needs: its home page, and one page with each of these templates.
TEMPLATES = ("whats-new.html", "versions.html", "review-overview.html", "contact.html")


def test_the_handbook_builds_with_strict(handbook_site):
    assert [line for line in handbook_site.log.splitlines() if line.startswith(("WARNING", "ERROR"))] == []
    assert (handbook_site.site / "index.html").is_file()


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_every_language_has_a_home_page(language):
    assert "index.md" in KEYS and (language in translations("index.md") or "index.md" in UNTRANSLATED), \
        f"docs/{LANGUAGES.join('index.md', language)} is missing"


@pytest.mark.parametrize("template", TEMPLATES)
def test_it_has_the_page_of_each_template_every_handbook_needs_in_every_language(template):
    keys = [key for key in KEYS if front(next(iter(translations(key).values()))).get("template") == template]
    assert keys, f"no page has 'template: {template}'"
    for key in keys:
        missing = [language for language in LANGUAGES.all if language not in translations(key) and key not in UNTRANSLATED]
        assert missing == [], f"{key} ({template}) has no page in {', '.join(missing)}"
