"""What the runner shows: steps, live output (masked), troubleshooting, dry runs, summaries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from runwright.model import CodeBlock, Runbook, Step, TroubleshootingEntry
from runwright.runner.environment import Environment
from runwright.runner.masking import Masker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from runwright.runner.session import RunOutcome, StepRecord

_REF = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


class LiveOutput:
    """Streams command output to the screen; with secrets to hide, line by line, masked."""

    def __init__(self, env: Environment, masker: Masker, hold: bool = False) -> None:
        self.env = env
        self.masker = masker
        self.pending = ""
        self.hold = hold  # keep everything until flush (a secret not yet known is in it)

    def write(self, chunk: str) -> None:
        if self.hold:
            self.pending += chunk
            return
        if not self.masker.active:
            self.env.stream(chunk)
            return
        self.pending += chunk
        if "\n" in self.pending:
            done, _, self.pending = self.pending.rpartition("\n")
            self.env.stream(self.masker.text(done + "\n"))

    def flush(self) -> None:
        if self.pending:
            self.env.stream(self.masker.text(self.pending) + "\n")
            self.pending = ""


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, keeping its head and its tail."""
    if limit <= 0 or len(text) <= limit:
        return text
    half = limit // 2
    cut = len(text) - 2 * half
    return f"{text[:half]}\n[... {cut} characters cut ...]\n{text[-half:]}"


def referenced(code: str, values: dict[str, str]) -> list[str]:
    """Names of known variables a command reads (``$NAME`` or ``${NAME}``)."""
    seen: list[str] = []
    for name in _REF.findall(code):
        if name in values and name not in seen:
            seen.append(name)
    return seen


def describe_step(env: Environment, step: Step, index: int, total: int,
                  values: dict[str, str], masker: Masker) -> None:
    label = f"Step {step.number_text or index}"
    env.say(f"\n── {label}/{total}: {step.title}", "title")
    for block in step.commands:
        if not block.is_shell:
            continue
        flags = " ".join(k if v is True else f"{k}={v}" for k, v in block.attributes.items())
        env.say(f"```{block.language}" + (f" {{{flags}}}" if flags else ""), "dim")
        env.say(block.code.rstrip(), "command")
        env.say("```", "dim")
        names = referenced(block.code, values)
        if names:
            env.say("  with " + " ".join(f"{n}={masker.text(values[n])}" for n in names), "dim")
    if not step.runnable_commands:
        env.say(step.text.strip() or "(manual step)")


def show_entry(env: Environment, entry: TroubleshootingEntry, matched: bool) -> None:
    env.say(f"\n{'Matches' if matched else 'Troubleshooting'}: {entry.title}", "title")
    if entry.cause:
        env.say(f"  Cause: {entry.cause}")
    if entry.solution:
        env.say(f"  Solution: {entry.solution}")
    for block in entry.commands:
        env.say(f"  {block.code.rstrip()}", "command")


def show_contacts(env: Environment, rb: Runbook, escalation: bool) -> None:
    order = ("escalation", "on_call") if escalation else ("on_call", "escalation")
    contacts = sorted(rb.contacts, key=lambda c: order.index(c.role) if c.role in order else 9)
    if not contacts:
        env.say("No contacts in this runbook.", "warn")
    for contact in contacts:
        env.say(f"  {contact.label}: {contact.value}", "title" if contact.role in order else None)


def dry_run(rb: Runbook, env: Environment, values: dict[str, str], masker: Masker,
            hosts_of: Callable[[CodeBlock], str | list[list[str]]] | None = None) -> None:
    """Everything that would run, in order, with the variables resolved; runs nothing.
    ``hosts_of`` gives a fleet block's hosts in batches (or why they are not known)."""
    env.say("\nDry run: nothing is executed.", "warn")
    if values:
        env.say("Variables (passed as environment variables):", "title")
        for name, value in values.items():
            env.say(f"  {name}={masker.text(value)}")
    if rb.prerequisites:
        env.say("Prerequisites:", "title")
        for item in rb.prerequisites:
            env.say(f"  [ ] {item.text}")
    for index, step in enumerate(rb.steps, 1):
        describe_step(env, step, index, len(rb.steps), values, masker)
        for block in step.commands:
            if hosts_of is not None and block.is_shell and "on" in block.attributes:
                _show_batches(env, block, hosts_of(block))
        for exp in step.expectations:
            wanted = ", ".join(("/" + x.text + "/") if x.regex else x.text for x in exp.lines)
            env.say(f"  expect: {wanted}" + (" exit=" + "|".join(map(str, exp.exit_statuses))
                                             if exp.exit_statuses else ""), "dim")
        if step.expected_result:
            env.say(f"  Expected result: {step.expected_result}")
    if rb.verification:
        env.say("\nVerification:", "title")
        for item in rb.verification:
            env.say(f"  [ ] {item.text}")
    if rb.rollback:
        env.say("\nRollback cases (on failure):", "title")
        for case in rb.rollback:
            env.say(f"  {case.title}" + (f" (step {case.step})" if case.step else ""))


def _show_batches(env: Environment, block: CodeBlock,
                  batches: str | list[list[str]]) -> None:
    on = block.attributes.get("on")
    if isinstance(batches, str):
        env.say(f"  on {on}: hosts not known: {batches}", "warn")
        return
    total = sum(len(b) for b in batches)
    extra = ", as root (become)" if block.flag("become") else ""
    max_fail = block.attributes.get("max_fail", "0")
    env.say(f"  on {on}: {total} host(s) in {len(batches)} batch(es), "
            f"max_fail={max_fail}{extra}", "title")
    for number, batch in enumerate(batches, 1):
        env.say(f"    batch {number}: {', '.join(batch)}")
    if not batches:
        env.say("    (no host matches: the step would fail)", "warn")


def interrupted_note(steps: Iterable[StepRecord]) -> str:
    """``, interrupted: step 2`` (the step's number as written) or nothing."""
    labels = [r.label.removeprefix("Step ").strip() for r in steps if r.status == "interrupted"]
    return f", interrupted: step {', '.join(labels)}" if labels else ""


def summary(outcome: RunOutcome, env: Environment) -> None:
    counts = {s: sum(1 for r in outcome.steps if r.status == s)
              for s in ("done", "skipped", "failed")}
    env.say("\nSummary", "title")
    for r in sorted(outcome.steps, key=lambda r: r.index):
        reason = f" ({r.reason})" if r.reason else ""
        env.say(f"  {r.label:<10} {r.status:<11} {r.duration:7.1f}s  {r.title}{reason}",
                {"done": "ok", "failed": "error", "interrupted": "warn"}.get(r.status))
    env.say(f"  {counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed"
            f"{interrupted_note(outcome.steps)} in {outcome.duration:.1f}s — "
            f"status {outcome.status}", "ok" if outcome.exit_code == 0 else "error")
    for text in outcome.failed_checks:
        env.say(f"  verification failed: {text}", "error")
    if outcome.run_id:
        env.say(f"  run id: {outcome.run_id} (runwright report {outcome.run_id})")
