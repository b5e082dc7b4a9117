"""A page's Markdown reduced to the text a reader sees, for the scripts that count or compare
words (sentence_lengths.py, seed_shingles.py, page_facts.py).

Left out: fenced and inline code, HTML comments and tags, link and image targets
("[Contact](contact.md)." reads "[Contact."), attribute lists and heading ids such as
{#vraag-1}, admonition markers (!!! note, ??? tip) and ordered-list numbers. Line breaks
stay where they were, so that a script can still read the text line by line.
"""

from __future__ import annotations

import re

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
