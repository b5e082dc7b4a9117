"""A page's data for the site's templates, made in one step from the project's reading of the page, free of any site engine.

The front matter is read once, by the project (`front_matter`, with the line
of every key): MkDocs is given the page's text without it (`body_text`), so
it parses nothing. `page_meta` then makes the page's data in this order, each
step from the page's record, the history and the settings:

1. the front matter the theme may act on: the known keys, less those whose
   value is wrong (`template: nonsense` would stop the build);
2. the title, escaped once: Material prints titles as HTML;
3. the review line's data, in the language of the pass (a page shown in the
   other language's site untranslated says so);
4. `status: overdue`, which Material's navigation marks;
5. the history: the day the text last changed and the changes the page lists.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from handbook_engine.history.page_changes import History
from handbook_engine.pages import front_matter
from handbook_engine.pages import review_rules
from handbook_engine.pages.handbook_pages import PageRecord
from handbook_engine.pages.page_checks import KEYS, THEME_KEYS
from handbook_engine.pages.review_rules import OVERDUE, ReviewSettings
from handbook_engine.settings import owners


def page_meta(record: PageRecord, original: PageRecord | None, history: History, settings: ReviewSettings, language: str) -> dict:
    """The data of the page `record` in the pass of `language`; `original` is the default language's record of a translation."""
    meta = theme_meta(record)
    if "title" in meta:
        meta["title"] = escape(meta["title"])
    review = record.review
    meta["review"] = {
        "state": review.state,
        "owner": owners.names_in(review.owners, settings.owners, language),
        "last_reviewed": review.last_reviewed,
        "due": review.due,
        "soon": review_rules.due_soon_from(review.due, settings.due_soon_days) if review.due else None,
        "timezone": settings.timezone,
        "invalid": bool(record.problems),
        "written_in": record.language,
        "untranslated": record.language != language,
        "original_updated": original_update(record, original),
    }
    if review.state == OVERDUE:
        meta["status"] = OVERDUE
    last_changed = history.last_changed(record.path)
    if last_changed is not None:
        meta["history"] = {"last_changed": last_changed, "changes": history.listed(record.path)}
    return meta


def theme_meta(record: PageRecord) -> dict:
    """The front matter the site engine and theme may act on: the known keys, less those with a bad value."""
    bad = {problem.field for problem in record.problems}
    return {key: value for key, value in record.matter.data.items() if key in KEYS and not (key in THEME_KEYS and key in bad)}


def title_text(record: PageRecord) -> str | None:
    """The title the page's front matter gives, as plain text (page_meta gives the theme its escaped form); None without one."""
    title = theme_meta(record).get("title")
    return title if isinstance(title, str) else None


def original_update(translation: PageRecord, original: PageRecord | None) -> dt.date | None:
    """The date the original was reviewed, when that is later than the translation's review."""
    if original is None or translation.language == original.language:
        return None
    newer, older = original.review.last_reviewed, translation.review.last_reviewed
    if newer and older and newer > older:
        return newer
    return None


def body_text(raw: bytes, record: PageRecord) -> str:
    """The page's text as MkDocs is to read it: after the front matter `record` was read from, with line endings as
    MkDocs reads them and bytes that are not UTF-8 replaced (the page's problem is already reported). It starts with an
    empty line, so that MkDocs takes none of it for front matter, and drops that line itself."""
    text = front_matter.decode(raw)[0].removeprefix(front_matter.BOM).replace("\r\n", "\n").replace("\r", "\n")
    return "\n" + "".join(text.splitlines(keepends=True)[record.matter.body_line - 1:])
