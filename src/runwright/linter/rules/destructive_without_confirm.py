"""RW801 destructive-without-confirm: destructive commands carry ``{confirm}``.

## Why

``rm -rf``, ``kubectl delete``, ``DROP TABLE``, ``terraform destroy``, ``helm uninstall``,
``git push --force``, ``dd``, ``mkfs``, ``redis-cli FLUSHALL`` and any ``--force`` cannot be
undone. Marking the fence ``{confirm}`` makes ``runwright run`` stop and ask the operator to
type the step id before running it, and tells a reader to slow down.

## Fails

````markdown
```bash
kubectl delete pod api-7d9f -n production
```
````

## Passes

````markdown
```bash {confirm}
kubectl delete pod api-7d9f -n production
```
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._shell import scan

_W = r"(?:^|(?<=[\s;&|(`]))"
DESTRUCTIVE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_W + r"rm\s+(?:-\w+\s+)*-(?:\w*r\w*f|\w*f\w*r)\w*\b|" + _W +
                r"rm\s+(?:-\S+\s+)*(?:-r\s+-f|-f\s+-r|--recursive\s+--force|--force\s+"
                r"--recursive)\b"), "rm -rf"),
    (re.compile(_W + r"(?:kubectl|oc)\s+(?:\S+\s+)*?delete\b"), "kubectl delete"),
    (re.compile(r"\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|USER|ROLE|KEYSPACE)|"
                r"TRUNCATE(?:\s+TABLE)?\s+\w)", re.I), "DROP/TRUNCATE"),
    (re.compile(r"\bDELETE\s+FROM\s+[\w.\"]+\s*(?:;|$|\")", re.I), "DELETE without WHERE"),
    (re.compile(_W + r"(?:terraform|terragrunt|tofu)\s+(?:\S+\s+)*?(?:destroy\b|apply\s+"
                r"(?:\S+\s+)*?-destroy\b)"), "terraform destroy"),
    (re.compile(_W + r"helm\s+(?:\S+\s+)*?(?:uninstall|delete|del)\b"), "helm uninstall"),
    (re.compile(_W + r"git\s+push\s+(?:\S+\s+)*?(?:--force\b(?!-with-lease)|-f\b)"),
     "git push --force"),
    (re.compile(_W + r"git\s+(?:reset\s+--hard|clean\s+-\w*f)\b"), "git reset --hard / clean"),
    (re.compile(r"(?<![\w-])--force(?:=true)?(?![\w-])"), "--force"),
    (re.compile(_W + r"dd\s+(?:\S+\s+)*?of=/dev/"), "dd to a device"),
    (re.compile(_W + r"(?:mkfs(?:\.\w+)?|wipefs|shred|fdisk|sgdisk|parted)\s"), "mkfs"),
    (re.compile(r"\bFLUSH(?:ALL|DB)\b", re.I), "redis FLUSHALL"),
    (re.compile(_W + r"(?:docker|podman)\s+(?:system|volume|image)\s+prune\b"), "prune"),
    (re.compile(_W + r"etcdctl\s+(?:\S+\s+)*?del\b"), "etcdctl del"),
    (re.compile(_W + r"aws\s+s3\s+(?:rm|rb)\s+(?:\S+\s+)*?--recursive|" + _W +
                r"aws\s+\S+\s+(?:delete|terminate)-[\w-]+"), "aws delete"),
    (re.compile(_W + r"gcloud\s+(?:\S+\s+)+delete\b"), "gcloud delete"),
    (re.compile(_W + r"az\s+(?:\S+\s+)+delete\b"), "az delete"),
)
#: What every pattern above needs somewhere in the line (a superset test, one search instead
#: of one per pattern on the many lines that hold none of these words).
_ANY = re.compile(_W + r"(?:rm|kubectl|oc|terraform|terragrunt|tofu|helm|git|dd|mkfs|wipefs|"
                  r"shred|fdisk|sgdisk|parted|docker|podman|etcdctl|aws|gcloud|az)|"
                  r"(?i:drop|truncate|delete|flush)|--force")
#: The words one of which each case-sensitive pattern needs (None: tried on every line).
_NEEDS: tuple[tuple[str, ...] | None, ...] = (
    ("rm",), ("kubectl", "oc"), None, None, ("terraform", "terragrunt", "tofu"), ("helm",),
    ("git",), ("git",), ("--force",), ("dd",),
    ("mkfs", "wipefs", "shred", "fdisk", "sgdisk", "parted"), None, ("docker", "podman"),
    ("etcdctl",), ("aws",), ("gcloud",), ("az",),
)


def destructive(code: str) -> tuple[int, int, str] | None:
    """(line offset, column, what) of the first destructive command of a shell block."""
    for sl in scan(code):
        text = sl.code
        if not text.strip() or not _ANY.search(text):
            continue
        for (pattern, what), needs in zip(DESTRUCTIVE, _NEEDS, strict=True):
            if needs is not None and not any(word in text for word in needs):
                continue
            m = pattern.search(text)
            if m:
                return sl.offset, m.start(), what
    return None


class DestructiveWithoutConfirm(Rule):
    id = "RW801"
    name = "destructive-without-confirm"
    severity = "error"
    summary = "Destructive commands (rm -rf, kubectl delete, DROP ...) carry {confirm}."

    def check(self, ctx: LintContext) -> None:
        for block in ctx.runbook.code_blocks:
            if not block.is_shell or block.flag("confirm"):
                continue
            hit = destructive(block.code)
            if hit is None:
                continue
            offset, col, what = hit
            ctx.report(block.first_code_line + offset,
                       f"destructive command ({what}) in a block without confirmation: add "
                       f"{{confirm}} to the fence ('```{block.language} {{confirm}}')",
                       column=block.indent + col + 1)
