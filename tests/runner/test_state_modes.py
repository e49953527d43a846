"""The state directory and the journal files are private to their user, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

RUNBOOK = """# Runbook: Modes

## Procedure
### Step 1: Print
```bash
echo hello
```
"""


def _runwright(*args: str, cwd: Path,
               state: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI under umask 000, so that any mode left to the umask shows as 0666/0777."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("RUNWRIGHT_STATE_DIR", "RUNWRIGHT_JOURNAL")}
    env["NO_COLOR"] = "1"
    if state is not None:
        env["RUNWRIGHT_STATE_DIR"] = str(state)
    argv = ["sh", "-c", 'umask 000 && exec "$@"', "sh", sys.executable, "-m", "runwright", *args]
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_state_dir_and_journal_are_private(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "rb.md").write_text(RUNBOOK, encoding="utf-8")
    result = _runwright("run", "rb.md", "--yes", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    state = tmp_path / ".runwright"
    assert _mode(state) == 0o700
    journal_files = sorted(state.glob("journal.db*"))
    assert journal_files[0].name == "journal.db"
    assert {p.name: _mode(p) for p in journal_files} == {p.name: 0o600 for p in journal_files}


def test_state_dir_from_the_environment_is_created_private(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "rb.md").write_text(RUNBOOK, encoding="utf-8")
    state = tmp_path / "deep" / "state"
    result = _runwright("run", "rb.md", "--yes", cwd=tmp_path, state=state)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _mode(state) == 0o700
    assert _mode(state / "journal.db") == 0o600


def test_existing_state_is_tightened(tmp_path: Path) -> None:
    """A .runwright/ and journal left world-readable by an older runwright are made private."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs" / "runbooks").mkdir(parents=True)
    (tmp_path / "docs" / "runbooks" / "rb.md").write_text(RUNBOOK, encoding="utf-8")
    state = tmp_path / ".runwright"
    state.mkdir(mode=0o755)
    os.chmod(state, 0o755)
    (state / "journal.db").touch()
    os.chmod(state / "journal.db", 0o644)
    result = _runwright("run", "docs/runbooks/rb.md", "--yes", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _mode(state) == 0o700
    assert {p.name: _mode(p) for p in state.glob("journal.db*")} == {
        p.name: 0o600 for p in state.glob("journal.db*")}


def test_an_existing_state_dir_given_by_the_user_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "rb.md").write_text(RUNBOOK, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o750)
    result = _runwright("run", "rb.md", "--yes", cwd=tmp_path, state=shared)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _mode(shared) == 0o750
    assert _mode(shared / "journal.db") == 0o600
