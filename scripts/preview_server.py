"""The handbook's live preview: mkdocs serve as make serve runs it.

The code is `handbook_engine.site.serve`; run this file with `--help` for its options.
"""

from handbook_engine.site.serve import main

if __name__ == "__main__":
    raise SystemExit(main())
