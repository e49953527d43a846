"""The one shell model of runwright: a block of shell read once, the way bash reads it.

:func:`parse` reads a block (with the tree-sitter-bash grammar) into a frozen
:class:`~runwright.shell.model.Script`: every **simple command** anywhere in it (in pipelines,
``&&``/``||``/``;`` lists, subshells, ``{ }`` groups, ``if``/``for``/``while``/``case``,
functions, command and process substitutions, including those inside words and assignments),
in the order they are written. Each :class:`~runwright.shell.model.Command` has

- its **words** (:class:`~runwright.shell.model.Word`): the text as written, the value after
  quote removal when it holds no expansion (``value``; None when it does), the text with quotes
  removed and expansions kept (``unquoted``), whether some of it was quoted, and its 1-based
  ``line`` and 0-based ``column`` in the block (characters, not bytes);
- the **assignments** before it (``FOO=1 cmd``, and those given to ``env`` or ``sudo``);
- its **redirections** (operator, file descriptor, target word, and the
  :class:`~runwright.shell.model.HereDoc` body with whether its delimiter was quoted), and
  ``enclosing``: those of the compound commands around it (``while ...; done < FILE``);
- ``piped`` (its input is a pipe), ``within`` (the constructs around it), ``line``,
  ``column`` (of its name) and ``end_line``;
- its **wrappers**, taken off: ``env [-i] [VAR=x]``, ``time``, ``nice [-n N]``, ``ionice``,
  ``nohup``, ``stdbuf``, ``timeout [opts] DURATION``, ``sudo [opts] [-u user]``, ``doas``,
  ``xargs [opts]`` (``echo`` when it names no command), ``bash -c``/``sh -c``/``zsh -c``
  (the string parsed as shell again), ``ssh [opts] HOST CMD...`` (the remote words joined with
  spaces as ssh does, parsed as shell), ``kubectl exec [opts] POD -- CMD``, ``oc exec``,
  ``oc rsh``, ``docker exec [opts] CONTAINER CMD``, ``docker compose exec [opts] SERVICE CMD``,
  ``podman exec``, ``watch`` (its words parsed as shell, or as a command with ``-x``),
  ``command``, ``exec``, ``builtin``. ``sudo cat /etc/hosts`` is the command ``cat`` with
  ``wrappers[0].name == "sudo"``; ``ssh db1 'rm -rf /x; ls'`` is two commands, each under
  ``ssh``. A wrapper that runs nothing (``sudo -l``, ``ssh HOST`` alone, ``command -v``) is
  the command itself. The table of wrappers is data in :mod:`runwright.shell.wrappers`.

The script also holds the **comments**, the **here-documents**, the ``select`` loops (which
read a choice from their input), the names of the functions the block defines, and the
**syntax errors** (``errors``: line, column, message): a block the grammar cannot read
completely is still walked, and never raises.

Nothing here runs a shell. Results are cached per block content (``parse`` is called by
several rules and the runner on the same block). :mod:`runwright.shell.options` reads a
command's options from its words, for the policies that look at them (lint rules, the
read-only judgement of ``runwright test``).

Reading a typical six-line runbook block takes about 0.35 ms on a 2-core machine, of which
tree-sitter's own parse is about 47 µs (``benchmarks/shell_parse.py`` measures both); the
cache makes every later read of the same block free.
"""

from __future__ import annotations

from functools import lru_cache

from runwright.shell._tree import walk
from runwright.shell.model import (
    Assignment,
    Command,
    Comment,
    Expansion,
    HereDoc,
    Redirect,
    Script,
    Select,
    SyntaxProblem,
    Word,
    Wrapper,
)

__all__ = ["Assignment", "Command", "Comment", "Expansion", "HereDoc", "Redirect", "Script",
           "Select", "SyntaxProblem", "Word", "Wrapper", "commands", "parse"]


@lru_cache(maxsize=4096)
def parse(code: str) -> Script:
    """The block read as shell (cached per content)."""
    return walk(code)


def commands(code: str) -> tuple[Command, ...]:
    """The simple commands of a block, wrappers taken off (``parse(code).commands``)."""
    return parse(code).commands
