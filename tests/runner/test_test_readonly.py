"""``runwright test`` through the real CLI: only what is known read-only runs, ``--explain``
runs nothing, and a runbook whose steps were all skipped is ``skipped``, not passed."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.runner.conftest import WriteRunbook

UNINSTALL = """# Runbook: Remove the API

## Procedure
### Step 1: Look at the release
```bash
helm status api
```

### Step 2: Uninstall it
```bash
helm -n prod uninstall api
```
"""

ONLY_CHANGES = """# Runbook: Restart

## Procedure
### Step 1: Restart
```bash
systemctl --no-pager restart nginx
```

### Step 2: Wipe
```bash
ssh db1 rm -rf /var/lib/postgresql
```
"""

READS = """# Runbook: Look

## Procedure
### Step 1: Look
```bash
helm status api
```
"""


def _fake_helm(tmp_path: Path) -> dict[str, str]:
    """A ``helm`` on PATH that leaves a marker file per subcommand it ran."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    helm = bin_dir / "helm"
    helm.write_text(f"#!/bin/sh\nfor a in \"$@\"; do case $a in -*|prod|api) ;; *) "
                    f"touch {tmp_path}/ran-$a; esac; done\necho helm-ok\n")
    helm.chmod(helm.stat().st_mode | stat.S_IXUSR)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def test_helm_uninstall_is_skipped_with_the_reason_and_does_not_run(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(UNINSTALL)
    env = _fake_helm(tmp_path)
    result = cli("test", "rb.md", "--junit", "junit.xml", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "ran-status").exists()  # the read-only step ran
    assert not (tmp_path / "ran-uninstall").exists()  # the other did not
    assert "would run 'helm uninstall' (not known read-only): mark the step readonly if it is" \
        in result.stdout
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    assert [s.get("message") for s in suite.iter("skipped")] == [
        "would run 'helm uninstall' (not known read-only): mark the step readonly if it is"]
    assert result.stdout.splitlines()[-1] == "1 passed, 0 skipped, 0 failed"
    allowed = cli("test", "rb.md", "--allow-mutating", env=env)
    assert allowed.returncode == 0
    assert (tmp_path / "ran-uninstall").exists()  # the marker does show a run


def test_readonly_marks_and_config_entries_let_a_step_run(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    env = _fake_helm(tmp_path)
    write_runbook(UNINSTALL.replace("```bash\nhelm -n prod", "```bash {readonly}\nhelm -n prod"))
    assert cli("test", "rb.md", env=env).returncode == 0
    assert (tmp_path / "ran-uninstall").exists()
    (tmp_path / "ran-uninstall").unlink()
    write_runbook(UNINSTALL)
    (tmp_path / "runwright.toml").write_text('[test]\nreadonly_commands = ["helm uninstall"]\n')
    assert cli("test", "rb.md", env=env).returncode == 0
    assert (tmp_path / "ran-uninstall").exists()


def test_a_config_entry_that_cannot_be_read_is_an_error(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(READS)
    (tmp_path / "runwright.toml").write_text('[test]\nreadonly_commands = ["--all"]\n')
    result = cli("test", "rb.md")
    assert result.returncode == 2
    assert "Error: test.readonly_commands" in result.stderr


def test_explain_says_what_would_run_and_runs_nothing(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(UNINSTALL)
    env = _fake_helm(tmp_path)
    result = cli("test", "rb.md", "--explain", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "rb.md"
    assert lines[1].split() == ["Step", "1", "run", "Look", "at", "the", "release"]
    assert lines[2].split()[:3] == ["Step", "2", "skip"]
    assert lines[3].strip() == \
        "would run 'helm uninstall' (not known read-only): mark the step readonly if it is"
    assert lines[-1] == "1 of 2 steps and verification items would run, in 1 runbooks " \
                        "(nothing was run)"
    assert not list(tmp_path.glob("ran-*"))  # nothing ran
    runs = cli("runs", "--format", "json", env=env)
    assert json.loads(runs.stdout or "[]") == []  # nothing was journalled
    mutating = cli("test", "rb.md", "--explain", "--allow-mutating", env=env)
    assert mutating.stdout.count(" run ") == 2
    assert not list(tmp_path.glob("ran-*"))


def test_explain_names_missing_variables_and_unreadable_paths(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook("---\nvariables:\n  NS:\n    description: the namespace\n---\n" + READS)
    result = cli("test", "rb.md", "missing.md", "--explain")
    assert result.returncode == 2
    assert "would not start: 1 variable without a usable value:\n" \
        "    NS (the namespace): has no value" in result.stdout
    assert "Error:" in result.stderr and "missing.md" in result.stderr
    assert cli("test", "rb.md", "--explain", "--junit", "x.xml").returncode == 2


def test_a_runbook_whose_steps_were_all_skipped_is_skipped(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(ONLY_CHANGES, "changes.md")
    write_runbook(READS, "reads.md")
    env = _fake_helm(tmp_path)
    result = cli("test", "changes.md", "reads.md", "--junit", "junit.xml", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SKIP changes.md" in result.stdout and "PASS reads.md" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 passed, 1 skipped, 0 failed"
    runs = {r["runbook"]: r["status"] for r in json.loads(
        cli("runs", "--format", "json", env=env).stdout)}
    assert runs == {"changes.md": "skipped", "reads.md": "passed"}
    suites = {s.get("name"): s for s in ET.parse(tmp_path / "junit.xml").getroot()}
    skipped = [c for c in suites["changes.md"] if c.tag == "skipped"]
    assert len(skipped) == 1 and "nothing was tested" in (skipped[0].get("message") or "")
    assert not [c for c in suites["reads.md"] if c.tag == "skipped"]


def test_a_failure_is_counted_and_fails_the_exit_status(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(READS.replace("helm status api", "ls /nothing-here-at-all"), "fails.md")
    write_runbook(ONLY_CHANGES, "changes.md")
    result = cli("test", "fails.md", "changes.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "0 passed, 1 skipped, 1 failed"
