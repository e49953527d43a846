"""The error types every command maps to an exit status (see :mod:`runwright.cli.main`)."""

from __future__ import annotations


class RunwrightError(Exception):
    """A known error: printed as ``Error: <message>`` with an optional hint, never a traceback."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(RunwrightError):
    """A file or directory that cannot be read as a runbook."""


class ConfigError(RunwrightError):
    """An invalid configuration file or value."""


class UsageError(RunwrightError):
    """Options or arguments that do not fit together."""
