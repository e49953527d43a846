"""``runwright test``: runbooks run without prompts, results journalled, JUnit XML on request.

Per step: ``skip-test`` steps, manual steps, steps with an ``interactive`` command (nobody is
there to answer it), and (unless mutating steps are allowed) ``mutating``/``confirm`` steps and
steps with a block not marked ``readonly`` whose commands the shell model does not know to be
read-only (:func:`~runwright.runner.checks.test_policy`) are skipped, with the reason; the
others run with their ``expect`` blocks checked. The first failing step fails
the runbook and the steps after it are skipped. Prerequisites are listed, not checked;
verification items run when they hold commands that would be allowed as a step.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

import click

from runwright.config import Config
from runwright.errors import InputError, RunwrightError
from runwright.model import Runbook, Step
from runwright.runner.checks import block_policy, test_policy
from runwright.runner.environment import QuietEnvironment
from runwright.runner.journal import Journal, journal_location
from runwright.runner.notify import Notifier
from runwright.runner.session import Failure, RunOptions, RunOutcome, Session, StepRecord, Stop
from runwright.runner.shell import parse_timeout
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

    def header(self) -> None:
        return None

    def summary(self, outcome: RunOutcome) -> None:
        return None

    def success_status(self) -> str:
        return "passed"

    def prerequisites(self) -> None:
        for item in self.rb.prerequisites:
            self.log("prerequisite", text=item.text, answer="not checked (test)")

    def collect_variables(self) -> None:
        from runwright.runner.variables import resolve

        resolve(self.rb, self.opts.variables, None)  # UsageError when one is missing
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
            shell = [b for b in item.commands if b.is_shell]
            if not shell or any(b.flag("interactive") for b in shell) or (
                    not self.allow_mutating and any(
                        block_policy(b, self.readonly_commands) is not None for b in shell)):
                self.log("verification", text=item.text, result="not checked (test)")
                continue
            ok = all(self.run_block(0, i, b, None, "verify") is None
                     for i, b in enumerate(shell))
            self.log("verification", text=item.text, result="passed" if ok else "failed")
            if not ok:
                self.failed_verification = True
                self.records.append(StepRecord(0, "Verification", item.text, "failed",
                                               reason="verification command failed"))


def test_paths(paths: Sequence[str], config: Config, variables: dict[str, str],
               allow_mutating: bool | None = None, junit: Path | None = None) -> int:
    """Test every runbook under ``paths``; print one line per runbook; exit status."""
    from runwright.cli.common import iter_runbooks
    from runwright.runner.api import notifier_from_config, options_from_config

    section = config.section("test")
    if allow_mutating is None:
        allow_mutating = bool(section.get("allow_mutating", False))
    timeout = parse_timeout(section.get("timeout")) or DEFAULT_TEST_TIMEOUT
    readonly_commands = tuple(section.get("readonly_commands", ()))
    allowlist(readonly_commands)  # a ConfigError now for an entry it cannot read
    errors: list[InputError] = []
    results: list[tuple[str, RunOutcome, str | None, dict[int, str]]] = []
    journal = Journal.open(journal_location(config), offline_ok=True,
                           say=lambda line: click.secho(line, err=True, fg="yellow"))
    try:
        for rb in iter_runbooks(paths, config, errors):
            for problem in rb.problems:
                click.secho(f"Warning: {rb.path}:{problem.line}: {problem.message}", err=True,
                            fg="yellow")
            env = QuietEnvironment()
            opts: RunOptions = options_from_config(config, variables=dict(variables), yes=True,
                                                   default_timeout=timeout)
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
            _print(rb.path, outcome, error)
    finally:
        journal.close()
    if junit is not None:
        write_junit(junit, results)
    passed = sum(1 for _, o, e, _ in results if o.status == "passed" and e is None)
    click.echo(f"{passed} of {len(results)} runbooks passed"
               + (f", {len(errors)} unreadable" if errors else ""))
    if errors:
        return 2
    return 0 if passed == len(results) else 1


def _print(path: str, outcome: RunOutcome, error: str | None) -> None:
    ok = outcome.status == "passed" and error is None
    click.secho(f"{'PASS' if ok else 'FAIL'} {path}", fg="green" if ok else "red", bold=True)
    if error:
        click.echo(f"  error: {error}")
    for r in sorted(outcome.steps, key=lambda r: r.index):
        reason = f" ({r.reason})" if r.reason else ""
        click.echo(f"  {r.label:<10} {r.status:<8}{reason}")


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
