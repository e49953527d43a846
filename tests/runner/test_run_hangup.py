"""A closed terminal (SIGHUP) or a kill (SIGTERM) during ``runwright run``: the running
command is stopped with its process group, the run is journalled as interrupted (resumable),
and nothing is left running unsupervised. Stop signals that follow the first one (a hang-up
comes from the terminal and again from the login shell) do not cut the stop short."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator, Mapping
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
{command}
```
"""
WAIT = "echo $$ > step2.pid; echo waiting; sleep 120; echo finished >> trace.log"
#: Takes its time to stop: on SIGTERM it notes it and sleeps on, until SIGKILL.
SLOW_TO_STOP = ("trap 'echo stopping > stopping.flag; sleep 60' TERM; echo $$ > step2.pid; "
                "echo waiting; sleep 120 & wait; echo finished >> trace.log")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(tmp_path: Path, command: str) -> tuple[pexpect.spawn, int]:
    (tmp_path / "rb.md").write_text(LONG.format(command=command), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    env.pop("RUNWRIGHT_JOURNAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "runwright", "run", "rb.md", "--yes"],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30)
    child.expect(r"\nwaiting\r\n")  # the output, not the command shown before it
    return child, int((tmp_path / "step2.pid").read_text())


def _exit_status(child: pexpect.spawn) -> int | None:
    """Wait for runwright to exit by itself. After a hang-up it lets go of the terminal before
    it has finished, so ``close()`` (which hangs up, interrupts and kills a child that has not
    exited 0.1 s after the end of its output) would race it."""
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    status: int | None = child.exitstatus
    return status


def _check_stopped(tmp_path: Path, shell_pid: int, status: int | None) -> None:
    survived = _alive(shell_pid)
    if survived:
        os.killpg(shell_pid, signal.SIGKILL)  # do not leave it behind when the test fails
    assert not survived, "the step's command outlived runwright"
    assert status == 130
    assert (tmp_path / "trace.log").read_text() == "started\n"
    with Journal.open(str(tmp_path / "state" / "journal.db")) as journal:
        run = journal.runs()[0]
        events = journal.events(run.id)
    assert run.status == "interrupted" and run.ended_at is not None
    ends = [e for e in events if e.kind == "command_end" and e.step == 2]
    assert len(ends) == 1 and ends[0].data["interrupted"] is True
    assert [e.data["status"] for e in events if e.kind == "step_end"] == ["done", "interrupted"]
    assert events[-1].kind == "run_end" and events[-1].data["status"] == "interrupted"


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_stop_signal_interrupts_the_run(tmp_path: Path, write_runbook: WriteRunbook,
                                        sig: signal.Signals) -> None:
    child, shell_pid = _start(tmp_path, WAIT)
    os.kill(child.pid, sig)
    _check_stopped(tmp_path, shell_pid, _exit_status(child))


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_later_stop_signals_do_not_cut_the_stop_short(tmp_path: Path,
                                                      write_runbook: WriteRunbook,
                                                      sig: signal.Signals) -> None:
    child, shell_pid = _start(tmp_path, SLOW_TO_STOP)
    os.kill(child.pid, sig)
    flag = tmp_path / "stopping.flag"
    deadline = time.monotonic() + 30
    while not flag.exists() and time.monotonic() < deadline:  # runwright is killing the group
        time.sleep(0.02)
    assert flag.exists(), "the command never received SIGTERM"
    for again in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        os.kill(child.pid, again)
    _check_stopped(tmp_path, shell_pid, _exit_status(child))


class _InterruptingEnviron(Mapping[str, str]):
    """An environment whose reading, while the command is being started, is hit by Ctrl-C
    (SIGINT sent to runwright itself)."""

    def __init__(self) -> None:
        self.data = dict(os.environ)

    def __getitem__(self, key: str) -> str:
        return self.data[key]

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[str]:
        os.kill(os.getpid(), signal.SIGINT)
        return iter(self.data)


def test_ctrl_c_while_the_command_starts_stops_the_command(tmp_path: Path) -> None:
    """A Ctrl-C that comes while the command is being started is raised once runwright holds
    the command: the command is stopped and reported interrupted, not left running."""
    from runwright.runner.shell import run_command

    try:
        result = run_command(f"echo $$ > {tmp_path}/pid; sleep 30", env=_InterruptingEnviron(),
                             cwd=tmp_path)
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C during the start escaped run_command: the command was not stopped")
    assert result.interrupted and result.exit_status is None
    pid_file = tmp_path / "pid"
    if pid_file.exists() and pid_file.read_text().strip():
        assert not _alive(int(pid_file.read_text()))
