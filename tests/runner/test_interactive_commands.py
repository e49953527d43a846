"""``{interactive}`` commands get the terminal (real pseudo-terminal, pexpect): they can read
it (a password prompt from /dev/tty, stdin), Ctrl-C and timeouts stop them, runwright takes the
terminal back with its modes, and without a terminal or unattended they do not hang."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .conftest import WriteRunbook
from .test_interactive_pty import finish, journal, spawn

ASK = """# Runbook: Ask the operator

## Procedure
### Step 1: Password from the terminal, as sudo asks it
```bash {interactive timeout=20s}
printf 'Password: ' > /dev/tty
IFS= read -rs secret < /dev/tty
printf '\\n' > /dev/tty
echo "got ${#secret} characters" > got.txt
```

### Step 2: A name from stdin
```bash {interactive timeout=20s}
read -r name
echo "hello $name"
```
**Expected result**: it greets.
"""


def test_an_interactive_command_reads_the_terminal(tmp_path: Path,
                                                   write_runbook: WriteRunbook) -> None:
    write_runbook(ASK)
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect("Password: ")
    child.sendline("s3cret!")  # not echoed: the command turned echo off, as sudo does
    child.expect("Step 1 done")
    assert "s3cret!" not in child.before
    assert (tmp_path / "got.txt").read_text() == "got 7 characters\n"
    child.expect(r"\$ \(script\)")
    time.sleep(0.3)
    child.sendline("Bob")
    child.expect("hello Bob")
    child.expect("Step 2 done")
    assert finish(child) == 0
    with journal(tmp_path) as j:
        run = j.runs()[0]
        ends = [e for e in j.events(run.id) if e.kind == "command_end"]
    assert [e.data["exit_status"] for e in ends] == [0, 0]
    assert all(e.data["output"] == "(interactive: shown on the terminal, not kept)"
               for e in ends)


WAITS = """# Runbook: Waits for input

## Procedure
### Step 1: Wait
```bash {interactive timeout=2s}
read -r answer < /dev/tty
```

### Step 2: After
```bash
echo after > after.txt
```
"""


def test_timeout_and_the_terminal_comes_back_with_its_modes(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    """The command turns echo off and never answers: the timeout stops it, and runwright's own
    question afterwards is typed with echo on again."""
    write_runbook(WAITS.replace("read -r answer < /dev/tty",
                                "stty -echo\nread -r answer < /dev/tty"))
    child = spawn(tmp_path, "rb.md")
    child.expect("Run this step")
    child.sendline("r")
    child.expect("timed out after 2s", timeout=20)
    child.expect(r"\[a\]bort")
    child.sendline("skip")
    child.expect(r"Run this step\? \[r\]un / \[s\]kip / \[q\]uit \(r\): ")
    child.send("rEcHoEd")
    child.expect("rEcHoEd")  # echoed: the terminal's modes are back
    child.sendline("")
    child.expect("Step 2 done")
    child.expect("status failed")  # step 1 failed (and was skipped)
    assert finish(child) == 1
    assert (tmp_path / "after.txt").read_text() == "after\n"


def test_ctrl_c_goes_to_the_interactive_command(tmp_path: Path,
                                                 write_runbook: WriteRunbook) -> None:
    write_runbook(WAITS.replace("timeout=2s", "timeout=60s"))
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect(r"\$ read")
    time.sleep(0.5)
    child.sendintr()
    child.expect(r"Command stopped \(Ctrl-C\)")
    child.expect(r"\[a\]bort")
    child.sendline("a")
    assert finish(child) == 1
    with journal(tmp_path) as j:
        run = j.runs()[0]
        end = next(e for e in j.events(run.id) if e.kind == "command_end")
    assert end.data["interrupted"] is True and end.data["exit_status"] is None
    assert run.status == "failed"


def test_without_a_terminal_it_runs_with_its_input_closed(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(WAITS.replace("read -r answer < /dev/tty", "read -r answer || echo EOF"))
    env = {**os.environ, "NO_COLOR": "1", "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    env.pop("RUNWRIGHT_JOURNAL", None)
    proc = subprocess.run([sys.executable, "-m", "runwright", "run", "rb.md", "--yes"],
                          cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60, start_new_session=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no terminal to give it" in proc.stdout
    assert "EOF" in proc.stdout


def test_unattended_test_skips_interactive_steps(tmp_path: Path, write_runbook: WriteRunbook,
                                                  cli) -> None:
    write_runbook(WAITS)
    r = cli("test", "rb.md", "--allow-mutating", cwd=tmp_path,
            env={"RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "interactive (needs an operator at a terminal)" in r.stdout
    assert (tmp_path / "after.txt").read_text() == "after\n"


CHECKED = """# Runbook: Checks an interactive command

## Procedure
### Step 1: Greet
```bash {interactive}
echo hello
```

```expect
hello
```
"""


def test_expected_output_of_an_interactive_command_is_an_honest_failure(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(CHECKED)
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect("expected output cannot be checked: the output of an interactive command")
    child.expect(r"\[a\]bort")
    child.sendline("a")
    assert finish(child) == 1


SLOW = """# Runbook: Slow

## Procedure
### Step 1: Slow
```bash {interactive timeout=30s}
sleep 2
echo done > done.txt
```
"""


def test_ctrl_z_does_not_leave_the_interactive_command_stopped(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    """Nothing but runwright waits for the command: a Ctrl-Z must not leave it stopped."""
    write_runbook(SLOW)
    child = spawn(tmp_path, "rb.md", "--yes")
    child.expect(r"\$ \(script\)")
    time.sleep(0.5)
    child.sendcontrol("z")
    child.expect("Step 1 done", timeout=20)
    assert finish(child) == 0
    assert (tmp_path / "done.txt").read_text() == "done\n"


def test_a_command_stopped_for_reading_the_terminal_is_ended_with_a_hint(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    """Not marked interactive: the system stops it when it reads the terminal (a background
    job); runwright sees that in /proc, ends it and says what to do, instead of waiting for
    its timeout."""
    write_runbook(WAITS.replace("{interactive timeout=2s}", "{timeout=120s}"))
    child = spawn(tmp_path, "rb.md", "--yes")  # expects wait 30 s, a quarter of the timeout
    child.expect(r"Step 1 failed: the command stopped to read the terminal \(a password "
                 r"prompt\?\), which runwright keeps for itself: mark its block \{interactive\}")
    child.expect(r"\[a\]bort")
    assert "timed out" not in child.before
    child.sendline("a")
    assert finish(child) == 1
