"""Fingerprints of the handbook's source articles, to prove that no page copies a run of eight words from them.

The code is `handbook_engine.text_checks.seed_shingles`; run this file with `--help` for its options.
"""

from handbook_engine.text_checks.seed_shingles import main

if __name__ == "__main__":
    raise SystemExit(main())
