"""RW602 rollback-unknown-step: a rollback case names a step that exists.

## Why

"If step 6 fails" when the procedure has five steps means the procedure changed and the
rollback did not: the operator cannot trust either. ``runwright run`` also uses these
references to offer the right rollback when a step fails.

## Fails

````markdown
## Procedure

### Step 1: Deploy

```bash
helm upgrade api ./chart
```

## Rollback

### If step 2 fails

```bash
helm rollback api
```
````

## Passes

````markdown
## Procedure

### Step 1: Deploy

```bash
helm upgrade api ./chart
```

## Rollback

### If step 1 fails

```bash
helm rollback api
```
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class RollbackUnknownStep(Rule):
    id = "RW602"
    name = "rollback-unknown-step"
    severity = "error"
    summary = "A rollback case that names a step names an existing one."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        if not rb.steps:
            return
        numbers = sorted({s.number for s in rb.steps if s.number is not None})
        for case in rb.rollback:
            if case.step is None or case.step in numbers:
                continue
            known = f"steps are {numbers[0]} to {numbers[-1]}" if numbers else "no numbered steps"
            ctx.report(case.line, f"rollback case '{case.title}' refers to step {case.step}, "
                                  f"which does not exist ({known}): fix the step number")
