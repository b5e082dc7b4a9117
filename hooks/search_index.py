"""One search index per language, free of any site engine.

static-i18n writes a single index holding every language, so a Dutch reader
gets English results and the reverse. `split` makes one index per language,
with addresses relative to that language's root and the language's own
stemmer, and drops the repeated entries that rebuilds during `serve` add.
"""

from __future__ import annotations

from handbook_pages import Languages


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
    return {
        language: {**index, "config": {**index["config"], "lang": [language]}, "docs": entries}
        for language, entries in docs.items()
    }
