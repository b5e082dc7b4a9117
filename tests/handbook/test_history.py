"""This handbook's own record starts at its `extra.review.history_since`: no maintainer's commit before it
shows to readers on What's new or in a feed, in any language. Built from a clone, with its history."""

from __future__ import annotations

import pytest
from conftest import READ_HISTORY, git
from this_handbook import CONFIG, PROJECT

from handbook_engine.pages import review_rules
from handbook_engine.settings import site_config


def test_this_handbooks_whats_new_and_feeds_show_no_commit_before_its_history_since(tmp_path, run_build):
    """This repository's own record starts at `history_since`: none of the maintainers' commits it contains is a
    note to readers on What's new or in a feed, in any language."""
    settings = review_rules.settings_from_mapping(site_config.section(CONFIG, "extra", "review"))
    since = settings.history_since
    assert since is not None, "mkdocs.yml sets no extra.review.history_since: every maintainer's commit would show to readers"
    if git(PROJECT, "rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone has no history to show; the publish jobs fetch it all and build strictly")
    clone = tmp_path / "handbook"
    git(tmp_path, "clone", "--quiet", "--local", str(PROJECT), str(clone))
    build = run_build(clone, review_rules.today(settings, {}).isoformat(), env=READ_HISTORY)  # the real today, as HR's edits stand
    assert build.returncode == 0, build.log
    before = git(clone, "log", "--format=%s", since, "--", "docs").splitlines() if isinstance(since, str) else \
        git(clone, "log", "--format=%s", f"--before={since.isoformat()}T00:00", "--", "docs").splitlines()
    published = {path.relative_to(build.site).as_posix(): path.read_text(encoding="utf-8")
                 for path in build.site.rglob("*") if path.name == "feed.xml" or path.parent.name in ("wat-is-er-nieuw", "whats-new")}
    assert len(published) >= 2 and before
    shown = {(name, subject) for name, text in published.items() for subject in before if len(subject) > 12 and xml_text(subject) in text}
    assert shown == set()


def xml_text(text: str) -> str:
    """`text` as HTML and XML print it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
