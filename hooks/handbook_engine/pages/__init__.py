"""The pages: front matter, review rules, the checks of one page and of all pages, and the
example values an adopting organisation replaces."""
