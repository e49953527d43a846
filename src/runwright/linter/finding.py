"""What a lint run reports: :class:`Finding`, with its optional :class:`Fix` of :class:`Edit`.

Named tuples, light on purpose: a warm run builds one per cached finding (thousands) and
imports this module, not the rules' base (:mod:`runwright.linter.rule`, which re-exports them).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


class Edit(NamedTuple):
    """Replace lines ``start``..``end`` (1-based, inclusive) with ``lines``.

    ``end == start - 1`` inserts ``lines`` before line ``start``; empty ``lines`` deletes.
    """

    start: int
    end: int
    lines: tuple[str, ...]


class Fix(NamedTuple):
    description: str
    edits: tuple[Edit, ...]


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    rule: str  # stable ID, e.g. "RW101"
    name: str  # slug, e.g. "missing-section"
    severity: Severity
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)
