"""Accepted exit statuses (``{exit=0|3}`` on a command block or its ``expect`` block):
parsed, shown, and honoured by ``run`` and ``test`` (through the real entry point)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from .conftest import WriteRunbook

RUNBOOK = """# Runbook: Statuses

## Procedure

### Step 1: A unit that is stopped

```bash {readonly exit=0|3}
(exit 3)
```

### Step 2: No match is an answer

```bash {readonly}
echo "no match"; (exit 1)
```

```expect {exit=0,1}
no match
```

### Step 3: A status nobody accepted

```bash {readonly exit="0,3"}
(exit 4)
```
"""


def test_accepted_statuses_in_test_and_run(cli, write_runbook: WriteRunbook,
                                           tmp_path: Path) -> None:
    write_runbook(RUNBOOK)
    junit = "junit.xml"
    tested = cli("test", "rb.md", "--junit", junit)
    assert tested.returncode == 1, tested.stdout + tested.stderr
    lines = [line.split() for line in tested.stdout.splitlines() if line.startswith("  Step")]
    assert [(w[1], w[2]) for w in lines] == [("1", "done"), ("2", "done"), ("3", "failed")]
    assert "exit status 4, expected 0 or 3" in tested.stdout
    failure = ET.parse(tmp_path / junit).getroot().find(".//failure")
    assert failure is not None and failure.get("message") == "exit status 4, expected 0 or 3"

    ran = cli("run", "rb.md", "--yes", input="a\n")  # step 3 fails: abort
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "✓ Step 1 done" in ran.stdout and "✓ Step 2 done" in ran.stdout
    assert "Step 3 failed: exit status 4, expected 0 or 3" in ran.stdout


def test_statuses_are_parsed_and_shown(cli, write_runbook: WriteRunbook) -> None:
    write_runbook(RUNBOOK)
    shown = json.loads(cli("show", "rb.md", "--format", "json").stdout)
    steps = shown["steps"]
    assert steps[1]["expectations"][0]["exits"] == [0, 1]
    assert steps[1]["expectations"][0]["exit"] == 0
    assert steps[0]["commands"][0]["attributes"]["exit"] == "0|3"
    assert steps[2]["commands"][0]["attributes"]["exit"] == "0,3"
    dry = cli("run", "rb.md", "--dry-run")
    assert "expect: no match exit=0|1" in dry.stdout


def test_a_status_that_is_not_one_is_a_problem(cli, write_runbook: WriteRunbook) -> None:
    write_runbook(RUNBOOK.replace("exit=0|3}", "exit=0|300}"))
    linted = cli("lint", "rb.md", "--format", "json")
    messages = [p["message"] for p in json.loads(linted.stdout)]
    assert any("exit='0|300' is not an exit status (0 to 255)" in m for m in messages), \
        messages
