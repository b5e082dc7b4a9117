"""E-mail: the owners' weekly notice of due pages and the announcement of a version to all staff."""
