"""The facts of a page that its translation must state alike: numbers, periods, articles of law, dates.

The code is `handbook_engine.text_checks.page_facts`; run this file with `--help` for its options.
"""

from handbook_engine.text_checks.page_facts import main

if __name__ == "__main__":
    raise SystemExit(main())
