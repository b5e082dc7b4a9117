"""The handbook engine: everything that turns a folder of policy pages into the published handbook.

Each subpackage holds one domain, its settings and its logic side by side:

    settings     mkdocs.yml read as plain data with the line of every key; the review settings,
                 owners, contact channels and the engine's texts (labels) in every language
    languages    the handbook's languages: the page files' languages and addresses (page_languages),
                 and the one seam to mkdocs-static-i18n (site_languages)
    pages        a page's front matter, its review rules and checks, the pages together,
                 and the example values an organisation replaces
    history      what changed when, from Git; the change notes; the Atom feeds
    versions     the versions of the policy: the record, the version a publish makes, the archive,
                 and what each version changed, marked up
    publishing   releases switched atomically, previews, the strict build in a subprocess
    mail         the owners' weekly e-mail and the announcement to staff
    pdf          the whole handbook of one language as a PDF
    search       one search index per language
    site         what one build of the site knows, and the files it publishes
    text_checks  the checks of the text a handbook declares about itself
    cli          scripts/handbook.py, the editors' and CI's tool, and its commands
    starter      (no code) the texts `make init` writes a new handbook's pages, README and CONTRIBUTING from

Nothing here imports MkDocs: the thin adapters in ../*.py (the MkDocs hooks) do.
"""

from pathlib import Path

# The repository this engine is checked out in: the default project of the tools.
REPOSITORY = Path(__file__).resolve().parents[2]
