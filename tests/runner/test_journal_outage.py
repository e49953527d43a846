"""The team journal goes away: the run goes on into the local spool, which is sent once when
the journal is back. A real PostgreSQL cluster of the test's own, stopped with ``pg_ctl stop``
in the middle of a real run, through the real CLI."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import PgServer, Spawn, WriteRunbook

#: Step 2 writes ``started``, then waits for ``go`` (the test stops the server in between).
RUNBOOK = """# Runbook: Outage

## Procedure
### Step 1: Before
```bash
echo before
```

### Step 2: During
```bash {timeout=5m}
touch started
while [ ! -e go ]; do sleep 0.05; done
echo during
```

### Step 3: After
```bash
echo after
```

### Step 4: Last
```bash
echo last
```
"""

QUICK = """# Runbook: Quick

## Procedure
### Step 1: One
```bash
echo one
```

### Step 2: Two
```bash
echo two
```
"""


def _events(url: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return list(conn.execute("SELECT run_id, kind, step, uid FROM runwright.events "
                                 "ORDER BY id").fetchall())


def _runs(url: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return list(conn.execute("SELECT id, status, ended_at IS NOT NULL "
                                 "FROM runwright.runs").fetchall())


def _expected(steps: int) -> list[tuple[str, int | None]]:
    kinds = [("step_start", "command_start", "command_end", "step_end")] * steps
    return [(kind, i + 1) for i, group in enumerate(kinds) for kind in group] + [
        ("run_end", None)]


@pytest.fixture
def env(pg_server: PgServer, tmp_path: Path) -> dict[str, str]:
    return {"RUNWRIGHT_JOURNAL": pg_server.url, "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}


def _spool(tmp_path: Path) -> Path:
    spools = list((tmp_path / "state").glob("spool-*.db"))
    assert len(spools) == 1, spools
    return spools[0]


def test_server_stopped_mid_run_every_event_reaches_the_journal_once(
        cli, write_runbook: WriteRunbook, pg_server: PgServer, env: dict[str, str],
        tmp_path: Path, background: Spawn) -> None:
    write_runbook(RUNBOOK)
    proc = background(tmp_path, env, "run", "rb.md", "--yes")
    while not (tmp_path / "started").exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    before = _events(pg_server.url)
    assert [(k, s) for _, k, s, _ in before][:2] == [("step_start", 1), ("command_start", 1)]
    pg_server.stop()  # pg_ctl stop -m fast: the run's connection is ended
    (tmp_path / "go").touch()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + err
    assert "Warning: the team journal" in out and "is unreachable" in out
    assert "The run goes on and is journalled in the local spool" in out
    assert "journal writes wait in the local spool" in out
    assert "status completed" in out
    spool = _spool(tmp_path)
    assert stat.S_IMODE(spool.stat().st_mode) == 0o600

    pg_server.start()
    synced = cli("journal", "sync", env=env)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "spooled events of 1 run from" in synced.stdout
    again = cli("journal", "sync", env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "is empty: nothing to send" in again.stdout

    events = _events(pg_server.url)
    assert [(k, s) for _, k, s, _ in events] == _expected(4)
    uids = [uid for _, _, _, uid in events]
    assert None not in uids and len(set(uids)) == len(uids)
    (run_id, status, ended), = _runs(pg_server.url)
    assert status == "completed" and ended
    report = cli("report", run_id, "--format", "json", env=env)
    outputs = [e["data"]["output"] for e in json.loads(report.stdout)["events"]
               if e["kind"] == "command_end"]
    assert outputs == ["before\n", "during\n", "after\n", "last\n"]


def test_server_down_at_start_the_next_command_sends_the_spool(
        cli, write_runbook: WriteRunbook, pg_server: PgServer, env: dict[str, str],
        tmp_path: Path) -> None:
    write_runbook(QUICK)
    pg_server.stop()
    ran = cli("run", "rb.md", "--yes", env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Warning: the team journal" in ran.stdout and "local spool" in ran.stdout
    down = cli("runs", env=env)
    assert down.returncode == 2 and "Error: cannot connect to the journal" in down.stderr
    pg_server.start()
    listed = cli("runs", "--format", "json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Sent 9 spooled events of 1 run from" in listed.stderr
    runs = json.loads(listed.stdout)
    assert [(r["runbook"], r["status"]) for r in runs] == [("rb.md", "completed")]
    assert [(k, s) for _, k, s, _ in _events(pg_server.url)] == _expected(2)
    nothing = cli("journal", "sync", env=env)
    assert "nothing to send" in nothing.stdout
    assert [(k, s) for _, k, s, _ in _events(pg_server.url)] == _expected(2)


def test_journal_sync_says_when_it_cannot(cli, pg_server: PgServer, env: dict[str, str],
                                          tmp_path: Path) -> None:
    local = cli("journal", "sync", env={"RUNWRIGHT_JOURNAL": str(tmp_path / "j.db")})
    assert local.returncode == 2
    assert "Error: the journal is a local SQLite file: there is no spool to send" in local.stderr
    pg_server.stop()
    down = cli("journal", "sync", env=env)
    assert down.returncode == 2 and "Error: cannot connect to the journal" in down.stderr


def test_unattended_test_goes_on_into_the_spool(cli, write_runbook: WriteRunbook,
                                                pg_server: PgServer, env: dict[str, str],
                                                tmp_path: Path) -> None:
    write_runbook(QUICK.replace("```bash", "```bash {readonly}"))
    pg_server.stop()
    tested = cli("test", "rb.md", env=env)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "PASS rb.md" in tested.stdout
    assert "Warning: the team journal" in tested.stderr and "local spool" in tested.stderr
    pg_server.start()
    synced = cli("journal", "sync", env=env)
    assert "Sent 9 spooled events of 1 run from" in synced.stdout, synced.stdout + synced.stderr
    assert [r[1:] for r in _runs(pg_server.url)] == [("passed", True)]
    assert [(k, s) for _, k, s, _ in _events(pg_server.url)] == _expected(2)


def test_unwritable_spool_is_a_clear_error(cli, write_runbook: WriteRunbook,
                                           pg_server: PgServer, env: dict[str, str],
                                           tmp_path: Path) -> None:
    write_runbook(QUICK)
    (tmp_path / "a-file").write_text("")
    pg_server.stop()
    ran = cli("run", "rb.md", "--yes",
              env={**env, "RUNWRIGHT_STATE_DIR": str(tmp_path / "a-file" / "state")})
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "Error: the team journal" in ran.stderr
    assert "and the local spool" in ran.stderr and "cannot be written" in ran.stderr
