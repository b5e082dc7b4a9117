"""The handbook's tool for editors and CI: report, check, mark-reviewed, new-page, notify, publish, preview, announce, ...

The code is `handbook_engine.cli.handbook`; run this file with `--help` for its options.
"""

from handbook_engine.cli.handbook import main

if __name__ == "__main__":
    raise SystemExit(main())
