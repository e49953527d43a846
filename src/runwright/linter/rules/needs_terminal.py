"""RW409 needs-terminal: commands that read the terminal are marked ``{interactive}``.

## Why

``runwright run`` runs each command with its input closed, as a background job of the
terminal, its output captured. A command that reads the terminal cannot work there: ``sudo``
asking for a password is stopped by the system, and the step fails; ``read`` gets end-of-file;
``kubectl exec -it``, ``docker run -it``, ``psql`` or ``mysql`` without a command, ``ssh HOST``
without a remote command,
``terraform apply`` waiting for "yes", editors (``vim``, ``kubectl edit``, ``crontab -e``,
``git rebase -i``), pagers (``less``) and full-screen tools (``top``, ``watch``) cannot run.
Mark such a block ``{interactive}``: ``runwright run`` then gives the command the terminal
(its output is not kept, and ``runwright test`` skips it). Or make the command
non-interactive: ``sudo -n``, ``psql -c``, ``terraform apply -auto-approve``, ``kubectl exec``
without ``-it``. The first such command of each runnable shell block is reported (``manual``
blocks are never run). Comments, quoted text and here-document bodies are not commands; a
``read``, ``psql`` or ``ssh`` fed by a pipe or a redirection (``while read -r line; do ...
done < FILE``) does not read the terminal. ``ssh HOST sudo COMMAND`` is reported too: without
``ssh -t`` the remote ``sudo`` has no terminal to ask its password on, and fails.

## Fails

````markdown
```bash
sudo systemctl restart nginx
```
````

## Passes

````markdown
```bash {interactive}
sudo systemctl restart nginx
```
````

## Options

- ``ignore_commands`` (list of command names, default empty): commands never reported, such
  as ``["sudo"]`` where sudo asks for no password (``NOPASSWD``); the command run by an
  ignored ``sudo`` is still checked. A name followed by a subcommand (``"terraform apply"``,
  ``"kubectl edit"``) ignores that subcommand only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._shell import without_prompts
from runwright.linter.rules.placeholder import ANGLE
from runwright.shell import Command, Redirect, Word, parse
from runwright.shell.options import Options, scan
from runwright.shell.wrappers import WRAPPERS

# --- what needs a terminal ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Use:
    """One command as run: its name, its arguments and what surrounds it."""

    name: str
    args: tuple[Word, ...]
    fed: bool  # its input is a pipe, a file or a here-document
    env: frozenset[str]  # variables assigned before it (EDITOR=..., GIT_SEQUENCE_EDITOR=...)
    root: bool  # run by sudo or doas
    stdin: str | None  # the target of its own input redirection


#: what reads the terminal, whether it is input the command waits for (else the terminal as
#: a screen), the non-interactive way, and the subcommand (for ignore_commands).
_Say = tuple[str, bool, str, str | None]

_READS = "which a command run by runwright cannot read"
_SHOWS = "which a command run by runwright does not have"
_EDITOR_VARS = frozenset({"EDITOR", "VISUAL"})
_SESSION = "opens an interactive session on the terminal"


def _index(args: Sequence[Word], tok: Word) -> int:
    return next(k for k, a in enumerate(args) if a is tok)


def _read(u: _Use) -> _Say | None:
    if u.fed or _options(u.args, "adinNptu").has("u"):
        return None
    what = "'read ... < /dev/tty'" if u.stdin == "/dev/tty" else "'read'"
    return (f"{what} waits for an answer typed at the terminal", True,
            "a variable declared in the front matter 'variables:', which runwright run asks "
            "for", None)


#: A sudo option word with a value option followed by plain flags ("-un", "-iun"): the flags
#: are meant as flags, the value comes in the next word.
_SUDO_SPLIT = re.compile(r"^(-[AbEeHhiKklnPSsVv]*)([CDghpRrTtUu])([AbEeHhiKklnPSsVv]+)$")


def _sudo(name: str, args: Sequence[Word], fed: bool) -> _Say | None:
    """What sudo (or doas) itself needs (``args``: its words after its name)."""
    # "-un root": read as "-u root -n" (what it is meant to say), not as the user "n"
    split: list[Word] = []
    options = True
    for tok in args:
        options = options and _t(tok) != "--" and (_t(tok).startswith("-") or bool(
            split and _t(split[-1])[-1:] in WRAPPERS["sudo"].values))
        m = _SUDO_SPLIT.match(_t(tok)) if name == "sudo" and options else None
        if m:
            for part in (m.group(1) + m.group(3), "-" + m.group(2)):
                split.append(Word(part, part, part, tok.line, tok.column, tok.quoted))
        else:
            split.append(tok)
    spec = WRAPPERS[name]  # the options that take a value, as the shell model reads them
    o = _options(split, spec.values, spec.long_values, stop=True)
    runs_command = bool(o.positional or o.after)
    if o.unknown:
        return None
    if name == "sudo" and o.has("e", ("edit",)):
        return ("'sudo -e' opens an editor on the terminal", False,
                "sudo tee FILE, or sudo sed -i", "-e")
    quiet = o.has("nSA", ("non-interactive", "stdin", "askpass")) if name == "sudo" \
        else o.has("n")
    if not runs_command:
        if o.has("is", ("login", "shell")) and not fed:
            flag = o.word("i" if "i" in o.letters else "s", "--login")
            return (f"'{name} {flag}' without a command opens a shell on the terminal", False,
                    f"one '{name} COMMAND' per command, in the block", None)
        if quiet or not o.has("vlis", ("validate", "list", "login", "shell")):
            return None  # -k, -K, -V, -h, --version: no password
    if quiet:
        return None
    return (f"'{name}' may ask for a password", True, f"{name} -n", None)


_KUBE_GLOBAL = ("namespace", "context", "kubeconfig", "cluster", "user", "server", "token", "as",
                "as-group", "as-uid", "request-timeout", "cache-dir", "certificate-authority",
                "client-certificate", "client-key", "tls-server-name", "profile",
                "profile-output", "log-file", "password", "username", "v")
_KUBE_VALUES = ("namespace", "container", "image", "overrides", "env", "labels", "port",
                "restart", "target", "profile", "pod-running-timeout", "context", "filename",
                "selector", "output", "copy-to", "kubeconfig", "user", "cluster", "server",
                "token", "timeout", "image-pull-policy", "serviceaccount", "shell")
_KUBE_HINTS = {
    "exec": "{n} exec without {f}, the command after '--'",
    "run": "{n} run without {f}, then {n} logs",
    "attach": "{n} logs -f",
    "debug": "{n} debug without {f}, the command after '--'",
    "rsh": "{n} exec POD -- COMMAND",
}


def _tty(o: Options) -> str | None:
    """The option that asks for a terminal (-t, -it, --tty), if any."""
    value = o.longs.get("tty", "false") or "true"
    if value.lower() not in ("false", "0"):
        return "--tty"
    return o.word("t", "--tty") if "t" in o.letters else None


def _kubectl(u: _Use) -> _Say | None:
    o = _options(u.args, "nsv", _KUBE_GLOBAL, stop=True)
    if not o.positional:
        return None
    sub, n = _t(o.positional[0]), u.name
    if sub == "edit":
        if u.env & (_EDITOR_VARS | {"KUBE_EDITOR"}):
            return None
        return (f"'{n} edit' opens an editor on the terminal", False,
                f"{n} patch, or {n} apply -f FILE", sub)
    if sub not in _KUBE_HINTS or (sub == "rsh" and n != "oc"):
        return None
    so = _options(o.positional[1:], "cflnos", _KUBE_VALUES)
    flag = _tty(so)
    if flag is not None:
        return (f"'{n} {sub} {flag}' gives the command the terminal", False,
                _KUBE_HINTS[sub].format(n=n, f=flag), sub)
    if n == "oc" and sub in ("rsh", "debug") and not so.after and len(so.positional) <= 1 \
            and not so.unknown and not so.has("To", ("output",)):
        return (f"'oc {sub}' without a command opens a shell on the terminal", False,
                "oc rsh POD COMMAND, or oc exec POD -- COMMAND" if sub == "rsh"
                else "oc debug NODE -- COMMAND", sub)
    return None


_DOCKER_GLOBAL = ("config", "context", "host", "log-level", "tlscacert", "tlscert", "tlskey",
                  "connection", "url", "identity", "root", "runroot", "storage-driver",
                  "cgroup-manager", "events-backend", "module", "runtime", "tmpdir")
_DOCKER_VALUES = ("add-host", "annotation", "attach", "blkio-weight", "cap-add", "cap-drop",
                  "cgroup-parent", "cgroupns", "cidfile", "cpu-period", "cpu-quota",
                  "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "detach-keys", "device",
                  "dns", "dns-option", "dns-search", "domainname", "entrypoint", "env",
                  "env-file", "expose", "gpus", "group-add", "health-cmd", "hostname", "ip",
                  "ipc", "isolation", "label", "label-file", "link", "log-driver", "log-opt",
                  "mac-address", "memory", "memory-swap", "mount", "name", "network",
                  "network-alias", "pid", "platform", "publish", "pull", "restart", "runtime",
                  "security-opt", "shm-size", "stop-signal", "stop-timeout", "storage-opt",
                  "sysctl", "tmpfs", "ulimit", "user", "userns", "uts", "volume",
                  "volumes-from", "workdir", "pod", "secret", "systemd", "tz")


def _docker(u: _Use) -> _Say | None:
    o = _options(u.args, "cHl", _DOCKER_GLOBAL, stop=True)
    pos = o.positional[1:] if o.positional[:1] and _t(o.positional[0]) == "container" \
        else o.positional
    if not pos or _t(pos[0]) not in ("exec", "run", "attach"):
        return None
    sub, n = _t(pos[0]), u.name
    so = _options(pos[1:], "acehlmpuvw", _DOCKER_VALUES, stop=True)
    flag = _tty(so)
    if flag is None or so.has("d", ("detach",)):
        return None
    hint = f"{n} logs -f" if sub == "attach" else f"{n} {sub} without {flag}"
    return (f"'{n} {sub} {flag}' gives the command the terminal", False, hint, sub)


def _psql(u: _Use) -> _Say | None:
    o = _options(u.args, "cdfhLopPTUvFR", ("command", "file", "dbname", "host", "port",
                                           "username", "set", "variable", "output", "log-file",
                                           "pset", "table-attr", "field-separator",
                                           "record-separator"))
    if u.fed or o.unknown or o.has("cflV?", ("command", "file", "list", "version", "help")):
        return None
    return (f"'psql' without -c or -f {_SESSION}", False, "psql -c 'SQL', or psql -f FILE",
            None)


_MYSQL_CLIENTS = frozenset({"mysql", "mariadb"})
#: The MySQL and MariaDB clients (``-p`` reads a password from the terminal in each).
MYSQL_TOOLS = frozenset({"mysql", "mariadb", "mysqldump", "mariadb-dump", "mysqladmin",
                         "mariadb-admin", "mysqlcheck", "mysqlshow", "mysqlimport"})


def _mysql(u: _Use) -> _Say | None:
    o = _options(u.args, "eDhPSu", ("execute", "database", "host", "port", "socket", "user"),
                 optional="p")
    n = u.name
    if "p" in o.bare or ("password" in o.longs and o.longs["password"] is None):
        flag = "-p" if "p" in o.bare else "--password"
        return (f"'{n} {flag}' asks for a password", True,
                "the password in an option file: --defaults-extra-file=FILE, or ~/.my.cnf", None)
    if n not in _MYSQL_CLIENTS or u.fed or o.unknown or o.has("eV?", ("execute", "version",
                                                                     "help")):
        return None
    return (f"'{n}' without -e {_SESSION}", False, f"{n} -e 'SQL', or {n} < FILE", None)


_REDIS_VALUES = ("user", "pass", "cacert", "cacertdir", "cert", "key", "sni", "tls-ciphers",
                 "tls-ciphersuites", "show-pushes")
_REDIS_FLAGS = frozenset({"tls", "insecure", "raw", "no-raw", "no-auth-warning", "verbose",
                          "quoted-input", "resp2", "resp3", "askpass", *_REDIS_VALUES})


def _redis(u: _Use) -> _Say | None:
    o = _options(u.args, "hpsaunridDt", _REDIS_VALUES)
    if u.fed or o.unknown or o.positional or o.after or o.has("v"):
        return None
    if any(k not in _REDIS_FLAGS for k in o.longs):  # a mode: --scan, --stat, --latency ...
        return None
    return (f"'redis-cli' without a command {_SESSION}", False,
            "redis-cli COMMAND, such as redis-cli PING", None)


def _mongo(u: _Use) -> _Say | None:
    o = _options(u.args, "uf", ("host", "port", "username", "authenticationDatabase",
                                "authenticationMechanism", "eval", "file", "tlsCAFile",
                                "tlsCertificateKeyFile", "apiVersion"))
    if u.fed or o.unknown or o.has("fh", ("eval", "file", "version", "help")) or any(
            _t(p).endswith(".js") for p in o.positional):
        return None
    return (f"'{u.name}' without --eval or a script {_SESSION}", False,
            f"{u.name} --eval 'CODE', or {u.name} FILE.js", None)


_SSH_VALUES = WRAPPERS["ssh"].values


def _ssh_tty(o: Options) -> _Say | None:
    if "t" in o.letters and not o.has("T"):
        return (f"'ssh {o.word('t', '')}' gives the remote command the terminal", False,
                "ssh HOST COMMAND without -t, and a remote command that asks nothing, such as "
                "sudo -n", None)
    return None


def _ssh(u: _Use) -> _Say | None:
    o = _options(u.args, _SSH_VALUES, stop=True)
    targets = o.positional + o.after
    say = _ssh_tty(o)
    if say is not None:
        return say
    if u.fed or o.unknown or len(targets) != 1 or o.has("NTVGfOQW"):
        return None
    return ("'ssh HOST' without a remote command opens a remote shell on the terminal", False,
            "ssh HOST COMMAND, or ssh -N for a tunnel", None)


def _remote_sudo(name: str, args: Sequence[Word], fed: bool) -> _Say | None:
    """``ssh HOST sudo ...`` without ``-t``: the remote sudo has no terminal to ask its password
    on. Reported under the name ``sudo`` (or ``doas``), which ``ignore_commands`` may name."""
    say = _sudo(name, args, fed)
    if say is None or not say[1]:  # it asks for no password
        return None
    return (f"'{name}' on the remote host may ask for a password", True,
            f"{name} -n on the remote host; with `{{interactive}}`, give ssh -t as well, so "
            f"that {name} gets the terminal", None)


def _sqlite(u: _Use) -> _Say | None:
    o = _options(u.args, "", ("cmd", "init", "separator", "newline", "nullvalue", "escape",
                              "maxsize", "mmap", "vfs"), single=True)
    if u.fed or o.unknown or len(o.positional) >= 2 or o.has(longs=("batch", "version",
                                                                    "help", "A")):
        return None
    return (f"'sqlite3' without SQL {_SESSION}", False, "sqlite3 DB 'SQL', or sqlite3 DB < FILE",
            None)


_TF_VALUES = ("var", "var-file", "target", "replace", "parallelism", "state", "state-out",
              "backup", "lock-timeout", "terragrunt-working-dir", "working-dir",
              "terragrunt-config", "config")


def _terraform(u: _Use) -> _Say | None:
    o = _options(u.args, "", _TF_VALUES, single=True)
    pos = [_t(p) for p in o.positional]
    n = u.name
    if n == "terragrunt":
        while pos and pos[0] in ("run-all", "run"):
            pos = pos[1:]
    if not pos or pos[0] not in ("apply", "destroy") or o.unknown or u.fed:
        return None
    sub = pos[0]
    if "auto-approve" in o.longs and (o.longs["auto-approve"] or "true").lower() not in (
            "false", "0"):
        return None
    if (o.longs.get("input") or "").lower() in ("false", "0") or (
            n == "terragrunt" and o.has(longs=("terragrunt-non-interactive", "non-interactive"))):
        return None
    destroy = sub == "destroy" or "destroy" in o.longs
    if not destroy and len(pos) > 1:
        return None  # a saved plan: applied without a question
    if destroy:
        return (f"'{n} {sub}{' -destroy' if sub == 'apply' else ''}' waits for 'yes'", True,
                f"{n} {sub} -auto-approve{' -destroy' if sub == 'apply' else ''}", sub)
    return (f"'{n} apply' waits for 'yes'", True,
            f"{n} apply PLANFILE, a plan saved by '{n} plan -out' and reviewed, or "
            "-auto-approve", sub)


_EDITORS = frozenset({"vi", "vim", "nvim", "view", "vimdiff", "nano", "pico", "emacs", "micro",
                      "mcedit", "joe", "sudoedit"})
_EDIT_HINT = "sed -i, or tee with a here-document, to change a file"


def _editor(u: _Use) -> _Say | None:
    o = _options(u.args)
    words = {_t(t) for t in u.args}
    if o.has(longs=("version", "help")):
        return None
    if u.name in ("vi", "vim", "nvim", "view", "vimdiff"):
        if (o.has("eE") and o.has("s")) or o.has("h", ("headless",)):
            return None
    elif u.name == "emacs":
        if words & {"-batch", "--batch", "-script", "--script"}:
            return None
    elif o.has("Vh"):
        return None
    return (f"'{u.name}' opens an editor on the terminal", False, _EDIT_HINT, None)


#: Full-screen tools: options that make them print and exit, and what to run instead.
_SCREENS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "top": ("bl", ("batch",), "top -b -n 1"),
    "htop": ("", (), "top -b -n 1, or ps"),
    "btop": ("", (), "top -b -n 1, or ps"),
    "iotop": ("b", ("batch",), "iotop -b -n 1"),
    "iftop": ("t", (), "iftop -t -s 10"),
    "nethogs": ("t", (), "nethogs -t -c 5"),
    "ncdu": ("o", (), "du -xh --max-depth=2 | sort -rh"),
    "k9s": ("", (), "kubectl get"),
    "tig": ("", (), "git log"),
    "watch": ("", (), "the command once, or its own follow option, such as kubectl get -w, "
                      "in a `{watch}` block"),
    "less": ("", (), "no pager: runwright run shows the whole output"),
    "more": ("", (), "no pager: runwright run shows the whole output"),
    "most": ("", (), "no pager: runwright run shows the whole output"),
}
_PAGERS = frozenset({"less", "more", "most"})


def _screen(u: _Use) -> _Say | None:
    batch, batch_longs, hint = _SCREENS[u.name]
    o = _options(u.args, "dnpuUoOwEe" if u.name == "top" else "")
    if o.has(batch, (*batch_longs, "version", "help")):
        return None
    if u.args and _t(u.args[0]) in ("-h", "-v", "-V", "version", "info", "help", "completion"):
        return None
    what = "pages its output on the terminal" if u.name in _PAGERS else \
        "redraws the terminal" if u.name == "watch" else "draws a full screen on the terminal"
    return (f"'{u.name}' {what}", False, hint, None)


def _crontab(u: _Use) -> _Say | None:
    if not _options(u.args, "u").has("e") or u.env & _EDITOR_VARS:
        return None
    return ("'crontab -e' opens an editor on the terminal", False,
            "crontab FILE, with the whole new table",
            None)


def _visudo(u: _Use) -> _Say | None:
    o = _options(u.args, "fx", ("file", "export"))
    if u.env & (_EDITOR_VARS | {"SUDO_EDITOR"}) or o.has("cVhx", ("check", "version", "help",
                                                                  "export")):
        return None
    if u.name == "visudo":
        return ("'visudo' opens an editor on the terminal", False,
                "a file in /etc/sudoers.d, checked with visudo -cf FILE", None)
    return (f"'{u.name}' opens an editor on the terminal", False, "usermod or groupmod", None)


def _passwd(u: _Use) -> _Say | None:
    o = _options(u.args, "nxwirRP", ("mindays", "maxdays", "warndays", "inactive", "repository",
                                    "root", "prefix"))
    if o.unknown or o.has("ludeSnxwiha", ("stdin", "lock", "unlock", "delete", "expire",
                                          "status", "mindays", "maxdays", "warndays",
                                          "inactive", "help", "all")):
        return None
    return ("'passwd' asks for the new password", True,
            "chpasswd, reading USER:PASSWORD from a protected file", None)


_GIT_PATCH = frozenset({"add", "checkout", "reset", "restore", "stash", "commit"})


def _git(u: _Use) -> _Say | None:
    o = _options(u.args, "Cc", ("git-dir", "work-tree", "namespace"), stop=True)
    if not o.positional:
        return None
    sub = _t(o.positional[0])
    before = u.args[:_index(u.args, o.positional[0])]
    editor = bool(u.env & (_EDITOR_VARS | {"GIT_EDITOR", "GIT_SEQUENCE_EDITOR"})) or any(
        "editor" in _t(t) for t in before)
    so = _options(o.positional[1:], "mFCctUO", ("message", "file", "reuse-message",
                                                "reedit-message", "template", "onto",
                                                "strategy", "exec"))
    if sub in _GIT_PATCH and so.has("p" if sub != "add" else "pi", ("patch", "interactive")):
        flag = next((_t(t) for t, k in zip(so.flags, so.keys, strict=True)
                     if k in ("--patch", "--interactive")
                     or (not k.startswith("--") and set(k) & set("pi"))), "-p")
        return (f"'git {sub} {flag}' asks about each change", True, f"git {sub} PATH", sub)
    if editor or so.unknown:
        return None
    if sub == "rebase" and so.has("i", ("interactive", "edit-todo")):
        flag = so.word("i", "--interactive")
        return (f"'git rebase {flag}' opens an editor on the terminal", False,
                f"git rebase without {flag}",
                sub)
    if sub == "commit" and not so.has("mFC?", ("message", "file", "reuse-message", "no-edit",
                                               "fixup", "dry-run", "help")):
        return ("'git commit' without -m opens an editor on the terminal", False,
                "git commit -m MESSAGE", sub)
    return None


def _systemctl(u: _Use) -> _Say | None:
    o = _options(u.args, "HMnopst", ("host", "machine", "lines", "output", "property",
                                     "signal", "type", "root"))
    if not o.positional or _t(o.positional[0]) != "edit" or o.has(longs=("stdin",)) or \
            u.env & (_EDITOR_VARS | {"SYSTEMD_EDITOR"}):
        return None
    return ("'systemctl edit' opens an editor on the terminal", False,
            "a drop-in file written with tee under /etc/systemd/system/UNIT.d/, then "
            "systemctl daemon-reload", "edit")


def _su(u: _Use) -> _Say | None:
    o = _options(u.args, "cgGsw", ("command", "session-command", "group", "supp-group", "shell",
                                   "whitelist-environment"))
    if o.unknown or o.has("hV", ("help", "version")):
        return None
    if not o.has("c", ("command", "session-command")):
        if u.fed:
            return None
        return ("'su' without -c opens a shell on the terminal", False,
                "sudo -u USER COMMAND, or su -c 'COMMAND' USER", None)
    if u.root:
        return None
    return ("'su' asks for a password", True, "sudo -n -u USER COMMAND", None)


_SHELLS = frozenset({"bash", "sh", "zsh", "ksh", "dash", "fish"})


def _shell(u: _Use) -> _Say | None:
    o = _options(u.args, "oO", ("rcfile", "init-file"))
    if u.fed or o.unknown or o.positional or o.after or o.has("c", ("version", "help")):
        return None
    return (f"'{u.name}' without a script or -c opens a shell on the terminal", False,
            "the commands themselves, in the block", None)


_PACKAGES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "apt-get": ("octa", ("option", "config-file", "target-release", "host-architecture"),
                frozenset({"install", "remove", "purge", "upgrade", "dist-upgrade",
                           "full-upgrade", "autoremove", "autopurge", "reinstall", "build-dep",
                           "satisfy"})),
    "yum": ("cdexR", ("config", "exclude", "setopt", "releasever"),
            frozenset({"install", "remove", "erase", "update", "upgrade", "downgrade",
                       "reinstall", "autoremove", "distro-sync", "swap", "groupinstall",
                       "groupremove", "groupupdate", "localinstall"})),
}
_PACKAGES["apt"] = _PACKAGES["apt-get"]
_PACKAGES["dnf"] = _PACKAGES["yum"]


def _packages(u: _Use) -> _Say | None:
    values, long_values, prompting = _PACKAGES[u.name]
    o = _options(u.args, values, long_values)
    if u.fed or o.unknown or not o.positional or _t(o.positional[0]) not in prompting:
        return None
    sub = _t(o.positional[0])
    if o.has("ys", ("yes", "assume-yes", "force-yes", "assumeyes", "assumeno", "simulate",
                    "dry-run", "just-print", "no-act", "recon")) or o.letters.count("q") >= 2:
        return None
    if any("assume-yes=" in _t(t).lower() or "assumeyes=" in _t(t).lower() for t in u.args):
        return None
    return (f"'{u.name} {sub}' may ask for confirmation", True, f"{u.name} {sub} -y", sub)


def _xargs(u: _Use) -> _Say | None:
    spec = WRAPPERS["xargs"]
    o = _options(u.args, spec.values, spec.long_values, stop=True)
    if not o.has("p", ("interactive",)):
        return None
    return ("'xargs -p' asks before each command", True, "xargs without -p", None)


_DETECTORS: dict[str, Callable[[_Use], _Say | None]] = {
    "read": _read, "kubectl": _kubectl, "oc": _kubectl, "docker": _docker, "podman": _docker,
    "psql": _psql, "redis-cli": _redis, "mongosh": _mongo, "mongo": _mongo, "ssh": _ssh,
    "sqlite3": _sqlite, "terraform": _terraform, "tofu": _terraform, "terragrunt": _terraform,
    "crontab": _crontab, "visudo": _visudo, "vipw": _visudo, "vigr": _visudo,
    "passwd": _passwd, "git": _git, "systemctl": _systemctl, "su": _su,
}
_DETECTORS.update(dict.fromkeys(_EDITORS, _editor))
_DETECTORS.update(dict.fromkeys(_SCREENS, _screen))
_DETECTORS.update(dict.fromkeys(_SHELLS, _shell))
_DETECTORS.update(dict.fromkeys(_PACKAGES, _packages))
_DETECTORS.update(dict.fromkeys(MYSQL_TOOLS, _mysql))


_EDITOR_COMMAND = re.compile(r"^\$\{?(EDITOR|VISUAL)\b")
#: Some word a block must hold for any of the checks to find something (a quick first test).
_CANDIDATE = re.compile(
    r"(?<![\w.-])(?:" + "|".join(sorted((re.escape(k) for k in
                                         (*_DETECTORS, "sudo", "doas", "select", "xargs")),
                                        key=len, reverse=True)) + r")(?![\w-])"
    r"|\$\{?(?:EDITOR|VISUAL)\b")
#: Wrappers whose command gets no terminal from them and is not checked (``kubectl exec``
#: without ``-it`` gives it no input at all); ``bash -c`` and ``env -S`` are read like ``bash``.
_NOT_LOCAL = ("kubectl exec", "oc exec", "oc rsh", "docker exec", "podman exec",
              "docker compose exec", "podman compose exec")


@dataclass(frozen=True, slots=True)
class Hit:
    """A command that needs a terminal."""

    offset: int  # line index in the block
    column: int  # 0-based column of the command's name
    names: tuple[str, ...]  # what ignore_commands may name to leave it alone
    message: str


def _message(say: _Say) -> str:
    what, reads, hint, _sub = say
    return (f"{what}, {_READS if reads else _SHOWS}: mark the block `{{interactive}}`, or "
            f"make the command non-interactive ({hint})")


def _t(word: Word) -> str:
    """A word after quote removal (expansions kept as written)."""
    return word.value if word.value is not None else word.unquoted


def _options(args: Sequence[Word], values: str = "", long_values: Sequence[str] = (), *,
             optional: str = "", stop: bool = False, single: bool = False) -> Options:
    """A command's options (:func:`runwright.shell.options.scan`), an expansion that may hold
    options (``$PSQL_OPTS``, ``"$@"``) set aside as ``unknown``."""
    return scan(args, values, long_values, optional=optional, stop=stop, single=single,
                opaque=True)


def _stdin(redirects: Sequence[Redirect]) -> str | None:
    """What the last of these redirections of the standard input reads ("" when it is no file
    name: a here-document, ``<&3``), or None when none does."""
    found: str | None = None
    for r in redirects:
        if r.reads and r.fd in (None, 0):
            found = "" if r.target is None else _t(r.target)
    return found


def _fed(own: str | None, piped: bool, enclosing: Sequence[Redirect]) -> bool:
    """Whether the input is something other than the terminal: the command's own redirection,
    else a pipe, else the innermost compound command's redirection (``done < FILE``)."""
    if own is not None:
        return own != "/dev/tty"
    if piped:
        return True
    for r in enclosing:
        around = _stdin((r,))
        if around is not None:
            return around != "/dev/tty"
    return False


def _sudo_hits(first: Word, name: str, args: Sequence[Word], fed: bool,
               remote: bool) -> list[tuple[Word, str, _Say]]:
    """What a sudo (or doas) needs, here or on the remote host ssh runs it on."""
    if remote:
        say = _remote_sudo(name, args, fed)
        return [] if say is None else [(first, name, say)]
    say = _sudo(name, args, fed)
    if say is None:
        return []
    if say[3] == "-e":  # sudoedit: an editor, whatever sudo asks
        return [(first, "sudoedit", (*say[:3], None))]
    return [(first, name, say)]


def _command(cmd: Command) -> list[tuple[Word, str, _Say]]:
    """What in one simple command needs a terminal, its wrappers (``sudo``, ``ssh``, ``xargs``,
    ``watch`` ...) included: (name word, name, finding), outermost first."""
    out: list[tuple[Word, str, _Say]] = []
    stdin = _stdin(cmd.redirects)
    fed = _fed(stdin, cmd.piped, cmd.enclosing)
    env = frozenset(a.name for a in cmd.assignments)
    root = remote = False
    chain = cmd.wrappers
    for k, wrapper in enumerate(chain):
        name, first = wrapper.name, wrapper.words[0]
        # the wrapper's own words, and the name of what it runs (its command follows)
        following = chain[k + 1].words[:1] if k + 1 < len(chain) else cmd.words[:1]
        args = (*wrapper.words[1:], *following)
        if name in ("sudo", "doas"):
            out.extend(_sudo_hits(first, name, args, fed, remote))
            if remote:
                return out
            root = True
        elif remote:
            continue  # on the remote host only sudo is checked: it has no terminal there
        elif name == "ssh":
            say = _ssh_tty(_options(wrapper.words[1:], _SSH_VALUES, stop=True))
            if say is not None:  # the remote command has the terminal
                out.append((first, name, say))
                return out
            remote = True
        elif name == "xargs":
            use = _Use(name, args, fed, env, root, stdin)
            say = _xargs(use)
            if say is not None:
                out.append((first, name, say))
            spec = WRAPPERS["xargs"]
            fed = not _options(args, spec.values, spec.long_values, stop=True).has(
                "o", ("open-tty",))  # xargs gives the command /dev/null
        elif name == "watch":
            say = _screen(_Use(name, tuple(wrapper.words[1:]), fed, env, root, stdin))
            if say is not None:
                out.append((first, name, say))
            return out
        elif name in _NOT_LOCAL:
            base, _sub = name.split(" ", 1)
            detector = _DETECTORS[base]
            say = detector(_Use(base, args, fed, env, root, stdin))
            if say is not None:
                out.append((first, base, say))
            return out
        elif wrapper.shell:  # bash -c, env -S: a string the wrapper reads as shell
            return out
    if not cmd.words:
        return out
    first = cmd.words[0]
    if first.value is None:
        m = _EDITOR_COMMAND.match(first.unquoted)
        if m and not remote:
            name = f"${m.group(1)}"
            out.append((first, name, (f"'{name}' opens an editor on the terminal", False,
                                      _EDIT_HINT, None)))
        return out
    name = cmd.name or ""
    args = cmd.args
    if name in ("sudo", "doas"):  # a sudo that runs no command: sudo -v, sudo -i, sudo -e
        return [*out, *_sudo_hits(first, name, args, fed, remote)]
    if remote:
        return out
    found = _DETECTORS.get(name)
    if found is not None:
        say = found(_Use(name, args, fed, env, root, stdin))
        if say is not None:
            out.append((first, name, say))
    return out


def needs_terminal(code: str) -> list[Hit]:
    """Every command of a shell block that needs a terminal, in order."""
    return list(_needs_terminal(code))  # a new list: callers may change it


@lru_cache(maxsize=4096)
def _needs_terminal(code: str) -> tuple[Hit, ...]:
    if not _CANDIDATE.search(code):
        return ()
    # prompts blanked, a transcript's output dropped, <placeholders> read as words (columns kept)
    script = parse(ANGLE.sub(lambda m: "_" * len(m.group(0)),
                             without_prompts(code, any_prompt=True)))
    hits: list[tuple[int, int, Hit]] = []
    for cmd in script.commands:
        for word, name, say in _command(cmd):
            names = (name, f"{name} {say[3]}") if say[3] else (name,)
            hits.append((word.line, word.column,
                         Hit(word.line - 1, word.column, names, _message(say))))
    for loop in script.selects:
        if not _fed(None, loop.piped, loop.enclosing):
            say = ("'select' waits for a choice typed at the terminal", True,
                   "a variable declared in the front matter 'variables:' with its 'choices:'",
                   None)
            hits.append((loop.line, loop.column,
                         Hit(loop.line - 1, loop.column, ("select",), _message(say))))
    hits.sort(key=lambda h: (h[0], h[1]))
    # one finding a word: ``ssh -t HOST 'a; b'`` runs two remote commands under one ssh
    return tuple({(line, column): h for line, column, h in reversed(hits)}.values())[::-1]


class NeedsTerminal(Rule):
    id = "RW409"
    name = "needs-terminal"
    severity = "warning"
    summary = "Commands that read the terminal (sudo, read, psql, kubectl exec -it ...) are " \
              "marked {interactive}."
    options = MappingProxyType({"ignore_commands": []})

    def check(self, ctx: LintContext) -> None:
        ignore = frozenset(" ".join(str(c).split()) for c in ctx.option("ignore_commands") or ())
        for block in ctx.runbook.code_blocks:
            if not block.is_shell or block.flag("interactive") or block.flag("manual"):
                continue
            for hit in needs_terminal(block.code):
                if ignore and any(n in ignore for n in hit.names):
                    continue
                ctx.report(block.first_code_line + hit.offset, hit.message,
                           column=block.indent + hit.column + 1)
                break
