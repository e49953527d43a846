"""Inline suppressions in HTML comments, and the unused-suppression check (RW002).

* ``<!-- runwright-disable RULE[, RULE] -->`` ... ``<!-- runwright-enable RULE -->``: a range
  (to the end of the file when never re-enabled);
* ``<!-- runwright-disable-next-line RULE -->``: the next non-blank line, or the whole code
  block when a fence starts there;
* ``<!-- runwright-disable-file RULE -->``: the whole file.

Without RULE, a comment applies to every rule. Rules are given by ID or name. Comments inside
code blocks are code, not directives. A suppression that hides nothing, or names an unknown
rule, is reported as RW002 (unless RW002 is off or the named rule is not enabled in this run).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from runwright.linter import registry
from runwright.linter.rule import Finding, Severity

if TYPE_CHECKING:  # annotations only: a fully cached run never imports the model
    from runwright.model import Runbook

_DIRECTIVE = re.compile(
    r"<!--\s*runwright-(disable-next-line|disable-file|disable|enable)\b(.*?)-->")
UNUSED_ID = "RW002"
UNUSED_NAME = "unused-suppression"


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    line: int
    column: int
    rules: tuple[str, ...]  # rule IDs; empty: every rule
    unknown: tuple[str, ...] = ()
    first: int = 0  # lines covered by disable-next-line
    last: int = 0
    used: set[str] = field(default_factory=set)  # rule IDs it suppressed ("*" for all)

    def covers(self, rule: str) -> bool:
        return not self.rules or rule in self.rules


def parse_directives(runbook: Runbook) -> list[Directive]:
    """Every suppression comment of a file, in order (comments in code blocks ignored)."""
    lines = runbook.lines
    in_code: set[int] = set()
    starts: dict[int, int] = {}
    for block in runbook.code_blocks:
        in_code.update(range(block.line, block.end_line + 1))
        starts[block.line] = block.end_line
    out: list[Directive] = []
    for number, text in enumerate(lines, start=1):
        if "runwright-" not in text or number in in_code:
            continue
        for match in _DIRECTIVE.finditer(text):
            ids: list[str] = []
            unknown: list[str] = []
            for token in re.split(r"[\s,]+", match.group(2).strip()):
                if not token:
                    continue
                rule = registry.lookup(token)
                if rule is None:
                    unknown.append(token)
                else:
                    ids.append(rule.id)
            d = Directive(kind=match.group(1), line=number, column=match.start() + 1,
                          rules=tuple(dict.fromkeys(ids)), unknown=tuple(unknown))
            if d.kind == "disable-next-line":
                target = number + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                d.first, d.last = target, starts.get(target, target)
            if unknown and not ids:
                d.kind = "invalid"  # names only unknown rules: suppresses nothing
            out.append(d)
    return out


def _suppressor(directives: Sequence[Directive], finding: Finding) -> Directive | None:
    rule, line = finding.rule, finding.line
    for d in directives:
        if d.kind == "disable-file" and d.covers(rule):
            return d
        if d.kind == "disable-next-line" and d.first <= line <= d.last and d.covers(rule):
            return d
    state: Directive | None = None
    for d in directives:
        if d.line > line:
            break
        if d.kind in ("disable", "enable") and d.covers(rule):
            state = d
    return state if state is not None and state.kind == "disable" else None


def apply(runbook: Runbook, findings: Sequence[Finding], enabled: Collection[str],
          unused_severity: Severity = "warning") -> list[Finding]:
    """Drop suppressed findings; add RW002 findings when ``UNUSED_ID`` is in ``enabled``."""
    if "runwright-" not in runbook.source:
        return list(findings)
    directives = parse_directives(runbook)
    if not directives:
        return list(findings)
    kept: list[Finding] = []
    for f in findings:
        d = _suppressor(directives, f)
        if d is None:
            kept.append(f)
        else:
            d.used.add(f.rule if d.rules else "*")
    if UNUSED_ID not in enabled:
        return kept
    extra: list[Finding] = []

    def report(d: Directive, message: str) -> None:
        f = Finding(path=runbook.path, line=d.line, column=d.column, rule=UNUSED_ID,
                    name=UNUSED_NAME, severity=unused_severity, message=message)
        if _suppressor(directives, f) is None:
            extra.append(f)

    for d in directives:
        for token in d.unknown:
            near = registry.nearest(token)
            kind = "disable" if d.kind == "invalid" else d.kind
            report(d, f"unknown rule {token!r} in a runwright-{kind} comment"
                   + (f" (did you mean {near!r}?)" if near else ""))
        if d.kind in ("enable", "invalid"):
            continue
        if not d.rules:
            if not d.used:
                report(d, f"unused suppression: runwright-{d.kind} hides no finding here")
            continue
        for rule in d.rules:
            if rule in d.used or rule == UNUSED_ID or rule not in enabled:
                continue
            cls = registry.lookup(rule)
            label = f"{rule} ({cls.name})" if cls else rule
            report(d, f"unused suppression: {label} reports nothing here")
    return kept + extra
