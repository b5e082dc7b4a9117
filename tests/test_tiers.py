"""The quick tier leaves out every test that builds, drives a browser or starts a server (tests/tiers.py)."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_build
from hypothesis import given
from hypothesis import strategies as st

from tiers import calls_something_slow


def builds(tmp_path):
    run_build(tmp_path, "2026-11-21")


def through_a_helper(tmp_path):
    builds(tmp_path)


def in_a_nested_function(tmp_path):
    def later():
        return run_build(tmp_path, "2026-11-21")
    return later


@given(st.integers())
def property_that_builds(number):
    run_build(ROOT, "2026-11-21")


def reads_files(tmp_path):
    return sorted(tmp_path.iterdir())


def serves_nothing_but_says_served(site):
    return site.served  # an attribute named like a slow helper is not a call to it


@pytest.mark.parametrize(("function", "slow"), [
    (builds, True),
    (through_a_helper, True),
    (in_a_nested_function, True),
    (property_that_builds, True),
    (reads_files, False),
    (serves_nothing_but_says_served, False),
])
def test_a_test_is_slow_when_it_or_a_helper_of_the_tests_calls_something_slow(function, slow):
    assert calls_something_slow(function) is slow


def test_the_tiers_split_the_suite_by_what_each_test_uses(request):
    items = {item.nodeid: item for item in request.session.items}
    marked = {nodeid: item.get_closest_marker("slow") is not None for nodeid, item in items.items()}
    # This test itself and the plain tests beside slow ones in the same file are quick.
    assert marked[request.node.nodeid] is False
    for nodeid, item in items.items():
        if {"browser", "handbook_site", "reader_site", "mailbox"} & set(item.fixturenames):
            assert marked[nodeid], f"{nodeid} uses a slow fixture but is not marked slow"
