"""A page's Markdown reduced to the text a reader sees, for the scripts that count or compare
words (sentence_lengths.py, seed_shingles.py, page_facts.py); and its outline of headings, which the
translations of a page share.

Left out: fenced and inline code, HTML comments and tags, link and image targets
("[Contact](contact.md)." reads "[Contact."), attribute lists and heading ids such as
{#vraag-1}, admonition markers (!!! note, ??? tip) and ordered-list numbers. Line breaks
stay where they were, so that a script can still read the text line by line.
"""

from __future__ import annotations

import re

from handbook_engine.pages import front_matter

NOT_TEXT = [
    (re.compile(r"^(```|~~~).*?^\1", re.S | re.M), " "),  # fenced code
    (re.compile(r"`[^`\n]*`"), " "),  # inline code
    (re.compile(r"<!--.*?-->", re.S), " "),  # HTML comments
    (re.compile(r"\]\([^)]*\)"), ""),  # link targets
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(r"[ \t]*\{[#.:][^}]*\}"), ""),  # attribute lists and heading ids
    (re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]*\w+", re.M), r"\1"),  # admonition markers
    (re.compile(r"^([ \t]*)\d+[.)][ \t]", re.M), r"\1"),  # ordered-list numbers
]


def reader_text(markdown: str) -> str:
    """`markdown` without what a reader does not read as text (see the module's docstring)."""
    for pattern, replacement in NOT_TEXT:
        markdown = pattern.sub(replacement, markdown)
    return markdown


HEADING = re.compile(r"(#{1,6})[ \t]+\S")
FENCE = re.compile(r"(`{3,}|~{3,})")


def heading_levels(page: str) -> list[int]:
    """The level of each ATX heading of a page's body, in order; code blocks and front matter left out."""
    lines = page.splitlines()
    body = lines[front_matter.parse("".join(line + "\n" for line in lines)).body_line - 1:]
    levels, fence = [], None
    for line in body:
        stripped = line.strip()
        opening = FENCE.match(stripped)
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = HEADING.match(line)
        if match:
            levels.append(len(match.group(1)))
    return levels
