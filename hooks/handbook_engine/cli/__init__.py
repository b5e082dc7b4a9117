"""The command line for editors and CI (`scripts/handbook.py`) and its commands, each in its own module."""
