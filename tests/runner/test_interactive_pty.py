"""``runwright run`` driven in a real pseudo-terminal with pexpect."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest

from runwright.runner.journal import Journal

from .conftest import WriteRunbook

THREE_STEPS = """# Runbook: Three steps

## Procedure
### Step 1: First
```bash
echo one >> trace.log
```

### Step 2: Second
```bash
echo two >> trace.log
```

### Step 3: Third
```bash
echo three >> trace.log
```
"""


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    env.pop("RUNWRIGHT_JOURNAL", None)
    return pexpect.spawn(sys.executable, ["-m", "runwright", "run", *args], cwd=str(tmp_path),
                         env=env, encoding="utf-8", timeout=30, dimensions=(40, 200))


def journal(tmp_path: Path) -> Journal:
    return Journal.open(str(tmp_path / "state" / "journal.db"))


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def test_run_skip_quit(tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(THREE_STEPS)
    child = spawn(tmp_path, "rb.md")
    child.expect(r"Run this step\? \[r\]un / \[s\]kip / \[q\]uit")
    child.sendline("r")
    child.expect("Step 1 done")
    child.expect("Run this step")
    child.sendline("s")
    child.expect("Step 3/3: Third")
    child.expect("Run this step")
    child.sendline("q")
    child.expect("status aborted")
    assert finish(child) == 1
    assert (tmp_path / "trace.log").read_text() == "one\n"
    with journal(tmp_path) as j:
        run = j.runs()[0]
        ends = {e.step: e.data["status"] for e in j.events(run.id) if e.kind == "step_end"}
    assert run.status == "aborted" and ends == {1: "done", 2: "skipped"}


TROUBLE = """# Runbook: Failing deploy

## Procedure
### Step 1: Prepare
```bash
echo prepared >> trace.log
```

### Step 2: Deploy
```bash
echo "Error: ImagePullBackOff for app:v2" >&2; exit 1
```

## Rollback
### If step 1 fails
```bash
echo undo-one >> trace.log
```

### If step 2 fails
```bash
echo undo-two >> trace.log
```

## Troubleshooting
### Error: ImagePullBackOff
**Cause**: the image tag does not exist.
**Solution**: check the tag in the registry.

### Error: CrashLoopBackOff
**Cause**: the app crashes.

## Contacts
- **Escalation**: @cto
"""


def test_failure_shows_matching_troubleshooting_then_rollback(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(TROUBLE)
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect("Matches: Error: ImagePullBackOff")
    child.expect("the image tag does not exist")
    child.expect(r"\[r\]etry / \[s\]kip / \[b\] rollback / \[e\]scalate")
    child.sendline("e")
    child.expect("Escalation: @cto")
    child.expect(r"\[a\]bort")
    child.sendline("b")
    child.expect("Rollback: If step 2 fails")
    child.expect("Run this rollback")
    child.sendline("y")
    child.expect("Rollback: If step 1 fails")
    child.expect("Run this rollback")
    child.sendline("y")
    child.expect("status rolled_back")
    assert finish(child) == 1
    # Latest first: the case for step 2, then the one for step 1.
    assert (tmp_path / "trace.log").read_text() == "prepared\nundo-two\nundo-one\n"
    with journal(tmp_path) as j:
        events = j.events(j.runs()[0].id)
    matched = [e.data["matched"] for e in events if e.kind == "troubleshooting"]
    assert matched == [["Error: ImagePullBackOff"]]
    choices = [e.data["choice"] for e in events if e.kind == "decision"]
    assert choices == ["escalate", "rollback"]


SLEEPY = """# Runbook: Sleepy

## Procedure
### Step 1: Wait
```bash
echo $$ > sleeper.pid
sleep 60
```
"""


def test_ctrl_c_kills_the_command_then_second_ctrl_c_interrupts(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(SLEEPY)
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect(r"\$ \(script\)")
    pid_file = tmp_path / "sleeper.pid"
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.05)
    pid = int(pid_file.read_text())
    child.sendintr()
    child.expect("Command stopped")
    child.expect(r"\[a\]bort")
    _gone(pid)
    child.sendintr()
    child.expect("recorded as interrupted")
    assert finish(child) == 130
    with journal(tmp_path) as j:
        run = j.runs()[0]
        kinds = [e.kind for e in j.events(run.id)]
    assert run.status == "interrupted" and "step_failed" in kinds


def _gone(pid: int) -> None:
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    pytest.fail(f"process {pid} survived Ctrl-C")


RESUMABLE = """# Runbook: Resumable

## Procedure
### Step 1: One
```bash
echo one >> trace.log
```

### Step 2: Two
```bash
echo two >> trace.log
if [ ! -e first-pass ]; then touch first-pass; echo $$ > step2.pid; echo waiting; sleep 60; fi
```

### Step 3: Three
```bash
echo three >> trace.log
```
"""


def test_kill_9_then_resume_continues_at_the_unfinished_step(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(RESUMABLE)
    child = spawn(tmp_path, "rb.md", "--yes", "--var", "COLOUR=blue")
    child.expect(r"\nwaiting\r?\n")
    child.kill(signal.SIGKILL)
    child.close()
    os.kill(int((tmp_path / "step2.pid").read_text()), signal.SIGKILL)  # its own group
    with journal(tmp_path) as j:
        run = j.runs()[0]
        before = j.events(run.id)
    assert run.status == "running"
    assert [e.step for e in before if e.kind == "step_end"] == [1]

    child = spawn(tmp_path, "rb.md", "--resume", "--yes")
    child.expect(f"Resuming run {run.id} at step 2 of 3")
    child.expect("status completed")
    assert finish(child) == 0
    assert (tmp_path / "trace.log").read_text() == "one\ntwo\ntwo\nthree\n"
    with journal(tmp_path) as j:
        runs = j.runs()
        after = j.events(run.id)
    assert [r.id for r in runs] == [run.id] and runs[0].status == "completed"
    assert [e.id for e in after[:len(before)]] == [e.id for e in before]  # nothing lost
    assert [e.step for e in after if e.kind == "step_end"] == [1, 2, 3]
    assert runs[0].variables["COLOUR"] == "blue"


def test_resume_warns_when_the_runbook_changed(tmp_path: Path, cli,
                                               write_runbook: WriteRunbook) -> None:
    path = write_runbook(THREE_STEPS)
    first = cli("run", "rb.md", input="r\nq\n")
    assert first.returncode == 1
    path.write_text(THREE_STEPS.replace("Third", "Third, changed"), encoding="utf-8")
    again = cli("run", "rb.md", "--resume", "--yes", input="y\n")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "has changed since run" in again.stdout
    assert "Go on with this run? [y]es / [q]uit" in again.stdout
    runs = json.loads(cli("runs", "--format", "json").stdout)
    assert len(runs) == 1 and runs[0]["status"] == "completed"
