"""One live process per run, on SQLite and a real PostgreSQL cluster, through the real CLI.

Processes are real (``python -m runwright``); a step that must still be running while the test
acts waits for a file the test creates, so nothing depends on timing.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import Spawn, WriteRunbook

RACE = """# Runbook: Race

## Procedure
### Step 1: One
```bash
echo one >> trace.log
```

### Step 2: Two
```bash
echo two >> trace.log; sleep 1
```

### Step 3: Three
```bash
echo three >> trace.log; sleep 1
```
"""

#: Step 2 writes its shell's pid to ``started``, then waits for ``go``.
BLOCKING = """# Runbook: Blocking

## Procedure
### Step 1: One
```bash
echo one >> trace.log
```

### Step 2: Wait
```bash {timeout=5m}
echo $$ > started
while [ ! -e go ]; do sleep 0.05; done
echo two >> trace.log
```

### Step 3: Three
```bash
echo three >> trace.log
```
"""


def _env(journal_url: str, tmp_path: Path) -> dict[str, str]:
    return {"RUNWRIGHT_JOURNAL": journal_url, "RUNWRIGHT_STATE_DIR": str(tmp_path / "state"),
            "RUNWRIGHT_OPERATOR": "alice"}


def _blocked_holder(background: Spawn, tmp_path: Path,
                    env: dict[str, str]) -> subprocess.Popen[str]:
    """A ``run --yes`` of BLOCKING, once it is inside step 2."""
    holder = background(tmp_path, env, "run", "rb.md", "--yes")
    _wait_for(tmp_path / "started", holder)
    return holder


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    """Until the step wrote ``path`` (or the process ended: then fail with its output)."""
    while not path.exists() or not path.read_text().strip():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"runwright ended before the step started:\n{out}\n{err}")
        time.sleep(0.05)


def _lines(tmp_path: Path) -> list[str]:
    return (tmp_path / "trace.log").read_text().splitlines()


def _quit_after_step_one(cli: Any, tmp_path: Path, env: dict[str, str]) -> None:
    first = cli("run", "rb.md", input="r\nq\n", env=env)
    assert first.returncode == 1 and "aborted" in first.stdout, first.stdout + first.stderr


def _sql(journal_url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one statement on the journal's own database (test set-up and checks)."""
    if journal_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(journal_url, autocommit=True) as conn:
            conn.execute("SET search_path TO runwright")
            cur = conn.execute(sql.replace("?", "%s"), params)
            return list(cur.fetchall()) if cur.description else []
    conn = sqlite3.connect(journal_url, isolation_level=None)
    try:
        cur = conn.execute(sql, params)
        return list(cur.fetchall())
    finally:
        conn.close()


def test_two_racing_resumes_run_each_step_once(cli, write_runbook: WriteRunbook,
                                               journal_url: str, tmp_path: Path,
                                               background: Spawn) -> None:
    write_runbook(RACE)
    env = _env(journal_url, tmp_path)
    _quit_after_step_one(cli, tmp_path, env)
    procs = [background(tmp_path, env, "run", "rb.md", "--resume", "--yes") for _ in range(2)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [0, 2], results
    _, _, loser_err = next(r for r in results if r[0] == 2)
    assert "is being run by alice on" in loser_err or "nothing to resume" in loser_err, loser_err
    assert _lines(tmp_path) == ["one", "two", "three"]
    assert _sql(journal_url, "SELECT status FROM runs") == [("completed",)]
    assert _sql(journal_url, "SELECT count(*) FROM run_locks") == [(0,)]  # released


def test_resume_of_a_live_run_is_refused_with_its_holder(
        cli, write_runbook: WriteRunbook, journal_url: str, tmp_path: Path,
        background: Spawn) -> None:
    write_runbook(BLOCKING)
    env = _env(journal_url, tmp_path)
    holder = _blocked_holder(background, tmp_path, env)
    refused = cli("run", "rb.md", "--resume", "--yes", env={**env, "RUNWRIGHT_OPERATOR": "bob"})
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert (f"is being run by alice on {socket.gethostname()}, pid {holder.pid}, since "
            in refused.stderr), refused.stderr
    assert "last heartbeat" in refused.stderr and "run.lock_stale_after" in refused.stderr
    (tmp_path / "go").touch()
    out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, out + err
    assert _lines(tmp_path) == ["one", "two", "three"]


def test_lock_of_a_killed_process_is_taken_over(cli, write_runbook: WriteRunbook,
                                                journal_url: str, tmp_path: Path,
                                                background: Spawn) -> None:
    write_runbook(BLOCKING)
    env = _env(journal_url, tmp_path)
    holder = _blocked_holder(background, tmp_path, env)
    shell = int((tmp_path / "started").read_text())
    holder.kill()  # kill -9: no chance to release anything
    holder.wait()
    os.killpg(shell, signal.SIGKILL)  # and the step's command with it
    (tmp_path / "started").unlink()
    (tmp_path / "go").touch()
    resumed = cli("run", "rb.md", "--resume", "--yes", env={**env, "RUNWRIGHT_OPERATOR": "bob"})
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert f"was held by alice on {socket.gethostname()}, pid {holder.pid}" in resumed.stdout
    assert "takes it over" in resumed.stdout
    assert _lines(tmp_path) == ["one", "two", "three"]
    kinds = [r[0] for r in _sql(journal_url, "SELECT kind FROM events ORDER BY id")]
    assert "takeover" in kinds
    report = cli("report", _sql(journal_url, "SELECT id FROM runs")[0][0], env=env)
    assert "lock taken over: run " in report.stdout


def _fake_holder(journal_url: str, run_id: str, minutes_ago: float) -> None:
    beat = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).isoformat()
    _sql(journal_url, "INSERT INTO run_locks (run_id, token, operator, host, pid, since, "
         "heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?)",
         (run_id, "t0", "carol", "elsewhere.example", 4242, beat, beat))


def test_lock_from_another_host_counts_by_its_heartbeat(cli, write_runbook: WriteRunbook,
                                                        journal_url: str,
                                                        tmp_path: Path) -> None:
    """A holder on another host is alive while it beats (advisory lock held on PostgreSQL),
    dead after run.lock_stale_after without a heartbeat."""
    write_runbook(RACE)
    (tmp_path / "runwright.toml").write_text('[run]\nlock_stale_after = "10m"\n')
    env = _env(journal_url, tmp_path)
    _quit_after_step_one(cli, tmp_path, env)
    run_id = _sql(journal_url, "SELECT id FROM runs")[0][0]
    conn = None
    if journal_url.startswith("postgresql://"):  # a live holder keeps its advisory lock
        import psycopg

        from runwright.runner.runlock import pg_key

        conn = psycopg.connect(journal_url, autocommit=True)
        conn.execute("SELECT pg_advisory_lock(%s)", (pg_key(run_id),))
    try:
        _fake_holder(journal_url, run_id, minutes_ago=1)
        refused = cli("run", "rb.md", "--resume", "--yes", env=env)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "is being run by carol on elsewhere.example, pid 4242" in refused.stderr
        assert "(10 min), is taken over" in refused.stderr
        _sql(journal_url, "DELETE FROM run_locks")
        _fake_holder(journal_url, run_id, minutes_ago=30)
        resumed = cli("run", "rb.md", "--resume", "--yes", env=env)
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        assert "was held by carol on elsewhere.example, pid 4242" in resumed.stdout
        assert "no heartbeat for 30 min" in resumed.stdout
        if conn is not None:
            assert "its database connection was ended" in resumed.stdout
    finally:
        if conn is not None:
            conn.close()
    assert _lines(tmp_path) == ["one", "two", "three"]


def test_a_running_session_heartbeats(write_runbook: WriteRunbook, journal_url: str,
                                      tmp_path: Path,
                                      background: Spawn) -> None:
    write_runbook(BLOCKING)
    (tmp_path / "runwright.toml").write_text('[run]\nlock_stale_after = "2s"\n')
    holder = _blocked_holder(background, tmp_path, _env(journal_url, tmp_path))
    first = _sql(journal_url, "SELECT heartbeat, pid FROM run_locks")
    assert [row[1] for row in first] == [holder.pid]
    seen = {str(first[0][0])}
    while len(seen) < 3:  # the heartbeat moves while the step's command runs
        assert holder.poll() is None
        time.sleep(0.1)
        seen |= {str(row[0]) for row in _sql(journal_url, "SELECT heartbeat FROM run_locks")}
    (tmp_path / "go").touch()
    out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, out + err
    assert _sql(journal_url, "SELECT count(*) FROM run_locks") == [(0,)]


def test_bad_lock_stale_after_is_a_config_error(cli, write_runbook: WriteRunbook,
                                                tmp_path: Path) -> None:
    write_runbook(RACE)
    (tmp_path / "runwright.toml").write_text('[run]\nlock_stale_after = "soon"\n')
    result = cli("run", "rb.md", "--yes")
    assert result.returncode == 2
    assert "Error: run.lock_stale_after: 'soon' is not a duration" in result.stderr
