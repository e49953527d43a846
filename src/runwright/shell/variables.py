"""What a block does with variables, as the shell model reads it: the names it sets."""

from __future__ import annotations

import re

from runwright.shell.model import Script
from runwright.shell.options import scan

_NAME_OK = re.compile(r"^[A-Za-z_]\w*$")
#: Commands whose arguments name the variables they set (after their options).
_DECLARE = frozenset({"export", "local", "declare", "typeset", "readonly", "unset"})
#: Commands whose arguments after their options are the names they set, with the options
#: that take a value (``read -p PROMPT -t 5``, ``mapfile -d , -n 10``; ``mapfile -t`` does not).
_READ = {"read": "adinNptu", "mapfile": "dnOsuCc", "readarray": "dnOsuCc"}
#: Commands after which any name may be set: the rule stops at them.
_OPAQUE = frozenset({"source", ".", "eval"})


def assigned(script: Script) -> tuple[set[str], bool]:
    """Names a block sets, and whether it may set anything (``source``, ``eval``, ``set -a``)."""
    names = set(script.loop_variables)
    opaque = False
    for cmd in script.commands:
        names.update(a.name for a in cmd.assignments)
        name = cmd.name
        if name is None:
            continue
        args = [w.value or w.text for w in cmd.args]
        if (name in _OPAQUE and args) or (name == "set" and ("-a" in args
                                                             or "allexport" in args)):
            opaque = True
        elif name in _DECLARE:
            names.update(a.split("=", 1)[0] for a in args if not a.startswith(("-", "+")))
        elif name in _READ:
            o = scan(cmd.args, _READ[name])
            names.update(w.value for w in o.positional if w.value)
            names.add(o.values.get("a") or "")
        elif name == "getopts" and len(args) > 1:
            names.add(args[1])
        elif name == "printf":
            o = scan(cmd.args, "v")
            names.add(o.values.get("v") or "")
    return {n for n in names if _NAME_OK.match(n)}, opaque
