"""Rollback and destructive confirmations, driven through ``runwright run`` in a real
pseudo-terminal: the run's status says what the rollback did, ``confirm`` rollback blocks and
retries of ``confirm`` steps ask for the typed step number, and no destructive prompt takes an
empty answer as yes."""

from __future__ import annotations

from pathlib import Path

import pexpect

from .conftest import WriteRunbook
from .test_interactive_pty import finish, journal, spawn

ROLLBACKS = """# Runbook: Deploy

## Procedure
### Step 1: Prepare
```bash
echo prepared >> trace.log
```

### Step 2: Deploy
```bash
echo deploy >> trace.log; exit 1
```

## Rollback
### If step 1 fails
```bash
echo undo-one >> trace.log
```

### If step 2 fails
```bash {undo_two}
echo undo-two >> trace.log{fail_two}
```
"""


def _runbook(write_runbook: WriteRunbook, undo_two: str = "", fail_two: str = "") -> None:
    write_runbook(ROLLBACKS.replace("{undo_two}", undo_two).replace("{fail_two}", fail_two))


def _to_rollback(child: pexpect.spawn) -> None:
    child.expect(r"\[a\]bort")
    child.sendline("b")


def _status(tmp_path: Path) -> tuple[str, list[str]]:
    with journal(tmp_path) as j:
        run = j.runs()[0]
        kinds = [e.kind for e in j.events(run.id)]
    return run.status, kinds


def _trace(tmp_path: Path) -> str:
    return (tmp_path / "trace.log").read_text()


def test_every_chosen_rollback_succeeded_is_rolled_back(tmp_path: Path,
                                                         write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook)
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("Rollback: If step 2 fails")
    child.expect(r"Run this rollback\? \[y\]es / \[n\]o / \[q\]uit rollback: ")
    child.sendline("y")
    child.expect("Rollback: If step 1 fails")
    child.expect("Run this rollback")
    child.sendline("n")  # declining one case after running another is still a rollback
    child.expect("status rolled_back")
    assert finish(child) == 1
    assert _trace(tmp_path) == "prepared\ndeploy\nundo-two\n"
    assert _status(tmp_path)[0] == "rolled_back"


def test_a_failed_rollback_command_is_rollback_failed_and_stops(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook, fail_two="; echo 'cannot undo' >&2; exit 3")
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("Run this rollback")
    child.sendline("y")
    child.expect("Rollback command failed: the rollback stops here")
    child.expect("status rollback_failed")
    assert finish(child) == 1
    assert "undo-one" not in _trace(tmp_path)  # the next case was not offered
    status, kinds = _status(tmp_path)
    assert status == "rollback_failed" and "rollback_failed" in kinds


def test_no_to_every_case_is_rollback_declined(tmp_path: Path,
                                               write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook)
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("Rollback: If step 2 fails")
    child.expect("Run this rollback")
    child.sendline("")  # no default: asked again
    child.expect("answer one of: y, n, q")
    child.expect("Run this rollback")
    child.sendline("n")
    child.expect("Rollback: If step 1 fails")
    child.expect("Run this rollback")
    child.sendline("n")
    child.expect("No rollback was run")
    child.expect("status rollback_declined")
    assert finish(child) == 1
    assert _trace(tmp_path) == "prepared\ndeploy\n"
    assert _status(tmp_path)[0] == "rollback_declined"


def test_quitting_the_rollback_before_any_case_is_rollback_declined(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook)
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("Run this rollback")
    child.sendline("q")
    child.expect("status rollback_declined")
    assert finish(child) == 1
    assert _status(tmp_path)[0] == "rollback_declined"


def test_confirm_rollback_block_asks_for_the_typed_step_number(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook, undo_two="{confirm}")
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("Run this rollback")
    child.sendline("y")
    child.expect(r"Destructive rollback: type the step number \(2\) to run it: ")
    child.sendline("y")  # not the number
    child.expect("Not confirmed")
    child.expect("Run this rollback")
    child.sendline("y")
    child.expect(r"type the step number \(2\)")
    child.sendline("2")
    child.expect("Rollback: If step 1 fails")
    child.expect("Run this rollback")
    child.sendline("q")
    child.expect("status rolled_back")
    assert finish(child) == 1
    assert _trace(tmp_path) == "prepared\ndeploy\nundo-two\n"
    with journal(tmp_path) as j:
        events = j.events(j.runs()[0].id)
    assert [e.data["confirmed"] for e in events if e.kind == "confirmation"] == [False, True]


def test_yes_destructive_runs_confirm_rollbacks_without_asking(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    _runbook(write_runbook, undo_two="{confirm}")
    child = spawn(tmp_path, "rb.md", "--yes", "--yes-destructive")
    _to_rollback(child)
    child.expect("status rolled_back")
    assert finish(child) == 1
    assert _trace(tmp_path) == "prepared\ndeploy\nundo-two\nundo-one\n"


CONFIRM_STEP = """# Runbook: Purge

## Procedure
### Step 1: Purge the cache
```bash {confirm}
echo purge >> trace.log; test -e second-try || { touch second-try; exit 1; }
```
"""


def test_retrying_a_confirm_step_asks_again(tmp_path: Path,
                                            write_runbook: WriteRunbook) -> None:
    write_runbook(CONFIRM_STEP)
    child = spawn(tmp_path, "rb.md")
    child.expect("Run this step")
    child.sendline("r")
    child.expect(r"Destructive step: type the step number \(1\) to run it: ")
    child.sendline("1")
    child.expect(r"\[a\]bort")
    child.sendline("r")
    child.expect(r"Destructive step: type the step number \(1\) to run it: ")
    child.sendline("no")
    child.expect("Not confirmed")
    child.expect(r"\[a\]bort")  # back at the menu, nothing ran
    assert _trace(tmp_path) == "purge\n"
    child.sendline("r")
    child.expect(r"type the step number \(1\)")
    child.sendline("1")
    child.expect("Step 1 done")
    child.expect("status completed")
    assert finish(child) == 0
    assert _trace(tmp_path) == "purge\npurge\n"


NO_ROLLBACK = """# Runbook: Nothing to undo

## Procedure
### Step 1: Fail
```bash
exit 1
```
"""


def test_rollback_without_a_documented_case_goes_back_to_the_menu(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(NO_ROLLBACK)
    child = spawn(tmp_path, "rb.md", "--yes")
    _to_rollback(child)
    child.expect("No rollback is documented in this runbook")
    child.expect(r"\[a\]bort")
    child.sendline("a")
    child.expect("status failed")
    assert finish(child) == 1
    assert _status(tmp_path)[0] == "failed"
