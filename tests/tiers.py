"""The test tiers, by what a test starts.

Every fixture that starts something slow says so where it is defined, with the marker of what it
starts:

    @pytest.fixture(scope="session")
    @starts("browser")
    def browser(tmp_path_factory): ...

At collection a test gets the marker of every such fixture in its closure (`item.fixturenames`,
which holds the fixtures it asks for and, however indirectly, the fixtures those ask for), and
`slow` with any of them. `make test` runs everything; `make test-quick` (`pytest -m "not slow"`)
the rest, in well under a minute. Nobody marks a test by hand, and nothing is guessed from the
names a test's code uses: a test that needs no build, browser or server is quick whatever it is
called, and a test that builds asks for `run_build` and is slow. A test that starts something slow
without such a fixture fails, naming what it started (handbook_testing.guards), so the tiers
cannot drift. The tests of the handbook's own content (tests/handbook/) are marked `handbook`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
HANDBOOK_CHECKS = TESTS / "handbook"
# What a fixture may start, each a marker of its own (pytest.ini describes them); any of them is slow.
KINDS = ("build", "browser", "mail_server", "web_server", "preview_server", "make")
# Fixture name -> what it starts, filled by @starts where each fixture is defined.
STARTS: dict[str, frozenset[str]] = {}


def starts(*kinds: str) -> Callable:
    """Declare that the fixture below starts something slow of these kinds (of KINDS)."""
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"{unknown or 'nothing'}: expected one or more of {', '.join(KINDS)}")

    def declare(function: Callable) -> Callable:
        STARTS[function.__name__] = frozenset(kinds)
        return function

    return declare


def kinds_started(item: pytest.Item) -> frozenset[str]:
    """What the fixtures in the test's closure start."""
    return frozenset().union(*(STARTS[name] for name in getattr(item, "fixturenames", ()) if name in STARTS))


def is_handbook_check(path: Path) -> bool:
    """Whether the test file at `path` is one of the handbook's own checks (the only tests that read docs/)."""
    return HANDBOOK_CHECKS in Path(path).resolve().parents


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kinds = kinds_started(item)
        for kind in sorted(kinds):
            item.add_marker(kind)
        if kinds:
            item.add_marker(pytest.mark.slow)
        if is_handbook_check(item.path):
            item.add_marker(pytest.mark.handbook)
