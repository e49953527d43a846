"""What ``run`` and ``test`` say about bad input: secrets stay masked, a bad --from leaves no
run behind, and parse problems are warned about before anything runs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner

from runwright.runner.journal import Journal

from .conftest import WriteRunbook

SECRET = """---
variables:
  TOKEN:
    description: API token
    secret: true
    pattern: ^tok_[a-z]+$
---
# Runbook: Secret

## Procedure

### Step 1: Use

```bash {readonly}
echo "$TOKEN" | wc -c
```
"""

UNTERMINATED = """# Runbook: Broken fence

## Procedure

### Step 1: Look

```bash {readonly}
echo looked
"""


def test_an_invalid_secret_is_never_echoed(cli: CliRunner, tmp_path: Path,
                                           write_runbook: WriteRunbook) -> None:
    write_runbook(SECRET)
    given = cli("run", "rb.md", "--var", "TOKEN=hunter2", "--dry-run", cwd=tmp_path)
    assert given.returncode == 2
    assert "--var TOKEN: **** must match" in given.stderr
    from_env = cli("test", "rb.md", cwd=tmp_path, env={"TOKEN": "hunter2"})
    assert from_env.returncode == 1
    assert "TOKEN (API token): **** must match" in from_env.stdout
    for proc in (given, from_env):
        assert "hunter2" not in proc.stdout + proc.stderr


def test_missing_variable_in_test_says_how_to_give_it(cli: CliRunner, tmp_path: Path,
                                                      write_runbook: WriteRunbook) -> None:
    write_runbook(SECRET)
    proc = cli("test", "rb.md", "--junit", "junit.xml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "TOKEN (API token): has no value (pass --var TOKEN=VALUE" in proc.stdout
    assert "pass --var TOKEN=VALUE" in (tmp_path / "junit.xml").read_text(encoding="utf-8")


def test_bad_from_records_no_run(cli: CliRunner, tmp_path: Path,
                                 write_runbook: WriteRunbook) -> None:
    write_runbook(UNTERMINATED)
    proc = cli("run", "rb.md", "--from", "9", cwd=tmp_path, input="")
    assert proc.returncode == 2
    assert "Error: --from 9: no such step in rb.md" in proc.stderr
    journal_db = tmp_path / "state" / "journal.db"
    if journal_db.exists():
        with Journal.open(str(journal_db)) as journal:
            assert journal.runs() == []


def test_parse_problems_are_warned_before_running(cli: CliRunner, tmp_path: Path,
                                                  write_runbook: WriteRunbook) -> None:
    write_runbook(UNTERMINATED)
    dry = cli("run", "rb.md", "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0
    assert "Warning: rb.md:7: code fence opened with ``` is never closed" in dry.stdout
    tested = cli("test", "rb.md", cwd=tmp_path)
    assert "Warning: rb.md:7: code fence opened with ``` is never closed" in tested.stderr


FAILING = """# Runbook: Failing

## Procedure

### Step 1: Fail

```bash
echo failing; exit 4
```

### Step 2: Never

```bash
echo never >> trace.log
```
"""


def test_quit_at_the_failure_menu_aborts(cli: CliRunner, tmp_path: Path,
                                         write_runbook: WriteRunbook) -> None:
    """'q' quits at every other prompt; at the failure menu it is taken as [a]bort."""
    write_runbook(FAILING)
    proc = cli("run", "rb.md", cwd=tmp_path, input="r\nq\n")
    assert "answer one of" not in proc.stdout
    assert "status failed" in proc.stdout and proc.returncode == 1
    assert not (tmp_path / "trace.log").exists()
