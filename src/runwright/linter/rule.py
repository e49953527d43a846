"""What every lint rule is: the :class:`Rule` base and the :class:`LintContext` it reads.

A rule lives in its own module under :mod:`runwright.linter.rules`; the module docstring is the
rule's documentation (sections "Why", "Fails", "Passes", and "Options" when it has any) and
``docs/rules.md`` is generated from it. A rule reads only the frozen :class:`Runbook` model
(plus its source lines for exact columns) and reports through :meth:`LintContext.report`.
:class:`Finding`, :class:`Fix` and :class:`Edit` live in :mod:`runwright.linter.finding`
and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from runwright.linter.finding import SEVERITIES, Edit, Finding, Fix, Severity
from runwright.linter.house import NONE, HouseStyle
from runwright.profiles import Profile

if TYPE_CHECKING:  # annotations only: a fully cached run never imports the model
    from runwright.model import Runbook

__all__ = ["SEVERITIES", "Edit", "Finding", "Fix", "LintContext", "Rule", "Severity"]

@dataclass
class LintContext:
    """What a rule sees besides the runbook: its options, the profile, today, the repo root."""

    runbook: Runbook
    profile: Profile
    options: Mapping[str, Any]
    today: dt.date
    root: Path  # the repository (config) root, for resolving relative links
    file_path: Path | None  # the file on disk, None for text linted from memory
    rule: Rule | None = None
    house: HouseStyle = NONE  # the repository's conventions for this file (linter.house)
    severity: Severity = "warning"
    findings: list[Finding] = field(default_factory=list)
    #: ``test.readonly_commands`` of the configuration (what ``runwright test`` also runs)
    readonly_commands: tuple[str, ...] = ()
    #: ``run.inventory`` of the configuration (relative to ``root``), for fleet steps
    inventory: str | None = None

    def option(self, name: str) -> Any:
        """The configured value of an option, else the rule's default."""
        if name in self.options:
            return self.options[name]
        assert self.rule is not None
        return self.rule.options[name]

    def report(self, line: int, message: str, column: int = 1, fix: Fix | None = None,
               severity: Severity | None = None) -> None:
        assert self.rule is not None
        self.findings.append(Finding(
            path=self.runbook.path, line=max(1, line), column=max(1, column), rule=self.rule.id,
            name=self.rule.name, severity=severity or self.severity, message=message, fix=fix))


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement check()."""

    id: ClassVar[str]  # "RW101": stable, never reused
    name: ClassVar[str]  # "missing-section": slug, stable
    severity: ClassVar[Severity] = "warning"
    summary: ClassVar[str]  # one line, shown by `runwright rules`
    enabled_by_default: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    #: option name -> default value (types are checked against the default's type)
    options: ClassVar[Mapping[str, Any]] = {}
    #: option name -> the values it may hold (each item, for a list option); checked with the
    #: configuration, so that a misspelt value is an error and not a silent no-op
    choices: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def check(self, ctx: LintContext) -> None:
        """Inspect ``ctx.runbook`` and call ``ctx.report`` for each problem."""
        raise NotImplementedError
