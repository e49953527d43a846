"""The interactive step loop behind ``runwright run``.

One :class:`Session` runs one runbook: header, prerequisites, variables, each step (ask, run,
check, confirm), failure handling (troubleshooting, retry, skip, rollback, escalate, abort), the
verification checklist and a summary. Every decision and result goes to the journal as it
happens. Terminal I/O goes through an injected :class:`~runwright.runner.environment.Environment`;
:mod:`runwright.runner.unattended` overrides the decision hooks for ``runwright test``.
"""

from __future__ import annotations

import getpass
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from runwright.errors import UsageError
from runwright.model import CodeBlock, Runbook, Step
from runwright.runner import fleet
from runwright.runner.checks import check_output, is_confirm
from runwright.runner.environment import Environment
from runwright.runner.failures import indented
from runwright.runner.fleet import Inventory
from runwright.runner.journal import UNFINISHED, Journal, RunRow, now, relative_runbook
from runwright.runner.masking import MASK, Masker, SecretNames
from runwright.runner.notify import Notifier
from runwright.runner.output import LiveOutput, clip, describe_step
from runwright.runner.resume import FINISHED, changes, history, key_fields, match
from runwright.runner.runlock import DEFAULT_STALE_AFTER
from runwright.runner.shell import (
    CommandResult,
    Terminated,
    parse_timeout,
    run_command,
    terminal,
)
from runwright.runner.variables import resolve, secret_values

EXIT = {"completed": 0, "passed": 0, "interrupted": 130}
#: What the journal keeps as the output of an interactive command.
NOT_KEPT = "(interactive: shown on the terminal, not kept)"
#: What commands print when they want a terminal that a captured command does not have.
_WANTS_TERMINAL = re.compile(
    r"a terminal is required|no tty present|/dev/tty: No such device or address|"
    r"the input device is not a TTY|Unable to use a TTY|is not a tty|not a terminal",
    re.IGNORECASE)


class Stop(Exception):
    """Ends the run with ``status``."""

    def __init__(self, status: str, step_status: str | None = None,
                 reason: str = "") -> None:
        super().__init__(status)
        self.status = status
        self.step_status = step_status  # how the current step ends, when it does
        self.reason = reason


#: The first line of a transcript: a ``$ ``, ``user@host:~$ ``, ``[u@h dir]$ `` or
#: ``(venv) $ `` prompt. Only such blocks are read as transcripts (and the reader, which
#: loads the lint rules, is imported only for them).
_FIRST_PROMPT = re.compile(r"\A\s*(?:\$|\S+@\S+?(?::\S*)?\s?[$#%]|\[[^\]\n]+\][$#]|"
                           r"\(\S+\)\s?\$)\s+\S")


def script(block: CodeBlock) -> str:
    """What runs for a shell block: its code, or for a transcript (every command line behind a
    ``$ `` prompt) its commands without the prompts and without the output lines."""
    if not _FIRST_PROMPT.match(block.code):
        return block.code
    from runwright.linter.rules._shell import transcript_script

    return transcript_script(block.code) or block.code


@dataclass
class RunOptions:
    variables: dict[str, str] = field(default_factory=dict)
    yes: bool = False
    yes_destructive: bool = False
    dry_run: bool = False
    from_step: str | None = None
    resume: bool = False
    resume_id: str | None = None
    shell: str = "bash"
    output_limit: int = 64 * 1024
    operator: str | None = None
    default_timeout: float | None = None
    lock_stale_after: float = DEFAULT_STALE_AFTER
    #: Secret names of the whole session (every runbook ``test`` runs, the config's rules).
    secret_names: SecretNames = field(default_factory=SecretNames)
    #: Values of secret names in the session's other runbooks, masked here too.
    secret_values: tuple[str, ...] = ()
    #: Extra read-only commands (``test.readonly_commands``), for commands run again.
    readonly_commands: tuple[str, ...] = ()
    #: ``--inventory`` and ``--limit`` (fleet steps); else the front matter's or the config's
    inventory: str | None = None
    limit: str | None = None
    #: ``run.inventory`` of the configuration, and the folder it is relative to
    config_inventory: str | None = None
    config_root: Path | None = None


@dataclass
class StepRecord:
    index: int
    label: str
    title: str
    status: str  # done, skipped, failed, interrupted
    duration: float = 0.0
    reason: str = ""


@dataclass
class Failure:
    reason: str
    output: str
    #: a fleet step's failed hosts and the output of each
    hosts: dict[str, str] = field(default_factory=dict)


@dataclass
class RunOutcome:
    run_id: str | None
    status: str
    steps: list[StepRecord]
    runbook: str = ""
    duration: float = 0.0
    failed_checks: list[str] = field(default_factory=list)  # verification items that failed

    @property
    def exit_code(self) -> int:
        return EXIT.get(self.status, 1)


def new_run_id() -> str:
    return f"{now():%Y%m%d-%H%M%S}-{os.urandom(3).hex()}"


def _interruption(exc: KeyboardInterrupt) -> str:
    """Why a step stopped: Ctrl-C, or the signal that ended the run (SIGHUP, SIGTERM)."""
    return str(exc) if isinstance(exc, Terminated) and str(exc) else "Ctrl-C"


def step_label(step: Step, index: int) -> str:
    return f"Step {step.number_text or index}"


class Session:
    mode = "run"

    def __init__(self, runbook: Runbook, path: Path, options: RunOptions, env: Environment,
                 journal: Journal | None, notifier: Notifier | None = None) -> None:
        self.rb = runbook
        self.path = path
        self.opts = options
        self.env = env
        self.journal = journal
        self.notifier = notifier or Notifier(None)
        #: Whether a variable name holds a secret, for this runbook and the whole session.
        self.is_secret = options.secret_names.declared(
            v.name for v in runbook.variables if v.secret)
        self.masker = Masker([*options.secret_values,
                              *secret_values([runbook], options.variables, self.is_secret)])
        if journal is not None:
            journal.set_secrets(sorted(self.masker.values))
        self.vars: dict[str, str] = {}
        self.run_id: str | None = None
        self.records: list[StepRecord] = []
        self.failed_verification = False
        self.failed_checks: list[str] = []
        self._failure: Failure | None = None  # the current step's failure, while it is handled
        self._started = False  # the current step's commands were started
        self._step_output: list[str] = []  # the current step's command output, as it ran
        self._finished: set[int] = set()  # steps kept from an earlier session (--resume)
        #: Secrets captured in an earlier session: name -> the step that captured them now.
        self._recapture: dict[str, int | None] = {}
        #: fleet steps: the inventory (read once), the hosts that finished each (step, block)
        #: and the hosts that ran each step (a rollback's hosts)
        self._inventory: Inventory | None = None
        self._fleet_done: dict[tuple[int, int], set[str]] = {}
        self._fleet_ran: dict[int, set[str]] = {}
        self.name = relative_runbook(path)
        self.started = time.monotonic()

    # -- journal helpers -----------------------------------------------------------------
    def log(self, kind: str, step: int | None = None, **data: object) -> None:
        if self.journal is not None and self.run_id is not None:
            self.journal.event(self.run_id, kind, step, **data)

    def notify(self, event: str, text: str) -> None:
        self.notifier.send(event, self.masker.text(text), run_id=self.run_id,
                           runbook=self.name, title=self.rb.title, operator=self.operator)

    @property
    def operator(self) -> str:
        return self.opts.operator or os.environ.get("RUNWRIGHT_OPERATOR") or _user()

    # -- the whole run -------------------------------------------------------------------
    def run(self) -> RunOutcome:
        self.header()
        if self.opts.dry_run:
            from runwright.runner.output import dry_run

            self._check_given_vars()
            dry_run(self.rb, self.env, self._partial_vars(), self.masker,
                    self.fleet_batches if has_fleet_steps(self.rb) else None)
            return RunOutcome(None, "completed", [], self.name)
        self._check_given_vars()
        if has_fleet_steps(self.rb):
            self.fleet_inventory()  # no inventory, or no extra: refused before anything runs
        try:
            start = self.begin()
        except Stop:  # the operator chose not to resume
            self.env.say("Not resumed: the run is left as it was.", "warn")
            return RunOutcome(None, "aborted", [], self.name)
        status = "completed"
        try:
            if start == 0 or not self.opts.resume:
                self.prerequisites()
            self.collect_variables()
            self.recapture()
            self.steps(start)
            self.verification()
            failed = any(r.status == "failed" for r in self.records)
            status = "failed" if failed or self.failed_verification else self.success_status()
        except Stop as stop:
            status = stop.status
        except KeyboardInterrupt:
            self.env.say("\nInterrupted: the run is recorded as interrupted "
                         "(continue it with --resume).", "warn")
            status = "interrupted"
        except EOFError:
            self.env.say("\nNo more answers on standard input: run aborted.", "warn")
            status = "aborted"
        return self.finish(status)

    def success_status(self) -> str:
        return "completed"

    def _partial_vars(self) -> dict[str, str]:
        out = dict(self.opts.variables)
        for var in self.rb.variables:
            value = out.get(var.name) or os.environ.get(var.name) or var.default
            out[var.name] = value if value is not None else "<asked at run time>"
        return out

    def _check_given_vars(self) -> None:
        from runwright.runner.variables import invalid, shown_value

        for var in self.rb.variables:
            if var.name in self.opts.variables:
                value = self.opts.variables[var.name]
                problem = invalid(var, value)
                if problem:
                    raise UsageError(f"--var {var.name}: "
                                     f"{shown_value(var, value, self.is_secret)} {problem}")

    def header(self) -> None:
        rb, say = self.rb, self.env.say
        say(f"Runbook: {rb.title or self.name}", "title")
        say(f"  file: {self.name}")
        meta = rb.metadata
        if meta.owner:
            say(f"  owner: {meta.owner}")
        if meta.estimated_time:
            say(f"  estimated time: {meta.estimated_time}")
        for contact in rb.contacts:
            say(f"  {contact.label}: {contact.value}")
        for problem in rb.problems:
            say(f"Warning: {self.name}:{problem.line}: {problem.message} "
                "(check the steps below before running them)", "warn")

    def begin(self) -> int:
        """Create (or reopen, with --resume) the run; return the index of the first step."""
        assert self.journal is not None
        if self.opts.resume:
            return self._resume()
        start = self._from_index()  # a bad --from is refused before a run is recorded
        self.run_id = new_run_id()
        self.journal.start_run(RunRow(
            id=self.run_id, runbook=self.name, title=self.rb.title,
            content_hash=self.rb.content_hash, mode=self.mode, operator=self.operator,
            host=os.uname().nodename, started_at=now(), ended_at=None, status="running"))
        self._hold(self.run_id)
        self.env.say(f"  run id: {self.run_id}", "dim")
        self.notify("start", f"{self.operator} started {self.rb.title or self.name} "
                             f"(run {self.run_id})")
        for index in range(start):
            step = self.rb.steps[index]
            self.records.append(StepRecord(index + 1, step_label(step, index + 1), step.title,
                                           "skipped", reason="--from"))
            self.log("step_end", index + 1, status="skipped", reason="--from",
                     **key_fields(step))
        return start

    def _from_index(self) -> int:
        wanted = self.opts.from_step
        if wanted is None:
            return 0
        for index, step in enumerate(self.rb.steps):
            if wanted in (step.number_text, str(step.number), str(index + 1)):
                return index
        raise UsageError(f"--from {wanted}: no such step in {self.name}",
                         hint="steps: " + ", ".join(step.number_text or str(i + 1)
                                                    for i, step in enumerate(self.rb.steps)))

    def _resume(self) -> int:
        assert self.journal is not None
        if self.opts.resume_id:
            run = self.journal.get_run(self.opts.resume_id)
            if run is None:
                raise UsageError(f"--resume {self.opts.resume_id}: no such run")
            if run.runbook != self.name:
                raise UsageError(f"run {run.id} is a run of {run.runbook}, not {self.name}")
        else:
            run = self.journal.latest_unfinished(self.name)
            if run is None:
                raise UsageError(f"no unfinished run of {self.name} to resume",
                                 hint="see 'runwright runs --runbook PATH'")
        self._hold(run.id)
        run = self.journal.get_run(run.id) or run  # as it is now that no one else runs it
        if run.status not in UNFINISHED or run.mode != "run":
            raise UsageError(f"run {run.id} is {run.status}: nothing to resume")
        events = self.journal.events(run.id)
        same = run.content_hash == self.rb.content_hash
        past = history(events)
        matched = match(self.rb.steps, past, same)
        if not same:
            self.env.say(f"Warning: {self.name} has changed since run {run.id} started. Its "
                         "steps are matched to the run's by id, else by title and commands:",
                         "warn")
            for line in changes(self.rb.steps, past, matched):
                self.env.say(line)
            try:
                go_on = self._choose("Go on with this run? [y]es / [q]uit", "yq", None) == "y"
            except EOFError:
                go_on = False
            if not go_on:
                self.journal.release(run.id)
                raise Stop("not resumed")
        self.run_id = run.id
        self._finished = {i for i, p in matched.items() if p.status in FINISHED}
        now_at = {p.number: i for i, p in matched.items()}  # past position -> current one
        for e in events:
            name = e.data.get("name")
            if e.kind != "capture" or not isinstance(name, str):
                continue
            value = e.data.get("value")
            if isinstance(value, str) and MASK not in value:
                self.vars[name] = value
                self._recapture.pop(name, None)
            else:  # a secret, kept in memory only (or masked by an older runwright)
                self.vars.pop(name, None)
                self._recapture[name] = now_at.get(e.step) if e.step is not None else None
        for e in events:  # fleet steps: the hosts that finished a block of an unfinished step
            host, ci = e.data.get("host"), e.data.get("command")
            if e.kind != "host_end" or e.data.get("status") != "ok" or e.step is None \
                    or e.data.get("phase", "command") != "command" or not isinstance(host, str) \
                    or not isinstance(ci, int) or not same:
                continue
            self._fleet_done.setdefault((e.step, ci), set()).add(host)
            self._fleet_ran.setdefault(e.step, set()).add(host)
        self._kept = {k: v for k, v in run.variables.items()
                      if v is not None and k not in run.secrets}
        self.journal.set_status(run.id, "running")
        start = len(self.rb.steps)
        for index, step in enumerate(self.rb.steps):
            if index + 1 in self._finished:
                self.records.append(StepRecord(index + 1, step_label(step, index + 1),
                                               step.title, str(matched[index + 1].status),
                                               reason="earlier session"))
            elif start == len(self.rb.steps):
                start = index
        self.log("resume", start + 1, changed=not same, operator=self.operator,
                 host=os.uname().nodename,
                 kept={str(i): matched[i].number for i in sorted(self._finished)})
        self.env.say(f"Resuming run {run.id} at step {start + 1} of {len(self.rb.steps)}.",
                     "title")
        return start

    def _hold(self, run_id: str) -> None:
        """Hold the run for this process (one live process per run; see runner.runlock)."""
        assert self.journal is not None
        notice = self.journal.hold(run_id, self.operator, self.opts.lock_stale_after)
        if notice:
            self.env.say(f"Notice: {notice}.", "warn")
            self.journal.event(run_id, "takeover", detail=notice)

    def recapture(self) -> None:
        """Values captured into secrets in an earlier session were not journalled: capture
        them again by running the read-only command that did, or ask the operator. A masked
        value is never put in a command."""
        for name, index in list(self._recapture.items()):
            step = self.rb.steps[index - 1] if index is not None else None
            blocks = [(ci, b) for ci, b in enumerate(step.commands if step else ())
                      if b.is_shell and b.attributes.get("capture") == name]
            where = f"{step_label(step, index)}" if step is not None and index is not None \
                else "a step no longer in the runbook"
            if blocks and index is not None and \
                    known_readonly(blocks[0][1], self.opts.readonly_commands):
                self.env.say(f"{name} was captured by {where} and holds a secret, which the "
                             "journal does not keep: running its read-only command again.",
                             "warn")
                ci, block = blocks[0]
                if self.run_block(index, ci, block, step, "recapture") is None:
                    continue
            self.env.say(f"{name} was captured by {where} and holds a secret, which the "
                         "journal does not keep" + ("" if not blocks else
                                                    " (its command is not known to be "
                                                    "read-only, so it is not run again)")
                         + ".", "warn")
            value = self.env.ask_secret(f"{name}: ")
            self.add_secrets([value])
            self.capture(index, name, value)
        self._recapture.clear()

    def finish(self, status: str) -> RunOutcome:
        if self.journal is not None and self.run_id is not None:
            self.log("run_end", status=status)
            self.journal.set_status(self.run_id, status, ended=True)
            if not self.journal.release(self.run_id):
                self.env.say(f"Warning: another process took run {self.run_id} over while "
                             "this one was silent.", "warn")
        outcome = RunOutcome(self.run_id, status, self.records, self.name,
                             time.monotonic() - self.started, list(self.failed_checks))
        self.summary(outcome)
        self.notify("end", f"{self.rb.title or self.name}: run {self.run_id} {status}")
        return outcome

    def summary(self, outcome: RunOutcome) -> None:
        from runwright.runner.output import summary

        summary(outcome, self.env)

    def add_secrets(self, values: list[str]) -> None:
        """Mask these values from now on, on screen and in the journal."""
        for value in values:
            self.masker.add(value)
        if self.journal is not None:
            self.journal.set_secrets(values)

    # -- before the steps ----------------------------------------------------------------
    def prerequisites(self) -> None:
        if not self.rb.prerequisites:
            return
        self.env.say("\nPrerequisites", "title")
        for item in self.rb.prerequisites:
            self.env.say(f"  [ ] {item.text}")
            if self.opts.yes:
                self.log("prerequisite", text=item.text, answer="yes (--yes)")
                continue
            answer = self._choose("  Met? [y]es / [s]kip (go on anyway) / [q]uit", "ysq", "y")
            self.log("prerequisite", text=item.text, answer=answer)
            if answer == "q":
                raise Stop("aborted")

    def collect_variables(self) -> None:
        keep = getattr(self, "_kept", None)
        values = resolve(self.rb, self.opts.variables, self.env, keep=keep,
                         is_secret=self.is_secret)
        for name, value in (keep or {}).items():
            values.setdefault(name, value)
        secret_names = [name for name in values if self.is_secret(name)]
        self.add_secrets([values[n] for n in secret_names])
        if self.journal is not None and self.run_id is not None:
            stored: dict[str, str | None] = {
                k: (None if k in secret_names else v) for k, v in values.items()}
            self.journal.update_variables(self.run_id, stored)
        self.vars = {**values, **self.vars}
        if values:
            shown = ", ".join(f"{k}={self.masker.text(v)}" for k, v in values.items())
            self.env.say(f"Variables: {shown}", "dim")
            self.log("variables", values={k: self.masker.text(v) for k, v in values.items()})

    # -- the steps -----------------------------------------------------------------------
    def steps(self, start: int) -> None:
        total = len(self.rb.steps)
        for index in range(start, total):
            if index + 1 in self._finished:
                continue
            step = self.rb.steps[index]
            began = time.monotonic()
            try:
                status, reason = self.step(index + 1, step, total)
            except Stop as stop:
                if stop.step_status is not None:
                    self._record(index, step, stop.step_status, began, stop.reason)
                raise
            except KeyboardInterrupt as stop:  # Ctrl-C at a prompt, or a hang-up/termination
                self._record(index, step, "interrupted", began, _interruption(stop))
                raise
            except EOFError:  # no more answers: the step ends as far as it got
                if self._failure is not None:
                    self._record(index, step, "failed", began, self._failure.reason)
                elif self._started:
                    self._record(index, step, "interrupted", began,
                                 "no more answers on standard input")
                raise
            self._record(index, step, status, began, reason)

    def _record(self, index: int, step: Step, status: str, began: float, reason: str) -> None:
        record = StepRecord(index + 1, step_label(step, index + 1), step.title, status,
                            time.monotonic() - began, reason)
        self.records = [r for r in self.records if r.index != index + 1] + [record]
        self.log("step_end", index + 1, status=status, reason=reason,
                 duration=round(record.duration, 3))

    def step(self, index: int, step: Step, total: int) -> tuple[str, str]:
        describe_step(self.env, step, index, total, self.vars, self.masker)
        self._failure, self._started = None, False
        decision = self.decide(index, step)
        self.log("step_start", index, decision=decision, **key_fields(step))
        if decision == "skip":
            return "skipped", "operator"
        if decision == "manual":
            return "skipped", "manual step (--yes)"
        self._started = True
        while True:
            self._failure = None
            failure = self.run_commands(index, step)
            if failure is None:
                failure = self.confirm_result(index, step)
            if failure is None:
                self.env.say(f"✓ {step_label(step, index)} done", "ok")
                return "done", ""
            self._failure = failure
            if self.on_failure(index, step, failure) == "retry":
                self.log("decision", index, choice="retry")
                describe_step(self.env, step, index, total, self.vars, self.masker)
                continue
            return "failed", failure.reason

    def decide(self, index: int, step: Step) -> str:
        """run, skip or manual; raises Stop on quit."""
        manual = not step.runnable_commands
        if manual and self.opts.yes:
            return "manual"
        if self.opts.yes and not is_confirm(step):
            return "run"
        while True:
            if manual:
                answer = self._choose("Done? [d]one / [s]kip / [q]uit", "dsq", "d")
                answer = {"d": "r"}.get(answer, answer)
            elif self.opts.yes:
                answer = "r"
            else:
                answer = self._choose("Run this step? [r]un / [s]kip / [q]uit", "rsq", "r")
            if answer == "q":
                self.log("decision", index, choice="quit")
                raise Stop("aborted")
            if answer == "s":
                return "skip"
            if manual:
                return "done-manual"
            if not is_confirm(step) or self.typed_confirmation(index, "step", step):
                return "run"
            if self.opts.yes:
                raise Stop("aborted")

    def typed_confirmation(self, index: int, what: str, step: Step) -> bool:
        """The operator typed the step's number (``--yes-destructive`` stands for it): a
        ``confirm`` step before it runs and before each retry, a ``confirm`` rollback block
        (the number of the step that failed) before it runs."""
        if self.opts.yes_destructive:
            return True
        number = step.number_text or str(index)
        typed = self.env.ask(f"Destructive {what}: type the step number ({number}) to run it: ")
        confirmed = typed in (step.number_text, str(step.number), str(index))
        self.log("confirmation", index, what=what, confirmed=confirmed)
        if not confirmed:
            self.env.say("Not confirmed.", "warn")
        return confirmed

    def _choose(self, prompt: str, letters: str, default: str | None) -> str:
        """One letter of ``letters``; an empty answer is ``default``, or, with no default (a
        destructive question), asked again."""
        shown = f" ({default})" if default else ""
        while True:
            answer = self.env.ask(f"{prompt}{shown}: ").lower()[:1] or (default or "")
            if answer == "q" and "q" not in letters and "a" in letters:
                answer = "a"  # 'quit' everywhere else: the same here, at 3 a.m.
            if answer in letters and answer:
                return answer
            self.env.say(f"  answer one of: {', '.join(letters)}", "warn")

    def run_commands(self, index: int, step: Step) -> Failure | None:
        """Run the step's shell commands in order; the first failure stops the step."""
        self._step_output = []
        for ci, block in enumerate(step.commands):
            if not block.is_shell:
                continue
            failure = self.run_block(index, ci, block, step)
            if failure is not None:
                return failure
        return None

    def run_block(self, index: int, ci: int, block: CodeBlock, step: Step | None,
                  kind: str = "command") -> Failure | None:
        if fleet.is_fleet(block):
            return self.run_fleet_block(index, ci, block, step, kind)
        watch = block.flag("watch")
        interactive = block.flag("interactive")
        timeout = parse_timeout(block.attributes.get("timeout")) or self.opts.default_timeout
        cwd = self._cwd(block)
        code = script(block)
        self.env.say(f"$ {code.rstrip()}" if "\n" not in code.rstrip()
                     else "$ (script)", "command")
        if interactive and terminal() is None:
            self.env.say("  (interactive, but runwright has no terminal to give it: it runs "
                         "with its input closed)", "warn")
        self.log(f"{kind}_start", index, command=ci, code=code, line=block.line)
        name = block.attributes.get("capture")
        name = name if isinstance(name, str) and name else None
        secret_capture = name is not None and self.is_secret(name)
        # A secret being captured is shown (masked) only once it is known.
        live = LiveOutput(self.env, self.masker, hold=secret_capture)
        try:
            result = run_command(code, env={**os.environ, **self.vars}, cwd=cwd,
                                 timeout=timeout, shell=self.opts.shell, on_output=live.write,
                                 interactive=interactive)
        except Terminated as stop:  # the run stops: say how the command ended first
            if stop.result is not None:
                if secret_capture:
                    self.add_secrets([stop.result.stdout.rstrip("\n")])
                self._log_end(kind, index, ci, stop.result)
            live.flush()
            raise
        if secret_capture:
            self.add_secrets([result.stdout.rstrip("\n")])
        live.flush()
        self._log_end(kind, index, ci, result)
        if kind == "command" and result.captured:
            self._step_output.append(result.output)
        if result.captured and result.exit_status not in (None, 0) \
                and _WANTS_TERMINAL.search(result.output):
            self.env.say("  This command wants a terminal (a password prompt?): mark its block "
                         "{interactive} so that runwright gives it one.", "warn")
        if result.wanted_terminal:
            reason = ("the command stopped to read the terminal (a password prompt?), which "
                      "runwright keeps for itself: mark its block {interactive} so that "
                      "runwright gives it the terminal")
            return Failure(reason, result.output)
        if watch and (result.interrupted or result.timed_out):
            self.env.say("(watch ended)", "dim")
            return None
        if result.interrupted:
            self.env.say("\nCommand stopped (Ctrl-C).", "warn")
            return Failure("interrupted by Ctrl-C", result.output)
        if result.timed_out:
            return Failure(f"timed out after {timeout:g}s", result.output)
        expectations = tuple(e for e in step.expectations if e.command_index == ci) \
            if step is not None else ()
        wants_lines = any(e.lines for e in expectations)
        if not result.captured and (wants_lines or name is not None):
            what = "expected output" if wants_lines else f"capture={name}"
            reason = (f"{what} cannot be checked: the output of an interactive command goes to "
                      "the terminal and is not kept (only its exit status is)")
            self.env.say(f"  {reason}", "error")
            return Failure(reason, "")
        check = check_output(expectations, result.output, result.exit_status,
                             block.exit_statuses)
        if expectations:
            self.log("expect", index, command=ci, passed=check.passed, detail=check.describe())
            self.env.say(f"  expect: {check.describe()}", "ok" if check.passed else "error")
        if not check.passed:
            return Failure(check.describe(), result.output)
        if name is not None:
            self.capture(index, name, result.stdout.rstrip("\n"))
        return None

    # -- fleet steps -----------------------------------------------------------------------
    def fleet_inventory(self) -> Inventory:
        if self._inventory is None:
            self._inventory = fleet.Inventory(fleet.target_for(
                self.rb, self.path.resolve().parent, self.opts.inventory, self.opts.limit,
                self.opts.config_inventory, self.opts.config_root))
        return self._inventory

    def fleet_batches(self, block: CodeBlock) -> str | list[list[str]]:
        """A fleet block's hosts in batches, or why they cannot be known (dry run)."""
        pattern = fleet.pattern_of(block)
        problem = _fleet_problem(block)
        if problem or pattern is None:
            return problem or "on= names no host pattern"
        try:
            hosts = self.fleet_inventory().hosts(pattern)
        except UsageError as exc:
            return exc.message + (f" ({exc.hint})" if exc.hint else "")
        return fleet.batches(hosts, block.attributes.get("serial"))

    def run_fleet_block(self, index: int, ci: int, block: CodeBlock, step: Step | None,
                        kind: str) -> Failure | None:
        """Run ``block`` on its hosts in rolling batches; the failed hosts are counted against
        ``max_fail``. A host that finished the block is not run again (retry, --resume)."""
        pattern = fleet.pattern_of(block)
        problem = _fleet_problem(block)
        if problem or pattern is None:
            self.env.say(f"  {problem}", "error")
            return Failure(problem or "on= names no host pattern", "")
        inventory = self.fleet_inventory()
        hosts = inventory.hosts(pattern)
        if kind == "rollback":  # only where the failed step ran
            ran = self._fleet_ran.get(index, set())
            hosts = [h for h in hosts if h in ran]
            if not hosts:
                self.env.say(f"  (on={pattern}: no host ran the step, nothing to roll back)",
                             "dim")
                return None
        if not hosts:
            reason = f"on={pattern} matches no host in {inventory.source}" + (
                f" (--limit {inventory.target.limit})" if inventory.target.limit else "")
            self.env.say(f"  {reason}", "error")
            return Failure(reason, "")
        done = self._fleet_done.setdefault((index, ci), set()) if kind == "command" else set()
        todo = [h for h in hosts if h not in done]
        code = script(block)
        timeout = parse_timeout(block.attributes.get("timeout")) or self.opts.default_timeout
        batches = fleet.batches(todo, block.attributes.get("serial"))
        allowed = fleet.allowed_failures(block.attributes.get("max_fail"), len(hosts))
        self.env.say((f"$ {code.rstrip()}" if "\n" not in code.rstrip() else "$ (script)")
                     + f"   on {pattern}: {len(hosts)} host(s)"
                     + (", as root (become)" if block.flag("become") else ""), "command")
        if done:
            self.env.say(f"  already done on {len(done)} host(s): "
                         f"{', '.join(h for h in hosts if h in done)}", "dim")
        self.log(f"{kind}_start", index, command=ci, code=code, line=block.line, on=pattern,
                 hosts=todo, batches=[list(b) for b in batches], max_fail=allowed)
        expectations = tuple(e for e in step.expectations if e.command_index == ci) \
            if step is not None else ()
        name = block.attributes.get("capture")
        name = name if isinstance(name, str) and name else None
        if name is not None and self.is_secret(name):
            self.env.say(f"  capture={name} on a fleet step holds no secret: not captured",
                         "warn")
            name = None
        failed: dict[str, str] = {}
        values: dict[str, str] = {}
        stopped_after: int | None = None
        for number, batch in enumerate(batches, 1):
            self.env.say(f"  batch {number}/{len(batches)}: {', '.join(batch)}", "dim")

            def heard(result: fleet.HostResult, number: int = number) -> None:
                if result.status == "unreachable":
                    passed, why = False, f"unreachable: {result.message.strip()}"
                else:
                    check = check_output(expectations, result.output, result.exit_status,
                                         block.exit_statuses)
                    passed, why = check.passed, check.describe()
                for line in fleet.prefixed(result.host, self.masker.text(result.output)):
                    self.env.say(line)
                self.env.say(f"  [{result.host}] " + ("✓ " if passed else "✗ ") + why
                             + f" ({result.duration:.1f}s)", "ok" if passed else "error")
                self._fleet_ran.setdefault(index, set()).add(result.host)
                self.log("host_end", index, command=ci, phase=kind, host=result.host,
                         batch=number, code=code, status="ok" if passed else "failed",
                         exit_status=result.exit_status, duration=round(result.duration, 3),
                         reason="" if passed else why,
                         output=clip(result.output, self.opts.output_limit))
                if passed:
                    done.add(result.host)
                    values[result.host] = result.stdout.rstrip("\n")
                else:
                    failed[result.host] = result.output

            try:
                fleet.run_hosts(inventory, batch, code, dict(self.vars), block.flag("become"),
                                timeout, heard)
            except fleet.FleetRunError as exc:
                self.env.say(f"  {exc}", "error")
                self.log(f"{kind}_end", index, command=ci, error=str(exc))
                return Failure(str(exc), "")
            if len(failed) > allowed and number < len(batches):
                stopped_after = number
                break
        left = sum(len(b) for b in batches[stopped_after:]) if stopped_after else 0
        self.log(f"{kind}_end", index, command=ci, failed=sorted(failed), not_run=left,
                 done=len(done))
        if name is not None:
            self.capture(index, name, "\n".join(f"{h}\t{values[h]}" for h in hosts
                                                if h in values))
        if len(failed) > allowed:
            reason = (f"failed on {len(failed)} host(s) ({', '.join(sorted(failed))}); "
                      f"max_fail={block.attributes.get('max_fail', 0)} allows {allowed}")
            if stopped_after:
                reason += (f"; rollout stopped after batch {stopped_after} of {len(batches)}, "
                           f"{left} host(s) not run")
            return Failure(reason, "".join(failed.values()), dict(failed))
        if failed:
            self.env.say(f"  {len(failed)} host(s) failed, within max_fail "
                         f"({allowed}): {', '.join(sorted(failed))}", "warn")
        return None

    def capture(self, index: int | None, name: str, value: str) -> None:
        """``value`` becomes ``$name`` for later steps. A secret (a secret name, or a value that
        holds a secret) is kept in memory only: the journal records that it was captured, not
        the value, and ``--resume`` captures it again or asks for it."""
        self.vars[name] = value
        if self.is_secret(name) or self.masker.text(value) != value:
            self.log("capture", index, name=name, kept="memory")
        else:
            self.log("capture", index, name=name, value=value)

    def _log_end(self, kind: str, index: int, ci: int, result: CommandResult) -> None:
        self.log(f"{kind}_end", index, command=ci, exit_status=result.exit_status,
                 duration=round(result.duration, 3), timed_out=result.timed_out,
                 interrupted=result.interrupted,
                 output=clip(result.output, self.opts.output_limit) if result.captured
                 else NOT_KEPT)

    def _cwd(self, block: CodeBlock) -> Path | None:
        value = block.attributes.get("cwd")
        if not isinstance(value, str) or not value:
            return None
        path = Path(os.path.expandvars(os.path.expanduser(value)))
        return path if path.is_absolute() else self.path.resolve().parent / path

    def confirm_result(self, index: int, step: Step) -> Failure | None:
        if not step.expected_result:
            return None
        self.env.say(f"Expected result: {step.expected_result}")
        if self.opts.yes:
            self.log("result", index, confirmed="yes (--yes)")
            return None
        answer = self._choose("Is that what you see? [y]es / [n]o", "yn", "y")
        self.log("result", index, confirmed=answer)
        if answer == "y":
            return None
        # What the step printed: the troubleshooting entries are matched against it.
        return Failure("result not as expected (operator)", "".join(self._step_output))

    # -- failures ------------------------------------------------------------------------
    def on_failure(self, index: int, step: Step, failure: Failure) -> str:
        """retry or skip; raises Stop for rollback and abort."""
        from runwright.runner.output import show_contacts, show_entry

        self.env.say(f"✗ {step_label(step, index)} failed: {failure.reason}", "error")
        last = indented(self.masker.text(failure.output))
        if last:
            self.env.say("  last lines of output:\n" + "\n".join(last), "dim")
        self.log("step_failed", index, reason=failure.reason)
        self.notify("failure", f"{self.rb.title or self.name}: {step_label(step, index)} "
                               f"failed ({failure.reason}), run {self.run_id}")
        outputs = failure.hosts or {"": failure.output}
        matching = []
        for host, output in outputs.items():
            text = output.lower()
            here = [t for t in self.rb.troubleshooting if t.error and t.error.lower() in text]
            if host and here:
                self.env.say(f"On {host}:", "title")
            for entry in here:
                show_entry(self.env, entry, matched=True)
            if here:
                self.log("troubleshooting", index, matched=[t.title for t in here],
                         **({"host": host} if host else {}))
            matching += [t for t in here if t not in matching]
        others = [t for t in self.rb.troubleshooting if t not in matching]
        while True:
            menu = "[r]etry the failed hosts" if failure.hosts else "[r]etry"
            menu += " / [s]kip / [b] rollback / [e]scalate / "
            menu += "[o]ther troubleshooting / " if others else ""
            answer = self._choose(menu + "[a]bort", "rsbeoa" if others else "rsbea", "a")
            if answer == "o":
                for entry in others:
                    show_entry(self.env, entry, matched=False)
                continue
            if answer == "e":
                self.log("decision", index, choice="escalate")
                show_contacts(self.env, self.rb, escalation=True)
                continue
            if answer == "r":
                if is_confirm(step) and not self.typed_confirmation(index, "step", step):
                    continue  # asked again before each retry; not confirmed: the menu again
                return "retry"
            if answer == "s":
                self.log("decision", index, choice="skip")
                return "skip"
            if answer == "b":
                if not self.rb.rollback:
                    self.env.say("No rollback is documented in this runbook.", "warn")
                    continue
                self.log("decision", index, choice="rollback")
                raise Stop(self.rollback(index, step), "failed", failure.reason)
            self.log("decision", index, choice="abort")
            raise Stop("failed", "failed", failure.reason)

    def rollback(self, index: int, step: Step) -> str:
        """Offer the rollback cases for ``step``; the run's status: ``rolled_back`` when every
        case the operator chose ran and all its commands succeeded, ``rollback_failed`` when a
        chosen command failed (the rollback stops there), ``rollback_declined`` when none was
        chosen."""
        number = step.number if step.number is not None else index
        named = sorted((c for c in self.rb.rollback if c.step is not None and c.step <= number),
                       key=lambda c: c.step or 0, reverse=True)
        cases = named + [c for c in self.rb.rollback if c.step is None]
        if not cases:
            self.env.say(f"No rollback is documented for {step_label(step, index)}.", "warn")
            self.log("rollback", index, case=None)
            return "rollback_declined"
        chosen = 0
        for case in cases:
            self.env.say(f"\nRollback: {case.title}", "title")
            if case.text:
                self.env.say(case.text)
            shell = [b for b in case.commands if b.is_shell]
            for block in case.commands:
                self.env.say(f"  {block.code.rstrip()}", "command")
            answer = self._rollback_answer(index, step, case.title, shell)
            if answer == "q":
                break
            if answer == "n":
                continue
            chosen += 1
            for ci, block in enumerate(case.commands):
                if block.is_shell and self.run_block(index, ci, block, None, "rollback") \
                        is not None:
                    self.env.say("Rollback command failed: the rollback stops here.", "error")
                    self.log("rollback_failed", index, case=case.title, command=ci)
                    return "rollback_failed"
        if chosen == 0:
            self.env.say("No rollback was run.", "warn")
            return "rollback_declined"
        return "rolled_back"

    def _rollback_answer(self, index: int, step: Step, title: str,
                         shell: list[CodeBlock]) -> str:
        """y, n or q for one rollback case; y only after the typed confirmation when one of
        its blocks is marked ``confirm``. There is no default: an empty answer asks again."""
        if self.opts.yes_destructive:
            self.log("rollback", index, case=title, answer="y (--yes-destructive)")
            return "y"
        prompt = ("Run this rollback? [y]es / [n]o / [q]uit rollback" if shell else
                  "Rollback done by hand? [y]es / [n]o / [q]uit rollback")
        while True:
            answer = self._choose(prompt, "ynq", None)
            if answer == "y" and any(b.flag("confirm") for b in shell) and \
                    not self.typed_confirmation(index, "rollback", step):
                continue
            self.log("rollback", index, case=title, answer=answer)
            return answer

    # -- after the steps -----------------------------------------------------------------
    def verification(self) -> None:
        if not self.rb.verification:
            return
        self.env.say("\nVerification", "title")
        for item in self.rb.verification:
            self.env.say(f"  [ ] {item.text}")
            shell = [b for b in item.commands if b.is_shell]
            if shell:
                ok = all(self.run_block(0, i, b, None, "verify") is None
                         for i, b in enumerate(shell))
                answer = "passed" if ok else "failed"
            elif self.opts.yes:
                answer = "yes (--yes)"
            else:
                answer = {"y": "yes", "n": "no"}[
                    self._choose("  Verified? [y]es / [n]o", "yn", "y")]
            self.log("verification", text=item.text, result=answer)
            if answer in ("failed", "no"):
                self.failed_verification = True
                self.failed_checks.append(item.text)
                self.env.say("  verification failed", "error")


def has_fleet_steps(rb: Runbook) -> bool:
    """Whether a block the runner may run has ``on=``."""
    return any(fleet.is_fleet(b) for b in fleet.runnable_blocks(rb))


def _fleet_problem(block: CodeBlock) -> str | None:
    """Why a fleet block cannot run as written (no pattern, a malformed serial/max_fail)."""
    if fleet.pattern_of(block) is None:
        return "on= names no host pattern"
    for name in ("serial", "max_fail"):
        if name in block.attributes:
            problem = fleet.count_problem(name, block.attributes[name])
            if problem:
                return problem
    return None


def known_readonly(block: CodeBlock, readonly_commands: tuple[str, ...] = ()) -> bool:
    """Whether running ``block`` again changes nothing, by the judgement ``runwright test``
    uses (marked ``readonly``, or every command known read-only; not ``mutating``), and it
    needs no operator (not ``confirm``, not ``interactive``)."""
    from runwright.runner.checks import block_policy

    return not block.flag("confirm") and not block.flag("interactive") and \
        block_policy(block, readonly_commands) is None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"

