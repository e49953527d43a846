"""Why it failed, in a few lines: the end of the failing command's output.

``run`` shows it when a step fails, ``test`` under each failed step, ``report`` in a section of
its own; all three read the same lines, masked as everything else the runner shows or stores
(stdout and stderr are kept interleaved, so ``helm: command not found`` is among them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runwright.runner.journal import EventRow

#: How many lines of output are shown for a failure.
TAIL_LINES = 10
#: Events that journal the end of one command, and what the report calls their owner.
_ENDS = {"command_end": "Step", "rollback_end": "Rollback of step", "verify_end": "Verification"}


def tail(output: str, lines: int = TAIL_LINES) -> list[str]:
    """The last ``lines`` lines of ``output``, trailing blank lines left out; a line redrawn
    with carriage returns (a progress bar) counts as its last drawing."""
    rows = [row.rsplit("\r", 1)[-1].rstrip() for row in output.replace("\r\n", "\n").split("\n")]
    while rows and not rows[-1]:
        rows.pop()
    return rows[-lines:] if lines > 0 else []


def indented(output: str, prefix: str = "    | ") -> list[str]:
    """:func:`tail` of ``output`` with ``prefix`` before each line (for the terminal)."""
    return [f"{prefix}{row}".rstrip() for row in tail(output)]


@dataclass(frozen=True)
class FailedCommand:
    """The last command that failed in a step, a rollback or the verification."""

    title: str  # "Step 2", "Rollback of step 2", "Verification"
    outcome: str  # "exit 127", "timed out", "interrupted"
    lines: list[str]


def failed_commands(events: list[EventRow]) -> list[FailedCommand]:
    """From a run's events: per step whose latest outcome is "failed", why (the reason
    journalled with the failure) and the end of its last command's output; then every failed
    rollback and verification command, in the order they ran."""
    last_status: dict[int, str] = {}
    reason: dict[int, str] = {}
    output: dict[int, str] = {}
    others: list[FailedCommand] = []
    for e in events:
        if e.step is not None and e.kind == "step_end":
            last_status[e.step] = str(e.data.get("status"))
        elif e.step is not None and e.kind == "step_failed":
            reason[e.step] = str(e.data.get("reason") or "failed")
        elif e.step is not None and e.kind == "command_end":
            output[e.step] = str(e.data.get("output") or "")
        elif e.kind in _ENDS and not _succeeded(e.data):
            title = _ENDS[e.kind] + ("" if e.kind == "verify_end" else f" {e.step}")
            others.append(FailedCommand(title, _outcome(e.data),
                                        tail(str(e.data.get("output") or ""))))
    steps = [FailedCommand(f"Step {step}", reason.get(step, "failed"),
                           tail(output.get(step, "")))
             for step, status in sorted(last_status.items()) if status == "failed"]
    return steps + others


def _succeeded(data: dict[str, object]) -> bool:
    return data.get("exit_status") == 0 and not data.get("timed_out") and \
        not data.get("interrupted")


def _outcome(data: dict[str, object]) -> str:
    if data.get("interrupted"):
        return "interrupted"
    if data.get("timed_out"):
        return "timed out"
    if data.get("exit_status") is None:
        return "stopped by runwright"
    return f"exit {data['exit_status']}"
