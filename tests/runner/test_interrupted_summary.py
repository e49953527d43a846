"""A step interrupted by Ctrl-C is counted and shown as interrupted: summary, journal, report."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect

from runwright.runner.journal import Journal

from .conftest import WriteRunbook

TWO_STEPS = """# Runbook: Two steps

## Procedure
### Step 1: First
```bash
echo one >> trace.log
```

### Step 2: Second
```bash
echo two >> trace.log
```
"""


def _spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    env.pop("RUNWRIGHT_JOURNAL", None)
    return pexpect.spawn(sys.executable, ["-m", "runwright", *args], cwd=str(tmp_path),
                         env=env, encoding="utf-8", timeout=30, dimensions=(40, 200))


def _interrupt_at_step_two(tmp_path: Path) -> str:
    child = _spawn(tmp_path, "run", "rb.md")
    child.expect(r"Run this step\?")
    child.sendline("r")
    child.expect("Step 1 done")
    child.expect(r"Run this step\?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    return str(child.before)


def test_summary_counts_the_interrupted_step(tmp_path: Path,
                                             write_runbook: WriteRunbook) -> None:
    write_runbook(TWO_STEPS)
    out = _interrupt_at_step_two(tmp_path)
    assert "1 done, 0 skipped, 0 failed, interrupted: step 2" in out
    step_lines = [line for line in out.splitlines() if line.strip().startswith("Step 2 ")]
    assert any("interrupted" in line for line in step_lines), out
    with Journal.open(str(tmp_path / "state" / "journal.db")) as j:
        run = j.runs()[0]
        ends = [e for e in j.events(run.id) if e.kind == "step_end"]
    assert run.status == "interrupted"
    assert [(e.step, e.data["status"]) for e in ends] == [(1, "done"), (2, "interrupted")]


def test_report_shows_the_interrupted_step_and_resume_reruns_it(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(TWO_STEPS)
    _interrupt_at_step_two(tmp_path)
    listed = _spawn(tmp_path, "runs", "--format", "json")
    listed.expect(pexpect.EOF)
    run_id = json.loads(str(listed.before))[0]["id"]
    report = _spawn(tmp_path, "report", run_id)
    report.expect(pexpect.EOF)
    text = str(report.before)
    assert "**Interrupted**: step 2" in text
    assert "step 2 interrupted" in text
    resumed = _spawn(tmp_path, "run", "rb.md", "--resume", "--yes")
    resumed.expect("Resuming run")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    assert (tmp_path / "trace.log").read_text() == "one\ntwo\n"
