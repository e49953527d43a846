"""RW611 troubleshooting-incomplete: each troubleshooting entry has an error, a cause and a
solution.

## Why

An entry is found by its error text (``runwright find`` and ``runwright run`` match it
against a failed step's output), understood by its cause, and applied through its solution.
Without the cause the operator cannot tell whether the entry applies; without a solution it
is only a description of the pain. Commands in the entry count as the solution.

## Fails

````markdown
## Troubleshooting

### Error: ImagePullBackOff

The pods do not start.
````

## Passes

````markdown
## Troubleshooting

### Error: ImagePullBackOff

**Cause**: the image tag does not exist in the registry.

**Solution**: check the tag and pull it by hand:

```bash
docker pull "registry.example.com/api:$VERSION"
```
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule


class TroubleshootingIncomplete(Rule):
    id = "RW611"
    name = "troubleshooting-incomplete"
    severity = "warning"
    summary = "Each troubleshooting entry has an error, a cause and a solution."

    def check(self, ctx: LintContext) -> None:
        fr = ctx.runbook.language == "fr"
        for entry in ctx.runbook.troubleshooting:
            missing: list[str] = []
            if not (entry.error or "").strip():
                missing.append("the error message")
            if not (entry.cause or "").strip():
                missing.append("**Cause**")
            if not (entry.solution or "").strip() and not entry.commands:
                missing.append("**Solution**")
            if not missing:
                continue
            label = entry.title or (entry.error or "")
            example = "**Cause** : ... / **Solution** : ..." if fr else \
                "**Cause**: ... / **Solution**: ..."
            ctx.report(entry.line, f"troubleshooting entry '{label}' has no "
                                   f"{' and no '.join(missing)}: write it as {example}")
