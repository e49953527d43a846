"""``--fix``: apply the rules' safe fixes, re-lint until stable, write atomically.

Fixes come from findings that survived the suppressions, so a suppressed finding is never
fixed. In each round the fixes whose edits do not overlap an already chosen one are applied
bottom-up; the file is re-parsed and re-linted, up to :data:`MAX_ROUNDS` rounds; a fix whose
finding comes back unchanged is not applied again. A file with an unterminated code fence is
not fixed at all (an edit could land inside the fence). Line endings (CRLF) and a UTF-8 BOM are
written back as found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from runwright.errors import InputError
from runwright.files import write_atomic
from runwright.linter.engine import run_rules
from runwright.linter.rule import Edit, Finding, Fix
from runwright.linter.settings import Settings

MAX_ROUNDS = 5


def _span(e: Edit) -> tuple[int, int]:
    """Half-open interval of line slots an edit touches (an insertion is empty)."""
    return e.start, e.end + 1


def _conflict(a: Edit, b: Edit) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if a0 == a1 and b0 == b1:
        return a0 == a1 == b0
    if a0 == a1:
        return b0 < a0 < b1
    if b0 == b1:
        return a0 < b0 < a1
    return max(a0, b0) < min(a1, b1)


def choose(fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes to apply together: in order, skipping one that overlaps a chosen one."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in fixes:
        if any(_conflict(e, t) for e in fix.edits for t in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def apply_edits(lines: list[str], fixes: Sequence[Fix]) -> list[str]:
    """``lines`` with the edits of non-overlapping ``fixes`` applied (bottom-up)."""
    out = list(lines)
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: (e.start, e.end),
                   reverse=True)
    for e in edits:
        out[e.start - 1:e.end] = list(e.lines)
    return out


def fix_text(text: str, settings: Settings, path: str, file_path: Path | None,
             today: dt.date) -> tuple[str, list[Finding], list[Finding]]:
    """Fix ``text`` until stable; returns (new text, the findings fixed, remaining findings)."""
    from runwright.parser import parse

    fixed: list[Finding] = []
    applied: set[tuple[str, str]] = set()  # (rule, message) of the fixes applied so far
    rel = settings.relative(file_path) if file_path else path
    for _round in range(MAX_ROUNDS + 1):
        runbook = parse(text, path)
        plan = settings.plan_for(runbook, rel, file_path)
        findings = run_rules(runbook, plan, today, settings.config.root, file_path)
        if any(not block.closed for block in runbook.code_blocks):
            # An unterminated fence runs to the end of the file: an edit placed by the
            # model's lines could land inside it. Fix nothing until the fence is closed.
            return text, fixed, findings
        # A fix whose finding comes back unchanged after it was applied did not take:
        # applying it again would only repeat the edit.
        fixes = [f for f in findings if f.fix is not None and f.fix.edits
                 and (f.rule, f.message) not in applied]
        if not fixes or _round == MAX_ROUNDS:
            return text, fixed, findings
        chosen = choose([f.fix for f in fixes if f.fix is not None])
        new = "\n".join(apply_edits(runbook.lines, chosen))
        if new == runbook.source:
            return text, fixed, findings
        chosen_ids = {id(c) for c in chosen}
        fixed.extend(f for f in fixes if id(f.fix) in chosen_ids)
        applied.update((f.rule, f.message) for f in fixes if id(f.fix) in chosen_ids)
        text = new
    return text, fixed, findings  # pragma: no cover - the loop always returns


def encode(text: str, crlf: bool, bom: bool) -> bytes:
    """Text as written on disk: CRLF and BOM restored when the file had them."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def fix_file(settings: Settings, path: Path, display: str, data: bytes, today: dt.date
             ) -> tuple[list[Finding], list[Finding]] | InputError:
    """Fix one file in place; returns (remaining findings, findings fixed)."""
    from runwright.parser import parse
    from runwright.parser.load import decode

    try:
        text = decode(data, display)
    except InputError as exc:
        return exc
    original = parse(text, display)
    new, fixed, remaining = fix_text(text, settings, display, path, today)
    if fixed:
        try:
            write_atomic(path, encode(new, original.crlf, original.bom))
        except OSError as exc:
            return InputError(f"{display}: cannot write the fixes: {exc.strerror or exc}")
    return remaining, fixed
