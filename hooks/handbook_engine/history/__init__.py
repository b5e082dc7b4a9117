"""What changed when: one `git log` per build, the kinds of change, the change notes, the Atom feeds."""
