"""RW304 missing-expected-result: each step says what its expected result is.

## Why

Without an expected result the operator cannot tell whether a step worked before moving on,
and ``runwright run`` cannot check it. Write ``**Expected result**:`` (``**Résultat
attendu**:``) after the commands, and for machine checks add an ``expect`` fence.

## Fails

````markdown
## Procedure

### Step 1: Check the rollout

```bash
kubectl rollout status deployment/api -n production
```
````

## Passes

````markdown
## Procedure

### Step 1: Check the rollout

```bash
kubectl rollout status deployment/api -n production
```

**Expected result**: "successfully rolled out".
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class MissingExpectedResult(Rule):
    id = "RW304"
    name = "missing-expected-result"
    severity = "warning"
    summary = "Each step has an expected result ('**Expected result**:' or an expect fence)."

    def check(self, ctx: LintContext) -> None:
        label = "Résultat attendu" if ctx.runbook.language == "fr" else "Expected result"
        for step in ctx.runbook.steps:
            if (step.expected_result and step.expected_result.strip()) or step.expectations:
                continue
            name = f"step {step.number}" if step.number is not None else f"step '{step.title}'"
            if step.expected_result_line is not None:
                ctx.report(step.expected_result_line,
                           f"the expected result of {name} is empty: describe what the "
                           "operator should see")
                continue
            ctx.report(step.line, f"{name} has no expected result: add '**{label}**: ...' "
                                  "saying what the operator should see")
