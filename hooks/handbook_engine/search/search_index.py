"""One search index per language, free of any site engine.

static-i18n writes a single index holding every language, so a Dutch reader
gets English results and the reverse. `split` makes one index per language,
with addresses relative to that language's root and the language's own
stemmer, and drops the repeated entries that rebuilds during `serve` add.
`merge` updates an index with the entries of the pages a live preview rebuilt.

Employees type questions ("mag ik een foto van een collega plaatsen"), and
Material turns every word of a query into a prefix search, so 'ik' and 'een'
match every word that starts with them and drown the words that matter. Each
language's separator therefore also takes out that language's stop words,
from the index and from the query alike, and a page's front matter
`keywords` (the words people search with that the text does not use) become a
field of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from handbook_engine.languages.page_languages import Languages

TAG = re.compile(r"<[^>]+>")
# Dutch writes a long vowel double in a closed syllable and single in an open
# one: voordeel / voordelen, beoordeel / beoordelen, groot / grote. The search
# stemmer turns "voordelen" into "voordel", which the query "voordeel" does not
# match, so the index also gets the closed-syllable form of such words.
OPEN_SYLLABLE = re.compile(r"(\w*?[^\Waeiou])([aeiou])([b-df-hj-np-tv-z])(?:en|e)")
WORD = re.compile(r"\w+")
VARIANTS_FIELD = "variants"


def dutch_variants(text: str) -> str:
    """The closed-syllable forms of the words in `text`: 'voordelen' -> 'voordeel'."""
    variants = {_closed_syllable(word) for word in set(WORD.findall(TAG.sub(" ", text).lower()))}
    variants.discard(None)
    return " ".join(sorted(variants))


# A handbook repeats its words: each is judged once per build.
@functools.lru_cache(maxsize=65536)
def _closed_syllable(word: str) -> str | None:
    match = OPEN_SYLLABLE.fullmatch(word)
    return match[1] + match[2] * 2 + match[3] if match else None


SPELLING_VARIANTS = {"nl": dutch_variants}
LUNR_DEFAULT = "en"

# lunr's own stop word lists (lunr-languages for Dutch, lunr for English): its
# stop word filter drops them from the index, but Material sends every query
# word with a '*' appended, which skips that filter. Dutch adds two words that
# start nearly every question here, 'mag' (mag ik ...) and 'doe' (wat doe ik
# ...), and both languages the 'e' that the separator leaves of 'e-mail'.
STOP_WORDS = {
    "nl": tuple("""
        aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen
        geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer
        men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit
        uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
        mag doe e
    """.split()),
    "en": tuple("""
        a able about across after all almost also am among an and any are as at be because been but by can cannot could
        dear did do does either else ever every for from get got had has have he her hers him his how however i if in into
        is it its just least let like likely may me might most must my neither no nor not of off often on only or other our
        own rather said say says she should since so some than that the their them then there these they this tis to too
        twas us wants was we were what when where which while who whom why will with would yet you your
        e
    """.split()),
}
# A stop word is a whole word: not preceded or followed by a letter, digit or
# apostrophe, so 'de' goes but 'deze', 'zo'n' and "it's" stay.
WORD_EDGE = r"[0-9A-Za-z_\u00C0-\u024F'\u2019]"
KEYWORDS_FIELD = "keywords"
# Between the text (1) and a heading (1000). Measured with
# scripts/search_benchmark.py: 50 left half the questions that needed a
# keyword below the third result; 500 showed the page entry but no longer the
# section that answers; 300 keeps most of both.
KEYWORDS_BOOST = 300.0


def stop_word_separator(separator: str, words: Iterable[str]) -> str:
    """`separator` (a JavaScript regular expression) that also matches each of `words` as a whole word, in any case.

    Material splits both the indexed text and the typed query with the
    separator, so a word it matches is neither indexed nor searched for.
    """
    alternatives = "|".join(_any_case(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))
    return f"{separator}|(?<!{WORD_EDGE})(?:{alternatives})(?!{WORD_EDGE})" if alternatives else separator


def _any_case(word: str) -> str:
    return "".join(f"[{char}{char.upper()}]" if char.isalpha() else re.escape(char) for char in word.lower())


def keywords_text(value: object) -> str:
    """A page's front matter `keywords` as text to index: a list of words or phrases, or one text separated by commas."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, (list, tuple)):
        parts = [part for part in value if isinstance(part, str)]
    else:
        return ""
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def split(index: dict, languages: Languages, keywords: Mapping[str, str] | None = None) -> dict[str, dict]:
    """The combined index as one index per language.

    `keywords` maps a page's address in the combined index ('en/regels/') to
    the text of its front matter keywords, which its page entry (the one
    without '#') gets as the keywords field.
    """
    keywords = keywords or {}
    docs: dict[str, list[dict]] = {language: [] for language in languages.all}
    seen = set()
    for doc in index["docs"]:
        location = doc["location"]
        if location in seen:
            continue
        seen.add(location)
        if keywords.get(location):
            doc = {**doc, KEYWORDS_FIELD: keywords[location]}
        prefix = location.split("/", 1)[0]
        if prefix in languages.others:
            docs[prefix].append({**doc, "location": location[len(prefix) + 1:]})
        else:
            docs[languages.default].append(doc)
    return {language: _language_index(index, language, entries) for language, entries in docs.items()}


def merge(previous: list[dict], fresh: list[dict], rebuilt: Iterable[str]) -> list[dict]:
    """The entries after rebuilding the pages at the addresses `rebuilt`, whose entries are `fresh`.

    A rebuilt page's entries take the place of its previous ones, so that the
    index is the one a full build would write.
    """
    rebuilt = set(rebuilt)
    fresh_by_page: dict[str, list[dict]] = {}
    for doc in fresh:
        fresh_by_page.setdefault(_page_of(doc), []).append(doc)
    merged = []
    for doc in previous:
        page = _page_of(doc)
        if page not in rebuilt:
            merged.append(doc)
        elif page in fresh_by_page:
            merged.extend(fresh_by_page.pop(page))
    for docs in fresh_by_page.values():
        merged.extend(docs)
    return merged


def _page_of(doc: dict) -> str:
    return doc["location"].split("#", 1)[0]


def _language_index(index: dict, language: str, docs: list[dict]) -> dict:
    # The combined index lists the languages lunr has a stemmer for (static-i18n
    # leaves out the others, such as Polish); Material would fetch a stemmer
    # that does not exist for those, so they search with lunr's default, English.
    lang = language if language in index["config"]["lang"] else LUNR_DEFAULT
    config = {**index["config"], "lang": [lang]}
    if language in STOP_WORDS:
        config["separator"] = stop_word_separator(config["separator"], STOP_WORDS[language])
    if any(KEYWORDS_FIELD in doc for doc in docs):
        config["fields"] = {**config["fields"], KEYWORDS_FIELD: {"boost": KEYWORDS_BOOST}}
    variants = SPELLING_VARIANTS.get(language)
    if variants:
        config["fields"] = {**config["fields"], VARIANTS_FIELD: {"boost": 1.0}}
        docs = [{**doc, VARIANTS_FIELD: variants(doc["title"] + " " + doc["text"])} for doc in docs]
    return {**index, "config": config, "docs": docs}
