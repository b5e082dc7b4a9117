"""The whole handbook of one language as one PDF."""
