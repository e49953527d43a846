"""``runwright run --resume`` after the runbook changed: steps are matched by id, else by
title and command content, never by position; what changed is shown and the operator is
asked before the run goes on; a step that did not run in this run's history is never counted
as done."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import WriteRunbook
from .test_interactive_pty import finish, journal, spawn

ORIGINAL = """# Runbook: Deploy

## Procedure
### Step 1: Prepare
```bash
echo prepare >> trace.log
```

### Step 2: Deploy
```bash {id=deploy}
echo deploy >> trace.log; test -e go
```

### Step 3: Check
```bash
echo check >> trace.log
```

### Step 4: Announce
```bash
echo announce >> trace.log
```
"""
#: A step inserted at the top, "Prepare" moved down by one, "Deploy" renamed (same id),
#: "Check" given other commands, "Announce" removed.
CHANGED = """# Runbook: Deploy

## Procedure
### Step 1: Drain
```bash
echo drain >> trace.log
```

### Step 2: Prepare
```bash
echo prepare >> trace.log
```

### Step 3: Roll out
```bash {id=deploy}
echo roll-out >> trace.log; test -e go
```

### Step 4: Check
```bash
echo check-v2 >> trace.log
```
"""


def _first_run(tmp_path: Path, cli) -> str:
    """Prepare done, Deploy fails and the operator aborts (Check and Announce never start);
    the run id."""
    result = cli("run", "rb.md", "--yes", input="a\n")
    assert result.returncode == 1
    assert (tmp_path / "trace.log").read_text() == "prepare\ndeploy\n"
    return str(json.loads(cli("runs", "--format", "json").stdout)[0]["id"])


def test_resume_matches_steps_by_content_and_id_not_position(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    path = write_runbook(ORIGINAL)
    run_id = _first_run(tmp_path, cli)
    path.write_text(CHANGED, encoding="utf-8")
    (tmp_path / "go").touch()
    child = spawn(tmp_path, "rb.md", "--resume", "--yes")
    child.expect(f"has changed since run {run_id} started")
    child.expect(r"runs    Step 1: Drain \(not run yet in this run\)")
    child.expect(r"kept    Step 2: Prepare \(done, was step 1\)")
    child.expect(r"runs    Step 3: Roll out \(failed in this run\)")
    child.expect(r"runs    Step 4: Check \(not run yet in this run\)")
    child.expect(r"Go on with this run\? \[y\]es / \[q\]uit: ")
    child.sendline("y")
    child.expect(f"Resuming run {run_id} at step 1 of 4")
    child.expect("status completed")
    assert finish(child) == 0
    # Prepare is not run again; the inserted step and the others run once each.
    assert (tmp_path / "trace.log").read_text() == \
        "prepare\ndeploy\ndrain\nroll-out\ncheck-v2\n"
    with journal(tmp_path) as j:
        events = j.events(run_id)
    resume = next(e for e in events if e.kind == "resume")
    assert resume.data["changed"] is True and resume.data["kept"] == {"2": 1}
    after = events[events.index(resume):]
    assert [(e.step, e.data["status"]) for e in after if e.kind == "step_end"] == \
        [(1, "done"), (3, "done"), (4, "done")]


DONE_BY_ID = ORIGINAL.replace("test -e go", "true")
RENAMED = DONE_BY_ID.replace("### Step 2: Deploy", "### Step 2: Roll out").replace(
    "echo deploy >> trace.log; true", "echo roll-out >> trace.log").replace(
    "echo check >> trace.log", "echo check >> trace.log; test -e go")


def test_a_step_matched_by_id_is_kept_even_with_new_commands(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    path = write_runbook(DONE_BY_ID.replace("echo check >> trace.log",
                                            "echo check >> trace.log; test -e go"))
    first = cli("run", "rb.md", "--yes", input="a\n")  # Check fails: Prepare, Deploy done
    assert first.returncode == 1
    path.write_text(RENAMED, encoding="utf-8")
    (tmp_path / "go").touch()
    again = cli("run", "rb.md", "--resume", "--yes", input="y\n")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "kept    Step 2: Roll out (done, its commands changed since (matched by its id))" \
        in again.stdout
    assert (tmp_path / "trace.log").read_text() == \
        "prepare\ndeploy\ncheck\ncheck\nannounce\n"


def test_a_step_gone_from_the_runbook_is_listed(cli, tmp_path: Path,
                                                write_runbook: WriteRunbook) -> None:
    path = write_runbook(ORIGINAL)
    _first_run(tmp_path, cli)
    path.write_text(ORIGINAL.replace("### Step 1: Prepare\n```bash\necho prepare >> trace.log\n"
                                     "```\n\n", ""), encoding="utf-8")
    again = cli("run", "rb.md", "--resume", "--yes", input="q\n")
    assert "gone    step 1: Prepare (done in this run, no longer in the runbook)" in again.stdout


def test_declining_leaves_the_run_as_it_was(cli, tmp_path: Path,
                                            write_runbook: WriteRunbook) -> None:
    path = write_runbook(ORIGINAL)
    run_id = _first_run(tmp_path, cli)
    with journal(tmp_path) as j:
        before = [e.id for e in j.events(run_id)]
    path.write_text(CHANGED, encoding="utf-8")
    for answer in ("q\n", ""):  # quit, or no answer at all
        again = cli("run", "rb.md", "--resume", "--yes", input=answer)
        assert again.returncode == 1
        assert "Not resumed: the run is left as it was." in again.stdout
    with journal(tmp_path) as j:
        run = j.get_run(run_id)
        after = [e.id for e in j.events(run_id)]
    assert run is not None and run.status == "failed" and after == before
    assert (tmp_path / "trace.log").read_text() == "prepare\ndeploy\n"
