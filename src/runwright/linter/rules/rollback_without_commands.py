"""RW601 rollback-without-commands: each rollback case has commands.

## Why

When a change goes wrong the operator is under the most stress: "roll back the deployment"
is not a plan, ``kubectl rollout undo deployment/api -n production`` is. Each rollback case
needs the commands that undo the change (or says it is manual, and how).

## Fails

````markdown
## Rollback

### If step 2 fails

Roll back the deployment.
````

## Passes

````markdown
## Rollback

### If step 2 fails

```bash {confirm}
kubectl rollout undo deployment/api -n production
```
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.names import is_manual_marker, normalize

_MANUAL_WORDS = ("manual", "manuel", "manuelle", "by hand", "a la main")


class RollbackWithoutCommands(Rule):
    id = "RW601"
    name = "rollback-without-commands"
    severity = "warning"
    summary = "Each rollback case has the commands that undo the change."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        section = rb.section("rollback")
        if section is None:
            return
        if not rb.rollback:
            if section.empty:
                return  # RW104 reports an empty section
            ctx.report(section.line, f"section '{section.title}' has no commands: add the "
                                     "commands that undo the change in a ```bash block")
            return
        for case in rb.rollback:
            if case.commands:
                continue
            text = normalize(f"{case.title} {case.text}")
            if is_manual_marker(case.title) or any(w in text.split() or w in text
                                                   for w in _MANUAL_WORDS):
                continue
            ctx.report(case.line, f"rollback case '{case.title}' has no commands: add the "
                                  "commands that undo the change in a ```bash block")
