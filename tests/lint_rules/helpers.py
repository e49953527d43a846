"""Run one rule over Markdown text, the way the engine does, for table-style rule tests."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from runwright.linter.rule import Finding, LintContext, Rule
from runwright.linter.rules import ALL_RULES
from runwright.parser import parse
from runwright.profiles import BUILTIN, Profile

TODAY = dt.date(2026, 3, 1)
RULES: dict[str, type[Rule]] = {r.id: r for r in ALL_RULES}


def run_rule(rule_id: str, text: str, *, profile: str | Profile = "standard",
             options: Mapping[str, Any] | None = None, path: Path | None = None,
             root: Path | None = None, today: dt.date = TODAY,
             readonly_commands: tuple[str, ...] = (),
             inventory: str | None = None) -> list[Finding]:
    """The findings of one rule on ``text`` (parsed as the file ``path`` when given)."""
    rule = RULES[rule_id]()
    runbook = parse(text, str(path) if path else "runbook.md")
    prof = BUILTIN[profile] if isinstance(profile, str) else profile
    ctx = LintContext(runbook=runbook, profile=prof, options=dict(options or {}), today=today,
                      root=root or (path.parent if path else Path.cwd()), file_path=path,
                      rule=rule, severity=rule.severity, readonly_commands=readonly_commands,
                      inventory=inventory)
    rule.check(ctx)
    return sorted(ctx.findings, key=lambda f: (f.line, f.column))


def lines_of(findings: list[Finding]) -> list[int]:
    return [f.line for f in findings]


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """Apply every fix of ``findings`` (bottom-up, as the engine does) and return the text."""
    lines = text.split("\n")
    edits = [e for f in findings if f.fix for e in f.fix.edits]
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        lines[edit.start - 1:edit.end] = list(edit.lines)
    return "\n".join(lines)


_SECTION = re.compile(r"^## (Why|Fails|Passes|Options)\s*$", re.M)
_EXAMPLE = re.compile(r"^(`{3,})markdown\s*\n(.*?)\n\1\s*$", re.M | re.S)


def doc_examples(rule: type[Rule]) -> dict[str, str]:
    """The Markdown examples under "## Fails" and "## Passes" of a rule's module docstring."""
    import sys

    doc = sys.modules[rule.__module__].__doc__ or ""
    parts = _SECTION.split(doc)
    out: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        m = _EXAMPLE.search(body)
        if m:
            out[name] = m.group(2) + "\n"
    return out
