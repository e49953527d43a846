"""The rule registry: the engine rules plus the hand-written list in
:mod:`runwright.linter.rules`, and selection of rules by ID, name or ID prefix."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from runwright.errors import ConfigError
from runwright.linter.builtin import ENGINE_RULES
from runwright.linter.rule import Rule


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class, engine rules first, sorted by ID."""
    try:
        module = importlib.import_module("runwright.linter.rules")
    except ModuleNotFoundError as exc:
        if exc.name != "runwright.linter.rules":
            raise
        registered: tuple[type[Rule], ...] = ()
    else:
        registered = tuple(getattr(module, "ALL_RULES", ()))
    rules = (*ENGINE_RULES, *registered)
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                raise RuntimeError(f"rule {rule.__name__}: {key!r} is already used by "
                                   f"{seen[key]}")
            seen[key] = rule.__name__
    return tuple(sorted(rules, key=lambda r: r.id))


@functools.cache
def by_key() -> Mapping[str, type[Rule]]:
    """Rule classes by ID and by name."""
    table: dict[str, type[Rule]] = {}
    for rule in all_rules():
        table[rule.id] = rule
        table[rule.name] = rule
    return MappingProxyType(table)


def lookup(key: str) -> type[Rule] | None:
    """The rule with this ID (any case) or name, or None."""
    table = by_key()
    return table.get(key) or table.get(key.upper()) or table.get(key.lower())


def nearest(key: str) -> str | None:
    """The closest rule ID or name to a misspelt one."""
    import difflib  # here: only a misspelt rule pays for it

    near = difflib.get_close_matches(key, list(by_key()), n=1, cutoff=0.6)
    return near[0] if near else None


def expand(selectors: Iterable[str], where: str, strict: bool = True) -> set[str]:
    """Rule IDs matched by selectors: an ID, a name, an ID prefix (``RW4``) or ``ALL``.

    Raises :class:`ConfigError` (naming ``where`` and the nearest rule) for a selector that
    matches nothing, unless ``strict`` is false (then it is skipped).
    """
    out: set[str] = set()
    for raw in selectors:
        for token in (t.strip() for t in raw.split(",")):
            if not token:
                continue
            if token.upper() == "ALL":
                out.update(r.id for r in all_rules())
                continue
            rule = lookup(token)
            if rule is not None:
                out.add(rule.id)
                continue
            prefixed = {r.id for r in all_rules() if r.id.startswith(token.upper())}
            if token.upper().startswith("RW") and prefixed:
                out.update(prefixed)
                continue
            if not strict:
                continue
            near = nearest(token)
            raise ConfigError(f"{where}: unknown rule {token!r}",
                              hint=f"did you mean {near!r}?" if near else
                              "`runwright rules` lists them")
    return out


def documentation(rule: type[Rule]) -> str:
    """A rule's documentation: its class docstring, else its module's docstring (dedented)."""
    import inspect
    import sys

    doc = rule.__dict__.get("__doc__") or sys.modules[rule.__module__].__doc__ or ""
    return inspect.cleandoc(doc)


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """The ``## Heading`` sections of a rule's documentation (``""``: the text before them)."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    fence: str | None = None
    for line in documentation(rule).splitlines():
        stripped = line.strip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:4] if stripped.startswith("````") else stripped[:3]
        elif fence is not None and stripped.startswith(fence) and stripped.strip("`~") == "":
            fence = None
        elif fence is None and line.startswith("## "):
            current = line[3:].strip()
            out[current] = []
            continue
        out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def example(rule: type[Rule], heading: str) -> str | None:
    """The Markdown example in a rule's ``Fails`` or ``Passes`` section, unwrapped."""
    body = doc_sections(rule).get(heading)
    if not body:
        return None
    lines = body.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith(("````", "```"))), None)
    if start is None:
        return None
    fence = "````" if lines[start].startswith("````") else "```"
    end = next((i for i in range(len(lines) - 1, start, -1) if lines[i].strip() == fence), None)
    if end is None:
        return None
    return "\n".join(lines[start + 1:end]) + "\n"
