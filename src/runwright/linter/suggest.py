"""``runwright lint --suggest-config``: a configuration that fits a repository as it is.

For a person to review before a first commit of ``runwright.toml``. Every file is parsed once
and linted under the current configuration, then under each candidate change; a change is
kept only when it silences findings. Candidates, in this order (each one judged, and counted,
on top of the ones before it):

1. ``paths``: the folders given on the command line, when they are not the configured ones;
2. a **rule option** with a fixed set of values (such as how heading anchors are made, the
   link style of the site generator): the value that silences most of that rule's findings;
3. a **profile** for the whole repository, then for each folder (with its subfolders), when
   ``auto`` gives one profile to at least :data:`PROFILE_SHARE` of its files (at least
   :data:`MIN_FILES` of them): the outliers get it too;
4. a **rule turned off**, for the whole repository, else for each folder, when it fires on
   more than half of its files (at least :data:`MIN_FILES`): the repository's conventions
   contradict it. The content-safety rules (:data:`NEVER_SUGGESTED`) are never turned off:
   what they report is worth fixing whatever the convention.

Each line says, as a TOML comment, how many findings it silences; the header says how many
there are before and after. Keys of an existing configuration are kept (its comments are not).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from runwright.config import Config, validate
from runwright.errors import InputError
from runwright.linter import registry
from runwright.linter.settings import ENGINE_IDS, Settings, thaw
from runwright.profiles import CONTENT_SAFETY_RULES

if TYPE_CHECKING:
    from runwright.model import Runbook

#: A profile fits a folder when auto gives it to this share of the folder's files.
PROFILE_SHARE = 0.8
#: Folders (or repositories) with fewer files are too small to tell a convention.
MIN_FILES = 3
#: Rules whose findings are worth fixing whatever the house style: the content-safety rules
#: (the ones the ``generic`` profile runs) and the engine's own (parse problems and
#: unterminated fences, unused suppressions).
NEVER_SUGGESTED = frozenset(CONTENT_SAFETY_RULES) | ENGINE_IDS

#: A path of keys into the configuration data, for the comment that goes with it.
KeyPath = tuple[str | int, ...]


@dataclass
class _File:
    path: Path
    rel: str  # relative to the configuration root, with '/'
    runbook: Runbook


@dataclass
class Suggestion:
    """The suggested configuration: its data, a comment per new key, and the counts."""

    root: Path
    source: Path | None
    files: int
    before: int
    after: int
    data: dict[str, Any]
    comments: dict[KeyPath, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # comment lines for the header


def _folders(rel: str) -> list[str]:
    """Every folder a file is in, the top one first ('' is the root)."""
    parts = PurePosixPath(rel).parts[:-1]
    return ["", *("/".join(parts[:i]) for i in range(1, len(parts) + 1))]


def _glob(folder: str) -> str:
    """The override glob for a folder and its subfolders (glob characters in it escaped)."""
    return re.sub(r"([*?[])", r"[\1]", folder) + "/**"


class _Linter:
    """Lints the parsed files under a candidate configuration (data), counting findings."""

    def __init__(self, config: Config, files: Sequence[_File], today: dt.date) -> None:
        self.config, self.files, self.today = config, files, today

    def settings(self, data: Mapping[str, Any]) -> Settings:
        return Settings(Config(root=self.config.root, source=self.config.source,
                               data=validate(data, "suggested configuration")))

    def findings(self, data: Mapping[str, Any], members: Sequence[int] | None = None,
                 previous: Sequence[list[tuple[str, str]]] = ()
                 ) -> list[list[tuple[str, str]]]:
        """Per file, its findings as (rule, name); only the files ``members`` are linted
        again when given (a change to one folder), the others kept from ``previous``."""
        from runwright.linter.engine import run_rules

        settings = self.settings(data)
        out = list(previous) if members is not None else [[] for _ in self.files]
        for i in range(len(self.files)) if members is None else members:
            f = self.files[i]
            plan = settings.plan_for(f.runbook, f.rel, f.path)
            found = run_rules(f.runbook, plan, self.today, self.config.root, f.path)
            out[i] = [(x.rule, x.name) for x in found]
        return out

    def profiles(self, data: Mapping[str, Any]) -> list[str]:
        settings = self.settings(data)
        return [settings.plan_for(f.runbook, f.rel, f.path).profile.name for f in self.files]

    def house_notes(self) -> list[str]:
        """What the repository's markdownlint configurations turn off, as comment lines
        (runwright reads them by itself: nothing to add to its own configuration)."""
        settings = self.settings(self.config.data)
        groups: Counter[tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]] = Counter()
        for f in self.files:
            house = settings.house.for_file(f.path)
            if house.sources or house.unread:
                groups[(house.sources, house.off, house.unread)] += 1
        root = self.config.root

        def shown(paths: Sequence[str]) -> str:
            return " + ".join(os.path.relpath(p, root) for p in paths)

        lines = []
        for (sources, off, unread), n in sorted(groups.items(), key=lambda g: g[0][0]):
            where = f"{n} file{'' if n == 1 else 's'}"
            if sources:
                rules = ", ".join(f"{r} {cls.name}" for r in sorted(off)
                                  if (cls := registry.lookup(r)) is not None) \
                    or "none of runwright's rules"
                lines.append(f"# markdownlint configuration {shown(sources)} ({where}): it "
                             f"turns off {rules}; runwright follows it by itself.")
            if unread:
                lines.append(f"# {shown(unread)} ({where}): JavaScript, so not read; say here "
                             "what it turns off.")
        return lines


def _total(found: Sequence[Sequence[object]]) -> int:
    return sum(map(len, found))


def suggest(paths: Sequence[str], config: Config, today: dt.date,
            on_error: Callable[[InputError], None] | None = None) -> Suggestion:
    """The configuration suggested for the runbooks under ``paths``."""
    from runwright.discovery import iter_files
    from runwright.parser.load import load

    base = Settings(config)
    files = []
    for item in iter_files(paths, config.exclude):
        if isinstance(item, InputError):
            if on_error:
                on_error(item)
            continue
        try:
            runbook = load(item.path, item.display, max_size=config.max_file_size)
        except InputError as exc:
            if on_error:
                on_error(exc)
            continue
        files.append(_File(item.path, base.relative(item.path), runbook))
    linter = _Linter(config, files, today)
    data: dict[str, Any] = thaw(config.data)
    comments: dict[KeyPath, str] = {}
    found = linter.findings(data)
    before = _total(found)

    configured = [PurePosixPath(p).as_posix() for p in config.paths]
    given = sorted({base.relative(Path(p)) for p in paths})
    if given and given != sorted(configured):
        data["paths"] = given
        comments[("paths",)] = "the folders linted for this suggestion"

    by_folder: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(files):
        for folder in _folders(f.rel):
            by_folder[folder].append(i)
    top_down = sorted(by_folder, key=lambda f: (0 if not f else f.count("/") + 1, f))
    override_at: dict[str, int] = {}  # folder -> index of its new table in lint.overrides

    def change(folder: str, key: str, value: str) -> tuple[dict[str, Any], KeyPath]:
        """``data`` with one more line, and the key path of its comment (``key``: profile,
        ignore, or RULE.OPTION for a rule's option)."""
        candidate = thaw(data)
        if "." in key:
            rule, option = key.split(".", 1)
            rules = candidate.setdefault("lint", {}).setdefault("rules", {})
            rules.setdefault(rule, {})[option] = value
            return candidate, ("lint", "rules", rule, option)
        if not folder:
            if key == "profile":
                candidate["profile"] = value
                return candidate, ("profile",)
            candidate.setdefault("lint", {}).setdefault("ignore", []).append(value)
            return candidate, ("lint", "ignore", value)
        tables = candidate.setdefault("lint", {}).setdefault("overrides", [])
        index = override_at.get(folder)
        if index is None:
            tables.append({"files": [_glob(folder)]})
            index = len(tables) - 1
        if key == "profile":
            tables[index]["profile"] = value
            return candidate, ("lint", "overrides", index, "profile")
        tables[index].setdefault("ignore", []).append(value)
        return candidate, ("lint", "overrides", index, "ignore", value)

    def attempt(folder: str, key: str, value: str, reason: str, label: str = "") -> bool:
        """Keep one more line when it silences findings, with its comment."""
        nonlocal found, data
        candidate, where = change(folder, key, value)
        new = linter.findings(candidate, by_folder[folder] if folder else None, found)
        silenced = _total(found) - _total(new)
        if silenced <= 0:
            return False
        data, found = candidate, new
        comments[where] = f"{label}silences {silenced}: {reason}"
        if folder:
            override_at[folder] = int(where[2])
        return True

    def under(folder: str, decided: Iterable[str]) -> bool:
        return any(d == "" or folder == d or folder.startswith(f"{d}/") for d in decided)

    # 2. rule options that take one of a fixed set of values (how anchors are made, ...): the
    #    value that silences most of the rule's findings, when it is not the one in force
    for cls in registry.all_rules():
        for option, values in cls.choices.items():
            if not isinstance(cls.options.get(option), str) or not any(
                    r == cls.id for per_file in found for r, _n in per_file):
                continue  # one value of a set, not a subset of it (a list option)
            current = linter.settings(data).rules.get(cls.id, {}).get(
                option, cls.options.get(option))
            best: tuple[int, str] | None = None
            for value in values:
                if value == current:
                    continue
                candidate, _where = change("", f"{cls.id}.{option}", value)
                silenced = _total(found) - _total(linter.findings(candidate))
                if silenced > 0 and (best is None or silenced > best[0]):
                    best = (silenced, value)
            if best is not None:
                attempt("", f"{cls.id}.{option}", best[1],
                        f"{cls.name} with {option} = {best[1]!r} instead of {current!r}")

    # 3. profiles: the whole repository, then each folder, top down
    settled: set[str] = set()  # folders whose profile is decided (with their subfolders)
    for folder in top_down:
        members = by_folder[folder]
        if len(members) < MIN_FILES or under(folder, settled):
            continue
        names = linter.profiles(data)
        profile, n = Counter(names[i] for i in members).most_common(1)[0]
        if n == len(members) or n / len(members) < PROFILE_SHARE:
            continue
        where = f" under {folder}" if folder else ""
        if attempt(folder, "profile", profile,
                   f"auto gives '{profile}' to {n} of the {len(members)} files{where}"):
            settled.add(folder)

    # 4. rules the conventions contradict: the whole repository, then each folder, top down
    off: dict[str, set[str]] = defaultdict(set)  # folder -> rules turned off there
    for folder in top_down:
        members = by_folder[folder]
        if len(members) < MIN_FILES:
            continue
        rules = Counter((r, n) for i in members for r, n in found[i])
        for (rule, name), _count in rules.most_common():
            if rule in NEVER_SUGGESTED or any(rule in off[d] for d in off
                                              if under(folder, [d])):
                continue
            hit = sum(1 for i in members if any(r == rule for r, _n in found[i]))
            if hit * 2 <= len(members):
                continue
            where = f" under {folder}" if folder else ""
            if attempt(folder, "ignore", rule,
                       f"it fires on {hit} of the {len(members)} files{where}", f"{name}: "):
                off[folder].add(rule)
    return Suggestion(root=config.root, source=config.source, files=len(files), before=before,
                      after=_total(found), data=data, comments=comments,
                      notes=linter.house_notes())


# -- TOML ---------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(map(_is_table, value))


def _entries(table: Mapping[str, Any], path: KeyPath, comments: Mapping[KeyPath, str],
             out: list[str], inline: bool = False) -> None:
    """The key/value lines of one table (its sub-tables are written after it, or inline in
    an item of an array of tables)."""
    for key, value in table.items():
        if not inline and (_is_table(value) or _is_table_array(value)):
            continue
        here = (*path, key)
        comment = comments.get(here)
        items = [comments.get((*here, v)) for v in value] \
            if isinstance(value, list) and all(isinstance(v, str) for v in value) else []
        if any(items):
            out.append(f"{_key(key)} = [")
            for v, note in zip(value, items, strict=True):
                out.append(f"  {_value(v)},{f'  # {note}' if note else ''}")
            out.append("]")
        else:
            out.append(f"{_key(key)} = {_value(value)}{f'  # {comment}' if comment else ''}")


def _tables(table: Mapping[str, Any], path: KeyPath, names: tuple[str, ...],
            comments: Mapping[KeyPath, str], out: list[str]) -> None:
    for key, value in table.items():
        if _is_table(value):
            here = (*names, key)
            out += ["", f"[{'.'.join(map(_key, here))}]"]
            _entries(value, (*path, key), comments, out)
            _tables(value, (*path, key), here, comments, out)
        elif _is_table_array(value):
            here = (*names, key)
            for i, item in enumerate(value):
                out += ["", f"[[{'.'.join(map(_key, here))}]]"]
                # sub-tables of an array item are written inline: one header per item
                _entries(item, (*path, key, i), comments, out, inline=True)


def render(suggestion: Suggestion) -> str:
    """The suggested ``runwright.toml``, with its header and a comment on each new line."""
    s = suggestion
    source = os.path.relpath(s.source, s.root) if s.source else None
    head = [
        "# runwright.toml suggested by `runwright lint --suggest-config` for this repository",
        "# as it is: review every line before you commit it (a rule turned off is not",
        "# checked at all; a profile decides which sections are required).",
        f"# {s.files} file{'' if s.files == 1 else 's'}: {s.before} findings with the "
        f"{'configuration ' + source if source else 'default settings'}, {s.after} "
        f"with this one ({s.before - s.after} silenced).",
        "# Each count is what its line silences on top of the lines decided before it (rule",
        "# options, then profiles, then rules turned off): together they make the total.",
    ]
    if source is not None:
        head.append(f"# The keys of {source} are kept; its comments are not.")
    head += s.notes
    body: list[str] = []
    _entries(s.data, (), s.comments, body)
    _tables(s.data, (), (), s.comments, body)
    if not set(s.comments) - {("paths",)}:
        body.append("# Nothing to change: no rule fires on most files of a folder, and auto "
                    "picks one profile per folder already.")
    return "\n".join([*head, "", *body]).rstrip() + "\n"
