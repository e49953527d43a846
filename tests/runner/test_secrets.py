"""Secrets through the real ``runwright`` command: a variable's value is masked everywhere when
any runbook of the session declares its name secret, when its name looks secret, or when the
configuration lists it, whatever the order the runbooks run in; a captured secret stays in
memory, and ``--resume`` captures it again or asks for it, never running a command with
``****`` in it."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from pathlib import Path

from .conftest import WriteRunbook, dump_journal

PHRASE, TOKEN, PASSWORD, DSN = "phr-4a1c", "tok-7b2d", "pw-9c3e", "dsn-5d4f"
VALUES = (PHRASE, TOKEN, PASSWORD, DSN)

DECLARES = """---
variables:
  ACCESS_PHRASE:
    description: declared secret here only
    secret: true
  TOKEN:
    description: looks secret by its name
---
# Runbook: Declares

## Procedure
### Step 1: Show
```bash {readonly}
echo "declares: $ACCESS_PHRASE $TOKEN"
```
"""
PLAIN = """---
variables:
  ACCESS_PHRASE:
    description: not declared secret here
---
# Runbook: Plain

## Procedure
### Step 1: Show
```bash {readonly}
echo "plain: $ACCESS_PHRASE $TOKEN"
echo "stderr: $DSN" >&2
```
"""
UNDECLARED = """# Runbook: Undeclared

## Procedure
### Step 1: Show
```bash {readonly}
echo "undeclared: $ACCESS_PHRASE $DB_PASSWORD $DSN"
exit 3
```
"""
NAMES = ("declares.md", "plain.md", "undeclared.md")


def _normalised(journal: Path) -> dict[str, object]:
    """runbook -> its run and events without ids, times and durations."""
    conn = sqlite3.connect(journal)
    out: dict[str, object] = {}
    for run_id, runbook, status, variables in conn.execute(
            "SELECT id, runbook, status, variables FROM runs"):
        events = []
        for kind, step, data in conn.execute(
                "SELECT kind, step, data FROM events WHERE run_id = ? ORDER BY id", (run_id,)):
            fields = {k: v for k, v in json.loads(data).items() if k != "duration"}
            events.append((kind, step, fields))
        out[runbook] = (status, json.loads(variables), events)
    conn.close()
    return out


def test_secrets_are_masked_in_every_runbook_whatever_the_order(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    for name, text in zip(NAMES, (DECLARES, PLAIN, UNDECLARED), strict=True):
        write_runbook(text, name)
    (tmp_path / "runwright.toml").write_text('[run]\nsecret_variables = ["DSN"]\n')
    given = ["--var", f"ACCESS_PHRASE={PHRASE}", "--var", f"TOKEN={TOKEN}",
             "--var", f"DB_PASSWORD={PASSWORD}", "--var", f"DSN={DSN}"]
    journals = []
    for n, order in enumerate(itertools.permutations(NAMES)):
        state = tmp_path / f"state-{n}"
        junit = tmp_path / f"junit-{n}.xml"
        result = cli("test", *order, *given, "--junit", str(junit),
                     env={"RUNWRIGHT_STATE_DIR": str(state)})
        assert result.returncode == 1, result.stdout + result.stderr  # undeclared.md fails
        assert "undeclared: **** **** ****" in result.stdout  # its failure output, masked
        seen = result.stdout + result.stderr + junit.read_text() + \
            dump_journal(str(state / "journal.db"))
        for value in VALUES:
            assert value not in seen, (order, value)
        journals.append(_normalised(state / "journal.db"))
    assert all(j == journals[0] for j in journals[1:])
    plain = journals[0]["plain.md"]
    assert isinstance(plain, tuple)
    assert plain[1] == {"ACCESS_PHRASE": None, "TOKEN": None, "DB_PASSWORD": None, "DSN": None}
    outputs = [e[2]["output"] for e in plain[2] if e[0] == "command_end"]
    assert outputs == ["plain: **** ****\nstderr: ****\n"]


SECRET_RULES = """---
variables:
  MY_PHRASE:
    description: secret by the configured pattern
  api_key:
    description: secret by a default pattern, whatever the case
---
# Runbook: Rules

## Procedure
### Step 1: Show
```bash
echo "$MY_PHRASE $api_key"
```
"""


def test_secret_name_patterns_are_configurable(cli, tmp_path: Path,
                                               write_runbook: WriteRunbook) -> None:
    write_runbook(SECRET_RULES)
    args = ("run", "rb.md", "--dry-run", "--var", "MY_PHRASE=open-sesame",
            "--var", "api_key=k-123456")
    default = cli(*args)
    assert "MY_PHRASE=open-sesame" in default.stdout and "api_key=****" in default.stdout
    (tmp_path / "runwright.toml").write_text('[run]\nsecret_names = ["*PHRASE*"]\n')
    configured = cli(*args)
    assert "MY_PHRASE=****" in configured.stdout and "api_key=k-123456" in configured.stdout
    assert "open-sesame" not in configured.stdout


CAPTURES = """# Runbook: Captures

## Procedure
### Step 1: Get a token
```bash {capture=API_TOKEN}
cat token.txt
```

### Step 2: Build the header
```bash {capture=HEADER}
echo "Bearer $API_TOKEN" | tee header.txt
```

### Step 3: Use them
```bash
test -e go
printf '%s|%s\\n' "$API_TOKEN" "$HEADER" > used.txt
```
"""
CAPTURED = "tok-captured-8e5f"


def test_captured_secrets_stay_in_memory_and_resume_gets_them_again(
        cli, tmp_path: Path, write_runbook: WriteRunbook) -> None:
    write_runbook(CAPTURES)
    (tmp_path / "token.txt").write_text(CAPTURED + "\n")
    first = cli("run", "rb.md", "--yes", input="a\n")  # step 3 fails: abort
    assert first.returncode == 1, first.stdout + first.stderr
    assert CAPTURED not in first.stdout
    assert "Bearer ****" in first.stdout
    journal = str(tmp_path / "state" / "journal.db")
    assert CAPTURED not in dump_journal(journal)
    events = json.loads(cli("report", json.loads(cli("runs", "--format", "json").stdout)[0]["id"],
                            "--format", "json").stdout)["events"]
    captures = [e["data"] for e in events if e["kind"] == "capture"]
    assert captures == [{"name": "API_TOKEN", "kept": "memory"},
                        {"name": "HEADER", "kept": "memory"}]

    (tmp_path / "go").touch()
    again = cli("run", "rb.md", "--resume", "--yes", input=f"Bearer {CAPTURED}\n")
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"API_TOKEN was captured by Step 1 .* running its read-only command "
                     r"again", again.stdout)
    assert "HEADER was captured by Step 2" in again.stdout
    assert "(its command is not known to be read-only, so it is not run again)" in again.stdout
    assert (tmp_path / "used.txt").read_text() == f"{CAPTURED}|Bearer {CAPTURED}\n"
    assert CAPTURED not in again.stdout and CAPTURED not in dump_journal(journal)
