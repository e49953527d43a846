"""RW201 missing-field: the Information block has every field the profile requires.

## Why

The last update date says whether the runbook can be trusted, the owner says whom to ask,
the estimated time says whether to start now or wait for a window, and the frequency says how
familiar the procedure is. The ``standard`` profile requires all four; a field may come from
the Information block or the YAML front matter.

## Fails

````markdown
# Runbook: Rotate the logs

## Information

- **Owner**: @ops-team
````

## Passes

````markdown
# Runbook: Rotate the logs

## Information

- **Last updated**: 2026-01-15
- **Owner**: @ops-team
- **Estimated time**: 10 minutes
- **Frequency**: Weekly
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import language
from runwright.names import preferred_field_name

_EXAMPLES = {
    "last_updated": "2026-01-15",
    "owner": "@team",
    "estimated_time": "15-30 minutes",
    "frequency": "On demand",
    "review_interval": "90 days",
}


class MissingField(Rule):
    id = "RW201"
    name = "missing-field"
    severity = "error"
    summary = "The Information block has every field the profile requires."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        lang = language(rb)
        info = rb.section("information")
        line = info.line if info is not None else (rb.title_line or 1)
        for name in ctx.profile.required_fields:
            present = [f for f in rb.metadata.fields_named(name) if f.value.strip()]
            if present:
                continue
            label = preferred_field_name(name, lang)
            example = _EXAMPLES.get(name, "...")
            if lang == "fr" and name == "frequency":
                example = "À la demande"
            empty = rb.metadata.field(name)
            if empty is not None:
                ctx.report(empty.line, f"field '{empty.label}' is empty: fill it in "
                                       f"(e.g. '{example}')")
                continue
            where = "the Information section" if info is not None else \
                "an Information section ('## Information')"
            ctx.report(line, f"required field '{label}' is missing: add "
                             f"'- **{label}**: {example}' to {where}")
