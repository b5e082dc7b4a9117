"""mkdocs.yml as plain data with the line of every key, free of any site engine.

The editors' tools read the configuration without MkDocs, and the build's
messages about it name the line: both read it here, with the project's one
YAML reader. MkDocs's `!ENV` tag is followed with MkDocs's own reader of it
(`pyyaml_env_tag`); Python object tags (used for Markdown extension options)
are read as empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
import yaml_env_tag

from handbook_engine import yaml_source
from handbook_engine.yaml_source import SettingError


LIST_ITEM = re.compile(r"(.+)\[(\d+)\]")


class _Loader(yaml_source.TextLoader):
    """Reads mkdocs.yml as MkDocs does for the parts the handbook uses."""


# MkDocs's own `!ENV VAR` and `!ENV [VAR, ..., default]`: a variable's value is
# typed as YAML types it (HANDBOOK_X=30 is the number 30), as in the build.
_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load(path: Path) -> yaml_source.Document:
    """Read mkdocs.yml; raise SourceError naming the line when it cannot be read."""
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
