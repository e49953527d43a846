"""RW403 shell-prompt: runnable blocks hold commands, not prompts.

## Why

A ``$ `` or ``user@host:~$ `` copied with the command fails ("$: command not found") and
``runwright run`` cannot run it. Shell blocks (``bash``, ``sh``, ``shell`` ...) contain only
the commands; to show a session with its output, use a ``console`` block. A ``# `` at the
start of a line is a comment unless the block reads as a root transcript (``# command``
followed by output).

A block in which every command line carries a prompt is a **transcript**: a session shown
as it was typed, a house style many careful repositories choose on purpose (markdownlint
calls it "commands show output"). Its prompts are not reported, except in ``standard``
runbooks, whose standard asks for commands that copy as they are. ``runwright run`` runs a
transcript's commands without their prompts and ignores its output lines. A block that
mixes prompted and unprompted commands is reported in every profile: nobody can tell which
lines to copy. A repository whose markdownlint configuration turns MD014
(``commands-show-output``) off has this rule off (see "House style" in the lint guide).

The fix strips the prompts when every command line has one and the block has no output
lines.

## Fails

````markdown
```bash
$ kubectl get pods -n production
```
````

## Passes

````markdown
```bash
kubectl get pods -n production
```
````
"""

from __future__ import annotations

from runwright.linter.rule import Edit, Fix, LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import (
    Prompt,
    all_prompted,
    output_lines,
    prompts,
)
from runwright.model import CodeBlock, Runbook


class ShellPrompt(Rule):
    id = "RW403"
    name = "shell-prompt"
    severity = "error"
    summary = "Runnable shell blocks contain no prompts ($, #, user@host:~$)."
    fixable = True

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for block in rb.code_blocks:
            if not block.is_shell or not_commands(rb, block):
                continue
            found = prompts(block.code)
            if not found:
                continue
            transcript = all_prompted(block.code, found)
            if transcript and ctx.profile.name != "standard":
                continue  # a transcript: the house style of the file, and run strips them
            first = found[0]
            line = block.first_code_line + first.offset
            outputs = output_lines(block.code, found)
            fix = self._fix(rb, block, found) if not outputs and transcript else None
            what = f"'{first.text}'" + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
            advice = ("remove the prompts" if not outputs else
                      "remove the prompts and move the output to a ```text block, or make the "
                      f"block ```console (output from line {block.first_code_line + outputs[0]})")
            ctx.report(line, f"shell prompt {what} in a runnable {block.language} block: "
                             f"{advice}", column=block.indent + first.column + 1, fix=fix)

    @staticmethod
    def _fix(rb: Runbook, block: CodeBlock, found: list[Prompt]) -> Fix | None:
        edits: list[Edit] = []
        code_lines = block.code.split("\n")
        for p in found:
            offset, length = p.offset, p.length
            ln = block.first_code_line + offset
            source = rb.lines[ln - 1] if ln <= len(rb.lines) else ""
            code_line = code_lines[offset]
            pos = source.rfind(code_line) if code_line else -1
            if pos < 0:
                return None
            col = pos + p.column
            edits.append(Edit(ln, ln, (source[:col] + source[col + length:],)))
        return Fix("strip the shell prompts", tuple(edits))
