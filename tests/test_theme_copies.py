"""Files copied from Material into overrides/ cannot drift silently from their originals.

Each copy names the Material template it was made from and that original's
hash ("theme-original: partials/nav-item.html sha256:..."). When Material is
upgraded and an original changes, the copy must be redone: see hooks/README.md,
"Upgrading Material: the copied templates".
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
MARK = re.compile(r"theme-original: (\S+) sha256:([0-9a-f]{64})")


def marks(path: Path) -> list[tuple[str, str]]:
    return MARK.findall(path.read_text(encoding="utf-8"))


COPIES = sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*") if path.is_file() and marks(path))


def drifted(copy: Path, material_templates: Path) -> list[str]:
    """The originals of `copy` whose content is no longer the one it was made from."""
    found = []
    for original, recorded in marks(copy):
        source = material_templates / original
        if not source.is_file():
            found.append(f"{original}: no longer in Material")
        elif hashlib.sha256(source.read_bytes()).hexdigest() != recorded:
            found.append(f"{original}: changed since the copy was made")
    return found


@pytest.mark.parametrize("copy", COPIES)
def test_the_original_of_each_copied_theme_file_is_unchanged(copy):
    assert drifted(OVERRIDES / copy, MATERIAL) == [], f"overrides/{copy}: redo the copy from the new original (hooks/README.md, 'Upgrading Material')"


def test_every_file_that_takes_the_place_of_a_material_file_names_its_original():
    replacing = sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*")
                       if path.is_file() and (MATERIAL / path.relative_to(OVERRIDES)).is_file())
    assert replacing, "overrides/ replaces some of Material's templates"
    assert [path for path in replacing if path not in COPIES] == []


def test_a_changed_original_is_found(tmp_path):
    copy = tmp_path / "nav-item.html"
    original = MATERIAL / "partials" / "nav-item.html"
    copy.write_text(f"{{#- theme-original: partials/nav-item.html sha256:{hashlib.sha256(original.read_bytes()).hexdigest()} -#}}\n",
                    encoding="utf-8")
    assert drifted(copy, MATERIAL) == []
    changed = tmp_path / "templates" / "partials"
    changed.mkdir(parents=True)
    (changed / "nav-item.html").write_bytes(original.read_bytes() + b"\n")
    assert drifted(copy, tmp_path / "templates") == ["partials/nav-item.html: changed since the copy was made"]
    assert drifted(copy, tmp_path / "elsewhere") == ["partials/nav-item.html: no longer in Material"]
