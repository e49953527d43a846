"""Versioned journal schema, one list of statements per version and SQL dialect.

The two dialects hold the same tables and columns; only the auto-numbered key differs. A
journal records its version in ``runwright_schema``; :func:`pending` lists what to apply.
Never edit a released migration: append a new version.
"""

from __future__ import annotations

from typing import Literal

Dialect = Literal["sqlite", "postgresql"]

_EVENT_ID = {
    "sqlite": "id INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "id BIGSERIAL PRIMARY KEY",
}


def _v1(dialect: Dialect) -> list[str]:
    return [
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            runbook TEXT NOT NULL,
            title TEXT,
            content_hash TEXT,
            mode TEXT NOT NULL,
            operator TEXT,
            host TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL,
            variables TEXT NOT NULL DEFAULT '{}',
            secrets TEXT NOT NULL DEFAULT '[]'
        )""",
        f"""CREATE TABLE events (
            {_EVENT_ID[dialect]},
            run_id TEXT NOT NULL REFERENCES runs(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            step INTEGER,
            data TEXT NOT NULL DEFAULT '{{}}'
        )""",
        "CREATE INDEX events_run ON events (run_id, id)",
        "CREATE INDEX runs_runbook ON runs (runbook, started_at)",
    ]


#: version -> statements, in order. The latest version is the last key.
MIGRATIONS = {1: _v1}
LATEST = max(MIGRATIONS)


def pending(current: int, dialect: Dialect) -> list[tuple[int, list[str]]]:
    """The migrations to apply to a journal at version ``current``, oldest first."""
    return [(v, MIGRATIONS[v](dialect)) for v in sorted(MIGRATIONS) if v > current]
