"""RW412 fleet-target: a fleet step (``{on=PATTERN}``) names hosts runwright can reach.

## Why

A shell block with ``on=PATTERN`` runs through Ansible on the hosts the pattern matches in an
Ansible inventory (docs/running.md, "Fleet steps"). Without an inventory the step cannot run
at all; a pattern that matches no host fails the step when it is reached, at the worst time;
a ``serial`` or ``max_fail`` that is not ``N`` or ``N%`` is refused when the step runs; and
``sudo`` inside the block asks for a password on every host with no terminal to type it on,
where the ``become`` attribute has Ansible escalate privileges as the inventory configures it.
This rule reports:

- ``on=`` with no inventory: none named by the front matter (``inventory``) nor by the
  configuration (``run.inventory``); ``--inventory`` given at run time is not known here;
- ``on=`` with no pattern;
- a pattern that matches no host of the configured inventory, when the inventory can be read
  offline (a static INI or YAML file, read with ansible-core when the ``runwright[fleet]``
  extra is installed; dynamic inventories, scripts and folders are not run to lint);
- ``serial``/``max_fail`` that are not ``N`` or ``N%`` (``serial`` at least 1);
- ``serial``, ``max_fail`` or ``become`` on a block without ``on=`` (they do nothing there);
- ``sudo`` in a block that has ``on=``: use ``become``.

## Fails

````markdown
---
inventory: ops/inventory.ini
---
## Procedure

### Step 1: Restart the workers

```bash {on=workers serial=two}
sudo systemctl restart worker
```
````

## Passes

````markdown
---
inventory: ops/inventory.ini
---
## Procedure

### Step 1: Restart the workers

```bash {on=workers serial=2 become}
systemctl restart worker
```
````
"""

from __future__ import annotations

from pathlib import Path

from runwright.linter.rule import LintContext, Rule
from runwright.model import CodeBlock


class FleetTarget(Rule):
    id = "RW412"
    name = "fleet-target"
    severity = "error"
    summary = "a fleet step (on=) has an inventory, hosts, a readable serial/max_fail and no sudo"

    def check(self, ctx: LintContext) -> None:
        from runwright.runner.fleet import count_problem, offline_hosts, runnable_blocks

        blocks = runnable_blocks(ctx.runbook)
        inventory = self._inventory(ctx)
        cache: dict[str, list[str] | None] = {}
        for block in blocks:
            attrs = block.attributes
            if "on" not in attrs:
                for name in ("serial", "max_fail", "become"):
                    if name in attrs:
                        ctx.report(block.line, f"{name} applies to fleet steps only: this "
                                               "block has no on=PATTERN", severity="warning")
                continue
            pattern = attrs["on"].strip() if isinstance(attrs["on"], str) else ""
            if not pattern:
                ctx.report(block.line, "on= names no host pattern (a group, a host, "
                                       "'web:&production')")
            elif inventory is None:
                ctx.report(block.line, f"on={pattern}: no inventory is configured (name it as "
                                       "'inventory' in the front matter or run.inventory in "
                                       "the configuration)")
            elif isinstance(inventory, Path):
                if pattern not in cache:
                    cache[pattern] = offline_hosts(inventory, pattern)
                if cache[pattern] == []:
                    ctx.report(block.line, f"on={pattern} matches no host in {inventory.name}")
            for name in ("serial", "max_fail"):
                if name in attrs:
                    problem = count_problem(name, attrs[name])
                    if problem:
                        ctx.report(block.line, problem)
            self._sudo(ctx, block)

    def _inventory(self, ctx: LintContext) -> Path | str | None:
        """The inventory file, a string when it is not a file path (an inline host list),
        None when none is named: the runner's choice (:func:`runwright.runner.fleet.target_for`)
        without ``--inventory``."""
        from runwright.runner.fleet import target_for

        folder = ctx.file_path.resolve().parent if ctx.file_path else ctx.root
        named = target_for(ctx.runbook, folder, None, None, ctx.inventory, ctx.root).inventory
        if named is None:
            return None
        return named if "," in named and not Path(named).exists() else Path(named)

    def _sudo(self, ctx: LintContext, block: CodeBlock) -> None:
        from runwright.shell import commands

        for command in commands(block.code):
            if command.name == "sudo" or command.wrapped_by("sudo"):
                ctx.report(block.first_code_line + command.line - 1,
                           "sudo in a fleet step: mark the block {become} and let Ansible "
                           "escalate privileges (sudo has no terminal on the hosts)",
                           column=command.column + 1 + block.indent)
                return

