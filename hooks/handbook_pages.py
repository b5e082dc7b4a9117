"""The pages of the handbook as the review tools see them, free of any site engine.

Pages follow the suffix structure: `richtlijnen.md` is the Dutch original and
`richtlijnen.en.md` its English translation; both share the key
`richtlijnen.md` and the path `richtlijnen/` under their language's root.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import front_matter
import review_rules
from review_rules import OVERDUE, Problem, Review, ReviewSettings

REQUIRED_TEXT = ("title", "description")


@dataclass(frozen=True)
class Languages:
    """The handbook's languages: the default one first, served at the site root."""

    default: str
    others: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (self.default, *self.others)

    @classmethod
    def from_i18n(cls, languages: Iterable[Mapping]) -> Languages:
        """From the i18n plugin's `languages` list (only those that are built)."""
        built = [lang for lang in languages if lang.get("build", True)]
        defaults = [lang["locale"] for lang in built if lang.get("default")]
        if len(defaults) != 1:
            raise ValueError("plugins.i18n.languages: expected exactly one built language with 'default: true'")
        return cls(defaults[0], tuple(lang["locale"] for lang in built if not lang.get("default")))

    def split(self, path: str) -> tuple[str, str]:
        """`richtlijnen.en.md` -> ('richtlijnen.md', 'en'); `richtlijnen.md` -> ('richtlijnen.md', 'nl')."""
        head, extension = os.path.splitext(path)
        stem, dot, suffix = head.rpartition(".")
        if dot and suffix in self.others and "/" not in suffix:
            return stem + extension, suffix
        return path, self.default

    def join(self, key: str, language: str) -> str:
        """The inverse of `split`."""
        if language == self.default:
            return key
        pure = PurePosixPath(key)
        return str(pure.with_name(f"{pure.stem}.{language}{pure.suffix}"))

    def url(self, key: str, language: str) -> str:
        """The page's address relative to the site root, with directory URLs."""
        pure = PurePosixPath(key).with_suffix("")
        folders = pure.parts[:-1] if pure.name == "index" else pure.parts
        path = "".join(f"{folder}/" for folder in folders)
        return path if language == self.default else f"{language}/{path}"


@dataclass(frozen=True)
class PageRecord:
    """One Markdown file: its language, front matter, review and problems."""

    path: str
    key: str
    language: str
    url: str
    matter: front_matter.FrontMatter
    review: Review
    problems: tuple[Problem, ...]

    @property
    def title(self) -> str:
        title = self.matter.data.get("title")
        return title if isinstance(title, str) and title.strip() else self.key


def inspect(matter: front_matter.FrontMatter, settings: ReviewSettings, today: dt.date) -> tuple[Review, tuple[Problem, ...]]:
    """Every problem of one page's front matter, each with its line, and its review."""
    review = review_rules.assess(matter.data, settings, today)
    problems = [matter.problem] if matter.problem else []
    if not matter.problem:
        for key in REQUIRED_TEXT:
            value = matter.data.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(key, f"missing or empty; expected a line '{key}: ...' with text", matter.line_of(key)))
        problems.extend(
            Problem(problem.field, problem.message, matter.line_of(problem.field)) for problem in review.problems
        )
    return review, tuple(problems)


def load(docs_dir: Path, path: str, languages: Languages, settings: ReviewSettings, today: dt.date) -> PageRecord:
    """Read one page's front matter and judge it."""
    key, language = languages.split(path)
    matter = front_matter.read(docs_dir / path)
    review, problems = inspect(matter, settings, today)
    return PageRecord(path, key, language, languages.url(key, language), matter, review, problems)


def find(docs_dir: Path) -> list[str]:
    """Every Markdown file under `docs_dir`, as sorted POSIX paths relative to it."""
    found = []
    for folder, subfolders, names in os.walk(docs_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        relative = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.extend(prefix + name for name in names if name.endswith(".md"))
    return sorted(found)


def scan(docs_dir: Path, languages: Languages, settings: ReviewSettings, today: dt.date) -> list[PageRecord]:
    """Every page of the handbook, judged on `today`."""
    return [load(docs_dir, path, languages, settings, today) for path in find(docs_dir)]


def translation_problems(records: Iterable[PageRecord], languages: Languages, untranslated: Iterable[str]) -> list[tuple[str, Problem]]:
    """Originals without a translation (unless listed as untranslated) and translations without an original."""
    present = {(record.key, record.language) for record in records}
    untranslated = set(untranslated)
    found = []
    for key, language in sorted(present):
        if language == languages.default:
            for other in languages.others:
                if (key, other) not in present and key not in untranslated:
                    found.append((key, Problem(
                        "translation",
                        f"no {other} translation; expected {languages.join(key, other)}, "
                        f"or the page listed under extra.review.untranslated in mkdocs.yml",
                        1,
                    )))
        elif (key, languages.default) not in present:
            found.append((languages.join(key, language), Problem(
                "translation", f"translation without an original; expected {key} next to it", 1,
            )))
    for key in sorted(untranslated - {key for key, _ in present}):
        found.append(("mkdocs.yml", Problem("extra.review.untranslated", f"lists {key}, which does not exist")))
    return found


def original_update(translation: PageRecord, original: PageRecord | None) -> dt.date | None:
    """The date the original was reviewed, when that is later than the translation's review."""
    if original is None or translation.language == original.language:
        return None
    newer, older = original.review.last_reviewed, translation.review.last_reviewed
    if newer and older and newer > older:
        return newer
    return None


def overview_order(state: str, due: dt.date | None, title: str) -> tuple:
    """Sort key of the review overview: overdue first, then by due date."""
    return (state != OVERDUE, due or dt.date.min, title.casefold())


def as_json(records: Iterable[PageRecord], today: dt.date) -> dict:
    """The review data of every page in every language, for review.json and `report --format json`."""
    ordered = sorted(records, key=lambda record: (*overview_order(record.review.state, record.review.due, record.title), record.language))
    return {
        "date": today.isoformat(),
        "pages": [
            {
                "path": record.path,
                "language": record.language,
                "url": record.url,
                "title": record.title,
                "owner": record.review.owner,
                "last_reviewed": _iso(record.review.last_reviewed),
                "review_interval": record.review.interval,
                "next_review_due": _iso(record.review.due),
                "state": record.review.state,
                "problems": [f"{problem.field}: {problem.message}" for problem in record.problems],
            }
            for record in ordered
        ],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
