"""One search index per language, free of any site engine.

static-i18n writes a single index holding every language, so a Dutch reader
gets English results and the reverse. `split` makes one index per language,
with addresses relative to that language's root and the language's own
stemmer, and drops the repeated entries that rebuilds during `serve` add.
`merge` updates an index with the entries of the pages a live preview rebuilt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from handbook_pages import Languages

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


def split(index: dict, languages: Languages) -> dict[str, dict]:
    """The combined index as one index per language."""
    docs: dict[str, list[dict]] = {language: [] for language in languages.all}
    seen = set()
    for doc in index["docs"]:
        location = doc["location"]
        if location in seen:
            continue
        seen.add(location)
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
    variants = SPELLING_VARIANTS.get(language)
    if variants:
        config["fields"] = {**config["fields"], VARIANTS_FIELD: {"boost": 1.0}}
        docs = [{**doc, VARIANTS_FIELD: variants(doc["title"] + " " + doc["text"])} for doc in docs]
    return {**index, "config": config, "docs": docs}
