"""RW205 invalid-duration: the estimated time is a readable duration.

## Why

The estimated time tells the operator whether the procedure fits before the maintenance
window closes and lets ``runwright run`` warn when a run takes much longer. It must be a
duration: "15 minutes", "1h30", "2 heures", "15-30 min", "~10 min", "30 s à 2 min".

## Fails

````markdown
## Information

- **Estimated time**: a while
````

## Passes

````markdown
## Information

- **Estimated time**: 15-30 minutes
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import column_of
from runwright.parser.values import parse_duration


class InvalidDuration(Rule):
    id = "RW205"
    name = "invalid-duration"
    severity = "warning"
    summary = "The estimated time is a duration (minutes, hours, a range)."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for f in rb.metadata.fields_named("estimated_time"):
            value = f.value.strip().strip("`*_").strip()
            if not value or parse_duration(value) is not None:
                continue
            ctx.report(f.line, f"'{f.label}' is '{value}', not a duration: write e.g. "
                               "'15 minutes', '1h30' or '15-30 minutes'",
                       column=column_of(rb, f.line, value))
