"""RW101 missing-title: the runbook has a title.

## Why

The title is what the on-call engineer sees in the catalogue, in search results and in the
browser tab. A runbook without one cannot be found under pressure. runwright reads the first
``#`` heading, or ``title:`` in the YAML front matter.

## Fails

````markdown
## Procedure

### Step 1: Restart the service
````

## Passes

````markdown
# Runbook: Restart the payment service

## Procedure

### Step 1: Restart the service
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class MissingTitle(Rule):
    id = "RW101"
    name = "missing-title"
    severity = "error"
    summary = "The runbook has a title (a '# ' heading or 'title:' in the front matter)."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        if rb.title and rb.title.strip():
            return
        ctx.report(1, "the runbook has no title: start it with '# Runbook: <what it does>' "
                      "or set 'title:' in the front matter")
