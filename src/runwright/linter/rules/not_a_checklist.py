"""RW105 not-a-checklist: Prerequisites and Verification are checklists (``- [ ]``).

## Why

Prerequisites and verifications are things the operator ticks off one by one; a task list
(``- [ ] ...``) renders as checkboxes on GitHub and GitLab and makes a skipped item visible.
A plain bullet or a paragraph does not.

## Fails

````markdown
## Prerequisites

- Access to the production cluster
- A maintenance window announced in #ops
````

## Passes

````markdown
## Prerequisites

- [ ] Access to the production cluster
- [ ] A maintenance window announced in #ops
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class NotAChecklist(Rule):
    id = "RW105"
    name = "not-a-checklist"
    severity = "warning"
    summary = "Prerequisites and Verification items are task-list items ('- [ ]')."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for canonical, items in (("prerequisites", rb.prerequisites),
                                 ("verification", rb.verification)):
            section = rb.section(canonical)
            if section is None:
                continue
            if not items:
                if not section.empty and self._has_prose(ctx, section.line, section.end_line):
                    ctx.report(section.line, f"section '{section.title}' is not a checklist: "
                                             "write each item as '- [ ] ...'")
                continue
            for item in items:
                if not item.is_task:
                    text = rb.lines[item.line - 1] if item.line <= len(rb.lines) else ""
                    col = len(text) - len(text.lstrip()) + 1
                    ctx.report(item.line, f"'{_short(item.text)}' is a plain list item: write "
                                          "it as a task '- [ ] ...' so it can be ticked off",
                               column=col)

    @staticmethod
    def _has_prose(ctx: LintContext, start: int, end: int) -> bool:
        """Whether the section holds paragraphs (a list of prose rather than a checklist)."""
        return any(b.kind == "paragraph" and start < b.line <= end for b in ctx.runbook.blocks)


def _short(text: str, width: int = 50) -> str:
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= width else first[: width - 1] + "…"
