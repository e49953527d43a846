"""RW203 future-date: the last update is not in the future.

## Why

A date in the future is a typo (month and day swapped, wrong year) that makes the runbook
look fresh for months while nobody reviews it.

## Fails

````markdown
## Information

- **Last updated**: 2999-01-15
````

## Passes

````markdown
## Information

- **Last updated**: 2026-01-15
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import column_of
from runwright.parser.values import parse_date


class FutureDate(Rule):
    id = "RW203"
    name = "future-date"
    severity = "error"
    summary = "The last update date is not in the future."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for f in rb.metadata.fields_named("last_updated"):
            value = f.value.strip().strip("`*_")
            date = parse_date(value)
            if date is None or date <= ctx.today:
                continue
            ctx.report(f.line, f"'{f.label}' is {date.isoformat()}, after today "
                               f"({ctx.today.isoformat()}): write the date of the last review",
                       column=column_of(rb, f.line, value))
