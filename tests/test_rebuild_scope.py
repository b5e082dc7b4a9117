"""What a live-preview rebuild must redo: the outline of a page and of the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook_engine.site import rebuild_scope

PAGE = """---
title: Regels
owner: HR
---

Eerste alinea met een [link](andere.md#kop) en tekst.

## Een kop {#eigen-anker}

Tweede alinea.

Onderstreepte kop
-----------------

[verwijzing]: beleid.md#afspraken
<a id="hier"></a> en <img src="beeld.png" alt="">
"""


@pytest.mark.parametrize(("old", "new"), [
    ("Eerste alinea met", "De eerste alinea met"),
    ("Tweede alinea.", "Tweede alinea, langer.\n\nEn een derde."),
    ("en tekst.", "en **vette** tekst."),
    # Links without an anchor are checked when the page itself is rebuilt.
    ("en tekst.", "en [een link](nieuw.md) en [nog een](https://intranet.example/)."),
    ('src="beeld.png"', 'src="foto.png"'),
])
def test_changing_page_text_keeps_the_outline(old, new):
    assert rebuild_scope.page_outline(PAGE.replace(old, new, 1)) == rebuild_scope.page_outline(PAGE)


@pytest.mark.parametrize(("old", "new"), [
    ("title: Regels", "title: Afspraken"),                    # navigation, overview, other pages' titles
    ("owner: HR", "owner: HR en Communicatie"),                # review data
    ("## Een kop", "## Een andere kop"),                       # anchors, the title when front matter has none
    ("Onderstreepte kop", "Andere onderstreepte kop"),        # a setext heading
    ("Tweede alinea.", "Tweede alinea.\n\n### Nieuwe kop"),   # a new heading
    ("andere.md#kop", "andere.md#andere-kop"),                 # a link checked against another page's anchors
    ("beleid.md#afspraken", "beleid.md#regels"),               # the same as a reference
    ("Tweede alinea.", "Tweede alinea met [een link](derde.md#kop)."),
    ('<a id="hier">', '<a id="daar">'),                        # an anchor other pages may link to
    ("{#eigen-anker}", "{#ander-anker}"),
])
def test_changing_what_other_pages_depend_on_changes_the_outline(old, new):
    assert old in PAGE
    assert rebuild_scope.page_outline(PAGE.replace(old, new, 1)) != rebuild_scope.page_outline(PAGE)


def test_a_page_without_front_matter_has_an_outline_too():
    assert rebuild_scope.page_outline("# Titel\n\nTekst.\n## Kop\n") == ((), ("# Titel",), (), ("# Titel", "## Kop"))


def make_project(root: Path) -> Path:
    (root / "docs" / "beleid").mkdir(parents=True)
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "docs" / "beleid" / "regels.md").write_text("---\ntitle: Regels\n---\n\nTekst.\n", encoding="utf-8")
    (root / "docs" / "beeld.png").write_bytes(b"\x89PNG")
    (root / "docs" / "checks").mkdir()
    (root / "docs" / "checks" / "example_values.yml").write_text(
        "- what: een termijn\n  replace: de jouwe\n  where: [docs/index.md]\n  nl: [twee werkdagen]\n", encoding="utf-8")
    (root / "overrides" / "partials" / "labels.html").write_text("{# labels #}\n", encoding="utf-8")
    return root / "mkdocs.yml"


def outline(config: Path, today: str = "2026-11-21") -> dict:
    return rebuild_scope.project_outline(config, config.parent / "docs", config.parent / "overrides", today)


def save(path: Path, text: str) -> None:
    """Save `text` with a later file time, as a later save has (file times can be coarser than two quick writes)."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    save(path, text.replace(old, new))


def test_project_outline_names_every_file_by_its_path(tmp_path):
    config = make_project(tmp_path)
    assert sorted(outline(config)) == ["docs/beeld.png", "docs/beleid/regels.md", "docs/checks/example_values.yml", "docs/index.md",
                                       "mkdocs.yml", "overrides/partials/labels.html", "today"]


def test_only_a_text_edit_leaves_no_changes(tmp_path):
    config = make_project(tmp_path)
    before = outline(config)
    page = tmp_path / "docs" / "beleid" / "regels.md"
    rewrite(page, "Tekst.", "Andere tekst.")
    image = tmp_path / "docs" / "beeld.png"
    image.write_bytes(b"\x89PNG other")
    assert rebuild_scope.changes(before, outline(config)) == []


@pytest.mark.parametrize("change", ["title", "config", "template", "example list", "new file", "deleted file", "date"])
def test_anything_else_is_a_change_named_by_its_path(tmp_path, change):
    config = make_project(tmp_path)
    before = outline(config)
    today = "2026-11-21"
    if change == "title":
        page = tmp_path / "docs" / "beleid" / "regels.md"
        rewrite(page, "title: Regels", "title: Afspraken")
        expected = ["docs/beleid/regels.md"]
    elif change == "config":
        config.write_text("site_name: Ander\n", encoding="utf-8")
        expected = ["mkdocs.yml"]
    elif change == "template":
        template = tmp_path / "overrides" / "partials" / "labels.html"
        save(template, "{# other labels #}\n")
        expected = ["overrides/partials/labels.html"]
    elif change == "example list":
        examples = tmp_path / "docs" / "checks" / "example_values.yml"
        save(examples, "- what: een termijn\n  replace: de jouwe\n  where: [docs/index.md]\n  nl: [vijf werkdagen]\n")
        expected = ["docs/checks/example_values.yml"]
    elif change == "new file":
        (tmp_path / "docs" / "nieuw.md").write_text("Tekst.\n", encoding="utf-8")
        expected = ["docs/nieuw.md"]
    elif change == "deleted file":
        (tmp_path / "docs" / "beeld.png").unlink()
        expected = ["docs/beeld.png"]
    else:
        today = "2026-11-22"
        expected = ["today"]
    assert rebuild_scope.changes(before, outline(config, today)) == expected


@pytest.mark.parametrize(("link", "changed"), [
    ("", False),                                        # no page links into regels.md: its headings are its own
    ("[zie](beleid/regels.md#kop)", True),               # another page checks an anchor in it
    ("[zie](./beleid/regels.en.md#kop)", True),          # in either language
    ("[zie](beleid/regels.md)", False),                  # a link without an anchor checks the file only
])
def test_headings_count_where_another_page_links_to_an_anchor(tmp_path, link, changed):
    config = make_project(tmp_path)
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + link + "\n", encoding="utf-8")
    before = outline(config)
    page = tmp_path / "docs" / "beleid" / "regels.md"
    save(page, page.read_text(encoding="utf-8") + "\n## Nieuwe kop\n\nTekst.\n")
    assert rebuild_scope.changes(before, outline(config)) == (["docs/beleid/regels.md"] if changed else [])


def test_a_first_level_heading_counts_as_a_title(tmp_path):
    config = make_project(tmp_path)
    before = outline(config)
    page = tmp_path / "docs" / "beleid" / "regels.md"
    rewrite(page, "Tekst.", "# Regels\n\nTekst.")
    assert rebuild_scope.changes(before, outline(config)) == ["docs/beleid/regels.md"]


def test_the_outlines_a_preview_keeps_hold_the_current_pages_only(tmp_path):
    config = make_project(tmp_path)
    pages = rebuild_scope.Outlines()
    regels = config.parent / "docs" / "beleid" / "regels.md"
    for number in range(5):  # every save of a page: its outline is read again, the old one goes
        rewrite(regels, "Tekst", f"Tekst {number}")
        current = rebuild_scope.project_outline(config, config.parent / "docs", None, "2026-11-21", pages)
        assert current["docs/beleid/regels.md"] == outline(config)["docs/beleid/regels.md"]
        assert len(pages) == 2
    regels.unlink()
    rebuild_scope.project_outline(config, config.parent / "docs", None, "2026-11-21", pages)
    assert len(pages) == 1
