"""The live preview (`make serve`) of the two-language fixture handbook: saving a page shows it, and a rebuild of
only the saved pages leaves the same site as a full build of the same files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, free_port, materialise

from handbook_engine.publishing.build_environment import build_environment
from handbook_testing.preview_server import PreviewServer, save

PARTIAL = "Live preview: rebuilding the saved pages only (only their text changed)"
FULL = "Live preview: rebuilding every page"


def preview_env() -> dict[str, str]:
    # A fixed build time, so that two builds of the same files are byte for byte the same.
    return build_environment({"HANDBOOK_TODAY": FIXTURE_DATE, "SOURCE_DATE_EPOCH": "1790000000"})


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}"
    save(path, text.replace(old, new, 1))


def save_and_wait(preview: PreviewServer, path: Path, old: str, new: str) -> str:
    """Save an edit and wait for the rebuild it causes; that rebuild's log."""
    rebuilds = preview.rebuilds
    edit(path, old, new)
    return preview.wait_for_rebuild(rebuilds)


def page_times(site: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site.rglob("index.html")}


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def search_docs(site: Path, language_root: str = "") -> list[dict]:
    return json.loads((site / language_root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture with a copy of the engine: a test below edits one of its texts."""
    return materialise(tmp_path / "project", engine="copy")


def test_saved_text_rebuilds_that_page_only_and_the_site_equals_a_full_build(project: Path, preview_server: type[PreviewServer]):
    docs = project / "docs"
    port = free_port()
    with preview_server(project, port, preview_env()) as preview:
        assert f"{FULL} (changed: first build)" in "".join(preview.lines)
        site = preview.site
        before = page_times(site)
        dutch_entries = len(search_docs(site))

        log = save_and_wait(preview, docs / "werkplek.md", "genoeg licht", "genoeg licht (kwartelkoning)")
        assert PARTIAL in log
        changed = {path for path, time in page_times(site).items() if before[path] != time}
        assert changed == {site / "werkplek" / "index.html"}
        page = (site / "werkplek" / "index.html").read_text(encoding="utf-8")
        assert "kwartelkoning" in page
        # The other pages keep their titles and places in the navigation of the rebuilt page.
        assert "Werktijden en bereikbaarheid" in page
        assert "Mag ik vandaag thuiswerken?" in page
        dutch = search_docs(site)
        assert len(dutch) == dutch_entries
        assert sum("kwartelkoning" in doc["text"] for doc in dutch) == 1

        # The home page's search address is '', the start of every other address.
        log = save_and_wait(preview, docs / "index.md", "Welkom in het handboek", "Welkom (grutto) in het handboek")
        assert PARTIAL in log
        assert len(search_docs(site)) == dutch_entries
        assert sum("grutto" in doc["text"] for doc in search_docs(site)) == 1

        log = save_and_wait(preview, docs / "werktijden.md", "title: Werktijden en bereikbaarheid", "title: Werktijden en pauzes")
        assert f"{FULL} (changed: docs/werktijden.md)" in log
        assert "Werktijden en pauzes" in (site / "werkplek" / "index.html").read_text(encoding="utf-8")

        # No page links to an anchor in this one, so its headings are its own.
        log = save_and_wait(preview, docs / "werktijden.en.md", "\n## ", "\n## A new section\n\nText.\n\n## ")
        assert PARTIAL in log
        assert 'href="#a-new-section"' in (site / "en" / "werktijden" / "index.html").read_text(encoding="utf-8")

        # A link to an anchor in another page is checked in a full build only.
        log = save_and_wait(preview, docs / "werkplek.md", "bij [Personeelszaken](contact.md).",
                            "bij [Personeelszaken](contact.md). Zie ook [dit deel](werktijden.md#bestaat-niet).")
        # werktijden's headings now count too, in both languages: a page links into it.
        assert f"{FULL} (changed: docs/werkplek.md, docs/werktijden.en.md, docs/werktijden.md)" in log
        assert "does not contain an anchor '#bestaat-niet'" in log
        # Now that a page links into it, a heading in it is checked by that page.
        log = save_and_wait(preview, docs / "werktijden.md", "\n## ", "\n## Bestaat niet\n\nTekst.\n\n## ")
        assert f"{FULL} (changed: docs/werktijden.md)" in log
        assert "bestaat-niet" not in log

        log = save_and_wait(preview, project / "overrides" / "locales" / "nl.yml",
                            "last_reviewed: Laatst beoordeeld op", "last_reviewed: Voor het laatst beoordeeld op")
        assert f"{FULL} (changed: overrides/locales/nl.yml)" in log
        assert "Voor het laatst beoordeeld op" in (site / "werktijden" / "index.html").read_text(encoding="utf-8")

        log = save_and_wait(preview, docs / "werkplek.en.md", "enough light and fresh air.", "enough light and fresh air (corncrake).")
        assert PARTIAL in log
        assert sum("corncrake" in doc["text"] for doc in search_docs(site, "en")) == 1
        assert not any("corncrake" in doc["text"] for doc in search_docs(site))
        previewed = site_files(site)

    with preview_server(project, port, preview_env(), dirty=False) as full:
        built = site_files(full.site)
    assert previewed.keys() == built.keys()
    assert [path for path in built if previewed[path] != built[path]] == []


def test_deleting_a_translation_shows_the_original_in_its_place(project: Path, preview_server: type[PreviewServer]):
    with preview_server(project, free_port(), preview_env()) as preview:
        site = preview.site
        assert (site / "en" / "werkplek" / "index.html").exists()
        rebuilds = preview.rebuilds
        (project / "docs" / "werkplek.en.md").unlink()
        log = preview.wait_for_rebuild(rebuilds)
        assert f"{FULL} (changed: docs/werkplek.en.md)" in log
        # The Dutch page now stands in for the English one, marked as not translated.
        english = (site / "en" / "werkplek" / "index.html").read_text(encoding="utf-8")
        assert "Stel je stoel zo in" in english
        assert "docs/werkplek.md:1: translation: no en translation; expected werkplek.en.md" in log


def test_the_browser_shows_a_saved_edit_by_itself(project: Path, preview_server: type[PreviewServer], browser):
    with preview_server(project, free_port(), preview_env()) as preview:
        page = browser.new_page()
        try:
            page.goto(preview.address + "werkplek/")
            edit(project / "docs" / "werkplek.md", "genoeg licht", "genoeg licht (kwartelkoning)")
            page.wait_for_function("document.querySelector('article')?.innerText.includes('kwartelkoning')", timeout=60_000)
            navigation = page.locator(".md-sidebar--primary").inner_text()
            assert "Werktijden en bereikbaarheid" in navigation and "Mag ik vandaag thuiswerken?" in navigation
            assert page.locator("[data-review-state]").first.get_attribute("data-review-state") == "current"
        finally:
            page.close()
