"""Sentence lengths per page: how many sentences run over a number of words.

The code is `handbook_engine.text_checks.sentence_lengths`; run this file with `--help` for its options.
"""

from handbook_engine.text_checks.sentence_lengths import main

if __name__ == "__main__":
    raise SystemExit(main())
