"""RW202 invalid-date: the last update is a valid ISO date (``YYYY-MM-DD``).

## Why

Freshness checks, the catalogue and the audit sort and age runbooks by this date. "last
spring", "15/01/2026" or "2026-02-30" cannot be read reliably by people in other countries
nor by tools.

## Fails

````markdown
## Information

- **Last updated**: 15/01/2026
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


class InvalidDate(Rule):
    id = "RW202"
    name = "invalid-date"
    severity = "error"
    summary = "The last update date is a valid ISO date (YYYY-MM-DD)."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for f in rb.metadata.fields_named("last_updated"):
            value = f.value.strip().strip("`*_")
            if not value or parse_date(value) is not None:
                continue
            ctx.report(f.line, f"'{f.label}' is '{value}', not a valid ISO date: write it as "
                               "YYYY-MM-DD (e.g. 2026-01-15)",
                       column=column_of(rb, f.line, value))
