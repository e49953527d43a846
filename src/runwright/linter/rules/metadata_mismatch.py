"""RW207 metadata-mismatch: the front matter and the Information block agree.

## Why

When the YAML front matter says one owner or date and the visible Information block another,
tools (the catalogue, the audit, freshness checks) and readers see different runbooks. Keep
one source, or keep both equal.

## Fails

````markdown
---
owner: "@dba-team"
---
# Runbook: Restore a backup

## Information

- **Owner**: @platform-team
````

## Passes

````markdown
---
owner: "@dba-team"
---
# Runbook: Restore a backup

## Information

- **Owner**: @dba-team
````
"""

from __future__ import annotations

from collections.abc import Callable

from runwright.linter.rule import LintContext, Rule
from runwright.model import MetaField
from runwright.names import frequency_key, normalize
from runwright.parser.values import parse_date, parse_duration, parse_interval_days, parse_owners


def _owners(value: str) -> object:
    return frozenset(normalize(o.lstrip("@")) for o in parse_owners(value))


def _frequency(value: str) -> object:
    return frequency_key(value) or normalize(value)


def _date(value: str) -> object:
    return parse_date(value.strip().strip("`*_")) or normalize(value)


def _duration(value: str) -> object:
    return parse_duration(value) or normalize(value)


def _interval(value: str) -> object:
    return parse_interval_days(value.strip()) or normalize(value)


_COMPARE: dict[str, Callable[[str], object]] = {
    "last_updated": _date,
    "owner": _owners,
    "estimated_time": _duration,
    "frequency": _frequency,
    "review_interval": _interval,
}


class MetadataMismatch(Rule):
    id = "RW207"
    name = "metadata-mismatch"
    severity = "warning"
    summary = "Fields given in both the front matter and the Information block agree."

    def check(self, ctx: LintContext) -> None:
        meta = ctx.runbook.metadata
        for name, key in _COMPARE.items():
            info = meta.field(name, "information")
            front = meta.field(name, "front_matter")
            if info is None or front is None or not info.value.strip() \
                    or not front.value.strip():
                continue
            if key(info.value) != key(front.value):
                self._report(ctx, info, front)

    @staticmethod
    def _report(ctx: LintContext, info: MetaField, front: MetaField) -> None:
        ctx.report(info.line,
                   f"'{info.label}' is '{info.value.strip()}' here but '{front.label}' is "
                   f"'{front.value.strip()}' in the front matter (line {front.line}): make "
                   "them equal or remove one")
