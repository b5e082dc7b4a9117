"""mkdocs.yml as plain data with the line of every key, free of any site engine.

The editors' tools read the configuration without MkDocs, and the build's
messages about it name the line: both read it here, with the project's one
YAML reader. MkDocs's `!ENV` tag is followed with MkDocs's own reader of it
(`pyyaml_env_tag`); Python object tags (used for Markdown extension options)
are read as empty. A file named by `INHERIT:` (the engine's settings,
hooks/engine.yml) is merged under it as MkDocs merges it, with mergedeep:
mappings key by key, any other value replaced by the inheriting file's. The
lines are those of the file itself, where an organisation's settings are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import mergedeep
import yaml
import yaml_env_tag

from handbook_engine import yaml_source
from handbook_engine.yaml_source import SettingError


INHERIT = "INHERIT"
# A file that inherits from itself, through others, would never end.
MAX_INHERITED = 8
LIST_ITEM = re.compile(r"(.+)\[(\d+)\]")


class _Loader(yaml_source.TextLoader):
    """Reads mkdocs.yml as MkDocs does for the parts the handbook uses."""


# MkDocs's own `!ENV VAR` and `!ENV [VAR, ..., default]`: a variable's value is
# typed as YAML types it (HANDBOOK_X=30 is the number 30), as in the build.
_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load(path: Path, depth: int = 0) -> yaml_source.Document:
    """Read mkdocs.yml and what it inherits; raise SourceError naming the line when it cannot be read."""
    document = _read(path)
    data = dict(document.data)
    inherited = data.pop(INHERIT, None)
    if inherited is None:
        return yaml_source.Document(data, document.lines, document.duplicates)
    line = document.line_of((INHERIT,))
    if not isinstance(inherited, str) or not inherited.strip():
        raise yaml_source.SourceError(path, line, INHERIT, f"{yaml_source.described(inherited)}; expected the path of a file, like hooks/engine.yml")
    parent = path.parent / inherited
    if not parent.is_file():
        raise yaml_source.SourceError(path, line, INHERIT, f"{inherited}: no such file; expected the engine's settings, like hooks/engine.yml")
    if depth >= MAX_INHERITED:
        raise yaml_source.SourceError(path, line, INHERIT, f"more than {MAX_INHERITED} files inherit from each other; is there a loop?")
    base = load(parent, depth + 1)
    return yaml_source.Document(mergedeep.merge({}, base.data, data), document.lines, document.duplicates)


def _read(path: Path) -> yaml_source.Document:
    """One YAML file of the configuration, as written."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise yaml_source.SourceError(path, 1, "mkdocs.yml", f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise yaml_source.SourceError(path, 1, "encoding", f"not UTF-8 text ({error.reason}); save the file as UTF-8") from None
    try:
        document = yaml_source.load(text, loader=_Loader)
    except yaml_source.YamlError as error:
        raise yaml_source.SourceError(path, error.line, "mkdocs.yml", f"not valid YAML ({error.reason})") from None
    if not isinstance(document.data, dict):
        raise yaml_source.SourceError(path, 1, "mkdocs.yml", f"{yaml_source.described(document.data)}; expected 'key: value' lines")
    return document


def compose(text: str) -> yaml.Node | None:
    """mkdocs.yml's node tree, for edits that keep every other byte; raise YamlError."""
    return yaml_source.compose(text, loader=_Loader)


def located(path: Path, document: yaml_source.Document, error: SettingError) -> yaml_source.SourceError:
    """A setting's error with the line of its key."""
    return yaml_source.SourceError(path, line_of_key(document, error.key), error.key, error.message)


def all_located(path: Path, document: yaml_source.Document, errors: Iterable[SettingError]) -> yaml_source.Errors:
    """Settings' errors with the lines of their keys, in the order of the lines."""
    return yaml_source.Errors(sorted((located(path, document, error) for error in errors), key=lambda error: error.line))


def line_of_key(document: yaml_source.Document, key: str) -> int:
    """The line of a dotted key like 'extra.review.timezone' or 'extra.contacts[2].email' (N counts from 1),
    or of the nearest key above it."""
    path = tuple(part for name in key.split(".") for part in _parts(name))
    if any(isinstance(part, int) for part in path):
        return document.line_of(path)
    # Keys named without list positions: plugins.i18n stands at plugins[1].i18n.
    by_name = {tuple(part for part in path if not isinstance(part, int)): line for path, line in document.lines.items()}
    while path and path not in by_name:
        path = path[:-1]
    return by_name.get(path, 1)


def _parts(name: str) -> tuple:
    """'contacts[2]' -> ('contacts', 1): the key and the list position it names, counted from 0."""
    match = LIST_ITEM.fullmatch(name)
    return (match[1], int(match[2]) - 1) if match else (name,)


def section(data: object, *keys: str) -> dict:
    """`data[keys[0]][keys[1]]...` when each level is a mapping, else {}."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}
