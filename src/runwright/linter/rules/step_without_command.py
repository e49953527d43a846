"""RW303 step-without-command: each step has a command block, or is marked manual.

## Why

Commands in fenced blocks are copied exactly and run by ``runwright run``; a step that only
says "restart the service" is retyped from memory at 3 a.m. When a step really is done by
hand (a phone call, a console click), say so: put "(manual)" in its title or a
``**Manual**:`` line in it, and runwright will ask the operator to confirm it instead.

## Fails

````markdown
## Procedure

### Step 2: Restart the service

Restart the payment service on every node.

**Expected result**: the service is active.
````

## Passes

````markdown
## Procedure

### Step 2: Restart the service

```bash
sudo systemctl restart payment
```

**Expected result**: the service is active.
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.model import OUTPUT_LANGUAGES


class StepWithoutCommand(Rule):
    id = "RW303"
    name = "step-without-command"
    severity = "warning"
    summary = "Each step has a command block or is explicitly marked manual."

    def check(self, ctx: LintContext) -> None:
        for step in ctx.runbook.steps:
            if step.manual:
                continue
            if any(c.language not in OUTPUT_LANGUAGES for c in step.commands):
                continue
            name = f"step {step.number}" if step.number is not None else f"step '{step.title}'"
            ctx.report(step.line, f"{name} has no command block: add the command in a "
                                  "```bash fence, or mark the step manual ('(manual)' in its "
                                  "title or a '**Manual**:' line)")
