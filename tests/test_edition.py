"""Where the Versions page finds each version's PDFs (handbook_engine.site.edition): in the archive at the site
root's archive/, from a preview at previews/<name>/ too; the version a preview would make, in the preview itself."""

from __future__ import annotations

import datetime as dt

import pytest

from handbook_engine.history.page_changes import History
from handbook_engine.site import edition
from handbook_engine.versions.policy_versions import PolicyVersion, Record

PUBLISHED = PolicyVersion(id="2026-11-02-aaaaaaa", commit="a" * 40, in_force_from=dt.date(2026, 11, 2))
PENDING = PolicyVersion(id="2026-11-21-bbbbbbb", commit="b" * 40, in_force_from=dt.date(2026, 11, 21))


def pdfs(version: PolicyVersion, **preview) -> list[tuple[str, str]]:
    shown = edition.make([], History(), Record(versions=(PUBLISHED, PENDING)), "en", ["nl", "en"], "Europe/Amsterdam",
                         "https://intranet.example/", dt.date(2026, 11, 21), **preview)
    return shown.archived_pdfs(version)


@pytest.mark.parametrize(("version", "preview", "addresses"), [
    (PUBLISHED, {}, ["archive/2026-11-02-aaaaaaa/handbook.pdf", "archive/2026-11-02-aaaaaaa/en/handbook.pdf"]),
    (PUBLISHED, {"preview": True}, ["../../archive/2026-11-02-aaaaaaa/handbook.pdf", "../../archive/2026-11-02-aaaaaaa/en/handbook.pdf"]),
    (PUBLISHED, {"preview": True, "unkept": PENDING.id}, ["../../archive/2026-11-02-aaaaaaa/handbook.pdf",
                                                          "../../archive/2026-11-02-aaaaaaa/en/handbook.pdf"]),
    (PENDING, {"preview": True, "unkept": PENDING.id}, ["handbook.pdf", "en/handbook.pdf"]),
    (PENDING, {"preview": True, "unkept": ""}, ["../../archive/2026-11-21-bbbbbbb/handbook.pdf", "../../archive/2026-11-21-bbbbbbb/en/handbook.pdf"]),
])
def test_each_version_s_pdfs_relative_to_the_site_root(version, preview, addresses):
    assert pdfs(version, **preview) == list(zip(["nl", "en"], addresses))
