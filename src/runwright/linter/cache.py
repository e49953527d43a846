"""The lint cache: findings per file content, in SQLite under the state directory.

An entry's key is a digest of runwright's version and source, the effective configuration and
command-line selection, today's date (freshness and date rules depend on it), the file's path
and its exact bytes. An entry also records what its findings depend on outside the file (the
targets of its relative links, their presence and for files their ``stat``); a hit whose
dependencies changed is a miss. Entries of earlier days are pruned when a run writes.

A second key lets a warm run skip reading and hashing unchanged files, as ruff and git do: the
same inputs with the file's ``stat`` in place of its bytes (device, inode, size, modification
and status-change times in nanoseconds). It is recorded only for a file whose times are safely
in the past when it was looked at (:func:`runwright.files.settled`), so that a write in the
same clock tick as the read cannot go unnoticed (git's "racily clean" case). Any write to the
file changes its status-change time, which no tool can set back; a file put back with its old
modification time (``touch -d``, ``cp -p``, ``rsync -t``) therefore still misses.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING, Any

from runwright import state
from runwright.digest import hasher
from runwright.files import stat_signature
from runwright.linter.finding import Edit, Finding, Fix, Severity

if TYPE_CHECKING:
    from runwright.model import Runbook

CACHE_FILE = "lint-cache.sqlite"
#: Bumped when the tables change: a cache file of another version is emptied and rebuilt.
SCHEMA_VERSION = 2
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, day TEXT NOT NULL, "
    "deps TEXT NOT NULL, findings TEXT NOT NULL, stat_key TEXT)",
    "CREATE INDEX IF NOT EXISTS entries_stat_key ON entries (stat_key)",
    "CREATE INDEX IF NOT EXISTS entries_day ON entries (day)",
)

Deps = list[tuple[str, str]]
#: Keys looked up per query (well under SQLite's limit on bound parameters).
BATCH = 500
def _head(fingerprint: str, day: str, path: str, display: str) -> bytes:
    # A file name that is not valid UTF-8 keeps its raw bytes (``surrogateescape``).
    return "\0".join((fingerprint, day, path, display, "")).encode("utf-8", "surrogateescape")


def file_key(fingerprint: str, day: str, path: str, display: str, data: bytes) -> str:
    """The cache key of one file's bytes read under the name ``display``; ``path`` is its
    absolute (real) path."""
    h = hasher(_head(fingerprint, day, path, display))
    h.update(data)
    return h.hexdigest()


def stat_key(fingerprint: str, day: str, path: str, display: str, st: os.stat_result) -> str:
    """The cache key of one file by its ``stat`` (see the module documentation)."""
    h = hasher(_head(fingerprint, day, path, display))
    h.update(f"stat\0{stat_signature(st)}".encode())
    return h.hexdigest()


def signature(path: str) -> str:
    """What a dependency looks like now: missing, a directory, or a file's
    :func:`~runwright.files.stat_signature` (the test the files themselves are keyed by)."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    return "dir" if S_ISDIR(st.st_mode) else stat_signature(st)


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
    # Most findings have no fix: their row becomes the named tuple as it is (no call per field).
    return [_new(Finding, r) if len(r) == 8 and r[7] is None else _finding(*r) for r in rows]


def _finding(path: str, line: int, column: int, rule: str, name: str, severity: Severity,
             message: str, fix: Any) -> Finding:
    return Finding(path, line, column, rule, name, severity, message, None if fix is None
                   else Fix(fix[0], tuple(Edit(s, e, tuple(ls)) for s, e, ls in fix[1])))


_new = tuple.__new__


def _deps_unchanged(deps: str) -> bool:
    """Whether every link target of an entry looks as it did (a damaged list: no)."""
    try:
        return all(signature(path) == sig for path, sig in json.loads(deps))
    except (ValueError, TypeError):
        return False


class Cache:
    """A SQLite cache file; any database trouble turns the cache off, never the lint."""

    def __init__(self, folder: Path, day: str) -> None:
        self.day = day
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.stat_hits = 0  # of the hits, those answered without reading the file
        self.wrote = False
        file = folder / CACHE_FILE
        try:
            state.ensure(folder)
            try:
                self.db = self._open(file)
            except sqlite3.DatabaseError:  # a damaged or foreign file: it is a cache, start over
                self._drop(file)
                self.db = self._open(file)
        except (OSError, sqlite3.Error):
            self._drop(file)

    @staticmethod
    def _open(file: Path) -> sqlite3.Connection:
        db = sqlite3.connect(file, timeout=10)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                with db:  # an older layout (or a new file): start from empty tables
                    db.execute("DROP TABLE IF EXISTS entries")
                    for statement in _SCHEMA:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _drop(self, file: Path) -> None:
        """A corrupt cache file is removed (rebuilt on the next run); this run goes without."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{file}{suffix}")

    def get(self, key: str) -> list[Finding] | None:
        """The findings stored for one key, or None on a miss."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: Sequence[str]) -> dict[str, list[Finding]]:
        """The findings of every content key that hits, in one query per :data:`BATCH` keys.

        A hit whose link targets changed since it was stored is left out (a miss).
        """
        found = {key: findings for key, (_k, findings)
                 in self._lookup("key", keys).items()}
        self.hits += len(found)
        return found

    def get_by_stat(self, stat_keys: Sequence[str]) -> dict[str, tuple[str, list[Finding]]]:
        """``stat key -> (content key, findings)`` for every stat key that hits (see
        :func:`stat_key`), with the same dependency check as :meth:`get_many`."""
        found = self._lookup("stat_key", stat_keys)
        self.hits += len(found)
        self.stat_hits += len(found)
        return found

    def _lookup(self, column: str, keys: Sequence[str]) -> dict[str, tuple[str, list[Finding]]]:
        found: dict[str, tuple[str, list[Finding]]] = {}
        if self.db is None or not keys:
            return found
        rows: list[tuple[str, str, str, str]] = []
        try:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start:start + BATCH]
                rows += self.db.execute(
                    f"SELECT {column}, key, deps, findings FROM entries WHERE {column} IN "
                    f"({','.join('?' * len(chunk))})", chunk).fetchall()
        except sqlite3.Error:
            self.db = None
            return found
        fresh = [row for row in rows if row[2] == "[]" or _deps_unchanged(row[2])]
        # The decoded lists and tuples hold no reference cycles: the collector, which would
        # otherwise walk every container made so far again and again, waits (a third less
        # time for a warm run's thousands of findings).
        collecting = gc.isenabled()
        gc.disable()
        try:  # one JSON document for the whole batch: far fewer calls than one per entry
            decoded = json.loads("[" + ",".join([row[3] for row in fresh]) + "]")
            found.update((row[0], (row[1], _findings(d)))
                         for row, d in zip(fresh, decoded, strict=True))
        except (ValueError, TypeError):
            for by, key, _deps, findings in fresh:
                with contextlib.suppress(ValueError, TypeError):
                    found[by] = (key, _decode(findings))
        finally:
            if collecting:
                gc.enable()
        return found

    def put_many(self, items: Iterable[tuple[str, str | None, Deps, Sequence[Finding]]]
                 ) -> None:
        """Store ``(content key, stat key or None, deps, findings)`` entries."""
        rows = [(k, self.day, json.dumps(d), _encode(f), s) for k, s, d, f in items]
        if self.db is None or not rows:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO entries "
                                    "(key, day, deps, findings, stat_key) VALUES (?,?,?,?,?)",
                                    rows)
            self.wrote = True
        except sqlite3.Error:
            self.db = None

    def set_stat_keys(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Record ``(content key, stat key)`` for entries hit by content whose file's ``stat``
        has settled, so that the next run need not read them."""
        if self.db is None or not pairs:
            return
        try:
            with self.db:
                self.db.executemany("UPDATE entries SET stat_key = ? WHERE key = ?",
                                    [(s, k) for k, s in pairs])
            self.wrote = True
        except sqlite3.Error:
            self.db = None

    def close(self) -> None:
        """Prune entries of earlier days (only after a run that wrote: a run that only read
        today's entries follows the run that wrote them and pruned), and close."""
        if self.db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            if self.wrote:
                with self.db:
                    self.db.execute("DELETE FROM entries WHERE day < ?", (self.day,))
            self.db.close()
        self.db = None
