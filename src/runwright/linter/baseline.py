"""The baseline: findings a repository already had, recorded so that only new ones are reported.

A finding is recorded by its **key**: the rule's ID, the file's path (relative to the folder
holding the baseline file, with ``/``) and the text of its line with the surrounding blanks
removed and every run of blanks made one space — not the line number, so that lines added or
removed elsewhere in the file do not bring old findings back. Each key has a **count**: two
identical lines with the same finding are two findings, and a third one is new.

Matching takes, for each key, at most its count of the current findings (the first ones in
file order) as known; the others are reported. Writing records the current findings of the
files linted, so a finding that was fixed leaves the baseline; entries of files that were not
linted in that run are kept while those files exist.

The file is JSON, sorted and indented so that a change to it reads well in review::

    {
      "findings": {
        "docs/runbooks/db-down.md": [
          {"count": 1, "name": "shell-prompt", "rule": "RW403", "text": "$ kubectl get pods"}
        ]
      },
      "tool": "runwright",
      "version": 1
    }

``name`` is for the reader; the key is ``rule``, the path and ``text``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from runwright.errors import InputError
from runwright.files import read_bytes, write_atomic
from runwright.linter.finding import Finding

VERSION = 1
#: (path relative to the baseline's folder, rule ID, normalised line text)
Key = tuple[str, str, str]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANKS = re.compile(r"\s+")


@dataclass
class Baseline:
    """Recorded findings: a count per key. Paths are relative to ``folder``."""

    folder: Path
    counts: Counter[Key] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)  # rule ID -> name, for the reader

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Filtered:
    """The findings a baseline lets through, and how many it held back as known."""

    findings: list[Finding]
    known: int


def normalise(line: str) -> str:
    """A line as the baseline records it: no blanks around it, one space for each run."""
    return _BLANKS.sub(" ", line).strip()


def relative(path: str, folder: Path) -> str:
    """The path of a finding's file relative to ``folder``, with ``/``."""
    try:
        rel = os.path.relpath(os.path.realpath(path), folder)
    except ValueError:  # another drive (Windows): keep the path as given
        rel = path
    return PurePath(rel).as_posix()


def _lines(path: str, cache: dict[str, list[str]]) -> list[str]:
    lines = cache.get(path)
    if lines is None:
        try:
            text = read_bytes(path, path).decode("utf-8", errors="replace")
        except InputError:
            text = ""
        lines = cache[path] = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    return lines


def keys(findings: Iterable[Finding], folder: Path) -> list[Key]:
    """The key of each finding, in order (each file is read once)."""
    texts: dict[str, list[str]] = {}
    rel: dict[str, str] = {}
    out = []
    for f in findings:
        lines = _lines(f.path, texts)
        text = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        where = rel.get(f.path)
        if where is None:
            where = rel[f.path] = relative(f.path, folder)
        out.append((where, f.rule, normalise(text)))
    return out


def apply(findings: Sequence[Finding], baseline: Baseline) -> Filtered:
    """The findings not recorded in ``baseline`` (per key, beyond its count)."""
    left = Counter(baseline.counts)
    kept = []
    known = 0
    for finding, key in zip(findings, keys(findings, baseline.folder), strict=True):
        if left[key] > 0:
            left[key] -= 1
            known += 1
        else:
            kept.append(finding)
    return Filtered(kept, known)


def record(findings: Sequence[Finding], folder: Path, linted: Iterable[str],
           previous: Baseline | None = None) -> Baseline:
    """A baseline of ``findings`` (of the files ``linted``), keeping the entries of
    ``previous`` for files not linted this time that still exist."""
    new = Baseline(folder)
    new.counts.update(keys(findings, folder))
    new.names.update((f.rule, f.name) for f in findings)
    if previous is not None:
        done = {relative(p, folder) for p in linted}
        exists: dict[str, bool] = {}
        for key, count in previous.counts.items():
            path = key[0]
            if path in done:
                continue
            if path not in exists:
                exists[path] = (folder / path).is_file()
            if exists[path]:
                new.counts[key] += count
                new.names.setdefault(key[1], previous.names.get(key[1], ""))
    return new


def dumps(baseline: Baseline) -> str:
    """The file's text: sorted keys and entries, two-space indent, a final newline."""
    by_path: dict[str, list[dict[str, object]]] = {}
    for (path, rule, text), count in sorted(baseline.counts.items()):
        if count > 0:
            by_path.setdefault(path, []).append(
                {"rule": rule, "name": baseline.names.get(rule, ""), "text": text,
                 "count": count})
    data = {"version": VERSION, "tool": "runwright", "findings": by_path}
    out = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: escape it
        out = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True) + "\n"
    return out


def write(path: Path, baseline: Baseline) -> None:
    """Write the baseline file atomically; :class:`InputError` when it cannot be written."""
    try:
        write_atomic(path, dumps(baseline).encode("utf-8"))
    except OSError as exc:
        raise InputError(f"baseline {path}: cannot write: {exc.strerror or exc}") from None


def _bad(path: Path, what: str) -> InputError:
    return InputError(f"baseline {path}: {what}",
                      hint=f"write it again with `runwright lint --write-baseline {path}`")


def load(path: Path) -> Baseline:
    """Read a baseline file; :class:`InputError` saying what is wrong with it."""
    try:
        data = read_bytes(path, str(path))
    except InputError as exc:
        if not path.exists() and not path.is_symlink():
            raise InputError(f"baseline {path}: no such file",
                             hint=f"record the current findings with "
                             f"`runwright lint --write-baseline {path}`") from None
        raise InputError(f"baseline {exc.message}") from None
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _bad(path, "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _bad(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: "
                   f"{exc.msg})") from None
    if not isinstance(raw, Mapping) or raw.get("tool") != "runwright" or "version" not in raw:
        raise _bad(path, "not a runwright baseline (no \"tool\": \"runwright\" and "
                   "\"version\")")
    if raw["version"] != VERSION:
        raise _bad(path, f"version {raw['version']!r} is not one this runwright reads "
                   f"(version {VERSION})")
    findings = raw.get("findings")
    if not isinstance(findings, Mapping):
        raise _bad(path, "\"findings\" must be an object of file paths")
    baseline = Baseline(path.resolve().parent)
    for file, entries in findings.items():
        if not isinstance(entries, list):
            raise _bad(path, f"findings of {file!r} must be a list")
        for i, entry in enumerate(entries):
            if not (isinstance(entry, Mapping) and isinstance(entry.get("rule"), str)
                    and isinstance(entry.get("text"), str)
                    and isinstance(entry.get("count"), int)
                    and not isinstance(entry.get("count"), bool) and entry["count"] > 0):
                raise _bad(path, f"entry {i + 1} of {file!r} needs \"rule\" and \"text\" "
                           "strings and a positive \"count\"")
            baseline.counts[(file, entry["rule"], normalise(entry["text"]))] += entry["count"]
            if isinstance(entry.get("name"), str):
                baseline.names[entry["rule"]] = entry["name"]
    return baseline
