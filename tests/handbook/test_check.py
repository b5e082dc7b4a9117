"""`check` passes on the handbook as it stands: front matter, translation pairs, CODEOWNERS (what CI's check job
runs: a page added without `make codeowners` fails here, not first in the pipeline); and its contact channels
are sound. An overdue page or one due soon is no finding: that is the readers' warning, the owners' e-mail and
the nightly review report."""

from __future__ import annotations

from conftest import HANDBOOK_TODAY
from this_handbook import CONFIG, PROJECT

from handbook_engine.cli import handbook
from handbook_engine.settings import contact_channels


def test_check_finds_nothing(monkeypatch, capsys):
    if HANDBOOK_TODAY:
        monkeypatch.setenv("HANDBOOK_TODAY", HANDBOOK_TODAY)
    assert handbook.main(["--config", str(PROJECT / "mkdocs.yml"), "check"]) == 0, capsys.readouterr().out


def test_its_contact_channels_are_sound():
    assert contact_channels.problems(CONFIG.get("extra", {}).get("contacts")) == []
