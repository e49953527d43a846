"""The journal on both backends (SQLite and a real PostgreSQL cluster), through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from runwright.config import Config
from runwright.runner.journal import Journal, last_tested
from runwright.runner.migrations import LATEST

from .conftest import WriteRunbook, dump_journal

RUNBOOK = """---
variables:
  TOKEN:
    secret: true
  REGION:
    default: eu-west-1
---
# Runbook: Journal check

## Procedure
### Step 1: Print
```bash {readonly}
echo "region=$REGION token=$TOKEN"
```
```expect
region=eu-west-1
```

### Step 2: Second
```bash {readonly}
echo second; echo "again $TOKEN" >&2
```
"""

SECRET = "s3cr3t-Value-91"


def _env(journal_url: str, tmp_path: Path) -> dict[str, str]:
    return {"RUNWRIGHT_JOURNAL": journal_url, "TOKEN": SECRET,
            "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}


def test_run_is_journalled_and_secrets_never_stored(cli, write_runbook: WriteRunbook,
                                                    journal_url: str, tmp_path: Path) -> None:
    path = write_runbook(RUNBOOK)
    result = cli("run", str(path), "--yes", env=_env(journal_url, tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "token=****" in result.stdout and SECRET not in result.stdout
    runs = json.loads(cli("runs", "--format", "json", env=_env(journal_url, tmp_path)).stdout)
    assert len(runs) == 1 and runs[0]["status"] == "completed"
    assert runs[0]["runbook"] == "rb.md" and runs[0]["variables"]["TOKEN"] is None
    report = cli("report", runs[0]["id"][:12], "--format", "json",
                 env=_env(journal_url, tmp_path))
    events = json.loads(report.stdout)["events"]
    kinds = [e["kind"] for e in events]
    assert kinds.count("command_end") == 2 and kinds.count("step_end") == 2
    outputs = [e["data"]["output"] for e in events if e["kind"] == "command_end"]
    assert outputs == ["region=eu-west-1 token=****\n", "second\nagain ****\n"]
    md = cli("report", runs[0]["id"], env=_env(journal_url, tmp_path)).stdout
    assert md.startswith("# Run ") and "| Time (UTC) | Event |" in md and SECRET not in md
    stored = dump_journal(journal_url)
    assert "region=eu-west-1 token=****" in stored
    assert SECRET not in stored


def test_ten_concurrent_runs_lose_no_event(write_runbook: WriteRunbook, journal_url: str,
                                           tmp_path: Path) -> None:
    path = write_runbook(RUNBOOK)
    env = {**os.environ, **_env(journal_url, tmp_path), "NO_COLOR": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "runwright", "run", str(path), "--yes"],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(10)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, out + err
    with Journal.open(journal_url) as journal:
        runs = journal.runs()
        assert len(runs) == 10 and {r.status for r in runs} == {"completed"}
        counts = {r.id: len(journal.events(r.id)) for r in runs}
    assert len(set(counts.values())) == 1, counts
    assert next(iter(counts.values())) >= 10


def test_test_results_feed_last_tested(cli, write_runbook: WriteRunbook, journal_url: str,
                                       tmp_path: Path) -> None:
    path = write_runbook(RUNBOOK)
    failing = write_runbook(RUNBOOK.replace("region=eu-west-1\n```", "nope\n```"), "bad.md")
    assert path.name == "rb.md" and failing.name == "bad.md"
    result = cli("test", "rb.md", "bad.md", env=_env(journal_url, tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PASS rb.md" in result.stdout and "FAIL bad.md" in result.stdout
    os.environ["RUNWRIGHT_JOURNAL"] = journal_url
    try:
        records = last_tested(Config(root=tmp_path), tmp_path)
    finally:
        del os.environ["RUNWRIGHT_JOURNAL"]
    assert {k: v.passed for k, v in records.items()} == {"rb.md": True, "bad.md": False}


def test_migrations_are_versioned_and_idempotent(journal_url: str) -> None:
    with Journal.open(journal_url) as first:
        assert first.schema_version() == LATEST
    with Journal.open(journal_url) as second:
        assert second.schema_version() == LATEST
        assert second.runs() == []
