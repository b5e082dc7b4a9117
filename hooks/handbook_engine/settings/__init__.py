"""The handbook's settings: mkdocs.yml as plain data with the line of every key, `extra.review`,
the owners, the contact channels and the engine's texts (labels) in every language."""
