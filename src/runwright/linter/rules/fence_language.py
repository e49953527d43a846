"""RW402 fence-language: every code fence says its language.

## Why

The language tells readers and tools what a block is: ``bash`` is run by ``runwright run``
and checked by the command rules, ``console`` is a transcript, ``text`` is output,
``yaml`` is a manifest. An unlabelled fence is ambiguous and gets no syntax highlighting.
The fix adds ``bash`` when every line of the block is clearly a shell command. A MyST or
Sphinx directive fence (```` ```{toctree} ````, ```` ```{note} ````) is markup, not code, and
names no language.

## Fails

````markdown
### Step 1: Restart

```
systemctl restart nginx
```
````

## Passes

````markdown
### Step 1: Restart

```bash
systemctl restart nginx
```
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import Edit, Fix, LintContext, Rule
from runwright.linter.rules._shell import looks_like_command, prompts, scan
from runwright.model import CodeBlock

_FENCE = re.compile(r"^(\s*(?:>\s*)*)(`{3,}|~{3,})\s*$")


def clearly_shell(block: CodeBlock) -> bool:
    """Every non-blank, non-comment line is a shell command (or continues one)."""
    if prompts(block.code):
        return False
    seen = False
    for sl in scan(block.code):
        if sl.heredoc or sl.continued or not sl.code.strip():
            continue
        if not looks_like_command(sl.code):
            return False
        seen = True
    return seen


class FenceLanguage(Rule):
    id = "RW402"
    name = "fence-language"
    severity = "warning"
    summary = "Code fences name their language (bash, console, text, yaml ...)."
    fixable = True

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for block in rb.code_blocks:
            if not block.fenced or block.language is not None or block.directive is not None:
                continue  # a MyST/Sphinx directive (```{toctree}) names no language
            fix = None
            source = rb.lines[block.line - 1] if block.line <= len(rb.lines) else ""
            m = _FENCE.match(source)
            shell = clearly_shell(block)
            if shell and m:
                fix = Fix("add the language 'bash'",
                          (Edit(block.line, block.line, (f"{m.group(1)}{m.group(2)}bash",)),))
            hint = "it holds shell commands: write ```bash" if shell else \
                "write e.g. ```bash for commands, ```console for a transcript, ```text for output"
            ctx.report(block.line, f"code fence without a language: {hint}",
                       column=block.indent + 1, fix=fix)
