"""``runwright run`` and ``test`` through the real entry point (piped stdin)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar
from xml.etree import ElementTree as ET

import pytest

from .conftest import WriteRunbook

ECHO = """---
variables:
  VALUE:
    description: anything
---
# Runbook: Echo

## Procedure
### Step 1: Echo
```bash
printf '%s\\n' "$VALUE"
```
"""


def test_variable_values_are_never_executed(cli, write_runbook: WriteRunbook,
                                            tmp_path: Path) -> None:
    write_runbook(ECHO)
    canary = tmp_path / "canary"
    victim = tmp_path / "victim"
    victim.mkdir()
    value = f"$(touch {canary}); rm -rf {victim}"
    result = cli("run", "rb.md", "--yes", "--var", f"VALUE={value}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert value in result.stdout
    assert not canary.exists() and victim.is_dir()
    # Same from a prompt answer.
    prompted = cli("run", "rb.md", "--yes", input=f"`touch {canary}`\n")
    assert prompted.returncode == 0 and not canary.exists()


def test_dry_run_runs_nothing(cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(ECHO.replace("printf '%s\\n' \"$VALUE\"", "touch dry-canary"))
    result = cli("run", "rb.md", "--dry-run", "--var", "VALUE=x")
    assert result.returncode == 0
    assert "touch dry-canary" in result.stdout and "VALUE=x" in result.stdout
    assert not (tmp_path / "dry-canary").exists()
    assert not (tmp_path / "state" / "journal.db").exists()


def test_bad_var_and_missing_file_are_usage_errors(cli, write_runbook: WriteRunbook) -> None:
    write_runbook(ECHO.replace("description: anything", "pattern: '[a-z]+'"))
    bad = cli("run", "rb.md", "--var", "VALUE=UPPER")
    assert bad.returncode == 2 and "Error: --var VALUE" in bad.stderr
    missing = cli("run", "nope.md")
    assert missing.returncode == 2 and "Error:" in missing.stderr
    assert "Traceback" not in missing.stderr + bad.stderr
    nothing = cli("run", "rb.md", "--resume")
    assert nothing.returncode == 2 and "no unfinished run" in nothing.stderr


STEPS = """# Runbook: Capture and greet

## Procedure
### Step 1: A
```bash {capture=WHO}
echo alice
```

### Step 2: B
```bash {confirm}
echo "hello $WHO" >> trace.log
```
"""


def test_capture_confirm_and_from(cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(STEPS)
    # --yes still asks to type the step number for a confirm step.
    refused = cli("run", "rb.md", "--yes", input="nope\n")
    assert refused.returncode == 1 and not (tmp_path / "trace.log").exists()
    typed = cli("run", "rb.md", "--yes", input="2\n")
    assert typed.returncode == 0
    assert (tmp_path / "trace.log").read_text() == "hello alice\n"
    skipped = cli("run", "rb.md", "--yes", "--yes-destructive", "--from", "2")
    assert skipped.returncode == 0
    assert (tmp_path / "trace.log").read_text() == "hello alice\nhello \n"
    assert "--from" in skipped.stdout
    assert cli("run", "rb.md", "--from", "9").returncode == 2


UNATTENDED = """# Runbook: Unattended

## Procedure
### Step 1: Read
```bash
echo status-ok
```
```expect
/status-(ok|fine)/
```

### Step 2: Marked
```bash {mutating}
echo marked >> trace.log
```

### Step 3: Not known read-only
```bash
rm -f nothing-here; echo looked >> trace.log
```

### Step 4: Not in tests
```bash {skip-test}
echo skip >> trace.log
```

### Step 5: Exit code
```bash {readonly}
exit 3
```
```expect {exit=3}
```
"""


def test_unattended_policy_and_junit(cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(UNATTENDED)
    result = cli("test", "rb.md", "--junit", "out/junit.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "trace.log").exists()
    suite = ET.parse(tmp_path / "out" / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "0", "3")
    reasons = [s.get("message") for s in suite.iter("skipped")]
    assert reasons == ["marked mutating",
                       "would run 'rm' (not known read-only): mark the step readonly if it is",
                       "skip-test"]
    allowed = cli("test", "rb.md", "--allow-mutating")
    assert allowed.returncode == 0
    assert (tmp_path / "trace.log").read_text() == "marked\nlooked\n"


def test_unattended_failure_and_missing_variable(cli, write_runbook: WriteRunbook,
                                                 tmp_path: Path) -> None:
    write_runbook(UNATTENDED.replace("status-(ok|fine)", "status-bad"), "bad.md")
    write_runbook(ECHO, "needs-var.md")
    result = cli("test", "bad.md", "needs-var.md", "--junit", "j.xml")
    assert result.returncode == 1
    assert "FAIL bad.md" in result.stdout
    assert "1 variable without a usable value:\n    VALUE (anything): has no value" \
        in result.stdout
    root = ET.parse(tmp_path / "j.xml").getroot()
    failure = next(root.iter("failure"))
    assert "status-bad" in (failure.get("message") or "")
    assert "status-ok" in (failure.text or "")
    assert next(root.iter("error")).get("message", "").startswith("1 variable without")
    runs = json.loads(cli("runs", "--format", "json").stdout)
    assert {r["status"] for r in runs} == {"failed"}


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: ClassVar[list[dict[str, Any]]] = []
    handler = type("Hook", (_Hook,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_notifications_at_start_failure_and_end(cli, write_runbook: WriteRunbook,
                                                tmp_path: Path, webhook: Any) -> None:
    url, received = webhook
    (tmp_path / "runwright.toml").write_text(f'[notify]\nwebhook = "{url}"\n',
                                             encoding="utf-8")
    write_runbook(STEPS.replace("echo alice", "echo alice; exit 4"))
    result = cli("run", "rb.md", "--yes", input="a\n")
    assert result.returncode == 1
    events = [m["runwright"]["event"] for m in received]
    assert events == ["start", "failure", "end"]
    assert all(isinstance(m["text"], str) and m["text"] for m in received)
    assert received[2]["runwright"]["runbook"] == "rb.md"


def test_unreachable_webhook_only_warns(cli, write_runbook: WriteRunbook,
                                        tmp_path: Path) -> None:
    (tmp_path / "runwright.toml").write_text(
        '[notify]\nwebhook = "http://127.0.0.1:9/nothing"\ntimeout = 1\n', encoding="utf-8")
    write_runbook(ECHO)
    result = cli("run", "rb.md", "--yes", "--var", "VALUE=x")
    assert result.returncode == 0
    assert result.stdout.count("notification not delivered") == 1


WATCH = """# Runbook: Watch and timeout

## Procedure
### Step 1: Follow the log
```bash {watch timeout=1s}
while true; do echo tick; sleep 0.2; done
```

### Step 2: Too slow
```bash {timeout=500ms}
sleep 30
```
"""


def test_watch_ends_on_timeout_and_timeout_fails_a_step(cli, write_runbook: WriteRunbook) -> None:
    write_runbook(WATCH)
    result = cli("run", "rb.md", "--yes", input="a\n")
    assert result.returncode == 1
    assert "tick" in result.stdout and "(watch ended)" in result.stdout
    assert "Step 1 done" in result.stdout
    assert "Step 2 failed: timed out after 0.5s" in result.stdout
