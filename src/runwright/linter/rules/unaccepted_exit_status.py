"""RW411 unaccepted-exit-status: a command that answers with a non-zero status has it accepted.

## Why

Some commands answer with their exit status: ``systemctl status`` exits 3 for a stopped or
failed unit, ``grep`` 1 when nothing matches, ``diff`` and ``cmp`` 1 when the files differ,
``pg_isready`` 2 when the server does not answer, ``curl -f`` 22 for an HTTP error, ``test``
1 when the condition is false. ``runwright run`` and ``test`` run a block with
``bash -e -o pipefail`` and fail the step on any status but 0, so the diagnosis step of an
outage fails exactly when it finds the outage. Say which statuses are answers: ``{exit=0|3}``
on the command's fence or on its ``expect`` block (``{exit=0}`` says that only 0 is right),
or test the status in the shell (``if grep -q ...``, ``grep ... || true``, ``cmd && ...``).

A block followed by an ``expect`` block that names the output it wants is not reported:
that output says what success is (``curl -f`` prints no body for an HTTP error, and a
``systemctl status`` expected to print ``active (running)`` fails when the unit is stopped).
A command whose status the shell tests (an ``if``/``while`` condition, before ``&&`` or
``||``, after ``!``), that runs after ``set +e``, inside a command substitution or a function,
or in the background is not reported. In a pipeline every command counts: with ``pipefail``
a ``grep`` that matches nothing fails ``grep ERROR app.log | wc -l``. Only the blocks
runwright runs are checked: steps, rollback cases and verification items.

## Fails

````markdown
## Procedure

### Step 2: Check the service

```bash {readonly}
systemctl status postgresql --no-pager
```
````

## Passes

````markdown
## Procedure

### Step 2: Check the service

```bash {readonly exit=0|3}
systemctl status postgresql --no-pager
```

### Step 3: Look for errors

```bash {readonly}
grep -c ERROR /var/log/app.log || true
```
````
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from runwright.linter.rule import LintContext, Rule
from runwright.model import CodeBlock, Expectation
from runwright.shell import Command, parse
from runwright.shell.allowlist import syntax_of
from runwright.shell.options import scan


@dataclass(frozen=True, slots=True)
class Answer:
    """A command (and subcommand) that exits non-zero in normal use."""

    command: str
    subcommand: str | None
    statuses: tuple[int, ...]
    meaning: str
    #: it only answers so with one of these options (``curl -f``); empty: always
    options: tuple[str, ...] = ()


#: The policy, as data: what each command's non-zero statuses mean.
ANSWERS: tuple[Answer, ...] = (
    Answer("systemctl", "status", (3,), "for a stopped or failed unit"),
    Answer("systemctl", "is-active", (3,), "for a unit that is not active"),
    Answer("systemctl", "is-enabled", (1,), "for a disabled unit"),
    Answer("systemctl", "is-failed", (1,), "when the unit has not failed"),
    *(Answer(name, None, (1,), "when no line matches")
      for name in ("grep", "egrep", "fgrep", "zgrep", "rg")),
    Answer("diff", None, (1,), "when the files differ"),
    Answer("cmp", None, (1,), "when the files differ"),
    Answer("pg_isready", None, (2,), "when the server does not answer (1 when it rejects "
                                     "connections)"),
    Answer("curl", None, (22,), "for an HTTP error status", ("-f", "--fail",
                                                             "--fail-with-body")),
    Answer("test", None, (1,), "when the condition is false"),
    Answer("kubectl", "diff", (1,), "when the live objects differ"),
    Answer("git", "diff", (1,), "when there are differences", ("--exit-code", "--quiet")),
    Answer("terraform", "plan", (2,), "when there are changes", ("-detailed-exitcode",)),
    Answer("pgrep", None, (1,), "when no process matches"),
    Answer("pidof", None, (1,), "when no process matches"),
)
_BY_NAME: dict[str, tuple[Answer, ...]] = {}
for _a in ANSWERS:
    _BY_NAME[_a.command] = (*_BY_NAME.get(_a.command, ()), _a)
#: Wrappers that do not pass the status of the command they run on.
_OWN_STATUS = frozenset({"xargs", "watch"})


def _answer(cmd: Command) -> Answer | None:
    name = cmd.name
    if name is None or name not in _BY_NAME:
        return None
    args = cmd.args
    for answer in _BY_NAME[name]:
        if answer.subcommand is not None:
            syntax = syntax_of(name)  # the options before the subcommand that take a value
            opts = scan(args, values=syntax.values, long_values=syntax.long_values, stop=True,
                        single=syntax.single)
            sub = opts.positional[0] if opts.positional else None
            if sub is None or sub.value != answer.subcommand:
                continue
            if answer.options:
                rest = scan(opts.positional[1:], single=syntax.single)
                if not _given(rest.letters, rest.longs, answer.options):
                    continue
            return answer
        if answer.options:
            opts = scan(args)
            if not _given(opts.letters, opts.longs, answer.options):
                continue
        elif any(w.value in ("--help", "--version", "-V") for w in args):
            continue
        return answer
    return None


def _given(letters: str, longs: dict[str, str | None], wanted: Sequence[str]) -> bool:
    for option in wanted:
        if option.startswith("--"):
            if option[2:] in longs:
                return True
        elif option.startswith("-") and len(option) == 2:
            if option[1] in letters:
                return True
        elif option.lstrip("-") in longs:  # -detailed-exitcode (one dash, a long name)
            return True
    return False


def unaccepted(code: str) -> Iterator[tuple[Command, Answer]]:
    """The commands of a block whose normal non-zero statuses would fail it."""
    errexit = True
    for cmd in parse(code).commands:
        if cmd.name == "set" and not cmd.within:
            errexit = _errexit(cmd, errexit)
            continue
        if not errexit or cmd.checked or "substitution" in cmd.within \
                or "function" in cmd.within or any(w.name in _OWN_STATUS for w in cmd.wrappers):
            continue
        answer = _answer(cmd)
        if answer is not None:
            yield cmd, answer


def _errexit(cmd: Command, current: bool) -> bool:
    """Whether ``set ...`` leaves errexit on."""
    args = [w.value or "" for w in cmd.args]
    for i, arg in enumerate(args):
        if arg in ("-o", "+o") and i + 1 < len(args) and args[i + 1] == "errexit":
            current = arg == "-o"
        elif len(arg) > 1 and arg[0] in "-+" and arg[1:].isalpha() and "e" in arg[1:] \
                and arg not in ("-o", "+o"):
            current = arg[0] == "-"
    return current


def _accepts(block: CodeBlock, expectations: Sequence[Expectation]) -> bool:
    """Whether the block, or its expect block, says which exit statuses are right, or what
    output success prints."""
    return bool(block.exit_statuses) or "exit" in block.attributes \
        or any(e.exit_statuses or e.lines for e in expectations)


class UnacceptedExitStatus(Rule):
    id = "RW411"
    name = "unaccepted-exit-status"
    severity = "warning"
    summary = ("Commands that answer with a non-zero status (systemctl status, grep, diff, "
               "pg_isready, curl -f, test) have it accepted ({exit=0|3}) or tested.")

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for step in rb.steps:
            for index, block in enumerate(step.commands):
                if block.is_shell and not block.flag("manual"):
                    exps = [e for e in step.expectations if e.command_index == index]
                    self._block(ctx, block, exps)
        for case in rb.rollback:
            for block in case.commands:
                if block.is_shell:
                    self._block(ctx, block, ())
        for item in rb.verification:
            for block in item.commands:
                if block.is_shell:
                    self._block(ctx, block, ())

    def _block(self, ctx: LintContext, block: CodeBlock,
               expectations: Sequence[Expectation]) -> None:
        if _accepts(block, expectations) or not _might_answer(block.code):
            return
        for cmd, answer in unaccepted(block.code):
            what = answer.command + (f" {answer.subcommand}" if answer.subcommand else "")
            if answer.options:
                what += f" {answer.options[0]}"
            status = "|".join(str(s) for s in answer.statuses)
            ctx.report(block.first_code_line + cmd.line - 1,
                       f"'{what}' exits with status {status} {answer.meaning}, and any status "
                       f"but 0 fails the step: accept it on the fence ({{exit=0|{status}}}, "
                       "or {exit=0} when only 0 is right), or test it in the shell "
                       "(if ..., || true)",
                       column=block.indent + cmd.column + 1)


#: A cheap test before the parse: the block names one of the commands (and options) above.
_MIGHT = re.compile(r"\b(?:systemctl|[efz]?grep|rg|diff|cmp|pg_isready|test|pgrep|pidof)\b|"
                    r"\bcurl\b.*\s-(?:-fail|[a-zA-Z]*f)|-detailed-exitcode")


def _might_answer(code: str) -> bool:
    return _MIGHT.search(code) is not None
