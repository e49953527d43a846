"""RW301 no-steps: the procedure has at least one step.

## Why

A runbook is a procedure: numbered steps the operator follows and ``runwright run`` executes
one by one. Steps are ``### Step 1: ...`` (``### Étape 1 : ...``, ``### 1. ...``) headings under
the Procedure section, or a numbered list in it.

## Fails

````markdown
# Runbook: Restart the API

## Procedure

Restart the API and check it.
````

## Passes

````markdown
# Runbook: Restart the API

## Procedure

### Step 1: Restart the API

```bash
kubectl rollout restart deployment/api -n production
```
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import find_section, requires


class NoSteps(Rule):
    id = "RW301"
    name = "no-steps"
    severity = "error"
    summary = "The procedure has at least one step."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        if rb.steps or not requires(ctx, "procedure"):
            return
        section = find_section(ctx, "procedure")
        if section is None:
            return  # RW102 reports the missing section
        step = "Étape" if rb.language == "fr" else "Step"
        ctx.report(section.line, f"the procedure '{section.title}' has no steps: write each "
                                 f"step as a '### {step} 1: ...' heading or a numbered list "
                                 "item")
