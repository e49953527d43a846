"""Continuing a run (``runwright run --resume``) when the runbook may have changed.

The steps of the current runbook are matched to the steps of the run's history by their
``id`` (a fence attribute) when both have one, else by their title and the content of their
commands, never by their position: a step inserted, removed or moved does not shift what
counts as done. (A runbook whose content is byte for byte the one the run started with is the
same runbook: its steps are its steps.) Only a matched step whose latest outcome in this run's
history is ``done`` or ``skipped`` is kept; every other step runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runwright.digest import sha256
from runwright.model import Step

if TYPE_CHECKING:
    from runwright.runner.journal import EventRow

#: Latest step outcomes that a resumed run keeps.
FINISHED = ("done", "skipped")


@dataclass(frozen=True)
class StepKey:
    """What identifies a step across versions of its runbook."""

    id: str | None
    title: str | None
    digest: str | None  # of its commands; None when the journal does not say

    def matches(self, other: StepKey) -> bool:
        if self.id and other.id:
            return self.id == other.id
        return self.title is not None and self.title == other.title and \
            self.digest is not None and self.digest == other.digest


def digest(codes: Iterable[str]) -> str:
    """A short digest of a step's shell commands (surrounding blank space ignored)."""
    text = "\0".join(code.strip() for code in codes)
    return sha256(text.encode("utf-8")).hexdigest()[:16]


def step_key(step: Step) -> StepKey:
    ids = [str(c.attributes["id"]) for c in step.commands
           if isinstance(c.attributes.get("id"), str) and c.attributes["id"]]
    return StepKey(ids[0] if ids else None, step.title,
                   digest(c.code for c in step.runnable_commands))


def key_fields(step: Step) -> dict[str, Any]:
    """What the journal records with a step's start, for a later resume to match it."""
    key = step_key(step)
    return {"title": key.title, "step_id": key.id, "digest": key.digest}


@dataclass(frozen=True)
class PastStep:
    number: int  # its position in the runbook as it was when it ran (the events' ``step``)
    key: StepKey
    status: str | None  # its latest outcome


def history(events: Sequence[EventRow]) -> list[PastStep]:
    """The steps of a run as its events describe them, by position, with their latest
    outcome. For events written before step starts carried a digest, the digest is that of the
    commands the step ran (known when it ran to the end)."""
    keys: dict[int, dict[str, Any]] = {}
    codes: dict[int, list[str]] = {}
    status: dict[int, str] = {}
    for e in events:
        if e.step is None:
            continue
        if e.kind in ("step_start", "step_end") and "title" in e.data:
            keys.setdefault(e.step, dict(e.data))
        if e.kind == "command_start":
            codes.setdefault(e.step, []).append(str(e.data.get("code", "")))
        if e.kind == "step_end":
            status[e.step] = str(e.data.get("status"))
    out = []
    for number in sorted(set(keys) | set(status)):
        data = keys.get(number, {})
        found = data.get("digest")
        if not isinstance(found, str):
            found = digest(codes[number]) if number in codes else None
        step_id = data.get("step_id")
        title = data.get("title")
        out.append(PastStep(number, StepKey(step_id if isinstance(step_id, str) else None,
                                            title if isinstance(title, str) else None, found),
                            status.get(number)))
    return out


def match(steps: Sequence[Step], past: Sequence[PastStep],
          same_content: bool) -> dict[int, PastStep]:
    """Current step position (1-based) -> the past step it is. Each past step is matched at
    most once, in order; ``same_content``: the runbook is the one the run started with."""
    if same_content:
        by_number = {p.number: p for p in past}
        return {i: by_number[i] for i in range(1, len(steps) + 1) if i in by_number}
    out: dict[int, PastStep] = {}
    used: set[int] = set()
    for index, step in enumerate(steps, 1):
        key = step_key(step)
        for candidate in past:
            if candidate.number not in used and key.matches(candidate.key):
                out[index] = candidate
                used.add(candidate.number)
                break
    return out


def changes(steps: Sequence[Step], past: Sequence[PastStep],
            matched: dict[int, PastStep]) -> list[str]:
    """What a resume after a change keeps, runs and leaves out, one line each."""
    lines = []
    for index, step in enumerate(steps, 1):
        label = f"Step {step.number_text or index}: {step.title}"
        found = matched.get(index)
        if found is not None and found.status in FINISHED:
            note = ""
            if found.key.digest is not None and found.key.digest != step_key(step).digest:
                note = ", its commands changed since (matched by its id)"
            moved = f", was step {found.number}" if found.number != index else ""
            lines.append(f"  kept    {label} ({found.status}{moved}{note})")
        elif found is not None:
            lines.append(f"  runs    {label} ({found.status or 'not finished'} in this run)")
        elif any(p.key.title == step.title for p in past):
            lines.append(f"  runs    {label} (changed since this run ran it)")
        else:
            lines.append(f"  runs    {label} (not run yet in this run)")
    kept = {p.number for p in matched.values()}
    for gone in past:
        if gone.number not in kept and gone.status in FINISHED:
            lines.append(f"  gone    step {gone.number}: {gone.key.title or '(untitled)'} "
                         f"({gone.status} in this run, no longer in the runbook)")
    return lines
