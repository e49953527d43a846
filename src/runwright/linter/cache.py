"""The lint cache: findings per file content, in SQLite under the state directory.

An entry's key is a digest of runwright's version and source, the effective configuration and
command-line selection, today's date (freshness and date rules depend on it), the file's path
and its exact bytes. An entry also records what its findings depend on outside the file (the
targets of its relative links, their presence and for files their size and mtime); a hit whose
dependencies changed is a miss. Entries of earlier days are pruned when a run ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runwright.linter.rule import Edit, Finding, Fix

if TYPE_CHECKING:
    from runwright.model import Runbook

CACHE_FILE = "lint-cache.sqlite"
_SCHEMA = ("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, day TEXT NOT NULL, "
           "deps TEXT NOT NULL, findings TEXT NOT NULL)")

Deps = list[tuple[str, str]]
#: Keys looked up per query (well under SQLite's limit on bound parameters).
BATCH = 500


def file_key(fingerprint: str, day: str, path: str | os.PathLike[str], display: str,
             data: bytes) -> str:
    """The cache key of one file (its absolute path is part of it).

    A file name that is not valid UTF-8 keeps its raw bytes (``surrogateescape``).
    """
    head = "\0".join((fingerprint, day, os.path.abspath(path), display, ""))
    h = hashlib.sha256(head.encode("utf-8", "surrogateescape"))
    h.update(data)
    return h.hexdigest()


def signature(path: str) -> str:
    """What a dependency looks like now: missing, a directory, or a file's size and mtime."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    if os.path.isdir(path):
        return "dir"
    return f"{st.st_size}:{st.st_mtime_ns}"


def link_deps(runbook: Runbook, file_path: Path, root: Path) -> Deps:
    """The link targets outside the file that link rules looked at, with their signature."""
    from urllib.parse import unquote

    out: dict[str, str] = {}
    for link in runbook.links:
        target = link.target.strip()
        if not target or target.startswith(("#", "mailto:", "tel:")) or "://" in target:
            continue
        target = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not target:
            continue
        base = root if target.startswith("/") else file_path.parent
        full = os.path.normpath(os.path.join(base, target.lstrip("/")))
        out[full] = signature(full)
    return sorted(out.items())


def _encode(findings: Sequence[Finding]) -> str:
    rows: list[Any] = []
    for f in findings:
        fix = None if f.fix is None else [
            f.fix.description, [[e.start, e.end, list(e.lines)] for e in f.fix.edits]]
        rows.append([f.path, f.line, f.column, f.rule, f.name, f.severity, f.message, fix])
    return json.dumps(rows)  # ASCII: a file name that is not UTF-8 keeps its escapes


def _decode(text: str) -> list[Finding]:
    return _findings(json.loads(text))


def _findings(rows: list[Any]) -> list[Finding]:
    return [Finding(path, line, column, rule, name, severity, message, None if fix is None
                    else Fix(fix[0], tuple(Edit(s, e, tuple(ls)) for s, e, ls in fix[1])))
            for path, line, column, rule, name, severity, message, fix in rows]


class Cache:
    """A SQLite cache file; any database trouble turns the cache off, never the lint."""

    def __init__(self, folder: Path, day: str) -> None:
        self.day = day
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / CACHE_FILE, timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(_SCHEMA)
        except sqlite3.Error:
            self._drop(folder / CACHE_FILE)

    def _drop(self, file: Path) -> None:
        """A corrupt cache file is removed and rebuilt on the next run."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        with contextlib.suppress(OSError):
            file.unlink()

    def get(self, key: str) -> list[Finding] | None:
        """The findings stored for one key, or None on a miss."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: Sequence[str]) -> dict[str, list[Finding]]:
        """The findings of every key that hits, in one query per :data:`BATCH` keys.

        A hit whose link targets changed since it was stored is left out (a miss).
        """
        found: dict[str, list[Finding]] = {}
        if self.db is None or not keys:
            return found
        rows: list[tuple[str, str, str]] = []
        try:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start:start + BATCH]
                rows += self.db.execute(
                    "SELECT key, deps, findings FROM entries WHERE key IN "
                    f"({','.join('?' * len(chunk))})", chunk).fetchall()
        except sqlite3.Error:
            self.db = None
            return found
        fresh: list[tuple[str, str]] = []
        for key, deps, findings in rows:
            try:
                if deps != "[]" and any(signature(path) != sig
                                        for path, sig in json.loads(deps)):
                    continue
            except (ValueError, TypeError):  # a damaged entry is a miss
                continue
            fresh.append((key, findings))
        try:  # one JSON document for the whole batch: far fewer calls than one per entry
            decoded = json.loads("[" + ",".join(f for _k, f in fresh) + "]")
            found.update((k, _findings(d)) for (k, _f), d in zip(fresh, decoded, strict=True))
        except (ValueError, TypeError):
            for key, findings in fresh:
                with contextlib.suppress(ValueError, TypeError):
                    found[key] = _decode(findings)
        self.hits += len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, Deps, Sequence[Finding]]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO entries (key, day, deps, findings) VALUES (?,?,?,?)",
                    [(k, self.day, json.dumps(d), _encode(f)) for k, d, f in items])
        except sqlite3.Error:
            self.db = None

    def close(self) -> None:
        if self.db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            with self.db:
                self.db.execute("DELETE FROM entries WHERE day < ?", (self.day,))
            self.db.close()
        self.db = None
