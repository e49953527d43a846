"""Resolving a runbook's declared variables: ``--var``, the environment, the default, a prompt.

Values are validated against the declared ``pattern`` (the whole value must match) or
``choices``. They reach commands only as environment variables, never by text substitution.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from runwright.errors import UsageError
from runwright.model import Runbook, Variable
from runwright.runner.environment import Environment
from runwright.runner.masking import SecretNames


def parse_var_options(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs from the command line."""
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError(f"--var {item!r}: expected NAME=VALUE",
                             hint="for example --var VERSION=v1.2.3")
        out[name] = value
    return out


def invalid(var: Variable, value: str) -> str | None:
    """Why ``value`` does not fit ``var`` (None when it does)."""
    if var.choices and value not in var.choices:
        return f"must be one of: {', '.join(var.choices)}"
    if var.pattern:
        try:
            if re.fullmatch(var.pattern, value) is None:
                return f"must match the pattern {var.pattern}"
        except re.error:
            return None
    return None


#: Whether a variable name holds a secret (:class:`~runwright.runner.masking.SecretNames`).
IsSecret = Callable[[str], bool]


def declared_secret(name: str) -> bool:
    """No name is secret but those a runbook declares so (the variable's own ``secret``)."""
    return False


def resolve(runbook: Runbook, given: Mapping[str, str], env: Environment | None,
            keep: Mapping[str, str] | None = None,
            environ: Mapping[str, str] | None = None,
            is_secret: IsSecret = declared_secret) -> dict[str, str]:
    """Every declared variable's value (plus extra ``--var`` names).

    ``keep`` holds values from an earlier run (``--resume``), used before anything else except
    ``--var``. Missing values are asked through ``env`` (secrets without echo); with no ``env``
    (unattended, dry run) a missing value is an error. A value from ``--var`` that does not fit is
    an error; one from elsewhere is asked again when possible. A variable is secret when it is
    declared so or when ``is_secret`` says its name is.
    """
    environ = os.environ if environ is None else environ

    def shown(var: Variable, value: str) -> str:
        return shown_value(var, value, is_secret)
    out = dict(given)
    lacking: list[tuple[Variable, str | None]] = []
    for var in runbook.variables:
        if var.name in given:
            problem = invalid(var, given[var.name])
            if problem:
                raise UsageError(f"--var {var.name}: {shown(var, given[var.name])} {problem}")
            continue
        value = None
        for source in (keep or {}, environ):
            if var.name in source:
                value = source[var.name]
                break
        if value is None:
            value = var.default
        if value is not None and invalid(var, value) is None:
            out[var.name] = value
        else:
            lacking.append((var, value))
    if lacking and env is None:
        plural = "s" if len(lacking) > 1 else ""
        raise UsageError(
            f"{len(lacking)} variable{plural} without a usable value:\n    "
            + "\n    ".join(_lacking(var, value, is_secret) for var, value in lacking),
            hint="pass " + " ".join(f"--var {var.name}=VALUE" for var, _ in lacking)
                 + " or set " + ("them" if plural else "it") + " in the environment")
    for done, (var, value) in enumerate(lacking):
        assert env is not None
        try:
            out[var.name] = ask(var, env, value, is_secret)
        except EOFError:
            env.say("Variables still without a value: " + "; ".join(
                _lacking(v, x, is_secret) for v, x in lacking[done:]), "warn")
            raise
    return out


def _lacking(var: Variable, value: str | None, is_secret: IsSecret) -> str:
    """``NAME (description): has no value`` for the error naming every lacking variable."""
    reason = (f"{shown_value(var, value, is_secret)} {invalid(var, value)}"
              if value is not None else "has no value")
    return var.name + (f" ({var.description})" if var.description else "") + f": {reason}"


def shown_value(var: Variable, value: str, is_secret: IsSecret = declared_secret) -> str:
    """A value as messages show it: quoted, or ``****`` for a secret variable."""
    return "****" if var.secret or is_secret(var.name) else repr(value)


def ask(var: Variable, env: Environment, rejected: str | None = None,
        is_secret: IsSecret = declared_secret) -> str:
    """Prompt until the operator gives a fitting value (EOFError when no answer can come)."""
    if rejected is not None:
        env.say(f"Variable {var.name}: {shown_value(var, rejected, is_secret)} "
                f"{invalid(var, rejected)}", "warn")
    hint = ""
    if var.choices:
        hint = f" [{'/'.join(var.choices)}]"
    elif var.pattern:
        hint = f" (pattern {var.pattern})"
    label = f"{var.name}{hint}" + (f" — {var.description}" if var.description else "") + ": "
    while True:
        secret = var.secret or is_secret(var.name)
        value = env.ask_secret(label) if secret else env.ask(label)
        problem = invalid(var, value)
        if problem is None and value != "":
            return value
        env.say(f"  {var.name} {problem or 'cannot be empty'}", "warn")


def secret_values(runbooks: Iterable[Runbook], given: Mapping[str, str], is_secret: IsSecret,
                  environ: Mapping[str, str] | None = None) -> list[str]:
    """The values that secret names take in any of ``runbooks`` (from ``--var``, the
    environment or a default), known before the first of them runs, so that each masks what
    any other would: the order in which runbooks run cannot change what is masked."""
    environ = os.environ if environ is None else environ
    values = [value for name, value in given.items() if is_secret(name)]
    for runbook in runbooks:
        for var in runbook.variables:
            if var.secret or is_secret(var.name):
                value = given.get(var.name, environ.get(var.name, var.default))
                if value:
                    values.append(value)
    return values


def session_secrets(runbooks: Sequence[Runbook], given: Mapping[str, str],
                    names: SecretNames) -> tuple[SecretNames, tuple[str, ...]]:
    """For a session of several runbooks: the secret names (``names`` and every name any of
    them declares secret) and the values they take in any of them."""
    names = names.declared(v.name for rb in runbooks for v in rb.variables if v.secret)
    return names, tuple(secret_values(runbooks, given, names))
