"""The rule registry: every rule runwright knows, written out by hand, in ID order.

Each rule lives in its own module; the module docstring is the rule's documentation.
"""

from __future__ import annotations

from runwright.linter.rule import Rule
from runwright.linter.rules.missing_section import MissingSection
from runwright.linter.rules.missing_title import MissingTitle

ALL_RULES: tuple[type[Rule], ...] = (
    MissingTitle,
    MissingSection,
)

__all__ = ["ALL_RULES"]
