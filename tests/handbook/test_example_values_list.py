"""The handbook's list of example values (docs/checks/example_values.yml): well formed, each entry still found
where it looks (a stale entry would let `check --examples` pass while the example is still there), and the
examples among its contacts and owners reach nobody. A page removed takes nothing from the list with it: an
entry whose files are all gone is left out."""

from __future__ import annotations

import re

import pytest
from this_handbook import CONFIG, DOCS, LANGUAGES, PROJECT

from handbook_engine.pages import example_values

LIST = PROJECT / example_values.LIST
# Domains reserved for examples (RFC 2606) and a phone number no one can dial.
EXAMPLE_DOMAINS = {"example.com", "example.org", "example.net"}
PLACEHOLDER_PHONE = re.compile(r"\+\d{1,3}(?: [0-9x]+)+")


@pytest.fixture(scope="module")
def examples():
    if not LIST.is_file():
        return []
    return example_values.load(LIST)


def test_the_list_is_well_formed(examples):
    """Loading it raises on the first mistake, naming its line and field (example_values.load)."""
    assert all(example.what and example.replace for example in examples)


def test_every_entry_is_found_where_it_looks(examples, left_out):
    stale = []
    for example in examples:
        files = [(file, texts) for file, texts in example_values.files_of(example, PROJECT, DOCS, LANGUAGES) if file.is_file()]
        if not files:
            left_out.append(f"example value {example.what!r}: left out, none of its files is in the handbook")
            continue
        for text in sorted({text for _, texts in files for text in texts}):
            holding = [file for file, texts in files if text in texts and list(example_values.occurrences(file.read_text(encoding="utf-8"), [text]))]
            if not holding:
                stale.append(f"{example.what}: {text!r} is in none of the files it looks in; update the entry's texts, or delete it")
    assert stale == []


def test_the_example_contacts_reach_nobody(examples):
    """Where a contact's or an owner's address is an example value, it is one nobody answers."""
    texts = {text for example in examples for values in example.texts.values() for text in values}
    extra = CONFIG.get("extra", {})
    addresses = [contact.get(field) for contact in extra.get("contacts") or [] for field in ("email", "phone")]
    addresses += [owner.get("email") for owner in (extra.get("review", {}).get("owners") or {}).values()]
    examples_used = [address for address in addresses if isinstance(address, str) and any(text in address for text in texts)]
    reachable = [address for address in examples_used
                 if not (address.rpartition("@")[2] in EXAMPLE_DOMAINS if "@" in address else PLACEHOLDER_PHONE.fullmatch(address) and "x" in address)]
    assert reachable == []


def test_the_tool_lists_every_entry(capsys):
    """`python scripts/example_values.py` lists the list of the repository it is in (it reads no other): what each
    entry is, where it lives and what to put there."""
    root = example_values.ROOT
    if not (root / example_values.LIST).is_file():
        return
    listed = example_values.load(root / example_values.LIST)
    assert example_values.main([]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if not line.startswith("  ")] == [example.what for example in listed]
