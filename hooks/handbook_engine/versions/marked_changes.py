"""What a version changed in a page's text, sentence by sentence, free of any site engine.

Two versions of a page's reader text (`page_text`) are compared as one sequence of sentences each, by the
standard library's `difflib.SequenceMatcher` (why that one: DECISIONS.md, "The marked-up changes"): a
sentence is the same when its words and its kind of block (heading, paragraph, list item, ...) are. What
comes out is what the changes page shows, in reading order:

- parts of blocks: each block's sentences as they stand, removed or added; a sentence removed from a block
  that still has sentences of the new version is shown inside that block, and a block wholly replaced by
  one of its kind as one block holding both (a heading stays one heading, a landmark);
- unchanged text folded away: only `context` sentences either side of a change are shown, and every
  heading above a change (so the change stays under its section); what is left out is a fold with its count.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from handbook_engine.versions.page_text import Block

SAME = "same"
REMOVED = "removed"
ADDED = "added"
# How many unchanged sentences are shown before and after each change.
CONTEXT = 2


@dataclass(frozen=True)
class Piece:
    """One sentence as shown: unchanged, removed or added."""

    change: str
    text: str


@dataclass(frozen=True)
class Part:
    """A block as shown (`kind` and `level` as the page's `Block`), or, with `folded` > 0, that many unchanged
    sentences left out."""

    kind: str = "p"
    level: int = 0
    pieces: tuple[Piece, ...] = ()
    folded: int = 0


@dataclass(frozen=True)
class _Item:
    group: tuple[str, int]  # the block it is shown in: ("new", index) or, for a block of the old text alone, ("old", index)
    block: Block
    piece: Piece


def compare(old: Sequence[Block], new: Sequence[Block], context: int = CONTEXT) -> tuple[Part, ...]:
    """The parts that show how `new` differs from `old`; none when their text is the same. An added page is
    compared with no blocks, a withdrawn one with none."""
    items = _items(old, new)
    changed = [index for index, item in enumerate(items) if item.piece.change != SAME]
    if not changed:
        return ()
    shown = _shown(items, changed, context)
    return tuple(_merge_replaced(_parts(items, shown)))


def _items(old: Sequence[Block], new: Sequence[Block]) -> list[_Item]:
    """Every sentence of both texts in reading order, the removed ones before the added ones that replace them."""
    old_units = [(number, block, sentence) for number, block in enumerate(old) for sentence in block.sentences]
    new_units = [(number, block, sentence) for number, block in enumerate(new) for sentence in block.sentences]
    matcher = difflib.SequenceMatcher(None, [(block.kind, sentence) for _, block, sentence in old_units],
                                      [(block.kind, sentence) for _, block, sentence in new_units], autojunk=False)
    opcodes = matcher.get_opcodes()
    # An old block that kept a sentence is shown as its new block: its removed sentences go in there.
    old_to_new: dict[int, int] = {}
    for tag, old_start, old_end, new_start, _ in opcodes:
        if tag == "equal":
            for offset in range(old_end - old_start):
                old_to_new.setdefault(old_units[old_start + offset][0], new_units[new_start + offset][0])
    items = []
    for tag, old_start, old_end, new_start, new_end in opcodes:
        if tag == "equal":
            items.extend(_Item(("new", number), block, Piece(SAME, sentence)) for number, block, sentence in new_units[new_start:new_end])
            continue
        for number, block, sentence in old_units[old_start:old_end]:
            group = ("new", old_to_new[number]) if number in old_to_new else ("old", number)
            items.append(_Item(group, block, Piece(REMOVED, sentence)))
        items.extend(_Item(("new", number), block, Piece(ADDED, sentence)) for number, block, sentence in new_units[new_start:new_end])
    return items


def _shown(items: Sequence[_Item], changed: Sequence[int], context: int) -> list[bool]:
    """Which items are shown: the changes, `context` sentences either side of each, and the headings above each."""
    shown = [False] * len(items)
    for index in changed:
        for near in range(max(index - context, 0), min(index + context + 1, len(items))):
            shown[near] = True
    headings: list[int] = []  # the headings above the item under way, outermost first
    for index, item in enumerate(items):
        level = item.block.level
        if level and item.piece.change != REMOVED:
            headings = [above for above in headings if items[above].block.level < level] + [index]
        if item.piece.change != SAME:
            for above in headings:
                shown[above] = True
    return shown


def _parts(items: Sequence[_Item], shown: Sequence[bool]) -> list[Part]:
    """The shown items as blocks, a block ending where the next item belongs to another; each run of hidden items
    a fold."""
    parts: list[Part] = []
    group, pieces, folded = None, [], 0
    block = None
    for item, visible in zip(items, shown):
        if not visible:
            if pieces:
                parts.append(Part(block.kind, block.level, tuple(pieces)))
                group, pieces = None, []
            folded += 1
            continue
        if folded:
            parts.append(Part(folded=folded))
            folded = 0
        if item.group != group and pieces:
            parts.append(Part(block.kind, block.level, tuple(pieces)))
            pieces = []
        group, block = item.group, item.block
        pieces.append(item.piece)
    if pieces:
        parts.append(Part(block.kind, block.level, tuple(pieces)))
    if folded:
        parts.append(Part(folded=folded))
    return parts


def _merge_replaced(parts: list[Part]) -> list[Part]:
    """One block wholly removed and one of its kind added in its place: one block that shows both. Where several
    blocks were replaced by several, they stay apart: which old one became which new one is not known."""
    def only(part: Part | None, change: str) -> bool:
        return part is not None and not part.folded and all(piece.change == change for piece in part.pieces)

    merged: list[Part] = []
    index = 0
    while index < len(parts):
        part, following = parts[index], parts[index + 1] if index + 1 < len(parts) else None
        before, after = parts[index - 1] if index else None, parts[index + 2] if index + 2 < len(parts) else None
        if (only(part, REMOVED) and only(following, ADDED) and part.kind == following.kind
                and not only(before, REMOVED) and not only(after, ADDED)):
            merged.append(Part(part.kind, part.level, part.pieces + following.pieces))
            index += 2
        else:
            merged.append(part)
            index += 1
    return merged
