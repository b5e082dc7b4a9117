"""Search: one index per language, with stop words and each page's keywords."""
