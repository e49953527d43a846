"""RW305 nothing-testable: ``runwright test`` can run at least one step or verification item.

## Why

``runwright test`` proves, unattended, that a runbook still works: it runs the steps and
verification items whose commands are known to only read (the read-only allowlist, or the
``readonly`` attribute) and skips the others. A runbook of which it can run nothing is
reported *skipped*, every week, and nobody learns that its commands stopped working. Mark the
blocks that only read ``{readonly}`` (the author's word, checked by RW410), add a read-only
check to the Verification section (``kubectl rollout status``, ``curl -fsS .../health``), or
extend ``test.readonly_commands`` in the configuration for a read-only tool runwright does not
know.

The judgement is the one ``runwright test --explain`` prints, with the same configuration. A
runbook whose skipped steps all say so on purpose (``skip-test``, ``mutating``) is not
reported: its author chose. Only files meant for ``runwright run`` are checked.

## Fails

````markdown
# Runbook: Restart the API

## Procedure

### Step 1: Restart the API

```bash
kubectl rollout restart deployment/api -n production
```

## Verification

- [ ] The dashboard shows no errors
````

## Passes

````markdown
# Runbook: Restart the API

## Procedure

### Step 1: Restart the API

```bash
kubectl rollout restart deployment/api -n production
```

## Verification

- [ ] The rollout finished

  ```bash
  kubectl rollout status deployment/api -n production --timeout=120s
  ```
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule

#: Reasons an author gives on purpose (fence attributes), not judgements of runwright's.
_CHOSEN = ("skip-test", "marked mutating")
#: What ``runwright test`` adds to a judgement of the shell model (this rule says more).
_HINT = ": mark the step readonly if it is"


class NothingTestable(Rule):
    id = "RW305"
    name = "nothing-testable"
    severity = "info"
    summary = "runwright test can run at least one step or verification item of the runbook."

    def check(self, ctx: LintContext) -> None:
        from runwright.runner.checks import test_policy, verification_policy

        rb = ctx.runbook
        if not rb.steps:
            return  # RW301 says so
        extra = ctx.readonly_commands
        reasons: list[tuple[str, str]] = []  # (what, why it would not run)
        for index, step in enumerate(rb.steps, start=1):
            why = test_policy(step, False, extra)
            if why is None:
                return
            reasons.append((f"step {step.number_text or index}", why.removesuffix(_HINT)))
        for item in rb.verification:
            why = verification_policy(item, False, extra)
            if why is None:
                return
            reasons.append(("a verification item", why.removesuffix(_HINT)))
        if all(why.startswith(_CHOSEN) for _, why in reasons):
            return
        judged = next(((what, why) for what, why in reasons
                       if not why.startswith((*_CHOSEN, "manual step", "no shell command"))),
                      None)
        n_steps, n_items = len(rb.steps), len(rb.verification)
        counted = f"{n_steps} step{'s' if n_steps != 1 else ''}"
        if n_items:
            counted += f" and {n_items} verification item{'s' if n_items != 1 else ''}"
        message = f"runwright test can run none of its {counted}"
        if judged is not None:
            message += f" ({judged[0]}: {judged[1]})"
        else:
            message += " (no step or verification item has a shell command)"
        message += "; mark the blocks that only read {readonly} or add a read-only check " \
                   "to Verification"
        procedure = rb.section("procedure")
        ctx.report(procedure.line if procedure is not None else rb.steps[0].line, message)
