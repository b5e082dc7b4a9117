"""The test tiers: every test that builds a site, drives a browser or starts a server is marked `slow`.

`make test` runs everything; `make test-quick` (`pytest -m "not slow"`) runs the rest, in
well under a minute. Nobody marks a test by hand: at collection, a test is `slow` when it,
a fixture it uses (however indirectly) or a helper function of the tests that either calls
names one of SLOW_NAMES. So a new test that builds a site is slow the moment it calls
`run_build`, asks for `handbook_site`, `browser` or `mailbox`, or uses a module fixture
that does. A test that starts something slow some other way (a script's `main` that
builds, `make` in a subprocess) says so with `@pytest.mark.slow` or by calling a
helper that names one of these.
"""

from __future__ import annotations

import inspect
import types
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

# What makes a test slow: a build (run_build, and the copies of the real handbook or of a
# small one made for a build), a served site, chromium, the SMTP server, the live preview.
SLOW_NAMES = frozenset({
    "run_build", "copy_handbook", "small_handbook", "served_handbook", "serve",
    "sync_playwright", "Controller", "PreviewServer", "NGINX",
})


def _names(code: types.CodeType) -> set[str]:
    """The global and attribute names `code` and the functions nested in it use."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def _is_test_helper(value: object) -> bool:
    """A function written in tests/ (not one of the modules under test)."""
    if not inspect.isfunction(value):
        return False
    source = inspect.getsourcefile(value)
    return source is not None and Path(source).resolve().parent == TESTS


def calls_something_slow(function, seen: set | None = None) -> bool:
    """Whether `function`, or a helper of the tests it calls, names one of SLOW_NAMES."""
    seen = set() if seen is None else seen
    # Hypothesis keeps the test it wraps as .hypothesis.inner_test.
    function = getattr(getattr(function, "hypothesis", None), "inner_test", function)
    function = inspect.unwrap(function)
    if function in seen or not hasattr(function, "__code__"):
        return False
    seen.add(function)
    names = _names(function.__code__)
    if names & SLOW_NAMES:
        return True
    helpers = (function.__globals__.get(name) for name in names)
    return any(calls_something_slow(helper, seen) for helper in helpers if _is_test_helper(helper))


def is_slow(item: pytest.Item) -> bool:
    """Whether the test `item`, or any fixture in its closure, calls something slow."""
    if item.get_closest_marker("slow") or item.get_closest_marker("browser"):
        return True
    function = getattr(item, "function", None)
    if function is not None and calls_something_slow(function):
        return True
    fixtures = getattr(item, "_fixtureinfo", None)
    definitions = fixtures.name2fixturedefs.values() if fixtures else ()
    return any(calls_something_slow(definition.func) for chain in definitions for definition in chain)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
