"""RW410 readonly-mutates: a block marked ``readonly`` changes nothing the shell model knows of.

## Why

``readonly`` is the author's word, and ``runwright test`` trusts it: it runs a step whose
blocks are marked ``readonly`` unattended, every week, without judging its commands. A
``readonly`` block that deletes, restarts, applies or writes a file would do that from a CI
job. A block marked ``readonly`` is an error when one of its commands is known to change
state: a destructive verb (``rm``, ``mv``,
``kill``, ``dd``, ``mkfs``...), a mutating subcommand (``kubectl delete|apply|scale|rollout
restart``, ``helm upgrade``, ``systemctl restart``, ``docker rm``, ``git push``,
``terraform apply``, ``redis-cli FLUSHALL``, SQL that writes...), or a redirection that writes
to a file (``> file``, ``>> file``, ``tee file``). Commands are read with the shell model, the
wrappers taken off (``sudo rm``, ``ssh HOST systemctl restart``, ``kubectl exec -- rm``).
Remove the mark, or move the command to a step of its own.

## Fails

````markdown
```bash {readonly}
kubectl -n prod rollout restart deployment/api
```
````

## Passes

````markdown
```bash {readonly}
kubectl -n prod rollout status deployment/api
```
````
"""

from __future__ import annotations

import re
from collections.abc import Callable

from runwright.linter.rule import LintContext, Rule
from runwright.shell import Command, parse
from runwright.shell.allowlist import ALIASES, syntax_of
from runwright.shell.options import scan
from runwright.shell.readonly import HARMLESS_TARGETS
from runwright.shell.sql import statements

#: Commands that change state whatever their arguments.
VERBS = frozenset({
    "rm", "rmdir", "mv", "cp", "dd", "shred", "truncate", "wipefs", "fdisk", "sgdisk",
    "parted", "kill", "pkill", "killall", "reboot", "shutdown", "halt", "poweroff",
    "chmod", "chown", "chgrp", "ln", "touch", "mkdir", "install", "useradd", "userdel",
    "usermod", "groupadd", "groupdel", "passwd", "umount", "swapoff", "swapon",
    "iptables-restore", "rsync", "scp",
})
#: command -> subcommands (the first word after its global options) that change state; a
#: tuple of two words is a subcommand and its own subcommand.
SUBCOMMANDS: dict[str, frozenset[str | tuple[str, str]]] = {
    "kubectl": frozenset({"apply", "create", "delete", "replace", "patch", "edit", "scale",
                          "autoscale", "drain", "cordon", "uncordon", "taint", "label",
                          "annotate", "set", "expose", "run", "cp", ("rollout", "restart"),
                          ("rollout", "undo"), ("rollout", "pause"), ("rollout", "resume")}),
    "helm": frozenset({"install", "upgrade", "uninstall", "delete", "del", "rollback"}),
    "systemctl": frozenset({"start", "stop", "restart", "reload", "reload-or-restart",
                            "try-restart", "enable", "disable", "mask", "unmask", "kill",
                            "daemon-reload", "reset-failed", "isolate", "set-property",
                            "edit", "reboot", "poweroff", "halt"}),
    "docker": frozenset({"run", "rm", "rmi", "stop", "kill", "restart", "start", "push",
                         "pull", "create", "update", "prune", "tag", "load", "import",
                         ("compose", "up"), ("compose", "down"), ("compose", "restart"),
                         ("compose", "stop"), ("compose", "rm"), ("compose", "pull"),
                         ("compose", "start"), ("compose", "kill"),
                         ("system", "prune"), ("volume", "prune"), ("volume", "rm"),
                         ("image", "prune"), ("image", "rm"), ("container", "rm"),
                         ("container", "stop"), ("container", "prune"),
                         ("network", "rm"), ("network", "prune")}),
    "git": frozenset({"push", "commit", "merge", "rebase", "reset", "checkout", "clean",
                      "pull", "am", "cherry-pick", "revert", "switch", "restore", "rm", "mv",
                      ("stash", "drop"), ("stash", "clear"), ("stash", "pop")}),
    "terraform": frozenset({"apply", "destroy", "import", "taint", "untaint",
                            ("state", "rm"), ("state", "mv"), ("state", "push")}),
    "apt": frozenset({"install", "remove", "purge", "upgrade", "full-upgrade", "autoremove",
                      "update"}),
    "etcdctl": frozenset({"put", "del", "compact", "defrag", ("snapshot", "save"),
                          ("snapshot", "restore"), ("member", "remove"), ("member", "add")}),
    "vault": frozenset({"write", "delete", ("kv", "put"), ("kv", "delete"),
                        ("kv", "destroy"), ("secrets", "enable"), ("secrets", "disable")}),
}
for _alias, _of in ALIASES.items():
    SUBCOMMANDS[_alias] = SUBCOMMANDS[_of]
_WRITING_SQL = re.compile(r"^\s*(?:INSERT|UPDATE|DELETE|MERGE|DROP|TRUNCATE|ALTER|CREATE|GRANT|"
                          r"REVOKE|VACUUM|REINDEX|CLUSTER|COPY\s+\S+\s+FROM|REFRESH|CALL)\b",
                          re.I)
_SQL_CLIENTS = {"psql": ("-c", "--command"), "mysql": ("-e", "--execute"),
                "mariadb": ("-e", "--execute"), "sqlite3": ()}
_REDIS_WRITES = frozenset({"flushall", "flushdb", "del", "unlink", "set", "setex", "mset",
                           "hset", "hdel", "lpush", "rpush", "lpop", "rpop", "sadd", "srem",
                           "zadd", "zrem", "expire", "persist", "rename", "shutdown",
                           "incr", "decr", "incrby", "append", "restore", "migrate", "move",
                           "swapdb", "bgsave", "save", "bgrewriteaof", "debug",
                           "replicaof", "slaveof", "failover", "script", "eval", "evalsha",
                           "publish", "xadd", "xdel", "xtrim", "getdel", "getset"})


def _subcommand(name: str, cmd: Command) -> str | None:
    subs = SUBCOMMANDS.get(name)
    if subs is None:
        return None
    syntax = syntax_of(name)
    words = cmd.args
    if name == "service":  # service NAME start
        words = words[1:]
    o = scan(words, values=syntax.values, long_values=syntax.long_values, stop=True,
             single=syntax.single)
    pos = [w.value for w in o.positional]
    first = pos[0] if pos else None
    second = pos[1] if len(pos) > 1 else None
    if first in subs:
        return f"{name} {first}"
    if (first, second) in subs:
        return f"{name} {first} {second}"
    return None


def _sql(name: str, cmd: Command) -> str | None:
    options = _SQL_CLIENTS.get(name)
    if options is None:
        return None
    texts: list[str] = []
    values = [w.value if w.value is not None else w.unquoted for w in cmd.args]
    for i, v in enumerate(values):
        if v in options and i + 1 < len(values):
            texts.append(values[i + 1])
        elif any(v.startswith(o + "=") for o in options if o.startswith("--")):
            texts.append(v.partition("=")[2])
    if name == "sqlite3" and len(values) > 1:
        texts.append(values[-1])
    texts += [r.heredoc.body for r in cmd.redirects if r.heredoc is not None]
    for text in texts:
        for statement in statements(text):
            m = _WRITING_SQL.match(statement)
            if m:
                return f"{name} with SQL that writes ({m.group(0).strip().split()[0].upper()})"
    return None


def _redis(name: str, cmd: Command) -> str | None:
    if name != "redis-cli":
        return None
    o = scan(cmd.args, values="hpanu", long_values=("user", "pass"))
    if o.positional and (o.positional[0].value or "").lower() in _REDIS_WRITES:
        return f"redis-cli {(o.positional[0].value or '').upper()}"
    return None


def _sed(name: str, cmd: Command) -> str | None:
    if name != "sed":
        return None
    o = scan(cmd.args, values="ef", long_values=("expression", "file"))
    return "sed -i" if o.has("i", ("in-place",)) else None


def _tee(name: str, cmd: Command) -> str | None:
    if name != "tee":
        return None
    files = [w.value for w in scan(cmd.args).positional]
    return "tee to a file" if any(f not in HARMLESS_TARGETS for f in files) else None


_CHECKS: tuple[Callable[[str, Command], str | None], ...] = (_subcommand, _sql, _redis, _sed,
                                                            _tee)


def changes(cmd: Command) -> str | None:
    """What in the command is known to change state (None: nothing known)."""
    for r in cmd.all_redirects:
        if r.writes and r.target is not None and r.target.value not in HARMLESS_TARGETS:
            return f"writes to '{r.target.unquoted}' ({r.operator})"
    name = cmd.name
    if name is None:
        return None
    if name in VERBS or name.startswith("mkfs"):
        return name
    for check in _CHECKS:
        found = check(name, cmd)
        if found is not None:
            return found
    return None


class ReadonlyMutates(Rule):
    id = "RW410"
    name = "readonly-mutates"
    severity = "error"
    summary = "A block marked readonly runs no command known to change state."

    def check(self, ctx: LintContext) -> None:
        for block in ctx.runbook.code_blocks:
            if not block.is_shell or not block.flag("readonly") or block.flag("mutating"):
                continue  # both marks: runwright test trusts "mutating" and skips it
            for cmd in parse(block.code).commands:
                what = changes(cmd)
                if what is not None:
                    ctx.report(block.first_code_line + cmd.line - 1,
                               f"a block marked readonly {_verb(what)}: runwright test runs "
                               "it unattended on that word; remove the mark, or move the "
                               "command to a step of its own",
                               column=block.indent + cmd.column + 1)
                    break


def _verb(what: str) -> str:
    return what if what.startswith("writes") else f"runs '{what}', which changes state"
