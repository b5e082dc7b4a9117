"""Make the handbook's PDF in every language of a built site.

The code is `handbook_engine.pdf.handbook_pdf`; run this file with `--help` for its options.
"""

from handbook_engine.pdf.handbook_pdf import main

if __name__ == "__main__":
    raise SystemExit(main())
