"""Withdrawn pages keep their address: which pages the versions in force removed, free of any site engine.

A version that removes a page withdraws its rule from the version's day on.
Its address, in every language, then serves a notice (`hooks/withdrawn_pages.py`,
`overrides/withdrawn.html`): the rule was withdrawn, since which day and in
which version, with a link to the last version that held it (its archived
PDFs). A page that is back in the handbook (added again later) is no longer
withdrawn, and an upcoming version's removals wait for its day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from handbook_engine.versions.policy_versions import REMOVED, ChangedPage, PolicyVersion, Record


@dataclass(frozen=True)
class Withdrawal:
    """A page withdrawn by `version`, and the version before it, the last that held it (None when the record starts later)."""

    page: ChangedPage
    version: PolicyVersion
    last_held_by: PolicyVersion | None

    def title(self, language: str, default: str) -> str:
        """The page's title in `language`, else in the default language (the page may have had no translation)."""
        titles = self.page.titles
        return titles.get(language) or titles.get(default) or self.page.path


def withdrawn(record: Record, today: dt.date, present: Collection[str]) -> list[Withdrawal]:
    """The pages the versions in force by `today` removed, by the last version that removed each, leaving out the
    keys of the pages `present` in the handbook built."""
    applied = [version for version in record.applying() if version.in_force_from <= today]
    found: dict[str, Withdrawal] = {}
    for before, version in zip([None, *applied], applied):
        for page in version.pages:
            found.pop(page.path, None)  # changed or added again: not withdrawn (unless removed again later)
            if page.change == REMOVED and page.path not in present:
                found[page.path] = Withdrawal(page, version, before)
    return sorted(found.values(), key=lambda withdrawal: withdrawal.page.path)
