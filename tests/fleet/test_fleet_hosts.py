"""Fleet steps against real OpenSSH servers on loopback addresses (tests/sshd_fleet.py):
rolling batches, a failing host matched to its troubleshooting entry, retry of the failed
host only, kill -9 in the middle of a rollout then --resume, ``runwright test`` on read-only
fleet steps, secrets never in any host's output nor in the journal, variable values never
executed on any host."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from runwright.runner.journal import Journal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sshd_fleet import Fleet

SECRET = "s3cr3t-Fleet-Token-42"
#: Each host writes to a trace file named after the address it was reached on.
WHERE = 'addr=$(echo "$SSH_CONNECTION" | cut -d" " -f3)\n'

ROLLING = """---
inventory: {inventory}
variables:
  DIR:
    description: where the hosts write
  VAL:
    description: a value that looks like a command
  API_TOKEN:
    description: a secret
    secret: true
---
# Runbook: Rolling

## Procedure

### Step 1: Roll out

```bash {{on=web serial=2 max_fail=0 timeout=60s}}
{where}echo "ran" >> "$DIR/trace-$addr"
echo "value: $VAL token: $API_TOKEN"
if [ -e "$DIR/broken-$addr" ]; then echo "disk full on $addr"; exit 1; fi
echo "ok on $addr"
```

## Troubleshooting

### Disk full on a host

**Error**: `disk full`

**Cause**: the host's disk filled up.

**Solution**: free space on that host, then retry it.
"""


@pytest.fixture(scope="module")
def fleet() -> Iterator[Fleet]:
    hosts = Fleet(4, {"web": [0, 1, 2, 3], "db": [3]})
    yield hosts
    hosts.stop()


def _env(fleet: Fleet, tmp_path: Path) -> dict[str, str]:
    env = fleet.env()
    env.update(NO_COLOR="1", RUNWRIGHT_STATE_DIR=str(tmp_path / "state"))
    env.pop("RUNWRIGHT_JOURNAL", None)
    return env


def _write(tmp_path: Path, fleet: Fleet, text: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "out").mkdir(exist_ok=True)
    path = tmp_path / "rb.md"
    path.write_text(text.format(inventory=fleet.inventory, where=WHERE))
    return path


def _trace(tmp_path: Path, fleet: Fleet, i: int) -> list[str]:
    path = tmp_path / "out" / f"trace-{fleet.addresses[i]}"
    return path.read_text().splitlines() if path.exists() else []


def _journal_bytes(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (tmp_path / "state").rglob("*") if p.is_file())


def _args(tmp_path: Path) -> list[str]:
    return ["--var", f"DIR={tmp_path / 'out'}", "--var", f"VAL=$(touch {tmp_path}/pwned)",
            "--var", f"API_TOKEN={SECRET}"]


def test_rolling_failure_troubleshooting_and_retry_of_the_failed_host(
        fleet: Fleet, tmp_path: Path) -> None:
    _write(tmp_path, fleet, ROLLING)
    (tmp_path / "out" / f"broken-{fleet.addresses[1]}").touch()
    child = pexpect.spawn(sys.executable, ["-m", "runwright", "run", "rb.md", *_args(tmp_path)],
                          cwd=str(tmp_path), env=_env(fleet, tmp_path), encoding="utf-8",
                          timeout=90, dimensions=(40, 200))
    transcript: list[str] = []
    child.logfile_read = _Collect(transcript)
    child.expect(r"Run this step\?")
    child.sendline("r")
    child.expect(r"batch 1/2: node1, node2")
    child.expect(r"failed on 1 host\(s\) \(node2\)")
    child.expect("rollout stopped after batch 1 of 2, 2 host")
    child.expect("On node2:")
    child.expect("Disk full on a host")
    child.expect(r"\[r\]etry the failed hosts")
    assert _trace(tmp_path, fleet, 2) == [] and _trace(tmp_path, fleet, 3) == []
    (tmp_path / "out" / f"broken-{fleet.addresses[1]}").unlink()
    child.sendline("r")
    child.expect("already done on 1 host")
    child.expect(r"status completed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # node1 ran once, node2 twice (the failure, then the retry), the others once
    assert [len(_trace(tmp_path, fleet, i)) for i in range(4)] == [1, 2, 1, 1]
    text = "".join(transcript)
    assert "[node3] ok on 127.0.0.4" in text
    assert f"[node1] value: $(touch {tmp_path}/pwned)" in text  # shown, never executed
    assert not (tmp_path / "pwned").exists()
    assert SECRET not in text and SECRET.encode() not in _journal_bytes(tmp_path)
    with Journal.open(str(tmp_path / "state" / "journal.db")) as j:
        run = j.runs()[0]
        ends = [e for e in j.events(run.id) if e.kind == "host_end"]
        # within a batch the hosts report in the order they finish
        assert sorted((e.data["host"], e.data["status"]) for e in ends) == [
            ("node1", "ok"), ("node2", "failed"), ("node2", "ok"), ("node3", "ok"),
            ("node4", "ok")]
        assert all("*" in str(e.data["output"]) for e in ends)  # the token, masked
        report = subprocess.run([sys.executable, "-m", "runwright", "report", run.id],
                                cwd=tmp_path, env=_env(fleet, tmp_path), capture_output=True,
                                text=True, check=True).stdout
    assert "| Host | Batch | Status | Exit | Duration |" in report
    assert re.search(r"^\| node2 \| 1 \| failed \(exit status 1, expected 0\) \| 1 \| "
                     r"[\d.]+s \|$", report, re.M)
    assert re.search(r"^\| node2 \| 1 \| ok \| 0 \| [\d.]+s \|$", report, re.M)
    assert re.search(r"^\| node4 \| 2 \| ok \| 0 \| [\d.]+s \|$", report, re.M)
    assert re.search(r"^\| node3 \| +\| not run \|", report, re.M)  # first attempt
    assert "step 1, command 1 on node2 (batch 1): failed (exit status 1, expected 0)" in report
    assert "done on 1 host(s), failed on 1 (node2), not run on 2" in report


class _Collect:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> None:
        self.into.append(text)

    def flush(self) -> None:
        return None


SLOW = """---
inventory: {inventory}
---
# Runbook: Slow rollout

## Procedure

### Step 1: One host at a time

```bash {{on=web serial=1 timeout=60s}}
{where}echo "ran" >> "$DIR/trace-$addr"
sleep 1
```
"""


def test_kill_9_in_a_batch_then_resume_continues_with_the_unfinished_hosts(
        fleet: Fleet, tmp_path: Path) -> None:
    _write(tmp_path, fleet, SLOW)
    args = ["--var", f"DIR={tmp_path / 'out'}"]
    env = _env(fleet, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "runwright", "run", "rb.md", "--yes", *args],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not _trace(tmp_path, fleet, 1) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _trace(tmp_path, fleet, 1), "node2 never started"
    os.killpg(proc.pid, signal.SIGKILL)  # runwright and its ansible-playbook, mid-batch
    proc.wait()
    assert _trace(tmp_path, fleet, 3) == []
    done = subprocess.run([sys.executable, "-m", "runwright", "run", "rb.md", "--yes",
                           "--resume", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "already done on 1 host(s): node1" in done.stdout
    traces = [len(_trace(tmp_path, fleet, i)) for i in range(4)]
    assert traces[0] == 1 and traces[2] == 1 and traces[3] == 1
    assert traces[1] in (1, 2)  # killed while it ran: run again, its result was never known


READONLY = """---
inventory: {inventory}
---
# Runbook: Check the fleet

## Procedure

### Step 1: Uptime on the database hosts

```bash {{on=db}}
uptime
```

```expect
/load average/
```

### Step 2: Restart

```bash {{on=web}}
touch "$DIR/restarted"
```
"""


def test_runwright_test_runs_read_only_fleet_steps_and_skips_the_others(
        fleet: Fleet, tmp_path: Path) -> None:
    _write(tmp_path, fleet, READONLY)
    done = subprocess.run([sys.executable, "-m", "runwright", "test", "rb.md", "--var",
                           f"DIR={tmp_path / 'out'}"], cwd=tmp_path,
                          env=_env(fleet, tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert not (tmp_path / "out" / "restarted").exists()
    with Journal.open(str(tmp_path / "state" / "journal.db")) as j:
        run = j.runs()[0]
        hosts = [e.data["host"] for e in j.events(run.id) if e.kind == "host_end"]
    assert hosts == ["node4"]


def test_dry_run_lists_the_hosts_in_batches_and_limit_narrows_them(
        fleet: Fleet, tmp_path: Path) -> None:
    _write(tmp_path, fleet, ROLLING)
    done = subprocess.run([sys.executable, "-m", "runwright", "run", "rb.md", "--dry-run",
                           "--limit", "web:!node4"], cwd=tmp_path,
                          env=_env(fleet, tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "on web: 3 host(s) in 2 batch(es), max_fail=0" in done.stdout
    assert "batch 1: node1, node2" in done.stdout and "batch 2: node3" in done.stdout
