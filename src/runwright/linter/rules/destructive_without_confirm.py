"""RW801 destructive-without-confirm: destructive commands carry ``{confirm}``.

## Why

``rm -rf``, ``kubectl delete``, ``DROP TABLE``, ``terraform destroy``, ``helm uninstall``,
``git push --force``, ``dd``, ``mkfs``, ``redis-cli FLUSHALL`` and any ``--force`` cannot be
undone. Marking the fence ``{confirm}`` makes ``runwright run`` stop and ask the operator to
type the step id before running it, and tells a reader to slow down.

Commands are read with runwright's shell model: a command is found wherever the shell would run
it (after ``sudo``, ``ssh HOST``, ``kubectl exec --``, in a pipeline, a ``$( )`` or a
``bash -c '...'`` string), after the global options of its tool (``kubectl -n prod delete``),
and never in a comment, an ``echo`` of its name or a prompt of a transcript. SQL that drops,
truncates or deletes without ``WHERE`` is found in the commands' words and here-documents.

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
from collections.abc import Callable

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._shell import without_prompts
from runwright.linter.rules.placeholder import ANGLE
from runwright.shell import Command, Script, parse
from runwright.shell.allowlist import ALIASES, syntax_of
from runwright.shell.options import Options, scan

#: Subcommands that cannot be undone, per tool: (subcommand words, what the message says).
SUBCOMMANDS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "kubectl": ((("delete",), "kubectl delete"),),
    "helm": ((("uninstall",), "helm uninstall"), (("delete",), "helm uninstall"),
             (("del",), "helm uninstall")),
    "terraform": ((("destroy",), "terraform destroy"),),
    "etcdctl": ((("del",), "etcdctl del"),),
    "docker": ((("system", "prune"), "prune"), (("volume", "prune"), "prune"),
               (("image", "prune"), "prune")),
    "redis-cli": ((("flushall",), "redis FLUSHALL"), (("flushdb",), "redis FLUSHALL")),
}
#: Commands that destroy whatever their arguments are.
NAMES = {"wipefs": "mkfs", "shred": "mkfs", "fdisk": "mkfs", "sgdisk": "mkfs", "parted": "mkfs"}
_SQL = (
    (re.compile(r"\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|USER|ROLE|KEYSPACE)|"
                r"TRUNCATE(?:\s+TABLE)?\s+\w)", re.I), "DROP/TRUNCATE"),
    (re.compile(r"\bDELETE\s+FROM\s+[\w.\"]+\s*(?:;|$|\")", re.I), "DELETE without WHERE"),
)
#: Words one of which a block needs to hold anything above (one search on the many blocks
#: that hold none of them, before the block is parsed).
_ANY = re.compile(r"\b(?:rm|kubectl|oc|terraform|terragrunt|tofu|helm|git|dd|mkfs|wipefs|"
                  r"shred|fdisk|sgdisk|parted|docker|podman|etcdctl|aws|gcloud|az)\b|"
                  r"(?i:drop|truncate|delete|flush)|--force")


def _options(name: str, cmd: Command) -> Options:
    syntax = syntax_of(name)
    return scan(cmd.args, syntax.values, syntax.long_values, single=syntax.single)


def _sub(o: Options) -> list[str]:
    return [(w.value or "").lower() for w in o.positional]


def _rm(cmd: Command, o: Options) -> str | None:
    recursive = bool(set(o.letters) & {"r", "R"}) or "recursive" in o.longs
    force = "f" in o.letters or "force" in o.longs
    return "rm -rf" if recursive and force else None


def _git(cmd: Command, o: Options) -> str | None:
    sub = _sub(o)
    if not sub:
        return None
    if sub[0] == "push" and ("f" in o.letters or "force" in o.longs):
        return "git push --force"
    if sub[0] == "reset" and "hard" in o.longs:
        return "git reset --hard / clean"
    if sub[0] == "clean" and "f" in o.letters:
        return "git reset --hard / clean"
    return None


def _terraform(cmd: Command, o: Options) -> str | None:
    sub = _sub(o)
    if sub[:1] == ["apply"] and "destroy" in o.longs:
        return "terraform destroy"
    return None


def _dd(cmd: Command, o: Options) -> str | None:
    return "dd to a device" if any((w.value or "").startswith("of=/dev/")
                                   for w in cmd.args) else None


def _aws(cmd: Command, o: Options) -> str | None:
    sub = _sub(o)
    if sub[:1] == ["s3"] and sub[1:2] in (["rm"], ["rb"]) and "recursive" in o.longs:
        return "aws delete"
    if len(sub) > 1 and sub[1].startswith(("delete-", "terminate-")):
        return "aws delete"
    return None


def _cloud(cmd: Command, o: Options) -> str | None:
    return f"{cmd.name} delete" if "delete" in _sub(o)[1:] else None


CHECKS: dict[str, Callable[[Command, Options], str | None]] = {
    "rm": _rm, "git": _git, "terraform": _terraform, "dd": _dd, "aws": _aws,
    "gcloud": _cloud, "az": _cloud,
}


def _destroys(cmd: Command) -> str | None:
    """What ``cmd`` destroys, in the message's words (None: nothing known)."""
    name = cmd.name
    if name is None:
        return None
    if name in NAMES or name.startswith("mkfs"):
        return NAMES.get(name, "mkfs")
    key = ALIASES.get(name, name)
    o = _options(name, cmd)
    check = CHECKS.get(key)
    if check is not None:
        found = check(cmd, o)
        if found is not None:
            return found
    sub = _sub(o)
    for words, what in SUBCOMMANDS.get(key, ()):
        if tuple(sub[:len(words)]) == words:
            return what
    if o.longs.get("force", "") in (None, "true"):
        return "--force"
    return None


def _sql(text: str) -> tuple[int, str] | None:
    for pattern, what in _SQL:
        m = pattern.search(text)
        if m:
            return m.start(), what
    return None


def destructive(code: str) -> tuple[int, int, str] | None:
    """(line offset, column, what) of the first destructive command of a shell block."""
    if not _ANY.search(code):
        return None
    # ``<my-namespace>`` is a word to the reader (the shell would read redirections)
    script = parse(ANGLE.sub(lambda m: "_" * len(m.group(0)), without_prompts(code)))
    hits: list[tuple[int, int, str]] = []
    for cmd in script.commands:
        what = _destroys(cmd)
        if what is not None:
            hits.append((cmd.line - 1, cmd.column, what))
        elif cmd.words:
            sql = _sql(" ".join(w.text for w in cmd.words))
            if sql is not None:
                hits.append((cmd.line - 1, cmd.column, sql[1]))
    hits.extend(_heredoc_sql(script))
    return min(hits) if hits else None


def _heredoc_sql(script: Script) -> list[tuple[int, int, str]]:
    out = []
    for h in script.heredocs:
        for i, line in enumerate(h.body.split("\n")):
            sql = _sql(line)
            if sql is not None:
                out.append((h.line - 1 + i, sql[0], sql[1]))
    return out


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
