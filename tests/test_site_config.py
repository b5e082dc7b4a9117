"""mkdocs.yml read by the editors' tools (hooks/site_config.py) gives the values the build reads."""

from __future__ import annotations

import pytest
from conftest import materialise
from mkdocs.config import load_config

from handbook_engine.settings import site_config


@pytest.mark.parametrize(("value", "expected"), [
    (None, 30),  # unset: the default
    ("14", 14),  # a number, as YAML types it
    ("veel", "veel"),
    ("true", True),
    ("", None),
])
def test_the_command_line_and_the_build_read_the_same_env_value(tmp_path, monkeypatch, value, expected):
    config = materialise(tmp_path, docs=False) / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    text = config.read_text(encoding="utf-8").replace("due_soon_days: 30", "due_soon_days: !ENV [HANDBOOK_DUE_SOON, 30]")
    config.write_text(text, encoding="utf-8")
    monkeypatch.delenv("HANDBOOK_DUE_SOON", raising=False)
    if value is not None:
        monkeypatch.setenv("HANDBOOK_DUE_SOON", value)
    ours = site_config.load(config).data["extra"]["review"]["due_soon_days"]
    mkdocs = load_config(str(config)).extra["review"]["due_soon_days"]
    assert ours == mkdocs == expected
