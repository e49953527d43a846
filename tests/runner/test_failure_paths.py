"""Saying why it failed, and failure paths, through the real ``runwright`` command: the end of
the failing command's output on the terminal (``run`` and ``test``) and in ``report``, masked;
every lacking variable named at once; "no" to the expected result offers the troubleshooting
that matches the step's output; end of input journals the failed step; a failed verification
item is named in the summary."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import WriteRunbook
from .test_interactive_pty import finish, journal, spawn

SECRET_VALUE = "s3cr3t-Value-42"

MISSING_TOOL = """---
variables:
  TOKEN:
    description: API token
    secret: true
---
# Runbook: Status

## Procedure
### Step 1: Look
```bash {readonly}
echo "first line"
echo "using token $TOKEN: connection to the server 10.0.0.1:6443 was refused" >&2
no-such-tool-xyz status api
```
"""


def test_test_and_report_show_the_end_of_the_failing_output(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(MISSING_TOOL)
    result = cli("test", "rb.md", "--var", f"TOKEN={SECRET_VALUE}")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    failed = next(i for i, line in enumerate(lines) if "Step 1" in line and "failed" in line)
    shown = "\n".join(lines[failed + 1:failed + 4])
    assert "| first line" in shown
    assert "| using token ****: connection to the server 10.0.0.1:6443 was refused" in shown
    assert "no-such-tool-xyz: command not found" in shown
    run_id = json.loads(cli("runs", "--format", "json").stdout)[0]["id"]
    report = cli("report", run_id)
    assert report.returncode == 0
    why = report.stdout.split("## Why it failed", 1)[1].split("\n## ", 1)[0]
    assert "**Step 1**: exit status 127, expected 0, last lines of output:" in why
    assert "no-such-tool-xyz: command not found" in why
    assert "using token ****: connection to the server" in why
    assert SECRET_VALUE not in result.stdout + report.stdout


def test_run_shows_the_end_of_the_failing_output(tmp_path: Path,
                                                 write_runbook: WriteRunbook) -> None:
    write_runbook(MISSING_TOOL)
    child = spawn(tmp_path, "rb.md", "--yes", "--var", f"TOKEN={SECRET_VALUE}")
    child.expect("Step 1 failed: exit status 127, expected 0")
    child.expect("last lines of output:")
    child.expect(r"\| using token \*\*\*\*: connection to the server")
    child.expect(r"\| .*no-such-tool-xyz: command not found")
    child.expect(r"\[a\]bort")
    child.sendline("a")
    child.expect("status failed")
    assert SECRET_VALUE not in (child.before or "")
    assert finish(child) == 1


TWO_VARIABLES = """---
variables:
  VERSION:
    description: the release to deploy
  REGION:
    description: where to deploy it
    choices: [eu, us]
  REPLICAS:
    default: "3"
---
# Runbook: Deploy

## Procedure
### Step 1: Deploy
```bash {readonly}
echo "$VERSION $REGION"
```
"""


def test_lacking_variables_are_named_all_at_once(cli, tmp_path: Path,
                                                 write_runbook: WriteRunbook) -> None:
    write_runbook(TWO_VARIABLES)
    result = cli("test", "rb.md", env={"REGION": "asia"})
    assert result.returncode == 1
    assert ("2 variables without a usable value:\n"
            "    VERSION (the release to deploy): has no value\n"
            "    REGION (where to deploy it): 'asia' must be one of: eu, us") in result.stdout
    assert "pass --var VERSION=VALUE --var REGION=VALUE" in result.stdout
    assert "REPLICAS" not in result.stdout
    interactive = cli("run", "rb.md", input="")
    assert interactive.returncode == 1
    assert ("Variables still without a value: VERSION (the release to deploy): has no value; "
            "REGION (where to deploy it): has no value") in interactive.stdout


NOT_AS_EXPECTED = """# Runbook: Rollout

## Procedure
### Step 1: Watch the rollout
```bash
echo "pod api-1: Error: ImagePullBackOff"
```
**Expected result**: every pod is Running

## Troubleshooting
### Error: ImagePullBackOff
**Cause**: the image tag does not exist.

### Error: OOMKilled
**Cause**: the pod ran out of memory.
"""


def test_no_to_the_expected_result_offers_the_matching_troubleshooting(
        tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(NOT_AS_EXPECTED)
    child = spawn(tmp_path, "rb.md")
    child.expect("Run this step")
    child.sendline("r")
    child.expect(r"Is that what you see\? \[y\]es / \[n\]o")
    child.sendline("n")
    child.expect("Step 1 failed: result not as expected")
    child.expect("Matches: Error: ImagePullBackOff")
    child.expect("the image tag does not exist")
    child.expect(r"\[o\]ther troubleshooting / \[a\]bort")
    assert "OOMKilled" not in (child.before or "")
    child.sendline("a")
    assert finish(child) == 1
    with journal(tmp_path) as j:
        events = j.events(j.runs()[0].id)
    assert [e.data["matched"] for e in events if e.kind == "troubleshooting"] == \
        [["Error: ImagePullBackOff"]]


FAILS = """# Runbook: Fails

## Procedure
### Step 1: Fail
```bash
echo broken >&2; exit 4
```

### Step 2: Never reached
```bash
echo two
```
"""


def test_end_of_input_at_the_failure_menu_journals_the_failed_step(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(FAILS)
    result = cli("run", "rb.md", "--yes", input="")
    assert result.returncode == 1
    assert "No more answers on standard input: run aborted." in result.stdout
    assert "0 done, 0 skipped, 1 failed" in result.stdout
    assert "status aborted" in result.stdout
    with journal(tmp_path) as j:
        run = j.runs()[0]
        ends = [(e.step, e.data["status"], e.data["reason"]) for e in j.events(run.id)
                if e.kind == "step_end"]
    assert run.status == "aborted"
    assert ends == [(1, "failed", "exit status 4, expected 0")]


VERIFIED = """# Runbook: Verified

## Procedure
### Step 1: Do
```bash
echo done
```

## Verification
- [ ] The service answers
  ```bash
  exit 1
  ```
- [ ] The logs are clean
  ```bash
  true
  ```
"""


def test_a_failed_verification_item_is_named_in_the_summary(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(VERIFIED)
    result = cli("run", "rb.md", "--yes")
    assert result.returncode == 1
    summary = result.stdout.split("\nSummary\n", 1)[1]
    assert "verification failed: The service answers" in summary
    assert "The logs are clean" not in summary
    assert "status failed" in summary
