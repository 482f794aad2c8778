"""The composition root: the one package that knows both the core (`bot`) and the Discord glue
(`cogs`). It builds the long-lived objects and runs the command line.

Nothing imports it (import-linter, pyproject.toml), except `bot/__main__.py`, the two-line
launcher that keeps `python -m bot` working.
"""
