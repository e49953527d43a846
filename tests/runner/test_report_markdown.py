"""``runwright report``: multi-line commands as code blocks, and never a Python repr."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import WriteRunbook

RUNBOOK = """---
variables:
  REGION:
    default: eu-west-1
---
# Runbook: Report check

## Prerequisites
- [ ] Access to the cluster

## Procedure
### Step 1: Script
```bash
echo first
echo "second | pipe"
echo 'with `backticks`'
```

### Step 2: Capture
```bash {capture=WHO}
echo alice
```
```expect
alice
```

### Step 3: Fails
```bash
echo "boom: connection refused" >&2; exit 3
```

## Rollback
### If step 3 fails
```bash
echo undo
```

## Troubleshooting
### Error: connection refused
**Cause**: the server is down.
**Solution**: start it.

## Verification
- [ ] Service answers
"""

RESUMABLE = """# Runbook: Resume check

## Procedure
### Step 1: One
```bash
echo one
```

### Step 2: Two
```bash
echo two
```

## Verification
- [ ] Answers

  ```bash
  echo ok
  ```
- [ ] Looks right
"""

#: What a Python repr of a journalled value looks like in text.
REPR = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\[\s*'|\{\s*'|\['|': ")


def _report(cli, run_id: str | None = None) -> str:  # type: ignore[no-untyped-def]
    if run_id is None:
        run_id = json.loads(cli("runs", "--format", "json").stdout)[0]["id"]
    result = cli("report", run_id)
    assert result.returncode == 0, result.stderr
    return str(result.stdout)


def test_multiline_commands_are_code_blocks_and_no_repr_leaks(
        cli, write_runbook: WriteRunbook) -> None:  # type: ignore[no-untyped-def]
    write_runbook(RUNBOOK)
    run = cli("run", "rb.md", input="y\nr\nr\nr\nb\ny\n")
    assert run.returncode == 1, run.stdout + run.stderr
    report = _report(cli)
    assert not REPR.search(report), REPR.search(report)
    timeline = report.split("## Timeline", 1)[1].split("## Commands", 1)[0]
    commands = report.split("## Commands", 1)[1]
    # The script is a code block, line for line, under its own heading.
    assert "| step 1, command 1: script of 3 lines (below) |" in timeline
    assert ("```shell\necho first\necho \"second | pipe\"\necho 'with `backticks`'\n```"
            in commands)
    # Single-line commands are code spans in the timeline (pipes escaped), and blocks below.
    assert "| step 3, command 1: `echo \"boom: connection refused\" >&2; exit 3` |" in timeline
    assert "```shell\necho undo\n```" in commands
    assert "```text\nboom: connection refused\n```" in commands
    assert "Exit 3 after" in commands
    for line in (
        "prerequisite \u201cAccess to the cluster\u201d: met",
        "variables: `REGION=eu-west-1`",
        "captured `WHO`: `alice`",
        "expect passed: expectations met",
        "troubleshooting shown: Error: connection refused |",
        "rollback \u201cIf step 3 fails\u201d: run",
        "rollback of step 3, command 1: `echo undo`",
        "run ended: **rolled_back**",
    ):
        assert line in timeline, line
    # Every table row is one row: no line break leaked into a cell.
    rows = [line for line in timeline.splitlines() if line.startswith("|")]
    assert all(line.endswith("|") for line in rows)


def test_resume_verification_and_answers_read_as_words(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_runbook(RESUMABLE)
    first = cli("run", "rb.md", input="r\nq\n")
    assert first.returncode == 1, first.stdout + first.stderr
    resumed = cli("run", "rb.md", "--resume", input="r\ny\n")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    report = _report(cli)
    assert not REPR.search(report), REPR.search(report)
    assert "operator chose **quit**" in report
    assert re.search(r"resumed at step 2 by \S+ on \S+ \|", report)
    assert "verification command 1: `echo ok`" in report
    assert "verification \u201cAnswers\u201d: passed" in report
    assert "verification \u201cLooks right\u201d: yes" in report
    assert "### " in report and "```shell\necho ok\n```" in report


def test_code_spans_hold_any_backticks() -> None:
    from runwright.runner.report import code_block, code_span, text

    assert code_span("ls") == "`ls`"
    assert code_span("echo `date`") == "`` echo `date` ``"
    assert code_block("a\n```\nb\n")[0] == "````"
    assert [text(v) for v in (None, True, False, ["a", "b"], {"k": None}, 1.5, [])] == [
        "-", "yes", "no", "a, b", "k=-", "1.5", "-"]
