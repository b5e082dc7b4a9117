"""The handbook's languages, and the one module that reads mkdocs-static-i18n's state."""
