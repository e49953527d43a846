"""runwright: runbooks as Markdown in Git, checked, run, tested and published."""

__version__ = "0.1.0"
