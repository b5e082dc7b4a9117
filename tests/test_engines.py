"""The handbook builds alike with MkDocs 1.6.1 and with ProperDocs, the maintained fork of MkDocs 1.6.

This is the way off MkDocs 1.6 (DECISIONS.md, "Engine and theme after 2027-05-05"): while it passes, changing engine is
changing `mkdocs` to `properdocs` where the build is started (the Makefile's `build`, the
preview server, `run_build` here). ProperDocs installs its own module, `properdocs`, beside
`mkdocs` in the same venv (requirements.txt pins both); when it runs, it points every
`mkdocs.*` import at `properdocs.*`, so the hooks' `from mkdocs... import ...` and Material's
and static-i18n's need no change. Both builds are of one copy of the two-language fixture handbook,
with a Git history and a site_url, so that the feeds, the history and the sitemap are in them too; the
fixture links to the engine's hooks/ and overrides/, as the tests' handbooks do.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_DATE, READ_HISTORY, ROOT, TWO_LANGUAGES, Build, committed, materialise, small_handbook

from handbook_testing import html_facts

ENGINES = ("mkdocs", "properdocs")
SITE_URL = "https://handboek.example.org/"
# What may differ: the engine's name and version where a page or feed names its generator.
GENERATOR = re.compile(rb"\b(?:mkdocs|properdocs)-\d+(?:\.\d+)+\b|(?<=<generator)[^<]*(?=</generator>)", re.IGNORECASE)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, run_build) -> dict[str, Build]:
    """The two-language fixture built once with each engine: {engine: its build}."""
    project = committed(materialise(tmp_path_factory.mktemp("engines") / "handbook"))
    builds = {}
    for engine in ENGINES:
        site = tmp_path_factory.mktemp(f"site-{engine}")
        builds[engine] = run_build(project, FIXTURE_DATE, site=site, engine=engine,
                                   env={**READ_HISTORY, "HANDBOOK_SITE_URL": SITE_URL})
        assert builds[engine].returncode == 0, f"{engine}:\n{builds[engine].log}"
    return builds


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_properdocs_is_the_version_requirements_txt_pins():
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if "==" in line and not line.startswith("#"))
    assert importlib.metadata.version("properdocs") == pins["properdocs"]
    assert importlib.metadata.version("mkdocs") == pins["mkdocs"]


def test_both_engines_make_the_same_files(sites):
    made = {engine: files(build.site) for engine, build in sites.items()}
    assert "index.html" in made["mkdocs"] and "en/index.html" in made["mkdocs"]
    assert made["properdocs"] == made["mkdocs"]


def review_lines(build: Build) -> dict[str, list[tuple[str, str, str]]]:
    """Per page: each review block's state, due date and text."""
    lines = {}
    for page in sorted(build.site.rglob("index.html")):
        blocks = html_facts.parse(page.read_text(encoding="utf-8")).find_all("div", cls="review-status")
        lines[page.relative_to(build.site).as_posix()] = [
            (block.attrs["data-review-state"], block.attrs["data-review-due"], block.text) for block in blocks]
    return lines


def test_every_page_has_the_same_review_line(sites):
    lines = {engine: review_lines(build) for engine, build in sites.items()}
    assert sum(map(len, lines["mkdocs"].values())) == 2 * len(TWO_LANGUAGES.keys), "every page shows its review line"
    assert lines["properdocs"] == lines["mkdocs"]


@pytest.mark.parametrize("root", ["", "en/"])
def test_each_language_has_the_same_search_index(sites, root):
    indexes = {engine: json.loads((build.site / root / "search" / "search_index.json").read_bytes())
               for engine, build in sites.items()}
    assert len(indexes["mkdocs"]["docs"]) > len(TWO_LANGUAGES.keys)
    assert indexes["properdocs"] == indexes["mkdocs"]


@pytest.mark.parametrize("path", ["sitemap.xml", "en/sitemap.xml", "sitemap.xml.gz", "feed.xml", "en/feed.xml"])
def test_the_same_sitemaps_and_feeds(sites, path):
    def read(site: Path) -> bytes:
        data = (site / path).read_bytes()
        return gzip.decompress(data) if path.endswith(".gz") else data

    texts = {engine: GENERATOR.sub(b"", read(build.site)) for engine, build in sites.items()}
    assert SITE_URL.encode() in texts["mkdocs"]
    assert texts["properdocs"] == texts["mkdocs"]


def test_every_other_file_is_the_same_but_for_the_generator(sites):
    mkdocs, properdocs = (sites[engine].site for engine in ENGINES)
    differ = [path for path in files(mkdocs)
              if GENERATOR.sub(b"", (mkdocs / path).read_bytes()) != GENERATOR.sub(b"", (properdocs / path).read_bytes())]
    assert differ == []


def test_a_page_with_a_bad_field_fails_the_strict_build_of_each_engine(tmp_path, run_build):
    # The hooks warn under the `mkdocs.plugins.*` loggers; ProperDocs must count those for --strict too.
    project = small_handbook(tmp_path / "handbook", {
        "index.md": {"title": "Welkom", "last_reviewed": "2026-02-30"},
        "index.en.md": {"title": "Welcome", "last_reviewed": "2026-03-12"},
    })
    expected = "docs/index.md:5: last_reviewed: '2026-02-30' is not a real date"
    for engine in ENGINES:
        build = run_build(project, FIXTURE_DATE, site=tmp_path / engine, engine=engine)
        assert build.returncode != 0, f"{engine}:\n{build.log}"
        assert expected in build.log and "Traceback" not in build.log, f"{engine}:\n{build.log}"
