"""The handbook's live preview: `mkdocs serve` as `make serve` runs it.

    python scripts/preview_server.py [--dev-addr 127.0.0.1:8000] [-f mkdocs.yml]

Saves under docs/ and overrides/ are rebuilt and the browser reloads. With
--dirty, hooks/live_preview.py rebuilds only the saved pages when only page
text changed, and every page otherwise. Changes to hooks/ need a restart.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

SERVE = ["-m", "mkdocs", "serve", "--dirty", "--watch", "overrides"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port to serve at (default: 127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's configuration (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    os.execv(sys.executable, [sys.executable, *SERVE, "--dev-addr", args.dev_addr, "-f", args.config_file])


if __name__ == "__main__":
    raise SystemExit(main())
