"""RW401 unfenced-command: commands are in fenced code blocks.

## Why

An indented code block has no language, cannot carry attributes (``{confirm}``,
``timeout=``), is easy to break by re-indenting a list, and is not run by ``runwright run``.
A ``$ command`` line in a paragraph is worse: Markdown may reflow or mangle it (``*``, ``_``,
``--`` become formatting), so the copied text is not the command. Put commands in a
fenced block with a language. The indented body of a MkDocs admonition or content tab
(``!!! note``, ``??? tip``, ``=== "Tab"``) is prose, not a code block.

## Fails

````markdown
### Step 1: Restart

    systemctl restart nginx
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

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import looks_like_command
from runwright.linter.rules._util import blank_code


def _looks_like_commands(code: str) -> bool:
    """The first non-blank line of an indented block reads as a command or a prompt."""
    first = next((ln for ln in code.split("\n") if ln.strip()), "")
    stripped = first.strip()
    return looks_like_command(stripped) or bool(re.match(r"^\$\s+\S", stripped))


_DOLLAR_LINE = re.compile(r"^(\s*(?:[-*+]\s+|\d+[.)]\s+)?)\$\s+(\S.*)$")


class UnfencedCommand(Rule):
    id = "RW401"
    name = "unfenced-command"
    severity = "warning"
    summary = "Commands are in fenced code blocks, not indented blocks or prose."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for block in rb.code_blocks:
            if block.fenced or not _looks_like_commands(block.code) \
                    or not_commands(rb, block):
                continue
            ctx.report(block.line, "indented code block: put it in a fenced block with a "
                                   "language (```bash ... ```) so it can be copied and run "
                                   "exactly", column=block.indent + 1)
        for b in rb.blocks:
            if b.kind not in ("paragraph", "list_item"):
                continue
            for ln in range(b.line, b.end_line + 1):
                text = blank_code(rb.lines[ln - 1]) if ln <= len(rb.lines) else ""
                m = _DOLLAR_LINE.match(text)
                if m and looks_like_command(m.group(2)):
                    ctx.report(ln, "a '$ command' line in the text: put the command in a "
                                   "fenced ```bash block", column=len(m.group(1)) + 1)
