"""The environment of a site build that a Python process starts in a subprocess.

Material for MkDocs prints a multi-line notice about MkDocs 2.0 on every build,
which buries real warnings in the log; NO_MKDOCS_2_WARNING switches it off. The
Makefile exports it for everything make runs; a build that Python starts (publish,
preview, the tests, the benchmarks) takes its environment from here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def build_environment(extra: Mapping[str, str] | None = None, *, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """`base` (this process's environment by default) with the notice switched off and `extra` on top."""
    return {**(os.environ if base is None else base), **QUIET, **(extra or {})}
