"""RW302 step-numbering: steps are numbered 1, 2, 3 ... with no gap, duplicate or letter.

## Why

Rollback cases, journals, ``runwright run --from 4`` and conversations during an incident
refer to steps by number. "Step 3" must mean one step, and a missing "Step 4" makes people
wonder what was deleted. A numbered Markdown list written ``1.`` ``1.`` ``1.`` is accepted
(it renders 1, 2, 3).

## Fails

````markdown
## Procedure

### Step 1: Drain the node

### Step 3: Upgrade the node
````

## Passes

````markdown
## Procedure

### Step 1: Drain the node

### Step 2: Upgrade the node
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.model import Step


class StepNumbering(Rule):
    id = "RW302"
    name = "step-numbering"
    severity = "error"
    summary = "Steps are numbered 1..n with no gap, duplicate or non-numeric number."

    def check(self, ctx: LintContext) -> None:
        steps = ctx.runbook.steps
        if not steps:
            return
        if all(s.style == "list" for s in steps) and _all_same(steps):
            if steps[0].number not in (None, 1):
                ctx.report(steps[0].line, f"the numbered list of steps starts at "
                                          f"{steps[0].number}: start it at 1")
            return
        seen: dict[int, int] = {}
        expected = 1
        for step in steps:
            label = f"'{step.title}'" if step.title else f"at line {step.line}"
            if step.number is None:
                if step.number_text is not None:
                    ctx.report(step.line, f"step number '{step.number_text}' is not a number: "
                                          f"number the step {expected}")
                else:
                    ctx.report(step.line, f"step {label} has no number: number it {expected}")
                expected += 1
                continue
            n = step.number
            if n in seen:
                ctx.report(step.line, f"step {n} is numbered twice (first at line {seen[n]}): "
                                      f"renumber the steps 1 to {len(steps)}")
            elif n != expected:
                if n > expected:
                    gap = (f"step {expected} is missing" if n == expected + 1 else
                           f"steps {expected} to {n - 1} are missing")
                    ctx.report(step.line, f"step {n} follows step {expected - 1}: {gap}; "
                                          f"renumber the steps 1 to {len(steps)}")
                else:
                    ctx.report(step.line, f"step {n} comes after step {expected - 1}: "
                                          f"renumber the steps 1 to {len(steps)} in order")
            seen.setdefault(n, step.line)
            expected = n + 1


def _all_same(steps: tuple[Step, ...]) -> bool:
    return len({s.number for s in steps}) == 1
