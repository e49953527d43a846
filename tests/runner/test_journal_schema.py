"""The journal's schema: PostgreSQL tables in their own schema with real types, and the
migration of a journal of the old layout (version 1), on a real PostgreSQL cluster."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from runwright.runner.migrations import MIGRATIONS

from .conftest import WriteRunbook

RUNBOOK = """# Runbook: After migration

## Procedure
### Step 1: Print
```bash
echo after
```
"""

OLD_RUN = ("20250101-000000-abcdef", "docs/runbooks/old.md", "Old run", "h1", "run", "alice",
           "db1", "2025-01-01T00:00:00.000000+00:00", "2025-01-01T00:05:00.000000+00:00",
           "completed", '{"REGION": "eu-west-1", "TOKEN": null}', '["TOKEN"]')
OLD_EVENTS = [
    (OLD_RUN[0], "2025-01-01T00:00:01.000000+00:00", "step_start", 1,
     '{"title": "Print", "decision": "run"}'),
    (OLD_RUN[0], "2025-01-01T00:00:02.500000+00:00", "command_end", 1,
     '{"command": 0, "exit_status": 0, "output": "hello\\n"}'),
    (OLD_RUN[0], "2025-01-01T00:05:00.000000+00:00", "run_end", None,
     '{"status": "completed"}'),
]


def _make_old_layout(execute) -> None:  # type: ignore[no-untyped-def]
    for statement in MIGRATIONS[1]("postgresql"):
        execute(statement)
    execute("CREATE TABLE runwright_schema (version INTEGER NOT NULL)")
    execute("INSERT INTO runwright_schema (version) VALUES (1)")
    execute("INSERT INTO runs VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", OLD_RUN)
    for event in OLD_EVENTS:
        execute("INSERT INTO events (run_id, at, kind, step, data) VALUES (%s, %s, %s, %s, %s)",
                event)


def test_old_postgresql_layout_moves_into_its_schema_with_types(
        cli, pg_url: str, write_runbook: WriteRunbook) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        _make_old_layout(conn.execute)
        old_ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id").fetchall()]
    env = {"RUNWRIGHT_JOURNAL": pg_url}
    listed = cli("runs", "--format", "json", env=env)
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    assert [(r["id"], r["status"], r["variables"], r["secrets"]) for r in runs] == [
        (OLD_RUN[0], "completed", {"REGION": "eu-west-1", "TOKEN": None}, ["TOKEN"])]
    assert runs[0]["started_at"] == "2025-01-01T00:00:00+00:00"
    assert runs[0]["ended_at"] == "2025-01-01T00:05:00+00:00"
    report = json.loads(cli("report", OLD_RUN[0], "--format", "json", env=env).stdout)
    assert [(e["id"], e["kind"], e["step"], e["data"]) for e in report["events"]] == [
        (i, e[2], e[3], json.loads(e[4])) for i, e in zip(old_ids, OLD_EVENTS, strict=True)]
    assert report["events"][1]["at"] == "2025-01-01T00:00:02.500000+00:00"

    with psycopg.connect(pg_url, autocommit=True) as conn:
        tables = conn.execute("SELECT table_schema, table_name FROM information_schema.tables "
                              "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                              "ORDER BY 1, 2").fetchall()
        assert [t for t in tables if t[0] != "runwright"] == []  # nothing left behind
        assert {t[1] for t in tables} >= {"runs", "events", "runwright_schema"}
        types = dict(((r[0], r[1]), r[2]) for r in conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'runwright'").fetchall())
        assert types[("runs", "started_at")] == "timestamp with time zone"
        assert types[("runs", "ended_at")] == "timestamp with time zone"
        assert types[("runs", "variables")] == "jsonb"
        assert types[("runs", "secrets")] == "jsonb"
        assert types[("events", "at")] == "timestamp with time zone"
        assert types[("events", "data")] == "jsonb"
        # Real types: the database itself can query into them.
        row = conn.execute("SELECT variables->>'REGION', ended_at - started_at "
                           "FROM runwright.runs").fetchone()
        assert row is not None and row[0] == "eu-west-1" and row[1].total_seconds() == 300
        versions = [r[0] for r in conn.execute(
            "SELECT version FROM runwright.runwright_schema ORDER BY version").fetchall()]
        assert versions == sorted(MIGRATIONS)

    # The moved journal takes new runs; new event ids follow the old ones.
    path = write_runbook(RUNBOOK)
    ran = cli("run", str(path), "--yes", env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    with psycopg.connect(pg_url) as conn:
        new_ids = [r[0] for r in conn.execute(
            "SELECT id FROM runwright.events WHERE run_id <> %s", (OLD_RUN[0],)).fetchall()]
        uids = [r[0] for r in conn.execute(
            "SELECT uid FROM runwright.events WHERE run_id <> %s", (OLD_RUN[0],)).fetchall()]
    assert new_ids and min(new_ids) > max(old_ids)
    assert None not in uids and len(set(uids)) == len(uids)


def test_fresh_postgresql_journal_is_created_in_its_schema(
        cli, pg_url: str, write_runbook: WriteRunbook) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    path = write_runbook(RUNBOOK)
    ran = cli("run", str(path), "--yes", env={"RUNWRIGHT_JOURNAL": pg_url})
    assert ran.returncode == 0, ran.stdout + ran.stderr
    with psycopg.connect(pg_url) as conn:
        public = conn.execute("SELECT count(*) FROM information_schema.tables "
                              "WHERE table_schema = 'public'").fetchone()
        kinds = [r[0] for r in conn.execute("SELECT kind FROM runwright.events").fetchall()]
        status = conn.execute("SELECT status, pg_typeof(started_at)::text "
                              "FROM runwright.runs").fetchone()
    assert public == (0,)
    assert "command_end" in kinds and "run_end" in kinds
    assert status == ("completed", "timestamp with time zone")


def test_old_sqlite_journal_gains_event_ids(cli, tmp_path: Path,
                                            write_runbook: WriteRunbook) -> None:  # type: ignore[no-untyped-def]
    location = tmp_path / "state" / "journal.db"
    location.parent.mkdir()
    conn = sqlite3.connect(location)
    for statement in MIGRATIONS[1]("sqlite"):
        conn.execute(statement)
    conn.execute("CREATE TABLE runwright_schema (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO runwright_schema (version) VALUES (1)")
    conn.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", OLD_RUN)
    conn.executemany("INSERT INTO events (run_id, at, kind, step, data) VALUES (?, ?, ?, ?, ?)",
                     OLD_EVENTS)
    conn.commit()
    conn.close()
    path = write_runbook(RUNBOOK)
    ran = cli("run", str(path), "--yes")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    listed = json.loads(cli("runs", "--format", "json").stdout)
    assert {r["id"] for r in listed} >= {OLD_RUN[0]}
    conn = sqlite3.connect(location)
    rows = conn.execute("SELECT run_id, uid FROM events ORDER BY id").fetchall()
    version = conn.execute("SELECT MAX(version) FROM runwright_schema").fetchone()
    conn.close()
    assert version == (max(MIGRATIONS),)
    assert [uid for run_id, uid in rows if run_id == OLD_RUN[0]] == [None, None, None]
    new = [uid for run_id, uid in rows if run_id != OLD_RUN[0]]
    assert new and None not in new and len(set(new)) == len(new)
