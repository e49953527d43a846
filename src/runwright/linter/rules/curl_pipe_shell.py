"""RW803 curl-pipe-shell: no script downloaded straight into a shell.

## Why

``curl https://example.com/install.sh | sh`` runs whatever the server returns at that
moment, with no review, no checksum, and half a script if the connection drops. Download the
file, check it (checksum or signature), then run it.

## Fails

````markdown
```bash
curl -fsSL https://get.example.com/install.sh | sudo bash
```
````

## Passes

````markdown
```bash
curl -fsSLo install.sh https://get.example.com/install.sh
sha256sum --check install.sh.sha256
sudo bash install.sh
```
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import scan

_SHELLS = r"(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+=\S+\s+)*(?:ba|z|k|da|fi)?sh\b|python3?\b|perl\b"
_PIPE = re.compile(r"\b(?:curl|wget|fetch|iwr|Invoke-WebRequest)\b[^|;&]*\|\s*(?:" + _SHELLS + ")")
_SUBST = re.compile(r"\b(?:ba|z)?sh\s+(?:-c\s+)?[\"']?(?:<\(|\$\()\s*(?:curl|wget)\b")


class CurlPipeShell(Rule):
    id = "RW803"
    name = "curl-pipe-shell"
    severity = "warning"
    summary = "No 'curl ... | sh': download, verify, then run."

    def check(self, ctx: LintContext) -> None:
        for block in ctx.runbook.code_blocks:
            if not (block.is_shell or block.is_transcript or block.language is None) \
                    or not_commands(ctx.runbook, block):
                continue
            for sl in scan(block.code):
                m = _PIPE.search(sl.code) or _SUBST.search(sl.code)
                if m:
                    ctx.report(block.first_code_line + sl.offset,
                               "a downloaded script is piped into a shell: download it to a "
                               "file, verify its checksum or signature, then run it",
                               column=block.indent + m.start() + 1)
