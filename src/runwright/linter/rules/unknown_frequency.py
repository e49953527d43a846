"""RW206 unknown-frequency: the frequency is a known value.

## Why

The frequency says how familiar the procedure is and feeds the catalogue and the audit
(a daily job that was never run is alarming; a yearly one is not). Known values, in French
or English: Quotidien/Daily, Hebdo/Weekly, Mensuel/Monthly, Trimestriel/Quarterly,
Annuel/Yearly, À la demande/On demand, À chaque release/Every release, À chaque
déploiement/Every deployment, En cas d'incident/On incident.

## Fails

````markdown
## Information

- **Frequency**: sometimes
````

## Passes

````markdown
## Information

- **Frequency**: On demand
````

## Options

- ``allow_free_frequency`` (bool, default ``false``): accept any non-empty text. The
  ``[lint] allow_free_frequency`` configuration key sets it for every file.
"""

from __future__ import annotations

from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import column_of
from runwright.names import frequency_key


class UnknownFrequency(Rule):
    id = "RW206"
    name = "unknown-frequency"
    severity = "warning"
    summary = "The frequency is a known value (Daily, Weekly, On demand, Every release ...)."
    options = MappingProxyType({"allow_free_frequency": False})

    def check(self, ctx: LintContext) -> None:
        if ctx.option("allow_free_frequency"):
            return
        rb = ctx.runbook
        for f in rb.metadata.fields_named("frequency"):
            value = f.value.strip().strip("`*_").strip()
            if not value or frequency_key(value) is not None:
                continue
            known = ("Quotidien, Hebdo, Mensuel, À la demande, À chaque release"
                     if rb.language == "fr" else
                     "Daily, Weekly, Monthly, On demand, Every release")
            ctx.report(f.line, f"frequency '{value}' is not a known value: use one of {known} "
                               "(or allow free text with lint.allow_free_frequency)",
                       column=column_of(rb, f.line, value))
