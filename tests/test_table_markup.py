"""Markdown tables' caption and header scope (handbook_engine.pages.table_markup), rendered as the build renders pages."""

from __future__ import annotations

import markdown
import pytest

from handbook_engine.settings import site_config
from handbook_engine import REPOSITORY
from handbook_testing import html_facts

TABLE = "| Wie | Wat |\n|---|---|\n| HR | Beleid |\n"


def rendered(text: str) -> html_facts.Element:
    """`text` as a page's Markdown, with the engine's Markdown extensions and their settings (hooks/engine.yml)."""
    extensions = site_config.load(REPOSITORY / "hooks" / "engine.yml").data["markdown_extensions"]
    return html_facts.parse(markdown.markdown(text, extensions=list(extensions), extension_configs=extensions))


def test_a_caption_block_after_a_table_is_the_table_s_own_caption():
    page = rendered(f"Inleiding.\n\n{TABLE}\n/// caption\nWie *wat* doet\n///\n")
    table = page.find("table")
    assert table.find("caption").text == "Wie wat doet"
    assert table.find("caption").find("em").text == "wat"
    assert page.find_all("figure") == [] and page.find_all("figcaption") == []


def test_the_caption_block_s_id_goes_to_the_table_and_its_class_to_a_wrapper():
    page = rendered(f"{TABLE}\n/// caption\n    attrs: {{id: wie-wat, class: fill-in}}\nWie wat doet\n///\n")
    wrapper = page.find("div", cls="fill-in")
    table = wrapper.find("table", id="wie-wat")
    assert "class" not in table.attrs, "Material draws only tables without a class of their own"
    assert table.find("caption").text == "Wie wat doet"


@pytest.mark.parametrize("text", [
    "Een alinea.\n\n/// caption\nGeen tabel\n///\n",
    f"{TABLE}\nEen alinea ertussen.\n\n/// caption\nBij de alinea\n///\n",
])
def test_a_caption_of_anything_but_a_lone_table_stays_a_figure_caption(text):
    page = rendered(text)
    assert page.find("figcaption").text in ("Geen tabel", "Bij de alinea")
    assert all(table.find_all("caption") == [] for table in page.find_all("table"))


def test_every_header_cell_of_a_table_s_head_has_the_column_scope():
    page = rendered(f"{TABLE}\n/// caption\nWie wat doet\n///\n\n| Een | Twee | Drie |\n|---|---|---|\n| 1 | 2 | 3 |\n")
    headers = page.find_all("th")
    assert len(headers) == 5 and all(cell.attrs.get("scope") == "col" for cell in headers)
    assert page.find_all("td", scope=True) == []
