"""Machine checks: ``expect`` blocks against output, and what ``runwright test`` may run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from runwright.model import ChecklistItem, CodeBlock, Expectation, Step


@dataclass(frozen=True)
class ExpectResult:
    passed: bool
    missing: str | None  # the first expected line not found (in order), if any
    exit_expected: tuple[int, ...]
    exit_status: int | None

    def describe(self) -> str:
        if self.passed:
            return "expectations met"
        if self.exit_status not in self.exit_expected:
            return f"exit status {self.exit_status}, expected {statuses(self.exit_expected)}"
        return f"expected output not found: {self.missing!r}"


def statuses(values: tuple[int, ...]) -> str:
    """``0``, ``0 or 3``, ``0, 1 or 3``."""
    shown = [str(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def expected_exit(expectations: tuple[Expectation, ...],
                  accepted: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The exit statuses accepted: the ``expect`` block's ``{exit=...}``, else the command
    block's own (``accepted``), else 0."""
    for exp in expectations:
        if exp.exit_statuses:
            return exp.exit_statuses
    return accepted or (0,)


def check_output(expectations: tuple[Expectation, ...], output: str,
                 exit_status: int | None, accepted: tuple[int, ...] = ()) -> ExpectResult:
    """Every expected line appears in ``output``, in order (``/regex/`` searched in a line),
    and the exit status is an accepted one (0 unless ``{exit=N}`` or ``{exit=0|3}`` on the
    ``expect`` block or on the command block, ``accepted``)."""
    want = expected_exit(expectations, accepted)
    offset = 0
    missing: str | None = None
    for item in (x for exp in expectations for x in exp.lines):
        end = _find(item.text, item.regex, output, offset)
        if end is None:
            missing = f"/{item.text}/" if item.regex else item.text
            break
        offset = end
    passed = missing is None and exit_status in want
    return ExpectResult(passed=passed, missing=missing, exit_expected=want,
                        exit_status=exit_status)


def _find(text: str, regex: bool, output: str, offset: int) -> int | None:
    """Where the match of ``text`` at or after ``offset`` ends, or None."""
    if regex:
        try:
            m = re.compile(text, re.MULTILINE).search(output, offset)
        except re.error:
            m = None
            regex = False
        if m is not None:
            return m.end()
        if regex:
            return None
    needle = text.strip()
    index = output.find(needle, offset)
    return None if index < 0 else index + len(needle)


def is_confirm(step: Step) -> bool:
    return step.flag("confirm")


def block_policy(block: CodeBlock, readonly_commands: Sequence[str] = ()) -> str | None:
    """Why ``runwright test`` does not run this shell block unless mutating steps are allowed
    (None: it may run): it is marked ``mutating``, or it is not marked ``readonly`` and the
    shell model does not know every command in it to be read-only
    (:func:`runwright.shell.readonly.judge`)."""
    if block.flag("mutating"):
        return "marked mutating"
    if block.flag("readonly"):
        return None
    from runwright.shell.readonly import judge  # here: `run` does not load the shell model

    reason = judge(block.code, readonly_commands)
    if reason is None:
        return None
    return f"{reason}: mark the step readonly if it is"


def verification_policy(item: ChecklistItem, allow_mutating: bool,
                        readonly_commands: Sequence[str] = ()) -> str | None:
    """Why ``runwright test`` does not run a verification item's commands (None: they run)."""
    shell = [b for b in item.commands if b.is_shell]
    if not shell:
        return "no shell command (a person checks it)"
    if any(b.flag("interactive") for b in shell):
        return "interactive (needs an operator at a terminal)"
    if allow_mutating:
        return None
    for block in shell:
        reason = block_policy(block, readonly_commands)
        if reason is not None:
            return reason
    return None


def test_policy(step: Step, allow_mutating: bool,
                readonly_commands: Sequence[str] = ()) -> str | None:
    """Why ``runwright test`` skips this step (None: it runs)."""
    commands = step.runnable_commands
    if not commands:
        return "manual step"
    if step.flag("skip-test"):
        return "skip-test"
    if any(c.flag("interactive") for c in commands):
        return "interactive (needs an operator at a terminal)"
    if allow_mutating:
        return None
    if is_confirm(step):
        return "a confirm step (it asks before changing something)"
    for block in commands:
        reason = block_policy(block, readonly_commands)
        if reason is not None:
            return reason
    return None
