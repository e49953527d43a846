"""RW621 missing-contact: the on-call and the escalation contacts are both given.

## Why

When the procedure fails, the operator needs to know whom to page now (on-call) and whom to
call when that is not enough (escalation), without searching a wiki. Contacts come from the
Contacts section or the Information block (``**On-call**:``, ``**Escalation**:``,
``**Astreinte**:``, ``**Escalade**:``). A placeholder (``<on-call>``, ``[TEAM]``) is no contact.

## Fails

````markdown
## Contacts

- **On-call**: #platform-oncall
````

## Passes

````markdown
## Contacts

- **On-call**: #platform-oncall
- **Escalation**: @cto
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import find_section, requires

#: ``<on-call>``, ``[TEAM]``, ``{channel}``: a value left for someone to fill in
_PLACEHOLDER = re.compile(r"^[<\[{][^<>\[\]{}]*[>\]}]$")
_LABELS = {"on_call": ("On-call", "Astreinte"), "escalation": ("Escalation", "Escalade")}


class MissingContact(Rule):
    id = "RW621"
    name = "missing-contact"
    severity = "error"
    summary = "The on-call and escalation contacts are both given."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        if not requires(ctx, "contacts") and not rb.contacts:
            return
        section = find_section(ctx, "contacts")
        line = section.line if section is not None else (rb.title_line or 1)
        for role, (en, fr) in _LABELS.items():
            contact = rb.contact(role)
            label = fr if rb.language == "fr" else en
            if contact is not None and _PLACEHOLDER.match(contact.value.strip()):
                ctx.report(contact.line, f"the {en.lower()} contact is a placeholder "
                                         f"('{contact.value.strip()}'): name a channel, a person "
                                         "or a rotation")
                continue
            if contact is not None and contact.value.strip():
                continue
            if contact is not None:
                ctx.report(contact.line, f"the {en.lower()} contact '{contact.label}' is empty: "
                                         "name a channel, a person or a rotation")
                continue
            where = "the Contacts section" if section is not None else "a '## Contacts' section"
            ctx.report(line, f"no {en.lower()} contact: add '- **{label}**: ...' to {where}")
