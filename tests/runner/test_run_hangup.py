"""A closed terminal (SIGHUP) or a kill (SIGTERM) during ``runwright run``: the running
command is stopped with its process group, the run is journalled as interrupted (resumable),
and nothing is left running unsupervised."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from runwright.runner.journal import Journal

from .conftest import WriteRunbook

LONG = """# Runbook: Long step

## Procedure
### Step 1: Start
```bash
echo started >> trace.log
```

### Step 2: Wait
```bash
echo $$ > step2.pid; echo waiting; sleep 120; echo finished >> trace.log
```
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_stop_signal_interrupts_the_run(tmp_path: Path, write_runbook: WriteRunbook,
                                        sig: signal.Signals) -> None:
    write_runbook(LONG)
    env = {**os.environ, "NO_COLOR": "1", "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    env.pop("RUNWRIGHT_JOURNAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "runwright", "run", "rb.md", "--yes"],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30)
    child.expect(r"\nwaiting\r\n")  # the output, not the command shown before it
    shell_pid = int((tmp_path / "step2.pid").read_text())
    os.kill(child.pid, sig)
    child.expect(pexpect.EOF)
    child.close()
    survived = _alive(shell_pid)
    if survived:
        os.killpg(shell_pid, signal.SIGKILL)  # do not leave it behind when the test fails
    assert not survived, "the step's command outlived runwright"
    assert child.exitstatus == 130
    assert (tmp_path / "trace.log").read_text() == "started\n"
    with Journal.open(str(tmp_path / "state" / "journal.db")) as journal:
        run = journal.runs()[0]
    assert run.status == "interrupted" and run.ended_at is not None
