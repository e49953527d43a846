"""RW302 step-numbering: steps are numbered 1, 2, 3 ... with no gap, duplicate or letter.

## Why

Rollback cases, journals, ``runwright run --from 4`` and conversations during an incident
refer to steps by number. "Step 3" must mean one step, and a missing "Step 4" makes people
wonder what was deleted.

Only the steps of the Procedure section are steps: a numbered heading elsewhere (``## 5.
Incidents``, ``### 3) Check the node`` under Diagnosis) is a section, and a decimal number
(``### 1.3 Communication``) is never a step number. A numbered Markdown list is judged by the
numbers it is shown with: ``1.`` ``1.`` ``1.`` renders 1, 2, 3 and is fine, while a list that
starts again at 1 after a code block that is not indented under its item is shown 1, 2, 1.

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


class StepNumbering(Rule):
    id = "RW302"
    name = "step-numbering"
    severity = "error"
    summary = "Steps are numbered 1..n with no gap, duplicate or non-numeric number."

    def check(self, ctx: LintContext) -> None:
        steps = ctx.runbook.steps
        total = len(steps)
        seen: dict[int, int] = {}
        expected = 1
        for i, step in enumerate(steps):
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
            if n != expected and step.style == "list":
                # Within one list the shown numbers follow each other: a new list starts here.
                if i == 0:
                    ctx.report(step.line, f"the numbered list of steps starts at {n}: "
                                          "start it at 1")
                else:
                    ctx.report(step.line, f"the list of steps starts again here and is shown "
                                          f"as {n} after step {expected - 1}: indent what "
                                          "comes between the items under the previous item, "
                                          f"or number this item {expected}")
            elif n in seen:
                ctx.report(step.line, f"step {n} is numbered twice (first at line {seen[n]}): "
                                      f"renumber the steps 1 to {total}")
            elif n != expected and i == 0:
                rest = " and the others in order" if total > 1 else ""
                ctx.report(step.line, f"the first step is numbered {n}: number it 1{rest}")
            elif n > expected:
                gap = (f"step {expected} is missing" if n == expected + 1 else
                       f"steps {expected} to {n - 1} are missing")
                ctx.report(step.line, f"step {n} follows step {expected - 1}: {gap}; "
                                      f"renumber the steps 1 to {total}")
            elif n != expected:
                ctx.report(step.line, f"step {n} comes after step {expected - 1}: "
                                      f"renumber the steps 1 to {total} in order")
            seen.setdefault(n, step.line)
            expected = n + 1
