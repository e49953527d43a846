"""Versioned journal schema, one list of statements per version and SQL dialect.

The two dialects hold the same tables and columns. On PostgreSQL they live in their own schema,
:data:`PG_SCHEMA` (the journal sets ``search_path`` to it, so statements name tables
unqualified), with ``timestamptz`` times and ``jsonb`` data; SQLite keeps ISO 8601 text and JSON
text. A journal records its version in ``runwright_schema``; :func:`pending` lists what to
apply. Never edit a released migration: append a new version.

Version 1 put the PostgreSQL tables in the connection's default schema (``public``) with text
columns; opening such a journal moves its tables into :data:`PG_SCHEMA` first (data, indexes and
sequences go along), then version 2 converts the columns in place.
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


def _v2(dialect: Dialect) -> list[str]:
    """Events get a unique id (``uid``), so that a spooled event is sent once; PostgreSQL
    columns get their real types."""
    if dialect == "sqlite":
        return ["ALTER TABLE events ADD COLUMN uid TEXT",
                "CREATE UNIQUE INDEX events_uid ON events (uid)"]
    json_columns = {"runs": (("variables", "{}"), ("secrets", "[]")),
                    "events": (("data", "{}"),)}
    time_columns = {"runs": ("started_at", "ended_at"), "events": ("at",)}
    statements = []
    for table in ("runs", "events"):
        changes = [f"ALTER COLUMN {c} TYPE timestamptz USING {c}::timestamptz"
                   for c in time_columns[table]]
        for column, empty in json_columns[table]:
            changes += [f"ALTER COLUMN {column} DROP DEFAULT",
                        f"ALTER COLUMN {column} TYPE jsonb USING {column}::jsonb",
                        f"ALTER COLUMN {column} SET DEFAULT '{empty}'::jsonb"]
        if table == "events":
            changes.append("ADD COLUMN uid TEXT")
        statements.append(f"ALTER TABLE {table} " + ", ".join(changes))
    statements.append("CREATE UNIQUE INDEX events_uid ON events (uid)")
    return statements


def _v3(dialect: Dialect) -> list[str]:
    """Who holds each run that a process is running (see :mod:`runwright.runner.runlock`)."""
    time = "timestamptz" if dialect == "postgresql" else "TEXT"
    return [f"""CREATE TABLE run_locks (
            run_id TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            operator TEXT,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            since {time} NOT NULL,
            heartbeat {time} NOT NULL
        )"""]


#: PostgreSQL schema holding the journal's tables.
PG_SCHEMA = "runwright"
#: The tables of the journal (those a version-1 PostgreSQL journal had in its default schema).
TABLES = ("runwright_schema", "runs", "events")

#: version -> statements, in order. The latest version is the last key.
MIGRATIONS = {1: _v1, 2: _v2, 3: _v3}
LATEST = max(MIGRATIONS)


def pending(current: int, dialect: Dialect) -> list[tuple[int, list[str]]]:
    """The migrations to apply to a journal at version ``current``, oldest first."""
    return [(v, MIGRATIONS[v](dialect)) for v in sorted(MIGRATIONS) if v > current]
