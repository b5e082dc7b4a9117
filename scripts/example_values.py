"""The example values an organisation adopting the handbook must replace: what each is and where it stands.

The code is `handbook_engine.pages.example_values`; run this file with `--help` for its options.
"""

from handbook_engine.pages.example_values import main

if __name__ == "__main__":
    raise SystemExit(main())
