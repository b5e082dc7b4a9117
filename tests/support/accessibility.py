"""axe-core in chromium: the accessibility violations of a page as a reader has it now (the engine's reader tests
and the handbook's own check of its pages)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def settle(page) -> None:
    """Wait until the page's CSS transitions and animations have ended (the search opening, the drawer sliding in)."""
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")


def violations(page) -> list[str]:
    """axe's violations on the page as it is now, one line each: rule, impact, where."""
    settle(page)
    found = AXE.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[node['target'] for node in violation['nodes'][:5]]}"
        for violation in found
    ]
