"""Each build reads the review settings, the labels and today's date once, for all its language passes
(handbook_engine.site.build_context).

The build runs in this process, so that the functions every hook used to call
on its own can be counted: the hooks import `review_rules` and `labels` by
name, and find the modules this test has wrapped.
"""

from __future__ import annotations

import collections

import pytest
from conftest import small_handbook
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook_engine.settings import labels
from handbook_engine.pages import review_rules

PAGES = {
    "index.md": {"title": "Welkom", "last_reviewed": "2026-03-12"},
    "index.en.md": {"title": "Welcome", "last_reviewed": "2026-03-12"},
}


def build_in_process(project, monkeypatch) -> collections.Counter:
    """Build `project` as `mkdocs build` does, counting the reads."""
    counts: collections.Counter = collections.Counter()

    def counted(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            counts[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counted(review_rules, "settings_from_mapping")
    counted(review_rules, "today")
    counted(labels, "load")
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-11-21")
    monkeypatch.setenv("HANDBOOK_HISTORY", "off")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return counts


@pytest.mark.usefixtures("run_build")  # it builds, in this process rather than in a subprocess
def test_each_build_reads_settings_labels_and_today_once(tmp_path, monkeypatch):
    project = small_handbook(tmp_path / "handbook", PAGES)
    counts = build_in_process(project, monkeypatch)
    assert (project / "site" / "en" / "index.html").is_file()
    # Two passes, Dutch, then English (static-i18n's nested build), share one reading.
    assert dict(counts) == {"settings_from_mapping": 1, "load": 1, "today": 1}
