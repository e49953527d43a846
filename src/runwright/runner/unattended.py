"""``runwright test``: runbooks run without prompts, results journalled, JUnit XML on request.

Per step: ``skip-test`` steps, manual steps, steps with an ``interactive`` command (nobody is
there to answer it), and (unless mutating steps are allowed) ``mutating``/``confirm`` steps and
steps with a block not marked ``readonly`` whose commands the shell model does not know to be
read-only (:func:`~runwright.runner.checks.test_policy`) are skipped, with the reason; the
others run with their ``expect`` blocks checked. The first failing step fails
the runbook and the steps after it are skipped. Prerequisites are listed, not checked;
verification items run when they hold commands that would be allowed as a step. A runbook in
which no step and no verification command ran ends ``skipped``: it was not tested.
:func:`explain` says what would run and why, running nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import click

from runwright.config import Config
from runwright.discovery import iter_runbooks
from runwright.errors import InputError, RunwrightError
from runwright.model import Runbook, Step
from runwright.runner.checks import test_policy, verification_policy
from runwright.runner.environment import QuietEnvironment
from runwright.runner.failures import indented
from runwright.runner.journal import Journal, journal_location
from runwright.runner.notify import Notifier
from runwright.runner.session import Failure, RunOptions, RunOutcome, Session, StepRecord, Stop
from runwright.runner.shell import parse_timeout
from runwright.runner.variables import session_secrets
from runwright.shell.readonly import allowlist

DEFAULT_TEST_TIMEOUT = 300.0


class TestSession(Session):
    """A Session whose decisions follow the unattended policy instead of asking."""

    mode = "test"

    def __init__(self, runbook: Runbook, path: Path, options: RunOptions,
                 env: QuietEnvironment, journal: Journal, notifier: Notifier,
                 allow_mutating: bool = False, readonly_commands: Sequence[str] = ()) -> None:
        super().__init__(runbook, path, options, env, journal, notifier)
        self.quiet = env
        self.allow_mutating = allow_mutating
        self.readonly_commands = tuple(readonly_commands)
        self.outputs: dict[int, str] = {}
        self.stopped = False
        self.verified = False  # a verification item's commands ran

    def header(self) -> None:
        return None

    def summary(self, outcome: RunOutcome) -> None:
        return None

    def success_status(self) -> str:
        """``passed`` when some step or verification command ran (and none failed);
        ``skipped`` when nothing ran: that is not a test."""
        ran = self.verified or any(r.status == "done" for r in self.records)
        return "passed" if ran else "skipped"

    def prerequisites(self) -> None:
        for item in self.rb.prerequisites:
            self.log("prerequisite", text=item.text, answer="not checked (test)")

    def collect_variables(self) -> None:
        from runwright.runner.variables import resolve

        resolve(self.rb, self.opts.variables, None,  # UsageError when one is missing
                is_secret=self.is_secret)
        super().collect_variables()

    def decide(self, index: int, step: Step) -> str:
        if self.stopped:
            return "skip"
        reason = test_policy(step, self.allow_mutating, self.readonly_commands)
        if reason is None:
            return "run"
        self.skip_reason = reason
        return "skip"

    def step(self, index: int, step: Step, total: int) -> tuple[str, str]:
        self.skip_reason = "an earlier step failed" if self.stopped else ""
        status, reason = super().step(index, step, total)
        if status == "skipped":
            reason = self.skip_reason
        return status, reason

    def run_commands(self, index: int, step: Step) -> Failure | None:
        self.quiet.captured.clear()
        failure = super().run_commands(index, step)
        self.outputs[index] = self.masker.text("".join(self.quiet.captured))
        return failure

    def confirm_result(self, index: int, step: Step) -> Failure | None:
        return None

    def on_failure(self, index: int, step: Step, failure: Failure) -> str:
        self.log("step_failed", index, reason=failure.reason)
        self.notify("failure", f"test of {self.rb.title or self.name}: step {index} failed "
                               f"({failure.reason})")
        self.stopped = True
        return "skip"

    def verification(self) -> None:
        if self.stopped:
            return
        for item in self.rb.verification:
            if verification_policy(item, self.allow_mutating,
                                   self.readonly_commands) is not None:
                self.log("verification", text=item.text, result="not checked (test)")
                continue
            shell = [b for b in item.commands if b.is_shell]
            self.verified = True
            ok = all(self.run_block(0, i, b, None, "verify") is None
                     for i, b in enumerate(shell))
            self.log("verification", text=item.text, result="passed" if ok else "failed")
            if not ok:
                self.failed_verification = True
                self.records.append(StepRecord(0, "Verification", item.text, "failed",
                                               reason="verification command failed"))


def _policy(config: Config, allow_mutating: bool | None) -> tuple[bool, tuple[str, ...]]:
    """Whether mutating steps are allowed, and the configured read-only commands (checked
    now: an entry that cannot be read is a ConfigError before anything runs)."""
    section = config.section("test")
    if allow_mutating is None:
        allow_mutating = bool(section.get("allow_mutating", False))
    readonly_commands = tuple(section.get("readonly_commands", ()))
    allowlist(readonly_commands)
    return allow_mutating, readonly_commands


def test_paths(paths: Sequence[str], config: Config, variables: dict[str, str],
               allow_mutating: bool | None = None, junit: Path | None = None,
               on_error: Callable[[InputError], None] | None = None,
               inventory: str | None = None, limit: str | None = None) -> int:
    """Test every runbook under ``paths``; print one line per runbook; exit status.
    ``on_error`` is told about each path that cannot be read (the others are tested)."""
    from runwright.runner.api import notifier_from_config, options_from_config, secret_names

    allow_mutating, readonly_commands = _policy(config, allow_mutating)
    timeout = parse_timeout(config.section("test").get("timeout")) or DEFAULT_TEST_TIMEOUT
    errors: list[InputError] = []
    results: list[tuple[str, RunOutcome, str | None, dict[int, str]]] = []
    journal = Journal.open(journal_location(config), offline_ok=True,
                           say=lambda line: click.secho(line, err=True, fg="yellow"))
    try:
        runbooks = list(iter_runbooks(paths, config, errors, on_error))
        # Secret for one runbook, secret for all, whatever the order they run in.
        names, values = session_secrets(runbooks, variables, secret_names(config))
        for rb in runbooks:
            for problem in rb.problems:
                click.secho(f"Warning: {rb.path}:{problem.line}: {problem.message}", err=True,
                            fg="yellow")
            env = QuietEnvironment()
            opts: RunOptions = options_from_config(config, variables=dict(variables), yes=True,
                                                   default_timeout=timeout, secret_names=names,
                                                   secret_values=values,
                                                   inventory=inventory, limit=limit)
            session = TestSession(rb, Path(rb.path), opts, env, journal,
                                  notifier_from_config(config, env),
                                  allow_mutating=allow_mutating,
                                  readonly_commands=readonly_commands)
            error = None
            try:
                outcome = session.run()
            except RunwrightError as exc:
                error = exc.message + (f" ({exc.hint})" if exc.hint else "")
                if session.run_id is not None:
                    journal.event(session.run_id, "error", message=error)
                    journal.set_status(session.run_id, "failed", ended=True)
                    journal.release(session.run_id)
                outcome = RunOutcome(session.run_id, "failed", [], session.name)
            except Stop as stop:
                outcome = RunOutcome(session.run_id, stop.status, [], session.name)
            results.append((rb.path, outcome, error, session.outputs))
            _print(rb.path, outcome, error, session.outputs)
    finally:
        journal.close()
    if junit is not None:
        write_junit(junit, results)
    counts = {"passed": 0, "skipped": 0, "failed": 0}
    for _, outcome, error, _ in results:
        status = outcome.status if error is None and outcome.status in counts else "failed"
        counts[status] += 1
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items())
               + (f", {len(errors)} unreadable" if errors else ""))
    if errors:
        return 2
    return 1 if counts["failed"] else 0


_LABELS = {"passed": ("PASS", "green"), "skipped": ("SKIP", "yellow")}


def _print(path: str, outcome: RunOutcome, error: str | None,
           outputs: dict[int, str]) -> None:
    label, colour = _LABELS.get(outcome.status, ("FAIL", "red")) if error is None else (
        "FAIL", "red")
    click.secho(f"{label} {path}", fg=colour, bold=True)
    if error:
        click.echo(f"  error: {error}")
    for r in sorted(outcome.steps, key=lambda r: r.index):
        reason = f" ({r.reason})" if r.reason else ""
        click.echo(f"  {r.label:<10} {r.status:<8}{reason}")
        if r.status == "failed":
            for line in indented(outputs.get(r.index, ""), "             | "):
                click.echo(line)


def write_junit(path: Path,
                results: list[tuple[str, RunOutcome, str | None, dict[int, str]]]) -> None:
    """One testsuite per runbook, one testcase per step (skipped/failure as JUnit expects)."""
    suites = ET.Element("testsuites", name="runwright")
    for rb_path, outcome, error, outputs in results:
        steps = sorted(outcome.steps, key=lambda r: r.index)
        suite = ET.SubElement(suites, "testsuite", name=rb_path, tests=str(max(len(steps), 1)),
                              failures=str(sum(r.status in ("failed", "interrupted")
                                               for r in steps)),
                              errors="1" if error else "0",
                              skipped=str(sum(r.status == "skipped" for r in steps)),
                              time=f"{outcome.duration:.3f}")
        if outcome.run_id:
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="run_id", value=outcome.run_id)
        if outcome.status == "skipped" and error is None:
            ET.SubElement(suite, "skipped", message="every step was skipped: nothing was tested")
        if error:
            case = ET.SubElement(suite, "testcase", classname=rb_path, name="setup")
            ET.SubElement(case, "error", message=error)
        for r in steps:
            case = ET.SubElement(suite, "testcase", classname=rb_path,
                                 name=f"{r.label}: {r.title}", time=f"{r.duration:.3f}")
            if r.status in ("failed", "interrupted"):
                message = r.reason if r.status == "failed" else f"interrupted ({r.reason})"
                node = ET.SubElement(case, "failure", message=message)
                node.text = outputs.get(r.index, "")
            elif r.status == "skipped":
                ET.SubElement(case, "skipped", message=r.reason)
            elif outputs.get(r.index):
                ET.SubElement(case, "system-out").text = outputs[r.index]
    ET.indent(suites)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


@dataclass(frozen=True)
class Decision:
    """Whether ``runwright test`` would run one step (or verification item), and why not."""

    label: str
    title: str
    runs: bool
    reason: str = ""


@dataclass(frozen=True)
class Explanation:
    path: str
    decisions: tuple[Decision, ...]
    problem: str | None = None  # why the runbook would not start (a missing variable ...)


def explain(paths: Sequence[str], config: Config, variables: dict[str, str],
            allow_mutating: bool | None = None, errors: list[InputError] | None = None,
            on_error: Callable[[InputError], None] | None = None) -> list[Explanation]:
    """What ``runwright test`` would run in each runbook under ``paths``, step by step, and
    why it would skip the others. Nothing runs and nothing is journalled."""
    from runwright.errors import UsageError
    from runwright.runner.api import secret_names
    from runwright.runner.session import step_label
    from runwright.runner.variables import resolve

    allow_mutating, readonly_commands = _policy(config, allow_mutating)
    out: list[Explanation] = []
    runbooks = list(iter_runbooks(paths, config, errors if errors is not None else [],
                                  on_error))
    is_secret, _ = session_secrets(runbooks, variables, secret_names(config))
    for rb in runbooks:
        problem = None
        try:
            resolve(rb, variables, None, is_secret=is_secret)  # a secret is never echoed
        except UsageError as exc:
            problem = exc.message
        decisions = []
        for index, step in enumerate(rb.steps, start=1):
            reason = test_policy(step, allow_mutating, readonly_commands)
            decisions.append(Decision(step_label(step, index), step.title, reason is None,
                                      reason or ""))
        for item in rb.verification:
            why = verification_policy(item, allow_mutating, readonly_commands)
            decisions.append(Decision("Verify", item.text, why is None, why or ""))
        out.append(Explanation(rb.path, tuple(decisions), problem))
    return out


def print_explanation(explanations: Sequence[Explanation]) -> None:
    """One block per runbook: each step, ``run`` or ``skip`` and the reason."""
    for e in explanations:
        click.secho(e.path, bold=True)
        if e.problem:
            click.echo(f"  would not start: {e.problem}")
        for d in e.decisions:
            verdict = click.style("run ", fg="green") if d.runs else click.style("skip",
                                                                              fg="yellow")
            click.echo(f"  {d.label:<10} {verdict}  {d.title}")
            if d.reason:
                click.echo(f"  {'':<10}       {d.reason}")
    steps = [d for e in explanations for d in e.decisions]
    click.echo(f"{sum(d.runs for d in steps)} of {len(steps)} steps and verification items "
               f"would run, in {len(explanations)} runbooks (nothing was run)")
