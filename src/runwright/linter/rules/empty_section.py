"""RW104 empty-section: a standard section has content.

## Why

An empty "Rollback" or "Contacts" heading looks like a plan but is none: the engineer who
needs it finds nothing. Fill the section in, or say explicitly that there is nothing to do
("No rollback: the change is read-only.").

A section counts as having content when it has text, a list, a table, a code block or
sub-sections.

## Fails

````markdown
# Runbook: Renew the certificate

## Rollback

## Contacts

- **On-call**: #platform-oncall
- **Escalation**: @cto
````

## Passes

````markdown
# Runbook: Renew the certificate

## Rollback

Restore the previous certificate from the vault; nothing else changes.

## Contacts

- **On-call**: #platform-oncall
- **Escalation**: @cto
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class EmptySection(Rule):
    id = "RW104"
    name = "empty-section"
    severity = "warning"
    summary = "A standard section has content (text, a list, code or sub-sections)."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        sections = rb.sections
        for i, section in enumerate(sections):
            if not section.empty or section.level > 2:
                continue
            wanted = section.canonical is not None or any(
                ctx.profile.accepts(name, section) for name in ctx.profile.sections)
            if not wanted:
                continue
            nxt = sections[i + 1] if i + 1 < len(sections) else None
            if nxt is not None and nxt.level > section.level and nxt.line <= section.end_line:
                continue  # it has sub-sections
            ctx.report(section.line, f"section '{section.title}' is empty: fill it in, or say "
                                     "why there is nothing to do")
