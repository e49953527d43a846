"""RW204 invalid-owner: the owner is a handle (``@team``) or a team name.

## Why

When a runbook is wrong, someone must be asked. "TBD", "?", "<team>" or an empty owner means
nobody is. Owners are ``@handles`` (GitHub or GitLab users and teams, ``@org/team``) or team
names; several owners may be separated by commas.

## Fails

````markdown
## Information

- **Owner**: TBD
````

## Passes

````markdown
## Information

- **Owner**: @platform-team
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import column_of
from runwright.parser.values import parse_owners

_HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?(?:/[A-Za-z0-9._-]+)?$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_TEAM = re.compile(r"^[^\W\d_][\w .&'()#-]{0,79}$")
_PLACEHOLDERS = frozenset({
    "tbd", "tbc", "todo", "fixme", "xxx", "n/a", "na", "none", "unknown", "nobody", "?", "-",
    "--", "...", "…", "owner", "team", "a definir", "à définir", "inconnu", "personne", "aucun",
    "responsable", "equipe", "équipe", "name", "nom",
})
_BRACKETED = re.compile(r"^[<\[{].*[>\]}]$")


def owner_problem(owner: str) -> str | None:
    """Why ``owner`` is not a usable owner, or None when it is one."""
    value = owner.strip().strip("*_`").strip()
    if not value:
        return "is empty"
    if value.lower() in _PLACEHOLDERS or _BRACKETED.match(value) or set(value) <= {"x", "X"}:
        return "is a placeholder"
    if value.startswith("@"):
        return None if _HANDLE.match(value) else "is not a valid @handle"
    if _EMAIL.match(value) or _TEAM.match(value):
        return None
    return "is neither an @handle nor a team name"


class InvalidOwner(Rule):
    id = "RW204"
    name = "invalid-owner"
    severity = "warning"
    summary = "The owner is an @handle or a team name, not a placeholder."

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        for f in rb.metadata.fields_named("owner"):
            owners = parse_owners(f.value) or ("",)
            for owner in owners:
                problem = owner_problem(owner)
                if problem is None:
                    continue
                shown = owner.strip() or f.value.strip()
                ctx.report(f.line, f"owner '{shown}' {problem}: name the team that maintains "
                                   "this runbook (e.g. @platform-team or 'Platform team')",
                           column=column_of(rb, f.line, shown) if shown else 1)
