"""The facts of a page that its translation must state alike: numbers, periods, day counts, articles of law, dates.

"twee werkdagen" and "two working days" are both `2 working days`; "72 uur" and
"72 hours" both `72 hours`; "art. 7:660 BW" and "Article 7:660 of the Civil
Code" both `art 7:660`; "30 november" and "30 November" both `30 November`. A
test compares the facts of each Dutch page with those of its English one, so
that neither language states another period or adds a number.

What counts: the page's title, description and text; not its other front matter
(review dates, search boost), code, link targets, heading ids or ordered-list numbers.
Each fact counts once per page, however often it is repeated.

Run with two pages, it prints the facts that only one of them has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from handbook_engine.pages import front_matter
from handbook_engine.text_checks.markdown_text import reader_text

WORDS = {
    "nl": {
        "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
        "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
        "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
        "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100, "duizend": 1000,
    },
    "en": {
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    },
}
# Words for one: a number only before a period ("één week", "one week"); elsewhere "one of", "no one", "één medewerker".
ONE = {"nl": ("één", "eén"), "en": ("one",)}
# An article counts as one only in a period after one of these words: "binnen een maand", "within a month"
# (not "once a year", "a quarter of an hour", "een medewerker").
ARTICLE_ONE = {
    "nl": (("een",), ("binnen", "na", "voor", "over", "uiterlijk", "hooguit", "maximaal", "minstens", "minimaal", "ten minste", "dan", "tot")),
    "en": (("a", "an"), ("within", "after", "for", "in", "over", "at most", "at least", "up to", "than", "no more than")),
}
# Periods said in a word of their own.
SAYINGS = {
    "nl": ((r"\banderhalf\s+jaar\b", "18 months"), (r"\b(?:een\s+)?half\s*jaar\b", "6 months"),
           (r"\b(?:een\s+)?kwartier\b", "15 minutes"), (r"\b(?:een\s+)?half\s+uur\b", "30 minutes")),
    "en": ((r"\b(?:a\s+)?year\s+and\s+a\s+half\b", "18 months"), (r"\bhalf\s+a\s+year\b|\bhalf-year\b", "6 months"),
           (r"\b(?:a\s+)?quarter\s+of\s+an\s+hour\b", "15 minutes"), (r"\bhalf\s+an\s+hour\b", "30 minutes"),
           (r"\b(?:a\s+)?fortnight\b", "2 weeks")),
}
# Words between a number and its unit that leave the number as it is: "50 of meer medewerkers", "fifty or more employees".
OR_MORE = {"nl": r"(?:of\s+meer|of\s+minder)", "en": r"(?:or\s+more|or\s+fewer|or\s+less)"}
# Idioms with a number word that state no number.
# "in acht nemen" (to observe) has no eight in it, nor "the two of you" a count.
IDIOMS = {"nl": (r"\bin\s+acht\b(?=\s*(?:nemen|genomen|neemt|neem|[.,;:!?)]|$))",), "en": (r"\bthe\s+two\s+of\s+(?:you|us|them)\b",)}
# The units that are periods: only before one of these is an article or "one" a number.
PERIODS = {"working days", "days", "weeks", "months", "years", "hours", "minutes"}
# Each language's unit words (singular and plural) and the name of the unit in a fact.
UNITS = {
    "nl": {
        "werkdag": "working days", "werkdagen": "working days", "dag": "days", "dagen": "days",
        "week": "weeks", "weken": "weeks", "maand": "months", "maanden": "months", "jaar": "years", "jaren": "years",
        "uur": "hours", "uren": "hours", "minuut": "minutes", "minuten": "minutes", "procent": "%",
        "medewerker": "employees", "medewerkers": "employees", "werknemer": "employees", "werknemers": "employees",
    },
    "en": {
        "working day": "working days", "working days": "working days", "business day": "working days",
        "business days": "working days", "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
        "month": "months", "months": "months", "year": "years", "years": "years", "hour": "hours", "hours": "hours",
        "minute": "minutes", "minutes": "minutes", "percent": "%", "per cent": "%",
        "employee": "employees", "employees": "employees",
    },
}
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
MONTH_NAMES = MONTHS["en"]

# An article of law: Book:article (7:660, 6:193g), or art./artikel/Article N with its paragraph and point,
# written the Dutch way (art. 6 lid 1 onder f) or the English way (Article 6(1)(f)).
BOOK_ARTICLE = re.compile(r"(?<![\w:])(\d{1,2}):(\d{1,4}[a-z]{0,2})(?![\w:])")
ARTICLE = re.compile(
    r"\b(?:art\.|artikel|artikelen|article|articles)\s+(\d{1,4}[a-z]?)((?:\(\d+\))*)((?:\([a-z]\))*)"
    r"(?:\s+lid\s+(\d+))?(?:\s+(?:onder|sub)\s+([a-z])\b)?",
    re.IGNORECASE,
)
NUMBER = r"\d+(?:[.,]\d+)?"


def facts(page: str, language: str) -> set[str]:
    """The facts of a page's text (front matter included) in `language` ('nl' or 'en')."""
    matter = front_matter.parse(page)
    body = "".join(page.removeprefix(front_matter.BOM).splitlines(keepends=True)[matter.body_line - 1:]) if not matter.problems else page
    header = [str(matter.data.get(key, "")) for key in ("title", "description")]
    return text_facts("\n".join([*header, body]), language)


def text_facts(text: str, language: str) -> set[str]:
    """The facts of plain text in `language`."""
    text = reader_text(text)  # not facts: link targets, heading ids, HTML, code, ordered-list numbers
    found: set[str] = set()
    text = _take(BOOK_ARTICLE, text, found, lambda m: f"art {m[1]}:{m[2].lower()}")
    text = _take(ARTICLE, text, found, _article)
    text = _take(_dates(language), text, found, lambda m: _date(m, language))
    for saying, fact in SAYINGS[language]:
        text = _take(re.compile(saying, re.IGNORECASE), text, found, lambda m, fact=fact: fact)
    text = _take(_periods_of_one(language), text, found, lambda m: f"1 {_unit(m[1], language)}")
    text = _take(_quantities(language), text, found, lambda m: _quantity(m, language))
    text = _take(_month(language), text, found, lambda m: MONTH_NAMES[_month_index(m[1], language)])
    for match in re.finditer(rf"(?<![\w.,]){NUMBER}(?![\w]|[.,]\d)", text):
        found.add(_number(match[0]))
    for idiom in IDIOMS[language]:
        text = re.sub(idiom, " ", text, flags=re.IGNORECASE)
    words = WORDS[language]
    for match in re.finditer(r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", text, re.IGNORECASE):
        found.add(str(words[match[1].lower()]))
    return found


def _take(pattern: re.Pattern, text: str, found: set[str], fact) -> str:
    """Add the fact of each match and blank the match out, so that a later pattern does not count it again."""
    def replace(match: re.Match) -> str:
        value = fact(match)
        if value is not None:
            found.add(value)
        return " "
    return pattern.sub(replace, text)


def _article(match: re.Match) -> str:
    number, paragraphs, points, lid, onder = match.groups()
    paragraphs = paragraphs or (f"({lid})" if lid else "")
    points = points or (f"({onder})" if onder else "")
    return f"art {number.lower()}{paragraphs}{points.lower()}"


def _number_words(language: str) -> str:
    return "|".join(sorted([*WORDS[language], *ONE[language]], key=len, reverse=True))


def _units(language: str, only: set[str] | None = None) -> str:
    names = [unit for unit, name in UNITS[language].items() if only is None or name in only]
    return "|".join(re.escape(unit).replace(r"\ ", r"\s+") for unit in sorted(names, key=len, reverse=True))


def _unit(word: str, language: str) -> str:
    return UNITS[language][re.sub(r"\s+", " ", word.lower())]


def _periods_of_one(language: str) -> re.Pattern:
    articles, before = ARTICLE_ONE[language]
    words = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in before)
    return re.compile(rf"\b(?:{words})\s+(?:{'|'.join(articles)})\s+({_units(language, PERIODS)})\b", re.IGNORECASE)


def _quantities(language: str) -> re.Pattern:
    units = _units(language)
    # "twee werkdagen", "72 uur", "72-hour", "two-year", "50%".
    return re.compile(rf"(?<![\w.,])({NUMBER}|{_number_words(language)})(?:\s+{OR_MORE[language]})?(?:\s+|-)({units})\b"
                      rf"|(?<![\w.,])({NUMBER})\s?(%)", re.IGNORECASE)


def _quantity(match: re.Match, language: str) -> str | None:
    amount, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    amount = amount.lower()
    value = 1 if amount in ONE[language] else WORDS[language].get(amount)
    number = str(value) if value is not None else _number(amount)
    name = "%" if unit == "%" else _unit(unit, language)
    if amount in ONE[language] and name not in PERIODS:
        return None  # "één medewerker": any one employee, not a count
    return f"{number}%" if name == "%" else f"{number} {name}"


def _month(language: str) -> re.Pattern:
    # "may" is a verb: May (and so mei) counts only in a date.
    names = [name for name in MONTHS[language] if name not in ("May", "mei")]
    return re.compile(r"\b(" + "|".join(names) + r")\b", 0 if language == "en" else re.IGNORECASE)


def _dates(language: str) -> re.Pattern:
    names = "|".join(MONTHS[language])
    flags = 0 if language == "en" else re.IGNORECASE
    # 30 november (2026), November 30(, 2026), 2026-11-30.
    return re.compile(
        rf"\b(\d{{1,2}})\s+({names})(?:\s+(\d{{4}}))?\b|\b({names})\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b|\b(\d{{4}})-(\d{{2}})-(\d{{2}})\b",
        flags,
    )


def _date(match: re.Match, language: str) -> str:
    if match[7]:
        year, month, day = match[7], int(match[8]), int(match[9])
        return f"{int(day)} {MONTH_NAMES[month - 1]} {year}"
    day, name, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
    return " ".join(filter(None, [str(int(day)), MONTH_NAMES[_month_index(name, language)], year]))


def _month_index(name: str, language: str) -> int:
    return [month.lower() for month in MONTHS[language]].index(name.lower())


def _number(text: str) -> str:
    """'2,5' and '2.5' alike; '05' as '5'."""
    whole, _, fraction = text.replace(",", ".").partition(".")
    return f"{int(whole)}.{fraction}" if fraction else str(int(whole))


def difference(dutch: set[str], english: set[str]) -> tuple[list[str], list[str]]:
    """(facts only the Dutch page has, facts only the English page has), sorted.

    A number with its unit in one language and without it in the other ("onder de 16 jaar", "under 16")
    is the same fact; a number with another unit ("twee dagen", "two weeks") is not."""
    def unmatched(these: set[str], those: set[str]) -> list[str]:
        bare = {fact.split(" ", 1)[0] for fact in those}
        return sorted(fact for fact in these - those if not (" " in fact and fact.split(" ", 1)[0] in those) and fact not in bare)
    return unmatched(dutch, english), unmatched(english, dutch)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dutch", type=Path, help="the Dutch page, like docs/monitoring.md")
    parser.add_argument("english", type=Path, help="its English translation, like docs/monitoring.en.md")
    args = parser.parse_args(argv)
    only_dutch, only_english = difference(facts(args.dutch.read_text(encoding="utf-8"), "nl"),
                                          facts(args.english.read_text(encoding="utf-8"), "en"))
    for path, only in ((args.dutch, only_dutch), (args.english, only_english)):
        for fact in only:
            print(f"{path}: {fact!r} is not in the other language")
    return 1 if only_dutch or only_english else 0


if __name__ == "__main__":
    raise SystemExit(main())
