"""RW701 stale: the runbook was reviewed recently.

## Why

Infrastructure moves; a runbook nobody has read for a year names hosts that are gone and
flags that changed. A runbook is stale when its last update is older than the front
matter's ``review_interval``, else the profile's maximum age, else ``max_age_days`` (180
days by default). Review it, fix what changed, and update the date.

## Fails

````markdown
## Information

- **Last updated**: 2020-01-15
````

## Passes

````markdown
---
review_interval: 100 years
---
## Information

- **Last updated**: 2020-01-15
````

## Options

- ``max_age_days`` (int, default 180): the maximum age when neither the front matter nor the
  profile sets one.
"""

from __future__ import annotations

from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule


class Stale(Rule):
    id = "RW701"
    name = "stale"
    severity = "warning"
    summary = "The last update is within the review interval (default 180 days)."
    options = MappingProxyType({"max_age_days": 180})

    def check(self, ctx: LintContext) -> None:
        meta = ctx.runbook.metadata
        date = meta.last_updated
        if date is None:
            return
        if meta.review_interval_days:
            limit, source = meta.review_interval_days, "its review_interval"
        elif ctx.profile.max_age_days:
            limit, source = ctx.profile.max_age_days, f"the '{ctx.profile.name}' profile"
        else:
            limit, source = int(ctx.option("max_age_days")), "the maximum age"
        age = (ctx.today - date).days
        if age <= limit:
            return
        field = meta.field("last_updated", "information") or meta.field("last_updated")
        line = field.line if field is not None else 1
        ctx.report(line, f"last updated {date.isoformat()}, {age} days ago, more than "
                         f"{limit} days ({source}): review the runbook and update the date")
