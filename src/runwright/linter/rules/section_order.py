"""RW103 section-order: the required sections appear in the profile's order.

## Why

Every runbook of a team reads the same way: context first, then prerequisites, the procedure,
how to verify it, how to roll back, what to do when it breaks and whom to call. An engineer
who scrolls to "Rollback" at 3 a.m. expects it after the procedure, not before it.

## Fails

````markdown
# Runbook: Rotate the logs

## Procedure

### Step 1: Rotate

## Prerequisites

- [ ] Shell access to the host
````

## Passes

````markdown
# Runbook: Rotate the logs

## Prerequisites

- [ ] Shell access to the host

## Procedure

### Step 1: Rotate
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import language, section_title
from runwright.model import Section


class SectionOrder(Rule):
    id = "RW103"
    name = "section-order"
    severity = "warning"
    summary = "The required sections appear in the profile's order."

    def check(self, ctx: LintContext) -> None:
        profile = ctx.profile
        if not profile.order:
            return
        rb = ctx.runbook
        lang = language(rb)
        found: list[tuple[int, str, Section]] = []
        for rank, name in enumerate(profile.sections):
            section = profile.find_section(rb, name)
            if section is not None:
                found.append((rank, name, section))
        found.sort(key=lambda item: item[2].line)
        highest: tuple[int, str] | None = None
        for rank, name, section in found:
            if highest is not None and rank < highest[0]:
                here = section_title(name, lang, profile)
                after = section_title(highest[1], lang, profile)
                ctx.report(section.line,
                           f"section '{section.title}' comes after '{after}' but the profile "
                           f"'{profile.name}' puts {here} before it: move the section up")
            elif highest is None or rank > highest[0]:
                highest = (rank, name)
