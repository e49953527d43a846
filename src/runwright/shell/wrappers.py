"""Commands that run another command, and how to find the command they run.

Most wrappers take options and then the command as its own words (``sudo``, ``timeout``,
``xargs``, ``kubectl exec POD --``, ``docker exec CONTAINER``). Some run a string as shell:
``bash -c``/``sh -c``/``zsh -c`` (the string), ``ssh HOST`` and ``watch`` (the rest of their
words joined with spaces, as they do), ``env -S``. :func:`peel` takes one wrapper off a
command's words; the parser calls it until what is left is no wrapper.

The table is data: short options that take a value, long options that take the next word,
how many words come before the command (``timeout DURATION``, ``ssh HOST``), and the options
with which the wrapper runs no command at all (``sudo -l``, ``command -v``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from runwright.shell.model import Word
from runwright.shell.options import Options, scan


@dataclass(frozen=True, slots=True)
class Spec:
    values: str = ""  # short options that take a value
    long_values: tuple[str, ...] = ()  # long options that take the next word
    before: int = 0  # positional words before the command
    joined: bool = False  # the command is its words joined with spaces, read as shell
    no_command: str = ""  # short options with which it runs no command
    no_command_longs: tuple[str, ...] = ()
    assignments: bool = False  # NAME=VALUE words before the command are the command's
    default: tuple[str, ...] = ()  # the command run when none is given (xargs: echo)


_SHELL = Spec("oO", ("rcfile", "init-file"))

#: Wrappers by command name. ``kubectl``/``oc``, ``docker``/``podman`` and the shells are read
#: by their own functions below (a subcommand or ``-c`` decides).
WRAPPERS: dict[str, Spec] = {
    "env": Spec("uCS", ("unset", "chdir", "split-string"), assignments=True),
    "time": Spec("fo", ("format", "output")),
    "nice": Spec("n", ("adjustment",)),
    "ionice": Spec("cnpPu", ("class", "classdata", "pid", "pgid", "uid"), no_command="pPu",
                   no_command_longs=("pid", "pgid", "uid")),
    "nohup": Spec(),
    "stdbuf": Spec("ioe", ("input", "output", "error")),
    "timeout": Spec("sk", ("signal", "kill-after"), before=1),
    "sudo": Spec("CDghpRrTtUu", ("user", "group", "close-from", "chdir", "host", "prompt",
                                 "chroot", "role", "type", "other-user", "command-timeout"),
                 no_command="elvVhK", no_command_longs=("edit", "list", "validate", "version",
                                                        "help", "remove-timestamp"),
                 assignments=True),
    "doas": Spec("uC", no_command="C"),
    "xargs": Spec("aEILnPsd", ("arg-file", "delimiter", "eof", "replace", "max-lines",
                               "max-args", "max-procs", "max-chars", "process-slot-var"),
                  default=("echo",)),
    "ssh": Spec("BbcDEeFIiJLlmOoPpQRSWw", before=1, joined=True, no_command="NVGQ"),
    "watch": Spec("nq", ("interval", "equexit"), joined=True),
    "command": Spec(no_command="vV"),
    "exec": Spec("a"),
    "builtin": Spec(),
}
SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh"})
#: The wrappers that run a command only through a subcommand.
_SUBCOMMANDS = {"kubectl": ("exec",), "oc": ("exec", "rsh"), "docker": ("exec",),
                "podman": ("exec",), "docker-compose": ("exec",), "podman-compose": ("exec",)}
_NAMES = frozenset({*WRAPPERS, *SHELLS, *_SUBCOMMANDS})

#: A sudo option word with a value option followed by plain flags ("-un"): meant as "-u -n".
_SUDO_SPLIT = re.compile(r"^-[AbEeHhiKklnPSsVv]*[CDghpRrTtUu][AbEeHhiKklnPSsVv]+$")

_KUBE_GLOBAL = ("namespace", "context", "kubeconfig", "cluster", "user", "server", "token", "as",
                "as-group", "as-uid", "request-timeout", "cache-dir", "certificate-authority",
                "client-certificate", "client-key", "tls-server-name", "profile",
                "profile-output", "log-file", "password", "username", "v")
_KUBE_EXEC = ("container", "filename", "pod-running-timeout", "namespace", "context",
              "selector")
_DOCKER_GLOBAL = ("config", "context", "host", "log-level", "tlscacert", "tlscert", "tlskey",
                  "connection", "url", "identity", "root", "runroot")
_DOCKER_EXEC = ("env", "env-file", "user", "workdir", "detach-keys")
_COMPOSE_GLOBAL = ("file", "project-name", "profile", "project-directory", "env-file",
                   "ansi", "parallel", "progress")
_COMPOSE_EXEC = ("env", "user", "workdir", "index")


@dataclass(slots=True)
class Peeled:
    """One wrapper taken off: its name and words, and what it runs."""

    name: str
    own: list[Word]  # the wrapper's words
    argv: list[Word] = field(default_factory=list)  # the command it runs, as words
    assignments: list[Word] = field(default_factory=list)  # NAME=VALUE words it was given
    script: list[Word] | None = None  # words whose joined value is read as shell again
    default: tuple[str, ...] = ()  # the command it runs when argv is empty


def _value(word: Word) -> str:
    return word.value if word.value is not None else word.unquoted


def peel(words: Sequence[Word]) -> Peeled | None:
    """Take the outermost wrapper off ``words`` (a command name first), or None when the
    command is no wrapper or runs no command."""
    if not words or words[0].value is None:
        return None
    name = words[0].value.rsplit("/", 1)[-1]
    if name not in _NAMES:
        return None
    args = list(words[1:])
    if name in _SUBCOMMANDS and not any(w.value in _SUBCOMMANDS[name] for w in args):
        return None  # no "exec" among its words: it runs nothing else
    if name in SHELLS:
        return _shell(name, words[0], args)
    if name in ("kubectl", "oc"):
        return _kube(name, words[0], args)
    if name in ("docker", "podman", "docker-compose", "podman-compose"):
        return _docker(name, words[0], args)
    spec = WRAPPERS.get(name)
    if spec is None:
        return None
    if name == "sudo":  # its own option words only, not those of the command it runs
        k = 0
        while k < len(args) and (args[k].value or "").startswith("-") and args[k].value != "--":
            if _SUDO_SPLIT.match(args[k].value or ""):
                args[k] = _split_sudo(args[k])
            k += 1 + (k + 1 < len(args) and _takes_value(args[k].value or ""))
    o = scan(args, spec.values, spec.long_values, stop=True)
    if o.has(spec.no_command, spec.no_command_longs):
        return None
    if name == "command" and o.positional[:1] and o.positional[0].value in ("-v", "-V"):
        return None
    rest = _rest(args, o)
    own = [words[0], *args[:len(args) - len(rest)]]
    if name == "env" and o.value("S", "split-string") is not None:
        return Peeled("env", own, script=[_option_word(args, o, "S", "split-string"), *rest])
    assignments: list[Word] = []
    if spec.assignments:
        while rest and _ASSIGNMENT.match(_value(rest[0])):
            assignments.append(rest.pop(0))
    if len(rest) < spec.before:
        return None
    own.extend(rest[:spec.before])
    rest = rest[spec.before:]
    if name == "watch" and o.has("x", ("exec",)):
        return Peeled(name, own, argv=rest)
    if spec.joined:
        return Peeled(name, own, script=rest) if rest else None
    if not rest and not spec.default:
        return None
    return Peeled(name, own, argv=rest, assignments=assignments, default=spec.default)


_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*(?:\[[^\]]*\])?\+?=")


def _rest(args: list[Word], o: Options) -> list[Word]:
    """The words from the first positional one (after a ``--``)."""
    if o.after and not o.positional:
        return list(o.after)
    if o.first_positional is None:
        return []
    return args[o.first_positional:]


def _option_word(args: list[Word], o: Options, letter: str, long: str) -> Word:
    """A word holding the value of ``-S VALUE`` (``env -S``)."""
    value = o.value(letter, long) or ""
    for w in args:
        if w.value is not None and w.value.endswith(value):
            return Word(w.text, value, value, w.line, w.column, w.quoted)
    return Word(value, value, value, args[0].line, args[0].column, False)


def _takes_value(option: str) -> bool:
    """Whether a sudo option word ends with a letter whose value is the next word (``-u``)."""
    if option.startswith("--"):
        return "=" not in option and option[2:] in WRAPPERS["sudo"].long_values
    return option[-1:] in WRAPPERS["sudo"].values and not _SUDO_SPLIT.match(option)


def _split_sudo(w: Word) -> Word:
    """``-un`` read as ``-nu``: the value letter last, so that the next word is its value."""
    assert w.value is not None
    body = w.value[1:]
    letter = next(c for c in body if c in "CDghpRrTtUu")
    value = "-" + body.replace(letter, "", 1) + letter
    return Word(w.text, value, value, w.line, w.column, w.quoted)


def _shell(name: str, first: Word, args: list[Word]) -> Peeled | None:
    """``bash [options] -c STRING [NAME ARGS...]``."""
    o = scan(args, _SHELL.values, _SHELL.long_values)
    if "c" not in o.letters or not o.positional:
        return None
    string = o.positional[0]
    k = args.index(string)
    return Peeled(f"{name} -c", [first, *args[:k]], script=[string])


def _kube(name: str, first: Word, args: list[Word]) -> Peeled | None:
    """``kubectl [global options] exec [options] POD [--] COMMAND...``, ``oc rsh POD CMD``."""
    o = scan(args, "nsv", _KUBE_GLOBAL, stop=True)
    if not o.positional or o.positional[0].value not in ("exec", "rsh"):
        return None
    sub = o.positional[0].value
    if sub == "rsh" and name != "oc":
        return None
    after_sub = o.positional[1:]
    so = scan(after_sub, "cfn", _KUBE_EXEC)
    if so.after:
        argv = so.after
        pod_and_opts = after_sub[:len(after_sub) - len(so.after) - 1]
    elif len(so.positional) > 1:  # the old form, without "--"
        argv = after_sub[after_sub.index(so.positional[1]):]
        pod_and_opts = after_sub[:after_sub.index(so.positional[1])]
    else:
        return None
    own = [first, *args[:len(args) - len(after_sub)], *pod_and_opts]
    return Peeled(f"{name} {sub}", own, argv=list(argv))


def _docker(name: str, first: Word, args: list[Word]) -> Peeled | None:
    """``docker [global] [container] exec [options] CONTAINER COMMAND...`` and
    ``docker compose [global] exec [options] SERVICE COMMAND...`` (podman alike)."""
    compose = name.endswith("-compose")
    base = name.split("-")[0]
    o = scan(args, "cHl", _DOCKER_GLOBAL, stop=True)
    pos = o.positional
    if not compose and pos[:1] and pos[0].value == "container":
        pos = pos[1:]
    elif not compose and pos[:1] and pos[0].value == "compose":
        compose = True
        pos = pos[1:]
    if compose:
        o = scan(pos if not name.endswith("-compose") else args, "fp", _COMPOSE_GLOBAL,
                 stop=True)
        pos = o.positional
    if not pos or pos[0].value != "exec":
        return None
    so = scan(pos[1:], "euw", _COMPOSE_EXEC if compose else _DOCKER_EXEC, stop=True)
    if len(so.positional) < 2:
        return None
    argv = so.positional[1:]
    own = list(words_until([first, *args], argv[0]))
    return Peeled(f"{base} compose exec" if compose else f"{base} exec", own, argv=list(argv))


def words_until(words: Sequence[Word], stop: Word) -> list[Word]:
    out: list[Word] = []
    for w in words:
        if w is stop:
            break
        out.append(w)
    return out
