"""Search benchmark: do the questions employees type find the page that answers them?

The code is `handbook_testing.search_benchmark`; run this file with `--help` for its options.
"""

from handbook_testing.search_benchmark import main

if __name__ == "__main__":
    raise SystemExit(main())
