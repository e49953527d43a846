"""RW405 empty-option-value: no option is left without its value.

## Why

``kubectl scale deployment/api --replicas=`` is an unfinished command: the value was meant
to be filled in and never was. Depending on the tool it fails, or worse, silently uses a
default (zero replicas, the default namespace). Write the value, or use a declared variable
(``--replicas="$REPLICAS"``).

## Fails

````markdown
```bash
kubectl scale deployment/api --replicas=
```
````

## Passes

````markdown
```bash
kubectl scale deployment/api --replicas="$REPLICAS"
```
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import shell_blocks
from runwright.linter.rules._shell import output_lines, prompts, scan

_EMPTY = re.compile(r"(?<![\w-])(--?[A-Za-z][\w.-]*)=(?=$|\s|[;|&)])")


class EmptyOptionValue(Rule):
    id = "RW405"
    name = "empty-option-value"
    severity = "error"
    summary = "No command option is left empty (--replicas=)."

    def check(self, ctx: LintContext) -> None:
        for block in shell_blocks(ctx.runbook):
            found = prompts(block.code)
            output = set(output_lines(block.code, found)) if found else set()
            for sl in scan(block.code):
                if sl.heredoc or sl.offset in output:  # program output after a prompt
                    continue
                for m in _EMPTY.finditer(sl.expanding):
                    if sl.code[m.start():m.end()] != sl.expanding[m.start():m.end()]:
                        continue
                    ctx.report(block.first_code_line + sl.offset,
                               f"option '{m.group(1)}' has no value: write the value, or "
                               f"'{m.group(1)}=\"$VALUE\"' with a declared variable",
                               column=block.indent + m.start() + 1)
